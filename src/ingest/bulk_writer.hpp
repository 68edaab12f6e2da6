// Writes validated rows of one kind into its table, inside the caller's
// transaction, as an upsert on the natural key. SQLite uses one prepared
// statement; PostgreSQL streams rows with COPY into a temporary table and
// merges them with one INSERT ... ON CONFLICT, or, into a table that was
// empty when the transaction began, with COPY straight into the table (the
// importer has rejected in-file duplicates, so there is nothing to merge).
// Not thread-safe: one thread at a time.
#pragma once

#include <memory>
#include <span>
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
  virtual Status Add(std::span<const Cell> cells) = 0;
  // Flushes everything; returns how many rows were inserted or changed (rows
  // identical to what the table already held are not counted).
  virtual Result<std::uint64_t> Finish() = 0;
};

// The database columns a kind writes, in order: stored CSV columns, then
// derived columns.
std::vector<std::string> StoredColumns(const KindSpec& kind);

// Creates the writer for the database's backend. Call inside a transaction;
// `empty_table` says the kind's table held no rows when it began.
Result<std::unique_ptr<BulkWriter>> MakeBulkWriter(store::Database& db, const KindSpec& kind, bool empty_table);

}  // namespace pl::ingest
