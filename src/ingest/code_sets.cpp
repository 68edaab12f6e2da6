#include "ingest/code_sets.hpp"

#include <algorithm>
#include <vector>

#include <soci/soci.h>

#include "core/code_sets.hpp"
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
    soci::rowset<soci::row> rows = (db.session().prepare << "SELECT pathway_code, sector_code FROM cte_pathway");
    for (const auto& row : rows) sets.pathway_sector[row.get<std::string>(0)] = row.get<std::string>(1);
  } catch (const std::exception& e) {
    return Internal(std::string("cannot load code sets from the database: ") + store::DriverMessage(e));
  }
  return sets;
}

}  // namespace pl::ingest
