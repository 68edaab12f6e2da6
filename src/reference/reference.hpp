// Read access to the reference code sets (counties, regions, CTE sectors and
// pathways, SOC occupations with BLS projections, CIP programs). Each item
// carries its provenance flag: entries written from general knowledge are
// marked `"verified": false` so every view can show it.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/status.hpp"
#include "store/query.hpp"
#include "store/store.hpp"

namespace pl::reference {

using store::Page;

// {"scheme": "ccc", "schemes": ["ccc", ...], "regions": [{"code","name","source","verified","counties":[...]}]}
// NotFound for an unknown scheme.
Result<nlohmann::json> Regions(store::Database& db, const std::string& scheme);
// [{"fips","name","region_code","region_name"}] with regions of `scheme`.
Result<nlohmann::json> Counties(store::Database& db, const std::string& scheme);
// [{"code","name","source","verified","pathways":[{"code","name","source","verified"}]}]
Result<nlohmann::json> Sectors(store::Database& db);

struct OccupationFilter {
  std::string q;      // words in the title, or a code prefix
  std::string level;  // major|minor|broad|detailed; empty = all
  Page page;
};
// {"items":[{"soc_code","title","level", "projection": {...}|null}], "total", "page", "per_page"}
Result<nlohmann::json> Occupations(store::Database& db, const OccupationFilter& filter);

struct ProgramFilter {
  std::string q;
  int digits = 0;  // 2, 4, 6 or 0 for all
  bool active_only = true;
  Page page;
};
// {"items":[{"cip_code","title","digits","active_2020","occupations":[soc codes from the COE crosswalk]}], ...}
Result<nlohmann::json> Programs(store::Database& db, const ProgramFilter& filter);

// true unless the provenance flag says the entry is unverified.
bool IsVerified(const std::string& source);

}  // namespace pl::reference
