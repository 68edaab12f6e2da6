#include <filesystem>
#include <thread>

#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "api/api.hpp"
#include "cli/commands.hpp"
#include "cli/database_setup.hpp"
#include "cli/demo.hpp"
#include "jobs/jobs.hpp"
#include "store/query.hpp"
#include "http/server.hpp"
#include "stats/stats.hpp"

#ifndef PL_VERSION
#define PL_VERSION "0.0.0"
#endif

namespace pl::cli {
namespace {

// Loads the demo data set in the background when the database holds no
// student-years, so the server answers at once and the web UI shows the
// job's progress.
Status StartDemoJob(const ServeArgs& args, jobs::JobRegistry& jobs) {
  // A bad --demo is refused before serving, not found later in a job.
  PL_RETURN_IF_ERROR(synthetic::ParseScale(args.demo_scale).status());
  PL_ASSIGN_OR_RETURN(auto owned, OpenPrepared(args.db));
  std::shared_ptr<store::Database> db = std::move(owned);
  PL_ASSIGN_OR_RETURN(long long rows, store::QueryInteger(*db, "SELECT count(*) FROM student_year"));
  if (rows > 0) {
    spdlog::info("--demo: the database already holds {} student-year rows; no demo loaded", rows);
    return Status();
  }
  std::string id = jobs.Start({.kind = "demo", .label = fmt::format("Loading the demo data set ({})", args.demo_scale)},
                              [db, args](Progress& progress) {
                                Status s = LoadDemo(*db, args.demo_scale, args.demo_seed, progress,
                                                    [](const std::string& line) { spdlog::info("demo: {}", line); });
                                if (!s.ok()) spdlog::error("demo: {}", s.message());
                                return s;
                              });
  spdlog::info("loading the demo data set in the background (job {})", id);
  return Status();
}

}  // namespace

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

  // Declared before the router and server, which refer to it, so that it
  // outlives them; its destructor cancels and waits for running jobs.
  jobs::JobRegistry jobs;
  if (!args.demo_scale.empty()) {
    Status started = StartDemoJob(args, jobs);
    if (!started.ok()) return ReportError(started);
  }

  http::Router router;
  api::RegisterRoutes(router, **pool, jobs,
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
  jobs.CancelAll();
  jobs.Wait();
  spdlog::info("Pathlight stopped");
  return kExitOk;
}

}  // namespace pl::cli
