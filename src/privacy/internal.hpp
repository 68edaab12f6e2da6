// For the module's tests only: not part of its interface.
#pragma once

#include "privacy/suppression.hpp"

namespace pl::privacy::internal {

// Suppress, with or without the certificates that settle a cell as not
// pinned before the LP is asked (Suppressor::Movable). The results must be
// equal: the certificates only save solver time.
Result<SuppressedTable> Suppress(const Table& table, const SuppressionPolicy& policy, bool certificates);

}  // namespace pl::privacy::internal
