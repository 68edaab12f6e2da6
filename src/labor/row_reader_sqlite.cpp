#include <sqlite3.h>

#include <memory>

#include "labor/row_reader.hpp"

namespace pl::labor::internal {

Status SqliteForEachRow(::sqlite3* db, const std::string& sql, const std::vector<store::Param>& params,
                        const std::function<Status(const Row&)>& on_row) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK) {
    return Internal(std::string("query failed: ") + sqlite3_errmsg(db));
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
  for (std::size_t i = 0; i < params.size(); ++i) {
    int index = sqlite3_bind_parameter_index(raw, (":p" + std::to_string(i)).c_str());
    if (index == 0) continue;
    const store::Param& p = params[i];
    if (p.type == store::Param::Type::kText) {
      sqlite3_bind_text(raw, index, p.text.data(), static_cast<int>(p.text.size()), SQLITE_TRANSIENT);
    } else if (p.type == store::Param::Type::kInteger) {
      sqlite3_bind_int64(raw, index, p.integer);
    } else {
      sqlite3_bind_null(raw, index);
    }
  }
  const int columns = sqlite3_column_count(raw);
  Row row(static_cast<std::size_t>(columns));
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    for (int c = 0; c < columns; ++c) {
      Cell& cell = row[static_cast<std::size_t>(c)];
      const int type = sqlite3_column_type(raw, c);
      cell.null = type == SQLITE_NULL;
      if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
        cell.number = sqlite3_column_double(raw, c);
        cell.text.clear();
      } else if (type != SQLITE_NULL) {
        cell.text.assign(reinterpret_cast<const char*>(sqlite3_column_text(raw, c)),
                         static_cast<std::size_t>(sqlite3_column_bytes(raw, c)));
        cell.number = 0;
      }
    }
    PL_RETURN_IF_ERROR(on_row(row));
  }
  if (rc != SQLITE_DONE) return Internal(std::string("query failed: ") + sqlite3_errmsg(db));
  return Status::Ok();
}

}  // namespace pl::labor::internal
