// The small vocabularies of labor-market alignment: award levels, BLS typical
// entry education, how a program's awards are split among its occupations,
// the entry-education filter, where demand comes from; plus the unit
// conversions of method 1.3 (annual openings from 10-year totals or rates,
// hourly <-> annual wages). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pl::labor {

// Code set `award_level` (program_awards.award_level).
enum class AwardLevel : std::uint8_t {
  kNoncreditCertificate,
  kCertificateShort,  // credit certificate < 1 year / < 30 semester units
  kCertificateLong,   // 1-2 years
  kAssociate,         // AA, AS, ADT
  kBachelor,
  kGraduate,
};
inline constexpr int kAwardLevelCount = 6;
std::optional<AwardLevel> ParseAwardLevel(std::string_view code);
std::string_view AwardLevelCode(AwardLevel level);  // "certificate_short"

// BLS "typical education needed for entry", as published (2024-34 wording).
enum class EntryEducation : std::uint8_t {
  kNoFormalCredential,
  kHighSchool,
  kSomeCollege,
  kPostsecondaryNondegree,
  kAssociate,
  kBachelor,
  kMaster,
  kDoctoral,
  kUnknown,  // not published (military, BLS aggregates) or unreadable
};
// Reads the BLS text and the COE crosswalk's variants ("Associate degree",
// "Postsecondary non-degree award"), case-insensitively; "N/A", "" and
// anything else give kUnknown.
EntryEducation ParseEntryEducation(std::string_view text);
// The BLS 2024-34 wording ("Postsecondary nondegree award"); "" for kUnknown.
std::string_view EntryEducationText(EntryEducation e);

// Method 1.3 item 4 (docs/labor-method.md, "Level match"): may an award of
// `level` count toward an occupation typically entered with `entry`?
//   no credential, high school, some college, postsecondary nondegree
//        <- noncredit_certificate, certificate_short, certificate_long
//   associate's <- associate;  bachelor's <- bachelor;  master's, doctoral <- graduate
//   unknown <- nothing (the level cannot be checked)
bool LevelFits(AwardLevel level, EntryEducation entry);

// Which occupations a table shows, by entry education.
enum class EducationFilter : std::uint8_t {
  kSubBaccalaureate,  // no credential .. associate's (the default: the CTE range)
  kBachelorPlus,      // bachelor's, master's, doctoral
  kAll,               // everything, unknown included
};
std::optional<EducationFilter> ParseEducationFilter(std::string_view code);
std::string_view EducationFilterCode(EducationFilter f);
bool EducationPasses(EducationFilter filter, EntryEducation entry);

// How a program's awards are shared among the occupations it maps to
// (method 1.3 item 3).
enum class Split : std::uint8_t {
  kOpenings,    // w = D[s] / sum of D over the program's occupations (default)
  kEqual,       // w = 1/k
  kEmployment,  // w = employment[s] / sum of employment
  kFull,        // w = 1 for every occupation: an upper bound, never totalled
};
std::optional<Split> ParseSplit(std::string_view code);  // openings|equal|employment|full
std::string_view SplitCode(Split split);

// Where demand comes from.
enum class DemandMode : std::uint8_t {
  kRegional,        // the area's own projections (labor_demand rows of its counties/region)
  kNationalScaled,  // BLS national openings x the area's share of national employment
};
std::optional<DemandMode> ParseDemandMode(std::string_view code);  // regional|national_scaled
std::string_view DemandModeCode(DemandMode mode);

enum class CodeSystem : std::uint8_t { kTop, kCip };
std::optional<CodeSystem> ParseCodeSystem(std::string_view code);  // "TOP" | "CIP" (any case)
std::string_view CodeSystemCode(CodeSystem system);               // "TOP" | "CIP"

// --- Units (method 1.3 items 1 and 6) ---------------------------------------

// Full-time, year-round hours (40 h x 52 weeks): the MIT living-wage and
// LaunchBoard convention.
inline constexpr double kHoursPerYear = 2080.0;
inline double AnnualFromHourly(double hourly) { return hourly * kHoursPerYear; }
inline double HourlyFromAnnual(double annual) { return annual / kHoursPerYear; }
// LaunchBoard's annual earnings of an exiter: second-quarter earnings x 4.
inline double AnnualizeQuarterlyEarnings(double quarter) { return quarter * 4.0; }
// Whether an annual amount reaches the living wage (hourly, full time).
inline bool MeetsLivingWage(double annual, double living_hourly) { return annual >= AnnualFromHourly(living_hourly); }

// Annual openings from period totals over `years` (BLS: openings = change +
// exits + transfers): (E_T - E_0)/T + (exits + transfers)/T. The change keeps
// its sign (a declining occupation lowers openings).
double AnnualOpenings(double employment_base, double employment_projected, double exits_total,
                      double transfers_total, double years);
// The same from annual separation rates: dE/T + (exit_rate + transfer_rate) x
// mean employment over the period.
double AnnualOpeningsFromRates(double employment_base, double employment_projected, double exit_rate,
                               double transfer_rate, double years);

}  // namespace pl::labor
