// The analytics routes: the engine's query table and the equity report,
// both through the privacy gate (analytics/analytics.hpp).
#include <chrono>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "analytics/analytics.hpp"
#include "analytics/answer_cache.hpp"
#include "api/api.hpp"
#include "api/json_body.hpp"

namespace pl::api {
namespace {

using http::Request;
using http::Response;

// JSON text: the columnar layout is written as text, the other answers are
// kept as text in the answer cache.
std::string Text(std::string text) { return text; }
std::string Text(const nlohmann::json& body) { return http::JsonText(body); }

// The request in a canonical form, for the answer cache: nlohmann::json
// objects and std::map keep their keys sorted.
std::string Canonical(const nlohmann::json& spec) { return http::JsonText(spec); }
std::string Canonical(const std::map<std::string, std::string>& query) { return http::JsonText(nlohmann::json(query)); }

}  // namespace

void RegisterAnalyticsRoutes(RouteTable& routes, store::DatabasePool& pool, jobs::JobRegistry& jobs,
                             const ApiConfig& config) {
  using privacy::Permission;
  auto service = std::make_shared<analytics::Service>(
      pool, jobs,
      analytics::Service::Config{.snapshot_dir = config.snapshot_dir,
                                 .region_scheme = config.region_scheme,
                                 .watch_every = std::chrono::milliseconds(config.snapshot_watch_ms)});

  auto cache = std::make_shared<analytics::AnswerCache>(config.answer_cache_bytes);

  // Runs `analyse` on the current snapshot for the caller's view, or finds
  // the answer it gave the same view on this data version.
  auto answer = [&pool, service, cache](const Caller& caller, std::string_view route, const std::string& request,
                                        const auto& analyse) {
    auto db = pool.Acquire();
    auto current = service->Acquire(*db);
    if (!current.ok()) return Response::Error(current.status());
    auto viewer = ExactScopeFor(*db, caller);
    if (!viewer.ok()) return Response::Error(viewer.status());
    Response response;
    const std::string key = analytics::AnswerCache::Key(current->snapshot->data_version(), route, request, *viewer);
    // Server-Timing (shown by browsers' developer tools) says whether the
    // answer was kept or computed, and how long that took.
    if (auto kept = cache->Find(key)) {
      response.body = *kept;
      response.headers.emplace_back("Server-Timing", "answer;desc=\"kept\"");
      return response;
    }
    const auto start = std::chrono::steady_clock::now();
    auto result = analyse(*current, *viewer);
    if (!result.ok()) return Response::Error(result.status());
    response.body = Text(std::move(*result));
    // Copied only when kept: a table too large to keep goes out as it is.
    if (cache->Keeps(key, response.body)) cache->Insert(key, std::make_shared<const std::string>(response.body));
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    response.headers.emplace_back("Server-Timing", fmt::format("answer;desc=\"computed\";dur={:.1f}", took.count()));
    return response;
  };

  routes.Add("POST", "/api/v1/query", Permission::kPublic, [answer, config](const Request& r, const Caller& caller) {
    auto spec = ParseJsonObject(r);
    if (!spec.ok()) return Response::Error(spec.status());
    return answer(caller, "query", Canonical(*spec),
                  [&](const analytics::Service::Current& current, const analytics::Viewer& viewer) {
                    return analytics::PublishQuery(*current.snapshot, *current.labels, *spec, viewer,
                                                   config.suppression);
                  });
  });

  // The same table in the columnar layout, written directly (large tables).
  routes.Add("POST", "/api/v1/query/columns", Permission::kPublic,
             [answer, config](const Request& r, const Caller& caller) {
               auto spec = ParseJsonObject(r);
               if (!spec.ok()) return Response::Error(spec.status());
               return answer(caller, "query/columns", Canonical(*spec),
                             [&](const analytics::Service::Current& current, const analytics::Viewer& viewer) {
                               return analytics::PublishQueryColumns(*current.snapshot, *current.labels, *spec, viewer,
                                                                     config.suppression);
                             });
             });

  routes.Add("GET", "/api/v1/equity", Permission::kPublic, [answer, config](const Request& r, const Caller& caller) {
    auto request = analytics::ParseEquityRequest(r.query);
    if (!request.ok()) return Response::Error(request.status());
    return answer(caller, "equity", Canonical(r.query),
                  [&](const analytics::Service::Current& current, const analytics::Viewer& viewer) {
                    return analytics::EquityReport(*current.snapshot, *current.labels, *request, viewer,
                                                   config.suppression);
                  });
  });

  if (config.warm_snapshot) {
    auto db = pool.Acquire();
    (void)service->StartRefresh(*db);
  }
}

}  // namespace pl::api
