// The result columns a spec asks for, shared by the parser (order_by names)
// and the executor.
#pragma once

#include <string>
#include <vector>

#include "engine/engine.hpp"

namespace pl::engine::internal {

// Measure columns of `measures` in order, without duplicates (rate adds
// o_sum and o_n; mean, median and sum of a measure add m_n).
std::vector<ResultColumn> MeasureColumns(const std::vector<MeasureSpec>& measures);

}  // namespace pl::engine::internal
