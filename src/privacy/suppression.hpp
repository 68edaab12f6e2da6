// Suppression of published tables: primary (small cells) and complementary
// (cells hidden so that no small cell can be recovered by subtraction from
// totals that are shown).
//
// A table is a set of counts ("cells") and additive relations among them
// (total = sum of parts): a 1-way table of groups next to the overall count,
// a 2-way table with row, column and grand totals, or a hierarchy (state =
// regions = counties). Every count that leaves the server in a table goes
// through Suppress().
//
// The attacker Pathlight defends against knows every shown value, every
// relation, that counts are non-negative, and what the reason codes say:
// a cell withheld as "below_min_n" holds 1..min_n-1 (zero is published). A
// suppressed cell is protected when those linear constraints leave it more
// than one possible integer value (bounds [lo, hi] hold two integers); else
// it is "pinned".
//
// The rule (docs/security.md):
//  1. Primary: a cell with 1 <= count < min_n is suppressed ("below_min_n"),
//     unless the viewer may see it exactly (Cell::exempt).
//  2. Complementary: while some suppressed cell is pinned (the linear program
//     over the shown values gives it one value), suppress one more shown,
//     non-exempt cell ("complementary"): one that shares a relation with the
//     pinned cell, choosing the smallest count first (ties: interior before
//     totals, then the lower index), and among those the first that unpins
//     it; when none unpins it alone, the smallest is taken and the loop
//     continues. Pinned cells are taken by index, and the first pinned cell
//     that some candidate unpins alone wins (a 2-way cycle is often closed
//     next to another pinned cell); the fallback "smallest" is the first
//     pinned cell's. When no pinned cell has a shown, non-exempt cell in its
//     relations, any shown, non-exempt cell is a candidate. A cell that the
//     exempt cells alone pin is left out: the viewer may derive it from what
//     it may see, and no suppression changes that.
//     Cells the caller marks withheld (Cell::withheld) start suppressed as
//     "complementary"; rule 2 runs only when the table has a primary cell.
//  3. If every non-exempt cell is suppressed and a cell is still pinned (tiny
//     tables where the reason codes themselves tell), every non-exempt cell's
//     reason becomes "table_withheld", which tells nothing about its size.
// min_n <= 1 publishes every count.
//
// Thread-safe: Suppress keeps no state (the linear-program solver is called
// under an internal lock).
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.hpp"
#include "privacy/privacy.hpp"

namespace pl::privacy {

struct Cell {
  std::int64_t count = 0;
  // The viewer may see this cell exactly (an analyst within scope): it is
  // never suppressed, and the attacker model counts it as shown.
  bool exempt = false;
  // A cell the caller wants withheld whatever its count (a rate whose
  // numerator or complement is small; see RateIsSmall). Treated as primary;
  // when its count is not 1..min_n-1 the attacker model knows only >= 0.
  bool force_primary = false;
  // Already withheld where this table is published (the same rows withheld
  // for another count column): starts as "complementary" unless rule 1
  // makes it primary, so complements are chosen around what is hidden
  // anyway. It is checked like any suppressed cell once rule 2 runs.
  bool withheld = false;
};

// total = sum of parts, indices into Table::cells.
struct Relation {
  std::size_t total;
  std::vector<std::size_t> parts;
};

struct Table {
  std::vector<Cell> cells;
  std::vector<Relation> relations;

  // groups..., then the overall count as the last cell.
  static Table OneWay(const std::vector<std::int64_t>& groups, std::int64_t overall);
  // rows x cols interior cells in row-major order, then the row totals
  // (rows of them), the column totals (cols), and the grand total. `interior`
  // is row-major, size rows*cols (missing entries count 0); the totals are
  // its sums. Relations: each row, each column, and the grand total as the
  // sum of the row totals and of the column totals. Index helpers below.
  static Table TwoWay(std::size_t rows, std::size_t cols, const std::vector<std::int64_t>& interior);
};

// Index of interior cell (r, c), row total r, column total c and the grand
// total in a TwoWay table.
std::size_t TwoWayCell(std::size_t cols, std::size_t r, std::size_t c);
std::size_t TwoWayRowTotal(std::size_t rows, std::size_t cols, std::size_t r);
std::size_t TwoWayColumnTotal(std::size_t rows, std::size_t cols, std::size_t c);
std::size_t TwoWayGrandTotal(std::size_t rows, std::size_t cols);

enum class CellState { kShown, kPrimary, kComplementary, kTableWithheld };

// "below_min_n", "complementary", "table_withheld"; "" for kShown.
std::string_view ReasonCode(CellState state);

struct SuppressedTable {
  std::vector<CellState> states;  // one per cell
  // Each cell as published ({"value", "suppressed", "reason"}), the same
  // shape as PublishedCount::ToJson.
  nlohmann::json CellJson(const Table& table, std::size_t index) const;
  bool shown(std::size_t index) const { return states[index] == CellState::kShown; }
};

// Applies the rule above. InvalidArgument when a relation names a cell out of
// range, a count is negative, or a relation does not add up (the caller's
// totals must be exact).
Result<SuppressedTable> Suppress(const Table& table, const SuppressionPolicy& policy);

class SuppressionMemo;

// What Suppress derives from a table's relations alone (whether they form a
// network, and which cells share a relation), for suppressing many tables
// with the same cells and relations but other counts and flags: the gate's
// slices, one per count column. Immutable; may be shared between threads.
class TableShape {
 public:
  // InvalidArgument when a relation names a cell out of range.
  static Result<TableShape> Of(const Table& table);
  TableShape(TableShape&&) noexcept;
  TableShape& operator=(TableShape&&) noexcept;
  ~TableShape();
  struct Parts;  // internal

 private:
  TableShape() = default;
  // InvalidArgument, naming both sizes, unless `table` has as many cells and
  // relations as the table the shape was built from.
  Status Fits(const Table& table) const;
  friend class SuppressionMemo;
  friend Result<SuppressedTable> Suppress(const Table&, const TableShape&, const SuppressionPolicy&, SuppressionMemo*);
  friend Status Suppress(const Table&, const TableShape&, const SuppressionPolicy&, SuppressionMemo&,
                         std::vector<CellState>*);
  std::unique_ptr<const Parts> parts_;
};

// The decisions made for tables of one TableShape under one min_n, by what a
// decision depends on: for each cell whether it is exempt, its starting
// state and where its count lies against min_n (0, 1, 2..min_n-2, min_n-1,
// more: how the attacker may move it), and the order of the counts that
// may be chosen as complements. The tables of a grouped result are many and
// alike (the 30 M-row dashboard cube's gate decides 36,000 two-way slices
// of 15 cells and makes 7,700 of those decisions), so most decisions are
// found rather than made. Only tables of up to kMaxCells cells decided by
// reachability are remembered; it grows by one entry per distinct table.
// Thread-safe: finding takes no lock and adding takes one, so the threads
// that decide one answer's slices share what each decides.
class SuppressionMemo {
 public:
  static constexpr std::size_t kMaxCells = 16;
  SuppressionMemo(const TableShape& shape, const SuppressionPolicy& policy);
  ~SuppressionMemo();
  SuppressionMemo(const SuppressionMemo&) = delete;
  SuppressionMemo& operator=(const SuppressionMemo&) = delete;
  // Decisions made, not found.
  std::size_t made() const;

 private:
  friend Status Suppress(const Table&, const TableShape&, const SuppressionPolicy&, SuppressionMemo&,
                         std::vector<CellState>*);
  // A byte per cell: exempt, starting state and count class; then four bits
  // per cell: for a candidate, how many candidates have a smaller count.
  using Key = std::array<std::uint64_t, 3>;
  struct Entry {
    Key key{};
    std::uint32_t states = 0;            // two bits per cell
    std::atomic<std::uint32_t> used{0};  // set (release) once key and states are written
  };
  // Open addressing, a power of two, at most half full. A larger one
  // replaces it when full; the old ones stay until the memo goes, for finds
  // that still read them.
  struct Slots {
    std::size_t capacity = 0;
    std::unique_ptr<Entry[]> entries;
  };
  const Entry* Find(const Key& key) const;
  void Add(const Key& key, const std::vector<CellState>& states);

  const TableShape::Parts* shape_;
  std::int64_t min_n_;
  std::atomic<const Slots*> slots_{nullptr};
  mutable std::mutex mu_;  // guards what follows
  std::vector<std::unique_ptr<Slots>> all_slots_;
  std::size_t made_ = 0;
};

// Suppress for a table whose relations are those `shape` was built from (the
// same decisions, without deriving them again). InvalidArgument when the
// numbers of cells or relations differ; the relations themselves are not
// compared, so the caller must keep them equal. With a memo (optional) the
// decisions are the same, found there when an alike table was decided;
// InvalidArgument when the memo was made for another shape or min_n.
Result<SuppressedTable> Suppress(const Table& table, const TableShape& shape, const SuppressionPolicy& policy,
                                 SuppressionMemo* memo = nullptr);
// The same with a memo, into `states` (one per cell, its storage reused): for
// callers that decide many tables, such as the analytics gate.
Status Suppress(const Table& table, const TableShape& shape, const SuppressionPolicy& policy, SuppressionMemo& memo,
                std::vector<CellState>* states);

// Whether a rate num/den must be withheld: den < min_n, or 1 <= num < min_n,
// or 1 <= den - num < min_n (it would reveal that almost all or almost none
// of a small group had the outcome).
bool RateIsSmall(std::int64_t numerator, std::int64_t denominator, const SuppressionPolicy& policy);

// The attacker's bounds for one cell given the published table (used by
// Suppress and exposed for tests and docs): min and max of the cell over
// the linear constraints described above. nullopt for max when unbounded.
struct Bounds {
  double lo = 0;
  std::optional<double> hi;
};
Result<Bounds> AttackerBounds(const Table& table, const SuppressedTable& published, std::size_t index,
                              const SuppressionPolicy& policy);

}  // namespace pl::privacy
