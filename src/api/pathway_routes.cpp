// Pathway grids and student plans (pathways/pathways.hpp): a pathway's grid
// for a region and its history (public), edits by the region's coordinators
// and administrators (audited), and plans as JSON or CSV (public). The
// grids' occupations take their figures from the labor data the labor
// routes share (one load per data version).
#include <fmt/format.h>

#include "api/api.hpp"
#include "api/json_body.hpp"
#include "labor/store_loader.hpp"
#include "pathways/pathways.hpp"

namespace pl::api {
namespace {

using http::Request;
using http::Response;

std::string RegionParameter(const Request& r) {
  auto v = r.Query("region");
  return v ? *v : "";
}

// Coordinators (institution analysts) edit the grids of regions that hold
// one of their organizations; administrators edit every region's.
Status CheckEditScope(store::Database& db, const Caller& caller, const pathways::RegionRef& region) {
  if (caller.principal.role == privacy::Role::kAdministrator) return Status();
  PL_ASSIGN_OR_RETURN(bool inside, pathways::OrganizationsInRegion(db, region, caller.principal.scopes));
  if (!inside) {
    return PermissionDenied("none of your organizations is in region " + region.code +
                                ": coordinators edit the grids of their own region",
                            {{"parameter", "region"}});
  }
  return Status();
}

Response SaveGrid(const Request& r, const Caller& caller, store::DatabasePool& pool, const ApiConfig& config,
                  labor::DataCache& cache) {
  auto body = ParseJsonObject(r);
  if (!body.ok()) return Response::Error(body.status());
  const std::string& code = r.path_params.at("code");
  auto db = pool.Acquire();
  auto pathway = pathways::FindPathway(*db, code);
  if (!pathway.ok()) return Response::Error(pathway.status());
  auto region = pathways::FindRegion(*db, config.region_scheme, RegionParameter(r));
  if (!region.ok()) return Response::Error(region.status());
  if (Status allowed = CheckEditScope(*db, caller, *region); !allowed.ok()) return Response::Error(allowed);
  // Recorded before the save, so that a refused edit leaves a trace too.
  nlohmann::json detail = {{"base_version", body->value("base_version", nlohmann::json())}};
  Status audited = AuditAs(*db, caller, "pathways.grid_save", fmt::format("grid:{}/{}", pathway->code, region->code), detail);
  if (!audited.ok()) return Response::Error(audited);
  auto snapshot = CurrentLaborData(cache, *db);
  if (!snapshot.ok()) return Response::Error(snapshot.status());
  auto saved = pathways::SaveGrid(*db, *snapshot->data, pathway->code, region->code, config.region_scheme, *body,
                                  {.user_id = caller.principal.user_id, .name = caller.display_name});
  if (!saved.ok()) return Response::Error(saved.status());
  return Response::Json(200, pathways::GridJson(*saved));
}

Response Plan(const Request& r, store::DatabasePool& pool, const ApiConfig& config, labor::DataCache& cache) {
  std::string format = r.Query("format").value_or("json");
  if (format != "json" && format != "csv") {
    return Response::Error(InvalidArgument("format must be json or csv; got " + format, {{"parameter", "format"}}));
  }
  auto body = ParseJsonObject(r);
  if (!body.ok()) return Response::Error(body.status());
  auto request = pathways::ParsePlanRequest(*body);
  if (!request.ok()) return Response::Error(request.status());
  auto db = pool.Acquire();
  auto snapshot = CurrentLaborData(cache, *db);
  if (!snapshot.ok()) return Response::Error(snapshot.status());
  auto grid = pathways::GetGrid(*db, *snapshot->data, request->pathway, request->region, config.region_scheme);
  if (!grid.ok()) {
    // The pathway is named in the body: an unknown one is a bad request, not a missing page.
    if (grid.status().code() == StatusCode::kNotFound) {
      return Response::Error(InvalidArgument(grid.status().message(), {{"field", "pathway"}}));
    }
    return Response::Error(grid.status());
  }
  auto plan = pathways::BuildPlan(*grid, request->options);
  if (!plan.ok()) return Response::Error(plan.status());
  if (format == "json") return Response::Json(200, pathways::PlanJson(*plan));
  Response response;
  response.content_type = "text/csv; charset=utf-8";
  response.body = pathways::PlanCsv(*plan);
  // Codes are letters, digits and hyphens (pathway) or a region code from the data: quoted all the same.
  response.headers.emplace_back("Content-Disposition",
                                fmt::format("attachment; filename=\"plan-{}-{}-{}-years.csv\"", grid->pathway.code,
                                            grid->region.code, request->options.years));
  return response;
}

}  // namespace

void RegisterPathwayRoutes(RouteTable& routes, store::DatabasePool& pool, const ApiConfig& config,
                           std::shared_ptr<labor::DataCache> cache) {
  using privacy::Permission;
  routes.Add("GET", "/api/v1/pathways/{code}/grid", Permission::kPublic,
             [&pool, config, cache](const Request& r, const Caller&) {
    auto db = pool.Acquire();
    auto snapshot = CurrentLaborData(*cache, *db);
    if (!snapshot.ok()) return Response::Error(snapshot.status());
    auto grid = pathways::GetGrid(*db, *snapshot->data, r.path_params.at("code"), RegionParameter(r), config.region_scheme);
    if (!grid.ok()) return Response::Error(grid.status());
    return Response::Json(200, pathways::GridJson(*grid));
  });
  routes.Add("PUT", "/api/v1/pathways/{code}/grid", Permission::kEditPathways,
             [&pool, config, cache](const Request& r, const Caller& caller) {
               return SaveGrid(r, caller, pool, config, *cache);
             });
  routes.Add("GET", "/api/v1/pathways/{code}/grid/history", Permission::kPublic,
             [&pool, config](const Request& r, const Caller&) {
    auto db = pool.Acquire();
    auto history = pathways::GridHistory(*db, r.path_params.at("code"), RegionParameter(r), config.region_scheme);
    if (!history.ok()) return Response::Error(history.status());
    return Response::Json(200, *history);
  });
  routes.Add("POST", "/api/v1/plans", Permission::kPublic,
             [&pool, config, cache](const Request& r, const Caller&) { return Plan(r, pool, config, *cache); });
}

}  // namespace pl::api
