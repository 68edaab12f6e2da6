// California CTE code sets that are part of Pathlight's data model (as opposed
// to the reference files in data/, which are loaded into the database):
// organization types, student groups, grade levels, CTE status and the
// work-based-learning continuum. Codes are stable identifiers used in CSV
// templates, the database and the API; labels are for people.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pl {

struct CodeValue {
  std::string code;
  std::string label;
};

struct FixedCodeSet {
  std::string name;          // "gender"
  std::string description;
  std::vector<CodeValue> values;
};

// Every fixed code set, by name: org_type, gender, race_ethnicity,
// grade_level, cte_status, wbl_type, soc_level, and for labor-market data
// area_type, award_level, code_system, entry_education, household_type,
// edit_action.
const std::vector<FixedCodeSet>& FixedCodeSets();
const FixedCodeSet* FindFixedCodeSet(std::string_view name);

// School years: the ending year is the canonical form (2024 = "2023-24").
std::string SchoolYearLabel(int ending_year);
// "2023-24", "2023-2024" or "2024" -> 2024; 0 when malformed.
int ParseSchoolYear(std::string_view raw);

}  // namespace pl
