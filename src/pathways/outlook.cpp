// The occupations' regional figures: the one place the grid reads labor
// data. When src/labor offers a per-region occupation lookup, this file
// calls it instead (and fills `gap`).
#include <map>

#include "pathways/internal.hpp"
#include "pathways/pathways.hpp"

namespace pl::pathways {
namespace {

using internal::InList;
using store::Param;

constexpr const char* kHousehold = "1a0c";  // one adult, no children: the method's default

std::optional<double> Number(const nlohmann::json& v) {
  if (v.is_number()) return v.get<double>();
  return std::nullopt;
}

}  // namespace

Result<std::vector<Occupation>> RegionalOccupations(store::Database& db, const RegionRef& region,
                                                    const std::vector<std::string>& socs) {
  std::vector<Occupation> out;
  if (socs.empty()) return out;

  std::vector<Param> params;
  std::string in = InList(socs, params);
  // Titles from SOC 2018, else from the BLS projections (a few codes are
  // only there); typical entry education from the projections, else the
  // crosswalk.
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

  std::vector<Param> demand_params{Param::Text(region.code)};
  std::string demand_in = InList(socs, demand_params);
  // The newest projection per occupation (rows come newest first).
  PL_ASSIGN_OR_RETURN(auto demand, store::QueryJson(db,
                                                    "SELECT soc_code, openings_annual, wage_p25_hourly, "
                                                    "wage_median_hourly, entry_education FROM labor_demand "
                                                    "WHERE area_type = 'region' AND area_code = :p0 AND soc_code IN " +
                                                        demand_in + " ORDER BY soc_code, base_year DESC",
                                                    demand_params));
  std::map<std::string, nlohmann::json> demand_by_soc;
  for (auto& r : demand) demand_by_soc.emplace(r["soc_code"].get<std::string>(), r);

  std::optional<double> living_wage;
  if (!region.counties.empty()) {
    std::vector<Param> wage_params{Param::Text(kHousehold)};
    std::string counties = InList(region.counties, wage_params);
    PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                    "SELECT avg(hourly_wage) AS hourly FROM living_wage "
                                                    "WHERE household_type = :p0 AND county_fips IN " + counties,
                                                    wage_params));
    if (!rows.empty()) living_wage = Number(rows[0]["hourly"]);
  }

  for (const auto& soc : socs) {
    Occupation o{.soc = soc};
    o.title = title_of[soc];
    o.entry_education = education_of[soc];
    if (auto it = demand_by_soc.find(soc); it != demand_by_soc.end()) {
      const auto& d = it->second;
      o.demand = Number(d["openings_annual"]);
      o.wage_p25_hourly = Number(d["wage_p25_hourly"]);
      o.wage_median_hourly = Number(d["wage_median_hourly"]);
      if (d["entry_education"].is_string()) o.entry_education = d["entry_education"];
    }
    o.living_wage_hourly = living_wage;
    if (o.wage_p25_hourly && living_wage) o.p25_vs_living_wage = *o.wage_p25_hourly >= *living_wage ? "above" : "below";
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace pl::pathways
