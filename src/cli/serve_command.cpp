#include <filesystem>
#include <thread>

#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "api/api.hpp"
#include "cli/commands.hpp"
#include "cli/database_setup.hpp"
#include "http/server.hpp"
#include "stats/stats.hpp"

#ifndef PL_VERSION
#define PL_VERSION "0.0.0"
#endif

namespace pl::cli {

int RunServe(const ServeArgs& args) {
  // Logs go to stderr, so stdout stays free for output a caller may parse.
  spdlog::set_default_logger(spdlog::stderr_color_mt("pathlight"));
  if (args.port < 0 || args.port > 65535) {
    return ReportError(InvalidArgument(fmt::format("--port must be from 0 to 65535, got {}", args.port)));
  }
  if (args.min_n < 1) return ReportError(InvalidArgument("--min-n must be at least 1"));
  std::string data_version;
  {
    auto db = OpenPrepared(args.db);
    if (!db.ok()) return ReportError(db.status());
    auto version = stats::DataVersion(**db);
    data_version = version.ok() ? *version : "unknown";
  }
  int threads = args.threads > 0 ? args.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto pool = store::DatabasePool::Open(args.db.db_url, threads);
  if (!pool.ok()) return ReportError(pool.status());

  http::Router router;
  api::RegisterRoutes(router, **pool,
                      {.version = PL_VERSION, .suppression = {.min_n = args.min_n}});
  std::string static_dir = args.static_dir;
  if (static_dir.empty() && std::filesystem::exists("web/dist/index.html")) static_dir = "web/dist";
  http::Server server({.host = args.host,
                       .port = static_cast<std::uint16_t>(args.port),
                       .threads = threads,
                       .static_dir = static_dir},
                      std::move(router));
  Status started = server.Start();
  if (!started.ok()) return ReportError(started);
  spdlog::info("Pathlight {} serving http://{}:{}/ (database {}, data version {}{})", PL_VERSION, args.host,
               server.port(), store::ParseDatabaseUrl(args.db.db_url)->redacted,
               data_version, static_dir.empty() ? ", API only" : ", web app from " + static_dir);
  server.Run();
  spdlog::info("Pathlight stopped");
  return kExitOk;
}

}  // namespace pl::cli
