// The importer on both backends: good files, every kind of bad input, the
// accounting invariant, idempotent re-imports and import sets.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/importer.hpp"
#include "integration/test_database.hpp"
#include "store/query.hpp"

namespace pl::testing {
namespace {

using ::testing::HasSubstr;
using store::QueryInteger;

constexpr const char* kOrganizations =
    "org_id,org_type,name,county_fips,parent_org_id,cds_code,ipeds_id,latitude,longitude\n"
    "CDE,state_agency,California Department of Education,,,,,,\n"
    "COE-06019,county_office,Fresno County Office of Education,06019,CDE,10101080000000,,36.74,-119.78\n"
    "DIST-1,district,\"Valley Unified, District\",06019,COE-06019,10621660000000,,,\n"
    "SCH-1,school,Valley High School,06019,DIST-1,10621661033153,,36.8,-119.7\n"
    "CC-1,college,Valley College,06019,,,114716,36.77,-119.79\n";

constexpr const char* kStudents =
    "student_key,birth_year,gender,race_ethnicity,socioeconomically_disadvantaged,disability,english_learner,"
    "foster_youth,homeless,migrant,first_generation\n"
    "S1,2007,F,hispanic_latino,Y,N,N,N,N,N,Y\n"
    "S2,2007,M,white,no,no,no,no,no,no,\n"
    "S3,2008,X,asian,1,0,1,0,0,0,0\n";

constexpr const char* kStudentYearsHeader =
    "student_key,school_year,org_id,grade_level,sector_code,pathway_code,cte_status,de_units_attempted,"
    "de_units_earned,wbl_type,wbl_hours,industry_credential,hs_graduate,postsecondary_enrolled,employed,"
    "quarterly_wage\n";

class ImportTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    t_ = MakeTestDatabase(GetParam());
    ASSERT_TRUE(t_);
    importer_ = std::make_unique<ingest::Importer>(*t_->db);
  }

  std::string Write(const std::string& name, const std::string& content) {
    return WriteFile(t_->dir / name, content);
  }

  Result<ingest::ImportReport> Import(const std::string& kind, const std::string& path) {
    auto spec = ingest::FindKind(kind);
    if (!spec.ok()) return spec.status();
    ingest::ImportOptions options;
    options.rejects_dir = (t_->dir / "rejects").string();
    return importer_->ImportFile(**spec, path, options);
  }

  // Imports the three base files and checks they were stored whole.
  void ImportBase() {
    for (auto [kind, content] : {std::pair{"organizations", kOrganizations}, std::pair{"students", kStudents}}) {
      auto report = Import(kind, Write(std::string(kind) + ".csv", content));
      ASSERT_TRUE(report.ok()) << report.status().ToString();
      ASSERT_EQ(report->rows_rejected, 0u) << kind << ": " << ReadRejects(*report);
    }
  }

  static std::string ReadRejects(const ingest::ImportReport& report) {
    if (report.rejects_file.empty()) return "";
    std::ifstream in(report.rejects_file);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  }

  static void ExpectAccounted(const ingest::ImportReport& r) {
    EXPECT_EQ(r.rows_read, r.rows_stored + r.rows_rejected);
  }

  long long Count(const std::string& table) { return *QueryInteger(*t_->db, "SELECT count(*) FROM " + table); }

  std::unique_ptr<TestDatabase> t_;
  std::unique_ptr<ingest::Importer> importer_;
};

TEST_P(ImportTest, GoodFilesAreStoredWithTypedValues) {
  ImportBase();
  auto report = Import("student_years",
                       Write("sy.csv", std::string(kStudentYearsHeader) +
                                           "S1,2023-24,SCH-1,11,HSM,HSM-04,concentrator,3.0,2.5,preparation,40,Y,,,Y,"
                                           "5200.50\n"
                                           "S1,2025,CC-1,13,,,,,,,,,,,N,\n"
                                           "S2,2023-2024,SCH-1,12,ICT,ICT-03,completer,,,,,N,Y,Y,,\n"));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->rows_read, 3u);
  EXPECT_EQ(report->rows_stored, 3u);
  EXPECT_EQ(report->rows_rejected, 0u) << ReadRejects(*report);
  EXPECT_EQ(report->rows_changed, 3u);
  EXPECT_TRUE(report->rejects_file.empty());
  EXPECT_EQ(report->checksum.size(), 64u);
  EXPECT_EQ(Count("organization"), 5);
  EXPECT_EQ(Count("student"), 3);
  EXPECT_EQ(Count("student_year"), 3);
  auto& db = *t_->db;
  EXPECT_EQ(*QueryInteger(db, "SELECT count(*) FROM student_year WHERE school_year = 2024"), 2);
  EXPECT_EQ(*QueryInteger(db, "SELECT count(*) FROM student_year WHERE school_year = 2025 AND grade_level = '13'"), 1);
  auto row = store::QueryJson(db, "SELECT * FROM student_year WHERE student_key = 'S1' AND school_year = 2024");
  ASSERT_TRUE(row.ok());
  ASSERT_EQ(row->size(), 1u);
  EXPECT_DOUBLE_EQ((*row)[0]["de_units_earned"].get<double>(), 2.5);
  EXPECT_DOUBLE_EQ((*row)[0]["quarterly_wage"].get<double>(), 5200.5);
  EXPECT_EQ((*row)[0]["industry_credential"], 1);
  EXPECT_TRUE((*row)[0]["hs_graduate"].is_null());
  EXPECT_EQ(*QueryInteger(db, "SELECT count(*) FROM student WHERE first_generation IS NULL"), 1);
  EXPECT_EQ(*QueryInteger(db, "SELECT english_learner FROM student WHERE student_key = 'S3'"), 1);
  // Quoted names keep their commas.
  auto name = store::QueryJson(db, "SELECT name FROM organization WHERE org_id = 'DIST-1'");
  EXPECT_EQ((*name)[0]["name"], "Valley Unified, District");
  // The batch is in the import history.
  EXPECT_EQ(*QueryInteger(db, "SELECT count(*) FROM import_batch WHERE kind = 'student_years' AND rows_stored = 3"), 1);
}

TEST_P(ImportTest, HeaderNamesAreCaseInsensitiveAndInAnyOrder) {
  auto report = Import("students", Write("s.csv", " GENDER ,Student_Key,birth_year\nF,S9,2008\n"));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->rows_stored, 1u);
  EXPECT_EQ(*QueryInteger(*t_->db, "SELECT birth_year FROM student WHERE student_key = 'S9'"), 2008);
}

TEST_P(ImportTest, BadFieldsAreRejectedWithLineColumnValueAndReason) {
  ImportBase();
  std::string content = std::string(kStudentYearsHeader) +
                        "S1,2023-24,SCH-1,11,HSM,HSM-04,concentrator,3,3,,,Y,,,,\n"     // 2 good
                        "S1,twenty,SCH-1,11,,,,,,,,,,,,\n"                               // 3 bad year
                        "S1,2023-25,SCH-1,11,,,,,,,,,,,,\n"                              // 4 years not consecutive
                        "S2,2024,SCH-1,15,,,,,,,,,,,,\n"                                 // 5 unknown grade
                        "S2,2024,SCH-1,12,XXX,,participant,,,,,,,,,\n"                   // 6 unknown sector
                        "S2,2024,SCH-1,12,HSM,ICT-03,participant,,,,,,,,,\n"             // 7 pathway of another sector
                        "S9,2024,SCH-1,12,,,,,,,,,,,,\n"                                 // 8 unknown student
                        "S2,2024,SCH-404,12,,,,,,,,,,,,\n"                               // 9 unknown org
                        "S3,2024,SCH-1,10,,,,4,5,,,,,,,\n"                               // 10 earned > attempted
                        "S3,2024,CC-1,10,,,,-1,,,,,,,,\n"                                // 11 negative units
                        "S3,2022,SCH-1,10,,,,,,,,maybe,,,,\n"                            // 12 bad boolean
                        "S3,2021,SCH-1,10,,,,,,,,,,,N,12.5\n"                            // 13 wage but not employed? (ok: N)
                        "S3,2020,SCH-1,10,,,,,,,10,,,,,\n"                               // 14 hours without type
                        "S3,2019,SCH-1,,,,,,,,,,,,,\n"                                   // 15 missing grade
                        "S3,2018,SCH-1,10,,,,,,,,,,,,\n"                                 // 16 good
                        "S3,2018,SCH-1,10,,,,,,,,,,,,\n";                                // 17 duplicate of 16
  auto report = Import("student_years", Write("bad.csv", content));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ExpectAccounted(*report);
  EXPECT_EQ(report->rows_read, 16u);
  EXPECT_EQ(report->rows_stored, 3u);  // lines 2, 13, 16
  EXPECT_EQ(report->rows_rejected, 13u);
  EXPECT_EQ(Count("student_year"), 3);
  std::string rejects = ReadRejects(*report);
  EXPECT_THAT(rejects, HasSubstr("line,column,value,reason\n"));
  EXPECT_THAT(rejects, HasSubstr("3,school_year,twenty,expected a school year"));
  EXPECT_THAT(rejects, HasSubstr("4,school_year,2023-25,expected a school year"));
  EXPECT_THAT(rejects, HasSubstr("5,grade_level,15,\"unknown grade_level code: expected one of 16 codes, e.g. 01, 02, 03\""));
  EXPECT_THAT(rejects, HasSubstr("6,sector_code,XXX,\"unknown sector code: expected one of 15 codes"));
  EXPECT_THAT(rejects, HasSubstr("7,pathway_code,ICT-03,\"pathway ICT-03 belongs to sector ICT, not HSM\""));
  EXPECT_THAT(rejects, HasSubstr("8,student_key,S9,unknown student_key"));
  EXPECT_THAT(rejects, HasSubstr("9,org_id,SCH-404,unknown org_id"));
  EXPECT_THAT(rejects, HasSubstr("10,de_units_earned,5,must not exceed de_units_attempted"));
  EXPECT_THAT(rejects, HasSubstr("11,de_units_attempted,-1,expected a number from 0 to 60"));
  EXPECT_THAT(rejects, HasSubstr("12,industry_credential,maybe,\"expected Y or N"));
  EXPECT_THAT(rejects, HasSubstr("14,wbl_hours,10,given without wbl_type"));
  EXPECT_THAT(rejects, HasSubstr("15,grade_level,,required"));
  EXPECT_THAT(rejects, HasSubstr("17,student_key+school_year+org_id,S3|2018|SCH-1,\"duplicate of line 16: same student_key, school_year, org_id\""));
}

TEST_P(ImportTest, RowsForOrganizationsOutsideTheScopeAreRejectedWithThatReason) {
  ImportBase();
  auto spec = ingest::FindKind("student_years");
  ASSERT_TRUE(spec.ok());
  ingest::ImportOptions options;
  options.rejects_dir = (t_->dir / "rejects").string();
  options.allowed_organizations.emplace();
  options.allowed_organizations->insert("SCH-1");
  std::string content = std::string(kStudentYearsHeader) +
                        "S1,2023-24,SCH-1,11,,,,,,,,,,,,\n"   // 2 in scope
                        "S2,2023-24,CC-1,13,,,,,,,,,,,,\n"    // 3 another organization
                        "S3,2023-24,SCH-1,11,,,,,,,,,,,,\n"   // 4 in scope
                        "S3,2023-24,CC-1,twelve,,,,,,,,,,,,\n";  // 5 out of scope and bad: scope wins
  auto report = importer_->ImportFile(**spec, Write("scoped.csv", content), options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ExpectAccounted(*report);
  EXPECT_EQ(report->rows_read, 4u);
  EXPECT_EQ(report->rows_stored, 2u);
  EXPECT_EQ(report->rows_rejected, 2u);
  EXPECT_EQ(Count("student_year"), 2);
  EXPECT_EQ(*QueryInteger(*t_->db, "SELECT count(*) FROM student_year WHERE org_id = 'CC-1'"), 0);
  std::string rejects = ReadRejects(*report);
  EXPECT_THAT(rejects, HasSubstr("3,org_id,CC-1,organization CC-1 is outside your scope"));
  EXPECT_THAT(rejects, HasSubstr("5,org_id,CC-1,organization CC-1 is outside your scope"));

  // Organizations: the row's own id and its parent must both be in scope.
  auto orgs = ingest::FindKind("organizations");
  ASSERT_TRUE(orgs.ok());
  options.allowed_organizations->insert("DIST-1");
  std::string org_rows =
      "org_id,org_type,name,county_fips,parent_org_id,cds_code,ipeds_id,latitude,longitude\n"
      "SCH-1,school,Valley High School (renamed),06019,DIST-1,10621661033153,,36.8,-119.7\n"  // 2 in scope
      "CC-1,college,Taken College,06019,,,114716,36.77,-119.79\n"                               // 3 not ours
      "DIST-1,district,Valley Unified,06019,COE-06019,10621660000000,,,\n";                    // 4 parent not ours
  auto org_report = importer_->ImportFile(**orgs, Write("orgs.csv", org_rows), options);
  ASSERT_TRUE(org_report.ok()) << org_report.status().ToString();
  ExpectAccounted(*org_report);
  EXPECT_EQ(org_report->rows_stored, 1u);
  EXPECT_EQ(org_report->rows_rejected, 2u);
  std::string org_rejects = ReadRejects(*org_report);
  EXPECT_THAT(org_rejects, HasSubstr("3,org_id,CC-1,organization CC-1 is outside your scope"));
  EXPECT_THAT(org_rejects, HasSubstr("4,parent_org_id,COE-06019,organization COE-06019 is outside your scope"));
  auto name = store::QueryJson(*t_->db, "SELECT name FROM organization WHERE org_id = 'CC-1'");
  EXPECT_EQ((*name)[0]["name"], "Valley College");
}

TEST_P(ImportTest, BrokenQuotingInvalidUtf8AndRaggedRowsAreRejectedNotFatal) {
  std::string content =
      "student_key,birth_year,gender\n"
      "S1,2007,F\n"                     // 2 good
      "S2,\"2007,M\n"                   // 3 unterminated quote: only this line is rejected
      "S3,2007,M\n"                     // 4 good
      "S4,20\"07,M\n"                   // 5 stray quote
      "S5,2007,\xff\xfe\n"              // 6 invalid UTF-8
      "S6,2007\n"                       // 7 too few fields
      "S7,2007,M,extra\n"               // 8 too many fields
      "\n"                              // 9 blank line
      "S8,1850,M\n"                     // 10 out of range
      "S9,2007,Q\n"                     // 11 unknown gender
      "S10,2007,F";                     // 12 good, no final newline
  auto report = Import("students", Write("students.csv", content));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ExpectAccounted(*report);
  EXPECT_EQ(report->rows_read, 11u);
  EXPECT_EQ(report->rows_stored, 3u) << ReadRejects(*report);  // lines 2, 4 and 12
  EXPECT_EQ(Count("student"), 3);
  std::string rejects = ReadRejects(*report);
  EXPECT_THAT(rejects, HasSubstr("\n3,"));
  EXPECT_THAT(rejects, HasSubstr("\n5,"));
  EXPECT_THAT(rejects, HasSubstr("UTF-8"));
  EXPECT_THAT(rejects, HasSubstr("7,,,\"expected 3 fields as in the header, found 2\""));
  EXPECT_THAT(rejects, HasSubstr("8,,,\"expected 3 fields as in the header, found 4\""));
  EXPECT_THAT(rejects, HasSubstr("9,,,blank line"));
  EXPECT_THAT(rejects, HasSubstr("10,birth_year,1850,expected a whole number from 1900 to 2030"));
  EXPECT_THAT(rejects, HasSubstr("11,gender,Q,\"unknown gender code: expected one of F, M, U, X\""));
}

TEST_P(ImportTest, CrlfLineEndingsAndByteOrderMarkAreAccepted) {
  auto report = Import("students", Write("bom.csv", "\xEF\xBB\xBFstudent_key,gender\r\nS1,F\r\nS2,\"M\"\r\n"));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->rows_stored, 2u);
  EXPECT_EQ(*QueryInteger(*t_->db, "SELECT count(*) FROM student WHERE gender = 'M'"), 1);
}

TEST_P(ImportTest, UnimportableFilesAreRefusedWithOneClearMessage) {
  auto empty = Import("students", Write("empty.csv", ""));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(empty.status().message(), HasSubstr("empty"));
  EXPECT_TRUE(ingest::IsRefusal(empty.status()));

  auto missing = Import("student_years", Write("missing.csv", "student_key,org_id,grade_level\nS1,SCH-1,09\n"));
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("missing required column(s) school_year"));
  EXPECT_THAT(missing.status().message(), HasSubstr("missing.csv"));

  auto unknown = Import("students", Write("unknown.csv", "student_key,gender,favourite_colour\nS1,F,red\n"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(), HasSubstr("unknown column(s) favourite_colour"));
  EXPECT_EQ(unknown.status().details()["unknown_columns"][0], "favourite_colour");

  auto repeated = Import("students", Write("repeated.csv", "student_key,gender,GENDER\nS1,F,F\n"));
  ASSERT_FALSE(repeated.ok());
  EXPECT_THAT(repeated.status().message(), HasSubstr("repeated column(s) GENDER"));

  auto binary = Import("students", Write("binary.csv", std::string("\x1f\x8b\x08\x00\xff\xfe\xfd", 7)));
  ASSERT_FALSE(binary.ok());
  EXPECT_THAT(binary.status().message(), HasSubstr("not a CSV file"));

  auto no_file = Import("students", (t_->dir / "nope.csv").string());
  ASSERT_FALSE(no_file.ok());
  EXPECT_EQ(no_file.status().code(), StatusCode::kNotFound);

  EXPECT_EQ(ingest::FindKind("pupils").status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(ingest::FindKind("pupils").status().message(), HasSubstr("student_years"));
  // Nothing was stored and no batch recorded.
  EXPECT_EQ(Count("student"), 0);
  EXPECT_EQ(Count("import_batch WHERE kind = 'students'"), 0);
}

TEST_P(ImportTest, HeaderOnlyFileStoresNothingAndSucceeds) {
  auto report = Import("students", Write("header.csv", "student_key,gender\n"));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->rows_read, 0u);
  EXPECT_EQ(report->rows_stored, 0u);
  EXPECT_EQ(Count("import_batch WHERE kind = 'students'"), 1);
}

TEST_P(ImportTest, ReimportingTheSameFileChangesNothing) {
  ImportBase();
  std::string path = Write("sy.csv", std::string(kStudentYearsHeader) +
                                         "S1,2024,SCH-1,11,HSM,HSM-04,participant,,,,,,,,,\n"
                                         "S2,2024,SCH-1,12,,,,,,,,,Y,,,\n");
  auto first = Import("student_years", path);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->rows_changed, 2u);
  auto second = Import("student_years", path);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->rows_stored, 2u);
  EXPECT_EQ(second->rows_changed, 0u);
  EXPECT_EQ(second->checksum, first->checksum);
  EXPECT_NE(second->batch_id, first->batch_id);
  EXPECT_EQ(Count("student_year"), 2);
  EXPECT_EQ(Count("import_batch WHERE kind = 'student_years'"), 2);
  // A corrected file updates in place.
  auto third = Import("student_years", Write("sy2.csv", std::string(kStudentYearsHeader) +
                                                            "S1,2024,SCH-1,11,HSM,HSM-04,concentrator,,,,,,,,,\n"));
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->rows_changed, 1u);
  EXPECT_EQ(Count("student_year"), 2);
  EXPECT_EQ(Count("student_year WHERE cte_status = 'concentrator'"), 1);
}

// The table's indexes and constraints as the catalog describes them.
std::set<std::string> Schema(store::Database& db, const std::string& table) {
  std::set<std::string> out;
  auto rows = db.backend() == store::Backend::kSqlite
                  ? store::QueryJson(db, "SELECT name || ': ' || coalesce(sql, '') AS d FROM sqlite_master "
                                         "WHERE tbl_name = :p0", {store::Param::Text(table)})
                  : store::QueryJson(db, "SELECT conname || ': ' || pg_get_constraintdef(oid) AS d FROM pg_constraint "
                                         "WHERE conrelid = CAST(:p0 AS regclass) UNION ALL "
                                         "SELECT indexdef FROM pg_indexes WHERE tablename = :p0",
                                     {store::Param::Text(table)});
  for (const auto& r : *rows) out.insert(r["d"].get<std::string>());
  return out;
}

// A file of 1 MiB or more into an empty table loads without the indexes
// (and on PostgreSQL the keys), rebuilt at the end: afterwards the schema is
// as before, the keys hold, and in-file duplicates were still rejected.
TEST_P(ImportTest, LargeFileIntoEmptyTableRebuildsIndexesAndKeys) {
  ImportBase();
  constexpr int kStudentsInFile = 12'000;
  std::string students = "student_key,gender\n";
  std::string years = kStudentYearsHeader;
  for (int i = 0; i < kStudentsInFile; ++i) {
    std::string key = fmt::format("L{:07}", i);
    students += key + ",F\n";
    for (int year : {2023, 2024}) {
      years += fmt::format("{},{},SCH-1,11,HSM,HSM-04,participant,3.0,3.0,training,120,Y,N,N,Y,4250.50\n", key,
                           year);
    }
  }
  years += "L0000007,2024,SCH-1,12,,,,,,,,,,,,\n";  // same key as an earlier line
  ASSERT_TRUE(Import("students", Write("many_students.csv", students)).ok());
  const std::string path = Write("many_years.csv", years);
  ASSERT_GE(std::filesystem::file_size(path), 1u << 20) << "must take the bulk path";
  const auto schema_before = Schema(*t_->db, "student_year");
  ASSERT_FALSE(schema_before.empty());

  auto first = Import("student_years", path);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->rows_stored, 2u * kStudentsInFile);
  EXPECT_EQ(first->rows_rejected, 1u);
  EXPECT_THAT(ReadRejects(*first), HasSubstr("duplicate of line 17"));
  EXPECT_EQ(first->rows_changed, 2u * kStudentsInFile);
  EXPECT_EQ(Count("student_year"), 2 * kStudentsInFile);
  EXPECT_EQ(Schema(*t_->db, "student_year"), schema_before);

  // The keys hold again: a duplicate key and an unknown student are refused.
  EXPECT_FALSE(t_->db->Execute("INSERT INTO student_year (student_key, school_year, org_id, grade_level) "
                               "VALUES ('L0000001', 2024, 'SCH-1', '11')").ok());
  EXPECT_FALSE(t_->db->Execute("INSERT INTO student_year (student_key, school_year, org_id, grade_level) "
                               "VALUES ('NOBODY', 2024, 'SCH-1', '11')").ok());

  // Into the now non-empty table: the merge path, nothing changes.
  auto again = Import("student_years", path);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->rows_changed, 0u);
  EXPECT_EQ(Count("student_year"), 2 * kStudentsInFile);
}

TEST_P(ImportTest, ReferencesResolveEarlierInTheSameFileAndImportSet) {
  // A school whose district comes earlier in the same file is accepted; one
  // whose parent comes later is rejected (parents first, as documented).
  auto orgs = Import("organizations",
                     Write("o.csv",
                           "org_id,org_type,name,county_fips,parent_org_id\n"
                           "D1,district,D1,06019,\n"
                           "S1,school,S1,06019,D1\n"
                           "S2,school,S2,06019,D2\n"
                           "D2,district,D2,06019,\n"
                           "S3,school,S3,06019,S3\n"
                           "X1,school,No county,,\n"));
  ASSERT_TRUE(orgs.ok());
  ExpectAccounted(*orgs);
  EXPECT_EQ(orgs->rows_stored, 3u);
  std::string rejects = ReadRejects(*orgs);
  EXPECT_THAT(rejects, HasSubstr("4,parent_org_id,D2,unknown parent_org_id"));
  EXPECT_THAT(rejects, HasSubstr("6,parent_org_id,S3,"));
  EXPECT_THAT(rejects, HasSubstr("7,county_fips,,required for every organization except state agencies"));
  // Students stored by this importer are known to the next file of the set.
  ASSERT_TRUE(Import("students", Write("s.csv", "student_key\nK1\n")).ok());
  auto years = Import("student_years", Write("y.csv", "student_key,school_year,org_id,grade_level\nK1,2024,S1,09\n"));
  ASSERT_TRUE(years.ok());
  EXPECT_EQ(years->rows_stored, 1u) << ReadRejects(*years);
  // ...and to a new importer, through the database.
  ingest::Importer fresh(*t_->db);
  ingest::ImportOptions options;
  options.rejects_dir = (t_->dir / "rejects").string();
  auto again = fresh.ImportFile(**ingest::FindKind("student_years"),
                                Write("y2.csv", "student_key,school_year,org_id,grade_level\nK1,2025,S1,10\n"), options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->rows_stored, 1u);
}

TEST_P(ImportTest, AdministratorsCanDefineAnotherRegionScheme) {
  auto report = Import("regions", Write("wdb.csv",
                                        "scheme_code,county_fips,region_code,region_name\n"
                                        "wdb,06019,FRESNO,Fresno Regional WDB\n"
                                        "wdb,06039,MADERA,Madera County WDB\n"
                                        "wdb,06999,NOWHERE,Nowhere\n"));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->rows_stored, 2u);
  EXPECT_THAT(ReadRejects(*report), HasSubstr("4,county_fips,06999,\"unknown county code"));
  EXPECT_EQ(Count("region_assignment WHERE scheme_code = 'wdb'"), 2);
  EXPECT_EQ(Count("region_assignment WHERE scheme_code = 'ccc'"), 58);
}

TEST_P(ImportTest, ValuesThatNeedEscapingRoundTrip) {
  // Tabs, backslashes and newlines must survive PostgreSQL's COPY text format.
  auto report = Import("organizations", Write("esc.csv",
                                              "org_id,org_type,name,county_fips\n"
                                              "E1,employer,\"Back\\slash\tTab\nNew line, \"\"quoted\"\"\",06001\n"));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->rows_stored, 1u) << ReadRejects(*report);
  auto rows = store::QueryJson(*t_->db, "SELECT name FROM organization WHERE org_id = 'E1'");
  EXPECT_EQ((*rows)[0]["name"], "Back\\slash\tTab\nNew line, \"quoted\"");
}

TEST_P(ImportTest, EveryTemplateRejectsWrongTypesUnknownCodesAndDuplicates) {
  auto orgs = Import("organizations",
                     Write("o.csv",
                           "org_id,org_type,name,county_fips,cds_code,ipeds_id,latitude,longitude\n"
                           "A1,school,Good,06019,10621661033153,,36.8,-119.7\n"    // 2 good
                           "A2,spaceport,Bad type,06019,,,,\n"                      // 3 unknown code
                           "A3,school,Bad county,6019,,,,\n"                        // 4 malformed county
                           "A4,school,Bad CDS,06019,1062166,,,\n"                   // 5 wrong digits
                           "A5,college,Bad IPEDS,06019,,11471X,,\n"                 // 6 wrong digits
                           "A6,school,Bad latitude,06019,,,north,-119.7\n"          // 7 wrong type
                           "A7,school,Outside California,06019,,,51.5,-0.1\n"       // 8 out of range
                           "A8,school,Half a point,06019,,,36.8,\n"                 // 9 latitude alone
                           "A 9,school,Bad id,06019,,,,\n"                          // 10 bad identifier
                           "A1,school,Again,06019,,,,\n"));                         // 11 duplicate
  ASSERT_TRUE(orgs.ok()) << orgs.status().ToString();
  ExpectAccounted(*orgs);
  EXPECT_EQ(orgs->rows_stored, 1u) << ReadRejects(*orgs);
  std::string rejects = ReadRejects(*orgs);
  for (const char* expected : {"3,org_type,spaceport,", "4,county_fips,6019,", "5,cds_code,1062166,expected exactly 14 digits",
                               "6,ipeds_id,11471X,expected exactly 6 digits", "7,latitude,north,expected a number",
                               "8,latitude,51.5,", "9,latitude,36.8,given without longitude", "10,org_id,A 9,",
                               "11,org_id,A1,duplicate of line 2"}) {
    EXPECT_THAT(rejects, HasSubstr(expected));
  }
  auto students = Import("students", Write("s.csv",
                                           "student_key,birth_year,gender,race_ethnicity,foster_youth\n"
                                           "K1,2008,F,asian,N\n"                 // 2 good
                                           "K2,two thousand,F,asian,N\n"         // 3 wrong type
                                           "K3,2008,F,martian,N\n"               // 4 unknown code
                                           "K4,2008,F,asian,perhaps\n"           // 5 bad boolean
                                           ",2008,F,asian,N\n"                   // 6 missing key
                                           "K1,2009,M,white,Y\n"));              // 7 duplicate key
  ASSERT_TRUE(students.ok());
  ExpectAccounted(*students);
  EXPECT_EQ(students->rows_stored, 1u);
  rejects = ReadRejects(*students);
  for (const char* expected : {"3,birth_year,two thousand,", "4,race_ethnicity,martian,", "5,foster_youth,perhaps,",
                               "6,student_key,,required", "7,student_key,K1,duplicate of line 2"}) {
    EXPECT_THAT(rejects, HasSubstr(expected));
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres), BackendName);

}  // namespace
}  // namespace pl::testing
