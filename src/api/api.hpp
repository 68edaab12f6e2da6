// The JSON API under /api/v1: thin handlers that parse the request, call one
// module function and serialise its result. Errors leave as
// {"error": {"code", "message", "details"}} via http::Response::Error.
// Every route is declared with its permission in a RouteTable
// (route_table.hpp); docs/security.md lists them.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "api/route_table.hpp"
#include "jobs/jobs.hpp"
#include "privacy/privacy.hpp"
#include "store/pool.hpp"

namespace pl::labor {
class DataCache;
class LaborData;
}  // namespace pl::labor

namespace pl::api {

struct ApiConfig {
  std::string version;                      // Pathlight's version, for /health
  std::string region_scheme = "ccc";        // default grouping of counties
  privacy::SuppressionPolicy suppression;   // minimum n for public aggregates
  // Imports over HTTP: uploads are moved here while their job runs (then
  // deleted); reject files are written here, named by batch id.
  std::string imports_dir = "var/imports";
  // The analytics snapshot files (one per data version).
  std::string snapshot_dir = "var/snapshots";
  // Start building the analytics snapshot when the routes are registered
  // (the server), rather than on the first analytics request.
  bool warm_snapshot = false;
  // How often the server looks for new data to rebuild the snapshot after
  // imports (0: on the next analytics request only).
  int snapshot_watch_ms = 0;
  // Analytics answers kept per data version, question and view
  // (analytics/answer_cache.hpp); 0 keeps none.
  std::size_t answer_cache_bytes = std::size_t{256} << 20;
};

// Registers every route. Handlers keep references to `pool` and `jobs`,
// which must outlive the router. Handlers are thread-safe.
void RegisterRoutes(RouteTable& routes, store::DatabasePool& pool, jobs::JobRegistry& jobs, const ApiConfig& config);

// The parts of RegisterRoutes, one per file.
void RegisterAccountRoutes(RouteTable& routes, store::DatabasePool& pool);  // account_routes.cpp
void RegisterStudentRoutes(RouteTable& routes, store::DatabasePool& pool);  // student_routes.cpp
void RegisterAnalyticsRoutes(RouteTable& routes, store::DatabasePool& pool, jobs::JobRegistry& jobs,
                             const ApiConfig& config);  // analytics_routes.cpp
void RegisterImportRoutes(RouteTable& routes, store::DatabasePool& pool, jobs::JobRegistry& jobs,
                          const ApiConfig& config);  // import_routes.cpp
// The labor and pathway routes share one labor::DataCache (`labor`): the
// grids' occupations show the labor engine's figures, from the same data
// loaded once per data version.
void RegisterLaborRoutes(RouteTable& routes, store::DatabasePool& pool, const ApiConfig& config,
                         std::shared_ptr<labor::DataCache> labor);  // labor_routes.cpp
void RegisterPathwayRoutes(RouteTable& routes, store::DatabasePool& pool, const ApiConfig& config,
                           std::shared_ptr<labor::DataCache> labor);  // pathway_routes.cpp

// The labor data of the current data version (stats::DataVersion), from the
// shared cache.
struct LaborSnapshot {
  std::string version;
  std::shared_ptr<const labor::LaborData> data;
};
Result<LaborSnapshot> CurrentLaborData(labor::DataCache& cache, store::Database& db);  // labor_routes.cpp

// Whose job results a caller may read: their own, or all for administrators.
jobs::Viewer JobViewer(const Caller& caller);

// The counties of a regional analyst's scopes ("scheme/region_code", any
// case), for exact aggregates within them.
Result<std::set<std::string>> RegionScopeCounties(store::Database& db, const std::vector<std::string>& scopes);

// What the caller may see exactly: state analysts everything, regional
// analysts their regions' counties, institution analysts their
// organizations and descendants. API tokens see what the public sees.
Result<privacy::ExactScope> ExactScopeFor(store::Database& db, const Caller& caller);
std::string LowerCase(std::string s);
}  // namespace pl::api
