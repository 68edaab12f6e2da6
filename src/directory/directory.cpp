#include "directory/directory.hpp"

#include <fmt/format.h>

#include "core/code_sets.hpp"

namespace pl::directory {
namespace {

using store::Param;

constexpr const char* kSelect =
    "SELECT o.org_id, o.org_type, o.name, o.county_fips, c.name AS county_name, r.region_code, r.region_name, "
    "o.parent_org_id, o.cds_code, o.ipeds_id, o.latitude, o.longitude "
    "FROM organization o LEFT JOIN county c ON c.county_fips = o.county_fips "
    "LEFT JOIN region_assignment r ON r.county_fips = o.county_fips AND r.scheme_code = :p0";

}  // namespace

Status Validate(store::Database& db, const OrganizationFilter& filter) {
  if (!filter.type.empty()) {
    bool known = false;
    for (const auto& v : FindFixedCodeSet("org_type")->values) known = known || v.code == filter.type;
    if (!known) return InvalidArgument("unknown organization type: " + filter.type, {{"parameter", "type"}});
  }
  if (!filter.county.empty()) {
    PL_ASSIGN_OR_RETURN(long long n, store::QueryInteger(db, "SELECT count(*) FROM county WHERE county_fips = :p0",
                                                         {Param::Text(filter.county)}));
    if (n == 0) return InvalidArgument("unknown county FIPS code: " + filter.county, {{"parameter", "county"}});
  }
  if (!filter.region.empty()) {
    PL_ASSIGN_OR_RETURN(long long n,
                        store::QueryInteger(db,
                                            "SELECT count(*) FROM region_assignment WHERE scheme_code = :p0 "
                                            "AND region_code = :p1",
                                            {Param::Text(filter.scheme), Param::Text(filter.region)}));
    if (n == 0) {
      return InvalidArgument(fmt::format("unknown region {} in scheme {}", filter.region, filter.scheme),
                             {{"parameter", "region"}});
    }
  }
  return Status::Ok();
}

Result<nlohmann::json> ListOrganizations(store::Database& db, const OrganizationFilter& filter) {
  PL_RETURN_IF_ERROR(Validate(db, filter));
  std::vector<Param> params = {Param::Text(filter.scheme)};
  std::string where = " WHERE 1 = 1";
  auto add = [&](const std::string& condition, Param p) {
    where += fmt::format(fmt::runtime(condition), fmt::format(":p{}", params.size()));
    params.push_back(std::move(p));
  };
  if (!filter.type.empty()) add(" AND o.org_type = {}", Param::Text(filter.type));
  if (!filter.county.empty()) add(" AND o.county_fips = {}", Param::Text(filter.county));
  if (!filter.region.empty()) add(" AND r.region_code = {}", Param::Text(filter.region));
  if (!filter.q.empty()) {
    where += fmt::format(
        " AND (lower(o.name) LIKE :p{0} ESCAPE '\\' OR o.org_id = :p{1} OR o.cds_code = :p{1} OR o.ipeds_id = :p{1})",
        params.size(), params.size() + 1);
    params.push_back(Param::Text(store::LikePattern(filter.q)));
    params.push_back(Param::Text(filter.q));
  }
  std::string from = std::string(kSelect) + where;
  PL_ASSIGN_OR_RETURN(long long total, store::QueryInteger(db, "SELECT count(*) FROM (" + from + ") counted", params));
  auto page_params = params;
  page_params.push_back(Param::Integer(filter.page.per_page));
  page_params.push_back(Param::Integer(filter.page.offset()));
  PL_ASSIGN_OR_RETURN(auto items, store::QueryJson(db,
                                                   from + fmt::format(" ORDER BY o.name, o.org_id LIMIT :p{} OFFSET :p{}",
                                                                      params.size(), params.size() + 1),
                                                   page_params));
  return store::Paged(std::move(items), total, filter.page);
}

Result<nlohmann::json> GetOrganization(store::Database& db, const std::string& org_id, const std::string& scheme) {
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db, std::string(kSelect) + " WHERE o.org_id = :p1",
                                                  {Param::Text(scheme), Param::Text(org_id)}));
  if (rows.empty()) return NotFound("no organization with id " + org_id, {{"org_id", org_id}});
  nlohmann::json org = rows[0];
  org["parent"] = nullptr;
  if (org["parent_org_id"].is_string()) {
    PL_ASSIGN_OR_RETURN(auto parent, store::QueryJson(db, "SELECT org_id, org_type, name FROM organization WHERE org_id = :p0",
                                                      {Param::Text(org["parent_org_id"])}));
    if (!parent.empty()) org["parent"] = parent[0];
  }
  PL_ASSIGN_OR_RETURN(auto children, store::QueryJson(db,
                                                      "SELECT org_type, count(*) AS count FROM organization "
                                                      "WHERE parent_org_id = :p0 GROUP BY org_type ORDER BY org_type",
                                                      {Param::Text(org_id)}));
  org["children"] = children;
  return org;
}

}  // namespace pl::directory
