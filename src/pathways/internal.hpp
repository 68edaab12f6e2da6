// Helpers shared by the pathways sources; not part of the module's API.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "pathways/grid.hpp"
#include "store/query.hpp"
#include "store/store.hpp"

namespace pl::pathways::internal {

// Without leading and trailing spaces (ASCII whitespace).
std::string Trim(const std::string& s);

// A prerequisite cycle among `courses` (searched in their order, so the
// answer is deterministic), as ids with the first repeated at the end, each
// needing the next;
// empty when there is none. Prerequisites missing from `by_id` are skipped.
std::vector<std::string> FindCycle(const std::vector<const Course*>& courses,
                                   const std::map<std::string, const Course*>& by_id);


// "(:p3, :p4, :p5)": one placeholder per value, numbered after the
// parameters already in `params`, with the values appended to it. `values`
// must not be empty (SQL has no empty IN list).
std::string InList(const std::vector<std::string>& values, std::vector<store::Param>& params);

// The colleges of the region (organizations of type college in its
// counties), by name.
Result<std::vector<College>> RegionColleges(store::Database& db, const RegionRef& region);

// Text or "" from a JSON row value that may be null.
std::string TextOf(const nlohmann::json& value);

}  // namespace pl::pathways::internal
