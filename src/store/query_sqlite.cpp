// Kept apart from query.cpp: sqlite3.h and SOCI's SQLite header declare the
// same C API in different namespaces and cannot share a translation unit.
#include <sqlite3.h>

#include <cctype>
#include <memory>

#include "store/query.hpp"

namespace pl::store {

Result<nlohmann::json> SqliteQueryJson(::sqlite3* db, const std::string& sql, const std::vector<Param>& params) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK) {
    return Internal(std::string("query failed: ") + sqlite3_errmsg(db));
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
  for (std::size_t i = 0; i < params.size(); ++i) {
    int index = sqlite3_bind_parameter_index(raw, (":p" + std::to_string(i)).c_str());
    if (index == 0) continue;  // a parameter the SQL does not use
    const Param& p = params[i];
    if (p.type == Param::Type::kText) {
      sqlite3_bind_text(raw, index, p.text.data(), static_cast<int>(p.text.size()), SQLITE_TRANSIENT);
    } else if (p.type == Param::Type::kInteger) {
      sqlite3_bind_int64(raw, index, p.integer);
    } else {
      sqlite3_bind_null(raw, index);
    }
  }
  int columns = sqlite3_column_count(raw);
  std::vector<std::string> names;
  for (int c = 0; c < columns; ++c) {
    std::string name = sqlite3_column_name(raw, c);
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    names.push_back(std::move(name));
  }
  nlohmann::json out = nlohmann::json::array();
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    nlohmann::json object = nlohmann::json::object();
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(raw, c)) {
        case SQLITE_INTEGER: object[names[c]] = static_cast<long long>(sqlite3_column_int64(raw, c)); break;
        case SQLITE_FLOAT: object[names[c]] = sqlite3_column_double(raw, c); break;
        case SQLITE_NULL: object[names[c]] = nullptr; break;
        default:
          object[names[c]] = std::string(reinterpret_cast<const char*>(sqlite3_column_text(raw, c)),
                                         static_cast<std::size_t>(sqlite3_column_bytes(raw, c)));
      }
    }
    out.push_back(std::move(object));
  }
  if (rc != SQLITE_DONE) return Internal(std::string("query failed: ") + sqlite3_errmsg(db));
  return out;
}

}  // namespace pl::store
