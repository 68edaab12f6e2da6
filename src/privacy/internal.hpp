// For the module's tests only: not part of its interface.
#pragma once

#include "privacy/suppression.hpp"

namespace pl::privacy::internal {

// Suppress, deciding whether a cell is pinned by reachability in the table's
// network (CellNetwork) when it is one, or always by the LP. The results must
// be equal: the network only spares the solver.
// `shape`: the parts of the table's TableShape, or null.
Result<SuppressedTable> Suppress(const Table& table, const SuppressionPolicy& policy, bool use_network,
                                 const TableShape::Parts* shape = nullptr);

}  // namespace pl::privacy::internal
