// The `pathlight` subcommands. Each returns the process exit status:
// 0 done, 1 internal error, 2 refused input (bad file, bad option value).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace pl::equity {
class Frame;
}
namespace pl::engine {
class Snapshot;
}

namespace pl::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;
inline constexpr int kExitRefused = 2;

struct DatabaseOptions {
  std::string db_url;    // --db, $PATHLIGHT_DB, default sqlite:var/pathlight.db
  std::string data_dir;  // --data-dir, $PATHLIGHT_DATA_DIR, default data
};

struct ImportArgs {
  DatabaseOptions db;
  std::string kind;
  std::string file;
  std::string rejects;
  bool json = false;
};
int RunImport(const ImportArgs& args);

struct GenerateArgs {
  DatabaseOptions db;  // only data_dir is used
  std::string scale = "small";
  std::uint64_t seed = 1;
  std::string out;
};
int RunGenerate(const GenerateArgs& args);

struct DemoArgs {
  DatabaseOptions db;
  std::string scale = "medium";
  std::uint64_t seed = 2026;
  bool force = false;
};
int RunDemo(const DemoArgs& args);

struct ServeArgs {
  DatabaseOptions db;
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 0;
  std::string static_dir;
  int min_n = 11;
  int max_upload_mb = 1024;
  int answer_cache_mb = 256;  // analytics answers kept per data version, question and view
  bool tls_proxy = false;  // behind an HTTPS reverse proxy: Secure cookies, HSTS
  int session_idle_minutes = 30;
  int session_hours = 12;
  std::string demo_scale;  // --demo: load the demo data set in the background when empty
  std::uint64_t demo_seed = 2026;
  // Analytics snapshot files; "" = next to a SQLite database file
  // ("var/pathlight.db.snapshots"), var/snapshots/<database> for PostgreSQL.
  std::string snapshot_dir;
};
int RunServe(const ServeArgs& args);

// `pathlight user ACTION`: add, list, disable, enable, reset.
struct UserArgs {
  DatabaseOptions db;
  std::string action;
  std::string email;
  std::string role;
  std::vector<std::string> scopes;
  std::string name;
  bool password_stdin = false;  // add: read the password from stdin instead of generating one
  bool json = false;            // list: one JSON array
};
int RunUser(const UserArgs& args);

// `pathlight snapshot build|info` (the engine's snapshot file).
struct SnapshotArgs {
  DatabaseOptions db;
  std::string file;                  // build: --out; info: the file
  std::string region_scheme = "ccc";  // build: --region-scheme
  bool verify = false;               // info: --verify (checks every column's checksum)
};
int RunSnapshotBuild(const SnapshotArgs& args);
int RunSnapshotInfo(const SnapshotArgs& args);

// `pathlight query (--snapshot FILE | --db URL) --spec SPEC.json`.
struct QueryArgs {
  DatabaseOptions db;
  bool db_given = false;
  std::string snapshot;
  std::string spec;
  std::string format = "json";
  int threads = 0;
  int repeat = 0;  // > 0: one warm-up, then this many timed runs
  std::string timings_json;
};
int RunQuery(const QueryArgs& args);
// The snapshot in `file` (mapped), or built in memory from `db` when `file`
// is empty (progress on the terminal).
Result<std::shared_ptr<const engine::Snapshot>> OpenSnapshot(const std::string& file, const DatabaseOptions& db);
// This process's peak resident set size (VmHWM) in kB, 0 when unknown.
long long PeakRssKb();

int RunMigrate(const DatabaseOptions& db);

// `pathlight equity ppg|prop-index|80-index|iterate` (equity_command.cpp).
struct EquityArgs {
  std::string method;  // "ppg", "prop-index", "80-index" or "iterate"
  std::string input;   // CSV file, "-" for stdin
  std::string out;     // CSV file, "-" for stdout
  std::vector<std::string> success;
  std::vector<std::string> group;  // a spec "a*b" is the intersection of a and b
  std::vector<std::string> cohort;  // one, or (iterate) one per success variable
  std::string weight;
  std::vector<std::string> scenario_by;     // iterate
  std::string reference;                    // ppg, 80-index; empty = the method's default
  std::vector<std::string> ppg_reference;   // iterate
  std::vector<std::string> reference_80;    // iterate
  double min_moe = 0.03;
  bool use_prop_in_moe = false;
  double prop_sub_0 = 0.5;
  double prop_sub_1 = 0.5;
  std::optional<double> cutoff;             // prop-index, 80-index (iterate: both unless set below)
  std::optional<double> prop_index_cutoff;  // iterate
  std::optional<double> cutoff_80;          // iterate
  bool no_non_disagg = false;
  double min_n = 11;  // 0 = exactly DisImpact
  // iterate on the store instead of a CSV file: --query SPEC.json selects
  // the population (its filters) from --snapshot FILE or --db URL.
  std::string query;
  std::string snapshot;
  bool db_given = false;
  DatabaseOptions db;
  int repeat = 0;             // > 0: one warm-up, then this many timed runs
  std::string timings_json;   // load and run times, peak RSS
  int threads = 0;
  // Set by the store path: the weight column of each success variable.
  std::vector<std::string> outcome_weights;
};
int RunEquity(const EquityArgs& args);
// `equity iterate --query SPEC.json (--snapshot FILE | --db URL)`.
int RunEquityOnStore(const EquityArgs& args);
// The same on a frame from any source (the CSV reader, a database query):
// runs the method and writes args.out. `source` names the input in messages.
int RunEquityOnFrame(const EquityArgs& args, const equity::Frame& frame, std::string_view source);
int RunDataDictionary();

// `pathlight labor gap` (labor_command.cpp): the gap table of src/labor.
// `params` holds the API's query parameters by name (region, county, sector,
// pathway, program, soc, split, education, demand, household, limit, sort),
// only those given on the command line.
struct LaborGapArgs {
  DatabaseOptions db;
  std::map<std::string, std::string> params;
  std::string format = "table";  // table | csv | json
  std::string out;               // file; "" or "-" for stdout
  std::string region_scheme = "ccc";
};
int RunLaborGap(const LaborGapArgs& args);

}  // namespace pl::cli
