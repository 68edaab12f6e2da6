// The one way data enters Pathlight: reads a CSV file of a declared kind,
// validates every field and row, writes rejected rows to a reject file and
// stores the rest in one transaction, then records the batch.
//
// Guarantees: rows_read == rows_stored + rows_rejected; a file that cannot be
// imported at all (empty, not CSV, missing or unknown columns) is refused
// before anything is stored; a failure or a kill mid-import leaves the
// database as it was; re-importing the same file changes nothing.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/progress.hpp"
#include "core/status.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/key_set.hpp"
#include "ingest/kind.hpp"

namespace pl::store {
class Database;
}

namespace pl::ingest {

struct ImportOptions {
  // Reject file path; empty: <rejects_dir>/<batch_id>-<kind>.rejects.csv.
  std::string rejects_path;
  std::string rejects_dir = "var/imports";
  // Who imports (user e-mail or "cli"); kept in the import history.
  std::string actor = "cli";
  // Extra columns a file may carry that the kind does not store.
  std::vector<std::string> ignore_columns;
  // Values for declared columns absent from the file (e.g. a region scheme).
  std::map<std::string, std::string> constants;
  Progress* progress = nullptr;
  // When set, the organizations the importer may write for (imports over
  // HTTP by an institution analyst, already expanded to descendants): a row
  // naming an organization outside the set (student_years.org_id,
  // organizations.org_id and parent_org_id) is rejected with the reason
  // "organization <id> is outside your scope". Unset: no limit.
  std::optional<std::set<std::string, std::less<>>> allowed_organizations;
};

struct ImportReport {
  std::string kind;
  std::string file;
  std::string batch_id;
  std::string checksum;        // SHA-256 of the file's bytes, hex
  std::uint64_t rows_read = 0;
  std::uint64_t rows_stored = 0;
  std::uint64_t rows_rejected = 0;
  std::uint64_t rows_changed = 0;  // stored rows that were new or different
  std::string rejects_file;        // empty when nothing was rejected
  double seconds = 0;

  // {"kind","file","batch_id","rows_read","rows_stored","rows_rejected","rejects_file","seconds", ...}
  nlohmann::json ToJson() const;
};

// Errors that refuse a file (exit status 2 in the CLI) rather than an
// internal failure (exit 1).
bool IsRefusal(const Status& status);

class Importer {
 public:
  explicit Importer(store::Database& db);
  ~Importer();

  // Imports `path` ("-" for standard input). Refusals come back as
  // kInvalidArgument (bad file) or kNotFound (no such file); database
  // failures as kInternal, after a rollback.
  Result<ImportReport> ImportFile(const KindSpec& kind, const std::string& path, const ImportOptions& options);
  Result<ImportReport> Import(const KindSpec& kind, std::unique_ptr<ByteSource> source,
                              const std::string& display_name, const ImportOptions& options);

 private:
  Result<KeySet*> KnownKeys(const KindSpec& kind);

  store::Database& db_;
  // Keys of each kind known to exist: loaded from the database on first use
  // and extended by each stored file, so later files of the same import set
  // may refer to earlier ones.
  std::map<std::string, std::unique_ptr<KeySet>> known_keys_;
};

}  // namespace pl::ingest
