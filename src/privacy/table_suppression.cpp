// Table suppression: primary, complementary, and the table_withheld fallback
// (the rule is in suppression.hpp). Whether the attacker can pin a cell is
// decided by reachability when the table's relations form a network (lines
// and two-way tables, CellNetwork), otherwise by a linear program solved with
// LEMON over GLPK.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include <lemon/lp.h>

#include "privacy/internal.hpp"
#include "privacy/suppression.hpp"

#include <glpk.h>

namespace pl::privacy {
namespace {

constexpr double kEps = 1e-6;

// GLPK keeps per-process state and is not documented as thread-safe.
std::mutex& SolverMutex() {
  static std::mutex m;
  return m;
}

// GLPK allocates an environment per thread on first use and frees it only
// when asked; server threads would each keep one until exit. Free it when
// the solver's objects are gone (GLPK makes a new one on next use).
struct FreeSolverEnvironment {
  ~FreeSolverEnvironment() { glp_free_env(); }
};

// Every relation names cells of the table.
Status ValidateIndices(const Table& table) {
  const std::size_t n = table.cells.size();
  for (std::size_t r = 0; r < table.relations.size(); ++r) {
    const Relation& rel = table.relations[r];
    auto bad = std::find_if(rel.parts.begin(), rel.parts.end(), [n](std::size_t i) { return i >= n; });
    if (bad != rel.parts.end() || rel.total >= n) {
      const std::size_t i = bad != rel.parts.end() ? *bad : rel.total;
      return InvalidArgument("relation " + std::to_string(r) + ": cell index " + std::to_string(i) +
                                 " is out of range (the table has " + std::to_string(n) + " cells)",
                             {{"relation", r}});
    }
  }
  return Status::Ok();
}

// `indices_checked`: the relations' indices are known to be in range (a
// TableShape checked them for tables of this size).
Status ValidateTable(const Table& table, bool indices_checked = false) {
  const std::size_t n = table.cells.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (table.cells[i].count < 0) {
      return InvalidArgument("cell " + std::to_string(i) + ": count must be >= 0, got " +
                                 std::to_string(table.cells[i].count),
                             {{"cell", i}});
    }
  }
  if (!indices_checked) PL_RETURN_IF_ERROR(ValidateIndices(table));
  for (std::size_t r = 0; r < table.relations.size(); ++r) {
    const Relation& rel = table.relations[r];
    std::int64_t sum = 0;
    for (std::size_t i : rel.parts) {
      if (__builtin_add_overflow(sum, table.cells[i].count, &sum)) {
        return InvalidArgument("relation " + std::to_string(r) + ": the parts overflow a 64-bit count",
                               {{"relation", r}});
      }
    }
    if (sum != table.cells[rel.total].count) {
      return InvalidArgument("relation " + std::to_string(r) + ": parts add up to " + std::to_string(sum) +
                                 " but total cell " + std::to_string(rel.total) + " holds " +
                                 std::to_string(table.cells[rel.total].count),
                             {{"relation", r}});
    }
  }
  return Status::Ok();
}

bool IsBelowMinN(std::int64_t count, std::int64_t min_n) { return count >= 1 && count < min_n; }

// The attacker's linear program over one published state of a table: one
// column per cell, one equality per relation. Changing a cell's state only
// changes its column bounds, so GLPK re-solves from the previous basis.
class AttackerLp {
 public:
  AttackerLp(const Table& table, const std::vector<CellState>& states, std::int64_t min_n)
      : table_(table), min_n_(min_n) {
    lp_.messageLevel(lemon::LpBase::MESSAGE_NOTHING);
    cols_.reserve(table.cells.size());
    for (std::size_t i = 0; i < table.cells.size(); ++i) {
      cols_.push_back(lp_.addCol());
      SetState(i, states[i]);
    }
    for (const Relation& rel : table.relations) {
      lemon::Lp::Expr e;
      for (std::size_t p : rel.parts) e += cols_[p];
      e -= cols_[rel.total];
      lp_.addRow(e == 0);
    }
  }

  // What the attacker knows of cell i when it is published in `state`.
  void SetState(std::size_t i, CellState state) {
    const Cell& cell = table_.cells[i];
    const double count = static_cast<double>(cell.count);
    if (state == CellState::kShown || cell.exempt) {
      lp_.colBounds(cols_[i], count, count);
    } else if (state == CellState::kPrimary && IsBelowMinN(cell.count, min_n_)) {
      // "below_min_n" tells 1..min_n-1. A forced cell (a rate) outside that
      // range is only known to be non-negative.
      lp_.colBounds(cols_[i], 1, static_cast<double>(min_n_ - 1));
    } else {
      lp_.colBounds(cols_[i], 0, lemon::Lp::INF);
    }
  }

  Result<Bounds> BoundsOf(std::size_t i) {
    PL_ASSIGN_OR_RETURN(std::optional<double> lo, Optimize(i, /*maximize=*/false));
    if (!lo) return Internal("attacker bounds: the minimum of a non-negative cell is unbounded");
    PL_ASSIGN_OR_RETURN(std::optional<double> hi, Optimize(i, /*maximize=*/true));
    return Bounds{*lo, hi};
  }

  // The true count is feasible, so "pinned" means no other integer is: test
  // the maximum first and solve for the minimum only when it is needed.
  Result<bool> Pinned(std::size_t i) {
    const double count = static_cast<double>(table_.cells[i].count);
    PL_ASSIGN_OR_RETURN(std::optional<double> hi, Optimize(i, /*maximize=*/true));
    if (!hi || std::floor(*hi + kEps) > count) return false;
    PL_ASSIGN_OR_RETURN(std::optional<double> lo, Optimize(i, /*maximize=*/false));
    if (!lo) return Internal("attacker bounds: the minimum of a non-negative cell is unbounded");
    return std::ceil(*lo - kEps) >= count;
  }

 private:
  // nullopt when the objective is unbounded.
  Result<std::optional<double>> Optimize(std::size_t i, bool maximize) {
    lp_.obj(cols_[i]);
    if (maximize) {
      lp_.max();
    } else {
      lp_.min();
    }
    if (lp_.solve() != lemon::Lp::SOLVED) return Internal("attacker bounds: the LP solver failed");
    switch (lp_.primalType()) {
      case lemon::Lp::OPTIMAL:
        return std::optional<double>(lp_.primal());
      case lemon::Lp::UNBOUNDED:
        return std::optional<double>();
      default:
        // The true counts satisfy every constraint, so this means a bug.
        return Internal("attacker bounds: the published table is infeasible", {{"cell", i}});
    }
  }

  const Table& table_;
  std::int64_t min_n_;
  lemon::Lp lp_;
  std::vector<lemon::Lp::Col> cols_;
};

// Which cells share a relation with each cell, and which are totals. The
// mates of all cells sit in one array (offsets per cell): tables are small
// and many, so one allocation beats one per cell.
class Structure {
 public:
  explicit Structure(const Table& table) : offsets_(table.cells.size() + 1, 0), is_total_(table.cells.size(), 0) {
    // Each relation's members are mates of one another: count, place, then
    // sort and drop repeats (a cell in two relations with a common mate).
    for (const Relation& rel : table.relations) {
      is_total_[rel.total] = 1;
      const std::size_t members = rel.parts.size() + 1;
      offsets_[rel.total + 1] += members - 1;
      for (std::size_t p : rel.parts) offsets_[p + 1] += members - 1;
    }
    for (std::size_t i = 1; i < offsets_.size(); ++i) offsets_[i] += offsets_[i - 1];
    mates_.resize(offsets_.back());
    std::vector<std::size_t> fill(offsets_.begin(), offsets_.end() - 1);
    for (const Relation& rel : table.relations) {
      auto add = [&](std::size_t a) {
        if (a != rel.total) mates_[fill[a]++] = rel.total;
        for (std::size_t b : rel.parts) {
          if (a != b) mates_[fill[a]++] = b;
        }
      };
      add(rel.total);
      for (std::size_t p : rel.parts) add(p);
    }
    // Compact each cell's list after sorting it, and the offsets with it.
    std::size_t out = 0;
    for (std::size_t i = 0; i + 1 < offsets_.size(); ++i) {
      auto first = mates_.begin() + static_cast<std::ptrdiff_t>(offsets_[i]);
      auto last = mates_.begin() + static_cast<std::ptrdiff_t>(fill[i]);
      std::sort(first, last);
      last = std::unique(first, last);
      const auto length = static_cast<std::size_t>(last - first);
      // Moves the list left over the room freed by earlier repeats.
      if (out != offsets_[i]) std::copy(first, last, mates_.begin() + static_cast<std::ptrdiff_t>(out));
      offsets_[i] = out;
      out += length;
    }
    offsets_.back() = out;
    mates_.resize(out);
  }

  std::span<const std::size_t> MatesOf(std::size_t i) const {
    return {mates_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]};
  }
  bool IsTotal(std::size_t i) const { return is_total_[i] != 0; }

 private:
  std::vector<std::size_t> offsets_;  // cell i's mates: mates_[offsets_[i], offsets_[i + 1])
  std::vector<std::size_t> mates_;
  std::vector<std::uint8_t> is_total_;
};

// Tables whose relations form a network: every cell is in at most two
// relations, and each relation can be given a sign so that every cell leaves
// one relation and enters the other (one-way lines, two-way tables with their
// margins). Each relation is then a node where flow is conserved, each cell
// an arc, and cells in one relation run to a ground node that balances
// itself. Another table consistent with what is published is the true one
// plus a circulation, and a circulation is a sum of cycles: so a cell can
// take another value exactly when a cycle of the residual graph passes
// through it. That is a reachability question, answered without the LP.
class CellNetwork {
 public:
  // nullopt when the relations do not form a network (the LP decides then).
  static std::optional<CellNetwork> Of(const Table& table) {
    const std::size_t relations = table.relations.size();
    const std::size_t cells = table.cells.size();
    // Each cell's (relation, +1 part / -1 total) entries: two at most.
    struct Entry {
      std::size_t relation;
      int coefficient;
    };
    std::vector<std::array<Entry, 2>> in(cells);
    std::vector<std::uint8_t> entries(cells, 0);
    auto note = [&](std::size_t cell, std::size_t r, int a) {
      if (entries[cell] == 2) return false;
      in[cell][entries[cell]++] = {r, a};
      return true;
    };
    for (std::size_t r = 0; r < relations; ++r) {
      if (!note(table.relations[r].total, r, -1)) return std::nullopt;
      for (std::size_t p : table.relations[r].parts) {
        if (!note(p, r, +1)) return std::nullopt;
      }
    }
    // Signs by union-find with parity: a cell with coefficients a and b in
    // relations r and q needs sign(r)*a == -sign(q)*b.
    std::vector<std::size_t> parent(relations);
    std::vector<int> parity(relations, 0);  // sign relative to the parent: 0 same, 1 opposite
    for (std::size_t r = 0; r < relations; ++r) parent[r] = r;
    auto find = [&](std::size_t r) {
      int par = 0;
      while (parent[r] != r) {
        par ^= parity[r];
        r = parent[r];
      }
      return std::pair{r, par};
    };
    for (std::size_t i = 0; i < cells; ++i) {
      if (entries[i] < 2) continue;
      const auto [r, a] = in[i][0];
      const auto [q, b] = in[i][1];
      if (r == q) return std::nullopt;  // a part and the total of one relation
      const int opposite = a == b ? 1 : 0;
      auto [rr, pr] = find(r);
      auto [rq, pq] = find(q);
      if (rr == rq) {
        if ((pr ^ pq) != opposite) return std::nullopt;
        continue;
      }
      parent[rr] = rq;
      parity[rr] = pr ^ pq ^ opposite;
    }
    CellNetwork net;
    const std::size_t ground = relations;
    net.from_.resize(cells);
    net.to_.resize(cells);
    std::vector<std::size_t> degree(relations + 2, 0);
    for (std::size_t i = 0; i < cells; ++i) {
      std::size_t from = ground, to = ground;
      for (std::uint8_t k = 0; k < entries[i]; ++k) {
        const auto [r, a] = in[i][k];
        const int sign = find(r).second == 0 ? 1 : -1;
        (sign * a > 0 ? from : to) = r;
      }
      net.from_[i] = from;
      net.to_[i] = to;
      if (from == to) continue;  // in no relation: nothing ties it to the rest
      ++degree[from + 1];
      ++degree[to + 1];
    }
    // Each node's cells, in one array (offsets per node).
    for (std::size_t v = 1; v < degree.size(); ++v) degree[v] += degree[v - 1];
    net.offsets_ = degree;
    net.incident_.resize(degree.back());
    for (std::size_t i = 0; i < cells; ++i) {
      if (net.from_[i] == net.to_[i]) continue;
      net.incident_[degree[net.from_[i]]++] = i;
      net.incident_[degree[net.to_[i]]++] = i;
    }
    return net;
  }

  // Reaches's working memory, one per caller: the network itself is
  // immutable, so a TableShape may be shared.
  struct Scratch {
    // seen[v] == search: node v was reached by the current search (no
    // clearing between searches).
    std::vector<std::uint32_t> seen;
    std::uint32_t search = 0;
    std::vector<std::size_t> stack;
    std::vector<std::size_t> via;  // via[v]: the cell the search entered node v by
    // After Movable found a cycle: its cells other than the one asked about.
    // Every one of them can take another value too (the cycle moves them all).
    std::vector<std::size_t> cycle;
  };

  // Whether cell i can take another value: `can_move(j, delta)` says whether
  // cell j may move by delta (+1 or -1) within what the attacker knows.
  template <typename CanMove>
  bool Movable(std::size_t i, const CanMove& can_move, Scratch& scratch) const {
    scratch.cycle.clear();
    if (from_[i] == to_[i]) return can_move(i, +1) || can_move(i, -1);
    // Up: back from the arc's head to its tail; down: the other way.
    return (can_move(i, +1) && Reaches(to_[i], from_[i], i, can_move, scratch)) ||
           (can_move(i, -1) && Reaches(from_[i], to_[i], i, can_move, scratch));
  }

 private:
  // A path from `start` to `goal` in the residual graph, without cell `skip`.
  // Searched depth first on raw arrays: tables are small and searches many
  // (the dashboard cube's gate makes about 800,000).
  template <typename CanMove>
  bool Reaches(std::size_t start, std::size_t goal, std::size_t skip, const CanMove& can_move, Scratch& scratch) const {
    const std::size_t nodes = offsets_.size() - 1;
    if (scratch.seen.size() < nodes || ++scratch.search == 0) {
      scratch.seen.assign(std::max(scratch.seen.size(), nodes), 0);
      scratch.via.resize(scratch.seen.size());
      scratch.stack.resize(scratch.seen.size());  // a node is pushed once at most
      scratch.search = 1;
    }
    if (start == goal) return true;
    const std::uint32_t mark = scratch.search;
    std::uint32_t* seen = scratch.seen.data();
    std::size_t* via = scratch.via.data();
    std::size_t* stack = scratch.stack.data();
    const std::size_t *from = from_.data(), *to = to_.data(), *offsets = offsets_.data(), *incident = incident_.data();
    std::size_t top = 0;
    stack[top++] = start;
    seen[start] = mark;
    while (top > 0) {
      const std::size_t node = stack[--top];
      for (std::size_t k = offsets[node]; k < offsets[node + 1]; ++k) {
        const std::size_t j = incident[k];
        if (j == skip) continue;
        // Forward along the arc when it may grow, backward when it may shrink.
        const bool out = from[j] == node;
        const std::size_t next = out ? to[j] : from[j];
        if (seen[next] == mark || !can_move(j, out ? +1 : -1)) continue;
        seen[next] = mark;
        via[next] = j;
        if (next == goal) {
          // The path back to the start, arc by arc: with the cell asked
          // about it closes the cycle.
          for (std::size_t v = goal; v != start;) {
            const std::size_t arc = via[v];
            scratch.cycle.push_back(arc);
            v = to[arc] == v ? from[arc] : to[arc];
          }
          return true;
        }
        stack[top++] = next;
      }
    }
    return false;
  }

  std::vector<std::size_t> from_, to_;                // per cell: the arc's tail and head nodes
  std::vector<std::size_t> offsets_;                  // node v's cells: incident_[offsets_[v], offsets_[v+1])
  std::vector<std::size_t> incident_;
};

}  // namespace

// What Suppress derives from the relations alone.
struct TableShape::Parts {
  std::size_t cells = 0, relations = 0;
  std::optional<CellNetwork> network;  // when the relations form one
  Structure structure;
};

Result<TableShape> TableShape::Of(const Table& table) {
  PL_RETURN_IF_ERROR(ValidateIndices(table));
  TableShape shape;
  shape.parts_ = std::make_unique<const Parts>(Parts{.cells = table.cells.size(),
                                                     .relations = table.relations.size(),
                                                     .network = CellNetwork::Of(table),
                                                     .structure = Structure(table)});
  return shape;
}
TableShape::TableShape(TableShape&&) noexcept = default;
TableShape& TableShape::operator=(TableShape&&) noexcept = default;
TableShape::~TableShape() = default;

namespace {

// A Suppressor's working memory, kept per thread: tables are small and many
// (the analytics gate decides tens of thousands per answer), so allocating
// it for each would cost more than deciding most of them.
struct SuppressorWork {
  std::vector<std::uint8_t> flags;
  CellNetwork::Scratch search;
  std::vector<std::size_t> pinned, candidates;
};
SuppressorWork& ThreadWork() {
  thread_local SuppressorWork work;
  return work;
}

class Suppressor {
 public:
  // `shape`: the table's TableShape::Parts, or null to derive what is needed
  // here (the network unless !use_network; the structure when complements
  // are first chosen).
  Suppressor(const Table& table, std::vector<CellState>& states, std::int64_t min_n, bool use_network,
             const TableShape::Parts* shape)
      : table_(table), states_(states), min_n_(min_n) {
    flags_.assign(table.cells.size(), 0);
    if (shape) {
      structure_ = &shape->structure;
      if (use_network && shape->network) network_ = &*shape->network;
    } else if (use_network) {
      own_network_ = CellNetwork::Of(table);
      if (own_network_) network_ = &*own_network_;
    }
    if (network_) {
      for (std::size_t i = 0; i < flags_.size(); ++i) {
        flags_[i] = static_cast<std::uint8_t>(Moves(i, Model::kPublished) | Moves(i, Model::kExemptOnly) << 2);
      }
    }
  }

  // Rules 2 and 3 of the header.
  Status Run() {
    if (network_) {
      // Each cell moves as it would for the attacker who sees only the
      // exempt cells: whatever is pinned, they pin, and rule 2 leaves it.
      if (std::all_of(flags_.begin(), flags_.end(), [](std::uint8_t f) { return (f & 3) == (f >> 2 & 3); })) {
        return Status::Ok();
      }
      // Nothing left to suppress (the gate's later count columns, where an
      // earlier one withheld every row): the table is withheld as a table
      // at the first cell pinned beyond what the exempt cells pin.
      if (!AnySuppressible()) {
        for (std::size_t i = 0; i < states_.size(); ++i) {
          if (states_[i] == CellState::kShown || (flags_[i] & kSettled)) continue;
          if (!NetworkMovable(i, Model::kPublished) && !PinnedByExemptCellsInNetwork(i)) return WithholdTable();
        }
        return Status::Ok();
      }
    }
    while (true) {
      PL_ASSIGN_OR_RETURN(const std::vector<std::size_t>* pinned_now, PinnedCells());
      const std::vector<std::size_t>& pinned = *pinned_now;
      if (pinned.empty()) return Status::Ok();
      PL_ASSIGN_OR_RETURN(std::optional<std::size_t> chosen, Choose(pinned));
      if (!chosen) return WithholdTable();
      SetState(*chosen, CellState::kComplementary);
    }
  }

 private:
  bool Suppressible(std::size_t i) const {
    return states_[i] == CellState::kShown && !table_.cells[i].exempt;
  }
  bool AnySuppressible() const {
    for (std::size_t i = 0; i < states_.size(); ++i) {
      if (Suppressible(i)) return true;
    }
    return false;
  }

  // Smallest count first; ties: interior before totals, then the lower index.
  void SortCandidates(std::vector<std::size_t>& c) const {
    std::sort(c.begin(), c.end(), [&](std::size_t a, std::size_t b) {
      return std::tuple(table_.cells[a].count, Shape().IsTotal(a), a) <
             std::tuple(table_.cells[b].count, Shape().IsTotal(b), b);
    });
  }

  // Valid until the next call.
  const std::vector<std::size_t>& CandidatesAround(std::size_t i) const {
    std::vector<std::size_t>& c = work_.candidates;
    c.clear();
    for (std::size_t m : Shape().MatesOf(i)) {
      if (Suppressible(m)) c.push_back(m);
    }
    SortCandidates(c);
    return c;
  }

  std::vector<std::size_t> AllCandidates() const {
    std::vector<std::size_t> c;
    for (std::size_t i = 0; i < states_.size(); ++i) {
      if (Suppressible(i)) c.push_back(i);
    }
    SortCandidates(c);
    return c;
  }

  // Which attacker: the one who sees the current states, or the one who
  // sees only the exempt cells (PinnedByExemptCells).
  enum class Model { kPublished, kExemptOnly };

  // What the attacker knows of cell i (as AttackerLp::SetState): fixed,
  // 1..min_n-1, or >= 0.
  struct Range {
    std::int64_t lo, hi;  // hi < 0: unbounded
  };
  Range RangeOf(std::size_t i, Model model) const {
    const Cell& cell = table_.cells[i];
    if (cell.exempt) return {cell.count, cell.count};
    if (model == Model::kExemptOnly) return {0, -1};
    if (states_[i] == CellState::kShown) return {cell.count, cell.count};
    if (states_[i] == CellState::kPrimary && IsBelowMinN(cell.count, min_n_)) return {1, min_n_ - 1};
    return {0, -1};
  }
  // The moves of cell i as bits: 1 up, 2 down. Asked for every cell of
  // every table, so the range is read once for both.
  std::uint8_t Moves(std::size_t i, Model model) const {
    const Range r = RangeOf(i, model);
    const std::int64_t count = table_.cells[i].count;
    const bool up = count + 1 >= r.lo && (r.hi < 0 || count + 1 <= r.hi);
    const bool down = count - 1 >= r.lo && (r.hi < 0 || count - 1 <= r.hi);
    return static_cast<std::uint8_t>((up ? 1 : 0) | (down ? 2 : 0));
  }

  // A cell's published state; its moves and the LP follow.
  void SetState(std::size_t i, CellState state) {
    states_[i] = state;
    if (network_) flags_[i] = static_cast<std::uint8_t>((flags_[i] & ~kMovesNow) | Moves(i, Model::kPublished));
    if (lp_) lp_->SetState(i, state);
  }

  // Whether the network lets cell i take another value. As published, every
  // cell on the cycle found can take another value too, now and after any
  // further suppression: they are settled without searches of their own.
  bool NetworkMovable(std::size_t i, Model model) const {
    const int shift = model == Model::kPublished ? 0 : 2;
    const bool movable = network_->Movable(
        i, [&](std::size_t j, int delta) { return ((flags_[j] >> shift) & (delta > 0 ? 1 : 2)) != 0; }, scratch_);
    if (movable && model == Model::kPublished) {
      for (std::size_t j : scratch_.cycle) flags_[j] |= kSettled;
    }
    return movable;
  }

  // Pinned: by the network when the table is one, else by the LP.
  Result<bool> Pinned(std::size_t i) {
    if (network_) return !NetworkMovable(i, Model::kPublished);
    return Lp().Pinned(i);
  }

  // Suppressed cells the attacker can pin, by index, leaving out those the
  // exempt cells alone pin. Suppressing more only widens the attacker's
  // bounds, so a cell once unpinned stays unpinned.
  // Valid until the next call.
  Result<const std::vector<std::size_t>*> PinnedCells() {
    std::vector<std::size_t>& pinned = work_.pinned;
    pinned.clear();
    for (std::size_t i = 0; i < states_.size(); ++i) {
      if (states_[i] == CellState::kShown || (flags_[i] & kSettled)) continue;
      PL_ASSIGN_OR_RETURN(bool p, Pinned(i));
      if (p) {
        // What the exempt cells alone pin does not change: asked once per cell.
        if (!(flags_[i] & kExemptLeaveFree)) {
          PL_ASSIGN_OR_RETURN(bool by_exempt, PinnedByExemptCells(i));
          flags_[i] |= by_exempt ? kSettled : kExemptLeaveFree;
        }
        if (!(flags_[i] & kSettled)) pinned.push_back(i);
      } else {
        flags_[i] |= kSettled;
      }
    }
    return &pinned;
  }

  // The viewer may derive such a cell from what it may see exactly: no
  // suppression changes that, and chasing it would withhold the whole table.
  bool PinnedByExemptCellsInNetwork(std::size_t i) const { return !NetworkMovable(i, Model::kExemptOnly); }
  Result<bool> PinnedByExemptCells(std::size_t i) {
    if (network_) return PinnedByExemptCellsInNetwork(i);
    if (!exempt_only_) {
      Lp();  // holds the solver
      std::vector<CellState> withheld(states_.size(), CellState::kTableWithheld);
      exempt_only_ = std::make_unique<AttackerLp>(table_, withheld, min_n_);
    }
    return exempt_only_->Pinned(i);
  }

  // The first candidate (pinned cells by index, then candidates in order)
  // that alone unpins its pinned cell. A cycle of suppressions is often
  // closed through another pinned cell than the first, so all are tried.
  // Else the smallest candidate of the first pinned cell that has one; when
  // the pinned cells' relations hold none, any suppressible cell; nullopt
  // when every non-exempt cell is suppressed.
  Result<std::optional<std::size_t>> Choose(const std::vector<std::size_t>& pinned) {
    std::optional<std::size_t> fallback;
    for (std::size_t p : pinned) {
      for (std::size_t c : CandidatesAround(p)) {
        if (!fallback) fallback = c;
        SetState(c, CellState::kComplementary);
        Result<bool> still = Pinned(p);
        SetState(c, CellState::kShown);
        if (!still.ok()) return still.status();
        if (*still) continue;
        // p is free now and stays so (more suppression only widens what the
        // attacker must allow). In a network the cycle that frees p runs
        // through c, so c is free too; an LP's bounds need not say so for
        // integers, and c is checked in the next round.
        flags_[p] |= kSettled;
        if (network_) flags_[c] |= kSettled;
        return std::optional<std::size_t>(c);
      }
    }
    if (fallback) return fallback;
    std::vector<std::size_t> all = AllCandidates();
    if (all.empty()) return std::optional<std::size_t>();
    return std::optional<std::size_t>(all.front());
  }

  // Every non-exempt cell is suppressed and the reason codes still pin one:
  // withhold them all under a code that tells nothing about size.
  Status WithholdTable() {
    for (std::size_t i = 0; i < states_.size(); ++i) {
      if (!table_.cells[i].exempt) SetState(i, CellState::kTableWithheld);
    }
    return Status::Ok();
  }

  const Table& table_;
  std::vector<CellState>& states_;
  // From the TableShape, or built when complements are first chosen: most
  // tables need none.
  const Structure& Shape() const {
    if (structure_) return *structure_;
    if (!own_structure_) own_structure_.emplace(table_);
    return *own_structure_;
  }
  const Structure* structure_ = nullptr;
  mutable std::optional<Structure> own_structure_;
  std::int64_t min_n_;
  // The solver is taken only for tables that are not networks. Declared
  // before the LPs so that it is released after them.
  struct Solver {
    std::unique_lock<std::mutex> lock{SolverMutex()};
    ~Solver() { glp_free_env(); }  // the LPs are gone by now (see Suppressor's destructor)
  };
  AttackerLp& Lp() {
    if (!lp_) {
      solver_ = std::make_unique<Solver>();
      lp_ = std::make_unique<AttackerLp>(table_, states_, min_n_);
    }
    return *lp_;
  }
  std::unique_ptr<Solver> solver_;
  std::unique_ptr<AttackerLp> lp_;
  // Per cell: its moves for the network's searches (up 1, down 2) as
  // published now (bits 0-1) and for the attacker who sees only exempt
  // cells (bits 2-3); settled (unpinned, or pinned by the exempt cells); the
  // exempt cells alone known not to pin it.
  static constexpr std::uint8_t kMovesNow = 3, kSettled = 16, kExemptLeaveFree = 32;
  SuppressorWork& work_ = ThreadWork();
  std::vector<std::uint8_t>& flags_ = work_.flags;
  std::unique_ptr<AttackerLp> exempt_only_;  // every non-exempt cell unknown
  // Set when the table is a network (and the caller allows it): it decides
  // every cell. The TableShape's, or this table's own.
  const CellNetwork* network_ = nullptr;
  std::optional<CellNetwork> own_network_;
  CellNetwork::Scratch& scratch_ = work_.search;  // the searches' working memory

 public:
  ~Suppressor() {
    exempt_only_.reset();
    lp_.reset();
    solver_.reset();
  }
};

// Rules 2 and 3, from the starting states in `out`.
Status Decide(const Table& table, std::int64_t min_n, bool use_network, const TableShape::Parts* shape,
              std::vector<CellState>& states) {
  if (std::none_of(states.begin(), states.end(), [](CellState s) { return s == CellState::kPrimary; })) {
    return Status::Ok();
  }
  Suppressor suppressor(table, states, min_n, use_network, shape);
  return suppressor.Run();
}

// Rule 1, and the cells the caller withholds anyway.
void StartingStates(const Table& table, std::int64_t min_n, std::vector<CellState>& states) {
  states.resize(table.cells.size());
  for (std::size_t i = 0; i < table.cells.size(); ++i) {
    const Cell& cell = table.cells[i];
    states[i] = cell.exempt                                            ? CellState::kShown
                : cell.force_primary || IsBelowMinN(cell.count, min_n) ? CellState::kPrimary
                : cell.withheld                                        ? CellState::kComplementary
                                                                       : CellState::kShown;
  }
}

// All that the Suppressor reads of a network table besides its shape: per
// cell, whether it is exempt, its starting state and the class of its count
// (which sets its moves for both attackers, and any later state's); then
// the order of the candidates' counts (shown cells the viewer may not see:
// the order complements are tried in), as each one's number of smaller
// candidate counts. At most SuppressionMemo::kMaxCells cells.
std::array<std::uint64_t, 3> DecisionKey(const Table& table, const std::vector<CellState>& states, std::int64_t min_n) {
  const std::size_t n = table.cells.size();
  std::array<std::uint8_t, 16> bytes{};
  std::array<std::int64_t, SuppressionMemo::kMaxCells> candidates;
  std::size_t k = 0;
  std::array<bool, SuppressionMemo::kMaxCells> candidate{};
  for (std::size_t i = 0; i < n; ++i) {
    const Cell& cell = table.cells[i];
    const std::int64_t c = cell.count;
    // 0, 1, 2..min_n-2, min_n-1, min_n and more, without branches (counts
    // are random to the branch predictor); with min_n 2, 1 is min_n - 1.
    const int count_class = (c >= 1) + (c >= 2) + (c >= min_n - 1) + (c >= min_n);
    bytes[i] = static_cast<std::uint8_t>((cell.exempt ? 1 : 0) | static_cast<int>(states[i]) << 1 | count_class << 3);
    candidate[i] = states[i] == CellState::kShown && !cell.exempt;
    candidates[k] = c;
    k += candidate[i];
  }
  std::array<std::uint64_t, 3> key{};
  std::memcpy(key.data(), bytes.data(), sizeof bytes);
  if (k < 2) return key;  // one candidate or none: no order to tell
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t smaller = 0;
    for (std::size_t j = 0; j < k; ++j) smaller += candidates[j] < table.cells[i].count;
    key[2] |= (candidate[i] ? smaller : 0) << (4 * i);
  }
  return key;
}

std::size_t HashOf(const std::array<std::uint64_t, 3>& key) {
  std::uint64_t h = 0x9e3779b97f4a7c15ull;
  for (std::uint64_t w : key) {
    h ^= w;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  return static_cast<std::size_t>(h);
}

}  // namespace

Table Table::OneWay(const std::vector<std::int64_t>& groups, std::int64_t overall) {
  Table t;
  Relation rel{groups.size(), {}};
  for (std::size_t i = 0; i < groups.size(); ++i) {
    t.cells.push_back({groups[i]});
    rel.parts.push_back(i);
  }
  t.cells.push_back({overall});
  t.relations.push_back(std::move(rel));
  return t;
}

Table Table::TwoWay(std::size_t rows, std::size_t cols, const std::vector<std::int64_t>& interior) {
  Table t;
  t.cells.resize(rows * cols + rows + cols + 1);
  for (std::size_t i = 0; i < rows * cols && i < interior.size(); ++i) t.cells[i].count = interior[i];
  Relation grand_by_rows{TwoWayGrandTotal(rows, cols), {}};
  Relation grand_by_cols{TwoWayGrandTotal(rows, cols), {}};
  for (std::size_t r = 0; r < rows; ++r) {
    Relation row{TwoWayRowTotal(rows, cols, r), {}};
    for (std::size_t c = 0; c < cols; ++c) row.parts.push_back(TwoWayCell(cols, r, c));
    grand_by_rows.parts.push_back(row.total);
    t.relations.push_back(std::move(row));
  }
  for (std::size_t c = 0; c < cols; ++c) {
    Relation col{TwoWayColumnTotal(rows, cols, c), {}};
    for (std::size_t r = 0; r < rows; ++r) col.parts.push_back(TwoWayCell(cols, r, c));
    grand_by_cols.parts.push_back(col.total);
    t.relations.push_back(std::move(col));
  }
  t.relations.push_back(std::move(grand_by_rows));
  t.relations.push_back(std::move(grand_by_cols));
  // Margins are the sums of the interior, so the relations hold by construction.
  for (const Relation& rel : t.relations) {
    std::int64_t sum = 0;
    for (std::size_t p : rel.parts) sum += t.cells[p].count;
    t.cells[rel.total].count = sum;
  }
  return t;
}

std::size_t TwoWayCell(std::size_t cols, std::size_t r, std::size_t c) { return r * cols + c; }
std::size_t TwoWayRowTotal(std::size_t rows, std::size_t cols, std::size_t r) { return rows * cols + r; }
std::size_t TwoWayColumnTotal(std::size_t rows, std::size_t cols, std::size_t c) {
  return rows * cols + rows + c;
}
std::size_t TwoWayGrandTotal(std::size_t rows, std::size_t cols) { return rows * cols + rows + cols; }

std::string_view ReasonCode(CellState state) {
  switch (state) {
    case CellState::kShown:
      return "";
    case CellState::kPrimary:
      return "below_min_n";
    case CellState::kComplementary:
      return "complementary";
    case CellState::kTableWithheld:
      return "table_withheld";
  }
  return "";
}

nlohmann::json SuppressedTable::CellJson(const Table& table, std::size_t index) const {
  const CellState state = states.at(index);
  if (state == CellState::kShown) return {{"value", table.cells.at(index).count}, {"suppressed", false}};
  return {{"value", nullptr}, {"suppressed", true}, {"reason", ReasonCode(state)}};
}

namespace internal {

Result<SuppressedTable> Suppress(const Table& table, const SuppressionPolicy& policy, bool use_network,
                                 const TableShape::Parts* shape) {
  PL_RETURN_IF_ERROR(ValidateTable(table, /*indices_checked=*/shape != nullptr));
  if (policy.min_n <= 1) return SuppressedTable{std::vector<CellState>(table.cells.size(), CellState::kShown)};
  SuppressedTable out;
  StartingStates(table, policy.min_n, out.states);
  PL_RETURN_IF_ERROR(Decide(table, policy.min_n, use_network, shape, out.states));
  return out;
}

}  // namespace internal

Result<SuppressedTable> Suppress(const Table& table, const SuppressionPolicy& policy) {
  return internal::Suppress(table, policy, /*use_network=*/true, nullptr);
}

Status TableShape::Fits(const Table& table) const {
  if (parts_->cells != table.cells.size() || parts_->relations != table.relations.size()) {
    return InvalidArgument("the table shape was built for another table: " + std::to_string(parts_->cells) +
                           " cells and " + std::to_string(parts_->relations) + " relations, this table has " +
                           std::to_string(table.cells.size()) + " and " + std::to_string(table.relations.size()) +
                           "; make its own with TableShape::Of");
  }
  return Status::Ok();
}

Result<SuppressedTable> Suppress(const Table& table, const TableShape& shape, const SuppressionPolicy& policy,
                                 SuppressionMemo* memo) {
  if (memo == nullptr) {
    PL_RETURN_IF_ERROR(shape.Fits(table));
    return internal::Suppress(table, policy, /*use_network=*/true, shape.parts_.get());
  }
  SuppressedTable out;
  PL_RETURN_IF_ERROR(Suppress(table, shape, policy, *memo, &out.states));
  return out;
}

Status Suppress(const Table& table, const TableShape& shape, const SuppressionPolicy& policy, SuppressionMemo& memo,
                std::vector<CellState>* states) {
  PL_RETURN_IF_ERROR(shape.Fits(table));
  if (memo.shape_ != shape.parts_.get() || memo.min_n_ != policy.min_n) {
    return InvalidArgument("a suppression memo serves the table shape and min_n it was made for (min_n " +
                           std::to_string(memo.min_n_) + "); make one for each");
  }
  if (!shape.parts_->network || policy.min_n <= 1 || table.cells.size() > SuppressionMemo::kMaxCells) {
    PL_ASSIGN_OR_RETURN(SuppressedTable out,
                        internal::Suppress(table, policy, /*use_network=*/true, shape.parts_.get()));
    *states = std::move(out.states);
    return Status::Ok();
  }
  PL_RETURN_IF_ERROR(ValidateTable(table, /*indices_checked=*/true));
  StartingStates(table, policy.min_n, *states);
  const SuppressionMemo::Key key = DecisionKey(table, *states, policy.min_n);
  if (const SuppressionMemo::Entry* e = memo.Find(key)) {
    for (std::size_t i = 0; i < states->size(); ++i) (*states)[i] = static_cast<CellState>(e->states >> (2 * i) & 3);
    return Status::Ok();
  }
  PL_RETURN_IF_ERROR(Decide(table, policy.min_n, /*use_network=*/true, shape.parts_.get(), *states));
  memo.Add(key, *states);
  return Status::Ok();
}

SuppressionMemo::SuppressionMemo(const TableShape& shape, const SuppressionPolicy& policy)
    : shape_(shape.parts_.get()), min_n_(policy.min_n) {}
SuppressionMemo::~SuppressionMemo() = default;

std::size_t SuppressionMemo::made() const {
  std::lock_guard lock(mu_);
  return made_;
}

const SuppressionMemo::Entry* SuppressionMemo::Find(const Key& key) const {
  const Slots* slots = slots_.load(std::memory_order_acquire);
  if (slots == nullptr) return nullptr;
  const std::size_t mask = slots->capacity - 1;
  for (std::size_t i = HashOf(key) & mask;; i = (i + 1) & mask) {
    const Entry& e = slots->entries[i];
    // An entry being added reads as empty: the table is decided again.
    if (e.used.load(std::memory_order_acquire) == 0) return nullptr;
    if (e.key == key) return &e;
  }
}

void SuppressionMemo::Add(const Key& key, const std::vector<CellState>& states) {
  std::lock_guard lock(mu_);
  auto insert = [](Slots& into, const Key& k, std::uint32_t packed) {
    const std::size_t mask = into.capacity - 1;
    std::size_t i = HashOf(k) & mask;
    for (; into.entries[i].used.load(std::memory_order_relaxed) != 0; i = (i + 1) & mask) {
      if (into.entries[i].key == k) return false;  // another thread added it first
    }
    into.entries[i].key = k;
    into.entries[i].states = packed;
    into.entries[i].used.store(1, std::memory_order_release);
    return true;
  };
  std::uint32_t packed = 0;
  for (std::size_t c = 0; c < states.size(); ++c) packed |= static_cast<std::uint32_t>(states[c]) << (2 * c);
  const Slots* current = slots_.load(std::memory_order_relaxed);
  if (current == nullptr || (made_ + 1) * 2 > current->capacity) {
    auto grown = std::make_unique<Slots>();
    grown->capacity = current == nullptr ? 1024 : current->capacity * 2;
    grown->entries = std::make_unique<Entry[]>(grown->capacity);
    for (std::size_t i = 0; current != nullptr && i < current->capacity; ++i) {
      const Entry& e = current->entries[i];
      if (e.used.load(std::memory_order_relaxed) != 0) insert(*grown, e.key, e.states);
    }
    slots_.store(grown.get(), std::memory_order_release);
    all_slots_.push_back(std::move(grown));
  }
  if (insert(*all_slots_.back(), key, packed)) ++made_;
}

bool RateIsSmall(std::int64_t numerator, std::int64_t denominator, const SuppressionPolicy& policy) {
  // Nonsense input (negative, or more with the outcome than in the group) is
  // withheld rather than published.
  if (numerator < 0 || numerator > denominator) return true;
  const std::int64_t min_n = std::max<std::int64_t>(1, policy.min_n);
  return denominator < min_n || IsBelowMinN(numerator, min_n) || IsBelowMinN(denominator - numerator, min_n);
}

Result<Bounds> AttackerBounds(const Table& table, const SuppressedTable& published, std::size_t index,
                              const SuppressionPolicy& policy) {
  PL_RETURN_IF_ERROR(ValidateTable(table));
  if (published.states.size() != table.cells.size()) {
    return InvalidArgument("published states: expected one per cell (" + std::to_string(table.cells.size()) +
                           "), got " + std::to_string(published.states.size()));
  }
  if (index >= table.cells.size()) {
    return InvalidArgument("cell index " + std::to_string(index) + " is out of range (the table has " +
                           std::to_string(table.cells.size()) + " cells)");
  }
  std::lock_guard lock(SolverMutex());
  FreeSolverEnvironment free_environment;
  AttackerLp lp(table, published.states, std::max<std::int64_t>(1, policy.min_n));
  return lp.BoundsOf(index);
}

}  // namespace pl::privacy
