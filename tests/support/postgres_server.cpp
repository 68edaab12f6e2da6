#include "support/postgres_server.hpp"

#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>

namespace pl::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr char kUser[] = "pathlight";
constexpr char kDatabase[] = "pathlight_test";
constexpr char kDirPrefix[] = "plpg.";
constexpr char kRunAsWhenRoot[] = "nobody";
// sun_path is 108 bytes including the NUL; postgres puts ".s.PGSQL.<port>"
// (at most 15 bytes with the slash) into the socket directory.
constexpr std::size_t kMaxSocketPath = 107;
constexpr std::size_t kSocketNameLength = 15;
constexpr std::size_t kMaxTempDirLength = kMaxSocketPath - kSocketNameLength;
constexpr int kDefaultStartTimeoutS = 30;
constexpr int kFastStopMs = 10'000;
constexpr int kImmediateStopMs = 5'000;
// The supervisor's own stop sequence plus time for rm -rf; after this the
// destructor stops waiting and kills what is left.
constexpr int kSupervisorExitMs = kFastStopMs + kImmediateStopMs + 20'000;
constexpr int kMaxLaunchAttempts = 5;
constexpr std::size_t kLogTailLines = 40;
constexpr std::size_t kLogTailBytes = 8192;

// Exit codes of forked children that failed before exec.
constexpr int kExitOpenLog = 120;
constexpr int kExitDropPrivileges = 121;
constexpr int kExitChdir = 122;
constexpr int kExitExec = 127;

// Supervisor -> parent events, one fixed-size write each (atomic on a pipe).
enum : std::int32_t { kEventPostmasterPid = 1, kEventPostmasterExited = 2, kEventStopped = 3 };
struct Event {
  std::int32_t kind;
  std::int32_t value;
};

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

std::string ErrnoText(std::string_view what) {
  return fmt::format("{}: {}", what, std::strerror(errno));
}

int StartTimeoutSeconds() {
  if (const char* v = std::getenv("PL_PG_START_TIMEOUT_S")) {
    char* end = nullptr;
    long n = std::strtol(v, &end, 10);
    if (end != v && *end == '\0' && n > 0 && n < 24 * 3600) return static_cast<int>(n);
  }
  return kDefaultStartTimeoutS;
}

// --- who runs the server -------------------------------------------------

struct Account {
  bool drop = false;  // true: switch to uid/gid in the child (we are root)
  uid_t uid = 0;
  gid_t gid = 0;
  std::string name;
};

pl::Result<Account> ServerAccount() {
  Account a;
  std::vector<char> buf(16384);
  passwd pw{};
  passwd* found = nullptr;
  if (::geteuid() != 0) {
    a.uid = ::geteuid();
    a.gid = ::getegid();
    int rc = ::getpwuid_r(a.uid, &pw, buf.data(), buf.size(), &found);
    a.name = (rc == 0 && found) ? found->pw_name : fmt::format("uid {}", a.uid);
    return a;
  }
  // initdb and postgres refuse to run as root (a server bug must not own
  // the machine), so CI runs them as `nobody`.
  int rc = ::getpwnam_r(kRunAsWhenRoot, &pw, buf.data(), buf.size(), &found);
  if (rc != 0 || found == nullptr) {
    return pl::Unavailable(fmt::format(
        "running as root, but there is no '{}' account to run PostgreSQL as", kRunAsWhenRoot));
  }
  a.drop = true;
  a.uid = found->pw_uid;
  a.gid = found->pw_gid;
  a.name = found->pw_name;
  return a;
}

// --- where the binaries are ----------------------------------------------

bool IsExecutable(const fs::path& p) { return ::access(p.c_str(), X_OK) == 0; }

bool HasServerBinaries(const fs::path& bindir) {
  return IsExecutable(bindir / "initdb") && IsExecutable(bindir / "postgres");
}

// "15" -> {15}, "9.6" -> {9, 6}; nullopt for anything else.
std::optional<std::vector<int>> ParseVersion(const std::string& s) {
  std::vector<int> parts;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, '.')) {
    if (part.empty() ||
        !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    parts.push_back(std::stoi(part));
  }
  if (parts.empty()) return std::nullopt;
  return parts;
}

pl::Result<std::string> FindBindir() {
  if (const char* env = std::getenv("PL_PG_BINDIR"); env && *env) {
    if (!HasServerBinaries(env)) {
      return pl::Unavailable(
          fmt::format("PL_PG_BINDIR has no executable initdb and postgres: {}", env));
    }
    return std::string(env);
  }
  // Not `pg_config --bindir`: on Debian that is libpq-dev's pg_config and
  // points at the client binaries.
  const fs::path root = "/usr/lib/postgresql";
  std::optional<std::vector<int>> best_version;
  fs::path best;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    auto version = ParseVersion(entry.path().filename().string());
    if (!version || !HasServerBinaries(entry.path() / "bin")) continue;
    if (!best_version || *version > *best_version) {
      best_version = version;
      best = entry.path() / "bin";
    }
  }
  if (!best_version) {
    return pl::Unavailable(
        "no PostgreSQL server binaries (looked for /usr/lib/postgresql/*/bin/initdb; install the "
        "Debian package `postgresql` or set PL_PG_BINDIR)");
  }
  return best.string();
}

// --- forking children ----------------------------------------------------
//
// Everything between fork() and exec() below only uses async-signal-safe
// calls on data prepared before the fork: the test process may have other
// threads, and one of them could hold the malloc lock at the moment of
// fork().

// argv/envp arrays that stay valid while the owner lives.
class CStrings {
 public:
  explicit CStrings(std::vector<std::string> strings) : strings_(std::move(strings)) {
    for (auto& s : strings_) ptrs_.push_back(s.data());
    ptrs_.push_back(nullptr);
  }
  CStrings(const CStrings&) = delete;
  CStrings& operator=(const CStrings&) = delete;
  char* const* get() const { return ptrs_.data(); }

 private:
  std::vector<std::string> strings_;
  std::vector<char*> ptrs_;
};

std::vector<std::string> ChildEnvironment() {
  // A fixed environment: no LD_PRELOAD, PG* variables or sanitizer options
  // of the test process leak into the server, and initdb does not pick up a
  // host locale that may not exist. TZ makes initdb set TimeZone to UTC.
  return {"PATH=/usr/bin:/bin", "LC_ALL=C", "TZ=UTC"};
}

int MaxFd() {
  long n = ::sysconf(_SC_OPEN_MAX);
  return n > 0 && n < (1 << 20) ? static_cast<int>(n) : 65536;
}

void WriteAll(int fd, const char* s) {
  std::size_t n = std::strlen(s);
  while (n > 0) {
    ssize_t w = ::write(fd, s, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return;
    }
    s += w;
    n -= static_cast<std::size_t>(w);
  }
}

[[noreturn]] void ChildFail(const char* what, int code) {
  WriteAll(2, "pathlight postgres_server: ");
  WriteAll(2, what);
  WriteAll(2, ": ");
  WriteAll(2, std::strerror(errno));  // not strictly async-signal-safe, but a fixed table in glibc
  WriteAll(2, "\n");
  ::_exit(code);
}

void ResetSignals() {
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  ::sigemptyset(&dfl.sa_mask);
  // Ignored signals survive exec; postgres expects default dispositions.
  for (int sig = 1; sig < 32; ++sig) {
    if (sig != SIGKILL && sig != SIGSTOP) ::sigaction(sig, &dfl, nullptr);
  }
}

void CloseFdRange(unsigned lo, unsigned hi, int max_fd) {
  if (lo > hi) return;
  if (::close_range(lo, hi, 0) == 0) return;
  for (unsigned fd = lo; fd <= hi && fd < static_cast<unsigned>(max_fd); ++fd) {
    ::close(static_cast<int>(fd));
  }
}

// Closes every fd >= 3 except keep_a and keep_b (-1 for none). This matters
// for more than hygiene: a supervisor that inherited another server's
// control pipe would keep that server alive after its owner dies.
void CloseFdsExcept(int keep_a, int keep_b, int max_fd) {
  int keep[2] = {std::min(keep_a, keep_b), std::max(keep_a, keep_b)};
  unsigned lo = 3;
  for (int k : keep) {
    if (k < 3) continue;
    CloseFdRange(lo, static_cast<unsigned>(k) - 1, max_fd);
    lo = static_cast<unsigned>(k) + 1;
  }
  CloseFdRange(lo, ~0U, max_fd);
}

bool DropPrivileges(const Account& a) {
  if (!a.drop) return true;
  if (::setgroups(0, nullptr) != 0) return false;
  if (::setgid(a.gid) != 0) return false;
  if (::setuid(a.uid) != 0) return false;
  return ::getuid() == a.uid && ::geteuid() == a.uid;
}

// stdin from /dev/null, stdout and stderr appended to `log` (created for
// the server's account so it can keep writing after dropping privileges).
bool RedirectToLog(const char* log, const Account& a) {
  int null_fd = ::open("/dev/null", O_RDONLY);
  if (null_fd < 0 || ::dup2(null_fd, 0) < 0) return false;
  if (null_fd > 2) ::close(null_fd);
  int log_fd = ::open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (log_fd < 0) return false;
  if (a.drop && ::fchown(log_fd, a.uid, a.gid) != 0) return false;
  if (::dup2(log_fd, 1) < 0 || ::dup2(log_fd, 2) < 0) return false;
  if (log_fd > 2) ::close(log_fd);
  return true;
}

std::string DescribeWaitStatus(int status) {
  if (WIFEXITED(status)) {
    switch (WEXITSTATUS(status)) {
      case kExitOpenLog: return "could not open its log file (exit 120)";
      case kExitDropPrivileges: return "could not switch to the server account (exit 121)";
      case kExitChdir: return "could not enter the temporary directory (exit 122)";
      case kExitExec: return "could not be executed (exit 127)";
      default: return fmt::format("exited with status {}", WEXITSTATUS(status));
    }
  }
  if (WIFSIGNALED(status)) {
    return fmt::format("was killed by signal {} ({})", WTERMSIG(status),
                       ::strsignal(WTERMSIG(status)));
  }
  return fmt::format("ended with wait status {:#x}", status);
}

// Waits for our child `pid` for up to `timeout`; returns its wait status,
// or nullopt on timeout (the child is still running).
std::optional<int> WaitChild(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  auto pause = std::chrono::milliseconds(1);
  for (;;) {
    int status = 0;
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return status;
    if (r < 0 && errno != EINTR) return 0;  // not our child any more: nothing to wait for
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(20));
  }
}

struct ChildSpec {
  std::string path;
  std::vector<std::string> args;  // argv[1..]
  std::string cwd;
  std::string log;
  const Account* account;
};

// Runs a program as the server account, output appended to spec.log.
// Returns its wait status; Unavailable if it could not be run or timed out.
pl::Result<int> RunChild(const ChildSpec& spec, std::chrono::milliseconds timeout) {
  std::vector<std::string> argv{spec.path};
  argv.insert(argv.end(), spec.args.begin(), spec.args.end());
  CStrings c_argv(std::move(argv));
  CStrings c_env(ChildEnvironment());
  const int max_fd = MaxFd();
  const Account& account = *spec.account;

  pid_t pid = ::fork();
  if (pid < 0) return pl::Unavailable(ErrnoText("fork"));
  if (pid == 0) {
    ResetSignals();
    if (!RedirectToLog(spec.log.c_str(), account)) ::_exit(kExitOpenLog);
    CloseFdsExcept(-1, -1, max_fd);
    if (!DropPrivileges(account)) ChildFail("switching to the server account", kExitDropPrivileges);
    // postgres tools complain when the working directory is unreadable.
    if (::chdir(spec.cwd.c_str()) != 0) ChildFail("chdir", kExitChdir);
    ::execve(spec.path.c_str(), c_argv.get(), c_env.get());
    ChildFail("execve", kExitExec);
  }
  std::optional<int> status = WaitChild(pid, timeout);
  if (!status) {
    ::kill(pid, SIGKILL);
    WaitChild(pid, std::chrono::seconds(5));
    return pl::Unavailable(
        fmt::format("{} did not finish within {} s", spec.path,
                    std::chrono::duration_cast<std::chrono::seconds>(timeout).count()));
  }
  return *status;
}

// True if the server account can read, write and enter `dir`, including
// search permission on every ancestor (e.g. TMPDIR=/root/tmp is not).
bool AccountCanUse(const Account& a, const fs::path& dir) {
  if (!a.drop) return true;
  pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid == 0) {
    if (!DropPrivileges(a)) ::_exit(2);
    ::_exit(::access(dir.c_str(), R_OK | W_OK | X_OK) == 0 ? 0 : 1);
  }
  std::optional<int> status = WaitChild(pid, std::chrono::seconds(10));
  if (!status) {
    ::kill(pid, SIGKILL);
    WaitChild(pid, std::chrono::seconds(5));
    return false;
  }
  return WIFEXITED(*status) && WEXITSTATUS(*status) == 0;
}

// --- temporary directory and ownership records ----------------------------

// Field 22 of /proc/<pid>/stat: start time in clock ticks since boot. With
// the pid it identifies a process even after pid reuse.
std::optional<unsigned long long> ProcessStartTime(pid_t pid) {
  std::ifstream in(fmt::format("/proc/{}/stat", pid));
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto paren = stat.rfind(')');
  if (paren == std::string::npos) return std::nullopt;
  std::istringstream fields(stat.substr(paren + 1));
  std::string field;
  for (int i = 3; i <= 22; ++i) {  // fields after the command start at 3 (state)
    if (!(fields >> field)) return std::nullopt;
  }
  try {
    return std::stoull(field);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string PidNamespace() {
  char buf[128];
  ssize_t n = ::readlink("/proc/self/ns/pid", buf, sizeof(buf) - 1);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

bool PlainPath(const std::string& p) {
  // unix_socket_directories is a comma/space separated list, and the path
  // goes into connection strings: allow only unremarkable characters.
  return !p.empty() && p[0] == '/' && std::all_of(p.begin(), p.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '.' || c == '_' ||
           c == '-' || c == '+';
  });
}

std::vector<fs::path> TempBases() {
  std::vector<fs::path> bases;
  if (const char* env = std::getenv("TMPDIR"); env && *env) {
    std::string base = env;
    while (base.size() > 1 && base.back() == '/') base.pop_back();
    if (PlainPath(base) && base.size() + 1 + std::strlen(kDirPrefix) + 6 <= kMaxTempDirLength &&
        base != "/tmp") {
      bases.emplace_back(base);
    }
  }
  bases.emplace_back("/tmp");
  return bases;
}

pl::Result<fs::path> MakeTempDir(const Account& account) {
  std::vector<std::string> tried;
  for (const fs::path& base : TempBases()) {
    std::string tmpl = (base / kDirPrefix).string() + "XXXXXX";
    if (::mkdtemp(tmpl.data()) == nullptr) {
      tried.push_back(ErrnoText(base.string()));
      continue;
    }
    fs::path dir = tmpl;
    if (account.drop) {
      if (::chown(dir.c_str(), account.uid, account.gid) != 0 || !AccountCanUse(account, dir)) {
        tried.push_back(fmt::format("{}: not usable by '{}'", base.string(), account.name));
        std::error_code ec;
        fs::remove_all(dir, ec);
        continue;
      }
    }
    return dir;
  }
  std::string reasons;
  for (const auto& t : tried) reasons += "; " + t;
  return pl::Unavailable("cannot create a temporary directory for PostgreSQL" + reasons);
}

void WriteOwnerFile(const fs::path& dir) {
  std::ofstream out(dir / "owner");
  out << "pid=" << ::getpid() << "\nstart=" << ProcessStartTime(::getpid()).value_or(0)
      << "\npidns=" << PidNamespace() << "\n";
}

std::optional<std::string> ReadKey(const fs::path& file, const std::string& key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
  }
  return std::nullopt;
}

bool IsRunningPostgres(pid_t pid) {
  std::ifstream in(fmt::format("/proc/{}/comm", pid));
  std::string comm;
  std::getline(in, comm);
  return comm == "postgres";
}

// What postmaster.pid says: line 1 the pid, line 7 "<shm key> <shm id>".
struct PostmasterLock {
  pid_t pid = 0;
  int shm_id = -1;
};

std::optional<PostmasterLock> ReadPostmasterPid(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; lines.size() < 7 && std::getline(in, line);) lines.push_back(line);
  PostmasterLock lock;
  try {
    if (lines.empty()) return std::nullopt;
    lock.pid = static_cast<pid_t>(std::stol(lines[0]));
    if (lines.size() >= 7) {
      std::istringstream shm(lines[6]);
      unsigned long key = 0;
      long id = -1;
      if (shm >> key >> id && id >= 0) lock.shm_id = static_cast<int>(id);
    }
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (lock.pid <= 0) return std::nullopt;
  return lock;
}

// Line 8 of postmaster.pid (PM_STATUS) reads "ready" once the postmaster
// accepts connections; line 1 must be our postmaster, not a stale file.
bool PostmasterReady(const fs::path& path, pid_t pid) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; lines.size() < 8 && std::getline(in, line);) lines.push_back(line);
  return lines.size() == 8 && lines[0] == std::to_string(pid) && lines[7].rfind("ready", 0) == 0;
}

// A SIGKILLed postmaster leaves its small SysV segment (the interlock that
// stops two postmasters sharing a data directory) behind. It is removed
// only if that very postmaster created it and nothing is attached.
void RemoveOrphanedSysvSegment(const PostmasterLock& lock) {
  if (lock.shm_id < 0) return;
  shmid_ds ds{};
  if (::shmctl(lock.shm_id, IPC_STAT, &ds) != 0) return;
  if (ds.shm_cpid == lock.pid && ds.shm_nattch == 0) ::shmctl(lock.shm_id, IPC_RMID, nullptr);
}

// Deletes plpg.* directories whose owning test process is gone and whose
// server is not running: what a SIGKILL of the whole process tree leaves
// behind. Directories of other pid namespaces (containers sharing /tmp) and
// without an owner record are never touched.
void SweepStaleDirs() {
  if (!ProcessStartTime(::getpid())) return;  // no /proc: cannot tell dead from alive
  const std::string my_ns = PidNamespace();
  for (const fs::path& base : TempBases()) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(base, ec)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind(kDirPrefix, 0) != 0) continue;
      std::error_code sec;
      if (!fs::is_directory(fs::symlink_status(entry.path(), sec))) continue;
      const fs::path owner = entry.path() / "owner";
      auto pid = ReadKey(owner, "pid");
      auto start = ReadKey(owner, "start");
      auto ns = ReadKey(owner, "pidns");
      if (!pid || !start || !ns || *ns != my_ns) continue;
      pid_t owner_pid = 0;
      unsigned long long owner_start = 0;
      try {
        owner_pid = static_cast<pid_t>(std::stol(*pid));
        owner_start = std::stoull(*start);
      } catch (const std::exception&) {
        continue;
      }
      if (ProcessStartTime(owner_pid) == owner_start) continue;  // owner alive
      const fs::path pidfile = entry.path() / "data" / "postmaster.pid";
      auto lock = ReadPostmasterPid(pidfile);
      if (lock && IsRunningPostgres(lock->pid)) continue;  // still stopping under its supervisor
      if (lock) RemoveOrphanedSysvSegment(*lock);
      if (fs::remove_all(entry.path(), sec) != static_cast<std::uintmax_t>(-1) && !sec) {
        fmt::print(stderr, "postgres_server: removed stale {} (owner pid {} is gone)\n",
                   entry.path().string(), owner_pid);
      }
    }
  }
}

// Last lines of `path` from byte `offset` on.
std::string LogTail(const fs::path& path, std::uintmax_t offset = 0) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fmt::format("(no log at {})", path.string());
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::uintmax_t>(in.tellg());
  std::uintmax_t from =
      std::max<std::uintmax_t>(offset, size > kLogTailBytes ? size - kLogTailBytes : 0);
  in.seekg(static_cast<std::streamoff>(from));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t pos = text.size();
  if (pos > 0 && text[pos - 1] == '\n') --pos;  // the final newline ends the last line
  for (std::size_t lines = 0; pos > 0;) {
    --pos;
    if (text[pos] == '\n' && ++lines == kLogTailLines) {
      ++pos;
      break;
    }
  }
  text.erase(0, pos);
  if (text.empty()) return "(log is empty)";
  return text;
}

std::uintmax_t FileSize(const fs::path& p) {
  std::error_code ec;
  auto size = fs::file_size(p, ec);
  return ec ? 0 : size;
}

std::string RandomPassword() {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device rd;
  std::uniform_int_distribution<std::size_t> pick(0, sizeof(kAlphabet) - 2);
  std::string s(24, ' ');
  for (char& c : s) c = kAlphabet[pick(rd)];
  return s;
}

bool ValidDatabaseName(const std::string& name) {
  if (name.empty() || name.size() > 63) return false;
  if (!(std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

using PgConn = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::string TrimmedError(const char* s) {
  std::string m = s ? s : "";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

// --- process-wide bookkeeping ---------------------------------------------

struct Registry {
  std::mutex mu;
  std::set<PostgresServer*> live;
  std::set<std::uint16_t> ports;  // ports handed to servers of this process
  bool atexit_installed = false;
};

Registry& GetRegistry() {
  static Registry* registry = new Registry;  // never destroyed: used by the atexit hook
  return *registry;
}

// Binds 127.0.0.1:0 and returns the port the kernel chose. Another process
// can still take it before postgres binds; Start() retries on that.
pl::Result<std::uint16_t> PickPort() {
  Registry& reg = GetRegistry();
  for (int i = 0; i < 20; ++i) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return pl::Unavailable(ErrnoText("socket"));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof(addr);
    bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
              ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
    int saved = errno;
    ::close(fd);
    if (!ok) {
      errno = saved;
      return pl::Unavailable(ErrnoText("binding 127.0.0.1:0 to find a free port"));
    }
    std::uint16_t port = ntohs(addr.sin_port);
    std::lock_guard lock(reg.mu);
    if (reg.ports.insert(port).second) return port;
  }
  return pl::Unavailable("no free port on 127.0.0.1 after 20 tries");
}

void ReleasePort(std::uint16_t port) {
  Registry& reg = GetRegistry();
  std::lock_guard lock(reg.mu);
  reg.ports.erase(port);
}

// --- the supervisor ---------------------------------------------------------

volatile sig_atomic_t g_supervisor_stop = 0;
void OnSupervisorStopSignal(int) { g_supervisor_stop = 1; }

struct SupervisorSpec {
  const Account* account;
  std::string postgres;
  std::string temp_dir;
  std::string log;
  std::unique_ptr<CStrings> argv;
  std::unique_ptr<CStrings> env;
  std::string rm;  // empty: no rm found, the directory stays for the sweep
  std::unique_ptr<CStrings> rm_argv;
  int control_fd;  // read end: EOF means "clean up"; a last byte 'K' means "keep the directory"
  int events_fd;   // write end of the event pipe
  int max_fd;
};

void SendEvent(int fd, std::int32_t kind, std::int32_t value) {
  Event e{kind, value};
  while (::write(fd, &e, sizeof(e)) < 0 && errno == EINTR) {
  }
}

// True once `pid` (our child) has exited, without reaping it: while it is
// an unreaped zombie its pid and process group id cannot be reused, so a
// later kill(-pid) cannot hit a stranger.
bool WaitExitedNoReap(pid_t pid, int timeout_ms) {
  for (int waited = 0;; waited += 5) {
    siginfo_t info{};
    int r = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
    if (r == 0 && info.si_pid == pid) return true;
    if (r < 0 && errno == ECHILD) return true;
    if (waited >= timeout_ms) return false;
    timespec ts{0, 5'000'000};
    ::nanosleep(&ts, nullptr);
  }
}

// Runs in a forked child of the test process and never returns. It is the
// postmaster's parent, so it can always reap and signal it, and it is in
// its own session, so a terminal's ^C goes to the test binary only (which
// then dies and closes the control pipe, and cleanup happens here).
[[noreturn]] void RunSupervisor(const SupervisorSpec& s) {
  ::setsid();
  if (::chdir("/") != 0) {
  }
  ResetSignals();
  struct sigaction stop {};
  stop.sa_handler = OnSupervisorStopSignal;  // no SA_RESTART: poll() returns EINTR
  ::sigemptyset(&stop.sa_mask);
  for (int sig : {SIGTERM, SIGINT, SIGHUP}) ::sigaction(sig, &stop, nullptr);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  ::sigemptyset(&ignore.sa_mask);
  ::sigaction(SIGPIPE, &ignore, nullptr);  // the parent may be gone when we report

  // Never keep the test's stdout/stderr open: ctest waits for EOF on them.
  if (!RedirectToLog(s.log.c_str(), *s.account)) ::_exit(kExitOpenLog);
  CloseFdsExcept(s.control_fd, s.events_fd, s.max_fd);

  const pid_t self = ::getpid();
  const pid_t pm = ::fork();
  if (pm == 0) {
    ::setpgid(0, 0);  // its own group, so stray backends can be killed together
    ResetSignals();
    ::close(s.control_fd);
    ::close(s.events_fd);
    if (!DropPrivileges(*s.account)) {
      ChildFail("switching to the server account", kExitDropPrivileges);
    }
    // After setuid: changing credentials clears the parent-death signal.
    // If the supervisor is killed, SIGQUIT is an immediate shutdown.
    ::prctl(PR_SET_PDEATHSIG, SIGQUIT);
    if (::getppid() != self) ::_exit(1);
    if (::chdir(s.temp_dir.c_str()) != 0) ChildFail("chdir", kExitChdir);
    ::execve(s.postgres.c_str(), s.argv->get(), s.env->get());
    ChildFail("execve postgres", kExitExec);
  }
  bool alive = pm > 0;
  if (pm < 0) {
    WriteAll(2, "pathlight postgres_server: fork failed\n");
    SendEvent(s.events_fd, kEventPostmasterExited, -1);
  } else {
    SendEvent(s.events_fd, kEventPostmasterPid, pm);
  }

  bool keep = false;
  while (!g_supervisor_stop) {
    pollfd p{s.control_fd, POLLIN, 0};
    int r = ::poll(&p, 1, alive ? 50 : 1000);
    if (r > 0) {
      char buf[16];
      ssize_t n = ::read(s.control_fd, buf, sizeof(buf));
      if (n == 0) break;  // the owner closed the pipe or died
      if (n > 0) keep = buf[n - 1] == 'K';
      if (n < 0 && errno != EINTR && errno != EAGAIN) break;
    }
    if (alive) {
      int status = 0;
      if (::waitpid(pm, &status, WNOHANG) == pm) {
        alive = false;
        SendEvent(s.events_fd, kEventPostmasterExited, status);
      }
    }
  }

  if (alive) {
    // What `pg_ctl stop -m fast` does, then `-m immediate`, then SIGKILL;
    // done here because only the parent can wait for the postmaster itself.
    ::kill(pm, SIGINT);
    if (!WaitExitedNoReap(pm, kFastStopMs)) {
      WriteAll(2, "pathlight postgres_server: fast shutdown timed out, immediate shutdown\n");
      ::kill(pm, SIGQUIT);
      if (!WaitExitedNoReap(pm, kImmediateStopMs)) {
        WriteAll(2, "pathlight postgres_server: immediate shutdown timed out, SIGKILL\n");
        ::kill(-pm, SIGKILL);
        WaitExitedNoReap(pm, 60'000);
      }
    }
    ::kill(-pm, SIGKILL);  // backends left by an immediate stop or a kill
    int status = 0;
    while (::waitpid(pm, &status, 0) < 0 && errno == EINTR) {
    }
  }
  SendEvent(s.events_fd, kEventStopped, 0);
  if (!keep && !s.rm.empty()) {
    ::execve(s.rm.c_str(), s.rm_argv->get(), s.env->get());
  }
  ::_exit(0);
}

std::string FindRm() {
  for (const char* p : {"/usr/bin/rm", "/bin/rm"}) {
    if (IsExecutable(p)) return p;
  }
  return {};
}

}  // namespace

// Start()'s steps; a friend so the header does not list them.
struct PostgresServerAccess {
  static pl::Status InitCluster(PostgresServer& s, const Account& account);
  static pl::Status Launch(PostgresServer& s, const Account& account, Clock::time_point deadline,
                           bool* port_collision, std::string* version);
  static void AbandonLaunch(PostgresServer& s, bool keep_dir);
  static void Stop(PostgresServer& s) { s.Stop(); }
};

namespace {

void StopAllAtExit() {
  std::set<PostgresServer*> live;
  {
    Registry& reg = GetRegistry();
    std::lock_guard lock(reg.mu);
    live = reg.live;
  }
  for (PostgresServer* s : live) PostgresServerAccess::Stop(*s);
}

std::string AdminConninfo(std::uint16_t port, const std::string& user,
                          const std::string& password) {
  return fmt::format(
      "host=127.0.0.1 port={} dbname=postgres user={} password={} sslmode=disable "
      "connect_timeout=10",
      port, user, password);
}

}  // namespace

pl::Status PostgresServerAccess::InitCluster(PostgresServer& s, const Account& account) {
  const fs::path pwfile = s.temp_dir_ / "pwfile";
  {
    std::ofstream out(pwfile);
    out << s.password_ << "\n";
  }
  if (account.drop && ::chown(pwfile.c_str(), account.uid, account.gid) != 0) {
    return pl::Unavailable(ErrnoText("chown " + pwfile.string()));
  }
  ::chmod(pwfile.c_str(), 0600);

  const fs::path log = s.temp_dir_ / "initdb.log";
  ChildSpec spec{
      .path = s.bindir_ + "/initdb",
      .args = {"-D", s.data_dir_.string(), "-U", s.user_, "--pwfile=" + pwfile.string(), "-A",
               "trust", "-E", "UTF8", "--locale=C", "--no-sync"},
      .cwd = s.temp_dir_.string(),
      .log = log.string(),
      .account = &account,
  };
  // initdb does more work than a start and is not what PL_PG_START_TIMEOUT_S tunes.
  auto timeout = std::chrono::seconds(std::max(120, 4 * StartTimeoutSeconds()));
  auto status = RunChild(spec, timeout);
  std::error_code ec;
  fs::remove(pwfile, ec);
  if (!status.ok() || !WIFEXITED(*status) || WEXITSTATUS(*status) != 0) {
    std::string why =
        status.ok() ? "initdb " + DescribeWaitStatus(*status) : status.status().message();
    std::string tail = LogTail(log);
    return pl::Unavailable(
        fmt::format("PostgreSQL test server: initdb failed ({}) in {} as '{}'; initdb output:\n{}",
                    why, s.temp_dir_.string(), account.name, tail),
        {{"log_tail", tail}, {"temp_dir", s.temp_dir_.string()}, {"bindir", s.bindir_}});
  }

  // initdb -A trust also trusts ::1 and replication; the contract is the
  // unix socket and 127.0.0.1 only. Truncating in place keeps the file's
  // owner (the server account).
  const fs::path hba = s.data_dir_ / "pg_hba.conf";
  int fd = ::open(hba.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return pl::Unavailable(ErrnoText("open " + hba.string()));
  WriteAll(fd,
           "# Written by pathlight's PostgresServer: a throwaway test cluster.\n"
           "local all all              trust\n"
           "host  all all 127.0.0.1/32 trust\n");
  ::close(fd);
  return pl::Status::Ok();
}

pl::Status PostgresServerAccess::Launch(PostgresServer& s, const Account& account,
                                        Clock::time_point deadline, bool* port_collision,
                                        std::string* version) {
  *port_collision = false;
  PL_ASSIGN_OR_RETURN(s.port_, PickPort());
  const std::uintmax_t log_offset = FileSize(s.log_path_);

  int control[2];
  int events[2];
  if (::pipe2(control, O_CLOEXEC) != 0) return pl::Unavailable(ErrnoText("pipe2"));
  if (::pipe2(events, O_CLOEXEC) != 0) {
    ::close(control[0]);
    ::close(control[1]);
    return pl::Unavailable(ErrnoText("pipe2"));
  }

  SupervisorSpec spec;
  spec.account = &account;
  spec.postgres = s.bindir_ + "/postgres";
  spec.temp_dir = s.temp_dir_.string();
  spec.log = s.log_path_.string();
  // clang-format off
  spec.argv = std::make_unique<CStrings>(std::vector<std::string>{
      spec.postgres, "-D", s.data_dir_.string(),
      "-c", fmt::format("port={}", s.port_),
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=" + s.temp_dir_.string(),
      "-c", "fsync=off",
      "-c", "full_page_writes=off",
      "-c", "synchronous_commit=off",
      // Files in the data directory instead of /dev/shm: removed with it,
      // even after a SIGKILL.
      "-c", "dynamic_shared_memory_type=mmap",
      // Names the owning test process in `ps`.
      "-c", fmt::format("cluster_name=pathlight-test-{}", s.owner_pid_)});
  // clang-format on
  spec.env = std::make_unique<CStrings>(ChildEnvironment());
  spec.rm = FindRm();
  spec.rm_argv =
      std::make_unique<CStrings>(std::vector<std::string>{"rm", "-rf", "--", s.temp_dir_.string()});
  spec.control_fd = control[0];
  spec.events_fd = events[1];
  spec.max_fd = MaxFd();

  pid_t pid = ::fork();
  if (pid < 0) {
    for (int fd : {control[0], control[1], events[0], events[1]}) ::close(fd);
    return pl::Unavailable(ErrnoText("fork"));
  }
  if (pid == 0) RunSupervisor(spec);
  ::close(control[0]);
  ::close(events[1]);
  s.supervisor_pid_ = pid;
  s.control_fd_ = control[1];
  s.events_fd_ = events[0];
  s.postmaster_pid_ = -1;
  ::fcntl(s.events_fd_, F_SETFL, O_NONBLOCK);

  const std::string admin = AdminConninfo(s.port_, s.user_, s.password_);
  std::string last_problem = "it never reported ready";
  std::optional<int> exit_status;
  for (;;) {
    Event buf[8];
    ssize_t n;
    while ((n = ::read(s.events_fd_, buf, sizeof(buf))) > 0) {
      for (ssize_t i = 0; i < n / static_cast<ssize_t>(sizeof(Event)); ++i) {
        if (buf[i].kind == kEventPostmasterPid) s.postmaster_pid_ = buf[i].value;
        if (buf[i].kind == kEventPostmasterExited) exit_status = buf[i].value;
      }
    }
    if (exit_status) {
      last_problem = *exit_status < 0 ? "the supervisor could not fork it"
                                      : "postgres " + DescribeWaitStatus(*exit_status);
      break;
    }
    if (auto st = WaitChild(s.supervisor_pid_, std::chrono::milliseconds(0))) {
      s.supervisor_pid_ = -1;
      last_problem = "its supervisor process " + DescribeWaitStatus(*st);
      break;
    }
    // Ping only once the postmaster says it is ready (as pg_ctl -w does):
    // before that, a stranger that took the port first could answer, or
    // accept and stay silent until connect_timeout.
    if (s.postmaster_pid_ > 0 &&
        PostmasterReady(s.data_dir_ / "postmaster.pid", s.postmaster_pid_) &&
        PQping(admin.c_str()) == PQPING_OK) {
      // Belt and braces: make sure it is our server that answers.
      PgConn conn(PQconnectdb(admin.c_str()), &PQfinish);
      if (PQstatus(conn.get()) == CONNECTION_OK) {
        PgResult res(PQexec(conn.get(), "SELECT current_setting('data_directory')"), &PQclear);
        if (PQresultStatus(res.get()) == PGRES_TUPLES_OK && PQntuples(res.get()) == 1 &&
            s.data_dir_.string() == PQgetvalue(res.get(), 0, 0)) {
          int v = PQserverVersion(conn.get());
          *version = fmt::format("{}.{}", v / 10000, v % 10000);
          return pl::Status::Ok();
        }
        last_problem = "another server answers on the port";
      } else {
        last_problem = TrimmedError(PQerrorMessage(conn.get()));
      }
    }
    if (Clock::now() >= deadline) {
      last_problem = fmt::format(
          "it did not accept connections within {} s (set PL_PG_START_TIMEOUT_S on slow "
          "machines); last problem: {}",
          StartTimeoutSeconds(), last_problem);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }

  const std::string tail = LogTail(s.log_path_, log_offset);
  *port_collision = exit_status && tail.find("Address already in use") != std::string::npos;
  return pl::Unavailable(fmt::format("PostgreSQL test server did not start on 127.0.0.1:{}: {}; "
                                     "server log {} (last lines):\n{}",
                                     s.port_, last_problem, s.log_path_.string(), tail),
                         {{"log_tail", tail},
                          {"temp_dir", s.temp_dir_.string()},
                          {"port", s.port_},
                          {"bindir", s.bindir_}});
}

// Ends a failed launch: the supervisor stops whatever runs and exits,
// deleting the directory unless `keep_dir` (for a retry on another port).
void PostgresServerAccess::AbandonLaunch(PostgresServer& s, bool keep_dir) {
  if (s.control_fd_ >= 0) {
    if (keep_dir) WriteAll(s.control_fd_, "K");
    ::close(s.control_fd_);
    s.control_fd_ = -1;
  }
  if (s.supervisor_pid_ > 0) {
    if (!WaitChild(s.supervisor_pid_, std::chrono::milliseconds(kSupervisorExitMs))) {
      ::kill(s.supervisor_pid_, SIGKILL);
      WaitChild(s.supervisor_pid_, std::chrono::seconds(5));
    }
    s.supervisor_pid_ = -1;
  }
  if (s.events_fd_ >= 0) {
    ::close(s.events_fd_);
    s.events_fd_ = -1;
  }
  s.postmaster_pid_ = -1;
  ReleasePort(s.port_);
}

pl::Result<std::unique_ptr<PostgresServer>> PostgresServer::Start() {
  const auto t0 = Clock::now();
  const auto deadline_for_start = [] {
    return Clock::now() + std::chrono::seconds(StartTimeoutSeconds());
  };

  SweepStaleDirs();
  PL_ASSIGN_OR_RETURN(Account account, ServerAccount());
  PL_ASSIGN_OR_RETURN(std::string bindir, FindBindir());

  std::unique_ptr<PostgresServer> s(new PostgresServer);
  s->owner_pid_ = ::getpid();
  s->bindir_ = bindir;
  s->user_ = kUser;
  s->password_ = RandomPassword();
  {
    Registry& reg = GetRegistry();
    std::lock_guard lock(reg.mu);
    if (!reg.atexit_installed) {
      std::atexit(StopAllAtExit);
      reg.atexit_installed = true;
    }
    reg.live.insert(s.get());  // from here on ~PostgresServer cleans up
  }
  PL_ASSIGN_OR_RETURN(s->temp_dir_, MakeTempDir(account));
  s->data_dir_ = s->temp_dir_ / "data";
  s->log_path_ = s->temp_dir_ / "server.log";
  WriteOwnerFile(s->temp_dir_);

  PL_RETURN_IF_ERROR(PostgresServerAccess::InitCluster(*s, account));
  const auto t_initdb = Clock::now();
  s->timings_.initdb_s = Seconds(t_initdb - t0);

  std::string version;
  for (int attempt = 1;; ++attempt) {
    s->timings_.attempts = attempt;
    bool port_collision = false;
    pl::Status st =
        PostgresServerAccess::Launch(*s, account, deadline_for_start(), &port_collision, &version);
    if (st.ok()) break;
    const bool retry = port_collision && attempt < kMaxLaunchAttempts;
    PostgresServerAccess::AbandonLaunch(*s, /*keep_dir=*/retry);
    if (!retry) return st;
    fmt::print(stderr,
               "postgres_server: port {} was taken before postgres could bind it, retrying\n",
               s->port_);
  }
  const auto t_ready = Clock::now();
  s->timings_.postgres_s = Seconds(t_ready - t_initdb);

  auto db = s->CreateDatabase(kDatabase);
  if (!db.ok()) {
    return pl::Unavailable(
        fmt::format("PostgreSQL test server started but creating {} failed: {}; server log:\n{}",
                    kDatabase, db.status().message(), LogTail(s->log_path_)));
  }
  const auto t_end = Clock::now();
  s->timings_.create_db_s = Seconds(t_end - t_ready);
  s->timings_.total_s = Seconds(t_end - t0);
  fmt::print(stderr,
             "postgres_server: PostgreSQL {} ready on 127.0.0.1:{} in {:.3f} s (initdb {:.3f} s, "
             "postgres {:.3f} s, "
             "createdb {:.3f} s, attempts {}) as {}, dir {}\n",
             version, s->port_, s->timings_.total_s, s->timings_.initdb_s, s->timings_.postgres_s,
             s->timings_.create_db_s, s->timings_.attempts, account.name, s->temp_dir_.string());
  return s;
}

PostgresServer::~PostgresServer() { Stop(); }

void PostgresServer::Stop() {
  if (stopped_) return;
  stopped_ = true;
  if (owner_pid_ != ::getpid()) {
    // A forked child (e.g. a death test) must not stop its parent's server;
    // closing its copies of the pipes does not signal the supervisor.
    if (control_fd_ >= 0) ::close(control_fd_);
    if (events_fd_ >= 0) ::close(events_fd_);
    return;
  }
  const auto t0 = Clock::now();
  const bool was_running = supervisor_pid_ > 0;
  if (control_fd_ >= 0) {
    ::close(control_fd_);  // the supervisor stops postgres and deletes temp_dir_
    control_fd_ = -1;
  }
  if (supervisor_pid_ > 0) {
    if (!WaitChild(supervisor_pid_, std::chrono::milliseconds(kSupervisorExitMs))) {
      fmt::print(stderr,
                 "postgres_server: supervisor {} did not finish, killing it and the server\n",
                 supervisor_pid_);
      ::kill(supervisor_pid_, SIGKILL);
      WaitChild(supervisor_pid_, std::chrono::seconds(5));
      if (postmaster_pid_ > 0) ::kill(-postmaster_pid_, SIGKILL);
    }
    supervisor_pid_ = -1;
  }
  if (events_fd_ >= 0) {
    ::close(events_fd_);
    events_fd_ = -1;
  }
  std::error_code ec;
  if (!temp_dir_.empty()) fs::remove_all(temp_dir_, ec);  // normally already gone
  {
    Registry& reg = GetRegistry();
    std::lock_guard lock(reg.mu);
    reg.live.erase(this);
    if (port_ != 0) reg.ports.erase(port_);
  }
  if (was_running) {
    fmt::print(stderr, "postgres_server: stopped 127.0.0.1:{} and removed {} in {:.3f} s\n", port_,
               temp_dir_.string(), Seconds(Clock::now() - t0));
  }
}

std::string PostgresServer::Url(const std::string& dbname) const {
  return fmt::format("postgresql://{}:{}@127.0.0.1:{}/{}", user_, password_, port_, dbname);
}

std::string PostgresServer::Conninfo(const std::string& dbname) const {
  return fmt::format("host=127.0.0.1 port={} dbname={} user={} password={}", port_, dbname, user_,
                     password_);
}

std::string PostgresServer::url() const { return Url(kDatabase); }
std::string PostgresServer::conninfo() const { return Conninfo(kDatabase); }

pl::Result<std::string> PostgresServer::CreateDatabase(const std::string& name) {
  if (!ValidDatabaseName(name)) {
    return pl::InvalidArgument("database name must match [a-z_][a-z0-9_]{0,62}: " + name);
  }
  PgConn conn(PQconnectdb(AdminConninfo(port_, user_, password_).c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return pl::Unavailable("cannot connect to the PostgreSQL test server: " +
                           TrimmedError(PQerrorMessage(conn.get())));
  }
  // template0 is pristine and nobody connects to it, so this neither copies
  // leftovers nor fails because a test holds template1 open. The name is
  // validated above, so quoting it is exact.
  const std::string sql = fmt::format("CREATE DATABASE \"{}\" TEMPLATE template0", name);
  PgResult res(PQexec(conn.get(), sql.c_str()), &PQclear);
  if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
    const char* state = PQresultErrorField(res.get(), PG_DIAG_SQLSTATE);
    std::string message = TrimmedError(PQresultErrorMessage(res.get()));
    if (state && std::string_view(state) == "42P04") {
      return pl::AlreadyExists("database already exists: " + name);
    }
    return pl::Unavailable(fmt::format("CREATE DATABASE {} failed: {}", name, message));
  }
  return Url(name);
}

// --- the shared server --------------------------------------------------------

namespace {

struct SharedState {
  std::mutex mu;
  std::unique_ptr<PostgresServer> server;
  std::optional<pl::Status> failure;  // remembered so later tests fail fast
};

SharedState& Shared() {
  static SharedState* state = new SharedState;  // never destroyed: see TearDown
  return *state;
}

class SharedPostgresUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Stops the shared server after the last test. Starting is lazy so that a
// binary run for tests that do not need PostgreSQL (or under ctest, where
// every test is its own process) does not pay for a server.
class SharedPostgresEnvironment : public ::testing::Environment {
 public:
  void TearDown() override {
    SharedState& state = Shared();
    std::lock_guard lock(state.mu);
    state.server.reset();
  }
};

// Registered during static initialisation, the documented way with
// gtest_main; this file is linked whenever a test uses SharedPostgres().
[[maybe_unused]] ::testing::Environment* const kSharedEnvironment =
    ::testing::AddGlobalTestEnvironment(new SharedPostgresEnvironment);

}  // namespace

PostgresServer& SharedPostgres() {
  SharedState& state = Shared();
  std::lock_guard lock(state.mu);
  if (state.server) return *state.server;
  if (!state.failure) {
    auto started = PostgresServer::Start();
    if (started.ok()) {
      state.server = std::move(started).value();
      return *state.server;
    }
    state.failure = started.status();
  }
  ADD_FAILURE() << "the shared PostgreSQL test server is unavailable: "
                << state.failure->ToString();
  // A reference cannot be "nothing": throwing aborts the calling test, and
  // GoogleTest reports it as a failure too (never as a skip).
  throw SharedPostgresUnavailable(
      "shared PostgreSQL test server unavailable (see the failure above)");
}

}  // namespace pl::testing
