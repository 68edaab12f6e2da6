#include <charconv>
#include <functional>
#include <map>
#include <mutex>

#include "api/api.hpp"
#include "directory/directory.hpp"
#include "reference/reference.hpp"
#include "stats/stats.hpp"

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

}  // namespace

void RegisterRoutes(http::Router& router, store::DatabasePool& pool, jobs::JobRegistry& jobs,
                    const ApiConfig& config) {
  auto stats_cache = std::make_shared<StatsCache>();

  router.Add("GET", "/api/v1/health", [&pool, config](const Request&) {
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

  router.Add("GET", "/api/v1/reference/regions", [&pool, config](const Request& r) {
    auto db = pool.Acquire();
    return Reply(reference::Regions(*db, QueryOr(r, "scheme", config.region_scheme)));
  });
  router.Add("GET", "/api/v1/reference/counties", [&pool, config](const Request& r) {
    auto db = pool.Acquire();
    return Reply(reference::Counties(*db, QueryOr(r, "scheme", config.region_scheme)));
  });
  router.Add("GET", "/api/v1/reference/sectors", [&pool](const Request&) {
    auto db = pool.Acquire();
    return Reply(reference::Sectors(*db));
  });
  router.Add("GET", "/api/v1/reference/occupations", [&pool](const Request& r) {
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
  router.Add("GET", "/api/v1/reference/programs", [&pool](const Request& r) {
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

  router.Add("GET", "/api/v1/organizations", [&pool, config](const Request& r) {
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
  router.Add("GET", "/api/v1/organizations/{org_id}", [&pool, config](const Request& r) {
    auto db = pool.Acquire();
    return Reply(directory::GetOrganization(*db, r.path_params.at("org_id"), QueryOr(r, "scheme", config.region_scheme)));
  });

  router.Add("GET", "/api/v1/stats/overview", [&pool, config, stats_cache](const Request&) {
    auto db = pool.Acquire();
    return Reply(stats_cache->Get(*db, "overview", [&] { return stats::Overview(*db, config.suppression); }));
  });
  router.Add("GET", "/api/v1/stats/counties", [&pool, config, stats_cache](const Request& r) {
    std::string year = QueryOr(r, "school_year");
    std::string scheme = QueryOr(r, "scheme", config.region_scheme);
    auto db = pool.Acquire();
    return Reply(stats_cache->Get(*db, "counties\x1f" + year + "\x1f" + scheme,
                                  [&] { return stats::Counties(*db, config.suppression, year, scheme); }));
  });

  router.Add("GET", "/api/v1/jobs", [&jobs](const Request&) { return Response::Json(200, jobs.List()); });
  router.Add("GET", "/api/v1/jobs/{job_id}",
             [&jobs](const Request& r) { return Reply(jobs.Get(r.path_params.at("job_id"))); });
}

}  // namespace pl::api
