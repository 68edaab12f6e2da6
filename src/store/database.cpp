#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "store/store.hpp"

namespace pl::store {
namespace {

std::string Redact(std::string_view url) {
  // postgresql://user:secret@host -> postgresql://user:***@host
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string_view::npos || at == std::string_view::npos) return std::string(url);
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

std::string FirstLine(std::string_view sql) {
  auto start = sql.find_first_not_of(" \n\t");
  if (start == std::string_view::npos) return "";
  sql.remove_prefix(start);
  return std::string(sql.substr(0, std::min(sql.find('\n'), std::size_t{80})));
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// libpq keyword value, quoted: 'it''s' is written 'it\'s'.
std::string Quoted(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

// SOCI's PostgreSQL backend reads keyword=value connection strings (it
// scans them for its own options), so a URI is turned into that form:
// user:pass@host:port/db?sslmode=require -> user='..' password='..' host=..
Result<std::string> PostgresConninfo(std::string_view rest, const std::string& redacted) {
  std::string out;
  auto add = [&](const char* key, std::string_view value) {
    if (!value.empty()) out += (out.empty() ? "" : " ") + std::string(key) + "=" + Quoted(PercentDecode(value));
  };
  std::string_view query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view path;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view credentials = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = credentials.find(':');
    add("user", credentials.substr(0, colon));
    if (colon != std::string_view::npos) add("password", credentials.substr(colon + 1));
  }
  std::string_view port;
  if (!rest.starts_with('[')) {
    if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
      port = rest.substr(colon + 1);
      rest = rest.substr(0, colon);
    }
  }
  add("host", rest);
  for (char c : port) {
    if (c < '0' || c > '9') return InvalidArgument("database URL has a bad port: " + redacted);
  }
  add("port", port);
  add("dbname", path);
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) return InvalidArgument("database URL has a bad parameter: " + redacted);
    std::string key(pair.substr(0, eq));
    out += " " + key + "=" + Quoted(PercentDecode(pair.substr(eq + 1)));
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
  }
  if (out.empty()) return InvalidArgument("database URL names no server: " + redacted);
  return out;
}

}  // namespace

Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url) {
  DatabaseUrl out;
  if (url.starts_with("sqlite:")) {
    out.backend = Backend::kSqlite;
    out.target = std::string(url.substr(7));
    if (out.target.starts_with("//")) out.target.erase(0, 2);  // sqlite://PATH
    if (out.target.empty()) {
      return InvalidArgument("database URL has no file path: expected sqlite:PATH, e.g. sqlite:var/pathlight.db");
    }
    out.redacted = std::string(url);
    return out;
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    out.backend = Backend::kPostgres;
    out.redacted = Redact(url);
    PL_ASSIGN_OR_RETURN(out.target, PostgresConninfo(url.substr(url.find("://") + 3), out.redacted));
    return out;
  }
  return InvalidArgument(
      "unsupported database URL: expected sqlite:PATH or postgresql://user:pass@host:port/db, got " +
      Redact(url));
}

Database::Database(DatabaseUrl url, std::unique_ptr<soci::session> session)
    : url_(std::move(url)), session_(std::move(session)) {}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(std::string_view url_text) {
  PL_ASSIGN_OR_RETURN(DatabaseUrl url, ParseDatabaseUrl(url_text));
  try {
    auto session = std::make_unique<soci::session>();
    if (url.backend == Backend::kSqlite) {
      std::filesystem::path path(url.target);
      if (path.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(path.parent_path(), ec);
        if (ec) {
          return Unavailable("cannot create the database folder " + path.parent_path().string() +
                             ": " + ec.message());
        }
      }
      // SOCI passes "db=..." to sqlite3_open_v2; quote the path for spaces.
      session->open(soci::sqlite3, "db=\"" + url.target + "\" timeout=30");
      // Foreign keys are per connection in SQLite; WAL lets readers run
      // while an import writes.
      *session << "PRAGMA foreign_keys = ON";
      *session << "PRAGMA journal_mode = WAL";
      *session << "PRAGMA synchronous = NORMAL";
    } else {
      session->open(soci::postgresql, url.target);
      *session << "SET client_min_messages TO WARNING";
    }
    return std::unique_ptr<Database>(new Database(std::move(url), std::move(session)));
  } catch (const std::exception& e) {
    return Unavailable("cannot open database " + url.redacted + ": " + e.what());
  }
}

std::string DriverMessage(const std::exception& e) {
  std::string_view text = e.what();
  text = text.substr(0, text.find('\n'));
  if (auto at = text.find(" while executing"); at != std::string_view::npos) text = text.substr(0, at);
  return std::string(text);
}

Status Database::Execute(std::string_view sql) {
  try {
    if (backend() == Backend::kSqlite) {
      // SOCI's sqlite3 backend prepares one statement at a time; run
      // multi-statement scripts through sqlite3_exec.
      char* error = nullptr;
      auto* conn = static_cast<soci::sqlite3_session_backend*>(session_->get_backend())->conn_;
      if (sqlite_api::sqlite3_exec(conn, std::string(sql).c_str(), nullptr, nullptr, &error) != 0) {
        std::string message = error ? error : "unknown error";
        sqlite_api::sqlite3_free(error);
        return Internal("SQL failed (" + FirstLine(sql) + "): " + message);
      }
      return Status::Ok();
    }
    *session_ << std::string(sql);
    return Status::Ok();
  } catch (const std::exception& e) {
    return Internal("SQL failed (" + FirstLine(sql) + "): " + DriverMessage(e));
  }
}

Status Database::Begin() {
  // IMMEDIATE takes SQLite's write lock now, so a concurrent writer waits
  // at the start instead of failing at commit.
  return Execute(backend() == Backend::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}
Status Database::Commit() { return Execute("COMMIT"); }

Status Database::BeginBulkLoad() {
  if (backend() != Backend::kSqlite) return Status::Ok();
  return Execute("PRAGMA foreign_keys = OFF; PRAGMA cache_size = -262144");  // 256 MiB
}

Status Database::EndBulkLoad() {
  if (backend() != Backend::kSqlite) return Status::Ok();
  return Execute("PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000");
}
Status Database::Rollback() { return Execute("ROLLBACK"); }

::sqlite3* Database::sqlite_handle() {
  if (backend() != Backend::kSqlite) return nullptr;
  // SOCI wraps sqlite3.h in a namespace; the handle is the same C object.
  return reinterpret_cast<::sqlite3*>(
      static_cast<soci::sqlite3_session_backend*>(session_->get_backend())->conn_);
}

::pg_conn* Database::postgres_handle() {
  if (backend() != Backend::kPostgres) return nullptr;
  return static_cast<soci::postgresql_session_backend*>(session_->get_backend())->conn_;
}

Result<int> Database::SchemaVersion() {
  try {
    int exists = 0;
    if (backend() == Backend::kSqlite) {
      *session_ << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
          soci::into(exists);
    } else {
      *session_ << "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                   "AND table_name = 'schema_version'",
          soci::into(exists);
    }
    if (exists == 0) return 0;
    int version = 0;
    soci::indicator ind;
    *session_ << "SELECT max(version) FROM schema_version", soci::into(version, ind);
    return ind == soci::i_ok ? version : 0;
  } catch (const std::exception& e) {
    return Internal(std::string("cannot read the schema version: ") + DriverMessage(e));
  }
}

Status Database::Migrate() {
  PL_ASSIGN_OR_RETURN(int current, SchemaVersion());
  if (current == 0) {
    PL_RETURN_IF_ERROR(Execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL)"));
  }
  const auto& all = Migrations();
  if (!all.empty() && current > all.back().version) {
    return FailedPrecondition("the database schema (version " + std::to_string(current) +
                              ") is newer than this program knows (" +
                              std::to_string(all.back().version) + "): upgrade Pathlight");
  }
  for (const Migration& m : all) {
    if (m.version <= current) continue;
    Status s = InTransaction(*this, [&]() -> Status {
      PL_RETURN_IF_ERROR(Execute(MigrationSql(m.sql, backend())));
      try {
        // soci::use binds by reference: the value must outlive the statement.
        const std::string applied_at = NowIso8601();
        *session_ << "INSERT INTO schema_version (version, name, applied_at) VALUES (:v, :n, :t)",
            soci::use(m.version), soci::use(m.name), soci::use(applied_at);
      } catch (const std::exception& e) {
        return Internal(std::string("cannot record the schema version: ") + DriverMessage(e));
      }
      return Status::Ok();
    });
    if (!s.ok()) {
      return Status(s.code(), "migration " + std::to_string(m.version) + " (" + m.name +
                                  ") failed: " + s.message());
    }
  }
  return Status::Ok();
}

std::string MigrationSql(const std::string& sql, Backend backend) {
  // The other backend's markers stay as they are: comments to this one.
  const std::string_view open = backend == Backend::kSqlite ? "/*sqlite:" : "/*postgresql:";
  std::string out;
  std::size_t at = 0;
  while (true) {
    std::size_t start = sql.find(open, at);
    std::size_t close = start == std::string::npos ? start : sql.find("*/", start);
    if (close == std::string::npos) break;
    out.append(sql, at, start - at);
    out.append(sql, start + open.size(), close - start - open.size());
    at = close + 2;
  }
  return out.append(sql, at);
}

Result<std::vector<std::string>> Database::SuspendIndexes(const std::string& table) {
  std::vector<std::string> restore;
  std::vector<std::string> drop;
  try {
    if (backend() == Backend::kSqlite) {
      // Automatic indexes (primary key, UNIQUE) have no SQL and stay.
      soci::rowset<soci::row> rows = (session_->prepare << "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                                           "AND tbl_name = :t AND sql IS NOT NULL ORDER BY name",
                                      soci::use(table));
      for (const auto& r : rows) {
        drop.push_back("DROP INDEX " + r.get<std::string>(0));
        restore.push_back(r.get<std::string>(1));
      }
    } else {
      // Constraints first (primary key before the foreign keys that a later
      // statement might need), then plain indexes.
      soci::rowset<soci::row> constraints =
          (session_->prepare << "SELECT c.conname, pg_get_constraintdef(c.oid), c.contype FROM pg_constraint c "
                                "WHERE c.conrelid = CAST(:t AS regclass) AND c.contype IN ('p', 'f') "
                                "AND NOT (c.contype = 'p' AND EXISTS (SELECT 1 FROM pg_constraint r "
                                "WHERE r.confrelid = c.conrelid AND r.contype = 'f')) "
                                "ORDER BY c.contype DESC, c.conname",
           soci::use(table));
      for (const auto& r : constraints) {
        std::string name = r.get<std::string>(0);
        drop.push_back(fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", table, name));
        restore.push_back(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", table, name, r.get<std::string>(1)));
      }
      soci::rowset<soci::row> indexes =
          (session_->prepare << "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                                "JOIN pg_class i ON i.oid = x.indexrelid "
                                "WHERE x.indrelid = CAST(:t AS regclass) AND NOT EXISTS "
                                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) ORDER BY i.relname",
           soci::use(table));
      for (const auto& r : indexes) {
        drop.push_back("DROP INDEX " + r.get<std::string>(0));
        restore.push_back(r.get<std::string>(1));
      }
    }
  } catch (const std::exception& e) {
    return Internal(fmt::format("cannot read the indexes of {}: {}", table, DriverMessage(e)));
  }
  for (const auto& statement : drop) PL_RETURN_IF_ERROR(Execute(statement));
  return restore;
}

std::string NowIso8601(bool microseconds) {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out = buf;
  if (microseconds) {
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() % 1000000;
    char frac[16];
    std::snprintf(frac, sizeof frac, ".%06lld", static_cast<long long>(micros));
    out += frac;
  }
  return out + "Z";
}

}  // namespace pl::store
