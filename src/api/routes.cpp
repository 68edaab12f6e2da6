#include <charconv>
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

// The overview is a full scan of student_year; it is recomputed only when
// the data version changes.
class OverviewCache {
 public:
  Result<nlohmann::json> Get(store::Database& db, const privacy::SuppressionPolicy& policy) {
    PL_ASSIGN_OR_RETURN(std::string version, stats::DataVersion(db));
    {
      std::lock_guard lock(mu_);
      if (version == version_) return value_;
    }
    PL_ASSIGN_OR_RETURN(nlohmann::json value, stats::Overview(db, policy));
    value["data_version"] = version;
    std::lock_guard lock(mu_);
    version_ = version;
    value_ = value;
    return value;
  }

 private:
  std::mutex mu_;
  std::string version_;
  nlohmann::json value_;
};

}  // namespace

void RegisterRoutes(http::Router& router, store::DatabasePool& pool, const ApiConfig& config) {
  auto overview_cache = std::make_shared<OverviewCache>();

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

  router.Add("GET", "/api/v1/stats/overview", [&pool, config, overview_cache](const Request&) {
    auto db = pool.Acquire();
    return Reply(overview_cache->Get(*db, config.suppression));
  });
}

}  // namespace pl::api
