// Statewide headline statistics. Every count leaves through the privacy
// gate: small cells are withheld (privacy::PublishCount), and tables whose
// totals are published elsewhere get complementary suppression
// (privacy::Suppress), unless the viewer may see the cells exactly.
#pragma once

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "core/status.hpp"
#include "privacy/privacy.hpp"
#include "store/store.hpp"

namespace pl::stats {

// What the viewer may see exactly, by role and scope (api decides): state
// analysts everything, regional analysts the counties of their regions,
// everyone else nothing (suppressed aggregates only).
struct Visibility {
  bool statewide = false;
  std::set<std::string> counties;  // county FIPS codes seen exactly
  bool Exact(const std::string& county_fips) const { return statewide || counties.contains(county_fips); }
};

// Distinct students per school year: enrolled, CTE participants (any CTE
// status), concentrators (concentrator or completer: a completer has also
// concentrated, as in Perkins V reporting) and completers.
// {"min_n": 11, "years": [{"school_year": "2023-24", "students": {"value": .., "suppressed": ..}, ...}]}
// Exact counts carry {"suppressed": false} like any shown count.
Result<nlohmann::json> Overview(store::Database& db, const privacy::SuppressionPolicy& policy,
                                const Visibility& visibility = {});

// The same four counts per county for one school year, for every county of
// the reference data, with the county's region in `scheme`. A student
// counts in one county a year (the lowest FIPS among the organizations
// reporting them), so the counties add up to the statewide overview (plus
// students at organizations with no county, never published) and the table
// can be protected against differencing with the statewide total.
// `school_year` is a label ("2023-24") or empty for the latest year with data.
// {"min_n", "school_year", "school_years": [...], "counties": [{"county_fips", "county_name",
//   "region_code", "region_name", "students", "participants", "concentrators", "completers"}]}
Result<nlohmann::json> Counties(store::Database& db, const privacy::SuppressionPolicy& policy,
                                const std::string& school_year, const std::string& scheme,
                                const Visibility& visibility = {});

// The identity of the data a result comes from: the newest import batch, or
// "empty" before any import. Changes whenever an import commits.
Result<std::string> DataVersion(store::Database& db);

}  // namespace pl::stats
