// Writes validated rows of one kind into its table, inside the caller's
// transaction, as an upsert on the natural key. SQLite uses one prepared
// statement; PostgreSQL streams rows with COPY into a temporary table and
// merges them with one INSERT ... ON CONFLICT. Not thread-safe.
#pragma once

#include <memory>
#include <vector>

#include "core/status.hpp"
#include "ingest/kind.hpp"

namespace pl::store {
class Database;
}

namespace pl::ingest {

class BulkWriter {
 public:
  virtual ~BulkWriter() = default;
  // Adds one row: `cells` holds the stored columns in StoredColumns() order.
  virtual Status Add(const std::vector<Cell>& cells) = 0;
  // Flushes everything; returns how many rows were inserted or changed (rows
  // identical to what the table already held are not counted).
  virtual Result<std::uint64_t> Finish() = 0;
};

// The database columns a kind writes, in order: stored CSV columns, then
// derived columns.
std::vector<std::string> StoredColumns(const KindSpec& kind);

// Creates the writer for the database's backend. Call inside a transaction.
Result<std::unique_ptr<BulkWriter>> MakeBulkWriter(store::Database& db, const KindSpec& kind);

}  // namespace pl::ingest
