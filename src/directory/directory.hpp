// The directory of organizations: schools, districts, county offices,
// colleges, employers and partners, searchable by type, county and region.
// Organizations are public information; nothing here is student-level.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/status.hpp"
#include "store/query.hpp"

namespace pl::directory {

struct OrganizationFilter {
  std::string type;     // org_type code; empty = all
  std::string county;   // county FIPS; empty = all
  std::string region;   // region code in `scheme`; empty = all
  std::string scheme;   // region scheme for `region` and the region shown
  std::string q;        // words in the name, or an exact org_id / CDS / IPEDS code
  store::Page page;
};

// Checks the filter's codes against the code sets: InvalidArgument naming
// the parameter (unknown type, malformed county) so a typo is not an empty page.
Status Validate(store::Database& db, const OrganizationFilter& filter);

// {"items":[{org_id, org_type, name, county_fips, county_name, region_code,
//   region_name, parent_org_id, cds_code, ipeds_id, latitude, longitude}],
//  "total", "page", "per_page"}
Result<nlohmann::json> ListOrganizations(store::Database& db, const OrganizationFilter& filter);

// One organization with its parent and its children counted by type.
// NotFound when no organization has that id.
Result<nlohmann::json> GetOrganization(store::Database& db, const std::string& org_id, const std::string& scheme);

}  // namespace pl::directory
