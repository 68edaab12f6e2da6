// Disproportionate-impact (equity-gap) methods, compatible with the R package
// DisImpact (di_ppg, di_prop_index, di_80_index, di_iterate).
//
// Two levels:
//   - The single methods Ppg, PropIndex and Index80 take AGGREGATED input:
//     one GroupTotal per cohort and group (n = sum of weights, success = sum
//     of successes). Aggregate() builds it from a Frame.
//   - Iterate takes a columnar Frame and runs all three methods for every
//     outcome x group variable x cohort x scenario, as di_iterate does.
//
// Numbers are computed in DisImpact's order of operations with IEEE doubles
// (sums accumulate in long double, as R's sum() does), so results equal
// DisImpact's bit for bit in practice, including the ceiling() columns.
// Missing values: a missing group or cohort is std::nullopt and sorts after
// every value. A missing number is NA (see NA() below), distinct from NaN
// (0/0), as in R.
//
// Product additions beyond DisImpact: `min_n` (a group with n < min_n gets
// flag 0 and needs 0; 0 = off = exactly DisImpact), intersectional group
// specs ("race_ethnicity*gender", see IntersectionName), per-outcome weight
// columns for pre-aggregated data (IterateOptions::outcome_weight_vars).
//
// Ordering of values (groups, cohorts, scenarios) is by bytes (the C
// locale), missing last: what DisImpact gives under LC_COLLATE=C and what
// dplyr >= 1.1 does by default.
//
// Thread-safety: every function is pure (no shared state); a Frame is
// immutable once built and may be read from many threads.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace pl::equity {

// ---------------------------------------------------------------- missing --

// R's NA_real_: a quiet NaN with payload 1954. NaN (0/0) is any other NaN.
double NA();
bool IsNA(double x);  // true only for NA, not for NaN

using OptString = std::optional<std::string>;

// ------------------------------------------------------------------ frame --

// A categorical column: values dictionary-encoded against `levels`, which
// are distinct and sorted by bytes. codes[row] indexes levels, or is
// kMissing. Sorting rows by code sorts them by value, missing last.
struct CategoricalColumn {
  static constexpr std::uint32_t kMissing = std::numeric_limits<std::uint32_t>::max();
  std::string name;
  std::vector<std::string> levels;
  std::vector<std::uint32_t> codes;
  // The value of `row`, std::nullopt when missing.
  OptString Value(std::size_t row) const;
};

// A numeric column; std::nullopt = missing.
struct NumericColumn {
  std::string name;
  std::vector<std::optional<double>> values;
};

// An immutable-once-built table of named columns, all of the same length.
// A name may be held by one categorical and one numeric column (a 0/1
// variable used both as a group and as an outcome). Build it in memory with the Add*
// functions, or from text records with FrameBuilder.
class Frame {
 public:
  // Adds a column. Errors: AlreadyExists (name taken by a column of the same
  // kind), InvalidArgument (a
  // length different from the columns already added, an empty name).
  Status AddCategorical(std::string name, const std::vector<OptString>& values);
  Status AddNumeric(std::string name, std::vector<std::optional<double>> values);
  // Optional: the input line of each row (1-based, e.g. CSV lines), used in
  // error messages ("line 12"); without it messages say "row 3" (1-based).
  Status SetSourceLines(std::vector<std::uint64_t> lines);

  std::size_t rows() const { return rows_; }
  // nullptr when there is no such column of that kind.
  const CategoricalColumn* categorical(std::string_view name) const;
  const NumericColumn* numeric(std::string_view name) const;
  bool Has(std::string_view name) const;
  std::vector<std::string> names() const;  // in the order added
  // "line 12" or "row 3" for the 0-based row index.
  std::string Where(std::size_t row) const;

  // Adds the intersection of categorical columns `parts` as a new
  // categorical column named IntersectionName(parts): each value is the
  // parts' values joined by kIntersectionSeparator; missing when any part
  // is missing. Does nothing when the column exists already. Errors:
  // NotFound (a part is not a categorical column), InvalidArgument (fewer
  // than 2 parts).
  Status AddIntersection(const std::vector<std::string>& parts);

 private:
  std::size_t rows_ = 0;
  bool sized_ = false;
  std::vector<std::string> order_;
  std::map<std::string, CategoricalColumn, std::less<>> categorical_;
  std::map<std::string, NumericColumn, std::less<>> numeric_;
  std::vector<std::uint64_t> lines_;
};

// Group specs: "race_ethnicity*gender" names the intersection of the two
// variables; its values are e.g. "Hispanic or Latino / Female".
inline constexpr std::string_view kIntersectionOperator = "*";
inline constexpr std::string_view kIntersectionSeparator = " / ";
// "a*b" -> {"a", "b"}; "a" -> {"a"}.
std::vector<std::string> SplitGroupSpec(std::string_view spec);
// {"a", "b"} -> "a*b".
std::string IntersectionName(const std::vector<std::string>& parts);

// Which columns of a text table to keep, and how to read them.
struct ColumnRoles {
  std::vector<std::string> categorical;  // groups, cohorts, scenario variables
  std::vector<std::string> numeric;      // successes, weights
};

// Builds a Frame from text records (a header and rows of fields), e.g. the
// records of a CSV reader. An empty field or "NA" is missing. A numeric
// field is a decimal number ("1", "0.25", "-3e2", "Inf"; "NaN" is refused).
// Columns not named in the roles are skipped. A column may be named in both
// roles (e.g. a 0/1 variable used as a group and as an outcome).
class FrameBuilder {
 public:
  // Errors: InvalidArgument naming a column of `roles` absent from the
  // header ("unknown column: transfr (columns: ...)"), or a duplicated
  // header name that roles refer to.
  static Result<FrameBuilder> Create(const std::vector<std::string>& header, const ColumnRoles& roles);

  // Adds one record read from input line `line`. Errors: InvalidArgument
  // "line 7, column weight: expected a number, got 'abc'", or a wrong field
  // count ("line 7: expected 5 fields, got 4").
  Status AddRecord(std::uint64_t line, const std::vector<std::string>& fields);

  // The frame (intersection columns are added separately by the caller).
  Result<Frame> Finish() &&;

 private:
  FrameBuilder() = default;
  struct Slot {
    std::string name;
    std::size_t field;
    bool numeric;
  };
  std::size_t header_fields_ = 0;
  std::vector<Slot> slots_;
  std::vector<std::vector<OptString>> text_;                  // per categorical slot
  std::vector<std::vector<std::optional<double>>> numbers_;   // per numeric slot
  std::vector<std::uint64_t> lines_;
};

// Parses a decimal number as FrameBuilder does (whole string, no blanks).
std::optional<double> ParseNumber(std::string_view text);

// ---------------------------------------------------------- single methods --

// One cohort x group cell of aggregated input. Without cohorts, use one
// cohort value for all cells (DisImpact's single pooled cohort; writers omit
// the cohort column). Several cells with the same (cohort, group) are summed.
struct GroupTotal {
  OptString cohort;
  OptString group;
  double n = 0;        // sum of weights (count of students without weights)
  double success = 0;  // sum of successes
};

// What the method input is made of, for Aggregate() and validation.
struct InputSpec {
  std::string success;  // numeric column
  std::string group;    // categorical column (or an intersection spec "a*b")
  std::string cohort;   // categorical column; empty = one pooled cohort ("")
  std::string weight;   // numeric column; empty = weight 1 per row
};

// Sums a frame into cells, in row order with long double accumulation (as
// R's sum()), cells sorted by cohort then group, missing last. Refuses
// (InvalidArgument, naming the line and column): an unknown column, a
// missing success or weight, success < 0, success not 0/1 without weight,
// a negative weight. The group may be an intersection spec; its parts must
// exist (the frame is not modified: the intersection is computed on the fly).
Result<std::vector<GroupTotal>> Aggregate(const Frame& frame, const InputSpec& spec);

// The reference a group is compared with.
struct Reference {
  enum class Kind { kOverall, kHpg, kAllButCurrent, kGroup, kNumbers };
  Kind kind = Kind::kOverall;
  std::string group;            // kGroup: a group value (never matches a missing group)
  std::vector<double> numbers;  // kNumbers: one per distinct cohort, cohorts sorted, missing last

  static Reference Overall() { return {Kind::kOverall, {}, {}}; }
  static Reference Hpg() { return {Kind::kHpg, {}, {}}; }
  static Reference AllButCurrent() { return {Kind::kAllButCurrent, {}, {}}; }
  static Reference Group(std::string g) { return {Kind::kGroup, std::move(g), {}}; }
  static Reference Numbers(std::vector<double> v) { return {Kind::kNumbers, {}, std::move(v)}; }
  // "overall", "hpg", "all but current" or the group value itself; for
  // numbers "numeric" (DisImpact's reference_group for a numeric reference).
  std::string Label() const;
};

// Parses "overall" | "hpg" | "all but current" as keywords; anything else is
// a group name. std::nullopt for an empty string.
std::optional<Reference> ReferenceFromName(std::string_view name);

struct PpgOptions {
  Reference reference = Reference::Overall();
  double min_moe = 0.03;
  bool use_prop_in_moe = false;
  double prop_sub_0 = 0.5;
  double prop_sub_1 = 0.5;
  double min_n = 0;  // groups with n < min_n: flag 0, needs 0 (0 = off)
  // Refuse a kGroup reference that is no group of the input (DisImpact's
  // match.arg); di_iterate turns this off per scenario.
  bool check_valid_reference = true;
};

struct PpgRow {
  OptString cohort;
  OptString group;
  double n = 0;
  double success = 0;
  double pct = 0;
  double reference = 0;     // NA when a named reference group is absent from the cohort
  OptString reference_group;  // the hpg's group (first in order among ties), or Reference::Label()
  double moe = 0;
  double pct_lo = 0;
  double pct_hi = 0;
  int di_indicator = 0;
  double success_needed_not_di = 0;
  double success_needed_full_parity = 0;
};

struct PropIndexOptions {
  double di_prop_index_cutoff = 0.8;  // in [0, 1]
  double min_n = 0;
};

struct PropIndexRow {
  OptString cohort;
  OptString group;
  double n = 0;
  double success = 0;
  double pct_success = 0;  // success / cohort's successes
  double pct_group = 0;    // n / cohort's n
  double di_prop_index = 0;
  int di_indicator = 0;
  double success_needed_not_di = 0;
  double success_needed_full_parity = 0;
};

struct Index80Options {
  // kHpg (default), kOverall, kAllButCurrent or kGroup (kNumbers is refused).
  Reference reference = Reference::Hpg();
  double di_80_index_cutoff = 0.8;  // in [0, 1]
  double min_n = 0;
  bool check_valid_reference = true;
};

struct Index80Row {
  OptString cohort;
  OptString group;
  double n = 0;
  double success = 0;
  double pct = 0;
  double reference = 0;
  OptString reference_group;
  double di_80_index = 0;
  int di_indicator = 0;
  double success_needed_not_di = 0;
  double success_needed_full_parity = 0;
};

// The methods. Input cells in any order; output one row per (cohort, group),
// sorted by cohort then group, missing last. Errors (InvalidArgument): a
// negative or NaN n or success, a cutoff outside [0, 1], a kGroup reference
// absent from the input (with check_valid_reference), a kNumbers reference
// whose length differs from the number of distinct cohorts, kNumbers for
// Index80.
Result<std::vector<PpgRow>> Ppg(std::span<const GroupTotal> input, const PpgOptions& options);
Result<std::vector<PropIndexRow>> PropIndex(std::span<const GroupTotal> input, const PropIndexOptions& options);
Result<std::vector<Index80Row>> Index80(std::span<const GroupTotal> input, const Index80Options& options);

// DisImpact's margin of error: max(1.96 * sqrt(p (1 - p) / n), min_moe) with
// p = 0.5 unless `proportion` is given (0 -> prop_sub_0, 1 -> prop_sub_1).
double PpgMoe(double n, std::optional<double> proportion, double min_moe = 0.03, double prop_sub_0 = 0.5,
              double prop_sub_1 = 0.5);

// ----------------------------------------------------------------- iterate --

struct IterateOptions {
  std::vector<std::string> success_vars;  // numeric columns (0/1, or counts with a weight)
  // Categorical columns or intersection specs ("race_ethnicity*gender").
  std::vector<std::string> group_vars;
  // Empty (one cohort, reported as ""), one for all outcomes, or one per
  // success variable (paired in order).
  std::vector<std::string> cohort_vars;
  std::vector<std::string> scenario_repeat_by_vars;  // categorical columns
  // Scenario combinations to skip: each maps some scenario variables to a
  // value ("- All" allowed, std::nullopt = missing); a combination matching
  // every entry of one map is excluded.
  std::vector<std::map<std::string, OptString>> exclude_scenarios;
  // Numeric weight column for every outcome; empty = weight 1 per row. Must
  // be non-missing and > 0 (as di_iterate requires).
  std::string weight_var;
  // Pre-aggregated data: empty, or one entry per success variable naming its
  // own weight column ("" = weight_var). E.g. for outcome o the success
  // column holds counts and "o__n" the count of rows where o is known. Such
  // a weight must be non-missing and >= 0; rows whose weight is 0 are
  // dropped for that outcome (like a missing outcome).
  std::vector<std::string> outcome_weight_vars;
  bool include_non_disagg_results = true;
  // One for all group variables or one per group variable: "overall",
  // "hpg", "all but current" or a group value.
  std::vector<std::string> ppg_reference_groups = {"overall"};
  // "hpg", "overall", "all but current" or a group value; "" means hpg.
  std::vector<std::string> di_80_index_reference_groups = {"hpg"};
  double min_moe = 0.03;
  bool use_prop_in_moe = false;
  double prop_sub_0 = 0.5;
  double prop_sub_1 = 0.5;
  double di_prop_index_cutoff = 0.8;
  double di_80_index_cutoff = 0.8;
  double min_n = 0;
  bool check_valid_reference = true;
};

inline constexpr std::string_view kAll = "- All";    // scenario "no filter"; the group of "- None"
inline constexpr std::string_view kNone = "- None";  // the undisaggregated disaggregation

struct IterateRow {
  std::vector<OptString> scenario;  // one per scenario variable: a value or "- All"
  std::string success_variable;
  std::string cohort_variable;  // "" without cohorts
  OptString cohort;             // "" without cohorts
  std::string disaggregation;   // the group variable (spec), or "- None"
  OptString group;              // "- All" for "- None"
  double n = 0;
  double success = 0;
  double pct = 0;
  double ppg_reference = 0;
  OptString ppg_reference_group;
  double moe = 0;
  double pct_lo = 0;
  double pct_hi = 0;
  int di_indicator_ppg = 0;
  double success_needed_not_di_ppg = 0;
  double success_needed_full_parity_ppg = 0;
  double di_prop_index = 0;
  int di_indicator_prop_index = 0;
  double success_needed_not_di_prop_index = 0;
  double success_needed_full_parity_prop_index = 0;
  OptString di_80_index_reference_group;
  double di_80_index = 0;
  int di_indicator_80_index = 0;
  double success_needed_not_di_80_index = 0;
  double success_needed_full_parity_80_index = 0;
  // Not in DisImpact's output: the 80% index's reference rate (for charts).
  double di_80_index_reference = 0;
};

struct IterateResult {
  std::vector<std::string> scenario_vars;  // names of IterateRow::scenario entries
  // Sorted by scenario values, success_variable, cohort_variable, cohort,
  // disaggregation, group (bytes, missing last), as di_iterate sorts.
  std::vector<IterateRow> rows;
};

// di_iterate. Errors (InvalidArgument; messages name the column, the value
// and the line/row): unknown columns, a reference list whose length is
// neither 1 nor the number of group variables, a named reference that is no
// value of its group variable (with check_valid_reference), a cohort list
// of the wrong length, a missing/non-positive weight, a negative success, a
// success other than 0/1 without weights, a scenario variable named twice.
Result<IterateResult> Iterate(const Frame& frame, const IterateOptions& options);

// ----------------------------------------------------------------- output --

// A text table: DisImpact's column names and cells already formatted;
// std::nullopt is a missing cell (written NA).
struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<OptString>> rows;
};

// Formats a double for output: NA -> "NA", NaN -> "NaN", +-Inf -> "Inf"/
// "-Inf", otherwise the shortest text that reads back as the same double
// (at most 17 significant digits).
std::string FormatNumber(double x);

// Column layouts, DisImpact's order. `with_cohort` adds the leading "cohort"
// column.
Table PpgTable(std::span<const PpgRow> rows, bool with_cohort);
Table PropIndexTable(std::span<const PropIndexRow> rows, bool with_cohort);
Table Index80Table(std::span<const Index80Row> rows, bool with_cohort);
Table IterateTable(const IterateResult& result);
// Prepends columns with constant values to every row (e.g. success_var,
// group_var when stacking single-method results).
void PrependColumns(const std::vector<std::string>& names, const std::vector<std::string>& values, Table* table);
// Appends the rows of `more` to `table` (adopting its columns when `table`
// has none); InvalidArgument if the columns differ.
Status AppendTable(Table more, Table* table);

// Writes RFC 4180 CSV with a header line: a missing cell as NA (unquoted), a
// text value that is literally "NA" quoted, fields with ',', '"', CR or LF
// quoted; lines end with LF.
void WriteCsv(const Table& table, std::ostream& out);

}  // namespace pl::equity
