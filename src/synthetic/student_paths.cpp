#include "synthetic/student_paths.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "synthetic/model_parameters.hpp"

namespace pl::synthetic {
namespace {

constexpr std::string_view kRaceCodes[kRaceCount] = {
    "hispanic_latino", "american_indian_alaska_native", "asian", "black_african_american", "filipino",
    "native_hawaiian_pacific_islander", "white", "two_or_more", "not_reported"};
constexpr std::string_view kCteStatus[4] = {"", "participant", "concentrator", "completer"};
constexpr std::string_view kWblStages[4] = {"awareness", "exploration", "preparation", "training"};

// Terms of the model's year the coefficient table calls trend and covid
// are measured from this school year, whatever window is generated, so the
// same student in the same year behaves the same in any window.
constexpr int kTrendBaseYear = 2016;
constexpr int kCovidYear = 2020;

// Room for the longest possible path: grade 9 to 12 with a repeat of every
// grade and a fifth year (8 rows), then the college years.
constexpr int kMaxRows = 16;

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

// The part of a logit that changes from year to year.
double Dynamic(const Coefficients& b, double site_effect, bool cte, int status, bool dual_enrolled, int year) {
  return b.school * site_effect + b.cte * cte + b.concentrator * (status >= 2) + b.completer * (status >= 3) +
         b.dual_enrolled * dual_enrolled + b.trend * (year - kTrendBaseYear) + b.covid * (year == kCovidYear);
}

template <std::size_t N>
int PickWeighted(const std::array<double, N>& weights, Rng& rng) {
  double total = 0;
  for (double w : weights) total += w;
  double u = rng.Uniform() * total;
  for (std::size_t i = 0; i < N; ++i) {
    if (u < weights[i]) return static_cast<int>(i);
    u -= weights[i];
  }
  return static_cast<int>(N) - 1;
}

template <std::size_t N>
double PickValue(const std::array<WeightedValue, N>& values, Rng& rng) {
  std::array<double, N> weights;
  for (std::size_t i = 0; i < N; ++i) weights[i] = values[i].weight;
  return values[PickWeighted(weights, rng)].value;
}

int GenderSlot(char gender) { return gender == 'F' ? 0 : gender == 'M' ? 1 : 2; }

bool Offers(const Site& site, int sector) {
  const Cdf& cdf = site.sector_cdf[2];
  return cdf[sector] > (sector == 0 ? 0.0 : cdf[sector - 1]);
}

}  // namespace

struct StudentPaths::Row {
  int year = 0;
  int site = 0;
  bool college = false;
  int grade = 9;
  int pathway = -1;
  int cte_status = 0;
  int de_attempted = -1;  // tenths of a unit; -1 none
  int de_earned = -1;
  int wbl_stage = -1;
  int wbl_hours = 0;
  bool credential = false;
  int hs_graduate = -1;  // -1 blank, 0 N, 1 Y
  int postsecondary = -1;
  int employed = -1;
  std::uint64_t wage_cents = 0;
};

struct StudentPaths::Student {
  int county = 0;
  int birth_year = 0;
  StudentAttributes a;
  // The time-invariant part of every outcome's logit: intercept, groups,
  // place and latent propensity.
  std::array<double, kOutcomeCount> base{};
  int hs_status = 0;  // highest CTE status reached in high school
  int hs_pathway = -1;
  bool dual_enrolled = false;
  int row_count = 0;
  std::array<Row, kMaxRows> rows;

  Row& AddRow() {
    Row& row = rows[std::min(row_count++, kMaxRows - 1)];
    row = Row{};
    return row;
  }
};

StudentPaths::StudentPaths(const ReferenceInput& input, const Directory& directory, const Population& population,
                           int first_year, int years, CsvFile& students, CsvFile& student_years,
                           CompletionTally& tally)
    : input_(input),
      dir_(directory),
      population_(population),
      first_year_(first_year),
      end_year_(first_year + years),
      students_(students),
      student_years_(student_years),
      tally_(tally) {
  for (int y = first_year; y < end_year_; ++y) school_years_.push_back(fmt::format("{}-{:02d}", y, (y + 1) % 100));
  for (const auto& s : input.sector_codes) {
    sector_fields_.push_back(CsvField(s));
    sectors_.push_back(&FindSector(s));
  }
  for (const auto& p : input.pathways) pathway_fields_.push_back(CsvField(p.pathway_code));

  for (auto h : {"student_key", "birth_year", "gender", "race_ethnicity", "socioeconomically_disadvantaged",
                 "disability", "english_learner", "foster_youth", "homeless", "migrant", "first_generation"}) {
    students_.Plain(h);
  }
  students_.EndRow();
  for (auto h : {"student_key", "school_year", "org_id", "grade_level", "sector_code", "pathway_code", "cte_status",
                 "de_units_attempted", "de_units_earned", "wbl_type", "wbl_hours", "industry_credential",
                 "hs_graduate", "postsecondary_enrolled", "employed", "quarterly_wage"}) {
    student_years_.Plain(h);
  }
  student_years_.EndRow();
}

namespace {

void ComputeBase(std::array<double, kOutcomeCount>& base, const StudentAttributes& a, const CountyPlace& place,
                 double latent) {
  const ModelParameters& m = Parameters();
  const RegionParameters& region = *place.region;
  const int race = a.race;
  for (int o = 0; o < kOutcomeCount; ++o) {
    const Coefficients& b = m.logit[o];
    base[o] = b.intercept + b.sed * a.sed + b.disability * a.disability + b.english_learner * a.english_learner +
              b.foster * a.foster + b.homeless * a.homeless + b.migrant * a.migrant +
              b.first_gen * (a.first_gen == 1) + b.male * (a.gender == 'M') +
              b.black * (race == kBlackAfricanAmerican) + b.hispanic * (race == kHispanicLatino) +
              b.asian * (race == kAsian) + b.filipino * (race == kFilipino) +
              b.native * (race == kAmericanIndianAlaskaNative || race == kNativeHawaiianPacificIslander) +
              b.rural * place.rurality + b.access * region.access + b.attainment * region.attainment +
              b.labor * region.labor + b.latent * latent;
  }
}

}  // namespace

int StudentPaths::PickPathway(const Site& site, const Student& s, Rng& rng) const {
  const Cdf& sectors = site.sector_cdf[GenderSlot(s.a.gender)];
  const int sector = Pick(sectors, rng.Uniform());
  const auto& pathways = dir_.sector_pathways[sector];
  return pathways[Pick(dir_.pathway_cdf[sector], rng.Uniform())];
}

int StudentPaths::PickCollege(int county, Rng& rng) const {
  const ModelParameters& m = Parameters();
  const CountyPlace& place = dir_.counties[county];
  if (!place.home_colleges.empty() && rng.Bernoulli(m.cc_home_county_share)) {
    return place.home_colleges[Pick(place.home_college_cdf, rng.Uniform())];
  }
  return place.region_colleges[Pick(place.region_college_cdf, rng.Uniform())];
}

void StudentPaths::DrawWage(Row& row, const Student& s, int year, double median, int sector, Rng& rng) {
  const ModelParameters& m = Parameters();
  double wage = median * dir_.counties[s.county].region->wage_multiplier *
                std::pow(1 + m.wage_growth_per_year, year - kTrendBaseYear) * std::exp(m.wage_log_sd * rng.Normal());
  if (s.a.gender == 'F') wage *= m.female_wage_factor;
  if (s.a.race == kBlackAfricanAmerican || s.a.race == kHispanicLatino) wage *= m.black_hispanic_wage_factor;
  if (sector >= 0) wage *= sectors_[sector]->wage_multiplier;
  if (row.credential) wage *= m.credential_wage_factor;
  if (row.cte_status == 3) wage *= m.completer_wage_factor;
  if (year == kCovidYear) wage *= m.covid_wage_factor;
  wage = std::clamp(wage, m.wage_min, m.wage_max);
  row.wage_cents = static_cast<std::uint64_t>(std::llround(wage * 100));
}

namespace {

int WblHours(int stage, bool college, const CountyPlace& place, int year, Rng& rng) {
  const ModelParameters& m = Parameters();
  double hours = m.wbl_median_hours[stage] * (college ? m.cc_wbl_hours_factor : 1.0) *
                 place.region->wbl_hours_multiplier * (1 - m.wbl_rural_hours_reduction * place.rurality) *
                 (year == kCovidYear ? m.wbl_covid_hours_factor : 1.0) * std::exp(m.wbl_hours_log_sd * rng.Normal());
  return static_cast<int>(std::clamp(std::lround(hours), 1L, static_cast<long>(m.wbl_hours_max)));
}

}  // namespace

void StudentPaths::HighSchoolClass(int county, int entry_year, int count, Rng& rng) {
  const ModelParameters& m = Parameters();
  const auto& L = m.logit;
  const CountyPlace& place = dir_.counties[county];
  for (int i = 0; i < count; ++i) {
    Student s;
    s.county = county;
    s.a = population_.Draw(county, rng);
    s.birth_year = entry_year - static_cast<int>(PickValue(m.grade9_ages, rng));
    ComputeBase(s.base, s.a, place, rng.Normal());

    int school = place.schools[Pick(place.school_cdf, rng.Uniform())];
    int grade = 9;
    bool cte_last = false;
    int pathway = -1, years_in_pathway = 0, status = 0;
    bool fifth_year = false;
    int college_start = -1;
    for (int year = entry_year; year < end_year_; ++year) {
      if (year != entry_year) {
        const double move = m.mobility_rate + s.a.foster * m.mobility_foster_extra +
                            s.a.homeless * m.mobility_homeless_extra;
        if (rng.Bernoulli(move)) school = place.schools[Pick(place.school_cdf, rng.Uniform())];
      }
      const Site& site = dir_.schools[school];
      const double z = site.effect;
      const int g = grade - 9;
      Row& row = s.AddRow();
      row.year = year;
      row.site = school;
      row.grade = grade;

      // CTE: start or continue, stay in or switch pathway, progress.
      const bool take =
          cte_last
              ? rng.Logit(s.base[kHsCteContinue] + Dynamic(L[kHsCteContinue], z, true, status, s.dual_enrolled, year))
              : rng.Logit(s.base[kHsCteStart] + m.cte_grade_shift[g] +
                          Dynamic(L[kHsCteStart], z, false, status, s.dual_enrolled, year));
      if (take) {
        const bool can_stay = pathway >= 0 && Offers(site, dir_.pathway_sector[pathway]);
        if (!can_stay || !rng.Bernoulli(m.pathway_stay_share)) {
          const int chosen = PickPathway(site, s, rng);
          if (chosen != pathway) {
            pathway = chosen;
            years_in_pathway = 0;
            status = 0;
          }
        }
        ++years_in_pathway;
        if (status == 0) {
          status = 1;
        } else if (status == 1) {
          if (years_in_pathway >= 2 &&
              rng.Logit(s.base[kHsConcentrate] + Dynamic(L[kHsConcentrate], z, true, status, s.dual_enrolled, year))) {
            status = 2;
          }
        } else if (status == 2 && grade >= 11) {
          if (rng.Logit(s.base[kHsComplete] + Dynamic(L[kHsComplete], z, true, status, s.dual_enrolled, year))) {
            status = 3;
          }
        }
        row.pathway = pathway;
        row.cte_status = status;
        if (status >= s.hs_status) {
          s.hs_status = status;
          s.hs_pathway = pathway;
        }
        const int sector = dir_.pathway_sector[pathway];
        row.credential = rng.Logit(s.base[kHsCredential] + sectors_[sector]->credential_shift +
                                   Dynamic(L[kHsCredential], z, true, status, s.dual_enrolled, year));
      }
      cte_last = take;
      const int status_now = take ? status : 0;

      // Dual enrollment: courses, units, passes.
      if (rng.Logit(s.base[kHsDualEnroll] + m.dual_enroll_grade_shift[g] +
                    Dynamic(L[kHsDualEnroll], z, take, status_now, s.dual_enrolled, year))) {
        const int early_college_span = m.early_college_max_courses - m.early_college_min_courses + 1;
        const int courses = rng.Bernoulli(m.early_college_share)
                                ? m.early_college_min_courses + static_cast<int>(rng.Below(early_college_span))
                                : static_cast<int>(PickValue(m.de_courses, rng));
        const int max_tenths = static_cast<int>(std::lround(m.de_units_max * 10));
        int attempted = 0, earned = 0;
        for (int k = 0; k < courses; ++k) {
          const int units = static_cast<int>(std::lround(PickValue(m.de_course_units, rng) * 10));
          if (attempted + units > max_tenths) break;
          attempted += units;
          if (rng.Logit(s.base[kHsDualEnrollPass] +
                        Dynamic(L[kHsDualEnrollPass], z, take, status_now, s.dual_enrolled, year))) {
            earned += units;
          }
        }
        row.de_attempted = attempted;
        row.de_earned = earned;
        s.dual_enrolled = true;
      }

      // Work-based learning: whether, which stage, how many hours.
      if (rng.Logit(s.base[kHsWorkBasedLearning] + m.wbl_grade_shift[g] +
                    Dynamic(L[kHsWorkBasedLearning], z, take, status_now, s.dual_enrolled, year))) {
        int stage = PickWeighted(m.hs_wbl_stage_weights[status_now], rng);
        if (grade == 9) stage = std::min(stage, 1);  // ninth graders explore at most
        row.wbl_stage = stage;
        row.wbl_hours = WblHours(stage, false, place, year, rng);
      }

      if (grade == 12) {
        // Exit outcomes look at the whole high-school record.
        const bool ever_cte = s.hs_status >= 1;
        const bool graduate = rng.Logit(s.base[kHsGraduate] +
                                        Dynamic(L[kHsGraduate], z, ever_cte, s.hs_status, s.dual_enrolled, year));
        const bool enrolls = rng.Logit(s.base[kPostsecondary] + (graduate ? 0.0 : m.postsecondary_non_graduate_shift) +
                                       Dynamic(L[kPostsecondary], z, ever_cte, s.hs_status, s.dual_enrolled, year));
        row.hs_graduate = graduate;
        row.postsecondary = enrolls;
        row.employed = rng.Logit(s.base[kHsEmployed] +
                                 Dynamic(L[kHsEmployed], z, ever_cte, s.hs_status, s.dual_enrolled, year));
        if (row.employed) {
          DrawWage(row, s, year, m.hs_median_quarterly_wage, take ? dir_.pathway_sector[pathway] : -1, rng);
        }
        if (enrolls && rng.Logit(s.base[kChooseCommunityCollege] + Dynamic(L[kChooseCommunityCollege], z, ever_cte,
                                                                          s.hs_status, s.dual_enrolled, year))) {
          college_start = year + 1;
        } else if (enrolls && s.hs_status >= 2) {
          // A concentrator or completer going on to a four-year institution
          // may earn a bachelor's degree in a related program.
          tally_.UniversityEntrant(county, s.hs_pathway, year + 1);
        }
        if (graduate || enrolls) break;
        if (!fifth_year && rng.Bernoulli(m.fifth_year_share)) {
          fifth_year = true;
          continue;
        }
        if (rng.Bernoulli(m.dropout_to_college_share)) college_start = year + 2;
        break;
      }
      if (rng.Logit(s.base[kHsDropout] + m.dropout_grade_shift[g] +
                    Dynamic(L[kHsDropout], z, take, s.hs_status, s.dual_enrolled, year))) {
        if (rng.Bernoulli(m.dropout_to_college_share)) college_start = year + 2;
        break;
      }
      double retain = m.retention_rate[g];
      if (s.a.foster) retain *= m.retention_foster_factor;
      if (s.a.homeless) retain *= m.retention_homeless_factor;
      if (s.a.disability) retain *= m.retention_disability_factor;
      if (s.a.english_learner) retain *= m.retention_el_factor;
      if (!rng.Bernoulli(retain)) ++grade;
    }
    if (college_start >= 0 && college_start < end_year_) CollegeYears(s, college_start, rng);
    Emit(s);
  }
}

void StudentPaths::AdultCollegeClass(int county, int entry_year, int count, Rng& rng) {
  const ModelParameters& m = Parameters();
  const CountyPlace& place = dir_.counties[county];
  std::array<double, 4> band_weights;
  for (std::size_t i = 0; i < band_weights.size(); ++i) band_weights[i] = m.adult_age_bands[i].weight;
  for (int i = 0; i < count; ++i) {
    Student s;
    s.county = county;
    s.a = population_.Draw(county, rng);
    const AgeBand& band = m.adult_age_bands[PickWeighted(band_weights, rng)];
    const int age = band.first_age + static_cast<int>(rng.Below(band.last_age - band.first_age + 1));
    s.birth_year = entry_year - age;
    ComputeBase(s.base, s.a, place, rng.Normal());
    CollegeYears(s, entry_year, rng);
    Emit(s);
  }
}

void StudentPaths::CollegeYears(Student& s, int start_year, Rng& rng) {
  const ModelParameters& m = Parameters();
  const auto& L = m.logit;
  const CountyPlace& place = dir_.counties[s.county];
  int college = PickCollege(s.county, rng);
  int program = -1, years_in_program = 0, status = 0;
  bool cte_last = false;
  const bool de = s.dual_enrolled;
  for (int k = 0, year = start_year; k < m.cc_max_years && year < end_year_; ++k, ++year) {
    if (k > 0 && rng.Bernoulli(m.cc_transfer_college_rate)) college = PickCollege(s.county, rng);
    const Site& site = dir_.colleges[college];
    const double z = site.effect;
    const bool adult = year - s.birth_year >= 25;
    Row& row = s.AddRow();
    row.year = year;
    row.site = college;
    row.college = true;
    row.grade = k == 0 ? 13 : 14;

    // For the program decision the CTE columns describe high school.
    const bool cte = rng.Logit(s.base[kCcCte] + (adult ? m.cc_adult_cte_shift : 0) +
                               (cte_last ? m.cc_cte_continue_shift : 0) +
                               Dynamic(L[kCcCte], z, s.hs_status >= 1, s.hs_status, de, year));
    bool completed_now = false;
    if (cte) {
      if (program < 0 || !Offers(site, dir_.pathway_sector[program])) {
        int chosen = -1;
        if (s.hs_status >= 2 && Offers(site, dir_.pathway_sector[s.hs_pathway]) &&
            rng.Bernoulli(m.cc_sector_from_hs_share)) {
          const int sector = dir_.pathway_sector[s.hs_pathway];
          chosen = dir_.sector_pathways[sector][Pick(dir_.pathway_cdf[sector], rng.Uniform())];
        } else {
          chosen = PickPathway(site, s, rng);
        }
        program = chosen;
        years_in_program = 0;
        status = 0;
      }
      ++years_in_program;
      if (status <= 1) {
        status = rng.Logit(s.base[kCcConcentrate] + (years_in_program == 1 ? m.cc_first_year_concentrate_shift : 0) +
                           Dynamic(L[kCcConcentrate], z, true, status, de, year))
                     ? 2
                     : 1;
      } else if (status == 2 &&
                 rng.Logit(s.base[kCcComplete] + Dynamic(L[kCcComplete], z, true, status, de, year))) {
        status = 3;
        completed_now = true;
        tally_.CollegeCompletion(college, program, year);
      }
      row.pathway = program;
      row.cte_status = status;
      const int sector = dir_.pathway_sector[program];
      row.credential = rng.Logit(s.base[kCcCredential] + sectors_[sector]->credential_shift +
                                 Dynamic(L[kCcCredential], z, true, status, de, year));
    }
    cte_last = cte;
    const int status_now = cte ? status : 0;

    if (rng.Logit(s.base[kCcWorkBasedLearning] + Dynamic(L[kCcWorkBasedLearning], z, cte, status_now, de, year))) {
      row.wbl_stage = PickWeighted(m.cc_wbl_stage_weights, rng);
      row.wbl_hours = WblHours(row.wbl_stage, true, place, year, rng);
    }
    row.employed = rng.Logit(s.base[kCcEmployed] + (adult ? m.cc_adult_employed_shift : 0) +
                             Dynamic(L[kCcEmployed], z, cte, status_now, de, year));
    if (row.employed) {
      DrawWage(row, s, year, m.cc_median_quarterly_wage * (adult ? m.adult_wage_factor : 1.0),
                 cte ? dir_.pathway_sector[program] : -1, rng);
    }
    if (completed_now && rng.Bernoulli(m.cc_completer_exit_share)) break;
    if (!rng.Logit(s.base[kCcPersist] + Dynamic(L[kCcPersist], z, cte, status_now, de, year))) break;
  }
}

void StudentPaths::Emit(const Student& s) {
  const int rows = std::min(s.row_count, kMaxRows);
  bool any = false;
  for (int i = 0; i < rows && !any; ++i) any = s.rows[i].year >= first_year_ && s.rows[i].year < end_year_;
  if (!any) return;

  char key[16];
  const auto key_end = fmt::format_to(key, "S{:010d}", next_key_++);
  const std::string_view key_view(key, key_end - key);
  auto yes_no = [](bool v) { return v ? std::string_view("Y") : std::string_view("N"); };

  const StudentAttributes& a = s.a;
  students_.Plain(key_view);
  students_.Unsigned(static_cast<std::uint64_t>(s.birth_year));
  students_.Plain(std::string_view(&a.gender, 1));
  students_.Plain(kRaceCodes[a.race]);
  students_.Plain(yes_no(a.sed));
  students_.Plain(yes_no(a.disability));
  students_.Plain(yes_no(a.english_learner));
  students_.Plain(yes_no(a.foster));
  students_.Plain(yes_no(a.homeless));
  students_.Plain(yes_no(a.migrant));
  if (a.first_gen < 0) {
    students_.Empty();
  } else {
    students_.Plain(yes_no(a.first_gen == 1));
  }
  students_.EndRow();

  CsvFile& out = student_years_;
  for (int i = 0; i < rows; ++i) {
    const Row& r = s.rows[i];
    if (r.year < first_year_ || r.year >= end_year_) continue;
    out.Plain(key_view);
    out.Plain(school_years_[r.year - first_year_]);
    out.Plain(r.college ? dir_.colleges[r.site].org_id : dir_.schools[r.site].org_id);
    out.ZeroPadded(static_cast<std::uint64_t>(r.grade), 2);
    if (r.pathway >= 0) {
      out.Plain(sector_fields_[dir_.pathway_sector[r.pathway]]);
      out.Plain(pathway_fields_[r.pathway]);
      out.Plain(kCteStatus[r.cte_status]);
    } else {
      out.Empty();
      out.Empty();
      out.Empty();
    }
    if (r.de_attempted >= 0) {
      out.Tenths(static_cast<std::uint64_t>(r.de_attempted));
      out.Tenths(static_cast<std::uint64_t>(r.de_earned));
    } else {
      out.Empty();
      out.Empty();
    }
    if (r.wbl_stage >= 0) {
      out.Plain(kWblStages[r.wbl_stage]);
      out.Unsigned(static_cast<std::uint64_t>(r.wbl_hours));
    } else {
      out.Empty();
      out.Empty();
    }
    out.Plain(yes_no(r.credential));
    for (int flag : {r.hs_graduate, r.postsecondary, r.employed}) {
      if (flag < 0) {
        out.Empty();
      } else {
        out.Plain(yes_no(flag == 1));
      }
    }
    if (r.employed == 1) {
      out.Cents(r.wage_cents);
    } else {
      out.Empty();
    }
    out.EndRow();
  }
}

}  // namespace pl::synthetic
