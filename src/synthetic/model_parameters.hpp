// Every number that shapes the synthetic data's behaviour, in one place
// (model_parameters.cpp), documented term by term in docs/synthetic-data.md.
//
// The outcome model is logistic: for outcome o and a student i in year t at
// school s in county c of region g,
//
//   logit P(o) = intercept_o + Σ_k beta_{o,k} · x_{k,i,t}
//
// where the x's are the student's groups (0/1), the place (county
// rurality 0..1, region indices), a latent student propensity u_i ~ N(0,1)
// shared by all of that student's outcomes, a school/college effect
// z_s ~ N(0,1), the student's CTE and dual-enrollment history, a linear time
// trend and a 2020-21 (COVID) indicator. Quantities that are not yes/no
// (units, hours, wages) use the log-normal and discrete tables further down.
//
// The numbers are invented to give plausible California-like rates and the
// direction of the equity gaps reported in public sources; they are not
// estimates from real data.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace pl::synthetic {

// The yes/no outcomes (rows of the coefficient table).
enum Outcome : int {
  // High school, per student-year unless noted.
  kHsCteStart,        // takes a CTE course this year, not having taken one last year
  kHsCteContinue,     // takes CTE again, having taken it last year
  kHsConcentrate,     // participant with 2+ years in a pathway becomes a concentrator
  kHsComplete,        // concentrator completes the pathway (grades 11-12)
  kHsDualEnroll,      // takes one or more dual-enrollment courses this year
  kHsDualEnrollPass,  // passes one dual-enrollment course (per course)
  kHsWorkBasedLearning,  // any work-based-learning activity this year
  kHsCredential,      // earns an industry credential this year (CTE rows)
  kHsDropout,         // leaves school at the end of this year (grades 9-12)
  kHsGraduate,        // graduates (grade-12 rows)
  kPostsecondary,     // enrolls in any postsecondary the next fall (grade-12 rows)
  kChooseCommunityCollege,  // that enrollment is at a community college
  kHsEmployed,        // has UI-covered wages this year (grade-12 rows)
  // Community college, per student-year.
  kCcCte,             // enrolled in a CTE program this year
  kCcConcentrate,     // CTE participant reaches concentrator (12+ units)
  kCcComplete,        // concentrator earns an award this year
  kCcPersist,         // enrolls again next year
  kCcWorkBasedLearning,
  kCcCredential,
  kCcEmployed,
  kOutcomeCount
};

// Columns of the coefficient table: the logit terms. All student-group terms
// are 0/1; the reference student is a white (or two-or-more / not reported),
// female or nonbinary, not-disadvantaged student in an urban county of a
// region with zero indices.
struct Coefficients {
  double intercept;
  double sed;              // socioeconomically disadvantaged
  double disability;       // student with a disability
  double english_learner;
  double foster;           // foster youth
  double homeless;
  double migrant;
  double first_gen;        // first generation (unknown counts as not)
  double male;
  double black;            // race/ethnicity terms; white is the reference
  double hispanic;
  double asian;
  double filipino;
  double native;           // American Indian/Alaska Native or Pacific Islander
  double rural;            // × county rurality in [0, 1]
  double access;           // × region access index (programs, DE, WBL)
  double attainment;       // × region attainment index (persistence, success)
  double labor;            // × region labor-market index (employment)
  double latent;           // × student propensity u ~ N(0, 1)
  double school;           // × school or college effect z ~ N(0, 1)
  double cte;              // in CTE this year (CC rows: was an HS concentrator)
  double concentrator;     // is a concentrator or completer
  double completer;        // is a completer (on top of concentrator)
  double dual_enrolled;    // has taken dual enrollment in high school
  double trend;            // × (school year start − 2016)
  double covid;            // the 2020-21 school year
};

// One CTE region's place effects.
struct RegionParameters {
  std::string_view code;
  std::string_view name;
  double access;
  double attainment;
  double labor;
  double wage_multiplier;       // on quarterly wages
  double wbl_hours_multiplier;  // on work-based-learning hours
};

// One industry sector's effects.
struct SectorParameters {
  std::string_view code;
  double popularity;        // relative weight when a student picks a sector
  double female_tilt;       // logit tilt: > 0 draws more female students
  double credential_shift;  // added to the credential logit
  double wage_multiplier;   // on wages of students in this sector
};

// A region's extra preference for a sector (multiplies popularity).
struct RegionSectorPreference {
  std::string_view region_code;
  std::string_view sector_code;
  double multiplier;
};

struct PathwayWeight {
  std::string_view pathway_code;
  double weight;  // relative to 1.0 within its sector
};

// Org counts and population volumes that define each Scale.
struct ScaleParameters {
  double population_factor;  // share of the full-state volumes below
  int districts;             // high-school districts (statewide target)
  int schools;               // comprehensive high schools
  int college_districts;
  int colleges;
  int universities;
  int employers;
  int cbos;
  int intermediaries_per_region;
};

// A discrete distribution entry: `value` with relative weight `weight`.
struct WeightedValue {
  double value;
  double weight;
};

// Ages first_age..last_age (uniform within the band), relative weight.
struct AgeBand {
  int first_age;
  int last_age;
  double weight;
};

struct ModelParameters {
  std::array<Coefficients, kOutcomeCount> logit;

  // Student attributes. Group logits are calibrated per county (SED, EL,
  // migrant: to the county profile's rate) or statewide (the others: to the
  // target rate), so the listed shifts move who is in a group, not how many.
  double female_share, male_share, nonbinary_share;  // rest: not reported
  std::array<double, 9> sed_race_shift;              // by RaceEthnicity
  std::array<double, 9> el_race_shift;
  double el_sed_shift;
  double migrant_hispanic_shift, migrant_sed_shift;
  double disability_target, disability_male_shift, disability_sed_shift;
  double foster_target, foster_sed_shift, foster_black_native_shift;
  double homeless_target, homeless_sed_shift;
  double first_gen_target, first_gen_sed_shift, first_gen_el_shift, first_gen_hispanic_shift;
  double first_gen_unknown_share;

  // Volumes at population_factor 1 (the full state).
  double grade9_entrants_per_year;      // split by county K-12 enrollment
  double cohort_trend_per_year;         // relative change of entering classes per year
  double cc_adult_entrants_per_year;    // community-college entrants not from the HS cohorts
  double cc_adult_entrants_2020_factor;  // COVID dip of 2020-21 entrants
  double cc_adult_entrants_2021_factor;
  std::array<AgeBand, 4> adult_age_bands;          // age when entering college
  std::array<WeightedValue, 3> grade9_ages;       // age on entering grade 9 (birth year = year - age)

  // High-school flow.
  std::array<double, 4> cte_grade_shift;       // added to kHsCteStart by grade 9..12
  std::array<double, 4> dual_enroll_grade_shift;
  std::array<double, 4> wbl_grade_shift;
  std::array<double, 3> dropout_grade_shift;   // grades 9..11 (grade 12: see kHsGraduate)
  std::array<double, 3> retention_rate;        // repeat grade 9, 10, 11
  double retention_foster_factor, retention_homeless_factor, retention_disability_factor,
      retention_el_factor;
  double fifth_year_share;              // non-graduates who return for another grade 12
  double mobility_rate, mobility_foster_extra, mobility_homeless_extra;
  double pathway_stay_share;            // a continuing CTE student keeps the pathway
  double postsecondary_non_graduate_shift;
  double dropout_to_college_share;      // dropouts who enter a college two years later
  double early_college_share;           // dual enrollees in an early/middle college program

  // Dual-enrollment units.
  std::array<WeightedValue, 3> de_courses;      // courses per year (value = count)
  int early_college_min_courses, early_college_max_courses;
  std::array<WeightedValue, 6> de_course_units;
  double de_units_max;

  // Work-based learning: stage weights by CTE level (none, participant,
  // concentrator, completer) for high school, and one row for college.
  std::array<std::array<double, 4>, 4> hs_wbl_stage_weights;
  std::array<double, 4> cc_wbl_stage_weights;
  std::array<double, 4> wbl_median_hours;  // awareness .. training
  double cc_wbl_hours_factor;
  double wbl_hours_log_sd;
  double wbl_rural_hours_reduction;   // hours × (1 − this × rurality)
  double wbl_covid_hours_factor;
  double wbl_hours_max;

  // Community college flow.
  double cc_sector_from_hs_share;  // HS concentrators who stay in their sector
  double cc_adult_cte_shift;       // kCcCte shift for students 25 and older
  double cc_cte_continue_shift;    // kCcCte shift when in a CTE program last year
  double cc_first_year_concentrate_shift;  // kCcConcentrate shift in a program's first year
  double cc_adult_employed_shift;  // kCcEmployed shift for students 25 and older
  double cc_transfer_college_rate;
  double cc_completer_exit_share;
  int cc_max_years;
  double cc_home_county_share;     // attend a college in the home county when there is one

  // Wages: quarterly, in dollars of the 2016-17 school year.
  double hs_median_quarterly_wage;
  double cc_median_quarterly_wage;
  double adult_wage_factor;        // students 25 and older
  double wage_growth_per_year;
  double wage_log_sd;
  double female_wage_factor;
  double black_hispanic_wage_factor;
  double credential_wage_factor;
  double completer_wage_factor;
  double covid_wage_factor;
  double wage_min, wage_max;

  // Place.
  double rural_population_low;   // population at or below: rurality 1
  double rural_population_high;  // population at or above: rurality 0
  double school_size_log_sd;     // spread of school enrollment weights
  double college_size_log_sd;
  // Sectors a high school offers: round(base + per_size·size + sd·N(0,1)
  // + rural·rurality), at least 2. size is the school's enrollment weight
  // (log-normal around 1), so big urban schools offer more.
  double school_sectors_base, school_sectors_per_size, school_sectors_sd, school_sectors_rural;
  // Sectors a college offers: round(count·(base + per_size·size) + sd·N(0,1)),
  // at least 5 (or all when fewer exist).
  double college_sector_share_base, college_sector_share_per_size, college_sectors_sd;

  std::span<const RegionParameters> regions;
  std::span<const SectorParameters> sectors;
  std::span<const RegionSectorPreference> region_sector_preferences;
  std::span<const PathwayWeight> pathway_weights;
  std::array<ScaleParameters, 3> scales;  // indexed by Scale
};

// Race/ethnicity codes in the order the *_race_shift arrays use.
enum RaceEthnicity : int {
  kHispanicLatino,
  kAmericanIndianAlaskaNative,
  kAsian,
  kBlackAfricanAmerican,
  kFilipino,
  kNativeHawaiianPacificIslander,
  kWhite,
  kTwoOrMore,
  kNotReported,
  kRaceCount
};

// The one parameter table.
const ModelParameters& Parameters();

// Region and sector look-ups; the neutral defaults (all indices 0,
// multipliers 1, popularity 1) when the code is not in the table.
const RegionParameters& FindRegion(std::string_view code);
const SectorParameters& FindSector(std::string_view code);

}  // namespace pl::synthetic
