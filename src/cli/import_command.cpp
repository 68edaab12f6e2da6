#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/database_setup.hpp"
#include "ingest/importer.hpp"

namespace pl::cli {
namespace {

void PrintHuman(const ingest::ImportReport& r) {
  double rate = r.seconds > 0 ? static_cast<double>(r.rows_read) / r.seconds : 0;
  fmt::print("Imported {} from {}\n", r.kind, r.file);
  fmt::print("  rows read     {:>12}\n", r.rows_read);
  fmt::print("  rows stored   {:>12}  ({} new or changed)\n", r.rows_stored, r.rows_changed);
  fmt::print("  rows rejected {:>12}{}\n", r.rows_rejected,
             r.rejects_file.empty() ? "" : "  -> " + r.rejects_file);
  fmt::print("  batch {} in {:.2f} s ({:.0f} rows/s)\n", r.batch_id, r.seconds, rate);
}

int Refuse(const Status& status, bool json) {
  if (json) {
    nlohmann::json error = {{"code", StatusCodeName(status.code())}, {"message", status.message()}};
    if (!status.details().is_null()) error["details"] = status.details();
    fmt::print("{}\n", nlohmann::json{{"error", error}}.dump());
    return ingest::IsRefusal(status) ? kExitRefused : kExitError;
  }
  return ReportError(status);
}

}  // namespace

int RunImport(const ImportArgs& args) {
  auto kind = ingest::FindKind(args.kind);
  if (!kind.ok()) return Refuse(kind.status(), args.json);
  auto db = OpenPrepared(args.db);
  if (!db.ok()) return Refuse(db.status(), args.json);
  ingest::Importer importer(**db);
  TerminalProgress progress;
  ingest::ImportOptions options{.rejects_path = args.rejects, .progress = &progress};
  auto report = importer.ImportFile(**kind, args.file, options);
  if (!report.ok()) return Refuse(report.status(), args.json);
  if (args.json) {
    fmt::print("{}\n", report->ToJson().dump());
  } else {
    PrintHuman(*report);
  }
  return kExitOk;
}

}  // namespace pl::cli
