// The labor-market routes: the gap table of an area and one occupation
// across the regions (src/labor, docs/labor-method.md). Both are public; the
// institution award means of the occupation route pass the privacy gate.
#include <memory>

#include "api/api.hpp"
#include "labor/labor.hpp"
#include "stats/stats.hpp"

namespace pl::api {
namespace {

using http::Request;
using http::Response;

}  // namespace

Result<LaborSnapshot> CurrentLaborData(labor::DataCache& cache, store::Database& db) {
  PL_ASSIGN_OR_RETURN(std::string version, stats::DataVersion(db));
  PL_ASSIGN_OR_RETURN(auto data, cache.Get(db, version));
  return LaborSnapshot{std::move(version), std::move(data)};
}

void RegisterLaborRoutes(RouteTable& routes, store::DatabasePool& pool, const ApiConfig& config,
                         std::shared_ptr<labor::DataCache> cache) {
  using privacy::Permission;

  routes.Add("GET", "/api/v1/labor/gap", Permission::kPublic, [&pool, cache](const Request& r, const Caller&) {
    auto db = pool.Acquire();
    auto loaded = CurrentLaborData(*cache, *db);
    if (!loaded.ok()) return Response::Error(loaded.status());
    auto request = labor::ParseGapRequest(*loaded->data, r.query);
    if (!request.ok()) return Response::Error(request.status());
    auto result = labor::RunGap(*loaded->data, *request);
    if (!result.ok()) return Response::Error(result.status());
    return Response::Json(200, labor::GapJson(*loaded->data, *result, loaded->version));
  });

  routes.Add("GET", "/api/v1/labor/occupations/{soc}", Permission::kPublic,
             [&pool, cache, config](const Request& r, const Caller& caller) {
    auto db = pool.Acquire();
    auto loaded = CurrentLaborData(*cache, *db);
    if (!loaded.ok()) return Response::Error(loaded.status());
    auto viewer = ExactScopeFor(*db, caller);
    if (!viewer.ok()) return Response::Error(viewer.status());
    auto report = labor::OccupationReport(*loaded->data, r.path_params.at("soc"), *viewer, config.suppression,
                                          loaded->version);
    if (!report.ok()) return Response::Error(report.status());
    return Response::Json(200, *report);
  });
}

}  // namespace pl::api
