#include <filesystem>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/database_setup.hpp"
#include "ingest/importer.hpp"
#include "ingest/reference_data.hpp"
#include "store/query.hpp"
#include "synthetic/synthetic.hpp"

namespace pl::cli {
namespace {

Result<synthetic::Summary> GenerateInto(store::Database& db, const std::string& scale_name, std::uint64_t seed,
                                        const std::string& out) {
  PL_ASSIGN_OR_RETURN(synthetic::Scale scale, synthetic::ParseScale(scale_name));
  PL_ASSIGN_OR_RETURN(auto input, SyntheticReferenceInput(db));
  TerminalProgress progress;
  return synthetic::Generate(input, {.scale = scale, .seed = seed, .out_dir = out}, progress);
}

void PrintSummary(const synthetic::Summary& s, const std::string& out) {
  fmt::print("Generated into {}: {} organizations, {} students, {} student-years ({:.1f} MB) in {:.1f} s\n", out,
             s.organizations, s.students, s.student_years, static_cast<double>(s.bytes_written) / 1e6, s.seconds);
}

}  // namespace

int RunGenerate(const GenerateArgs& args) {
  // Reference data is read through a private in-memory database, loaded by
  // the same importer as any deployment's.
  DatabaseOptions memory{.db_url = "sqlite::memory:", .data_dir = args.db.data_dir};
  auto db = OpenPrepared(memory);
  if (!db.ok()) return ReportError(db.status());
  auto summary = GenerateInto(**db, args.scale, args.seed, args.out);
  if (!summary.ok()) return ReportError(summary.status());
  PrintSummary(*summary, args.out);
  return kExitOk;
}

int RunDemo(const DemoArgs& args) {
  auto db = OpenPrepared(args.db);
  if (!db.ok()) return ReportError(db.status());
  auto existing = store::QueryInteger(**db, "SELECT count(*) FROM student_year");
  if (!existing.ok()) return ReportError(existing.status());
  if (*existing > 0 && !args.force) {
    fmt::print("The database already holds {} student-year rows; nothing to do (use --force to add the demo).\n",
               *existing);
    return kExitOk;
  }
  std::string out = fmt::format("var/demo/{}-{}", args.scale, args.seed);
  auto summary = GenerateInto(**db, args.scale, args.seed, out);
  if (!summary.ok()) return ReportError(summary.status());
  PrintSummary(*summary, out);
  ingest::Importer importer(**db);
  TerminalProgress progress;
  for (const char* kind_name : {"organizations", "students", "student_years"}) {
    auto kind = ingest::FindKind(kind_name);
    std::string file = (std::filesystem::path(out) / (std::string(kind_name) + ".csv")).string();
    auto report = importer.ImportFile(**kind, file, {.actor = "demo", .progress = &progress});
    if (!report.ok()) return ReportError(report.status());
    fmt::print("Imported {}: {} rows stored, {} rejected in {:.1f} s\n", kind_name, report->rows_stored,
               report->rows_rejected, report->seconds);
    if (report->rows_rejected > 0) {
      // The generator must only write valid rows: a reject is a bug.
      fmt::print(stderr, "error: the synthetic {} file had rejected rows: see {}\n", kind_name,
                 report->rejects_file);
      return kExitError;
    }
  }
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
