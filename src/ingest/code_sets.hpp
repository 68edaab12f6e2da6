// The values each code set allows at import time: the fixed sets of
// core/code_sets.hpp plus the reference sets held in the database (counties,
// CTE sectors and pathways, occupations, program codes, regions). Built once per import run; read-only afterwards
// and safe to share between threads.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/status.hpp"

namespace pl::store {
class Database;
}

namespace pl::ingest {

// Lookups by string_view without building a std::string (the hot path of
// every coded field of every imported row).
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

struct CodeSets {
  std::unordered_map<std::string, StringSet, StringHash, std::equal_to<>> values;  // by set name
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> pathway_sector;  // pathway -> sector

  bool Known(std::string_view set) const;
  bool Contains(std::string_view set, std::string_view value) const;
  // A few allowed values for messages: "F, M, X, U" or "58 values, e.g. 06001, 06003".
  std::string Describe(std::string_view set) const;

  // Fixed sets only (for tests and the data dictionary without a database).
  static CodeSets FixedOnly();
  // Fixed sets plus, from the database: county, sector, pathway, soc
  // (detailed SOC 2018 codes and BLS line items), top_code, cip, region (the
  // region codes of the default scheme), and the crosswalk's links as
  // "code|soc" pairs: top_soc_link, cip_soc_link.
  static Result<CodeSets> Load(store::Database& db);
};

}  // namespace pl::ingest
