#include "ingest/code_sets.hpp"

#include <algorithm>
#include <vector>

#include <soci/soci.h>

#include "core/code_sets.hpp"
#include "ingest/reference_data.hpp"
#include "store/store.hpp"

namespace pl::ingest {

bool CodeSets::Known(std::string_view set) const { return values.find(set) != values.end(); }

bool CodeSets::Contains(std::string_view set, std::string_view value) const {
  auto it = values.find(set);
  return it != values.end() && it->second.find(value) != it->second.end();
}

std::string CodeSets::Describe(std::string_view set) const {
  auto it = values.find(set);
  if (it == values.end() || it->second.empty()) return "(no values loaded)";
  std::vector<std::string> sorted(it->second.begin(), it->second.end());
  std::sort(sorted.begin(), sorted.end());
  std::string out;
  if (sorted.size() <= 12) {
    for (const auto& v : sorted) out += (out.empty() ? "" : ", ") + v;
    return out;
  }
  out = std::to_string(sorted.size()) + " codes, e.g. ";
  for (size_t i = 0; i < 3; ++i) out += (i ? ", " : "") + sorted[i];
  return out;
}

CodeSets CodeSets::FixedOnly() {
  CodeSets sets;
  for (const auto& fixed : FixedCodeSets()) {
    auto& target = sets.values[fixed.name];
    for (const auto& v : fixed.values) target.insert(v.code);
  }
  return sets;
}

Result<CodeSets> CodeSets::Load(store::Database& db) {
  CodeSets sets = FixedOnly();
  try {
    auto load = [&](const char* sql, const char* set) {
      soci::rowset<std::string> rows = (db.session().prepare << sql);
      auto& target = sets.values[set];
      for (const auto& code : rows) target.insert(code);
    };
    load("SELECT county_fips FROM county", "county");
    load("SELECT sector_code FROM cte_sector", "sector");
    load("SELECT pathway_code FROM cte_pathway", "pathway");
    // Occupations: detailed SOC 2018 codes and the BLS matrix's own line
    // items (a few are aggregates absent from SOC 2018); summary rows such
    // as 29-0000 are not occupations and would count demand twice.
    load("SELECT soc_code FROM soc_occupation WHERE level = 'detailed' UNION "
         "SELECT soc_code FROM occupation_projection WHERE occupation_type = 'line_item'",
         "soc");
    load("SELECT top_code FROM top_code", "top_code");
    load("SELECT cip_code FROM cip_program", "cip");
    {
      std::string scheme = kDefaultRegionScheme;
      soci::rowset<std::string> regions =
          (db.session().prepare << "SELECT DISTINCT region_code FROM region_assignment WHERE scheme_code = :s",
           soci::use(scheme));
      auto& target = sets.values["region"];
      for (const auto& code : regions) target.insert(code);
    }
    load("SELECT DISTINCT top_code || '|' || soc_code FROM top_cip_soc", "top_soc_link");
    load("SELECT DISTINCT cip_code || '|' || soc_code FROM top_cip_soc", "cip_soc_link");
    soci::rowset<soci::row> rows = (db.session().prepare << "SELECT pathway_code, sector_code FROM cte_pathway");
    for (const auto& row : rows) sets.pathway_sector[row.get<std::string>(0)] = row.get<std::string>(1);
  } catch (const std::exception& e) {
    return Internal(std::string("cannot load code sets from the database: ") + store::DriverMessage(e));
  }
  return sets;
}

}  // namespace pl::ingest
