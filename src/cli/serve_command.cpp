#include <cstdio>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <filesystem>
#include <thread>

#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "api/api.hpp"
#include "cli/commands.hpp"
#include "cli/database_setup.hpp"
#include "cli/demo.hpp"
#include "core/threads.hpp"
#include "jobs/jobs.hpp"
#include "store/query.hpp"
#include "http/server.hpp"
#include "stats/stats.hpp"

#ifndef PL_VERSION
#define PL_VERSION "0.0.0"
#endif

namespace pl::cli {
namespace {

// An answer allocates and frees tens of megabytes (the engine's per-thread
// tables, the gate's and the writer's buffers). By default glibc gives
// blocks over 128 KB back to the kernel (mmap, and trimming an arena's free
// top), and the next request faults them in again, zeroed: 5-8 ms of the
// 30 M-row dashboard cube's 65. A server keeps them.
void KeepAnswerMemory() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's largest
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
#endif
}

// Loads the demo data set in the background when the database holds no
// student-years, so the server answers at once and the web UI shows the
// job's progress.
// `db` is the connection RunServe opened (migrated, reference data loaded);
// the job keeps it.
// Snapshots belong to one database: beside a SQLite file, or named after a
// PostgreSQL database.
std::string DefaultSnapshotDir(const std::string& db_url) {
  auto url = store::ParseDatabaseUrl(db_url);
  if (url.ok() && url->backend == store::Backend::kSqlite) return url->target + ".snapshots";
  std::string name = url.ok() ? url->target.substr(url->target.rfind('/') + 1) : "database";
  name = name.substr(0, name.find('?'));
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
  }
  return "var/snapshots/" + name;
}

Status StartDemoJob(const ServeArgs& args, std::shared_ptr<store::Database> db, jobs::JobRegistry& jobs) {
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
  KeepAnswerMemory();
  if (args.port < 0 || args.port > 65535) {
    return ReportError(InvalidArgument(fmt::format("--port must be from 0 to 65535, got {}", args.port)));
  }
  if (args.min_n < 1) return ReportError(InvalidArgument("--min-n must be at least 1"));
  if (args.max_upload_mb < 1) return ReportError(InvalidArgument("--max-upload-mb must be at least 1"));
  if (args.answer_cache_mb < 0) return ReportError(InvalidArgument("--answer-cache-mb must be 0 or more"));
  if (args.session_idle_minutes < 1 || args.session_hours < 1 ||
      args.session_idle_minutes > args.session_hours * 60) {
    return ReportError(InvalidArgument("--session-idle-minutes must be at least 1 and at most --session-hours (at least 1)"));
  }
  // A bad --demo is refused before serving, not found later in a job.
  if (!args.demo_scale.empty()) {
    Status scale = synthetic::ParseScale(args.demo_scale).status();
    if (!scale.ok()) return ReportError(scale);
  }
  // One connection migrates and loads reference data; the demo job, if any,
  // keeps it afterwards.
  auto opened = OpenPrepared(args.db);
  if (!opened.ok()) return ReportError(opened.status());
  std::shared_ptr<store::Database> setup_db = std::move(opened).value();
  auto version = stats::DataVersion(*setup_db);
  std::string data_version = version.ok() ? *version : "unknown";
  const int threads = ThreadCount(args.threads);
  auto pool = store::DatabasePool::Open(args.db.db_url, threads);
  if (!pool.ok()) return ReportError(pool.status());

  // Declared before the router and server, which refer to it, so that it
  // outlives them; its destructor cancels and waits for running jobs.
  jobs::JobRegistry jobs;
  if (!args.demo_scale.empty()) {
    // On the terminal only (stdout), never through the log.
    Status admin = EnsureDemoAdministrator(*setup_db, [](const std::string& line) {
      fmt::print("{}\n", line);
      std::fflush(stdout);
    });
    if (!admin.ok()) return ReportError(admin);
    Status started = StartDemoJob(args, std::move(setup_db), jobs);
    if (!started.ok()) return ReportError(started);
  }
  setup_db.reset();  // the pool serves requests

  http::Router router;
  api::RouteTable routes(router, **pool,
                         {.session = {.idle = std::chrono::minutes(args.session_idle_minutes),
                                      .absolute = std::chrono::hours(args.session_hours)},
                          .throttle = {},
                          .secure_cookies = args.tls_proxy});
  api::RegisterRoutes(
      routes, **pool, jobs,
      {.version = PL_VERSION,
       .suppression = {.min_n = args.min_n},
       .snapshot_dir = args.snapshot_dir.empty() ? DefaultSnapshotDir(args.db.db_url) : args.snapshot_dir,
       .warm_snapshot = true,
       .snapshot_watch_ms = 2000,
       .answer_cache_bytes = static_cast<std::size_t>(args.answer_cache_mb) << 20});
  if (Status declared = api::CheckEveryRouteDeclared(router, routes); !declared.ok()) return ReportError(declared);
  std::string static_dir = args.static_dir;
  if (static_dir.empty() && std::filesystem::exists("web/dist/index.html")) static_dir = "web/dist";
  // Uploads (imports over HTTP) stream to var/uploads, next to var/imports
  // where their jobs move them: one file system, so a rename suffices.
  std::error_code dir_error;
  std::filesystem::create_directories("var/uploads", dir_error);
  std::filesystem::permissions("var/uploads", std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, dir_error);
  if (dir_error) return ReportError(Unavailable("cannot create var/uploads: " + dir_error.message()));
  http::Server server({.host = args.host,
                       .port = static_cast<std::uint16_t>(args.port),
                       .threads = threads,
                       .tls = args.tls_proxy,
                       .static_dir = static_dir,
                       .upload_dir = "var/uploads",
                       .max_upload_bytes = static_cast<std::uint64_t>(args.max_upload_mb) << 20,
                       .upload_gate = routes.UploadGate()},
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
