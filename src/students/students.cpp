#include "students/students.hpp"

#include <fmt/format.h>

#include "core/code_sets.hpp"

namespace pl::students {
namespace {

// "(:p0, :p1, ...)" for `count` parameters starting at `first`: the ids are
// bound, never spliced into the SQL.
std::string Placeholders(std::size_t first, std::size_t count) {
  std::string out = "(";
  for (std::size_t i = 0; i < count; ++i) out += fmt::format("{}:p{}", i ? ", " : "", first + i);
  return out + ")";
}

std::vector<store::Param> TextParams(const std::vector<std::string>& values) {
  std::vector<store::Param> params;
  params.reserve(values.size());
  for (const auto& v : values) params.push_back(store::Param::Text(v));
  return params;
}

constexpr const char* kStudentColumns =
    "s.birth_year, s.gender, s.race_ethnicity, s.socioeconomically_disadvantaged, s.disability, "
    "s.english_learner, s.foster_youth, s.homeless, s.migrant, s.first_generation";

constexpr const char* kYearColumns =
    "sy.school_year, sy.org_id, sy.grade_level, sy.sector_code, sy.pathway_code, sy.cte_status, "
    "sy.de_units_attempted, sy.de_units_earned, sy.wbl_type, sy.wbl_hours, sy.industry_credential, "
    "sy.hs_graduate, sy.postsecondary_enrolled, sy.employed, sy.quarterly_wage";

// Yes/no fields are stored as 0/1 and leave as JSON booleans.
constexpr const char* kFlags[] = {"socioeconomically_disadvantaged", "disability", "english_learner",
                                  "foster_youth", "homeless", "migrant", "first_generation",
                                  "industry_credential", "hs_graduate", "postsecondary_enrolled", "employed"};

void ShapeRow(nlohmann::json& row) {
  for (const char* flag : kFlags) {
    auto it = row.find(flag);
    if (it != row.end() && it->is_number()) *it = it->get<long long>() != 0;
  }
  // School years leave as their labels ("2023-24"), as in the import files.
  auto year = row.find("school_year");
  if (year != row.end() && year->is_number()) *year = SchoolYearLabel(year->get<int>());
}

void ShapeRows(nlohmann::json& rows) {
  for (auto& row : rows) ShapeRow(row);
}

}  // namespace

Result<std::vector<std::string>> ExpandOrganizations(store::Database& db, const std::vector<std::string>& scopes) {
  if (scopes.empty()) return std::vector<std::string>{};
  std::string sql = fmt::format(
      "WITH RECURSIVE scoped(org_id) AS ("
      "  SELECT org_id FROM organization WHERE org_id IN {}"
      "  UNION SELECT o.org_id FROM organization o JOIN scoped s ON o.parent_org_id = s.org_id) "
      "SELECT org_id FROM scoped ORDER BY org_id",
      Placeholders(0, scopes.size()));
  PL_ASSIGN_OR_RETURN(nlohmann::json rows, store::QueryJson(db, sql, TextParams(scopes)));
  std::vector<std::string> out;
  for (const auto& row : rows) out.push_back(row["org_id"].get<std::string>());
  return out;
}

Result<nlohmann::json> ListStudentYears(store::Database& db, const ListQuery& query) {
  if (query.org_ids.empty()) return InvalidArgument("no organizations to list students for");
  std::vector<store::Param> params = TextParams(query.org_ids);
  std::string where = "sy.org_id IN " + Placeholders(0, query.org_ids.size());
  if (query.school_year != 0) {
    where += fmt::format(" AND sy.school_year = :p{}", params.size());
    params.push_back(store::Param::Integer(query.school_year));
  }
  PL_ASSIGN_OR_RETURN(long long total,
                      store::QueryInteger(db, "SELECT count(*) FROM student_year sy WHERE " + where, params));
  std::string sql = fmt::format(
      "SELECT sy.student_key, {}, {} FROM student_year sy JOIN student s ON s.student_key = sy.student_key "
      "WHERE {} ORDER BY sy.school_year, sy.org_id, sy.student_key LIMIT :p{} OFFSET :p{}",
      kYearColumns, kStudentColumns, where, params.size(), params.size() + 1);
  params.push_back(store::Param::Integer(query.page.per_page));
  params.push_back(store::Param::Integer(query.page.offset()));
  PL_ASSIGN_OR_RETURN(nlohmann::json rows, store::QueryJson(db, sql, params));
  ShapeRows(rows);
  return store::Paged(std::move(rows), total, query.page);
}

Result<nlohmann::json> GetStudent(store::Database& db, const std::string& student_key,
                                  const std::vector<std::string>& org_ids) {
  auto not_found = [] { return NotFound("no student with this key in your organizations"); };
  if (org_ids.empty()) return not_found();
  std::vector<store::Param> params{store::Param::Text(student_key)};
  for (const auto& id : org_ids) params.push_back(store::Param::Text(id));
  std::string years_sql = fmt::format(
      "SELECT {} FROM student_year sy WHERE sy.student_key = :p0 AND sy.org_id IN {} "
      "ORDER BY sy.school_year, sy.org_id",
      kYearColumns, Placeholders(1, org_ids.size()));
  PL_ASSIGN_OR_RETURN(nlohmann::json years, store::QueryJson(db, years_sql, params));
  if (years.empty()) return not_found();
  ShapeRows(years);
  PL_ASSIGN_OR_RETURN(nlohmann::json student,
                      store::QueryJson(db, fmt::format("SELECT s.student_key, {} FROM student s WHERE s.student_key = :p0",
                                                       kStudentColumns),
                                       {store::Param::Text(student_key)}));
  if (student.empty()) return not_found();
  nlohmann::json out = student[0];
  ShapeRow(out);
  out["years"] = std::move(years);
  return out;
}

}  // namespace pl::students
