#include "synthetic/model_parameters.hpp"

#include <algorithm>

namespace pl::synthetic {
namespace {

// ---------------------------------------------------------------------------
// Regions. access: more CTE seats, dual enrollment and work-based learning;
// attainment: persistence and completion; labor: employment of students.
// The Bay Area's high wages and the Central Valley's and North's lower ones
// and thinner employer base are the main regional contrasts. Names follow
// data/ca_counties.csv.
constexpr RegionParameters kRegions[] = {
    // code   name                          access attain labor  wage  wbl_hours
    {"BA", "Bay Area", 0.25, 0.30, 0.30, 1.35, 1.10},
    {"LA", "Los Angeles", 0.00, 0.00, 0.00, 1.05, 1.00},
    {"OC", "Orange County", 0.20, 0.20, 0.15, 1.12, 1.05},
    {"SDI", "San Diego/Imperial", 0.10, 0.05, 0.05, 1.02, 1.00},
    {"IED", "Inland Empire/Desert", -0.15, -0.15, -0.05, 0.92, 0.90},
    {"SCC", "South Central Coast", 0.00, 0.00, 0.00, 0.98, 0.95},
    {"CVML", "Central Valley/Mother Lode", -0.10, -0.25, -0.25, 0.86, 0.85},
    {"NFN", "North/Far North", -0.20, -0.10, -0.20, 0.90, 0.80},
};
constexpr RegionParameters kNeutralRegion = {"", "", 0, 0, 0, 1, 1};

// ---------------------------------------------------------------------------
// Sectors. Popularity roughly follows statewide CTE enrollment: Health
// Science, Arts/Media, ICT and Business lead. female_tilt is a logit added
// for female students and subtracted for male students (halved each way), so
// Health Science and Child Development draw more girls and the trades more
// boys, as in real enrollment.
constexpr SectorParameters kSectors[] = {
    // code  popularity female_tilt credential wage
    {"AGR", 6.0, 0.1, 0.0, 0.95},   {"AME", 13.0, 0.3, -0.6, 0.95}, {"BCT", 5.0, -1.6, 0.4, 1.10},
    {"BSF", 10.0, 0.1, -0.3, 1.05},  {"ECD", 6.0, 1.5, 0.2, 0.88},   {"EEU", 1.5, -0.8, 0.2, 1.12},
    {"ENG", 7.0, -0.9, 0.0, 1.12},  {"FID", 2.0, 1.5, -0.5, 0.90},  {"HSM", 15.0, 0.9, 0.5, 1.08},
    {"HTR", 8.0, 0.2, 0.3, 0.92},   {"ICT", 11.0, -0.8, 0.5, 1.15}, {"MPD", 4.0, -1.2, 0.3, 1.05},
    {"MSS", 4.0, 0.2, -0.3, 0.95},  {"PUB", 6.0, 0.0, 0.3, 1.05},   {"TRN", 3.5, -1.8, 0.5, 1.05},
};
constexpr SectorParameters kNeutralSector = {"", 1.0, 0.0, 0.0, 1.0};

constexpr RegionSectorPreference kRegionSectorPreferences[] = {
    {"CVML", "AGR", 3.0}, {"NFN", "AGR", 2.2}, {"SCC", "AGR", 1.5}, {"BA", "AGR", 0.5},
    {"LA", "AGR", 0.3},   {"OC", "AGR", 0.3},  {"BA", "ICT", 1.6},  {"OC", "ICT", 1.2},
    {"SDI", "HTR", 1.3},  {"OC", "HTR", 1.3},  {"LA", "AME", 1.5},  {"IED", "TRN", 1.5},
    {"IED", "MPD", 1.3},  {"CVML", "MPD", 1.2}, {"IED", "HSM", 1.1},
};

constexpr PathwayWeight kPathwayWeights[] = {
    {"HSM-04", 2.0}, {"HSM-01", 0.8}, {"ICT-03", 1.8}, {"AME-01", 1.8},
    {"BSF-01", 1.5}, {"ENG-03", 1.3}, {"PUB-03", 1.4}, {"HTR-02", 1.5},
};

// ---------------------------------------------------------------------------
// THE COEFFICIENT TABLE: one row per outcome, one column per logit term
// (see Coefficients). Read a row as "starting from the intercept, being in
// this group adds this much to the log-odds". Negative student-group
// coefficients on success outcomes are the equity gaps the data should show:
// foster youth and homeless students have the largest (graduation,
// completion, persistence), then students with disabilities and English
// learners; SED and first-generation students get less dual enrollment.
// Intercepts were tuned so the overall rates land near the targets in
// docs/synthetic-data.md (measured rates are listed there).
//
// clang-format off
constexpr std::array<Coefficients, kOutcomeCount> kLogit = {{
//   int    sed    swd    el    fost   homl   migr   1gen   male   blk    hisp   asian  filip  nativ  rural  acces  attai  labor  laten  schl   cte    conc   comp   de     trend  covid
  {-1.00,  0.10,  0.05, -0.25, -0.20, -0.20,  0.00,  0.00,  0.10, -0.05,  0.05, -0.20,  0.00,  0.00,  0.15,  0.30,  0.00,  0.00,  0.20,  0.40,  0.00,  0.00,  0.00,  0.00,  0.02, -0.30},  // kHsCteStart
  { 0.85,  0.00, -0.10, -0.10, -0.40, -0.35,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00,  0.15,  0.00,  0.00,  0.30,  0.30,  0.00,  0.50,  0.00,  0.00,  0.00, -0.30},  // kHsCteContinue
  { 1.10, -0.15, -0.35, -0.30, -0.70, -0.50, -0.20,  0.00, -0.10, -0.20, -0.10,  0.20,  0.00,  0.00,  0.00,  0.20,  0.00,  0.00,  0.50,  0.30,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00},  // kHsConcentrate
  { 0.20, -0.20, -0.40, -0.35, -0.90, -0.60, -0.20, -0.10, -0.15, -0.25, -0.10,  0.30,  0.00, -0.20,  0.00,  0.00,  0.20,  0.00,  0.60,  0.30,  0.00,  0.00,  0.00,  0.20,  0.00, -0.20},  // kHsComplete
  {-1.95, -0.45, -0.70, -0.60, -0.70, -0.60, -0.20, -0.30, -0.25, -0.35, -0.15,  0.35,  0.10, -0.30, -0.25,  0.50,  0.00,  0.00,  0.70,  0.50,  0.00,  0.35,  0.10,  1.20,  0.09, -0.20},  // kHsDualEnroll
  { 2.00, -0.30, -0.40, -0.30, -0.60, -0.50,  0.00, -0.20, -0.20, -0.20,  0.00,  0.30,  0.00,  0.00,  0.00,  0.00,  0.10,  0.00,  0.60,  0.20,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00},  // kHsDualEnrollPass
  {-1.60, -0.10, -0.30, -0.30, -0.40, -0.40,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00, -0.35,  0.50,  0.00,  0.00,  0.30,  0.50,  0.60,  0.60,  0.30,  0.00,  0.05, -1.00},  // kHsWorkBasedLearning
  {-3.00, -0.20, -0.30, -0.30, -0.50, -0.40,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00,  0.20,  0.00,  0.00,  0.40,  0.30,  0.00,  1.00,  1.20,  0.00,  0.03, -0.30},  // kHsCredential
  {-4.10,  0.50,  0.50,  0.50,  1.30,  0.90,  0.30,  0.20,  0.30,  0.45,  0.20, -0.70, -0.40,  0.50,  0.00,  0.00, -0.30,  0.00, -0.80, -0.30, -0.30, -0.30,  0.00, -0.60,  0.00,  0.20},  // kHsDropout
  { 2.55, -0.35, -0.75, -0.70, -1.70, -0.90, -0.20, -0.20, -0.30, -0.60, -0.15,  0.70,  0.40, -0.40,  0.00,  0.00,  0.30,  0.00,  0.90,  0.40,  0.10,  0.40,  0.50,  0.70,  0.01,  0.10},  // kHsGraduate
  { 0.80, -0.30, -0.60, -0.45, -0.90, -0.60, -0.20, -0.45, -0.35, -0.10, -0.20,  0.90,  0.40, -0.30, -0.20,  0.00,  0.35,  0.00,  0.80,  0.30,  0.00,  0.10,  0.20,  0.80,  0.00, -0.30},  // kPostsecondary
  { 0.35,  0.35,  0.40,  0.30,  0.40,  0.30,  0.00,  0.35,  0.00, -0.20,  0.25, -0.70, -0.20,  0.00,  0.20,  0.00, -0.30,  0.00, -0.60, -0.20,  0.00,  0.25,  0.00, -0.10,  0.00,  0.00},  // kChooseCommunityCollege
  {-0.80, -0.10, -0.50, -0.25, -0.40, -0.40,  0.20,  0.00,  0.00, -0.30,  0.05, -0.50,  0.00,  0.00, -0.10,  0.00,  0.00,  0.50,  0.20,  0.00,  0.10,  0.25,  0.15,  0.00,  0.02, -0.60},  // kHsEmployed
  {-1.00,  0.10,  0.00,  0.05,  0.00,  0.00,  0.00,  0.00,  0.15,  0.00,  0.00, -0.30,  0.00,  0.00,  0.20,  0.30,  0.00,  0.00,  0.00,  0.40,  0.00,  0.60,  0.00,  0.00,  0.00,  0.00},  // kCcCte
  { 0.25, -0.15, -0.25, -0.20, -0.60, -0.50,  0.00, -0.15,  0.00, -0.35, -0.10,  0.15,  0.00,  0.00,  0.00,  0.00,  0.20,  0.00,  0.60,  0.30,  0.00,  0.00,  0.00,  0.30,  0.00, -0.20},  // kCcConcentrate
  {-0.85, -0.15, -0.30, -0.20, -0.80, -0.60,  0.00, -0.20, -0.10, -0.40, -0.15,  0.20,  0.00, -0.30,  0.00,  0.00,  0.25,  0.00,  0.70,  0.30,  0.00,  0.00,  0.00,  0.30,  0.00, -0.20},  // kCcComplete
  { 0.35, -0.10, -0.20, -0.15, -0.60, -0.55, -0.10, -0.25, -0.10, -0.30, -0.10,  0.30,  0.10, -0.30,  0.00,  0.00,  0.20,  0.00,  0.70,  0.30,  0.15,  0.30,  0.00,  0.30,  0.00, -0.30},  // kCcPersist
  {-2.60, -0.10, -0.30, -0.20, -0.40, -0.40,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00, -0.35,  0.50,  0.00,  0.00,  0.30,  0.40,  1.00,  0.40,  0.30,  0.00,  0.04, -0.90},  // kCcWorkBasedLearning
  {-3.00, -0.20, -0.30, -0.20, -0.50, -0.40,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00,  0.00,  0.20,  0.00,  0.00,  0.40,  0.30,  0.00,  1.10,  1.30,  0.00,  0.03, -0.30},  // kCcCredential
  { 0.50, -0.10, -0.55, -0.20, -0.45, -0.50,  0.00,  0.00,  0.05, -0.30,  0.00, -0.30,  0.00,  0.00, -0.10,  0.00,  0.00,  0.50,  0.30,  0.00,  0.10,  0.00,  0.30,  0.00,  0.01, -0.50},  // kCcEmployed
}};
// clang-format on

// ---------------------------------------------------------------------------
// Everything else. Grade arrays are indexed grade 9, 10, 11, 12; race arrays
// by RaceEthnicity (hisp, amind, asian, black, filip, pacisl, white, two+,
// not reported).
const ModelParameters kParameters = {
    .logit = kLogit,

    .female_share = 0.486,
    .male_share = 0.506,
    .nonbinary_share = 0.004,  // the remaining 0.4% are "not reported"
    .sed_race_shift = {0.7, 0.6, -0.5, 0.6, -0.3, 0.4, -0.8, -0.3, 0.0},
    .el_race_shift = {1.0, -1.0, 0.8, -2.5, 0.2, 0.2, -1.3, -1.5, -0.5},
    .el_sed_shift = 0.6,
    .migrant_hispanic_shift = 2.0,
    .migrant_sed_shift = 1.5,
    .disability_target = 0.13,
    .disability_male_shift = 0.5,
    .disability_sed_shift = 0.3,
    .foster_target = 0.005,
    .foster_sed_shift = 1.8,
    .foster_black_native_shift = 1.0,
    .homeless_target = 0.03,
    .homeless_sed_shift = 2.5,
    .first_gen_target = 0.42,
    .first_gen_sed_shift = 1.3,
    .first_gen_el_shift = 0.9,
    .first_gen_hispanic_shift = 0.9,
    .first_gen_unknown_share = 0.08,

    .grade9_entrants_per_year = 520000,
    .cohort_trend_per_year = -0.003,
    .cc_adult_entrants_per_year = 680000,
    .cc_adult_entrants_2020_factor = 0.80,
    .cc_adult_entrants_2021_factor = 0.88,
    .adult_age_bands = {{{19, 24, 0.40}, {25, 34, 0.32}, {35, 49, 0.20}, {50, 64, 0.08}}},
    .grade9_ages = {{{14, 0.80}, {15, 0.17}, {13, 0.03}}},

    .cte_grade_shift = {-0.6, 0.0, 0.1, 0.0},
    .dual_enroll_grade_shift = {-2.2, -1.0, 0.0, 0.35},
    .wbl_grade_shift = {-0.3, 0.0, 0.3, 0.5},
    .dropout_grade_shift = {-0.2, 0.0, 0.1},
    .retention_rate = {0.020, 0.012, 0.008},
    .retention_foster_factor = 2.0,
    .retention_homeless_factor = 1.7,
    .retention_disability_factor = 1.4,
    .retention_el_factor = 1.3,
    .fifth_year_share = 0.35,
    .mobility_rate = 0.05,
    .mobility_foster_extra = 0.15,
    .mobility_homeless_extra = 0.10,
    .pathway_stay_share = 0.85,
    .postsecondary_non_graduate_shift = -2.8,
    .dropout_to_college_share = 0.05,
    .early_college_share = 0.03,

    .de_courses = {{{1, 0.65}, {2, 0.25}, {3, 0.10}}},
    .early_college_min_courses = 6,
    .early_college_max_courses = 9,
    .de_course_units = {{{3.0, 0.55}, {4.0, 0.15}, {5.0, 0.05}, {1.0, 0.10}, {1.5, 0.05}, {2.0, 0.10}}},
    .de_units_max = 30.0,

    // awareness, exploration, preparation, training
    .hs_wbl_stage_weights = {{
        {0.60, 0.35, 0.05, 0.00},  // no CTE this year
        {0.35, 0.45, 0.18, 0.02},  // participant
        {0.15, 0.40, 0.38, 0.07},  // concentrator
        {0.05, 0.25, 0.55, 0.15},  // completer
    }},
    .cc_wbl_stage_weights = {0.05, 0.20, 0.45, 0.30},
    .wbl_median_hours = {4, 12, 60, 180},
    .cc_wbl_hours_factor = 2.0,
    .wbl_hours_log_sd = 0.6,
    .wbl_rural_hours_reduction = 0.4,
    .wbl_covid_hours_factor = 0.5,
    .wbl_hours_max = 2000,

    .cc_sector_from_hs_share = 0.5,
    .cc_adult_cte_shift = 0.2,
    .cc_cte_continue_shift = 2.0,
    .cc_first_year_concentrate_shift = -0.8,
    .cc_adult_employed_shift = 0.6,
    .cc_transfer_college_rate = 0.03,
    .cc_completer_exit_share = 0.7,
    .cc_max_years = 6,
    .cc_home_county_share = 0.85,

    .hs_median_quarterly_wage = 2100,
    .cc_median_quarterly_wage = 3800,
    .adult_wage_factor = 1.8,
    .wage_growth_per_year = 0.045,
    .wage_log_sd = 0.55,
    .female_wage_factor = 0.94,
    .black_hispanic_wage_factor = 0.96,
    .credential_wage_factor = 1.10,
    .completer_wage_factor = 1.08,
    .covid_wage_factor = 0.95,
    .wage_min = 150,
    .wage_max = 60000,

    .rural_population_low = 20000,
    .rural_population_high = 500000,
    .school_size_log_sd = 0.4,
    .college_size_log_sd = 0.5,
    .school_sectors_base = 2,
    .school_sectors_per_size = 4,
    .school_sectors_sd = 1.5,
    .school_sectors_rural = -2,
    .college_sector_share_base = 0.6,
    .college_sector_share_per_size = 0.25,
    .college_sectors_sd = 1.5,

    .regions = kRegions,
    .sectors = kSectors,
    .region_sector_preferences = kRegionSectorPreferences,
    .pathway_weights = kPathwayWeights,
    // factor      districts schools col.dist colleges univ employers cbos intermediaries/region
    .scales = {{
        {1.0 / 800, 40, 90, 16, 24, 8, 120, 30, 1},     // kSmall
        {1.0 / 40, 300, 650, 73, 116, 32, 600, 150, 2},  // kMedium
        {1.0, 520, 1300, 73, 116, 32, 2000, 400, 3},     // kState
    }},
};

}  // namespace

const ModelParameters& Parameters() { return kParameters; }

const RegionParameters& FindRegion(std::string_view code) {
  for (const auto& r : kRegions) {
    if (r.code == code) return r;
  }
  return kNeutralRegion;
}

const SectorParameters& FindSector(std::string_view code) {
  for (const auto& s : kSectors) {
    if (s.code == code) return s;
  }
  return kNeutralSector;
}

}  // namespace pl::synthetic
