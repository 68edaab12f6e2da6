// Internal to the equity module (not a public header): the sorted cells the
// three methods share, so that Iterate prepares them once for all three.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "equity/equity.hpp"

namespace pl::equity::internal {

// Cells sorted by cohort then group (bytes, missing last), one per
// (cohort, group), with the cohort blocks' bounds.
struct Cells {
  std::vector<GroupTotal> cells;
  std::vector<std::size_t> cohort_begin;  // block b is [cohort_begin[b], cohort_begin[b + 1])
};

// Sorts and merges (long double sums, input order) cells; refuses negative
// or NaN counts.
Result<Cells> PrepareCells(std::span<const GroupTotal> input);

// The methods on prepared cells; option checks are the callers' (Ppg,
// PropIndex, Index80 and Iterate validate first).
std::vector<PpgRow> PpgOnCells(const Cells& cells, const PpgOptions& options);
std::vector<PropIndexRow> PropIndexOnCells(const Cells& cells, const PropIndexOptions& options);
// `reference_rates` receives the reference rate of each row when not null.
std::vector<Index80Row> Index80OnCells(const Cells& cells, const Index80Options& options);

// Ordering of optional strings used everywhere: bytes, missing last.
inline bool LessMissingLast(const OptString& a, const OptString& b) {
  if (!a || !b) return a.has_value() && !b.has_value();
  return *a < *b;
}

// A group spec resolved to a categorical column: a column of the frame, or
// an intersection computed for the occasion (owned).
struct ResolvedColumn {
  const CategoricalColumn* column = nullptr;
  std::unique_ptr<CategoricalColumn> owned;
};
// Errors: InvalidArgument "unknown column: x" (naming what kind was
// expected, `role`, e.g. "group variable").
Result<ResolvedColumn> ResolveCategorical(const Frame& frame, std::string_view spec, std::string_view role);

// Encodes values (levels sorted by bytes).
CategoricalColumn EncodeColumn(std::string name, const std::vector<OptString>& values);

}  // namespace pl::equity::internal
