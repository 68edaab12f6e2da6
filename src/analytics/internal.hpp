// Shared by the analyses of this module (not part of its interface).
#pragma once

#include <vector>

#include "analytics/analytics.hpp"
#include "analytics/gate.hpp"

namespace pl::analytics::internal {

// A query's result with the gate's decision for each row.
struct Gated {
  engine::QueryResult result;
  std::vector<bool> exact;          // the viewer may see the row exactly
  RowDecision rows;                 // counts and rates of outcomes
  // Per numeric measure column's `<m>_n`: the decision for that measure's
  // mean, median and sum (its own counts; a withheld row withholds them too).
  std::map<std::string, RowDecision> measures;
};

// Parses, runs and gates `spec`.
Result<Gated> RunGated(const engine::Snapshot& snapshot, const Labels& labels, const nlohmann::json& spec,
                       const Viewer& viewer, const privacy::SuppressionPolicy& policy, int threads);

// RunGated, refusing a result of more than `max_rows` groups.
Result<Gated> RunGatedWithin(const engine::Snapshot& snapshot, const Labels& labels, const nlohmann::json& spec,
                             const Viewer& viewer, const privacy::SuppressionPolicy& policy, std::uint64_t max_rows);

// The decision that governs a value column: its measure's own, else the row's.
const RowDecision& DecisionFor(const Gated& gated, const engine::ResultColumn& column);

// Whether complementary suppression ran for every decision of the result.
bool Complementary(const Gated& gated);

std::string Text(const nlohmann::json& v);

// {"value": v | null, "suppressed": b, "reason": r}
nlohmann::json Published(nlohmann::json value, privacy::CellState state);

}  // namespace pl::analytics::internal
