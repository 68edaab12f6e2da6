// The privacy gate for grouped results (internal to analytics): which rows of
// a grouped table a viewer may see. See analytics.hpp for the rule.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/status.hpp"
#include "privacy/suppression.hpp"

namespace pl::analytics::internal {

// The group structure of a result: `dims` codes per row, row-major. Rows are
// distinct combinations; a combination that is absent counts 0.
struct Grouping {
  std::size_t dims = 0;
  std::size_t rows = 0;
  std::vector<std::uint32_t> codes;
  std::uint32_t code(std::size_t row, std::size_t d) const { return codes[row * dims + d]; }
};

// One row-level decision for every count column of the result together: a
// row is withheld (all its counts, and what derives from them) when any
// column's suppression withholds it. Using one pattern for every column keeps
// two columns with equal counts (rows and non-missing outcomes) from
// revealing each other's complementary cells.
struct RowDecision {
  std::vector<privacy::CellState> states;  // per row
  // False when the result was too large for complementary suppression and
  // only primary suppression was applied (said in the response).
  bool complementary = true;
  std::size_t withheld = 0;
};

struct GateLimits {
  // Largest two-way slice protected as one table (its cells and margins);
  // larger slices are protected line by line (each row against its total),
  // which bounds the complements tried per withheld cell.
  std::size_t max_slice_cells = 2500;
  // Above this many cells in all, complementary suppression is skipped: a
  // bound on a request's time (the full dashboard cube at 30 M rows, about
  // 600,000 cells, takes about 0.04 s on two cores).
  std::size_t max_cells = 2000000;
  // Threads that protect slices side by side; 0 = one per core.
  int threads = 0;
  // Tables that earlier count columns of the same slice settled (every row
  // withheld, no count at the edge of what a reason code tells) are decided
  // without building them. The decisions are the same: false builds every
  // table, for tests that compare the two.
  bool skip_settled_tables = true;
};

// `columns`: the count columns (each with one count per row). `exempt`: rows
// the viewer may see exactly. Slices and totals: with one dimension the
// groups and their total; with two or more, a two-way table of the last two
// dimensions in each slice of the others. Every total is treated as known
// to the attacker (another query shows it), so only interior cells are
// withheld.
Result<RowDecision> ProtectRows(const Grouping& grouping, const std::vector<std::vector<std::int64_t>>& columns,
                                const std::vector<bool>& exempt, const privacy::SuppressionPolicy& policy,
                                const GateLimits& limits = {});

}  // namespace pl::analytics::internal
