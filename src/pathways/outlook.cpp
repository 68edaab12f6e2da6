// The occupations' regional figures: the one place the grid reads labor
// data. Demand, supply, gap, wages and the living wage come from the labor
// engine (src/labor) with the options of GET /api/v1/labor/gap?region=R
// (openings-weighted split, regional demand, household 1a0c), so the grid and
// the labor page never disagree about an occupation.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "labor/gap.hpp"
#include "labor/request.hpp"
#include "pathways/internal.hpp"
#include "pathways/pathways.hpp"

namespace pl::pathways {
namespace {

using internal::InList;
using store::Param;

std::optional<double> Known(double v) {
  if (labor::IsMissing(v)) return std::nullopt;
  return v;
}

// "above" (at or above), "below", or "unknown": as the labor engine's report says it.
std::string VersusLivingWage(const std::optional<double>& wage, const std::optional<double>& living) {
  if (!wage || !living) return "unknown";
  return *wage >= *living ? "above" : "below";
}

// The labor data is loaded for one region scheme (the server's); a grid of
// another scheme, or data loaded before the region's counties changed, would
// show another area's figures under this region's name.
Status CheckSameRegion(const labor::LaborData& labor, const RegionRef& region) {
  labor::Id id = labor.FindRegion(region.code);
  std::vector<std::string> counties;
  if (id != labor::kNoId) {
    for (labor::Id c : labor.regions[id].counties) counties.push_back(labor.counties[c].fips);
  }
  std::sort(counties.begin(), counties.end());
  std::vector<std::string> expected = region.counties;
  std::sort(expected.begin(), expected.end());
  if (id == labor::kNoId || counties != expected) {
    return Internal(fmt::format("the labor data does not hold region {} of scheme {} with the same counties "
                                "(loaded for another region scheme?)",
                                region.code, region.scheme));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<Occupation>> RegionalOccupations(store::Database& db, const labor::LaborData& labor,
                                                    const RegionRef& region, const std::vector<std::string>& socs) {
  std::vector<Occupation> out;
  if (socs.empty()) return out;

  std::vector<Param> params;
  std::string in = InList(socs, params);
  // Titles from SOC 2018 (any level), else from the BLS projections (a few
  // codes are only there): a code with neither has no title, and a draft
  // leaves it out. Typical entry education from the projections, else the
  // crosswalk, for the codes the labor data does not classify.
  PL_ASSIGN_OR_RETURN(auto titles, store::QueryJson(db, "SELECT soc_code, title FROM soc_occupation WHERE soc_code IN " + in, params));
  PL_ASSIGN_OR_RETURN(auto projections, store::QueryJson(db,
                                                         "SELECT soc_code, title, entry_education FROM occupation_projection "
                                                         "WHERE soc_code IN " + in,
                                                         params));
  PL_ASSIGN_OR_RETURN(auto crosswalk, store::QueryJson(db,
                                                       "SELECT soc_code, min(entry_education) AS entry_education "
                                                       "FROM top_cip_soc WHERE soc_code IN " + in + " GROUP BY soc_code",
                                                       params));
  std::map<std::string, std::string> title_of, education_of;
  for (const auto& r : crosswalk) education_of[r["soc_code"]] = internal::TextOf(r["entry_education"]);
  for (const auto& r : projections) {
    title_of[r["soc_code"]] = internal::TextOf(r["title"]);
    if (r["entry_education"].is_string()) education_of[r["soc_code"]] = r["entry_education"];
  }
  for (const auto& r : titles) title_of[r["soc_code"]] = internal::TextOf(r["title"]);

  // The request GET /api/v1/labor/gap?region=R&education=all answers (the
  // entry-education filter only selects rows; the figures are the same).
  PL_RETURN_IF_ERROR(CheckSameRegion(labor, region));
  PL_ASSIGN_OR_RETURN(labor::GapRequest request,
                      labor::ParseGapRequest(labor, {{"region", region.code}, {"education", "all"}}));
  labor::GapTable table;
  PL_RETURN_IF_ERROR(labor::ComputeGap(labor, request.area, request.options, table));
  const std::optional<double> living_wage = Known(table.living_wage_hourly);

  for (const auto& soc : socs) {
    Occupation o{.soc = soc};
    o.title = title_of[soc];
    o.entry_education = education_of[soc];
    o.living_wage_hourly = living_wage;
    if (labor::Id s = labor.FindOccupation(soc); s != labor::kNoId) {
      if (labor.occupations[s].entry != labor::EntryEducation::kUnknown) {
        o.entry_education = std::string(labor::EntryEducationText(labor.occupations[s].entry));
      }
      o.supply = table.supply[s];
      // Without a projection for the region the engine counts demand as 0
      // (flag no_demand); the grid says "not known" instead of showing every
      // graduate as a surplus.
      if (table.has_demand[s]) {
        o.demand = table.Demand(s);
        o.gap = table.Gap(s);
      }
      o.wage_p25_hourly = Known(table.wage_p25[s]);
      o.wage_median_hourly = Known(table.wage_median[s]);
    }
    o.p25_vs_living_wage = VersusLivingWage(o.wage_p25_hourly, living_wage);
    o.median_vs_living_wage = VersusLivingWage(o.wage_median_hourly, living_wage);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace pl::pathways
