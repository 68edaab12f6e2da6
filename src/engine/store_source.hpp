// The joined student-year rows as the store returns them (store_loader.cpp
// builds the snapshot from them; one reader per backend).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/status.hpp"

struct sqlite3;
struct pg_conn;

namespace pl::engine::internal {

// Columns of kSourceSql, in order.
enum SourceColumn : int {
  kStudentKey,
  kSchoolYear,
  kOrgId,
  kGradeLevel,
  kSectorCode,
  kPathwayCode,
  kCteStatus,
  kWblType,
  kRaceEthnicity,
  kGender,
  kSed,
  kDisability,
  kEnglishLearner,
  kFosterYouth,
  kHomeless,
  kMigrant,
  kFirstGeneration,
  kDeUnitsAttempted,
  kDeUnitsEarned,
  kWblHours,
  kIndustryCredential,
  kHsGraduate,
  kPostsecondaryEnrolled,
  kEmployed,
  kQuarterlyWage,
  kSourceColumns
};

// Text columns are read as text, the others as numbers.
constexpr bool IsTextColumn(int c) { return c <= kGender && c != kSchoolYear; }

struct SourceCell {
  bool null = true;
  std::string_view text;  // text columns
  double number = 0;      // numeric columns
};
using SourceRowFn = std::function<Status(const SourceCell* cells)>;

// Rows ordered by student_key, so a student's rows are consecutive.
inline constexpr const char* kSourceSql =
    "SELECT sy.student_key, sy.school_year, sy.org_id, sy.grade_level, sy.sector_code, sy.pathway_code,"
    " sy.cte_status, sy.wbl_type, s.race_ethnicity, s.gender, s.socioeconomically_disadvantaged,"
    " s.disability, s.english_learner, s.foster_youth, s.homeless, s.migrant, s.first_generation,"
    " sy.de_units_attempted, sy.de_units_earned, sy.wbl_hours, sy.industry_credential, sy.hs_graduate,"
    " sy.postsecondary_enrolled, sy.employed, sy.quarterly_wage"
    " FROM student_year sy JOIN student s ON s.student_key = sy.student_key"
    " ORDER BY sy.student_key";

// Streams kSourceSql's rows to `fn` (store_loader_sqlite.cpp / store_loader.cpp).
Status ReadSqliteRows(::sqlite3* db, const SourceRowFn& fn);
Status ReadPostgresRows(::pg_conn* conn, const SourceRowFn& fn);

}  // namespace pl::engine::internal
