// `pathlight snapshot build|info` and `pathlight query` as an operator runs
// them: exact output, exit status 2 with the reason for a bad spec.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/run_pathlight.hpp"

namespace pl::engine::testing {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

using Outcome = pl::testing::CliOutcome;
using pl::testing::ReadAll;

class QueryCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("pathlight-query-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    db_ = "sqlite:" + (dir_ / "p.db").string();
    ::setenv("PATHLIGHT_DATA_DIR", (std::string(PL_SOURCE_DIR) + "/data").c_str(), 1);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Outcome Pathlight(const std::vector<std::string>& args) { return pl::testing::RunPathlight(dir_, args); }
  std::string Write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name) << content;
    return (dir_ / name).string();
  }
  void Import(const std::string& kind, const std::string& csv) {
    Outcome r = Pathlight({"import", kind, Write(kind + ".csv", csv), "--db", db_});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(QueryCliTest, BuildInfoAndQuery) {
  Import("organizations",
         "org_id,org_type,name,county_fips\nCDE,state_agency,State,\nSCH-1,school,Valley High,06019\n"
         "SCH-2,school,Bay High,06001\n");
  Import(
      "students",
      "student_key,gender,race_ethnicity,socioeconomically_disadvantaged\nS1,F,asian,Y\nS2,M,white,N\nS3,F,asian,\n");
  Import("student_years",
         "student_key,school_year,org_id,grade_level,cte_status,employed,quarterly_wage\n"
         "S1,2023-24,SCH-1,11,completer,1,1000\nS1,2024-25,SCH-1,12,completer,,\n"
         "S2,2023-24,SCH-2,12,participant,0,500.5\nS3,2023-24,SCH-2,11,,1,1500\n");

  const std::string file = (dir_ / "s.plsnap").string();
  Outcome built = Pathlight({"snapshot", "build", "--db", db_, "--out", file});
  ASSERT_EQ(built.exit_code, 0) << built.err;
  EXPECT_THAT(built.out, HasSubstr("Snapshot " + file + ": 4 rows, 3 students"));
  EXPECT_THAT(built.out, HasSubstr("rows/s"));

  Outcome info = Pathlight({"snapshot", "info", file, "--verify"});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  auto header = nlohmann::json::parse(info.out);
  EXPECT_EQ(header["rows"], 4);
  EXPECT_EQ(header["verified"], true);
  EXPECT_EQ(header["dimensions"]["region"]["values"], 2);  // Bay Area and Fresno's region

  const std::string spec = Write("q.json", R"({"filters":[{"dim":"school_year","in":[2024]}],
    "group_by":["race_ethnicity"],"measures":[{"op":"count"},{"op":"rate","outcome":"employed"},
    {"op":"median","measure":"wage"}]})");
  Outcome json = Pathlight({"query", "--snapshot", file, "--spec", spec});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto result = nlohmann::json::parse(json.out);
  EXPECT_EQ(result["group_by"], nlohmann::json::parse(R"(["race_ethnicity"])"));
  EXPECT_EQ(result["rows"], nlohmann::json::parse(R"([["asian",2,1.0,2,2,1250.0,2],["white",1,0.0,0,1,500.5,1]])"));
  EXPECT_EQ(result["columns"][2], nlohmann::json::parse(R"({"name":"employed_rate","type":"rate"})"));

  Outcome csv = Pathlight({"query", "--db", db_, "--spec", spec, "--format", "csv", "--threads", "2"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out,
            "race_ethnicity,count,employed_rate,employed_sum,employed_n,wage_median,wage_n\n"
            "asian,2,1,2,2,1250,2\nwhite,1,0,0,1,500.5,1\n");

  const std::string timings = (dir_ / "t.json").string();
  Outcome repeated =
      Pathlight({"query", "--snapshot", file, "--spec", spec, "--repeat", "3", "--timings-json", timings});
  ASSERT_EQ(repeated.exit_code, 0) << repeated.err;
  EXPECT_EQ(repeated.out, json.out) << "the result is printed once";
  auto t = nlohmann::json::parse(ReadAll(timings));
  EXPECT_EQ(t["runs_ms"].size(), 3u);
  EXPECT_EQ(t["rows"], 2);
  EXPECT_GT(t["peak_rss_kb"].get<long long>(), 0);
  for (const char* key : {"load_ms", "median_ms"}) EXPECT_TRUE(t[key].is_number()) << key;

  Outcome bad = Pathlight({"query", "--snapshot", file, "--spec", Write("bad.json", R"({"group_by":["sectr"]})")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("group_by[0]: unknown dimension \"sectr\""));
  EXPECT_EQ(bad.out, "");

  EXPECT_EQ(Pathlight({"query", "--snapshot", file, "--db", db_, "--spec", spec}).exit_code, 2);
  EXPECT_EQ(Pathlight({"query", "--snapshot", file, "--spec", spec, "--format", "xml"}).exit_code, 2);
  Outcome missing = Pathlight({"query", "--snapshot", (dir_ / "none.plsnap").string(), "--spec", spec});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_THAT(missing.err, HasSubstr("none.plsnap"));
  Write("broken.plsnap", "PLSNAP but not really a snapshot file at all, just text padding it out to 64+ bytes....");
  Outcome broken = Pathlight({"snapshot", "info", (dir_ / "broken.plsnap").string()});
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_THAT(broken.err, HasSubstr("broken.plsnap is unusable"));
}

}  // namespace
}  // namespace pl::engine::testing
