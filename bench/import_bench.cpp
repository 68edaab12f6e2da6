// pl_import_bench: end-to-end import throughput of student_years.csv through
// pl::ingest::Importer into SQLite and PostgreSQL, side by side with the
// databases' own bulk loaders on the same file:
//
//   sqlite3 DB ".import --csv --skip 1 FILE student_year_raw"
//   psql URL -c "\copy student_year_raw FROM 'FILE' WITH (FORMAT csv, HEADER true)"
//
// The goals (the project's import issue): >= 500,000 rows/s into SQLite and
// >= 300,000 rows/s into PostgreSQL. They are measured and reported here,
// never asserted in unit tests; the exit status only says whether every run
// worked (0) or something failed (1), not whether a goal was met.
//
// What is timed (wall clock, medians over --repeats):
//   - pathlight import:    a fresh Importer's ImportFile(student_years.csv)
//     into a database that already holds the schema, the reference data,
//     organizations and students (that set-up is not timed); this includes
//     loading the known student and organization keys, as `pathlight import`
//     does in a new process, and the commit.
//   - pathlight re-import: the same file again into the same database (every
//     row already there and unchanged: the idempotent upsert path).
//   - the tools, as subprocesses, into a plain 16-column table created by the
//     benchmark: without constraints, with student_year's primary key, and
//     with the primary key plus student_year's secondary indexes (read from
//     the migrated schema, so the comparison follows the migrations).
//
// Each repeat uses a fresh SQLite file / a fresh PostgreSQL database (from
// pl::testing::PostgresServer, a throwaway server), and runs every method
// once, interleaved, so that load from other processes spreads over all.
#include <fcntl.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/progress.hpp"
#include "core/status.hpp"
#include "cli/database_setup.hpp"
#include "ingest/importer.hpp"
#include "ingest/kind.hpp"
#include "ingest/reference_data.hpp"
#include "store/query.hpp"
#include "store/store.hpp"
#include "support/postgres_server.hpp"
#include "synthetic/synthetic.hpp"

extern char** environ;

namespace pl::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr double kSqliteGoal = 500000;
constexpr double kPostgresGoal = 300000;

// ---------------------------------------------------------------- options

struct Options {
  std::string scale = "medium";
  int repeats = 3;
  std::string data_dir;       // reuse (or keep) generated files here
  std::string json_path;      // also write the results as JSON
  std::string reference_dir = PL_SOURCE_DIR "/data";
  std::string sqlite3_bin = "sqlite3";
  std::string psql_bin = "psql";
  bool run_sqlite = true;
  bool run_postgres = true;
  bool run_tools = true;
  bool keep_temp = false;
};

void Usage(std::FILE* out) {
  std::fputs(
      "usage: pl_import_bench [options]\n"
      "  --scale small|medium   data set size (default medium, ~940k student_years rows)\n"
      "  --repeats N            runs of each method (default 3); medians are reported\n"
      "  --data DIR             use DIR/{organizations,students,student_years}.csv; generated\n"
      "                         there (seed 1) if missing, and kept\n"
      "  --json PATH            also write the results as JSON to PATH\n"
      "  --engine sqlite|postgresql|all   which databases to measure (default all)\n"
      "  --no-tools             skip the sqlite3 .import and psql \\copy runs\n"
      "  --reference-data DIR   Pathlight's data/ folder (default: the source tree's)\n"
      "  --sqlite3 PATH, --psql PATH   the tools to compare with (default: from PATH)\n"
      "  --keep-temp            do not delete the temporary directory\n",
      out);
}

std::optional<Options> ParseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::optional<std::string> {
      if (auto eq = arg.find('='); eq != std::string::npos) {
        std::string v = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
        return v;
      }
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    std::string name = arg.substr(0, arg.find('='));
    if (name == "--help" || name == "-h") {
      Usage(stdout);
      std::exit(0);
    } else if (name == "--no-tools") {
      o.run_tools = false;
    } else if (name == "--keep-temp") {
      o.keep_temp = true;
    } else if (name == "--scale" || name == "--repeats" || name == "--data" || name == "--json" ||
               name == "--engine" || name == "--reference-data" || name == "--sqlite3" || name == "--psql") {
      auto v = value();
      if (!v) {
        fmt::print(stderr, "error: {} needs a value\n", name);
        return std::nullopt;
      }
      if (name == "--scale") {
        if (*v != "small" && *v != "medium") {
          fmt::print(stderr, "error: --scale: expected small or medium; got {}\n", *v);
          return std::nullopt;
        }
        o.scale = *v;
      } else if (name == "--repeats") {
        char* end = nullptr;
        long n = std::strtol(v->c_str(), &end, 10);
        if (v->empty() || *end != '\0' || n < 1 || n > 100) {
          fmt::print(stderr, "error: --repeats: expected a whole number from 1 to 100; got {}\n", *v);
          return std::nullopt;
        }
        o.repeats = static_cast<int>(n);
      } else if (name == "--data") {
        o.data_dir = *v;
      } else if (name == "--json") {
        o.json_path = *v;
      } else if (name == "--engine") {
        if (*v != "sqlite" && *v != "postgresql" && *v != "postgres" && *v != "all") {
          fmt::print(stderr, "error: --engine: expected sqlite, postgresql or all; got {}\n", *v);
          return std::nullopt;
        }
        o.run_sqlite = *v == "sqlite" || *v == "all";
        o.run_postgres = *v != "sqlite";
      } else if (name == "--reference-data") {
        o.reference_dir = *v;
      } else if (name == "--sqlite3") {
        o.sqlite3_bin = *v;
      } else {
        o.psql_bin = *v;
      }
    } else {
      fmt::print(stderr, "error: unknown argument {}\n", arg);
      Usage(stderr);
      return std::nullopt;
    }
  }
  return o;
}

// ---------------------------------------------------------------- helpers

double Since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double CpuSeconds(const rusage& r) {
  return static_cast<double>(r.ru_utime.tv_sec + r.ru_stime.tv_sec) +
         static_cast<double>(r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
}

double SelfCpuSeconds() {
  rusage r{};
  getrusage(RUSAGE_SELF, &r);
  return CpuSeconds(r);
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string Thousands(double v) {
  auto n = static_cast<long long>(v + 0.5);
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::vector<double> LoadAverage() {
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) != 3) return {};
  return {load[0], load[1], load[2]};
}

// First line of a command's standard output ("" when it cannot run).
std::string FirstLineOf(const std::string& command) {
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return "";
  char line[512] = {0};
  if (!std::fgets(line, sizeof line, pipe)) line[0] = '\0';
  ::pclose(pipe);
  std::string s = line;
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

// A string literal for psql's \copy file name (SQL quoting: ' doubled).
std::string SqlQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    out.push_back(c);
    if (c == '\'') out.push_back('\'');
  }
  return out + "'";
}

std::string ReadTail(const fs::path& path, size_t bytes = 2000) {
  std::ifstream in(path, std::ios::binary);
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return s.size() > bytes ? "..." + s.substr(s.size() - bytes) : s;
}

struct ChildRun {
  int exit_status = -1;  // exit code, or 128 + signal
  double seconds = 0;    // wall clock from spawn to reaped
  double cpu_seconds = 0;
  std::string error;     // spawn failure or the tail of stderr when it failed
};

// Runs argv (looked up in PATH) with stdout to /dev/null and stderr to
// `stderr_path`, and times it with the wall clock.
ChildRun RunChild(const std::vector<std::string>& args, const fs::path& stderr_path) {
  ChildRun run;
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  auto start = Clock::now();
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    run.error = fmt::format("cannot run {}: {}", args[0], std::strerror(rc));
    return run;
  }
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      run.error = fmt::format("waiting for {}: {}", args[0], std::strerror(errno));
      return run;
    }
  }
  run.seconds = Since(start);
  run.cpu_seconds = CpuSeconds(usage);
  run.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (run.exit_status != 0) {
    run.error = fmt::format("{} exited with status {}: {}", args[0], run.exit_status, ReadTail(stderr_path));
  }
  return run;
}

// ---------------------------------------------------------------- results

struct Measure {
  std::string engine;  // "sqlite" | "postgresql"
  std::string method;  // what ran
  std::string key;     // stable id for JSON: "pathlight_import", "tool_pk", ...
  bool pathlight = false;
  std::vector<double> seconds;
  std::vector<double> cpu_seconds;
  std::vector<double> rows;

  std::vector<double> Rates() const {
    std::vector<double> r;
    for (size_t i = 0; i < seconds.size(); ++i) r.push_back(seconds[i] > 0 ? rows[i] / seconds[i] : 0);
    return r;
  }
  double MedianSeconds() const { return Median(seconds); }
  double MedianRate() const { return Median(Rates()); }
};

class Results {
 public:
  Measure& Get(const std::string& engine, const std::string& key, const std::string& method, bool pathlight) {
    for (auto& m : measures_) {
      if (m.engine == engine && m.key == key) return m;
    }
    measures_.push_back({engine, method, key, pathlight, {}, {}, {}});
    return measures_.back();
  }
  void Add(const std::string& engine, const std::string& key, const std::string& method, bool pathlight,
           double seconds, double cpu_seconds, double rows) {
    Measure& m = Get(engine, key, method, pathlight);
    m.seconds.push_back(seconds);
    m.cpu_seconds.push_back(cpu_seconds);
    m.rows.push_back(rows);
    fmt::print(stderr, "  {:<10} {:<42} {:>8.3f} s {:>11} rows/s  (cpu {:.3f} s)\n", engine, method, seconds,
               Thousands(seconds > 0 ? rows / seconds : 0), cpu_seconds);
  }
  const std::vector<Measure>& measures() const { return measures_; }

  // Pathlight's first-import rate on `engine`, the base of the ratios.
  double PathlightRate(const std::string& engine) const {
    for (const auto& m : measures_) {
      if (m.engine == engine && m.key == "pathlight_import") return m.MedianRate();
    }
    return 0;
  }

 private:
  std::vector<Measure> measures_;
};

double Goal(const std::string& engine) { return engine == "sqlite" ? kSqliteGoal : kPostgresGoal; }

void PrintTable(const Results& results) {
  fmt::print("\n{:<10}  {:<42}  {:>9}  {:>13}  {:>11}  {:>6}  {:>7}  {:>7}  {}\n", "engine", "method", "median s",
             "min-max s", "rows/s", "ratio", "cpu s", "repeats", "goal");
  fmt::print("{:-<10}  {:-<42}  {:->9}  {:->13}  {:->11}  {:->6}  {:->7}  {:->7}  {:-<20}\n", "", "", "", "", "", "", "", "",
             "");
  for (const auto& m : results.measures()) {
    std::string ratio = "-";
    double rate = m.MedianRate();
    if (!m.pathlight && rate > 0) ratio = fmt::format("{:.2f}", results.PathlightRate(m.engine) / rate);
    std::string goal;
    if (m.key == "pathlight_import") {
      goal = fmt::format(">= {}: {}", Thousands(Goal(m.engine)), rate >= Goal(m.engine) ? "met" : "NOT met");
    }
    auto [lo, hi] = std::minmax_element(m.seconds.begin(), m.seconds.end());
    fmt::print("{:<10}  {:<42}  {:>9.3f}  {:>13}  {:>11}  {:>6}  {:>7.2f}  {:>7}  {}\n", m.engine, m.method,
               m.MedianSeconds(), fmt::format("{:.2f}-{:.2f}", *lo, *hi), Thousands(rate), ratio,
               Median(m.cpu_seconds), m.seconds.size(), goal);
  }
  fmt::print(
      "\nratio = Pathlight's first-import rows/s / that tool's rows/s on the same engine and file "
      "(> 1: Pathlight faster).\nThe tools load into a table of the file's 16 columns: plain, with student_year's "
      "primary key, and with its\nprimary key and secondary indexes as the migrations define them.\ncpu s = CPU time of the loading client process (Pathlight's importer, "
      "sqlite3 or psql); for PostgreSQL the server's work is not in it.\n");
}

nlohmann::json ToJson(const Results& results) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : results.measures()) {
    double rate = m.MedianRate();
    nlohmann::json j = {{"engine", m.engine},
                        {"method", m.method},
                        {"key", m.key},
                        {"pathlight", m.pathlight},
                        {"repeats", m.seconds.size()},
                        {"seconds", m.seconds},
                        {"cpu_seconds", m.cpu_seconds},
                        {"rows", m.rows},
                        {"rows_per_s", m.Rates()},
                        {"median_seconds", m.MedianSeconds()},
                        {"median_rows_per_s", rate},
                        {"median_cpu_seconds", Median(m.cpu_seconds)},
                        {"min_seconds", *std::min_element(m.seconds.begin(), m.seconds.end())},
                        {"max_seconds", *std::max_element(m.seconds.begin(), m.seconds.end())}};
    j["ratio"] = (!m.pathlight && rate > 0) ? nlohmann::json(results.PathlightRate(m.engine) / rate)
                                            : nlohmann::json(nullptr);
    if (m.key == "pathlight_import") {
      j["goal_rows_per_s"] = Goal(m.engine);
      j["meets_goal"] = rate >= Goal(m.engine);
    }
    out.push_back(std::move(j));
  }
  return out;
}

// ---------------------------------------------------------------- data

// Schema and reference data: what every database needs before any import.
Status PrepareSchema(store::Database& db, const Options& options, const fs::path& rejects_dir) {
  PL_RETURN_IF_ERROR(db.Migrate());
  PL_ASSIGN_OR_RETURN(auto loads, ingest::LoadReferenceData(db, options.reference_dir, rejects_dir.string(), nullptr));
  (void)loads;
  return Status::Ok();
}

bool HasData(const fs::path& dir) {
  for (const char* f : {"organizations.csv", "students.csv", "student_years.csv"}) {
    if (!fs::is_regular_file(dir / f)) return false;
  }
  return true;
}

Status GenerateData(const Options& options, const fs::path& out, const fs::path& rejects_dir) {
  auto start = Clock::now();
  PL_ASSIGN_OR_RETURN(auto db, store::Database::Open("sqlite::memory:"));
  PL_RETURN_IF_ERROR(PrepareSchema(*db, options, rejects_dir));
  PL_ASSIGN_OR_RETURN(auto input, cli::SyntheticReferenceInput(*db));
  PL_ASSIGN_OR_RETURN(auto scale, synthetic::ParseScale(options.scale));
  NullProgress progress;
  PL_ASSIGN_OR_RETURN(auto summary,
                      synthetic::Generate(input, {.scale = scale, .seed = 1, .out_dir = out.string()}, progress));
  fmt::print(stderr, "generated {} scale (seed 1) into {}: {} organizations, {} students, {} student-years in {:.1f} s\n",
             options.scale, out.string(), summary.organizations, summary.students, summary.student_years,
             Since(start));
  return Status::Ok();
}

// Counts data lines (records) the cheap way: the generator writes one record
// per line (no quoted line breaks), minus the header.
std::uint64_t CountDataLines(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<char> buf(1 << 20);
  std::uint64_t lines = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    lines += static_cast<std::uint64_t>(std::count(buf.data(), buf.data() + in.gcount(), '\n'));
  }
  return lines > 0 ? lines - 1 : 0;
}

std::vector<std::string> ReadHeader(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  std::vector<std::string> columns;
  size_t start = 0;
  while (true) {
    size_t comma = line.find(',', start);
    columns.push_back(line.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return columns;
}

// ---------------------------------------------------------------- Pathlight

struct ImportRun {
  double seconds = 0;
  double cpu_seconds = 0;
  ingest::ImportReport report;
};

// Sets up organizations and students (not timed).
Status ImportPrerequisites(store::Database& db, const fs::path& data, const fs::path& rejects_dir) {
  ingest::Importer importer(db);
  for (const char* kind_name : {"organizations", "students"}) {
    PL_ASSIGN_OR_RETURN(const ingest::KindSpec* kind, ingest::FindKind(kind_name));
    PL_ASSIGN_OR_RETURN(auto report, importer.ImportFile(*kind, (data / (std::string(kind_name) + ".csv")).string(),
                                                         {.rejects_dir = rejects_dir.string(), .actor = "bench"}));
    if (report.rows_rejected > 0) {
      return Internal(fmt::format("{}: {} rows rejected (see {})", kind_name, report.rows_rejected,
                                  report.rejects_file));
    }
  }
  return Status::Ok();
}

// The timed part: a fresh Importer (as a new `pathlight import` process has)
// importing student_years.csv, commit included.
Result<ImportRun> TimedImport(store::Database& db, const fs::path& file, const fs::path& rejects_dir,
                              bool expect_changes) {
  PL_ASSIGN_OR_RETURN(const ingest::KindSpec* kind, ingest::FindKind("student_years"));
  ImportRun run;
  double cpu = SelfCpuSeconds();
  auto start = Clock::now();
  {
    ingest::Importer importer(db);
    PL_ASSIGN_OR_RETURN(run.report,
                        importer.ImportFile(*kind, file.string(),
                                            {.rejects_dir = rejects_dir.string(), .actor = "bench"}));
  }
  run.seconds = Since(start);
  run.cpu_seconds = SelfCpuSeconds() - cpu;
  const auto& r = run.report;
  if (r.rows_rejected > 0) {
    return Internal(fmt::format("student_years: {} rows rejected (see {})", r.rows_rejected, r.rejects_file));
  }
  std::uint64_t expected_changed = expect_changes ? r.rows_read : 0;
  if (r.rows_changed != expected_changed) {
    return Internal(fmt::format("student_years: {} rows changed, expected {}", r.rows_changed, expected_changed));
  }
  return run;
}

Status PathlightRuns(store::Database& db, const std::string& engine, const fs::path& data,
                     const fs::path& rejects_dir, Results* results) {
  PL_RETURN_IF_ERROR(ImportPrerequisites(db, data, rejects_dir));
  const fs::path file = data / "student_years.csv";
  PL_ASSIGN_OR_RETURN(ImportRun first, TimedImport(db, file, rejects_dir, /*expect_changes=*/true));
  results->Add(engine, "pathlight_import",
               engine == "sqlite" ? "pathlight import (prepared upsert)" : "pathlight import (COPY + merge)", true,
               first.seconds, first.cpu_seconds, static_cast<double>(first.report.rows_read));
  PL_ASSIGN_OR_RETURN(ImportRun again, TimedImport(db, file, rejects_dir, /*expect_changes=*/false));
  results->Add(engine, "pathlight_reimport", "pathlight re-import (all rows unchanged)", true, again.seconds,
               again.cpu_seconds, static_cast<double>(again.report.rows_read));
  return Status::Ok();
}

// ---------------------------------------------------------------- tools

struct Variant {
  const char* key;
  const char* label;
  bool primary_key;
  bool indexes;
};
constexpr Variant kVariants[] = {
    {"plain", "plain table", false, false},
    {"pk", "primary key", true, false},
    {"pk_indexes", "primary key + indexes", true, true},
};

// The keys and secondary indexes of Pathlight's student_year table, read from
// a migrated database so the tools' tables follow the schema as it changes.
struct TableShape {
  std::vector<std::string> key;      // primary key columns
  std::vector<std::string> indexes;  // "(org_id, school_year)" or "USING btree (org_id, school_year)"
  std::vector<bool> unique;
};

// "CREATE [UNIQUE] INDEX name ON [schema.]student_year <rest>" -> <rest>.
std::string IndexRest(const std::string& sql) {
  auto on = sql.find(" ON ");
  if (on == std::string::npos) return "";
  auto after_table = sql.find(' ', on + 4);
  return after_table == std::string::npos ? "" : sql.substr(after_table + 1);
}

Result<TableShape> ReadShape(store::Database& db) {
  TableShape shape;
  PL_ASSIGN_OR_RETURN(const ingest::KindSpec* kind, ingest::FindKind("student_years"));
  for (const auto& k : kind->key) shape.key.push_back(kind->Find(k)->column());
  const bool postgres = db.backend() == store::Backend::kPostgres;
  PL_ASSIGN_OR_RETURN(
      auto rows,
      store::QueryJson(db, postgres ? "SELECT indexdef AS sql FROM pg_indexes WHERE schemaname = current_schema() "
                                      "AND tablename = 'student_year' AND indexname NOT IN (SELECT conname FROM "
                                      "pg_constraint WHERE conrelid = 'student_year'::regclass) ORDER BY indexname"
                                    : "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = "
                                      "'student_year' AND sql IS NOT NULL ORDER BY name"));
  for (const auto& row : rows) {
    std::string sql = row["sql"];
    std::string rest = IndexRest(sql);
    if (rest.empty()) return Internal("cannot read the index definition " + sql);
    shape.indexes.push_back(rest);
    shape.unique.push_back(sql.rfind("CREATE UNIQUE", 0) == 0);
  }
  return shape;
}

// The raw table: the file's columns in the file's order, typed after the
// kind's declaration where the file's text fits as is (school_year stays
// "2023-24", so it is text; flags are Y/N, which PostgreSQL's boolean takes).
std::string RawTableSql(const std::vector<std::string>& header, const Variant& v, const TableShape& shape,
                        bool postgres) {
  const ingest::KindSpec* kind = *ingest::FindKind("student_years");
  std::string sql = "CREATE TABLE student_year_raw (";
  for (size_t i = 0; i < header.size(); ++i) {
    const ingest::ColumnSpec* c = kind->Find(header[i]);
    std::string type = "TEXT";
    if (c && c->type == ingest::ColumnType::kDecimal) type = "DOUBLE PRECISION";
    if (c && c->type == ingest::ColumnType::kInteger) type = "INTEGER";
    // SQLite has no boolean type ('Y' would stay text anyway).
    if (c && c->type == ingest::ColumnType::kBoolean && postgres) type = "BOOLEAN";
    sql += fmt::format("{}{} {}", i ? ", " : "", header[i], type);
  }
  if (v.primary_key) sql += fmt::format(", PRIMARY KEY ({})", fmt::join(shape.key, ", "));
  sql += ");";
  if (v.indexes) {
    for (size_t i = 0; i < shape.indexes.size(); ++i) {
      sql += fmt::format(" CREATE {}INDEX student_year_raw_{} ON student_year_raw {};",
                         shape.unique[i] ? "UNIQUE " : "", i + 1, shape.indexes[i]);
    }
  }
  return sql;
}

std::string VariantLabel(const Variant& v, const TableShape& shape) {
  if (!v.indexes) return v.label;
  return fmt::format("primary key + {} index{}", shape.indexes.size(), shape.indexes.size() == 1 ? "" : "es");
}

Status SqliteToolRun(const Options& options, const fs::path& tmp, const fs::path& file,
                     const std::vector<std::string>& header, const Variant& v, const TableShape& shape, int repeat,
                     Results* results) {
  const fs::path db_path = tmp / fmt::format("tool-{}-{}.db", v.key, repeat);
  {
    // Same file settings as Pathlight's databases: WAL (persistent in the file).
    PL_ASSIGN_OR_RETURN(auto db, store::Database::Open("sqlite:" + db_path.string()));
    PL_RETURN_IF_ERROR(db->Execute(RawTableSql(header, v, shape, false)));
  }
  // synchronous=NORMAL as Pathlight's connections; .import runs in one transaction.
  ChildRun run = RunChild({options.sqlite3_bin, "-batch", "-bail", "-cmd", "PRAGMA synchronous = NORMAL",
                           db_path.string(), fmt::format(".import --csv --skip 1 \"{}\" student_year_raw", file.string())},
                          tmp / "sqlite3.stderr");
  if (!run.error.empty()) return Internal(run.error);
  long long count = 0;
  {
    PL_ASSIGN_OR_RETURN(auto db, store::Database::Open("sqlite:" + db_path.string()));
    PL_ASSIGN_OR_RETURN(count, store::QueryInteger(*db, "SELECT count(*) FROM student_year_raw"));
  }
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_path.string() + suffix, ec);
  results->Add("sqlite", std::string("tool_") + v.key, "sqlite3 .import, " + VariantLabel(v, shape), false,
               run.seconds, run.cpu_seconds, static_cast<double>(count));
  return Status::Ok();
}

Status PsqlToolRun(const Options& options, store::Database& admin, const std::string& url, const fs::path& tmp,
                   const fs::path& file, const std::vector<std::string>& header, const Variant& v,
                   const TableShape& shape, Results* results) {
  PL_RETURN_IF_ERROR(admin.Execute("DROP TABLE IF EXISTS student_year_raw"));
  PL_RETURN_IF_ERROR(admin.Execute(RawTableSql(header, v, shape, true)));
  // \copy reads the file on the client side and streams it with COPY FROM STDIN.
  ChildRun run = RunChild({options.psql_bin, "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c",
                           fmt::format("\\copy student_year_raw FROM {} WITH (FORMAT csv, HEADER true)",
                                       SqlQuote(file.string()))},
                          tmp / "psql.stderr");
  if (!run.error.empty()) return Internal(run.error);
  PL_ASSIGN_OR_RETURN(long long count, store::QueryInteger(admin, "SELECT count(*) FROM student_year_raw"));
  PL_RETURN_IF_ERROR(admin.Execute("DROP TABLE student_year_raw"));
  results->Add("postgresql", std::string("tool_") + v.key, "psql \\copy, " + VariantLabel(v, shape), false,
               run.seconds, run.cpu_seconds, static_cast<double>(count));
  return Status::Ok();
}

// ---------------------------------------------------------------- main

struct TempDir {
  fs::path path;
  bool keep = false;
  ~TempDir() {
    if (path.empty()) return;
    if (keep) {
      fmt::print(stderr, "kept {}\n", path.string());
      return;
    }
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

Result<fs::path> MakeTempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = (base && *base ? std::string(base) : std::string("/tmp")) + "/pl_import_bench.XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data())) return Internal("cannot create a temporary directory " + pattern);
  return fs::path(buf.data());
}

int Run(const Options& options) {
  auto fail = [](const Status& s) {
    fmt::print(stderr, "error: {}\n", s.message());
    return 1;
  };
  const auto load_start = LoadAverage();
  auto tmp_path = MakeTempDir();
  if (!tmp_path.ok()) return fail(tmp_path.status());
  TempDir tmp{*tmp_path, options.keep_temp};
  const fs::path rejects_dir = tmp.path / "rejects";

  // 1. The data, once.
  fs::path data = options.data_dir.empty() ? tmp.path / "data" : fs::path(options.data_dir);
  if (HasData(data)) {
    fmt::print(stderr, "using the files in {}\n", data.string());
  } else if (Status s = GenerateData(options, data, rejects_dir); !s.ok()) {
    return fail(s);
  }
  data = fs::absolute(data);
  const fs::path file = data / "student_years.csv";
  const std::uint64_t lines = CountDataLines(file);
  const auto header = ReadHeader(file);
  const auto file_bytes = fs::file_size(file);
  fmt::print(stderr, "{}: {} rows, {:.1f} MB, {} columns\n", file.string(), lines,
             static_cast<double>(file_bytes) / 1e6, header.size());

  Results results;
  nlohmann::json versions = {{"sqlite_library", sqlite3_libversion()}};

  // 2-3. PostgreSQL server, started once.
  std::unique_ptr<testing::PostgresServer> server;
  std::unique_ptr<store::Database> pg_admin;
  if (options.run_postgres) {
    auto started = testing::PostgresServer::Start();
    if (!started.ok()) return fail(started.status());
    server = std::move(*started);
    auto admin = store::Database::Open(server->url());
    if (!admin.ok()) return fail(admin.status());
    pg_admin = std::move(*admin);
    auto v = store::QueryJson(*pg_admin, "SELECT current_setting('server_version') AS v");
    if (v.ok() && !v->empty()) versions["postgresql_server"] = (*v)[0]["v"];
  }
  if (options.run_tools) {
    if (options.run_sqlite) versions["sqlite3_tool"] = FirstLineOf(ShellQuote(options.sqlite3_bin) + " --version");
    if (options.run_postgres) versions["psql_tool"] = FirstLineOf(ShellQuote(options.psql_bin) + " --version");
  }

  TableShape sqlite_shape, postgres_shape;  // read from each engine's migrated database
  for (int r = 1; r <= options.repeats; ++r) {
    fmt::print(stderr, "repeat {}/{}\n", r, options.repeats);
    if (options.run_sqlite) {
      const fs::path db_path = tmp.path / fmt::format("pathlight-{}.db", r);
      {
        auto db = store::Database::Open("sqlite:" + db_path.string());
        if (!db.ok()) return fail(db.status());
        if (Status s = PrepareSchema(**db, options, rejects_dir); !s.ok()) return fail(s);
        auto shape = ReadShape(**db);
        if (!shape.ok()) return fail(shape.status());
        sqlite_shape = *shape;
        if (Status s = PathlightRuns(**db, "sqlite", data, rejects_dir, &results); !s.ok()) return fail(s);
      }
      std::error_code ec;
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_path.string() + suffix, ec);
      if (options.run_tools) {
        for (const auto& v : kVariants) {
          if (Status s = SqliteToolRun(options, tmp.path, file, header, v, sqlite_shape, r, &results); !s.ok()) return fail(s);
        }
      }
    }
    if (options.run_postgres) {
      const std::string name = fmt::format("bench_{}", r);
      {
        auto url = server->CreateDatabase(name);
        if (!url.ok()) return fail(url.status());
        auto db = store::Database::Open(*url);
        if (!db.ok()) return fail(db.status());
        if (Status s = PrepareSchema(**db, options, rejects_dir); !s.ok()) return fail(s);
        auto shape = ReadShape(**db);
        if (!shape.ok()) return fail(shape.status());
        postgres_shape = *shape;
        if (Status s = PathlightRuns(**db, "postgresql", data, rejects_dir, &results); !s.ok()) return fail(s);
      }
      if (Status s = pg_admin->Execute("DROP DATABASE " + name); !s.ok()) return fail(s);
      if (options.run_tools) {
        for (const auto& v : kVariants) {
          if (Status s = PsqlToolRun(options, *pg_admin, server->url(), tmp.path, file, header, v, postgres_shape,
                                           &results);
              !s.ok()) {
            return fail(s);
          }
        }
      }
    }
  }

  // Every run must have loaded every row, or the rates mean nothing.
  for (const auto& m : results.measures()) {
    for (double rows : m.rows) {
      if (static_cast<std::uint64_t>(rows) != lines) {
        return fail(Internal(fmt::format("{} {}: {} rows loaded, the file has {}", m.engine, m.method, rows, lines)));
      }
    }
  }

  const auto load_end = LoadAverage();
  PrintTable(results);
  fmt::print("\n{} rows of student_years.csv ({:.1f} MB, {} scale, seed 1); {} repeat(s); {} CPUs; load average "
             "{:.2f} before, {:.2f} after.\n",
             Thousands(static_cast<double>(lines)), static_cast<double>(file_bytes) / 1e6, options.scale,
             options.repeats, ::sysconf(_SC_NPROCESSORS_ONLN), load_start.empty() ? 0.0 : load_start[0],
             load_end.empty() ? 0.0 : load_end[0]);

  if (!options.json_path.empty()) {
    nlohmann::json out = {
        {"benchmark", "pl_import_bench"},
        {"kind", "student_years"},
        {"scale", options.scale},
        {"seed", 1},
        {"file", file.string()},
        {"file_bytes", file_bytes},
        {"rows", lines},
        {"repeats", options.repeats},
        {"finished_at", store::NowIso8601()},
        {"machine",
         {{"cpus", ::sysconf(_SC_NPROCESSORS_ONLN)}, {"load_average_start", load_start}, {"load_average_end", load_end}}},
        {"versions", versions},
        {"goals_rows_per_s", {{"sqlite", kSqliteGoal}, {"postgresql", kPostgresGoal}}},
        {"results", ToJson(results)},
    };
    fs::path json_path(options.json_path);
    std::error_code ec;
    if (json_path.has_parent_path()) fs::create_directories(json_path.parent_path(), ec);
    std::ofstream f(json_path);
    f << out.dump(2) << "\n";
    if (!f) return fail(Internal("cannot write " + options.json_path));
    fmt::print(stderr, "wrote {}\n", options.json_path);
  }
  return 0;
}

}  // namespace
}  // namespace pl::bench

int main(int argc, char** argv) {
  auto options = pl::bench::ParseArgs(argc, argv);
  if (!options) return 2;
  return pl::bench::Run(*options);
}
