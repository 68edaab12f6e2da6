// Statewide headline statistics. Every count leaves through the privacy
// gate (privacy::PublishCount), so small cells are withheld.
#pragma once

#include <nlohmann/json.hpp>

#include "core/status.hpp"
#include "privacy/privacy.hpp"
#include "store/store.hpp"

namespace pl::stats {

// Distinct students per school year: enrolled, CTE participants (any CTE
// status), concentrators (concentrator or completer: a completer has also
// concentrated, as in Perkins V reporting) and completers.
// {"min_n": 11, "years": [{"school_year": "2023-24", "students": {"value": .., "suppressed": ..}, ...}]}
Result<nlohmann::json> Overview(store::Database& db, const privacy::SuppressionPolicy& policy);

// The identity of the data a result comes from: the newest import batch, or
// "empty" before any import. Changes whenever an import commits.
Result<std::string> DataVersion(store::Database& db);

}  // namespace pl::stats
