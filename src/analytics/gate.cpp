#include "analytics/gate.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <span>
#include <thread>

#include "core/threads.hpp"

namespace pl::analytics::internal {
namespace {

using privacy::CellState;

bool Small(std::int64_t count, const privacy::SuppressionPolicy& policy) {
  return count >= 1 && count < policy.min_n;
}

// A total is known to the attacker when another query would publish it:
// unless it is itself a small count, which that query withholds.
privacy::Cell TotalCell(std::int64_t count, const privacy::SuppressionPolicy& policy) {
  return {.count = count, .exempt = !Small(count, policy)};
}

// Keeps the reason that tells least: table_withheld (nothing about size),
// then below_min_n, then complementary. A row one column withholds as
// table_withheld must not say below_min_n for another: where the first
// column's cells are small too, that reason would pin them.
int Rank(CellState s) {
  switch (s) {
    case CellState::kShown: return 0;
    case CellState::kComplementary: return 1;
    case CellState::kPrimary: return 2;
    case CellState::kTableWithheld: return 3;
  }
  return 0;
}
void Merge(CellState s, CellState* into) {
  if (Rank(s) > Rank(*into)) *into = s;
}

// Rows an earlier count column of the same slice withheld: the row is
// withheld whole, so the next column starts from them.
bool Withheld(const std::vector<CellState>& states, long row) { return states[row] != CellState::kShown; }

// Counts at the edge of what "below_min_n" tells (1..min_n-1): the only ones
// that such a reason keeps from moving one way.
bool AtEdge(std::int64_t count, const privacy::SuppressionPolicy& policy) {
  return count == 1 || count == policy.min_n - 1;
}

bool AnyAtEdge(std::span<const std::int64_t> counts, const privacy::SuppressionPolicy& policy) {
  return std::any_of(counts.begin(), counts.end(), [&](std::int64_t c) { return AtEdge(c, policy); });
}

// Whether an earlier column withheld every row of `rows` (-1: absent) that
// the viewer may not see exactly, with no count of this column there at the
// edge. If no total of the table is at the edge either, every cell moves for
// the attacker as it does for one who sees only the exempt cells, whatever
// the totals' states: nothing is pinned that those do not pin, so the column
// withholds nothing more, and each row only takes "below_min_n" where its
// count is small (privacy::Suppress would decide the same, after building
// the table).
bool SettledByEarlierColumns(const std::vector<long>& rows, const std::vector<std::int64_t>& column,
                             const std::vector<bool>& exempt, const privacy::SuppressionPolicy& policy,
                             const std::vector<CellState>& states) {
  for (long r : rows) {
    if (r < 0 || exempt[r]) continue;
    if (states[r] == CellState::kShown || AtEdge(column[r], policy)) return false;
  }
  return true;
}
void MarkSmall(const std::vector<long>& rows, const std::vector<std::int64_t>& column, const std::vector<bool>& exempt,
               const privacy::SuppressionPolicy& policy, std::vector<CellState>* states) {
  for (long r : rows) {
    if (r >= 0 && !exempt[r] && Small(column[r], policy)) Merge(CellState::kPrimary, &(*states)[r]);
  }
}

// What every table of one size shares: its shape, and the decisions made
// for tables of that shape in this answer, by any thread.
struct SharedShape {
  SharedShape(privacy::TableShape s, const privacy::SuppressionPolicy& policy)
      : shape(std::move(s)), memo(shape, policy) {}
  privacy::TableShape shape;
  privacy::SuppressionMemo memo;
};

// The shared shapes of one answer's tables, made when a thread first needs
// a size.
class SharedShapes {
 public:
  explicit SharedShapes(const privacy::SuppressionPolicy& policy) : policy_(policy) {}
  Result<SharedShape*> OneWay(std::size_t groups, const privacy::Table& table) { return Find(one_way_, groups, table); }
  Result<SharedShape*> TwoWay(std::size_t rows, std::size_t cols, const privacy::Table& table) {
    return Find(two_way_, {rows, cols}, table);
  }

 private:
  template <typename Key>
  Result<SharedShape*> Find(std::map<Key, std::unique_ptr<SharedShape>>& shapes, const Key& key,
                            const privacy::Table& table) {
    std::lock_guard lock(mu_);
    auto it = shapes.find(key);
    if (it == shapes.end()) {
      PL_ASSIGN_OR_RETURN(privacy::TableShape shape, privacy::TableShape::Of(table));
      it = shapes.emplace(key, std::make_unique<SharedShape>(std::move(shape), policy_)).first;
    }
    return it->second.get();
  }
  const privacy::SuppressionPolicy policy_;
  std::mutex mu_;
  std::map<std::size_t, std::unique_ptr<SharedShape>> one_way_;
  std::map<std::pair<std::size_t, std::size_t>, std::unique_ptr<SharedShape>> two_way_;
};

// A thread's table of one size, reused for every line or slice of that
// size and every count column: only the cells change.
struct ShapedTable {
  privacy::Table table;
  SharedShape* shared = nullptr;
};

// What one thread keeps while it protects slices: its tables, by size, and
// buffers for a slice's layout and margins (slices are many and small;
// allocating these for each took 4% of the cube's gate).
class SliceScratch {
 public:
  explicit SliceScratch(SharedShapes& shapes) : shapes_(shapes) {}
  std::vector<std::uint32_t> row_axis, col_axis;
  std::vector<long> cells;
  std::vector<std::int64_t> row_sums, col_sums;
  std::vector<CellState> row_states, col_states;
  std::vector<CellState> published;  // a table's decision

  // Table::OneWay of `groups` groups (their total is cell `groups`).
  Result<ShapedTable*> OneWay(std::size_t groups) {
    return Find(
        one_way_, groups, [&] { return privacy::Table::OneWay(std::vector<std::int64_t>(groups, 0), 0); },
        [&](const privacy::Table& table) { return shapes_.OneWay(groups, table); });
  }
  // Table::TwoWay of rows x cols.
  Result<ShapedTable*> TwoWay(std::size_t rows, std::size_t cols) {
    return Find(
        two_way_, {rows, cols}, [&] { return privacy::Table::TwoWay(rows, cols, {}); },
        [&](const privacy::Table& table) { return shapes_.TwoWay(rows, cols, table); });
  }

 private:
  template <typename Key, typename Make, typename Share>
  static Result<ShapedTable*> Find(std::map<Key, ShapedTable>& tables, const Key& key, const Make& make,
                                   const Share& share) {
    auto it = tables.find(key);
    if (it == tables.end()) {
      ShapedTable shaped{make(), nullptr};
      PL_ASSIGN_OR_RETURN(shaped.shared, share(shaped.table));
      it = tables.emplace(key, std::move(shaped)).first;
    }
    return &it->second;
  }
  SharedShapes& shapes_;
  std::map<std::size_t, ShapedTable> one_way_;
  std::map<std::pair<std::size_t, std::size_t>, ShapedTable> two_way_;
};

// One line of cells (a one-way table against its total), rows[i] = -1 for
// an absent combination (count 0, known).
Status ProtectLine(const std::vector<long>& rows, const std::vector<std::int64_t>& column,
                   const std::vector<bool>& exempt, const privacy::SuppressionPolicy& policy, bool skip_settled,
                   SliceScratch& scratch, std::vector<CellState>* states) {
  // Nothing small, nothing to withhold: skip building the table.
  std::int64_t total = 0;
  bool small = false;
  for (long r : rows) {
    if (r < 0) continue;
    total += column[r];
    small = small || (!exempt[r] && Small(column[r], policy));
  }
  if (!small && !Small(total, policy)) return Status::Ok();
  if (skip_settled && SettledByEarlierColumns(rows, column, exempt, policy, *states) && !AtEdge(total, policy)) {
    MarkSmall(rows, column, exempt, policy, states);
    return Status::Ok();
  }
  PL_ASSIGN_OR_RETURN(ShapedTable * line, scratch.OneWay(rows.size()));
  privacy::Table& table = line->table;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const long r = rows[i];
    table.cells[i] = {
        .count = r < 0 ? 0 : column[r], .exempt = r < 0 || exempt[r], .withheld = r >= 0 && Withheld(*states, r)};
  }
  table.cells[rows.size()] = TotalCell(total, policy);
  std::vector<CellState>& published = scratch.published;
  PL_RETURN_IF_ERROR(privacy::Suppress(table, line->shared->shape, policy, line->shared->memo, &published));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i] >= 0) Merge(published[i], &(*states)[rows[i]]);
  }
  return Status::Ok();
}

// How the margins of a two-way slice are published by the queries that
// show them (grouped by one of the two dimensions): each margin line is
// protected against its total like a one-way result. A margin that its own
// query withholds is unknown to the attacker here.
Status MarginStates(const std::vector<std::int64_t>& margin, std::int64_t total,
                    const privacy::SuppressionPolicy& policy, SliceScratch& scratch, std::vector<CellState>* states) {
  // Nothing small: the query shows every margin (most slices).
  if (std::none_of(margin.begin(), margin.end(), [&](std::int64_t m) { return Small(m, policy); }) &&
      !Small(total, policy)) {
    states->assign(margin.size() + 1, CellState::kShown);
    return Status::Ok();
  }
  PL_ASSIGN_OR_RETURN(ShapedTable * line, scratch.OneWay(margin.size()));
  privacy::Table& table = line->table;
  for (std::size_t i = 0; i < margin.size(); ++i) table.cells[i] = {.count = margin[i]};
  table.cells[margin.size()] = TotalCell(total, policy);
  PL_RETURN_IF_ERROR(privacy::Suppress(table, line->shared->shape, policy, line->shared->memo, states));
  return Status::Ok();
}

// A two-way slice: cells[r * cols + c] is a result row or -1.
Status ProtectSlice(std::size_t nrows, std::size_t ncols, const std::vector<long>& cells,
                    const std::vector<std::int64_t>& column, const std::vector<bool>& exempt,
                    const privacy::SuppressionPolicy& policy, bool skip_settled, SliceScratch& scratch,
                    std::vector<CellState>* states) {
  std::vector<std::int64_t>& row_sums = scratch.row_sums;
  std::vector<std::int64_t>& col_sums = scratch.col_sums;
  row_sums.assign(nrows, 0);
  col_sums.assign(ncols, 0);
  bool small = false;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::int64_t count = cells[i] < 0 ? 0 : column[cells[i]];
    row_sums[i / ncols] += count;
    col_sums[i % ncols] += count;
    small = small || (cells[i] >= 0 && !exempt[cells[i]] && Small(count, policy));
  }
  // Nothing small inside, in the margins or the grand total: nothing to
  // withhold, so skip the table.
  auto any_small = [&](const std::vector<std::int64_t>& v) {
    return std::any_of(v.begin(), v.end(), [&](std::int64_t x) { return Small(x, policy); });
  };
  std::int64_t grand_total = 0;
  for (auto x : row_sums) grand_total += x;
  if (!small && !any_small(row_sums) && !any_small(col_sums) && !Small(grand_total, policy)) return Status::Ok();
  if (skip_settled && SettledByEarlierColumns(cells, column, exempt, policy, *states) && !AnyAtEdge(row_sums, policy) &&
      !AnyAtEdge(col_sums, policy) && !AtEdge(grand_total, policy)) {
    MarkSmall(cells, column, exempt, policy, states);
    return Status::Ok();
  }
  PL_ASSIGN_OR_RETURN(ShapedTable * two_way, scratch.TwoWay(nrows, ncols));
  privacy::Table* table = &two_way->table;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const long r = cells[i];
    table->cells[i] = {
        .count = r < 0 ? 0 : column[r], .exempt = r < 0 || exempt[r], .withheld = r >= 0 && Withheld(*states, r)};
  }
  std::vector<CellState>& row_states = scratch.row_states;
  std::vector<CellState>& col_states = scratch.col_states;
  PL_RETURN_IF_ERROR(MarginStates(row_sums, grand_total, policy, scratch, &row_states));
  PL_RETURN_IF_ERROR(MarginStates(col_sums, grand_total, policy, scratch, &col_states));
  // A margin its own query withholds is known only by what that says.
  auto margin = [&](std::size_t index, std::int64_t count, CellState state) {
    const bool shown = state == CellState::kShown;
    table->cells[index] = {.count = count, .exempt = shown, .force_primary = !shown};
  };
  for (std::size_t r = 0; r < nrows; ++r) margin(privacy::TwoWayRowTotal(nrows, ncols, r), row_sums[r], row_states[r]);
  for (std::size_t c = 0; c < ncols; ++c) {
    margin(privacy::TwoWayColumnTotal(nrows, ncols, c), col_sums[c], col_states[c]);
  }
  table->cells[privacy::TwoWayGrandTotal(nrows, ncols)] = TotalCell(grand_total, policy);
  std::vector<CellState>& published = scratch.published;
  PL_RETURN_IF_ERROR(privacy::Suppress(*table, two_way->shared->shape, policy, two_way->shared->memo, &published));
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (cells[i] >= 0) Merge(published[i], &(*states)[cells[i]]);
  }
  return Status::Ok();
}

// Distinct codes of one dimension in a slice, in code order: the slice's axis.
void AxisOf(const Grouping& grouping, std::span<const std::size_t> rows, std::size_t d,
            std::vector<std::uint32_t>* axis) {
  axis->clear();
  for (std::size_t r : rows) axis->push_back(grouping.code(r, d));
  std::sort(axis->begin(), axis->end());
  axis->erase(std::unique(axis->begin(), axis->end()), axis->end());
}
std::size_t IndexOn(const std::vector<std::uint32_t>& axis, std::uint32_t code) {
  return static_cast<std::size_t>(std::lower_bound(axis.begin(), axis.end(), code) - axis.begin());
}

// One slice: its rows share the codes of every dimension but the last two.
Status ProtectSliceRows(const Grouping& grouping, std::span<const std::size_t> rows,
                        const std::vector<std::vector<std::int64_t>>& columns, const std::vector<bool>& exempt,
                        const privacy::SuppressionPolicy& policy, const GateLimits& limits, SliceScratch& scratch,
                        std::vector<CellState>* states) {
  const std::size_t d = grouping.dims;
  if (d == 1) {
    std::vector<long> line(rows.begin(), rows.end());
    for (const auto& column : columns) {
      PL_RETURN_IF_ERROR(ProtectLine(line, column, exempt, policy, limits.skip_settled_tables, scratch, states));
    }
    return Status::Ok();
  }
  std::vector<std::uint32_t>& row_axis = scratch.row_axis;
  std::vector<std::uint32_t>& col_axis = scratch.col_axis;
  AxisOf(grouping, rows, d - 2, &row_axis);
  AxisOf(grouping, rows, d - 1, &col_axis);
  const std::size_t nr = row_axis.size(), nc = col_axis.size();
  std::vector<long>& cells = scratch.cells;
  cells.assign(nr * nc, -1);
  for (std::size_t r : rows) {
    cells[IndexOn(row_axis, grouping.code(r, d - 2)) * nc + IndexOn(col_axis, grouping.code(r, d - 1))] =
        static_cast<long>(r);
  }
  auto table_withheld = [&](long r) { return r < 0 || (*states)[r] == CellState::kTableWithheld; };
  for (const auto& column : columns) {
    // An earlier column withheld every row as a table: nothing tells more
    // than that reason.
    if (limits.skip_settled_tables && std::all_of(cells.begin(), cells.end(), table_withheld)) break;
    // One row or one column: a single line against its total (its
    // margins are the cells themselves).
    if (nr == 1 || nc == 1) {
      PL_RETURN_IF_ERROR(ProtectLine(cells, column, exempt, policy, limits.skip_settled_tables, scratch, states));
      continue;
    }
    if (cells.size() <= limits.max_slice_cells) {
      PL_RETURN_IF_ERROR(
          ProtectSlice(nr, nc, cells, column, exempt, policy, limits.skip_settled_tables, scratch, states));
      continue;
    }
    for (std::size_t a = 0; a < nr; ++a) {
      std::vector<long> line(cells.begin() + a * nc, cells.begin() + (a + 1) * nc);
      PL_RETURN_IF_ERROR(ProtectLine(line, column, exempt, policy, limits.skip_settled_tables, scratch, states));
    }
  }
  return Status::Ok();
}

// Runs `protect` on every slice, on up to `threads` threads. Each row lies in
// one slice, so the slices write disjoint rows of the states.
Status ForEachSlice(const std::vector<std::span<const std::size_t>>& slices, int threads, SharedShapes& shapes,
                    const std::function<Status(std::span<const std::size_t>, SliceScratch&)>& protect) {
  // A thread is worth starting for a few hundred slices, not for a handful.
  constexpr std::size_t kSlicesPerThread = 256;
  const std::size_t useful = std::max<std::size_t>(1, slices.size() / kSlicesPerThread);
  const std::size_t n = std::min<std::size_t>(useful, static_cast<std::size_t>(ThreadCount(threads)));
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mu;
  Status first_error;
  auto work = [&] {
    SliceScratch scratch(shapes);
    for (std::size_t k = next++; k < slices.size() && !failed; k = next++) {
      Status s = protect(slices[k], scratch);
      if (s.ok()) continue;
      std::lock_guard lock(mu);
      if (!failed.exchange(true)) first_error = s;
    }
  };
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 1; t < n; ++t) workers.emplace_back(work);
    work();
  }
  return first_error;
}

// The rows in slices: `order` holds every row, grouped by the codes of the
// first `fixed` dimensions (rows of a slice in their own order); the result
// lists each slice's rows within it.
std::vector<std::span<const std::size_t>> Slices(const Grouping& grouping, std::size_t fixed,
                                                 std::vector<std::size_t>* order) {
  const std::size_t d = grouping.dims;
  const std::uint32_t* codes = grouping.codes.data();
  auto before = [=](std::size_t a, std::size_t b) {
    const std::uint32_t *pa = codes + a * d, *pb = codes + b * d;
    for (std::size_t k = 0; k < fixed; ++k) {
      if (pa[k] != pb[k]) return pa[k] < pb[k];
    }
    return false;
  };
  order->resize(grouping.rows);
  std::iota(order->begin(), order->end(), std::size_t{0});
  // Engine results come in group order: most need no sort.
  if (!std::is_sorted(order->begin(), order->end(), before)) std::stable_sort(order->begin(), order->end(), before);
  std::vector<std::span<const std::size_t>> slices;
  for (std::size_t start = 0, k = 1; k <= order->size(); ++k) {
    if (k < order->size() && !before((*order)[start], (*order)[k])) continue;
    slices.emplace_back(order->data() + start, k - start);
    start = k;
  }
  return slices;
}

}  // namespace

Result<RowDecision> ProtectRows(const Grouping& grouping, const std::vector<std::vector<std::int64_t>>& columns,
                                const std::vector<bool>& exempt, const privacy::SuppressionPolicy& policy,
                                const GateLimits& limits) {
  const std::size_t n = grouping.rows;
  RowDecision out;
  out.states.assign(n, CellState::kShown);
  if (policy.min_n <= 1 || n == 0) return out;

  // Column by column, without branches: the columns are long.
  std::vector<std::uint8_t> primary(n, 0);
  for (const auto& column : columns) {
    for (std::size_t r = 0; r < n; ++r) primary[r] |= Small(column[r], policy);
  }
  bool any = false;
  for (std::size_t r = 0; r < n; ++r) {
    primary[r] &= !exempt[r];
    any = any || primary[r];
  }
  if (!any) return out;

  if (grouping.dims == 0 || n * columns.size() > limits.max_cells) {
    for (std::size_t r = 0; r < n; ++r) {
      if (primary[r]) out.states[r] = CellState::kPrimary;
    }
    out.complementary = grouping.dims == 0;
  } else {
    // Slices: rows sharing the codes of every dimension but the last two
    // (with one dimension, a single slice of one line).
    const std::size_t d = grouping.dims;
    std::vector<std::size_t> order;
    std::vector<std::span<const std::size_t>> needed;
    // Only slices holding a small count need protecting.
    for (auto rows : Slices(grouping, d >= 2 ? d - 2 : 0, &order)) {
      if (std::any_of(rows.begin(), rows.end(), [&](std::size_t r) { return primary[r]; })) needed.push_back(rows);
    }
    SharedShapes shapes(policy);
    PL_RETURN_IF_ERROR(
        ForEachSlice(needed, limits.threads, shapes, [&](std::span<const std::size_t> rows, SliceScratch& scratch) {
          return ProtectSliceRows(grouping, rows, columns, exempt, policy, limits, scratch, &out.states);
        }));
  }
  for (auto s : out.states) out.withheld += s != CellState::kShown;
  return out;
}

}  // namespace pl::analytics::internal
