#include "support/postgres_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <libpq-fe.h>

namespace pl::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using Conn = std::unique_ptr<PGconn, decltype(&PQfinish)>;

double SecondsSince(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

Conn Connect(const std::string& conninfo) {
  Conn c(PQconnectdb(conninfo.c_str()), &PQfinish);
  EXPECT_EQ(PQstatus(c.get()), CONNECTION_OK) << conninfo << ": " << PQerrorMessage(c.get());
  return c;
}

// First column of the first row, or "<error: ...>".
std::string Query(PGconn* c, const std::string& sql) {
  std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(c, sql.c_str()), &PQclear);
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK || PQntuples(r.get()) < 1) {
    return "<error: " + std::string(PQresultErrorMessage(r.get())) + ">";
  }
  return PQgetvalue(r.get(), 0, 0);
}

void Exec(PGconn* c, const std::string& sql) {
  std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(c, sql.c_str()), &PQclear);
  EXPECT_EQ(PQresultStatus(r.get()), PGRES_COMMAND_OK)
      << sql << ": " << PQresultErrorMessage(r.get());
}

bool PortAcceptsTcp(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  ::close(fd);
  return ok;
}

// Local addresses (hex, as in /proc/net/tcp*) of sockets listening on `port`.
std::vector<std::string> ListeningAddresses(const char* proc_file, std::uint16_t port) {
  std::vector<std::string> out;
  std::ifstream in(proc_file);
  std::string line;
  std::getline(in, line);  // header
  char want_port[8];
  std::snprintf(want_port, sizeof(want_port), "%04X", port);
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state;
    fields >> slot >> local >> remote >> state;
    auto colon = local.rfind(':');
    if (state == "0A" && colon != std::string::npos && local.substr(colon + 1) == want_port) {
      out.push_back(local.substr(0, colon));
    }
  }
  return out;
}

std::optional<long> ProcessUid(long pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  long uid = 0;
  while (in >> key) {
    if (key == "Uid:" && in >> uid) return uid;
  }
  return std::nullopt;
}

long PostmasterPid(const PostgresServer& server) {
  std::ifstream in(server.temp_dir() / "data" / "postmaster.pid");
  long pid = 0;
  in >> pid;
  return pid;
}

bool ProcessExists(long pid) {
  return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH);
}

// Restores an environment variable when the scope ends.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

std::unique_ptr<PostgresServer> StartServer() {
  auto started = PostgresServer::Start();
  EXPECT_TRUE(started.ok()) << started.status().ToString();
  if (!started.ok()) return nullptr;
  return std::move(started).value();
}

TEST(PostgresServerTest, UrlAndConninfoBothConnect) {
  PostgresServer& pg = SharedPostgres();
  const std::string port = std::to_string(pg.port());
  EXPECT_EQ(pg.url().rfind("postgresql://pathlight:", 0), 0u) << pg.url();
  EXPECT_NE(pg.url().find("@127.0.0.1:" + port + "/pathlight_test"), std::string::npos) << pg.url();
  EXPECT_NE(pg.conninfo().find("host=127.0.0.1 port=" + port +
                               " dbname=pathlight_test user=pathlight password="),
            std::string::npos)
      << pg.conninfo();

  for (const std::string& target : {pg.url(), pg.conninfo()}) {
    Conn c = Connect(target);
    EXPECT_EQ(Query(c.get(), "SELECT 1"), "1");
    EXPECT_EQ(Query(c.get(), "SELECT current_database()"), "pathlight_test");
    EXPECT_EQ(Query(c.get(), "SELECT current_user"), "pathlight");
  }
}

TEST(PostgresServerTest, CreateTableInsertSelect) {
  Conn c = Connect(SharedPostgres().url());
  Exec(c.get(), "CREATE TABLE schools (id int PRIMARY KEY, name text NOT NULL)");
  Exec(c.get(), "INSERT INTO schools VALUES (1, 'Lincoln'), (2, 'Roosevelt'), (3, 'Ünïcode')");
  EXPECT_EQ(Query(c.get(), "SELECT count(*) FROM schools"), "3");
  EXPECT_EQ(Query(c.get(), "SELECT string_agg(name, ',' ORDER BY id) FROM schools"),
            "Lincoln,Roosevelt,Ünïcode");
}

TEST(PostgresServerTest, CreateDatabaseIsEmptyAndIsolated) {
  PostgresServer& pg = SharedPostgres();
  auto a = pg.CreateDatabase("isolation_a");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto b = pg.CreateDatabase("isolation_b");
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  std::string expected_url = pg.url();
  expected_url.replace(expected_url.rfind('/') + 1, std::string::npos, "isolation_a");
  EXPECT_EQ(*a, expected_url);

  Conn ca = Connect(*a);
  EXPECT_EQ(Query(ca.get(), "SELECT current_database()"), "isolation_a");
  EXPECT_EQ(Query(ca.get(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0");
  Exec(ca.get(), "CREATE TABLE only_in_a (x int)");
  Exec(ca.get(), "INSERT INTO only_in_a VALUES (42)");

  Conn cb = Connect(*b);
  EXPECT_EQ(Query(cb.get(), "SELECT to_regclass('only_in_a') IS NULL"), "t");
  Conn shared_db = Connect(pg.url());
  EXPECT_EQ(Query(shared_db.get(), "SELECT to_regclass('only_in_a') IS NULL"), "t");
  EXPECT_EQ(Query(ca.get(), "SELECT x FROM only_in_a"), "42");

  EXPECT_EQ(pg.CreateDatabase("isolation_a").status().code(), pl::StatusCode::kAlreadyExists);
  const std::vector<std::string> bad_names = {"",
                                              "Upper",
                                              "1starts_with_digit",
                                              "has-dash",
                                              "x; DROP DATABASE postgres",
                                              std::string(64, 'a')};
  for (const std::string& bad : bad_names) {
    EXPECT_EQ(pg.CreateDatabase(bad).status().code(), pl::StatusCode::kInvalidArgument) << bad;
  }
  auto reserved = pg.CreateDatabase("select");  // a keyword: must be quoted
  ASSERT_TRUE(reserved.ok()) << reserved.status().ToString();
  Conn cs = Connect(*reserved);
  EXPECT_EQ(Query(cs.get(), "SELECT current_database()"), "select");
}

TEST(PostgresServerTest, ListensOnlyOnLoopbackAndIsThrowaway) {
  PostgresServer& pg = SharedPostgres();
  Conn c = Connect(pg.conninfo());
  EXPECT_EQ(Query(c.get(), "SHOW listen_addresses"), "127.0.0.1");
  EXPECT_EQ(Query(c.get(), "SELECT host(inet_server_addr())"), "127.0.0.1");
  EXPECT_EQ(Query(c.get(), "SHOW unix_socket_directories"), pg.temp_dir().string());
  EXPECT_EQ(Query(c.get(), "SHOW fsync"), "off");
  EXPECT_EQ(Query(c.get(), "SHOW full_page_writes"), "off");
  EXPECT_EQ(Query(c.get(), "SHOW synchronous_commit"), "off");
  EXPECT_EQ(Query(c.get(), "SHOW server_encoding"), "UTF8");
  EXPECT_EQ(Query(c.get(), "SHOW TimeZone"), "UTC");
  EXPECT_EQ(
      Query(c.get(),
            "SELECT string_agg(type || ' ' || coalesce(address, '-') || ' ' || auth_method, ', ' "
            "ORDER BY line_number) FROM pg_hba_file_rules"),
      "local - trust, host 127.0.0.1 trust");

  // What the kernel says, independent of the server's own view.
  EXPECT_EQ(ListeningAddresses("/proc/net/tcp", pg.port()), std::vector<std::string>{"0100007F"});
  EXPECT_TRUE(ListeningAddresses("/proc/net/tcp6", pg.port()).empty());

  // The socket directory is short enough for sun_path.
  EXPECT_LE(pg.temp_dir().string().size() + std::string("/.s.PGSQL.65535").size(), 107u);
  Conn over_socket =
      Connect("host=" + pg.temp_dir().string() + " port=" + std::to_string(pg.port()) +
              " dbname=pathlight_test user=pathlight");
  EXPECT_EQ(Query(over_socket.get(), "SELECT 1"), "1");

  // Never root: as root the server runs as `nobody`.
  long backend = std::stol(Query(c.get(), "SELECT pg_backend_pid()"));
  std::optional<long> uid = ProcessUid(backend);
  ASSERT_TRUE(uid.has_value());
  if (::geteuid() == 0) {
    EXPECT_EQ(*uid, 65534);
  } else {
    EXPECT_EQ(*uid, static_cast<long>(::geteuid()));
  }
}

TEST(PostgresServerTest, DestructorStopsServerAndRemovesDirectory) {
  auto t0 = Clock::now();
  auto server = StartServer();
  ASSERT_TRUE(server);
  const double start_s = SecondsSince(t0);
  const std::uint16_t port = server->port();
  const fs::path dir = server->temp_dir();
  const long postmaster = PostmasterPid(*server);
  const std::string conninfo = server->conninfo();
  EXPECT_TRUE(fs::is_directory(dir / "data"));
  EXPECT_TRUE(PortAcceptsTcp(port));
  EXPECT_TRUE(ProcessExists(postmaster));

  t0 = Clock::now();
  server.reset();
  const double stop_s = SecondsSince(t0);

  EXPECT_FALSE(fs::exists(dir)) << dir;
  EXPECT_FALSE(PortAcceptsTcp(port));
  EXPECT_EQ(PQping(conninfo.c_str()), PQPING_NO_RESPONSE);
  EXPECT_FALSE(ProcessExists(postmaster));
  std::printf("start %.3f s, stop %.3f s\n", start_s, stop_s);
  ::testing::Test::RecordProperty("start_ms", static_cast<int>(start_s * 1000));
  ::testing::Test::RecordProperty("stop_ms", static_cast<int>(stop_s * 1000));
}

TEST(PostgresServerTest, TwoServersAtOnceAreIndependent) {
  // Started concurrently: each supervisor must hold only its own pipes, or
  // stopping one server would wait for the other's supervisor.
  auto second = std::async(std::launch::async, StartServer);
  auto one = StartServer();
  auto two = second.get();
  ASSERT_TRUE(one && two);
  EXPECT_NE(one->port(), two->port());
  EXPECT_NE(one->temp_dir(), two->temp_dir());
  Conn c1 = Connect(one->url());
  Conn c2 = Connect(two->url());
  EXPECT_EQ(Query(c1.get(), "SHOW data_directory"), (one->temp_dir() / "data").string());
  EXPECT_EQ(Query(c2.get(), "SHOW data_directory"), (two->temp_dir() / "data").string());
  Exec(c1.get(), "CREATE TABLE only_in_one (x int)");
  EXPECT_EQ(Query(c2.get(), "SELECT to_regclass('only_in_one') IS NULL"), "t");

  // Stopping one leaves the other running.
  const fs::path dir_one = one->temp_dir();
  c1.reset();
  const auto t0 = Clock::now();
  one.reset();
  EXPECT_LT(SecondsSince(t0), 10.0);
  EXPECT_FALSE(fs::exists(dir_one));
  EXPECT_EQ(Query(c2.get(), "SELECT 1"), "1");
}

TEST(PostgresServerTest, StartupAndShutdownTiming) {
  constexpr int kRuns = 3;
  std::vector<double> starts, stops;
  for (int i = 0; i < kRuns; ++i) {
    auto t0 = Clock::now();
    auto server = StartServer();
    ASSERT_TRUE(server);
    starts.push_back(SecondsSince(t0));
    const auto& t = server->startup_timings();
    std::printf("run %d: start %.3f s (initdb %.3f, postgres %.3f, createdb %.3f, attempts %d)",
                i + 1, starts.back(), t.initdb_s, t.postgres_s, t.create_db_s, t.attempts);
    t0 = Clock::now();
    server.reset();
    stops.push_back(SecondsSince(t0));
    std::printf(", stop %.3f s\n", stops.back());
  }
  std::sort(starts.begin(), starts.end());
  std::sort(stops.begin(), stops.end());
  std::printf("median of %d: start %.3f s, stop %.3f s\n", kRuns, starts[kRuns / 2],
              stops[kRuns / 2]);
  ::testing::Test::RecordProperty("median_start_ms", static_cast<int>(starts[kRuns / 2] * 1000));
  ::testing::Test::RecordProperty("median_stop_ms", static_cast<int>(stops[kRuns / 2] * 1000));
}

// The guarantee for crashed test binaries: SIGKILL the owner, and the
// supervisor stops the server and removes its directory.
TEST(PostgresServerTest, KilledOwnerLeavesNothingBehind) {
  int report[2];
  ASSERT_EQ(::pipe(report), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(report[0]);
    auto started = PostgresServer::Start();
    std::string msg = "error";
    if (started.ok()) {
      msg = std::to_string((*started)->port()) + " " + std::to_string(PostmasterPid(**started)) +
            " " + (*started)->temp_dir().string();
    }
    if (::write(report[1], msg.data(), msg.size()) < 0) ::_exit(3);
    ::close(report[1]);
    ::raise(SIGKILL);  // no destructors, no atexit
  }
  ::close(report[1]);
  std::string msg;
  char buf[512];
  ssize_t n;
  while ((n = ::read(report[0], buf, sizeof(buf))) > 0)
    msg.append(buf, static_cast<std::size_t>(n));
  ::close(report[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  std::istringstream in(msg);
  int port = 0;
  long postmaster = 0;
  std::string dir;
  ASSERT_TRUE(in >> port >> postmaster >> dir) << "child could not start a server: " << msg;
  ASSERT_GT(postmaster, 0);

  const auto t0 = Clock::now();
  while ((fs::exists(dir) || ProcessExists(postmaster)) && SecondsSince(t0) < 30) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_FALSE(ProcessExists(postmaster)) << "postmaster " << postmaster << " survived its owner";
  EXPECT_FALSE(fs::exists(dir)) << dir << " survived its owner";
  EXPECT_FALSE(PortAcceptsTcp(static_cast<std::uint16_t>(port)));
  std::printf("cleanup after SIGKILL of the owner took %.3f s\n", SecondsSince(t0));
}

TEST(PostgresServerTest, LongTmpdirFallsBackToShortSocketDirectory) {
  fs::path long_dir = "/tmp/pl_postgres_server_test_" + std::to_string(::getpid());
  for (int i = 0; i < 4; ++i) long_dir /= "a_rather_long_directory_name_to_overflow_sun_path";
  fs::create_directories(long_dir);
  {
    ScopedEnv tmpdir("TMPDIR", long_dir.string());
    auto server = StartServer();
    ASSERT_TRUE(server);
    EXPECT_EQ(server->temp_dir().parent_path(), fs::path("/tmp"));
    Conn c =
        Connect("host=" + server->temp_dir().string() + " port=" + std::to_string(server->port()) +
                " dbname=pathlight_test user=pathlight");
    EXPECT_EQ(Query(c.get(), "SELECT 1"), "1");
  }
  fs::remove_all("/tmp/pl_postgres_server_test_" + std::to_string(::getpid()));
}

TEST(PostgresServerTest, UsesTmpdirWhenTheServerAccountCanUseIt) {
  std::string tmpl = "/tmp/pl_tmpdir_test.XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
  const fs::path tmpdir = tmpl;
  ScopedEnv env("TMPDIR", tmpdir.string());
  {
    ::chmod(tmpdir.c_str(), 0755);  // /tmp-like: usable by everyone
    auto server = StartServer();
    ASSERT_TRUE(server);
    EXPECT_EQ(server->temp_dir().parent_path(), tmpdir);
  }
  {
    // Private to us: as root `nobody` cannot enter it, so /tmp is used.
    ::chmod(tmpdir.c_str(), 0700);
    auto server = StartServer();
    ASSERT_TRUE(server);
    EXPECT_EQ(server->temp_dir().parent_path(), ::geteuid() == 0 ? fs::path("/tmp") : tmpdir);
  }
  fs::remove_all(tmpdir);
}

TEST(PostgresServerTest, StartRemovesDirectoriesOfDeadOwners) {
  pid_t dead = ::fork();
  ASSERT_GE(dead, 0);
  if (dead == 0) ::_exit(0);
  ASSERT_EQ(::waitpid(dead, nullptr, 0), dead);

  std::string tmpl = "/tmp/plpg.XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
  const fs::path stale = tmpl;
  char ns[128] = {};
  ASSERT_GT(::readlink("/proc/self/ns/pid", ns, sizeof(ns) - 1), 0);
  std::ofstream(stale / "owner") << "pid=" << dead << "\nstart=1\npidns=" << ns << "\n";
  fs::create_directories(stale / "data");

  std::string other_tmpl = "/tmp/plpg.XXXXXX";  // no owner record: not ours to judge
  ASSERT_NE(::mkdtemp(other_tmpl.data()), nullptr);

  auto server = StartServer();
  ASSERT_TRUE(server);
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(other_tmpl));
  EXPECT_TRUE(fs::exists(server->temp_dir()));
  fs::remove_all(other_tmpl);
}

// A bin directory with the real initdb (it resolves the symlink and
// bootstraps with the real postgres) and a fake postgres running `script`.
fs::path FakeBindir(const std::string& script) {
  std::string tmpl = "/tmp/pl_fake_bindir.XXXXXX";
  EXPECT_NE(::mkdtemp(tmpl.data()), nullptr);
  const fs::path bindir = tmpl;
  ::chmod(bindir.c_str(), 0755);  // the server account must run it
  fs::path real_bindir;
  if (const char* env = std::getenv("PL_PG_BINDIR")) {
    real_bindir = env;
  } else {
    for (const auto& e : fs::directory_iterator("/usr/lib/postgresql")) {
      if (fs::exists(e.path() / "bin" / "initdb") && e.path() / "bin" > real_bindir) {
        real_bindir = e.path() / "bin";
      }
    }
  }
  fs::create_symlink(real_bindir / "initdb", bindir / "initdb");
  std::ofstream(bindir / "postgres") << "#!/bin/sh\n" << script;
  ::chmod((bindir / "postgres").c_str(), 0755);
  return bindir;
}

TEST(PostgresServerTest, FailureReportsReasonAndLogTail) {
  const fs::path bindir =
      FakeBindir("echo 'FATAL:  simulated start-up failure for the test' >&2\nexit 3\n");
  ScopedEnv env("PL_PG_BINDIR", bindir.string());
  auto started = PostgresServer::Start();
  ASSERT_FALSE(started.ok());
  const pl::Status& st = started.status();
  EXPECT_EQ(st.code(), pl::StatusCode::kUnavailable);
  EXPECT_NE(st.message().find("postgres exited with status 3"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("simulated start-up failure"), std::string::npos) << st.message();
  ASSERT_TRUE(st.details().contains("temp_dir"));
  EXPECT_FALSE(fs::exists(st.details()["temp_dir"].get<std::string>()));
  fs::remove_all(bindir);
}

TEST(PostgresServerTest, StartTimeoutIsReportedAndCleanedUp) {
  // A "server" that never becomes ready.
  const fs::path bindir = FakeBindir("echo 'LOG:  pretending to be very slow' >&2\nexec sleep 600\n");
  ScopedEnv env("PL_PG_BINDIR", bindir.string());
  ScopedEnv timeout("PL_PG_START_TIMEOUT_S", "2");
  auto started = PostgresServer::Start();
  ASSERT_FALSE(started.ok());
  const pl::Status& st = started.status();
  EXPECT_EQ(st.code(), pl::StatusCode::kUnavailable);
  EXPECT_NE(st.message().find("did not accept connections within 2 s"), std::string::npos)
      << st.message();
  EXPECT_NE(st.message().find("pretending to be very slow"), std::string::npos) << st.message();
  ASSERT_TRUE(st.details().contains("temp_dir"));
  EXPECT_FALSE(fs::exists(st.details()["temp_dir"].get<std::string>()));
  fs::remove_all(bindir);
}

TEST(SharedPostgresTest, ReturnsTheSameServerEveryTime) {
  PostgresServer& a = SharedPostgres();
  PostgresServer& b = SharedPostgres();
  EXPECT_EQ(&a, &b);
  EXPECT_EQ(PQping(a.conninfo().c_str()), PQPING_OK);
}

}  // namespace
}  // namespace pl::testing
