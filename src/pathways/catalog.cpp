// The grid against the database: courses completed from the catalog, and
// colleges, award codes and occupations checked against reference data.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "pathways/internal.hpp"
#include "pathways/pathways.hpp"

namespace pl::pathways {
namespace {

using internal::InList;
using nlohmann::json;
using store::Param;

// Every course object of a body, with its path and the level it sits at.
struct CourseSlot {
  json* course;
  std::string path;
  std::string level;  // high_school, college
};

std::vector<CourseSlot> CourseSlots(json& body) {
  std::vector<CourseSlot> out;
  if (!body.is_object()) return out;
  if (auto stages = body.find("high_school"); stages != body.end() && stages->is_array()) {
    for (std::size_t s = 0; s < stages->size(); ++s) {
      json& stage = (*stages)[s];
      if (!stage.is_object()) continue;
      auto courses = stage.find("courses");
      if (courses == stage.end() || !courses->is_array()) continue;
      for (std::size_t i = 0; i < courses->size(); ++i) {
        out.push_back({&(*courses)[i], fmt::format("high_school[{}].courses[{}]", s, i), "high_school"});
      }
    }
  }
  if (auto courses = body.find("college_courses"); courses != body.end() && courses->is_array()) {
    for (std::size_t i = 0; i < courses->size(); ++i) {
      out.push_back({&(*courses)[i], fmt::format("college_courses[{}]", i), "college"});
    }
  }
  return out;
}

std::set<std::string> Found(const json& rows, const char* column) {
  std::set<std::string> out;
  for (const auto& r : rows) out.insert(r[column].get<std::string>());
  return out;
}

}  // namespace

Result<std::vector<Problem>> ExpandCatalogCourses(store::Database& db, json& body) {
  std::vector<Problem> problems;
  std::vector<CourseSlot> slots;
  std::vector<std::string> ids;
  for (auto& slot : CourseSlots(body)) {
    json& c = *slot.course;
    if (!c.is_object() || c.contains("title") || !c.contains("id") || !c["id"].is_string()) continue;
    slots.push_back(slot);
    ids.push_back(internal::Trim(c["id"].get<std::string>()));
  }
  if (slots.empty()) return problems;
  std::vector<Param> params;
  std::string in = InList(ids, params);
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                  "SELECT c.course_id, c.level, c.org_id, c.course_number, c.title, "
                                                  "c.units, c.top_code, c.dual_enrollment, c.articulated, o.org_type "
                                                  "FROM course c LEFT JOIN organization o ON o.org_id = c.org_id "
                                                  "WHERE c.course_id IN " + in,
                                                  params));
  PL_ASSIGN_OR_RETURN(auto prerequisites, store::QueryJson(db,
                                                           "SELECT course_id, prerequisite_id FROM course_prerequisite "
                                                           "WHERE course_id IN " + in + " ORDER BY course_id, prerequisite_id",
                                                           params));
  std::map<std::string, json> catalog;
  for (auto& r : rows) catalog[r["course_id"].get<std::string>()] = r;
  std::map<std::string, std::vector<std::string>> needs;
  for (const auto& r : prerequisites) needs[r["course_id"]].push_back(r["prerequisite_id"]);

  for (std::size_t i = 0; i < slots.size(); ++i) {
    json& c = *slots[i].course;
    auto it = catalog.find(ids[i]);
    if (it == catalog.end()) {
      problems.push_back({slots[i].path + ".id",
                          fmt::format("unknown course id {}: it is not in the course catalog, so give its title and "
                                      "units to add it to this grid",
                                      ids[i])});
      continue;
    }
    const json& row = it->second;
    if (row["level"] != slots[i].level) {
      problems.push_back({slots[i].path + ".id",
                          fmt::format("course {} is a {} course in the catalog; list it under {}", ids[i],
                                      row["level"] == "college" ? "college" : "high-school",
                                      row["level"] == "college" ? "college_courses" : "high_school")});
      continue;
    }
    // The catalog supplies what the editor left out.
    c["id"] = ids[i];
    c["title"] = row["title"];
    if (!c.contains("units")) c["units"] = row["units"];
    if (!c.contains("prerequisites")) c["prerequisites"] = needs[ids[i]];
    if (!c.contains("articulated")) c["articulated"] = row["articulated"] == 1;
    if (!c.contains("dual_enrollment")) c["dual_enrollment"] = row["dual_enrollment"] == 1;
    if (slots[i].level == "college") {
      if (!c.contains("course") && row["course_number"].is_string()) c["course"] = row["course_number"];
      if (!c.contains("top_code") && row["top_code"].is_string()) c["top_code"] = row["top_code"];
      if (!c.contains("college") && row["org_type"] == "college") c["college"] = {{"org_id", row["org_id"]}};
    }
  }
  return problems;
}

Result<std::vector<Problem>> CheckReferences(store::Database& db, const RegionRef& region, const GridContent& content) {
  std::vector<Problem> problems;

  // Colleges: named by college courses and by awards.
  std::vector<std::pair<std::string, std::string>> college_uses;  // path, org_id
  for (std::size_t i = 0; i < content.college_courses.size(); ++i) {
    const auto& c = content.college_courses[i];
    if (c.college && !c.college->org_id.empty()) college_uses.emplace_back(fmt::format("college_courses[{}].college", i), c.college->org_id);
  }
  for (std::size_t i = 0; i < content.awards.size(); ++i) {
    for (std::size_t c = 0; c < content.awards[i].colleges.size(); ++c) {
      const auto& org = content.awards[i].colleges[c].org_id;
      if (!org.empty()) college_uses.emplace_back(fmt::format("awards[{}].colleges[{}]", i, c), org);
    }
  }
  if (!college_uses.empty()) {
    std::vector<std::string> ids;
    for (const auto& [path, id] : college_uses) ids.push_back(id);
    std::vector<Param> params;
    std::string in = InList(ids, params);
    PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db, "SELECT org_id, org_type, county_fips FROM organization WHERE org_id IN " + in, params));
    std::map<std::string, json> orgs;
    for (auto& r : rows) orgs[r["org_id"].get<std::string>()] = r;
    for (const auto& [path, id] : college_uses) {
      auto it = orgs.find(id);
      if (it == orgs.end()) {
        problems.push_back({path, "unknown organization id " + id});
      } else if (it->second["org_type"] != "college") {
        problems.push_back({path, fmt::format("organization {} is a {}, not a college", id, it->second["org_type"].get<std::string>())});
      } else if (!std::binary_search(region.counties.begin(), region.counties.end(), internal::TextOf(it->second["county_fips"]))) {
        problems.push_back({path, fmt::format("college {} is not in region {} ({})", id, region.code, region.name)});
      }
    }
  }

  // Award codes: TOP codes of the community colleges, CIP 2020 codes.
  std::vector<std::string> tops, cips;
  for (const auto& a : content.awards) (a.code_system == "CIP" ? cips : tops).push_back(a.code);
  std::set<std::string> known_tops, known_cips;
  if (!tops.empty()) {
    std::vector<Param> params;
    PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db, "SELECT top_code FROM top_code WHERE top_code IN " + InList(tops, params), params));
    known_tops = Found(rows, "top_code");
  }
  if (!cips.empty()) {
    std::vector<Param> params;
    PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db, "SELECT cip_code FROM cip_program WHERE cip_code IN " + InList(cips, params), params));
    known_cips = Found(rows, "cip_code");
  }
  for (std::size_t i = 0; i < content.awards.size(); ++i) {
    const Award& a = content.awards[i];
    if (a.code_system != "TOP" && a.code_system != "CIP") continue;  // reported by CheckContent
    const auto& known = a.code_system == "CIP" ? known_cips : known_tops;
    if (!a.code.empty() && !known.contains(a.code)) {
      problems.push_back({fmt::format("awards[{}].code", i), fmt::format("unknown {} code {}", a.code_system, a.code)});
    }
  }

  // Top codes of college courses.
  std::vector<std::string> course_tops;
  for (const auto& c : content.college_courses) {
    if (!c.top_code.empty()) course_tops.push_back(c.top_code);
  }
  if (!course_tops.empty()) {
    std::vector<Param> params;
    PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db, "SELECT top_code FROM top_code WHERE top_code IN " + InList(course_tops, params), params));
    auto known = Found(rows, "top_code");
    for (std::size_t i = 0; i < content.college_courses.size(); ++i) {
      const auto& code = content.college_courses[i].top_code;
      if (!code.empty() && !known.contains(code)) {
        problems.push_back({fmt::format("college_courses[{}].top_code", i), "unknown TOP code " + code});
      }
    }
  }

  // Occupations.
  std::vector<std::string> socs;
  for (const auto& o : content.occupations) socs.push_back(o.soc);
  if (!socs.empty()) {
    std::vector<Param> params;
    // A few codes of the BLS projections are missing from the SOC 2018 list
    // (aggregates of the National Employment Matrix): they are known too,
    // with their projection's title. (Each list gets its own placeholders.)
    std::string sql = "SELECT soc_code FROM soc_occupation WHERE soc_code IN " + InList(socs, params);
    sql += " UNION SELECT soc_code FROM occupation_projection WHERE soc_code IN " + InList(socs, params);
    PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db, sql, params));
    auto known = Found(rows, "soc_code");
    for (std::size_t i = 0; i < socs.size(); ++i) {
      if (!known.contains(socs[i])) problems.push_back({fmt::format("occupations[{}]", i), "unknown SOC 2018 code " + socs[i]});
    }
  }
  return problems;
}

Result<bool> OrganizationsInRegion(store::Database& db, const RegionRef& region, const std::vector<std::string>& org_ids) {
  if (org_ids.empty() || region.counties.empty()) return false;
  std::vector<Param> params;
  std::string sql = "SELECT count(*) FROM organization WHERE org_id IN " + InList(org_ids, params) +
                    " AND county_fips IN " + InList(region.counties, params);
  PL_ASSIGN_OR_RETURN(long long n, store::QueryInteger(db, sql, params));
  return n > 0;
}

}  // namespace pl::pathways
