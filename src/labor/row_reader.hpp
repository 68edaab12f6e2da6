// Reading the labor tables row by row without building JSON: the loader
// reads ~50,000 demand rows and ~30,000 award rows per data version, and a
// JSON object per row (store::QueryJson) costs more than the rest of the
// load together. Internal to labor (store_loader.cpp).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "store/query.hpp"
#include "store/store.hpp"

namespace pl::labor::internal {

// One column value of the current row.
struct Cell {
  bool null = true;
  std::string text;     // text columns
  double number = 0;    // numeric columns (integers too)
};
using Row = std::vector<Cell>;

// Runs `sql` with parameters :p0, :p1, ... (text or integer) and calls
// `on_row` for each result row, in order; stops at the first error it
// returns. Internal with the driver's message when the query fails.
Status ForEachRow(store::Database& db, const std::string& sql, const std::vector<store::Param>& params,
                  const std::function<Status(const Row&)>& on_row);

// The SQLite path, on the native handle (row_reader_sqlite.cpp: sqlite3.h
// and SOCI's SQLite header cannot share a translation unit).
Status SqliteForEachRow(::sqlite3* db, const std::string& sql, const std::vector<store::Param>& params,
                        const std::function<Status(const Row&)>& on_row);

}  // namespace pl::labor::internal
