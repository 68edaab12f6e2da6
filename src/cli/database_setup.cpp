#include "cli/database_setup.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "core/progress.hpp"
#include "ingest/importer.hpp"
#include "ingest/reference_data.hpp"

namespace pl::cli {

Result<std::unique_ptr<store::Database>> OpenPrepared(const DatabaseOptions& options) {
  PL_ASSIGN_OR_RETURN(auto db, store::Database::Open(options.db_url));
  PL_RETURN_IF_ERROR(db->Migrate());
  TerminalProgress progress;
  PL_ASSIGN_OR_RETURN(auto loads, ingest::LoadReferenceData(*db, options.data_dir, "var/imports", &progress));
  for (const auto& load : loads) {
    if (!load.loaded) continue;
    std::string rejected;
    if (load.report.rows_rejected > 0) {
      rejected = fmt::format(", {} rejected (see {})", load.report.rows_rejected, load.report.rejects_file);
    }
    fmt::print(stderr, "reference data: loaded {} ({} rows{})\n", load.code_set, load.report.rows_stored, rejected);
  }
  return db;
}

int ReportError(const Status& status) {
  fmt::print(stderr, "error: {}\n", status.message());
  return ingest::IsRefusal(status) ? kExitRefused : kExitError;
}

}  // namespace pl::cli
