// The SQLite reader of the source rows, on the native handle (sqlite3.h and
// SOCI's SQLite header cannot share a translation unit).
#include <sqlite3.h>

#include <memory>
#include <string>

#include "engine/store_source.hpp"

namespace pl::engine::internal {

Status ReadSqliteRows(::sqlite3* db, const SourceRowFn& fn) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, kSourceSql, -1, &raw, nullptr) != SQLITE_OK) {
    return Internal(std::string("reading student-years failed: ") + sqlite3_errmsg(db));
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
  SourceCell cells[kSourceColumns];
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    for (int c = 0; c < kSourceColumns; ++c) {
      // One call per column that takes the connection's mutex; the
      // sqlite3_value_* accessors take none.
      sqlite3_value* value = sqlite3_column_value(raw, c);
      SourceCell& cell = cells[c];
      cell.null = sqlite3_value_type(value) == SQLITE_NULL;
      if (cell.null) continue;
      if (IsTextColumn(c)) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
        cell.text = std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(value)));
      } else {
        cell.number = sqlite3_value_double(value);
      }
    }
    PL_RETURN_IF_ERROR(fn(cells));
  }
  if (rc != SQLITE_DONE) return Internal(std::string("reading student-years failed: ") + sqlite3_errmsg(db));
  return Status();
}

}  // namespace pl::engine::internal
