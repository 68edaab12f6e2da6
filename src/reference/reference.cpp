#include "reference/reference.hpp"

#include <map>

#include <fmt/format.h>

#include "store/query.hpp"

namespace pl::reference {
namespace {

using store::Param;

}  // namespace

bool IsVerified(const std::string& source) {
  return source.find("to_verify") == std::string::npos && source.find("partly_corroborated") == std::string::npos;
}

Result<nlohmann::json> Regions(store::Database& db, const std::string& scheme) {
  PL_ASSIGN_OR_RETURN(auto schemes, store::QueryJson(db, "SELECT DISTINCT scheme_code FROM region_assignment ORDER BY 1"));
  nlohmann::json scheme_list = nlohmann::json::array();
  bool known = false;
  for (const auto& s : schemes) {
    scheme_list.push_back(s["scheme_code"]);
    known = known || s["scheme_code"] == scheme;
  }
  if (!known) {
    return NotFound("unknown region scheme: " + scheme, {{"parameter", "scheme"}, {"schemes", scheme_list}});
  }
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                  "SELECT region_code, region_name, source, county_fips "
                                                  "FROM region_assignment WHERE scheme_code = :p0 "
                                                  "ORDER BY region_name, county_fips",
                                                  {Param::Text(scheme)}));
  nlohmann::json regions = nlohmann::json::array();
  std::map<std::string, size_t> index;
  for (const auto& r : rows) {
    std::string code = r["region_code"];
    if (!index.count(code)) {
      std::string source = r["source"].is_string() ? r["source"].get<std::string>() : "";
      index[code] = regions.size();
      regions.push_back({{"code", code},
                         {"name", r["region_name"]},
                         {"source", r["source"]},
                         {"verified", IsVerified(source)},
                         {"counties", nlohmann::json::array()}});
    }
    regions[index[code]]["counties"].push_back(r["county_fips"]);
  }
  return nlohmann::json{{"scheme", scheme}, {"schemes", scheme_list}, {"regions", regions}};
}

Result<nlohmann::json> Counties(store::Database& db, const std::string& scheme) {
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                  "SELECT c.county_fips AS fips, c.name, r.region_code, r.region_name "
                                                  "FROM county c LEFT JOIN region_assignment r "
                                                  "ON r.county_fips = c.county_fips AND r.scheme_code = :p0 "
                                                  "ORDER BY c.name",
                                                  {Param::Text(scheme)}));
  return rows;
}

Result<nlohmann::json> Sectors(store::Database& db) {
  PL_ASSIGN_OR_RETURN(auto sectors, store::QueryJson(db, "SELECT sector_code, name, source FROM cte_sector ORDER BY name"));
  PL_ASSIGN_OR_RETURN(auto pathways,
                      store::QueryJson(db, "SELECT sector_code, pathway_code, name, source FROM cte_pathway "
                                           "ORDER BY pathway_code"));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : sectors) {
    nlohmann::json nested = nlohmann::json::array();
    for (const auto& p : pathways) {
      if (p["sector_code"] != s["sector_code"]) continue;
      nested.push_back({{"code", p["pathway_code"]},
                        {"name", p["name"]},
                        {"source", p["source"]},
                        {"verified", IsVerified(p["source"])}});
    }
    out.push_back({{"code", s["sector_code"]},
                   {"name", s["name"]},
                   {"source", s["source"]},
                   {"verified", IsVerified(s["source"])},
                   {"pathways", std::move(nested)}});
  }
  return out;
}

Result<nlohmann::json> Occupations(store::Database& db, const OccupationFilter& filter) {
  std::string where = " WHERE 1 = 1";
  std::vector<Param> params;
  if (!filter.q.empty()) {
    where += fmt::format(" AND (lower(o.title) LIKE :p{0} ESCAPE '\\' OR o.soc_code LIKE :p{1})", params.size(),
                         params.size() + 1);
    params.push_back(Param::Text(store::LikePattern(filter.q)));
    params.push_back(Param::Text(filter.q + "%"));
  }
  if (!filter.level.empty()) {
    where += fmt::format(" AND o.level = :p{}", params.size());
    params.push_back(Param::Text(filter.level));
  }
  PL_ASSIGN_OR_RETURN(long long total, store::QueryInteger(db, "SELECT count(*) FROM soc_occupation o" + where, params));
  auto page_params = params;
  std::string sql = fmt::format(
      "SELECT o.soc_code, o.title, o.level, p.employment_base, p.employment_projected, p.change_percent, "
      "p.annual_openings, p.median_wage, p.median_wage_top_coded, p.entry_education "
      "FROM soc_occupation o LEFT JOIN occupation_projection p ON p.soc_code = o.soc_code{} "
      "ORDER BY o.soc_code LIMIT :p{} OFFSET :p{}",
      where, params.size(), params.size() + 1);
  page_params.push_back(Param::Integer(filter.page.per_page));
  page_params.push_back(Param::Integer(static_cast<long long>(filter.page.page - 1) * filter.page.per_page));
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db, sql, page_params));
  nlohmann::json items = nlohmann::json::array();
  for (auto& r : rows) {
    nlohmann::json projection = nullptr;
    if (!r["employment_base"].is_null()) {
      projection = {{"employment_2024_thousands", r["employment_base"]},
                    {"employment_2034_thousands", r["employment_projected"]},
                    {"change_percent", r["change_percent"]},
                    {"annual_openings_thousands", r["annual_openings"]},
                    {"median_annual_wage", r["median_wage"]},
                    {"median_wage_top_coded", r["median_wage_top_coded"] == 1},
                    {"typical_entry_education", r["entry_education"]},
                    {"source", "BLS Employment Projections 2024-34 (national)"}};
    }
    items.push_back(
        {{"soc_code", r["soc_code"]}, {"title", r["title"]}, {"level", r["level"]}, {"projection", projection}});
  }
  return store::Paged(std::move(items), total, filter.page);
}

Result<nlohmann::json> Programs(store::Database& db, const ProgramFilter& filter) {
  std::string where = " WHERE 1 = 1";
  std::vector<Param> params;
  if (!filter.q.empty()) {
    where += fmt::format(" AND (lower(c.title) LIKE :p{0} ESCAPE '\\' OR c.cip_code LIKE :p{1})", params.size(),
                         params.size() + 1);
    params.push_back(Param::Text(store::LikePattern(filter.q)));
    params.push_back(Param::Text(filter.q + "%"));
  }
  if (filter.digits != 0) {
    where += fmt::format(" AND c.digits = :p{}", params.size());
    params.push_back(Param::Integer(filter.digits));
  }
  if (filter.active_only) where += " AND c.active_2020 = 1";
  PL_ASSIGN_OR_RETURN(long long total, store::QueryInteger(db, "SELECT count(*) FROM cip_program c" + where, params));
  auto page_params = params;
  page_params.push_back(Param::Integer(filter.page.per_page));
  page_params.push_back(Param::Integer(static_cast<long long>(filter.page.page - 1) * filter.page.per_page));
  PL_ASSIGN_OR_RETURN(auto rows,
                      store::QueryJson(db,
                                       fmt::format("SELECT c.cip_code, c.title, c.digits, c.active_2020 FROM cip_program c{} "
                                                   "ORDER BY c.cip_code LIMIT :p{} OFFSET :p{}",
                                                   where, params.size(), params.size() + 1),
                                       page_params));
  nlohmann::json items = nlohmann::json::array();
  for (auto& r : rows) {
    PL_ASSIGN_OR_RETURN(auto socs, store::QueryJson(db, "SELECT soc_code FROM cip_soc WHERE cip_code = :p0 ORDER BY 1",
                                                    {Param::Text(r["cip_code"])}));
    nlohmann::json codes = nlohmann::json::array();
    for (const auto& s : socs) codes.push_back(s["soc_code"]);
    items.push_back({{"cip_code", r["cip_code"]},
                     {"title", r["title"]},
                     {"digits", r["digits"]},
                     {"active_2020", r["active_2020"] == 1},
                     {"occupations", std::move(codes)}});
  }
  return store::Paged(std::move(items), total, filter.page);
}

}  // namespace pl::reference
