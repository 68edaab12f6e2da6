#include "ingest/bulk_writer.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <charconv>

#include <fmt/format.h>

#include "store/store.hpp"

namespace pl::ingest {
namespace {

std::vector<std::string> KeyColumns(const KindSpec& kind) {
  std::vector<std::string> keys;
  for (const auto& name : kind.key) keys.push_back(kind.Find(name)->column());
  return keys;
}

bool IsKey(const std::vector<std::string>& keys, const std::string& column) {
  for (const auto& k : keys) {
    if (k == column) return true;
  }
  return false;
}

// INSERT ... ON CONFLICT (key) DO UPDATE ... WHERE <some column differs>:
// the WHERE makes an identical re-import change (and count) nothing.
std::string UpsertSql(const KindSpec& kind, const std::string& source, const char* distinct_operator) {
  auto columns = StoredColumns(kind);
  auto keys = KeyColumns(kind);
  std::string column_list = fmt::format("{}", fmt::join(columns, ", "));
  std::string sql = fmt::format("INSERT INTO {} AS t ({}) {} ON CONFLICT ({}) ", kind.table, column_list, source,
                                fmt::join(keys, ", "));
  std::vector<std::string> sets, differs;
  for (const auto& c : columns) {
    if (IsKey(keys, c)) continue;
    sets.push_back(fmt::format("{0} = excluded.{0}", c));
    differs.push_back(fmt::format("t.{0} {1} excluded.{0}", c, distinct_operator));
  }
  if (sets.empty()) return sql + "DO NOTHING";
  return sql + fmt::format("DO UPDATE SET {} WHERE {}", fmt::join(sets, ", "), fmt::join(differs, " OR "));
}

// PostgreSQL's error text without its DETAIL and CONTEXT lines, which quote
// the offending row ("Key (student_key)=(...)", "COPY ..., line 7: ...");
// errors reach logs and the jobs API, where student-level values must not.
std::string FirstLine(const char* text) {
  std::string_view v = text ? text : "";
  return std::string(v.substr(0, v.find('\n')));
}
std::string PrimaryMessage(const PGresult* result) {
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  return primary ? primary : "no error message";
}

class SqliteWriter final : public BulkWriter {
 public:
  explicit SqliteWriter(::sqlite3* db) : db_(db) {}
  ~SqliteWriter() override { sqlite3_finalize(statement_); }

  Status Prepare(const KindSpec& kind) {
    auto columns = StoredColumns(kind);
    std::string placeholders;
    for (size_t i = 0; i < columns.size(); ++i) placeholders += i ? ", ?" : "?";
    std::string sql = UpsertSql(kind, "VALUES (" + placeholders + ")", "IS NOT");
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement_, nullptr) != SQLITE_OK) {
      return Internal(fmt::format("cannot prepare the insert into {}: {}", kind.table, sqlite3_errmsg(db_)));
    }
    return Status::Ok();
  }

  Status Add(std::span<const Cell> cells) override {
    for (size_t i = 0; i < cells.size(); ++i) {
      const Cell& c = cells[i];
      int index = static_cast<int>(i) + 1;
      switch (c.type) {
        case Cell::Type::kNull: sqlite3_bind_null(statement_, index); break;
        case Cell::Type::kInteger: sqlite3_bind_int64(statement_, index, c.integer); break;
        case Cell::Type::kReal: sqlite3_bind_double(statement_, index, c.real); break;
        case Cell::Type::kText:
          // The text lives until the next record is read; step runs before that.
          sqlite3_bind_text(statement_, index, c.text.data(), static_cast<int>(c.text.size()), SQLITE_STATIC);
          break;
      }
    }
    int rc = sqlite3_step(statement_);
    sqlite3_reset(statement_);
    if (rc != SQLITE_DONE) return Internal(fmt::format("insert failed: {}", sqlite3_errmsg(db_)));
    changed_ += static_cast<std::uint64_t>(sqlite3_changes(db_));
    return Status::Ok();
  }

  Result<std::uint64_t> Finish() override { return changed_; }

 private:
  ::sqlite3* db_;
  ::sqlite3_stmt* statement_ = nullptr;
  std::uint64_t changed_ = 0;
};

class PostgresWriter final : public BulkWriter {
 public:
  PostgresWriter(::PGconn* conn, const KindSpec& kind, bool direct)
      : conn_(conn), kind_(kind), direct_(direct) {}

  Status Start() {
    auto columns = StoredColumns(kind_);
    if (!direct_) {
      PL_RETURN_IF_ERROR(Run(fmt::format(
          "CREATE TEMP TABLE pl_stage (LIKE {} INCLUDING DEFAULTS) ON COMMIT DROP", kind_.table)));
    }
    PGresult* result = PQexec(conn_, fmt::format("COPY {} ({}) FROM STDIN", direct_ ? kind_.table : "pl_stage",
                                                 fmt::join(columns, ", "))
                                         .c_str());
    bool ok = PQresultStatus(result) == PGRES_COPY_IN;
    std::string error = PrimaryMessage(result);
    PQclear(result);
    if (!ok) return Internal("cannot start COPY: " + error);
    buffer_.reserve(kFlushBytes + 4096);
    return Status::Ok();
  }

  Status Add(std::span<const Cell> cells) override {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) buffer_.push_back('\t');
      AppendCopyValue(cells[i]);
    }
    buffer_.push_back('\n');
    if (buffer_.size() >= kFlushBytes) return Flush();
    return Status::Ok();
  }

  Result<std::uint64_t> Finish() override {
    PL_RETURN_IF_ERROR(Flush());
    if (PQputCopyEnd(conn_, nullptr) != 1) return Internal("COPY failed: " + FirstLine(PQerrorMessage(conn_)));
    PGresult* result = PQgetResult(conn_);
    bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    std::string error = PrimaryMessage(result);
    std::uint64_t copied = ok ? std::strtoull(PQcmdTuples(result), nullptr, 10) : 0;
    PQclear(result);
    while ((result = PQgetResult(conn_)) != nullptr) PQclear(result);
    if (!ok) return Internal(fmt::format("COPY into {} failed: {}", direct_ ? kind_.table : "pl_stage", error));
    if (direct_) return copied;  // every row is new
    auto columns = StoredColumns(kind_);
    std::string merge =
        UpsertSql(kind_, fmt::format("SELECT {} FROM pl_stage", fmt::join(columns, ", ")), "IS DISTINCT FROM");
    result = PQexec(conn_, merge.c_str());
    ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    error = PrimaryMessage(result);
    std::uint64_t changed = ok ? std::strtoull(PQcmdTuples(result), nullptr, 10) : 0;
    PQclear(result);
    if (!ok) return Internal(fmt::format("merge into {} failed: {}", kind_.table, error));
    PL_RETURN_IF_ERROR(Run("DROP TABLE pl_stage"));
    return changed;
  }

 private:
  static constexpr size_t kFlushBytes = 1 << 20;

  Status Run(const std::string& sql) {
    PGresult* result = PQexec(conn_, sql.c_str());
    bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    std::string error = PrimaryMessage(result);
    PQclear(result);
    return ok ? Status::Ok() : Internal(fmt::format("SQL failed ({}): {}", sql.substr(0, 60), error));
  }

  Status Flush() {
    if (buffer_.empty()) return Status::Ok();
    if (PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
      return Internal("COPY failed: " + FirstLine(PQerrorMessage(conn_)));
    }
    buffer_.clear();
    return Status::Ok();
  }

  // COPY text format: \N is NULL; backslash, tab, newline and CR are escaped.
  void AppendCopyValue(const Cell& c) {
    char digits[32];
    switch (c.type) {
      case Cell::Type::kNull: buffer_.append("\\N"); return;
      case Cell::Type::kInteger: {
        auto [end, ec] = std::to_chars(digits, digits + sizeof digits, c.integer);
        buffer_.append(digits, end);
        return;
      }
      case Cell::Type::kReal: {
        auto [end, ec] = std::to_chars(digits, digits + sizeof digits, c.real);
        buffer_.append(digits, end);
        return;
      }
      case Cell::Type::kText:
        for (char ch : c.text) {
          switch (ch) {
            case '\\': buffer_.append("\\\\"); break;
            case '\t': buffer_.append("\\t"); break;
            case '\n': buffer_.append("\\n"); break;
            case '\r': buffer_.append("\\r"); break;
            default: buffer_.push_back(ch);
          }
        }
        return;
    }
  }

  ::PGconn* conn_;
  const KindSpec& kind_;
  const bool direct_;
  std::string buffer_;
};

}  // namespace

std::vector<std::string> StoredColumns(const KindSpec& kind) {
  std::vector<std::string> columns;
  for (const auto& c : kind.columns) {
    if (c.stored) columns.push_back(c.column());
  }
  for (const auto& d : kind.derived) columns.push_back(d.db_column);
  return columns;
}

Result<std::unique_ptr<BulkWriter>> MakeBulkWriter(store::Database& db, const KindSpec& kind, bool empty_table) {
  if (db.backend() == store::Backend::kSqlite) {
    auto writer = std::make_unique<SqliteWriter>(db.sqlite_handle());
    PL_RETURN_IF_ERROR(writer->Prepare(kind));
    return std::unique_ptr<BulkWriter>(std::move(writer));
  }
  auto writer = std::make_unique<PostgresWriter>(db.postgres_handle(), kind, empty_table);
  PL_RETURN_IF_ERROR(writer->Start());
  return std::unique_ptr<BulkWriter>(std::move(writer));
}

}  // namespace pl::ingest
