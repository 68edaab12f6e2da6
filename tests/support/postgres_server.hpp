// PostgresServer: a real, throwaway PostgreSQL server for integration tests.
//
// Start() builds a fresh cluster in a new temporary directory and returns
// once the server accepts connections; destroying the object stops the
// server and deletes the directory. Nothing is shared with any other server
// on the machine: own data directory, own random port, unix sockets only
// inside the temporary directory.
//
// The cluster, as seen by a test:
//   - listens on 127.0.0.1 only, on a free random port (never a fixed one);
//   - pg_hba.conf trusts the unix socket and 127.0.0.1/32, nothing else;
//   - fsync, full_page_writes and synchronous_commit are off (the data is
//     thrown away, so durability only costs time);
//   - encoding UTF8, locale C (byte-order collation), TimeZone UTC;
//   - one role, "pathlight", a superuser with a random password, and a
//     database "pathlight_test" it owns. The password is not checked (trust
//     auth); it exists so code that insists on credentials gets some.
//
// Where the binaries come from: $PL_PG_BINDIR if set, otherwise the highest
// /usr/lib/postgresql/<N>/bin that has initdb and postgres (Debian package
// `postgresql`). `pg_config --bindir` is deliberately not used: it belongs to
// libpq-dev and names the client's directory.
//
// Running as root (CI): initdb and postgres refuse to run as root, so they
// run as the `nobody` account; the temporary directory is chowned to it.
// Not root: they run as the current user.
//
// Temporary directory: mkdtemp of "<base>/plpg.XXXXXX" where base is $TMPDIR
// when that is short enough for a unix socket path (107 bytes), made of
// plain characters and usable by the server's account; otherwise /tmp.
//
// Start-up timeout: 30 s until the server accepts connections;
// $PL_PG_START_TIMEOUT_S overrides it for slow machines. initdb gets
// max(120 s, four times that).
//
// Cleanup guarantees. Each server is watched by a small supervisor process
// (the postmaster's parent) that holds the read end of a pipe whose only
// writer is the process that called Start() (and, briefly, children it
// forks without exec). When that process goes away
// for any reason, SIGKILL included, the supervisor stops the server
// (fast, then immediate, then SIGKILL) and deletes the directory. An atexit
// hook stops servers still alive at exit(). If the supervisor itself is
// SIGKILLed too (e.g. a whole process tree killed), the postmaster gets
// SIGQUIT (parent-death signal) and shuts down, or dies with the tree; what
// remains then is the /tmp/plpg.* directory (~40 MB) and the postmaster's
// 56-byte SysV shared memory segment (`ipcs -m`, nattch 0). The next
// Start() on the machine (same pid namespace) removes both once their
// owner is dead. Dynamic shared memory lives in files inside the data
// directory, so a running server leaves nothing in /dev/shm; only a kill
// during initdb (the first second or so; PostgreSQL 15's initdb cannot be
// told otherwise) can leave ~1 MB of /dev/shm/PostgreSQL.* behind.
// Processes show up in `ps` as "postgres: pathlight-test-<test pid>: ...".
//
// Progress: Start() and the destructor print one line each to stderr with
// their timing, so slow CI machines are visible in test logs.
//
// Thread-safety: Start() may be called from several threads at once;
// url(), conninfo(), port() and CreateDatabase() are safe to call
// concurrently on one server. Forked children of the test process never
// stop or delete a server they inherited.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include <sys/types.h>

#include "core/status.hpp"

namespace pl::testing {

class PostgresServer {
 public:
  // Wall-clock seconds spent in each phase of Start().
  struct StartupTimings {
    double initdb_s = 0;     // initdb, including the fork/exec
    double postgres_s = 0;   // launching postgres until it accepts connections
    double create_db_s = 0;  // CREATE DATABASE pathlight_test
    double total_s = 0;      // the whole of Start()
    int attempts = 0;        // postgres launches (more than 1 after a port collision)
  };

  // Starts a fresh cluster (see the file comment) and waits until it
  // accepts connections. Returns kUnavailable when it cannot start, with the
  // reason and the tail of the initdb or server log in the message (and as
  // details {"log_tail", "temp_dir", ...}); callers must fail on it, not skip.
  static pl::Result<std::unique_ptr<PostgresServer>> Start();

  // Stops the server (fast shutdown, escalating to immediate and SIGKILL
  // after 10 s and 5 s) and removes the temporary directory. Blocks until
  // both are done. Does nothing in a forked child of the starting process.
  ~PostgresServer();

  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // "postgresql://pathlight:PASS@127.0.0.1:PORT/pathlight_test"
  std::string url() const;
  // "host=127.0.0.1 port=PORT dbname=pathlight_test user=pathlight password=PASS"
  std::string conninfo() const;
  std::uint16_t port() const { return port_; }

  // Creates an empty database (from template0) and returns its URL.
  // `name` must match [a-z_][a-z0-9_]{0,62}: InvalidArgument otherwise,
  // AlreadyExists if the database exists, Unavailable if the server fails.
  pl::Result<std::string> CreateDatabase(const std::string& name);

  // The temporary directory (data directory, logs and sockets are inside).
  const std::filesystem::path& temp_dir() const { return temp_dir_; }
  const StartupTimings& startup_timings() const { return timings_; }

 private:
  PostgresServer() = default;
  friend struct PostgresServerAccess;  // postgres_server.cpp internals

  // Stops the server and removes the directory; idempotent. Also run by
  // the atexit hook.
  void Stop();
  std::string Url(const std::string& dbname) const;
  std::string Conninfo(const std::string& dbname) const;

  std::filesystem::path temp_dir_;
  std::filesystem::path data_dir_;
  std::filesystem::path log_path_;
  std::string bindir_;
  std::string user_;
  std::string password_;
  std::uint16_t port_ = 0;
  pid_t owner_pid_ = -1;       // the process that called Start()
  pid_t supervisor_pid_ = -1;  // our child; parent of the postmaster
  pid_t postmaster_pid_ = -1;
  int control_fd_ = -1;  // write end; closing it tells the supervisor to clean up
  int events_fd_ = -1;   // read end of the supervisor's event pipe
  bool stopped_ = false;
  StartupTimings timings_;
};

// The server shared by every test in this binary. It is started on first
// use and stopped by a GoogleTest environment at the end of the run (under
// ctest each test is its own process, so each test that calls this gets a
// fresh server). If the server cannot start, this records a failure with
// the reason and log tail and throws, which aborts the calling test (also
// from SetUp/SetUpTestSuite); later calls fail the same way without
// retrying.
PostgresServer& SharedPostgres();

}  // namespace pl::testing
