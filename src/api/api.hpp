// The JSON API under /api/v1: thin handlers that parse the request, call one
// module function and serialise its result. Errors leave as
// {"error": {"code", "message", "details"}} via http::Response::Error.
#pragma once

#include <memory>
#include <string>

#include "http/router.hpp"
#include "jobs/jobs.hpp"
#include "privacy/privacy.hpp"
#include "store/pool.hpp"

namespace pl::api {

struct ApiConfig {
  std::string version;                      // Pathlight's version, for /health
  std::string region_scheme = "ccc";        // default grouping of counties
  privacy::SuppressionPolicy suppression;   // minimum n for public aggregates
};

// Registers every route. The router keeps references to `pool` and `jobs`,
// which must outlive it. Handlers are thread-safe.
void RegisterRoutes(http::Router& router, store::DatabasePool& pool, jobs::JobRegistry& jobs,
                    const ApiConfig& config);

}  // namespace pl::api
