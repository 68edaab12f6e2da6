#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/database_setup.hpp"
#include "cli/demo.hpp"
#include "ingest/importer.hpp"
#include "ingest/reference_data.hpp"
#include "store/query.hpp"
#include "synthetic/synthetic.hpp"

namespace pl::cli {
int RunGenerate(const GenerateArgs& args) {
  // Reference data is read through a private in-memory database, loaded by
  // the same importer as any deployment's.
  DatabaseOptions memory{.db_url = "sqlite::memory:", .data_dir = args.db.data_dir};
  auto db = OpenPrepared(memory);
  if (!db.ok()) return ReportError(db.status());
  TerminalProgress progress;
  auto summary = GenerateInto(**db, args.scale, args.seed, args.out, progress);
  if (!summary.ok()) return ReportError(summary.status());
  fmt::print("{}\n", SummaryLine(*summary, args.out));
  return kExitOk;
}

int RunDemo(const DemoArgs& args) {
  auto db = OpenPrepared(args.db);
  if (!db.ok()) return ReportError(db.status());
  // Before the data check: a database filled earlier may still lack a user.
  Status admin = EnsureDemoAdministrator(**db, [](const std::string& line) { fmt::print("{}\n", line); });
  if (!admin.ok()) return ReportError(admin);
  auto existing = store::QueryInteger(**db, "SELECT count(*) FROM student_year");
  if (!existing.ok()) return ReportError(existing.status());
  if (*existing > 0 && !args.force) {
    fmt::print("The database already holds {} student-year rows; nothing to do (use --force to add the demo).\n",
               *existing);
    return kExitOk;
  }
  TerminalProgress progress;
  Status loaded = LoadDemo(**db, args.scale, args.seed, progress, [](const std::string& line) {
    fmt::print("{}\n", line);
  });
  if (!loaded.ok()) return ReportError(loaded);
  return kExitOk;
}

int RunMigrate(const DatabaseOptions& options) {
  auto db = OpenPrepared(options);
  if (!db.ok()) return ReportError(db.status());
  auto version = (*db)->SchemaVersion();
  fmt::print("Database {} is at schema version {} with reference data loaded.\n", (*db)->url().redacted,
             version.ok() ? *version : 0);
  return kExitOk;
}

int RunDataDictionary() {
  fmt::print("{}", ingest::DataDictionaryMarkdown());
  return kExitOk;
}

}  // namespace pl::cli
