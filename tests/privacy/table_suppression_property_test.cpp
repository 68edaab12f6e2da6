// Properties of table suppression over random 1-way and 2-way tables. The
// differencing attacker is modelled independently of the code under test: a
// 2-way table with margins is a circulation (source -> row i carries row
// total i, row i -> column j cell (i, j), column j -> sink column total j,
// sink -> source the grand total), so an attacker's bounds on a cell are a
// min-cost circulation with LEMON's network simplex, not the LP Suppress uses.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include "privacy/internal.hpp"
#include "privacy/suppression.hpp"

namespace pl::privacy {
namespace {

constexpr long long kBig = 1'000'000;  // "no upper bound" for the circulation

struct Case {
  Table table;
  std::size_t rows = 1;
  std::size_t cols = 0;
  bool one_way = false;
  std::int64_t min_n = 11;
};

// Many small counts and zeros, some large ones.
rc::Gen<std::int64_t> Count() {
  return rc::gen::weightedOneOf<std::int64_t>({{3, rc::gen::inRange<std::int64_t>(0, 16)},
                                               {2, rc::gen::inRange<std::int64_t>(0, 31)},
                                               {1, rc::gen::just<std::int64_t>(0)}});
}

// A random subset exempt (~15%), a few cells forced primary (~5%) and some
// already withheld (~8%, as by another count column of the same rows). In
// one table of four every other cell is withheld already, as where an
// earlier count column withheld every row.
void Decorate(Table& t) {
  auto rolls = *rc::gen::container<std::vector<int>>(t.cells.size(), rc::gen::inRange(0, 100));
  const bool all_withheld = *rc::gen::inRange(0, 4) == 0;
  for (std::size_t i = 0; i < t.cells.size(); ++i) {
    t.cells[i].exempt = rolls[i] < 15;
    t.cells[i].force_primary = rolls[i] >= 15 && rolls[i] < 20;
    t.cells[i].withheld = all_withheld || (rolls[i] >= 20 && rolls[i] < 28);
  }
}

bool AnyPrimary(const Case& c) {
  return std::any_of(c.table.cells.begin(), c.table.cells.end(), [&](const Cell& cell) {
    return !cell.exempt && (cell.force_primary || (cell.count >= 1 && cell.count < c.min_n));
  });
}

Case OneWayCase() {
  Case c;
  c.one_way = true;
  c.cols = *rc::gen::inRange<std::size_t>(2, 13);
  auto groups = *rc::gen::container<std::vector<std::int64_t>>(c.cols, Count());
  std::int64_t overall = 0;
  for (auto g : groups) overall += g;
  c.table = Table::OneWay(groups, overall);
  c.min_n = *rc::gen::inRange<std::int64_t>(3, 16);
  return c;
}

Case TwoWayCase() {
  Case c;
  c.rows = *rc::gen::inRange<std::size_t>(2, 7);
  c.cols = *rc::gen::inRange<std::size_t>(2, 7);
  auto interior = *rc::gen::container<std::vector<std::int64_t>>(c.rows * c.cols, Count());
  c.table = Table::TwoWay(c.rows, c.cols, interior);
  c.min_n = *rc::gen::inRange<std::int64_t>(3, 16);
  return c;
}

Case AnyCase() {
  Case c = *rc::gen::arbitrary<bool>() ? OneWayCase() : TwoWayCase();
  Decorate(c.table);
  return c;
}

// What the attacker knows of a cell, from its published state alone.
std::pair<long long, long long> Knowledge(const Cell& cell, CellState state, std::int64_t min_n) {
  if (state == CellState::kShown) return {cell.count, cell.count};
  if (state == CellState::kPrimary && cell.count >= 1 && cell.count < min_n) return {1, min_n - 1};
  return {0, kBig};
}

// Min and max of `target` over all circulations consistent with `states`.
std::pair<long long, long long> CirculationBounds(const Case& c, const std::vector<CellState>& states,
                                                  std::size_t target) {
  lemon::SmartDigraph g;
  auto source = g.addNode();
  auto sink = g.addNode();
  std::vector<lemon::SmartDigraph::Node> row(c.rows), col(c.cols);
  for (auto& n : row) n = g.addNode();
  for (auto& n : col) n = g.addNode();
  lemon::SmartDigraph::ArcMap<long long> lower(g), upper(g), cost(g, 0);
  std::optional<lemon::SmartDigraph::Arc> of_target;
  // cell < 0: no cell of its own (a 1-way table's column totals).
  auto add = [&](lemon::SmartDigraph::Node from, lemon::SmartDigraph::Node to, long cell) {
    auto a = g.addArc(from, to);
    std::tie(lower[a], upper[a]) =
        cell < 0 ? std::pair<long long, long long>{0, kBig} : Knowledge(c.table.cells[cell], states[cell], c.min_n);
    if (cell >= 0 && static_cast<std::size_t>(cell) == target) of_target = a;
  };
  const std::size_t n = c.table.cells.size();
  for (std::size_t r = 0; r < c.rows; ++r) {
    add(source, row[r], c.one_way ? n - 1 : TwoWayRowTotal(c.rows, c.cols, r));
    for (std::size_t j = 0; j < c.cols; ++j) add(row[r], col[j], c.one_way ? j : TwoWayCell(c.cols, r, j));
  }
  for (std::size_t j = 0; j < c.cols; ++j) add(col[j], sink, c.one_way ? -1L : static_cast<long>(TwoWayColumnTotal(c.rows, c.cols, j)));
  add(sink, source, c.one_way ? n - 1 : TwoWayGrandTotal(c.rows, c.cols));
  RC_ASSERT(of_target.has_value());
  long long bounds[2];
  for (int sign : {1, -1}) {
    cost[*of_target] = sign;
    lemon::NetworkSimplex<lemon::SmartDigraph, long long, long long> ns(g);
    ns.lowerMap(lower).upperMap(upper).costMap(cost);
    RC_ASSERT(ns.run() == ns.OPTIMAL);
    bounds[sign == 1 ? 0 : 1] = ns.flow(*of_target);
  }
  return {bounds[0], bounds[1]};
}

Result<SuppressedTable> Run(const Case& c) { return Suppress(c.table, {.min_n = c.min_n}); }

bool Withheld(const SuppressedTable& s) {
  for (CellState st : s.states) {
    if (st == CellState::kTableWithheld) return true;
  }
  return false;
}

RC_GTEST_PROP(TableSuppressionProperty, NoSmallCellIsShown, ()) {
  Case c = AnyCase();
  auto r = Run(c);
  RC_ASSERT(r.ok());
  for (std::size_t i = 0; i < c.table.cells.size(); ++i) {
    const Cell& cell = c.table.cells[i];
    const bool small = cell.count >= 1 && cell.count < c.min_n;
    if (!cell.exempt && (small || cell.force_primary)) RC_ASSERT(!r->shown(i));
  }
}

// A cell withheld before (Cell::withheld) stays withheld; with nothing small
// in the table, nothing else is.
RC_GTEST_PROP(TableSuppressionProperty, WithheldCellsStayWithheld, ()) {
  Case c = AnyCase();
  auto r = Run(c);
  RC_ASSERT(r.ok());
  const bool primary = AnyPrimary(c);
  RC_CLASSIFY(primary, "a primary cell");
  for (std::size_t i = 0; i < c.table.cells.size(); ++i) {
    const Cell& cell = c.table.cells[i];
    if (cell.withheld && !cell.exempt) RC_ASSERT(!r->shown(i));
    if (!primary) RC_ASSERT(r->shown(i) == (cell.exempt || !cell.withheld));
  }
}

// Cells the viewer can derive from exempt cells alone: pinned even when
// every non-exempt cell is withheld with a reason that tells nothing.
bool PinnedByExemptCells(const Case& c, std::size_t i) {
  std::vector<CellState> withheld(c.table.cells.size(), CellState::kTableWithheld);
  for (std::size_t j = 0; j < withheld.size(); ++j) {
    if (c.table.cells[j].exempt) withheld[j] = CellState::kShown;
  }
  auto [lo, hi] = CirculationBounds(c, withheld, i);
  return lo == hi;
}

RC_GTEST_PROP(TableSuppressionProperty, NoSuppressedCellCanBeDetermined, ()) {
  Case c = AnyCase();
  auto r = Run(c);
  RC_ASSERT(r.ok());
  const bool withheld = Withheld(*r);
  RC_CLASSIFY(withheld, "table_withheld");
  RC_CLASSIFY(std::count(r->states.begin(), r->states.end(), CellState::kComplementary) > 0, "complementary");
  // Nothing small: nothing to protect. Cells withheld before stay so
  // (WithheldCellsStayWithheld) without being chased.
  if (!AnyPrimary(c)) return;
  for (std::size_t i = 0; i < c.table.cells.size(); ++i) {
    if (r->shown(i)) continue;
    auto [lo, hi] = CirculationBounds(c, r->states, i);
    RC_ASSERT(lo <= c.table.cells[i].count && c.table.cells[i].count <= hi);
    if (lo == hi) {
      RC_TAG("pinned by exempt cells");
      RC_ASSERT(PinnedByExemptCells(c, i));
    }
  }
  if (!withheld) return;
  // The fallback was needed: with every non-exempt cell suppressed under the
  // reason codes of rule 1, some cell is pinned, and not by exempt cells.
  std::vector<CellState> all(c.table.cells.size(), CellState::kShown);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Cell& cell = c.table.cells[i];
    if (cell.exempt) continue;
    const bool small = cell.count >= 1 && cell.count < c.min_n;
    all[i] = small || cell.force_primary ? CellState::kPrimary : CellState::kComplementary;
  }
  bool some_pinned = false;
  for (std::size_t i = 0; i < all.size() && !some_pinned; ++i) {
    if (all[i] == CellState::kShown) continue;
    auto [lo, hi] = CirculationBounds(c, all, i);
    some_pinned = lo == hi && !PinnedByExemptCells(c, i);
  }
  RC_ASSERT(some_pinned);
}

// Reachability in the table's network only spares the LP: every decision
// is the one the LP alone makes.
RC_GTEST_PROP(TableSuppressionProperty, TheNetworkDecidesAsTheLp, ()) {
  Case c = AnyCase();
  SuppressionPolicy policy{.min_n = c.min_n};
  auto fast = internal::Suppress(c.table, policy, /*use_network=*/true);
  auto lp_only = internal::Suppress(c.table, policy, /*use_network=*/false);
  RC_ASSERT(fast.ok());
  RC_ASSERT(lp_only.ok());
  RC_ASSERT(fast->states == lp_only->states);
}

// A TableShape spares deriving the network and the structure again: the
// decisions are those of Suppress without it, for the table it was built
// from and for another table with the same relations and other counts.
RC_GTEST_PROP(TableSuppressionProperty, AShapeDecidesAsTheTableAlone, ()) {
  Case c = AnyCase();
  SuppressionPolicy policy{.min_n = c.min_n};
  auto shape = TableShape::Of(c.table);
  RC_ASSERT(shape.ok());
  auto with = Suppress(c.table, *shape, policy);
  auto without = Suppress(c.table, policy);
  RC_ASSERT(with.ok());
  RC_ASSERT(without.ok());
  RC_ASSERT(with->states == without->states);
  Case other = AnyCase();
  if (other.table.cells.size() != c.table.cells.size() || other.table.relations.size() != c.table.relations.size()) {
    RC_ASSERT(!Suppress(other.table, *shape, policy).ok());
  }
}

// A memo finds decisions made for alike tables of its shape: every decision
// is the one made afresh. Counts from a few values on both sides of min_n
// and a few ways of marking cells, so that tables repeat in what decides
// them while their counts, and the order of those, differ.
RC_GTEST_PROP(TableSuppressionProperty, AMemoDecidesAsAFreshDecision, ()) {
  const std::int64_t min_n = *rc::gen::inRange<std::int64_t>(2, 12);
  const bool one_way = *rc::gen::arbitrary<bool>();
  const std::size_t rows = one_way ? 1 : *rc::gen::inRange<std::size_t>(2, 4);
  const std::size_t cols = one_way ? *rc::gen::inRange<std::size_t>(2, 9) : (rows == 3 ? 3 : *rc::gen::inRange(2, 5));
  auto count = rc::gen::elementOf(
      std::vector<std::int64_t>{0, 1, 2, 3, min_n - 1, min_n, min_n + 1, min_n + 2, min_n + 7, 40, 41});
  // Plain cells (every shown cell a candidate), and two random markings.
  const std::size_t cells = one_way ? cols + 1 : (rows + 1) * (cols + 1);
  auto decorations = *rc::gen::container<std::vector<std::vector<int>>>(
      2, rc::gen::container<std::vector<int>>(cells, rc::gen::inRange(0, 100)));
  decorations.push_back(std::vector<int>(cells, 99));
  Table first = one_way ? Table::OneWay(std::vector<std::int64_t>(cols, 0), 0) : Table::TwoWay(rows, cols, {});
  auto shape = TableShape::Of(first);
  RC_ASSERT(shape.ok());
  const SuppressionPolicy policy{.min_n = min_n};
  SuppressionMemo memo(*shape, policy);
  const std::size_t tables = *rc::gen::inRange<std::size_t>(20, 120);
  for (std::size_t t = 0; t < tables; ++t) {
    auto interior = *rc::gen::container<std::vector<std::int64_t>>(rows * cols, count);
    std::int64_t total = 0;
    for (auto c : interior) total += c;
    Table table = one_way ? Table::OneWay(interior, total) : Table::TwoWay(rows, cols, interior);
    const auto& rolls = decorations[*rc::gen::inRange<std::size_t>(0, decorations.size())];
    for (std::size_t i = 0; i < table.cells.size(); ++i) {
      table.cells[i].exempt = rolls[i] < 15;
      table.cells[i].force_primary = rolls[i] >= 15 && rolls[i] < 30;
      table.cells[i].withheld = rolls[i] >= 30 && rolls[i] < 45;
    }
    auto remembered = Suppress(table, *shape, policy, &memo);
    auto fresh = internal::Suppress(table, policy, /*use_network=*/true);
    RC_ASSERT(remembered.ok());
    RC_ASSERT(fresh.ok());
    RC_ASSERT(remembered->states == fresh->states);
  }
  RC_ASSERT(memo.made() <= tables);
  RC_CLASSIFY(memo.made() < tables, "decisions found");
  RC_CLASSIFY(memo.made() * 2 < tables, "most decisions found");
}

RC_GTEST_PROP(TableSuppressionProperty, AttackerBoundsAgreeWithNetworkSimplex, ()) {
  Case c = AnyCase();
  auto r = Run(c);
  RC_ASSERT(r.ok());
  // The published table, and the unsafe one with primary suppression only.
  SuppressedTable primary_only{std::vector<CellState>(c.table.cells.size(), CellState::kShown)};
  for (std::size_t i = 0; i < c.table.cells.size(); ++i) {
    if (r->states[i] == CellState::kPrimary) primary_only.states[i] = CellState::kPrimary;
  }
  for (const SuppressedTable* published : {&*r, &primary_only}) {
    for (std::size_t i = 0; i < c.table.cells.size(); ++i) {
      auto b = AttackerBounds(c.table, *published, i, {.min_n = c.min_n});
      RC_ASSERT(b.ok());
      auto [lo, hi] = CirculationBounds(c, published->states, i);
      RC_ASSERT(std::abs(b->lo - static_cast<double>(lo)) < 1e-6);
      if (b->hi) {
        RC_ASSERT(std::abs(*b->hi - static_cast<double>(hi)) < 1e-6);
      } else {
        RC_ASSERT(hi > kBig / 2);
      }
    }
  }
}

RC_GTEST_PROP(TableSuppressionProperty, ExemptCellsAreShownExactly, ()) {
  Case c = AnyCase();
  auto r = Run(c);
  RC_ASSERT(r.ok());
  for (std::size_t i = 0; i < c.table.cells.size(); ++i) {
    if (c.table.cells[i].exempt) RC_ASSERT(r->CellJson(c.table, i)["value"] == c.table.cells[i].count);
  }
  // An unsuppressed role: every cell exempt, every count exact.
  for (Cell& cell : c.table.cells) cell.exempt = true;
  auto all = Run(c);
  RC_ASSERT(all.ok());
  for (std::size_t i = 0; i < c.table.cells.size(); ++i) {
    RC_ASSERT(all->CellJson(c.table, i) == (nlohmann::json{{"value", c.table.cells[i].count}, {"suppressed", false}}));
  }
}

RC_GTEST_PROP(TableSuppressionProperty, SameTableSameResult, ()) {
  Case c = AnyCase();
  auto first = Run(c);
  Table copy = c.table;
  auto second = Suppress(copy, {.min_n = c.min_n});
  RC_ASSERT(first.ok() && second.ok());
  RC_ASSERT(first->states == second->states);
}

}  // namespace
}  // namespace pl::privacy
