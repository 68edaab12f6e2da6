// The system of record: one database URL selects SQLite or PostgreSQL.
//
//   sqlite:PATH                                  (default var/pathlight.db)
//   postgresql://user:pass@host:port/db          (any libpq URI)
//
// Database owns one SOCI session. It is not thread-safe: use one Database
// per thread (the server opens one per worker). All SOCI exceptions are
// caught here or in the caller's module edge and returned as Status.
#pragma once

#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace soci {
class session;
}
struct sqlite3;
struct pg_conn;

namespace pl::store {

enum class Backend { kSqlite, kPostgres };

struct DatabaseUrl {
  Backend backend = Backend::kSqlite;
  std::string target;     // file path (SQLite) or libpq URI (PostgreSQL)
  std::string redacted;   // the URL with any password replaced by "***", for messages
};

inline constexpr std::string_view kDefaultDatabaseUrl = "sqlite:var/pathlight.db";

// Parses a database URL. InvalidArgument names the accepted forms.
Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url);

struct Migration {
  int version;
  std::string name;
  std::string sql;
};
// The migrations compiled into the binary, in version order.
const std::vector<Migration>& Migrations();

// A migration's SQL for a backend. Both backends run the same files; text
// written /*sqlite: ...*/ is SQLite-only (a comment to PostgreSQL), e.g.
// "WITHOUT ROWID" on tables whose natural key is their storage order, and
// text written /*postgresql: ...*/ is PostgreSQL-only (a comment to SQLite),
// e.g. identity columns or plpgsql trigger functions. Marked text cannot
// itself contain "*/".
std::string MigrationSql(const std::string& sql, Backend backend);

class Database {
 public:
  // Opens (and for SQLite creates, with its parent folder) the database.
  // Unavailable when the server cannot be reached or the file cannot be
  // opened; the message carries the redacted URL and the driver's reason.
  static Result<std::unique_ptr<Database>> Open(std::string_view url);
  ~Database();

  Backend backend() const { return url_.backend; }
  const DatabaseUrl& url() const { return url_; }
  soci::session& session() { return *session_; }

  // Applies every migration newer than the recorded schema version, each in
  // its own transaction, and records it in schema_version.
  Status Migrate();
  // The highest applied migration, 0 for an empty database.
  Result<int> SchemaVersion();

  // Runs statements (no result rows). Errors name the SQL's first line.
  Status Execute(std::string_view sql);

  Status Begin();
  Status Commit();
  Status Rollback();

  // Bulk loading on SQLite: a large page cache for the transaction and no
  // per-row foreign-key lookups, for callers that check every reference
  // themselves (the importer) while holding the write lock. Call before
  // Begin() and EndBulkLoad() after the commit or rollback. No-ops on
  // PostgreSQL, whose set-based merge checks keys cheaply.
  Status BeginBulkLoad();
  Status EndBulkLoad();

  // Loading a large batch into an empty table: drops the table's secondary
  // indexes and, on PostgreSQL, its primary key (unless another table refers
  // to it) and foreign keys, and returns the statements that re-create them,
  // to run after the load in the same transaction. Building an index once,
  // by sorting, is several times cheaper than maintaining it row by row, and
  // re-adding a foreign key checks all rows with one join instead of one
  // lookup per row (PostgreSQL's "Populating a Database" advice). Call
  // inside a transaction; until commit other connections wait on
  // PostgreSQL's table lock, while SQLite's readers keep their snapshot.
  Result<std::vector<std::string>> SuspendIndexes(const std::string& table);

  // Native handles for bulk loading; null for the other backend.
  ::sqlite3* sqlite_handle();
  ::pg_conn* postgres_handle();

 private:
  Database(DatabaseUrl url, std::unique_ptr<soci::session> session);
  DatabaseUrl url_;
  std::unique_ptr<soci::session> session_;
};

// Runs `fn` inside BEGIN/COMMIT; rolls back when it returns an error.
template <typename Fn>
Status InTransaction(Database& db, Fn&& fn) {
  PL_RETURN_IF_ERROR(db.Begin());
  Status s = fn();
  if (!s.ok()) {
    (void)db.Rollback();
    return s;
  }
  return db.Commit();
}

// A driver's error message fit for a Status: its first line, without the
// SQL and bound values SOCI appends (" while executing ... with :p0=...")
// or PostgreSQL's DETAIL/CONTEXT lines, which can quote row values.
std::string DriverMessage(const std::exception& e);

// UTC time as ISO 8601 ("2026-11-23T06:24:39Z"), as stored in TEXT columns;
// with microseconds ("2026-11-23T06:24:39.123456Z") where order matters
// within a second. Both forms sort as text in time order.
std::string NowIso8601(bool microseconds = false);

}  // namespace pl::store
