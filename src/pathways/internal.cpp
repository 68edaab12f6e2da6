#include "pathways/internal.hpp"

#include <functional>

#include <soci/soci.h>

namespace pl::pathways::internal {

std::string Trim(const std::string& s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  std::size_t begin = 0, end = s.size();
  while (begin < end && space(s[begin])) ++begin;
  while (end > begin && space(s[end - 1])) --end;
  return s.substr(begin, end - begin);
}

std::vector<std::string> FindCycle(const std::vector<const Course*>& courses,
                                   const std::map<std::string, const Course*>& by_id) {
  // Depth-first search with the usual three colours; the path on the stack
  // gives the cycle when a grey course is met again. Iterative, so a long
  // prerequisite chain cannot exhaust the stack.
  enum Colour { kWhite, kGrey, kBlack };
  std::map<std::string, Colour> colour;
  for (const Course* start : courses) {
    if (colour[start->id] != kWhite) continue;
    std::vector<std::pair<const Course*, std::size_t>> stack{{start, 0}};
    colour[start->id] = kGrey;
    while (!stack.empty()) {
      auto& [course, next] = stack.back();
      if (next == course->prerequisites.size()) {
        colour[course->id] = kBlack;
        stack.pop_back();
        continue;
      }
      const std::string& pre = course->prerequisites[next++];
      auto it = by_id.find(pre);
      if (it == by_id.end()) continue;
      Colour c = colour[pre];
      if (c == kGrey) {
        // The cycle is the stack from `pre` up to here: each course on it
        // needs the next one.
        std::vector<std::string> cycle;
        std::size_t from = 0;
        while (stack[from].first->id != pre) ++from;
        for (std::size_t i = from; i < stack.size(); ++i) cycle.push_back(stack[i].first->id);
        cycle.push_back(pre);
        return cycle;
      }
      if (c == kWhite) {
        colour[pre] = kGrey;
        stack.emplace_back(it->second, 0);
      }
    }
  }
  return {};
}

std::string InList(const std::vector<std::string>& values, std::vector<store::Param>& params) {
  std::string out = "(";
  for (std::size_t i = 0; i < values.size(); ++i) {
    out += (i ? ", :p" : ":p") + std::to_string(params.size());
    params.push_back(store::Param::Text(values[i]));
  }
  return out + ")";
}

Result<std::vector<College>> RegionColleges(store::Database& db, const RegionRef& region) {
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                  "SELECT o.org_id, o.name FROM organization o "
                                                  "JOIN region_assignment r ON r.county_fips = o.county_fips "
                                                  "WHERE r.scheme_code = :p0 AND r.region_code = :p1 "
                                                  "AND o.org_type = 'college' ORDER BY o.name, o.org_id",
                                                  {store::Param::Text(region.scheme), store::Param::Text(region.code)}));
  std::vector<College> out;
  for (const auto& r : rows) out.push_back({r["org_id"].get<std::string>(), r["name"].get<std::string>()});
  return out;
}

std::string TextOf(const nlohmann::json& value) { return value.is_string() ? value.get<std::string>() : std::string(); }

}  // namespace pl::pathways::internal
