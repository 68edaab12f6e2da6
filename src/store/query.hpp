// Read queries that return JSON rows: the common shape of the read models
// behind the API. Parameters are bound (never spliced into SQL).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.hpp"
#include "store/store.hpp"

namespace pl::store {

// A bound parameter: text, integer or null.
struct Param {
  enum class Type { kText, kInteger, kNull } type = Type::kNull;
  std::string text;
  long long integer = 0;
  static Param Text(std::string v) { return {Type::kText, std::move(v), 0}; }
  static Param Integer(long long v) { return {Type::kInteger, {}, v}; }
  static Param Null() { return {}; }
};

// Runs `sql` with positional parameters written :p0, :p1, ... and returns an
// array of objects keyed by column name (lower-case). Integers, reals, text
// and NULL map to JSON numbers, strings and null.
Result<nlohmann::json> QueryJson(Database& db, const std::string& sql, const std::vector<Param>& params = {});

// The first column of the first row as an integer (0 when no row).
Result<long long> QueryInteger(Database& db, const std::string& sql, const std::vector<Param>& params = {});

// Runs a statement with bound parameters (:p0, :p1, ...); the number of rows
// it changed. The error names the driver's message, never the bound values.
Result<long long> Execute(Database& db, const std::string& sql, const std::vector<Param>& params = {});

// The SQLite path of QueryJson, on the native handle (query_sqlite.cpp).
Result<nlohmann::json> SqliteQueryJson(::sqlite3* db, const std::string& sql, const std::vector<Param>& params);

// Paging shared by list endpoints: page from 1, per_page 1..max.
struct Page {
  int page = 1;
  int per_page = 50;
  long long offset() const { return static_cast<long long>(page - 1) * per_page; }
};
// Parses page/per_page text (either may be absent). InvalidArgument names
// the parameter and the accepted range.
Result<Page> ParsePage(const std::optional<std::string>& page, const std::optional<std::string>& per_page,
                       int max_per_page = 200);
// {"items": items, "total": total, "page": .., "per_page": ..}
nlohmann::json Paged(nlohmann::json items, long long total, const Page& page);
// A case-insensitive "contains" pattern for LIKE ... ESCAPE '\\' (compare
// with lower(column)); the input's own % and _ match literally.
std::string LikePattern(const std::string& q);

}  // namespace pl::store
