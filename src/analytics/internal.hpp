// Shared by the analyses of this module (not part of its interface).
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
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

// The counts the gate protects in a result. `rows`: every student count of a
// row (rows, distinct students, each outcome's successes and known rows) and,
// for each outcome's successes, those without it (its known rows, else the
// row count, less its successes). `measures`: each numeric measure's known
// count (`<m>_n`), decided on its own.
struct StudentCounts {
  std::vector<std::vector<std::int64_t>> rows;
  std::map<std::string, std::vector<std::int64_t>> measures;
};
StudentCounts CountsToProtect(const engine::QueryResult& result);

// Parses, runs and gates `spec`; refuses a result of more than `max_rows`
// groups before gating it.
Result<Gated> RunGated(const engine::Snapshot& snapshot, const Labels& labels, const nlohmann::json& spec,
                       const Viewer& viewer, const privacy::SuppressionPolicy& policy, int threads,
                       std::uint64_t max_rows = std::numeric_limits<std::uint64_t>::max());

// The decision that governs a value column: its measure's own, else the row's.
const RowDecision& DecisionFor(const Gated& gated, const engine::ResultColumn& column);

// Whether complementary suppression ran for every decision of the result.
bool Complementary(const Gated& gated);

std::string Text(const nlohmann::json& v);

// {"value": v | null, "suppressed": b, "reason": r}
nlohmann::json Published(nlohmann::json value, privacy::CellState state);

}  // namespace pl::analytics::internal
