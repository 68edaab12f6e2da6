#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <mutex>
#include <set>

#include "api/api.hpp"
#include "directory/directory.hpp"
#include "labor/store_loader.hpp"
#include "reference/reference.hpp"
#include "stats/stats.hpp"
#include "students/students.hpp"

namespace pl::api {
namespace {

using http::Request;
using http::Response;

Response Reply(const Result<nlohmann::json>& result) {
  if (!result.ok()) return Response::Error(result.status());
  return Response::Json(200, *result);
}

std::string QueryOr(const Request& r, std::string_view name, std::string fallback = "") {
  auto v = r.Query(name);
  return v ? *v : fallback;
}

// Statistics scan all of student_year: each answer is kept until the data
// version changes (an import commits), keyed by the request's parameters.
class StatsCache {
 public:
  using Compute = std::function<Result<nlohmann::json>()>;
  Result<nlohmann::json> Get(store::Database& db, const std::string& key, const Compute& compute) {
    PL_ASSIGN_OR_RETURN(std::string version, stats::DataVersion(db));
    {
      std::lock_guard lock(mu_);
      if (version != version_) {
        values_.clear();
        version_ = version;
      }
      auto it = values_.find(key);
      if (it != values_.end()) return it->second;
    }
    PL_ASSIGN_OR_RETURN(nlohmann::json value, compute());
    value["data_version"] = version;
    std::lock_guard lock(mu_);
    if (version == version_ && values_.size() < kMaxEntries) values_[key] = value;
    return value;
  }

 private:
  static constexpr std::size_t kMaxEntries = 256;  // years x schemes stay far below
  std::mutex mu_;
  std::string version_;
  std::map<std::string, nlohmann::json> values_;
};

// Exact aggregates by role and scope: state analysts statewide, regional
// analysts the counties of their regions; everyone else sees suppressed
// aggregates.
Result<stats::Visibility> VisibilityFor(store::Database& db, const Caller& caller) {
  stats::Visibility visibility;
  const auto& p = caller.principal;
  // A token without the analyst's rights still reads, but only what the public sees.
  if (p.token_permissions) return visibility;
  if (p.role == privacy::Role::kStateAnalyst) {
    visibility.statewide = true;
  } else if (p.role == privacy::Role::kRegionalAnalyst) {
    PL_ASSIGN_OR_RETURN(visibility.counties, RegionScopeCounties(db, p.scopes));
  }
  return visibility;
}

// What VisibilityFor depends on, known without a query: the cache key of a
// statistic, so that a cached answer costs no database round trip.
std::string VisibilityKey(const Caller& caller) {
  const auto& p = caller.principal;
  if (p.token_permissions) return "public";
  if (p.role == privacy::Role::kStateAnalyst) return "statewide";
  if (p.role != privacy::Role::kRegionalAnalyst) return "public";
  std::vector<std::string> scopes;
  for (const auto& scope : p.scopes) scopes.push_back(LowerCase(scope));
  std::sort(scopes.begin(), scopes.end());
  std::string key = "regions";
  for (const auto& scope : scopes) key += ":" + scope;
  return key;
}

// A failed job's message may name server paths (a reject file); only
// administrators read it.
nlohmann::json RedactJob(nlohmann::json job, const Caller& caller) {
  // (A job's result is already limited to its owner and administrators by
  // the registry: see JobViewer.)
  if (!caller.principal.Allows(privacy::Permission::kManageReference)) job["message"] = nullptr;
  return job;
}

void RegisterPublicRoutes(RouteTable& routes, store::DatabasePool& pool, jobs::JobRegistry& jobs,
                          const ApiConfig& config) {
  using privacy::Permission;
  auto stats_cache = std::make_shared<StatsCache>();

  routes.Add("GET", "/api/v1/health", Permission::kPublic, [&pool, config](const Request&, const Caller&) {
    auto db = pool.Acquire();
    auto version = stats::DataVersion(*db);
    auto schema = db->SchemaVersion();
    if (!version.ok()) return Response::Error(version.status());
    return Response::Json(200, {{"status", "ok"},
                                {"version", config.version},
                                {"data_version", *version},
                                {"schema_version", schema.ok() ? *schema : 0},
                                {"database", db->backend() == store::Backend::kSqlite ? "sqlite" : "postgresql"}});
  });

  routes.Add("GET", "/api/v1/reference/regions", Permission::kPublic, [&pool, config](const Request& r, const Caller&) {
    auto db = pool.Acquire();
    return Reply(reference::Regions(*db, QueryOr(r, "scheme", config.region_scheme)));
  });
  routes.Add("GET", "/api/v1/reference/counties", Permission::kPublic, [&pool, config](const Request& r, const Caller&) {
    auto db = pool.Acquire();
    return Reply(reference::Counties(*db, QueryOr(r, "scheme", config.region_scheme)));
  });
  routes.Add("GET", "/api/v1/reference/sectors", Permission::kPublic, [&pool](const Request&, const Caller&) {
    auto db = pool.Acquire();
    return Reply(reference::Sectors(*db));
  });
  routes.Add("GET", "/api/v1/reference/occupations", Permission::kPublic, [&pool](const Request& r, const Caller&) {
    auto page = store::ParsePage(r.Query("page"), r.Query("per_page"));
    if (!page.ok()) return Response::Error(page.status());
    std::string level = QueryOr(r, "level");
    if (!level.empty() && level != "major" && level != "minor" && level != "broad" && level != "detailed") {
      return Response::Error(InvalidArgument("level must be one of major, minor, broad, detailed",
                                             {{"parameter", "level"}}));
    }
    auto db = pool.Acquire();
    return Reply(reference::Occupations(*db, {.q = QueryOr(r, "q"), .level = level, .page = *page}));
  });
  routes.Add("GET", "/api/v1/reference/programs", Permission::kPublic, [&pool](const Request& r, const Caller&) {
    auto page = store::ParsePage(r.Query("page"), r.Query("per_page"));
    if (!page.ok()) return Response::Error(page.status());
    int digits = 0;
    std::string digits_text = QueryOr(r, "digits");
    if (!digits_text.empty() && digits_text != "2" && digits_text != "4" && digits_text != "6") {
      return Response::Error(InvalidArgument("digits must be 2, 4 or 6", {{"parameter", "digits"}}));
    }
    if (!digits_text.empty()) digits = digits_text[0] - '0';
    auto db = pool.Acquire();
    return Reply(reference::Programs(*db, {.q = QueryOr(r, "q"),
                                           .digits = digits,
                                           .active_only = QueryOr(r, "include_inactive") != "true",
                                           .page = *page}));
  });

  routes.Add("GET", "/api/v1/organizations", Permission::kPublic, [&pool, config](const Request& r, const Caller&) {
    auto page = store::ParsePage(r.Query("page"), r.Query("per_page"));
    if (!page.ok()) return Response::Error(page.status());
    auto db = pool.Acquire();
    return Reply(directory::ListOrganizations(*db, {.type = QueryOr(r, "type"),
                                                    .county = QueryOr(r, "county"),
                                                    .region = QueryOr(r, "region"),
                                                    .scheme = QueryOr(r, "scheme", config.region_scheme),
                                                    .q = QueryOr(r, "q"),
                                                    .page = *page}));
  });
  routes.Add("GET", "/api/v1/organizations/{org_id}", Permission::kPublic, [&pool, config](const Request& r, const Caller&) {
    auto db = pool.Acquire();
    return Reply(directory::GetOrganization(*db, r.path_params.at("org_id"), QueryOr(r, "scheme", config.region_scheme)));
  });

  routes.Add("GET", "/api/v1/stats/overview", Permission::kPublic,
             [&pool, config, stats_cache](const Request&, const Caller& caller) {
    auto db = pool.Acquire();
    return Reply(stats_cache->Get(*db, "overview\x1f" + VisibilityKey(caller), [&]() -> Result<nlohmann::json> {
      PL_ASSIGN_OR_RETURN(auto visibility, VisibilityFor(*db, caller));
      return stats::Overview(*db, config.suppression, visibility);
    }));
  });
  routes.Add("GET", "/api/v1/stats/counties", Permission::kPublic,
             [&pool, config, stats_cache](const Request& r, const Caller& caller) {
    std::string year = QueryOr(r, "school_year");
    std::string scheme = QueryOr(r, "scheme", config.region_scheme);
    auto db = pool.Acquire();
    std::string key = "counties\x1f" + year + "\x1f" + scheme + "\x1f" + VisibilityKey(caller);
    return Reply(stats_cache->Get(*db, key, [&]() -> Result<nlohmann::json> {
      PL_ASSIGN_OR_RETURN(auto visibility, VisibilityFor(*db, caller));
      return stats::Counties(*db, config.suppression, year, scheme, visibility);
    }));
  });

  routes.Add("GET", "/api/v1/jobs", Permission::kPublic, [&jobs](const Request&, const Caller& caller) {
    nlohmann::json list = jobs.List(JobViewer(caller));
    for (auto& job : list["jobs"]) job = RedactJob(std::move(job), caller);
    return Response::Json(200, list);
  });
  routes.Add("GET", "/api/v1/jobs/{job_id}", Permission::kPublic, [&jobs](const Request& r, const Caller& caller) {
    auto job = jobs.Get(r.path_params.at("job_id"), JobViewer(caller));
    if (!job.ok()) return Response::Error(job.status());
    return Response::Json(200, RedactJob(std::move(job).value(), caller));
  });
}

}  // namespace

std::string LowerCase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Region scopes are lower-case; the shipped region codes are upper-case.
Result<std::set<std::string>> RegionScopeCounties(store::Database& db, const std::vector<std::string>& scopes) {
  std::map<std::string, std::set<std::string>> regions_by_scheme;
  for (const auto& scope : scopes) {
    auto slash = scope.find('/');
    if (slash == std::string::npos) continue;
    regions_by_scheme[scope.substr(0, slash)].insert(LowerCase(scope.substr(slash + 1)));
  }
  std::set<std::string> counties;
  for (const auto& [scheme, regions] : regions_by_scheme) {
    PL_ASSIGN_OR_RETURN(auto rows, reference::Counties(db, scheme));
    for (const auto& c : rows) {
      if (c["region_code"].is_string() && regions.contains(LowerCase(c["region_code"].get<std::string>()))) {
        counties.insert(c["fips"].get<std::string>());
      }
    }
  }
  return counties;
}

Result<privacy::ExactScope> ExactScopeFor(store::Database& db, const Caller& caller) {
  privacy::ExactScope scope;
  const auto& p = caller.principal;
  if (p.token_permissions) return scope;
  switch (p.role) {
    case privacy::Role::kStateAnalyst: scope.statewide = true; break;
    case privacy::Role::kRegionalAnalyst: {
      PL_ASSIGN_OR_RETURN(scope.counties, RegionScopeCounties(db, p.scopes));
      break;
    }
    case privacy::Role::kInstitutionAnalyst: {
      PL_ASSIGN_OR_RETURN(auto orgs, students::ExpandOrganizations(db, p.scopes));
      scope.organizations.insert(orgs.begin(), orgs.end());
      break;
    }
    default: break;
  }
  return scope;
}

jobs::Viewer JobViewer(const Caller& caller) {
  return {.user_id = caller.principal.user_id,
          .administrator = caller.principal.role == privacy::Role::kAdministrator};
}

void RegisterRoutes(RouteTable& routes, store::DatabasePool& pool, jobs::JobRegistry& jobs, const ApiConfig& config) {
  RegisterPublicRoutes(routes, pool, jobs, config);
  RegisterAccountRoutes(routes, pool);
  RegisterStudentRoutes(routes, pool);
  RegisterImportRoutes(routes, pool, jobs, config);
  RegisterAnalyticsRoutes(routes, pool, jobs, config);
  // One labor data cache for both: a grid and the labor page read the same loaded data.
  auto labor_data = std::make_shared<labor::DataCache>(config.region_scheme);
  RegisterLaborRoutes(routes, pool, config, labor_data);
  RegisterPathwayRoutes(routes, pool, config, labor_data);
}

}  // namespace pl::api
