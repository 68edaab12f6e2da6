// Student-level records: institution analysts, within their organizations,
// every access audited (who, when, what, how many rows) before the rows
// leave.
#include <algorithm>

#include <fmt/format.h>

#include "api/api.hpp"
#include "core/code_sets.hpp"
#include "students/students.hpp"

namespace pl::api {
namespace {

using http::Request;
using http::Response;

// The organizations a list may read: the caller's (with descendants), or the
// one asked for when it is among them.
Result<std::vector<std::string>> ListOrganizations(store::Database& db, const Caller& caller,
                                                   const std::optional<std::string>& org_id) {
  PL_ASSIGN_OR_RETURN(auto allowed, students::ExpandOrganizations(db, caller.principal.scopes));
  if (!org_id) {
    if (allowed.empty()) return PermissionDenied("your account is not scoped to any organization");
    return allowed;
  }
  if (!std::binary_search(allowed.begin(), allowed.end(), *org_id)) {
    return PermissionDenied("this organization is outside your scope", {{"parameter", "org_id"}});
  }
  return std::vector<std::string>{*org_id};
}

}  // namespace

void RegisterStudentRoutes(RouteTable& routes, store::DatabasePool& pool) {
  routes.Add("GET", "/api/v1/students", privacy::Permission::kStudentRecords,
             [&pool](const Request& r, const Caller& caller) {
    auto page = store::ParsePage(r.Query("page"), r.Query("per_page"));
    if (!page.ok()) return Response::Error(page.status());
    int year = 0;
    if (auto label = r.Query("school_year"); label && !label->empty()) {
      year = ParseSchoolYear(*label);
      if (year == 0) {
        return Response::Error(InvalidArgument("school_year must look like 2023-24", {{"parameter", "school_year"}}));
      }
    }
    auto db = pool.Acquire();
    auto orgs = ListOrganizations(*db, caller, r.Query("org_id"));
    if (!orgs.ok()) return Response::Error(orgs.status());
    auto rows = students::ListStudentYears(*db, {.org_ids = *orgs, .school_year = year, .page = *page});
    if (!rows.ok()) return Response::Error(rows.status());
    nlohmann::json detail = {{"org_id", r.Query("org_id").value_or("")},
                             {"school_year", year ? SchoolYearLabel(year) : ""},
                             {"page", page->page}};
    Status audited = AuditAs(*db, caller, "students.list", fmt::format("organizations:{}", orgs->size()),
                                 detail, static_cast<long long>((*rows)["items"].size()));
    if (!audited.ok()) return Response::Error(audited);
    return Response::Json(200, *rows);
  });

  routes.Add("GET", "/api/v1/students/{student_key}", privacy::Permission::kStudentRecords,
             [&pool](const Request& r, const Caller& caller) {
    const std::string& key = r.path_params.at("student_key");
    auto db = pool.Acquire();
    auto orgs = students::ExpandOrganizations(*db, caller.principal.scopes);
    if (!orgs.ok()) return Response::Error(orgs.status());
    auto student = students::GetStudent(*db, key, *orgs);
    long long rows = student.ok() ? static_cast<long long>((*student)["years"].size()) : 0;
    // Misses are audited too: probing for keys is an access attempt.
    Status audited = AuditAs(*db, caller, "students.get", "student:" + key, nlohmann::json::object(), rows);
    if (!audited.ok()) return Response::Error(audited);
    if (!student.ok()) return Response::Error(student.status());
    return Response::Json(200, *student);
  });
}

}  // namespace pl::api
