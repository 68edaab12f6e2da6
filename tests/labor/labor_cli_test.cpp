// `pathlight labor gap` as a user runs it: the table, CSV and JSON of the
// shared fixture, --out, and refusals (exit 2 naming the option).
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "labor/store_fixture.hpp"
#include "store/store.hpp"
#include "support/run_pathlight.hpp"

namespace pl::labor::test {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

using Outcome = pl::testing::CliOutcome;
using pl::testing::ReadAll;

class LaborCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("pathlight-labor-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    ::setenv("PATHLIGHT_DATA_DIR", (std::string(PL_SOURCE_DIR) + "/data").c_str(), 1);
    db_ = "sqlite:" + (dir_ / "p.db").string();
    Outcome migrated = Pathlight({"migrate", "--db", db_});
    ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
    auto db = store::Database::Open(db_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    InsertLaborFixture(**db);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static Outcome Pathlight(const std::vector<std::string>& args) { return pl::testing::RunPathlight(dir_, args); }
  static Outcome Gap(std::vector<std::string> args) {
    args.insert(args.begin(), {"labor", "gap", "--db", db_});
    return Pathlight(args);
  }

  static inline fs::path dir_;
  static inline std::string db_;
};

TEST_F(LaborCliTest, TableIsTheDefault) {
  Outcome r = Gap({"--region", "BA"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Area: Bay Area"));
  EXPECT_THAT(r.out, HasSubstr("Demand: Synthetic regional projections (demo data)"));
  EXPECT_THAT(r.out, HasSubstr("Living wage (1a0c): $31.00/h"));
  EXPECT_THAT(r.out, HasSubstr("29-2061"));
  EXPECT_THAT(r.out, HasSubstr("3 of 3 occupations shown. Totals: demand 150.0, supply 82.0, gap 68.0"));
}

TEST_F(LaborCliTest, JsonIsTheApiBody) {
  Outcome r = Gap({"--region", "BA", "--pathway", "HSM-04", "--format", "json", "--limit", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto body = nlohmann::json::parse(r.out);
  EXPECT_EQ(body["area"]["code"], "BA");
  EXPECT_EQ(body["filter"]["kind"], "pathway");
  ASSERT_EQ(body["occupations"].size(), 1u);
  EXPECT_EQ(body["occupations"][0]["soc"], "29-2061");
  EXPECT_EQ(body["occupations"][0]["supply"], 46.5);
  EXPECT_FALSE(body["data_version"].get<std::string>().empty());
}

TEST_F(LaborCliTest, CsvToAFile) {
  std::string file = (dir_ / "gap.csv").string();
  Outcome r = Gap({"--county", "06019", "--format", "csv", "--out", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  std::string csv = ReadAll(file);
  EXPECT_THAT(csv, ::testing::StartsWith("soc,title,"));
  EXPECT_THAT(csv, HasSubstr("\n29-2061,Licensed Practical and Licensed Vocational Nurses,Postsecondary nondegree award,"
                             "12.00,2.00,4.00,6.00,800.00,8.00,4.00,"));
  EXPECT_THAT(csv, HasSubstr(",partial_years\n"));
}

TEST_F(LaborCliTest, FullCountIsNotTotalled) {
  Outcome r = Gap({"--region", "BA", "--split", "full", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto body = nlohmann::json::parse(r.out);
  EXPECT_TRUE(body["totals"]["supply"].is_null());
  EXPECT_EQ(body["totals"]["demand"], 150.0);
}

TEST_F(LaborCliTest, RefusalsNameTheOptionAndExit2) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {{"--region", "XX"}, "error: --region: unknown region: XX (expected one of BA, CVML,"},
           {{"--county", "06999"}, "error: --county: unknown county FIPS: 06999"},
           {{"--region", "BA", "--county", "06001"}, "error: --county: give region or county, not both"},
           {{"--sector", "HSM", "--soc", "29-2061"}, "error: --soc: give at most one of sector, pathway, program, soc"},
           {{"--sector", "NOPE"}, "error: --sector: unknown sector: NOPE"},
           {{"--pathway", "HSM-99"}, "error: --pathway: unknown pathway: HSM-99"},
           {{"--program", "1230.20"}, "error: --program: program must be TOP:CODE or CIP:CODE"},
           {{"--soc", "29-0000"}, "error: --soc: unknown SOC code: 29-0000"},
           {{"--split", "half"}, "error: --split: split must be one of openings, equal, employment, full"},
           {{"--education", "x"}, "error: --education: education must be one of"},
           {{"--limit", "0"}, "error: --limit: limit must be a whole number of at least 1"},
           {{"--format", "xml"}, "error: --format: expected table, csv or json, got \"xml\""},
           {{"--county", "06001", "--demand", "national_scaled"},
            "error: --demand: national_scaled demand needs the area's employment"},
       }) {
    Outcome r = Gap(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args[0] << ": " << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.message)) << c.args[0];
    EXPECT_TRUE(r.out.empty()) << c.args[0];
  }
}

}  // namespace
}  // namespace pl::labor::test
