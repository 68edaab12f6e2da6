// Student-level records for institution analysts: the only module that
// returns rows about individual students. Callers (api/student_routes.cpp)
// check the permission, pass the caller's organizations, and write the
// audit record; these functions only ever read within those organizations.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.hpp"
#include "store/query.hpp"
#include "store/store.hpp"

namespace pl::students {

// The organizations `scopes` name and all their descendants (schools under
// a district, colleges under a college district), sorted. Unknown ids are
// ignored.
Result<std::vector<std::string>> ExpandOrganizations(store::Database& db, const std::vector<std::string>& scopes);

struct ListQuery {
  std::vector<std::string> org_ids;  // already limited to the caller's scope; never empty
  int school_year = 0;               // ending year; 0 = every year
  store::Page page;
};

// Student-year rows with the student's attributes, ordered by school year,
// organization and student key: {"items": [...], "total", "page", "per_page"}.
Result<nlohmann::json> ListStudentYears(store::Database& db, const ListQuery& query);

// One student with the years recorded at `org_ids`. NotFound when the
// student has no year there, whether or not the key exists elsewhere (the
// answer must not reveal students outside the caller's scope).
Result<nlohmann::json> GetStudent(store::Database& db, const std::string& student_key,
                                  const std::vector<std::string>& org_ids);

}  // namespace pl::students
