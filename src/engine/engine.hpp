// The analytics engine: a columnar, in-memory snapshot of the student-year
// facts (student_year joined with student and organization, the county's
// region in the default scheme), a query specification shared by the API,
// the CLI and the benchmarks (src/engine/README.md, "The query specification"),
// and a parallel aggregation over the snapshot.
//
// Start here: Snapshot (Build from the store, Save, Load by mmap),
// ParseQuerySpec + Execute (a QueryResult, exact, before the privacy gate),
// SnapshotHolder (the server's current snapshot, refreshed per data version).
//
// Thread-safety: a Snapshot is immutable once built or loaded and may be
// queried from any number of threads at once. SnapshotHolder::current() never
// blocks; Refresh() calls are serialised among themselves.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/progress.hpp"
#include "core/status.hpp"

namespace pl::store {
class Database;
}

namespace pl::engine {

// ---------------------------------------------------------------------------
// Vocabulary: dimensions, outcomes, numeric measures.

// Dimensions in a fixed order (also the order of columns in the file).
enum class Dim : std::uint8_t {
  kSchoolYear,
  kCounty,
  kRegion,
  kOrganization,
  kGradeLevel,
  kSector,
  kPathway,
  kCteStatus,
  kWblType,
  kRaceEthnicity,
  kGender,
  kSocioeconomicallyDisadvantaged,
  kDisability,
  kEnglishLearner,
  kFosterYouth,
  kHomeless,
  kMigrant,
  kFirstGeneration,
};
inline constexpr int kNumDims = 18;
inline constexpr int kMaxGroupBy = 8;

// The spec's name ("school_year", "race_ethnicity", ...).
std::string_view DimName(Dim dim);
std::optional<Dim> FindDim(std::string_view name);

// 0/1/missing per row.
enum class Outcome : std::uint8_t {
  kConcentrator,    // cte_status concentrator or completer
  kCompleter,       // cte_status completer
  kDualEnrollment,  // de_units_attempted > 0
  kWbl,             // wbl_type present or wbl_hours > 0
  kCredential,      // industry_credential
  kGraduate,        // hs_graduate
  kPostsecondary,   // postsecondary_enrolled
  kEmployed,        // employed
};
inline constexpr int kNumOutcomes = 8;
std::string_view OutcomeName(Outcome outcome);
std::optional<Outcome> FindOutcome(std::string_view name);

// Numeric, missing where the source is NULL.
enum class Measure : std::uint8_t {
  kDeUnits,   // de_units_earned
  kWblHours,  // wbl_hours
  kWage,      // quarterly_wage
};
inline constexpr int kNumMeasures = 3;
std::string_view MeasureName(Measure measure);
std::optional<Measure> FindMeasure(std::string_view name);

// ---------------------------------------------------------------------------
// Snapshot.

// The values of one dimension. Codes 0..values.size()-1 are the values in
// ascending order (numeric for school_year, byte order otherwise), so code
// order is value order; when the column has missing values, code
// values.size() is "missing" (null), which therefore sorts last.
struct Dictionary {
  std::vector<std::string> values;
  bool has_null = false;
  bool numeric = false;  // school_year: values are decimal integers

  std::uint32_t size() const { return static_cast<std::uint32_t>(values.size()) + (has_null ? 1u : 0u); }
  bool IsNull(std::uint32_t code) const { return code >= values.size(); }
  std::uint32_t null_code() const { return static_cast<std::uint32_t>(values.size()); }
  // The code of `value`, or nullopt when absent.
  std::optional<std::uint32_t> Find(std::string_view value) const;
  // JSON form of a code's value: integer (numeric), string, or null.
  nlohmann::json ValueJson(std::uint32_t code) const;
};

// Rows per zone-map block; a multiple of 64 (one outcome word = 64 rows).
inline constexpr std::uint32_t kBlockRows = 16384;

struct BuildOptions {
  // Region scheme whose region_assignment gives each county its region
  // (the server's default grouping; see api::Config::region_scheme).
  std::string region_scheme = "ccc";
};

class Snapshot {
 public:
  // Builds from the store (SQLite or PostgreSQL), streaming the rows.
  // Progress phases: "counting student-years", "reading student-years"
  // (unit rows, exact total), "sorting and encoding".
  static Result<std::shared_ptr<const Snapshot>> Build(store::Database& db, const BuildOptions& options,
                                                       Progress& progress);
  // Maps a file written by Save (read-only, MAP_PRIVATE); columns point into
  // the mapping, nothing is read per row. DataLoss (naming the file and the
  // problem) for a truncated, corrupt or foreign file; NotFound when missing.
  static Result<std::shared_ptr<const Snapshot>> Load(const std::string& path);

  // Writes the versioned file format (README.md) to `path` + ".tmp" and
  // renames it to `path`.
  Status Save(const std::string& path) const;

  ~Snapshot();
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  std::uint64_t rows() const { return rows_; }
  std::uint32_t students() const { return students_; }  // dense ids 0..students()-1
  const std::string& data_version() const { return data_version_; }
  std::uint64_t blocks() const { return (rows_ + kBlockRows - 1) / kBlockRows; }
  // Bytes of column data (the in-memory or mapped size).
  std::uint64_t bytes() const { return bytes_; }
  // Where it came from: "built" or the loaded file's path.
  const std::string& source() const { return source_; }

  const Dictionary& dictionary(Dim dim) const { return dicts_[static_cast<int>(dim)]; }
  // Bytes per code of a dimension column: 1, 2 or 4.
  int code_width(Dim dim) const { return dims_[static_cast<int>(dim)].width; }
  const void* codes(Dim dim) const { return dims_[static_cast<int>(dim)].data; }
  // Bit-packed outcome words (rows/64 rounded up): bit r%64 of word r/64.
  const std::uint64_t* outcome_values(Outcome o) const { return outcome_values_[static_cast<int>(o)]; }
  const std::uint64_t* outcome_known(Outcome o) const { return outcome_known_[static_cast<int>(o)]; }
  // True when no row misses the outcome (n == count, known words all ones).
  bool outcome_never_missing(Outcome o) const { return outcome_never_missing_[static_cast<int>(o)]; }
  // NaN where missing.
  const double* measure(Measure m) const { return measures_[static_cast<int>(m)]; }
  const std::int32_t* student_ids() const { return student_ids_; }
  // Zone map: smallest and largest code of `dim` in block b.
  std::uint32_t zone_min(Dim dim, std::uint64_t block) const { return zones_[static_cast<int>(dim)][2 * block]; }
  std::uint32_t zone_max(Dim dim, std::uint64_t block) const { return zones_[static_cast<int>(dim)][2 * block + 1]; }

  // Row accessors for tests and small tools (not for inner loops).
  std::uint32_t code(Dim dim, std::uint64_t row) const;
  std::optional<bool> outcome(Outcome o, std::uint64_t row) const;
  std::optional<double> measure_value(Measure m, std::uint64_t row) const;

  // {"data_version","rows","students","bytes","blocks","source","dimensions":{name:{"values":n,"has_null":b,"width":w}}}
  nlohmann::json Info() const;

 private:
  friend class SnapshotBuilder;
  friend struct SnapshotAccess;  // snapshot_file.cpp
  Snapshot();

  struct DimColumn {
    const void* data = nullptr;
    int width = 1;
  };
  std::uint64_t rows_ = 0;
  std::uint32_t students_ = 0;
  std::uint64_t bytes_ = 0;
  std::string data_version_;
  std::string source_;
  std::array<Dictionary, kNumDims> dicts_;
  std::array<DimColumn, kNumDims> dims_{};
  std::array<const std::uint64_t*, kNumOutcomes> outcome_values_{};
  std::array<const std::uint64_t*, kNumOutcomes> outcome_known_{};
  std::array<bool, kNumOutcomes> outcome_never_missing_{};
  std::array<const double*, kNumMeasures> measures_{};
  const std::int32_t* student_ids_ = nullptr;
  std::array<const std::uint32_t*, kNumDims> zones_{};
  // Owns the memory the pointers above point into (heap buffers or a mapping).
  std::vector<std::shared_ptr<void>> storage_;
};

// Builds a snapshot from rows given one at a time: the store loader uses it,
// and so do tests and benchmarks with generated rows. Rows may come in any
// order; Finish() sorts them by (school_year, region, county, organization,
// sector) and dictionary-encodes every dimension.
class SnapshotBuilder {
 public:
  struct Row {
    // Dense student id chosen by the caller (0, 1, 2, ...; the same student
    // always the same id): distinct_students counts these.
    std::int32_t student = 0;
    // Text of each dimension value (school_year as decimal digits, 0/1
    // flags as "0"/"1"); nullopt = missing. Indexed by Dim.
    std::array<std::optional<std::string_view>, kNumDims> dims;
    std::array<std::optional<bool>, kNumOutcomes> outcomes;
    std::array<std::optional<double>, kNumMeasures> measures;
  };

  SnapshotBuilder();
  ~SnapshotBuilder();
  void Add(const Row& row);
  std::uint64_t rows() const;
  // InvalidArgument when a school_year value is not an integer or a student
  // id is negative.
  Result<std::shared_ptr<const Snapshot>> Finish(std::string data_version, Progress& progress);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Loads `path` and also checks every column against the checksum in the
// header (reads the whole file; `pathlight snapshot info --verify`).
Status VerifySnapshotFile(const std::string& path);

// The store's data version: the newest import batch, or "empty" (the same
// string as stats::DataVersion).
Result<std::string> StoreDataVersion(store::Database& db);

// ---------------------------------------------------------------------------
// Query specification (README.md), resolved to codes.

enum class Op : std::uint8_t { kCount, kDistinctStudents, kSum, kRate, kMean, kMedian };
std::string_view OpName(Op op);

struct Filter {
  Dim dim = Dim::kSchoolYear;
  // allowed[code] != 0 when rows with that code pass (size: dictionary size).
  std::vector<std::uint8_t> allowed;
  // Smallest and largest allowed code (lo > hi: nothing passes).
  std::uint32_t lo = 1;
  std::uint32_t hi = 0;
};

struct MeasureSpec {
  Op op = Op::kCount;
  std::optional<Outcome> outcome;  // sum, rate
  std::optional<Measure> measure;  // sum, mean, median
};

struct OrderKey {
  std::string column;  // a result column name
  bool desc = false;
};

struct QuerySpec {
  std::vector<Filter> filters;
  std::vector<Dim> group_by;  // at most kMaxGroupBy, no repeats
  std::vector<MeasureSpec> measures;
  std::vector<OrderKey> order_by;
  std::optional<std::uint64_t> limit;
};

// Parses and resolves a spec against a snapshot's dictionaries.
// InvalidArgument naming the JSON path and what was expected, e.g.
// `filters[1].dim: unknown dimension "sectr"; expected one of ...`.
// Values in `in` must exist in the snapshot (the message lists them); ranges
// need not. Values may be given as strings or, for school_year and 0/1
// flags, as integers.
Result<QuerySpec> ParseQuerySpec(const nlohmann::json& spec, const Snapshot& snapshot);
// The same from JSON text (InvalidArgument for malformed JSON).
Result<QuerySpec> ParseQuerySpecText(std::string_view text, const Snapshot& snapshot);

// ---------------------------------------------------------------------------
// Result.

enum class ColumnKind : std::uint8_t { kDimension, kCount, kSum, kRate, kMean, kMedian };
// "dimension", "count", "sum", "rate", "mean", "median" (the contract's types).
std::string_view ColumnKindName(ColumnKind kind);

struct ResultColumn {
  std::string name;  // "region", "count", "completer_rate", "wage_n", ...
  ColumnKind kind = ColumnKind::kCount;
  // Values live in `ints` (counts: count, distinct_students, o_sum, o_n, m_n)
  // or in `doubles` (rates, means, medians, measure sums; NaN = null).
  bool integer = true;
  std::optional<Dim> dim;  // dimension columns
  std::optional<Outcome> outcome;
  std::optional<Measure> measure;
  std::vector<std::int64_t> ints;
  std::vector<double> doubles;
};

class QueryResult {
 public:
  std::string data_version;
  std::vector<Dim> group_by;
  // One per group_by dimension: the values its codes decode to.
  std::vector<Dictionary> dictionaries;
  // Group-by columns first (no values stored: see code()), then measures.
  std::vector<ResultColumn> columns;
  // Group codes, row-major: codes[row * group_by.size() + g].
  std::vector<std::uint32_t> codes;
  std::uint64_t row_count = 0;

  // Execution statistics (not part of the contract's output).
  struct Stats {
    std::uint64_t rows_scanned = 0;   // rows in blocks that were read
    std::uint64_t rows_selected = 0;  // rows that passed the filters
    std::uint64_t blocks_skipped = 0;
    int threads = 0;
    bool dense_groups = false;
    double ms = 0;
  } stats;

  std::uint64_t rows() const { return row_count; }
  std::uint32_t code(std::uint64_t row, std::size_t g) const { return codes[row * group_by.size() + g]; }
  bool IsNullValue(std::uint64_t row, std::size_t g) const { return dictionaries[g].IsNull(code(row, g)); }
  // The decoded value of group-by column g (integer, string or null).
  nlohmann::json DimValue(std::uint64_t row, std::size_t g) const;
  // Index of the column named `name`, or nullopt.
  std::optional<std::size_t> FindColumn(std::string_view name) const;
  // A cell as JSON: dimension value, integer, double, or null (NaN).
  nlohmann::json Cell(std::uint64_t row, std::size_t column) const;

  // {"data_version","group_by":[...],"columns":[{"name","type"}],"rows":[[...],...]}
  nlohmann::json ToJson() const;
  // The same JSON text as ToJson().dump(), written directly (no JSON tree:
  // several times faster for large results).
  void WriteJson(std::ostream& out) const;
  std::string ToJsonText() const;
  // Header of column names, one line per row, NA for null; doubles in
  // shortest round-trip form.
  void WriteCsv(std::ostream& out) const;
  std::string ToCsv() const;
};

struct ExecOptions {
  int threads = 0;  // 0: one per hardware thread
  // Memory budget for per-thread group tables and distinct-student bitmaps;
  // above it the engine uses hash tables / a sort-based distinct count.
  std::uint64_t memory_budget_bytes = 512ull << 20;
  // Pattern counting (README.md) where it applies; off for comparisons.
  bool allow_patterns = true;
};

// Runs a resolved spec. Groups with at least one row appear, sorted by the
// group values (null last) unless order_by is given; then limit.
// ResourceExhausted when the result would exceed the engine's limits.
Result<QueryResult> Execute(const Snapshot& snapshot, const QuerySpec& spec, const ExecOptions& options = {});

// ParseQuerySpec + Execute in one call (the API's and the CLI's path).
Result<QueryResult> RunQuery(const Snapshot& snapshot, const nlohmann::json& spec, const ExecOptions& options = {});

// ---------------------------------------------------------------------------
// The server's current snapshot.

class SnapshotHolder {
 public:
  // The current snapshot (null before the first Set/Refresh). Never blocks.
  std::shared_ptr<const Snapshot> current() const { return current_.load(std::memory_order_acquire); }
  void Set(std::shared_ptr<const Snapshot> snapshot) { current_.store(std::move(snapshot), std::memory_order_release); }

  struct RefreshReport {
    bool changed = false;  // a new snapshot was installed
    bool built = false;    // it was built from the store (not loaded from dir)
    std::string data_version;
    std::string path;  // dir/<version>.plsnap
  };
  // When the store's data version differs from the current snapshot's: loads
  // dir/<version>.plsnap if present (and valid), else builds, saves and loads
  // it; then installs it and removes older *.plsnap files in dir.
  Result<RefreshReport> Refresh(store::Database& db, const std::string& dir, Progress& progress,
                                const BuildOptions& options = {});

  // File name for a data version (characters outside [A-Za-z0-9._-] become '_').
  static std::string FileName(const std::string& data_version);

 private:
  std::atomic<std::shared_ptr<const Snapshot>> current_;
  std::mutex refresh_mu_;
};

}  // namespace pl::engine
