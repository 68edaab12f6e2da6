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

// The same four counts per county for one school year (the county of the
// organization the student-year is reported by), for every county of the
// reference data, with the county's region in `scheme`. `school_year` is a
// label ("2023-24") or empty for the latest year with data.
// {"min_n", "school_year", "school_years": [...], "counties": [{"county_fips", "county_name",
//   "region_code", "region_name", "students", "participants", "concentrators", "completers"}]}
Result<nlohmann::json> Counties(store::Database& db, const privacy::SuppressionPolicy& policy,
                                const std::string& school_year, const std::string& scheme);

// The identity of the data a result comes from: the newest import batch, or
// "empty" before any import. Changes whenever an import commits.
Result<std::string> DataVersion(store::Database& db);

}  // namespace pl::stats
