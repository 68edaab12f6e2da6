// The analytics routes: the engine's query table and the equity report,
// both through the privacy gate (analytics/analytics.hpp).
#include <functional>
#include <set>

#include "analytics/analytics.hpp"
#include "api/api.hpp"
#include "api/json_body.hpp"

namespace pl::api {
namespace {

using http::Request;
using http::Response;

Response JsonResponse(nlohmann::json body) { return Response::Json(200, body); }

// JSON text already written (the columnar layout).
Response JsonResponse(std::string body) {
  Response response;
  response.body = std::move(body);
  return response;
}

}  // namespace

void RegisterAnalyticsRoutes(RouteTable& routes, store::DatabasePool& pool, jobs::JobRegistry& jobs,
                             const ApiConfig& config) {
  using privacy::Permission;
  auto service = std::make_shared<analytics::Service>(
      pool, jobs,
      analytics::Service::Config{.snapshot_dir = config.snapshot_dir,
                                 .region_scheme = config.region_scheme,
                                 .watch_every = std::chrono::milliseconds(config.snapshot_watch_ms)});

  // Runs `analyse` on the current snapshot for the caller's view.
  auto answer = [&pool, service](const Caller& caller, const auto& analyse) {
    auto db = pool.Acquire();
    auto current = service->Acquire(*db);
    if (!current.ok()) return Response::Error(current.status());
    auto viewer = ExactScopeFor(*db, caller);
    if (!viewer.ok()) return Response::Error(viewer.status());
    auto result = analyse(*current, *viewer);
    if (!result.ok()) return Response::Error(result.status());
    return JsonResponse(std::move(*result));
  };

  routes.Add("POST", "/api/v1/query", Permission::kPublic, [answer, config](const Request& r, const Caller& caller) {
    auto spec = ParseJsonObject(r);
    if (!spec.ok()) return Response::Error(spec.status());
    return answer(caller, [&](const analytics::Service::Current& current, const analytics::Viewer& viewer) {
      return analytics::PublishQuery(*current.snapshot, *current.labels, *spec, viewer, config.suppression);
    });
  });

  // The same table in the columnar layout, written directly (large tables).
  routes.Add("POST", "/api/v1/query/columns", Permission::kPublic,
             [answer, config](const Request& r, const Caller& caller) {
               auto spec = ParseJsonObject(r);
               if (!spec.ok()) return Response::Error(spec.status());
               return answer(caller, [&](const analytics::Service::Current& current, const analytics::Viewer& viewer) {
                 return analytics::PublishQueryColumns(*current.snapshot, *current.labels, *spec, viewer,
                                                       config.suppression);
               });
             });

  routes.Add("GET", "/api/v1/equity", Permission::kPublic, [answer, config](const Request& r, const Caller& caller) {
    auto request = analytics::ParseEquityRequest(r.query);
    if (!request.ok()) return Response::Error(request.status());
    return answer(caller, [&](const analytics::Service::Current& current, const analytics::Viewer& viewer) {
      return analytics::EquityReport(*current.snapshot, *current.labels, *request, viewer, config.suppression);
    });
  });

  if (config.warm_snapshot) {
    auto db = pool.Acquire();
    (void)service->StartRefresh(*db);
  }
}

}  // namespace pl::api
