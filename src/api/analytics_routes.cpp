// The analytics routes: the engine's query table and the equity report,
// both through the privacy gate (analytics/analytics.hpp).
#include <set>

#include "analytics/analytics.hpp"
#include "api/api.hpp"
#include "api/json_body.hpp"
#include "reference/reference.hpp"
#include "students/students.hpp"

namespace pl::api {
namespace {

using http::Request;
using http::Response;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// What the caller may see exactly: state analysts everything, regional
// analysts their regions' counties, institution analysts their
// organizations and descendants. API tokens see what the public sees.
Result<analytics::Viewer> ViewerFor(store::Database& db, const Caller& caller) {
  analytics::Viewer viewer;
  const auto& p = caller.principal;
  if (p.token_permissions) return viewer;
  switch (p.role) {
    case privacy::Role::kStateAnalyst: viewer.statewide = true; break;
    case privacy::Role::kRegionalAnalyst: {
      std::map<std::string, std::set<std::string>> regions_by_scheme;
      for (const auto& scope : p.scopes) {
        auto slash = scope.find('/');
        if (slash != std::string::npos) regions_by_scheme[scope.substr(0, slash)].insert(Lower(scope.substr(slash + 1)));
      }
      for (const auto& [scheme, regions] : regions_by_scheme) {
        PL_ASSIGN_OR_RETURN(auto counties, reference::Counties(db, scheme));
        for (const auto& c : counties) {
          if (c["region_code"].is_string() && regions.contains(Lower(c["region_code"].get<std::string>()))) {
            viewer.counties.insert(c["fips"].get<std::string>());
          }
        }
      }
      break;
    }
    case privacy::Role::kInstitutionAnalyst: {
      PL_ASSIGN_OR_RETURN(auto orgs, students::ExpandOrganizations(db, p.scopes));
      viewer.organizations.insert(orgs.begin(), orgs.end());
      break;
    }
    default: break;
  }
  return viewer;
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

  routes.Add("POST", "/api/v1/query", Permission::kPublic, [&pool, service, config](const Request& r, const Caller& caller) {
    auto spec = ParseJsonObject(r);
    if (!spec.ok()) return Response::Error(spec.status());
    auto db = pool.Acquire();
    auto current = service->Acquire(*db);
    if (!current.ok()) return Response::Error(current.status());
    auto viewer = ViewerFor(*db, caller);
    if (!viewer.ok()) return Response::Error(viewer.status());
    auto table = analytics::PublishQuery(*current->snapshot, *current->labels, *spec, *viewer, config.suppression);
    if (!table.ok()) return Response::Error(table.status());
    return Response::Json(200, *table);
  });

  routes.Add("GET", "/api/v1/equity", Permission::kPublic, [&pool, service, config](const Request& r, const Caller& caller) {
    auto request = analytics::ParseEquityRequest(r.query);
    if (!request.ok()) return Response::Error(request.status());
    auto db = pool.Acquire();
    auto current = service->Acquire(*db);
    if (!current.ok()) return Response::Error(current.status());
    auto viewer = ViewerFor(*db, caller);
    if (!viewer.ok()) return Response::Error(viewer.status());
    auto report = analytics::EquityReport(*current->snapshot, *current->labels, *request, *viewer, config.suppression);
    if (!report.ok()) return Response::Error(report.status());
    return Response::Json(200, *report);
  });

  if (config.warm_snapshot) {
    auto db = pool.Acquire();
    (void)service->StartRefresh(*db);
  }
}

}  // namespace pl::api
