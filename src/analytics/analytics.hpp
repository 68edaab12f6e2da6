// Analyses over the engine's snapshot, published through the privacy gate:
// the query table behind POST /api/v1/query, the equity report behind
// GET /api/v1/equity, and di_iterate over the snapshot for the CLI
// (`pathlight equity iterate --db`). It joins three modules that know nothing
// of each other: engine (aggregation), equity (the DisImpact methods) and
// privacy (suppression).
//
// Start here: Service (the server's snapshot and labels per data version),
// then PublishQuery and EquityReport.
//
// The gate (gate.hpp): every count a viewer may not see exactly goes through
// privacy::Suppress, a one-way table (groups and their total) or two-way
// tables (the last two group-by dimensions within each slice of the others),
// so a withheld cell cannot be recovered from the totals a second query would
// show. Rates, means and medians are withheld with their counts.
//
// Thread-safety: the functions are pure over an immutable snapshot; Service
// is thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.hpp"
#include "engine/engine.hpp"
#include "equity/equity.hpp"
#include "jobs/jobs.hpp"
#include "privacy/access.hpp"
#include "privacy/privacy.hpp"
#include "store/pool.hpp"

namespace pl::analytics {

// What the viewer may see exactly. A cell is exact when every row it
// aggregates lies within it.
using Viewer = privacy::ExactScope;

// Readable names of dimension values, and the geography the gate needs
// (county of each organization, counties of each region). Loaded from the
// store for one data version and region scheme.
class Labels {
 public:
  static Result<std::shared_ptr<const Labels>> Load(store::Database& db, const std::string& region_scheme);
  // For tests: no database.
  Labels() = default;

  // "Bay Area" for (kRegion, "BA"), "2023-24" for (kSchoolYear, "2024"),
  // "Not reported" for a null value; the code itself when unknown.
  std::string Label(engine::Dim dim, const nlohmann::json& value) const;
  // County FIPS of an organization ("" when it has none or is unknown).
  std::string CountyOf(const std::string& org_id) const;
  // Counties of a region of the scheme (empty when unknown).
  const std::set<std::string>& CountiesOf(const std::string& region_code) const;
  // Adds names (tests, and Load).
  void Add(engine::Dim dim, std::string code, std::string label);
  void AddOrganization(std::string org_id, std::string county_fips);
  void AddRegionCounty(std::string region_code, std::string county_fips);

 private:
  std::map<std::pair<engine::Dim, std::string>, std::string> names_;
  std::map<std::string, std::string> org_county_;
  std::map<std::string, std::set<std::string>> region_counties_;
};

// The readable label of an outcome ("CTE completer") and of a group
// dimension ("Race/ethnicity").
std::string OutcomeLabel(engine::Outcome outcome);
std::string DimLabel(engine::Dim dim);

// POST /api/v1/query: runs `spec` (src/engine/README.md) and publishes the
// table ({"data_version", "min_n", "group_by", "columns", "rows",
// "suppression"}, docs/openapi.yaml) as JSON text, written directly (the
// text nlohmann::json would write for it). InvalidArgument for a bad spec,
// or a result of more than kMaxPublishedRows groups (a limit, filters or
// fewer dimensions bring it under).
inline constexpr std::uint64_t kMaxPublishedRows = 100000;
Result<std::string> PublishQuery(const engine::Snapshot& snapshot, const Labels& labels, const nlohmann::json& spec,
                                 const Viewer& viewer, const privacy::SuppressionPolicy& policy,
                                 std::uint64_t max_rows = kMaxPublishedRows);

// The same table in the columnar layout (POST /api/v1/query/columns),
// as JSON text written directly: each dimension's dictionary once and one
// code per row, each value column as one array (null where withheld), and
// the reason of each row as an index into "reasons". A dashboard's cube of
// tens of thousands of groups is about a tenth of the row layout's size.
Result<std::string> PublishQueryColumns(const engine::Snapshot& snapshot, const Labels& labels,
                                        const nlohmann::json& spec, const Viewer& viewer,
                                        const privacy::SuppressionPolicy& policy,
                                        std::uint64_t max_rows = kMaxPublishedRows);

// GET /api/v1/equity, parsed.
struct EquityRequest {
  engine::Outcome outcome = engine::Outcome::kCompleter;
  std::vector<engine::Dim> group;  // one dimension, or two for an intersection
  bool by_cohort = true;           // cohort = school year
  std::optional<int> from;         // ending years, inclusive
  std::optional<int> to;
  std::string region, county, organization, sector, pathway;
  enum class Method { kPpg, kPropIndex, kIndex80 } method = Method::kPpg;
  std::string reference;  // "" = the method's default
  double min_moe = 0.03;
  bool use_prop_in_moe = false;
  double cutoff = 0.8;
  std::optional<double> min_n;          // minimum n for a flag; default the policy's
  std::optional<engine::Dim> places;    // kRegion or kCounty
};

// From the query parameters (name -> value). InvalidArgument names the
// parameter and the accepted values.
Result<EquityRequest> ParseEquityRequest(const std::map<std::string, std::string>& params);

// The report (docs/openapi.yaml, EquityResult): for each cohort, every group's rate,
// reference, margin of error, flag and the successes needed to close the gap,
// each through the gate; `places` when asked.
Result<nlohmann::json> EquityReport(const engine::Snapshot& snapshot, const Labels& labels,
                                    const EquityRequest& request, const Viewer& viewer,
                                    const privacy::SuppressionPolicy& policy);

// di_iterate over the snapshot: the population is selected by the filters of
// `population` (a query spec; group_by and measures must be absent), the
// outcomes, group variables (intersections "a*b" allowed), cohort and
// scenario variables are names of the engine's vocabulary. Exact: for
// operators and analysts with access to the whole store (the CLI).
struct IterateRequest {
  nlohmann::json population = nlohmann::json::object();
  std::vector<std::string> success_vars;
  std::vector<std::string> group_vars;
  std::string cohort_var;  // "" = none
  std::vector<std::string> scenario_vars;
  int threads = 0;
};
// The frame equity::Iterate runs on: one row per group combination, the
// dimensions as categorical columns (school years as labels "2023-24"), and
// for each outcome its success count and its weight column "<outcome>__n".
// Also sets options.success_vars and options.outcome_weight_vars.
Result<equity::Frame> IterateFrame(const engine::Snapshot& snapshot, const IterateRequest& request,
                                   equity::IterateOptions* options);

// The server's analytics state: the current snapshot (built in a background
// job when the store's data version moves) and its labels.
class Service {
 public:
  struct Config {
    std::string snapshot_dir = "var/snapshots";
    std::string region_scheme = "ccc";
    int threads = 0;  // query threads; 0 = one per core
    // How often a watcher thread looks at the store's data version and
    // starts the refresh after an import; 0 = no watcher (refresh on the
    // next request only).
    std::chrono::milliseconds watch_every{0};
  };
  Service(store::DatabasePool& pool, jobs::JobRegistry& jobs, Config config);
  ~Service();  // stops the watcher
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  struct Current {
    std::shared_ptr<const engine::Snapshot> snapshot;
    std::shared_ptr<const Labels> labels;
  };
  // The snapshot for the store's data version. When it is out of date a
  // refresh job starts (once) and the older snapshot answers meanwhile; with
  // none yet (or only an empty one), Unavailable whose details name the job.
  Result<Current> Acquire(store::Database& db);
  // Starts the refresh job when the snapshot is missing or out of date.
  // `job_id`: the job started or running, "" when up to date. After a build
  // of the current data version failed, that job (`failed`; its message says
  // why) until a wait has passed: 2 s, doubling with each failure of the same
  // version up to 5 minutes, so a build that cannot succeed (a full disk, an
  // unwritable folder) is not retried in a loop by the watcher and every
  // request. A new data version is tried at once.
  struct Refresh {
    std::string job_id;
    bool failed = false;
  };
  Result<Refresh> StartRefresh(store::Database& db);
  int threads() const { return config_.threads; }

 private:
  Refresh RefreshFor(const std::string& version);
  Result<std::shared_ptr<const Labels>> LabelsFor(store::Database& db, const std::string& version);

  // Shared with the refresh job, which may outlive a request.
  struct State {
    engine::SnapshotHolder holder;
    std::mutex mu;
    std::string refresh_job;  // id of the running refresh, "" when none
    // The last failed build: its data version and job, how many times in a
    // row that version failed, and when it may be tried again.
    std::string failed_version;
    std::string failed_job;
    int failures = 0;
    std::chrono::steady_clock::time_point retry_at;
    std::string labels_version;
    std::shared_ptr<const Labels> labels;
  };
  store::DatabasePool& pool_;
  jobs::JobRegistry& jobs_;
  Config config_;
  std::shared_ptr<State> state_ = std::make_shared<State>();
  std::mutex watch_mu_;
  std::condition_variable watch_cv_;
  bool stopping_ = false;
  std::thread watcher_;
};

}  // namespace pl::analytics
