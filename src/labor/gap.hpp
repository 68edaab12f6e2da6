// Supply vs demand for one area (method 1.3; docs/labor-method.md):
//
//   demand  D[s]  annual openings of occupation s in the area (signed; shown
//                 clamped at 0 with the flag demand_clamped)
//   supply  A[u]  mean annual awards of unit u = (program, award level) over
//                 the supply years, summed over the area's institutions
//           S[s] = sum over units u feeding s of w[u,s] * A[u], w by the split
//   gap = D - S,  ratio = S / D,  variance = (S - D) / D  (null when D = 0)
//
// ComputeGap fills a GapTable of dense per-occupation and per-unit arrays for
// every occupation at once; Select/Totals/ProgramView/RollUp read it. The
// table is reused between calls (its buffers keep their capacity), so a
// caller computing many areas allocates only once. Thread-compatible: one
// GapTable per thread; LaborData is shared read-only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "labor/codes.hpp"
#include "labor/data.hpp"

namespace pl::labor {

// The area of a table: the state, one region, or a set of counties.
struct Area {
  enum class Kind : std::uint8_t { kState, kRegion, kCounties } kind = Kind::kState;
  Id region = kNoId;         // kRegion
  std::vector<Id> counties;  // kCounties (sorted, unique)
};
// The counties an area covers, ascending.
std::vector<Id> AreaCounties(const LaborData& data, const Area& area);

struct GapOptions {
  Split split = Split::kOpenings;
  DemandMode demand = DemandMode::kRegional;
  Id household = kNoId;  // living-wage household type; kNoId: no living wage
};

// Per-occupation flags (bits of GapTable::flags).
enum Flag : std::uint16_t {
  kFlagDemandClamped = 1 << 0,  // signed openings < 0, shown as 0
  kFlagPartialYears = 1 << 1,   // some award mean rests on fewer than 3 years
  kFlagNoProgram = 1 << 2,      // no program with awards in the area feeds it
  kFlagNoWage = 1 << 3,         // neither wage percentile is known
  kFlagNational = 1 << 4,       // demand (or the wage) is national
  kFlagNoDemand = 1 << 5,       // no demand row for the area
};
// Flag names in bit order: "demand_clamped", "partial_years", ...
std::vector<std::string> FlagNames(std::uint16_t flags);

// How the living wage of a multi-county area was formed.
enum class LivingWageRule : std::uint8_t {
  kNone,               // no county of the area has one for the household type
  kCounty,             // one county
  kEmploymentWeighted, // mean of the counties weighted by their total employment
  kUnweighted,         // plain mean (the counties have no employment figures)
};
std::string_view LivingWageRuleText(LivingWageRule rule);

// One unit's share of one occupation's supply.
struct Contribution {
  Id unit = kNoId;
  double weight = 0;  // w[u,s]
  double supply = 0;  // w[u,s] * A[u]
};

struct GapTable {
  // ---- per occupation (OccupationCount()) ----
  std::vector<std::uint8_t> has_demand;
  std::vector<double> demand_signed;  // annual openings as given (0 without a row)
  std::vector<double> growth, exits, transfers, employment, wage_p25, wage_median;  // NaN = unknown
  std::vector<double> supply;
  std::vector<std::uint16_t> flags;
  // Contributions of units to occupation s: [contribution_offsets[s], contribution_offsets[s+1]).
  std::vector<std::uint32_t> contribution_offsets;
  std::vector<Contribution> contributions;

  // ---- per unit (units.size()) ----
  std::vector<double> awards;              // A[u] (0 when no institution of the area awards it)
  std::vector<std::uint8_t> years_used;    // fewest reported years behind A[u]; 0 = no awards
  std::vector<double> openings_allocated;  // program view: O_alloc[u]

  // ---- the area ----
  Area area;
  GapOptions options;
  double living_wage_hourly = kMissing;
  LivingWageRule living_wage_rule = LivingWageRule::kNone;
  std::vector<Id> living_wage_sources;
  int living_wage_year = 0;
  std::vector<Id> demand_sources;  // interned source texts of the rows used
  double national_share = kMissing;  // kNationalScaled: area employment / national
  double awards_unmatched = 0;  // sum of A[u] over units no occupation takes at their level

  // Shown demand: the signed openings clamped at 0.
  double Demand(Id s) const { return demand_signed[s] > 0 ? demand_signed[s] : 0.0; }
  double Gap(Id s) const { return Demand(s) - supply[s]; }
  // S/D and (S-D)/D; nullopt when D = 0 (undefined, never infinity).
  std::optional<double> Ratio(Id s) const;
  std::optional<double> Variance(Id s) const;
};

// Fills `table` for `area`. InvalidArgument (parameter "demand") for
// national_scaled demand when the area has no employment figure to scale by
// or the national total is missing. Allocates nothing once `table` has grown to the data's size.
Status ComputeGap(const LaborData& data, const Area& area, const GapOptions& options, GapTable& table);

// What a table shows.
enum class FilterKind : std::uint8_t { kNone, kSector, kPathway, kProgram, kSoc };
std::string_view FilterKindCode(FilterKind kind);  // "sector", ...; "" for kNone
struct Filter {
  FilterKind kind = FilterKind::kNone;
  Id id = kNoId;  // sector, pathway, program or occupation id
};
enum class SortKey : std::uint8_t { kGap, kDemand, kSupply, kWage };

// The occupations a table shows, sorted (descending; unknown wages last; ties
// by SOC code) and cut to `limit`:
//   kNone: occupations with a demand row or supply (> 0) in the area;
//   kSector / kPathway / kProgram: the occupations the programs map to (all
//     of them, flagged no_demand when the area has no row);
//   kSoc: that occupation, whatever its entry education.
// The entry-education filter applies except to kSoc.
std::vector<Id> SelectOccupations(const LaborData& data, const GapTable& table, const Filter& filter,
                                  EducationFilter education, SortKey sort = SortKey::kGap,
                                  std::optional<std::size_t> limit = std::nullopt);

struct Totals {
  double demand = 0;
  std::optional<double> supply;  // nullopt for the full-count split
  std::optional<double> gap;
};
// Sums over `occupations` (before any limit). The full-count split counts a
// program once per occupation, so its supply is never totalled.
Totals SumTotals(const GapTable& table, const std::vector<Id>& occupations);
// Total supply, refused for the full count: FailedPrecondition.
Result<double> TotalSupply(const GapTable& table, const std::vector<Id>& occupations);

// Program view (method 1.3 item 3, "two-sided proportional allocation"):
// each occupation's openings are shared among the units feeding it in
// proportion to their awards; a unit's gap is O_alloc - A.
struct ProgramRow {
  Id program = kNoId;
  AwardLevel level = AwardLevel::kCertificateShort;
  Id unit = kNoId;
  double awards = 0;
  double openings_allocated = 0;
  double gap() const { return openings_allocated - awards; }
};
// The units with awards in the area that belong to the filter (every unit for
// kNone; the units feeding the occupation for kSoc), largest gap first.
std::vector<ProgramRow> ProgramView(const LaborData& data, const GapTable& table, const Filter& filter);

// Program view summed per pathway (of a sector) or per sector: a program in
// two pathways counts in both.
struct RollUpRow {
  Id id = kNoId;  // pathway or sector
  double awards = 0;
  double openings_allocated = 0;
  double gap() const { return openings_allocated - awards; }
};
std::vector<RollUpRow> RollUpBySector(const LaborData& data, const GapTable& table);
std::vector<RollUpRow> RollUpByPathway(const LaborData& data, const GapTable& table, Id sector);

// The programs (ids, unique) a filter selects: a sector's pathways' programs,
// a pathway's, one program; empty for kNone and kSoc.
std::vector<Id> FilterPrograms(const LaborData& data, const Filter& filter);

}  // namespace pl::labor
