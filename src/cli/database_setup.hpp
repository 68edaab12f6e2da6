// Opening a database ready for use: schema migrated, reference data loaded.
#pragma once

#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "core/status.hpp"
#include "store/store.hpp"
#include "synthetic/synthetic.hpp"

namespace pl::cli {

// Opens db.db_url, applies migrations and loads changed reference files from
// db.data_dir, printing one line per reference file loaded to stderr.
Result<std::unique_ptr<store::Database>> OpenPrepared(const DatabaseOptions& db);

// The generator's input read from the reference tables (counties with their
// regions in the default scheme, sectors, pathways), so synthetic rows always
// pass the importer's code-set checks.
Result<synthetic::ReferenceInput> SyntheticReferenceInput(store::Database& db);

// Prints "error: <message>" on stderr and returns the exit status for it.
int ReportError(const Status& status);

}  // namespace pl::cli
