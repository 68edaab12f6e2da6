#include "core/code_sets.hpp"

#include <charconv>

#include <fmt/format.h>

namespace pl {

const std::vector<FixedCodeSet>& FixedCodeSets() {
  static const std::vector<FixedCodeSet> kSets = {
      {"org_type",
       "Kind of organization (DESIGN.md common data elements)",
       {{"state_agency", "State agency"},
        {"county_office", "County office of education"},
        {"district", "School district"},
        {"school", "School"},
        {"college_district", "Community college district"},
        {"college", "College"},
        {"university", "University"},
        {"employer", "Employer"},
        {"cbo", "Community-based organization"},
        {"intermediary", "Workforce intermediary"},
        {"consortium", "Regional consortium"}}},
      {"gender",
       "Gender as reported (CALPADS categories)",
       {{"F", "Female"}, {"M", "Male"}, {"X", "Nonbinary"}, {"U", "Not reported"}}},
      {"race_ethnicity",
       "Race/ethnicity reporting category (federal/CALPADS categories)",
       {{"hispanic_latino", "Hispanic or Latino"},
        {"american_indian_alaska_native", "American Indian or Alaska Native"},
        {"asian", "Asian"},
        {"black_african_american", "Black or African American"},
        {"filipino", "Filipino"},
        {"native_hawaiian_pacific_islander", "Native Hawaiian or Pacific Islander"},
        {"white", "White"},
        {"two_or_more", "Two or more races"},
        {"not_reported", "Not reported"}}},
      {"grade_level",
       "Grade level in the school year; 13 and 14 are the first and later years of community college",
       {{"KN", "Kindergarten"}, {"01", "Grade 1"}, {"02", "Grade 2"}, {"03", "Grade 3"},
        {"04", "Grade 4"},      {"05", "Grade 5"}, {"06", "Grade 6"}, {"07", "Grade 7"},
        {"08", "Grade 8"},      {"09", "Grade 9"}, {"10", "Grade 10"}, {"11", "Grade 11"},
        {"12", "Grade 12"},     {"13", "College, first year"},
        {"14", "College, second year or later"}, {"AD", "Adult education"}}},
      {"cte_status",
       "CTE status in the year (Perkins V definitions); blank when the student took no CTE",
       {{"participant", "Participant: completed at least one CTE course"},
        {"concentrator", "Concentrator: two or more courses in one pathway (K-12) or 12+ CTE units (college)"},
        {"completer", "Completer: finished the pathway's course sequence"}}},
      {"wbl_type",
       "Stage on California's work-based-learning continuum; blank when none",
       {{"awareness", "Career awareness (e.g. guest speakers, workplace tours)"},
        {"exploration", "Career exploration (e.g. job shadowing, informational interviews)"},
        {"preparation", "Career preparation (e.g. internships, school-based enterprises)"},
        {"training", "Career training (e.g. apprenticeships, clinical placements)"}}},
      {"soc_level",
       "Level of a SOC 2018 code",
       {{"major", "Major group"}, {"minor", "Minor group"}, {"broad", "Broad occupation"},
        {"detailed", "Detailed occupation"}}},
      // Labor-market data (docs/labor-method.md).
      {"area_type",
       "Kind of area a labor_demand row describes",
       {{"county", "County (area_code: county FIPS)"},
        {"region", "Region of the default scheme `ccc` (area_code: region code)"},
        {"state", "California (area_code: CA)"},
        {"nation", "United States (area_code: US); never shown as a region's numbers unless scaled on request"}}},
      {"award_level",
       "Level of an award conferred (program_awards); matched to BLS typical entry education by the labor engine",
       {{"noncredit_certificate", "Noncredit certificate"},
        {"certificate_short", "Credit certificate under one year (< 30 semester units)"},
        {"certificate_long", "Credit certificate of one to two years"},
        {"associate", "Associate degree (AA, AS, ADT)"},
        {"bachelor", "Bachelor's degree"},
        {"graduate", "Graduate degree (master's, doctoral or professional)"}}},
      {"code_system",
       "Program code system",
       {{"TOP", "California Community Colleges Taxonomy of Programs (table top_code)"},
        {"CIP", "Classification of Instructional Programs 2020 (table cip_program)"}}},
      {"entry_education",
       "BLS typical education needed for entry, spelled as BLS publishes it",
       {{"No formal educational credential", "No formal educational credential"},
        {"High school diploma or equivalent", "High school diploma or equivalent"},
        {"Some college, no degree", "Some college, no degree"},
        {"Postsecondary nondegree award", "Postsecondary nondegree award"},
        {"Associate's degree", "Associate's degree"},
        {"Bachelor's degree", "Bachelor's degree"},
        {"Master's degree", "Master's degree"},
        {"Doctoral or professional degree", "Doctoral or professional degree"}}},
      {"household_type",
       "Household a living wage is computed for: adults (a) and children (c). For two adults both work "
       "and the wage is per working adult",
       {{"1a0c", "One adult, no children"}, {"1a1c", "One adult, one child"},
        {"1a2c", "One adult, two children"}, {"1a3c", "One adult, three children"},
        {"2a0c", "Two working adults, no children"}, {"2a1c", "Two working adults, one child"},
        {"2a2c", "Two working adults, two children"}, {"2a3c", "Two working adults, three children"}}},
      {"edit_action",
       "A local edit of the program-to-occupation crosswalk",
       {{"add", "Link the program to an occupation the crosswalk lacks"},
        {"remove", "Drop a link the crosswalk has"}}},
  };
  return kSets;
}

const FixedCodeSet* FindFixedCodeSet(std::string_view name) {
  for (const auto& set : FixedCodeSets()) {
    if (set.name == name) return &set;
  }
  return nullptr;
}

std::string SchoolYearLabel(int ending_year) {
  return fmt::format("{}-{:02}", ending_year - 1, ending_year % 100);
}

namespace {
bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}
}  // namespace

int ParseSchoolYear(std::string_view raw) {
  auto year = [](std::string_view s) {
    int v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return (ec == std::errc() && end == s.data() + s.size()) ? v : -1;
  };
  constexpr int kMin = 1990, kMax = 2100;
  if (raw.size() == 4 && AllDigits(raw)) {
    int y = year(raw);
    return (y >= kMin && y <= kMax) ? y : 0;
  }
  // "2023-24" or "2023-2024": the second part must be the next year.
  if ((raw.size() == 7 || raw.size() == 9) && raw[4] == '-' && AllDigits(raw.substr(0, 4)) &&
      AllDigits(raw.substr(5))) {
    int start = year(raw.substr(0, 4));
    int end = year(raw.substr(5));
    int expected = raw.size() == 7 ? (start + 1) % 100 : start + 1;
    if (end != expected || start + 1 < kMin || start + 1 > kMax) return 0;
    return start + 1;
  }
  return 0;
}

}  // namespace pl
