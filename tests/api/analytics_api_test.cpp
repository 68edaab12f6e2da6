// The analytics routes over HTTP on both backends: the snapshot built in the
// background (503 with the job until then), answers checked against
// docs/openapi.yaml, what each role sees exactly, refusals, and the data
// version moving after an import.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/fixture.hpp"
#include "api/served_api.hpp"
#include "integration/test_database.hpp"
#include "store/query.hpp"

namespace pl::api::test {
namespace {

using http::test::ClientResponse;
using http::test::HeaderList;
using pl::testing::Backend;
using privacy::Role;
using ::testing::HasSubstr;

class AnalyticsApiTest : public ServedApiTest {
 protected:
  void SetUp() override {
    MakeDatabase();
    ImportFixture(*t_);
    AddAccounts({{Role::kStateAnalyst, "state@example.test", ""},
                 {Role::kRegionalAnalyst, "fresno@example.test", "ccc/cvml"},
                 {Role::kInstitutionAnalyst, "district@example.test", "DIST-1"}});
    Serve();
  }

  // The first analytics request starts the snapshot job; once it is done
  // the answer comes.
  ClientResponse Ready(const std::string& method, const std::string& target, const std::string& body = "",
                       const HeaderList& headers = {}) {
    ClientResponse r = Call(method, target, body, headers);
    if (r.status == 503) {
      EXPECT_EQ(r.Json()["error"]["code"], "unavailable");
      EXPECT_FALSE(r.Json()["error"]["details"]["job_id"].get<std::string>().empty());
      jobs_.Wait();
      r = Call(method, target, body, headers);
    }
    EXPECT_EQ(r.status, 200) << r.body;
    return r;
  }

  std::string NewestBatch() {
    auto rows = store::QueryJson(*t_->db, "SELECT batch_id FROM import_batch ORDER BY batch_id DESC LIMIT 1");
    return (*rows)[0]["batch_id"];
  }
};

const nlohmann::json& Group(const nlohmann::json& cohort, const std::string& code) {
  for (const auto& g : cohort["groups"]) {
    if (g["group"] == code) return g;
  }
  ADD_FAILURE() << "no group " << code;
  static nlohmann::json none;
  return none;
}

// The fixture's 2023-24: 20 students in Alameda (06001, 3 completers) and 20
// in Fresno (06019, 2 completers).
constexpr const char* kByCounty = "/api/v1/equity?outcome=completer&group=county&from=2023-24&to=2023-24";

TEST_P(AnalyticsApiTest, EquityAnswersOnceTheSnapshotIsBuiltAndWithholdsSmallCounts) {
  ClientResponse r = Ready("GET", kByCounty);
  nlohmann::json body = r.Json();
  EXPECT_EQ(body["data_version"], NewestBatch());
  EXPECT_EQ(body["method"], "ppg");
  EXPECT_EQ(body["reference"], "all but current");
  ASSERT_EQ(body["cohorts"].size(), 1u);
  const auto& cohort = body["cohorts"][0];
  EXPECT_EQ(cohort["cohort"], "2023-24");
  EXPECT_EQ(cohort["overall"]["n"]["value"], 40);
  // 3 and 2 completers: small counts, withheld for the public.
  const auto& alameda = Group(cohort, "06001");
  EXPECT_EQ(alameda["suppressed"], true);
  EXPECT_EQ(alameda["reason"], "below_min_n");
  EXPECT_TRUE(alameda["rate"].is_null());
  EXPECT_TRUE(alameda["flag"].is_null());
  EXPECT_EQ(alameda["label"], "Alameda");
}

TEST_P(AnalyticsApiTest, StateAnalystsSeeEveryGroupExactly) {
  jobs_.Wait();
  ClientResponse r = Ready("GET", kByCounty, "", SignIn("state@example.test"));
  nlohmann::json body = r.Json();
  const auto& cohort = body["cohorts"][0];
  const auto& alameda = Group(cohort, "06001");
  EXPECT_EQ(alameda["suppressed"], false);
  EXPECT_EQ(alameda["n"]["value"], 20);
  EXPECT_EQ(alameda["success"]["value"], 3);
  EXPECT_DOUBLE_EQ(alameda["rate"].get<double>(), 0.15);
  // Against everyone else: 2/20 = 0.1; the margin of error 0.98/sqrt(20).
  EXPECT_DOUBLE_EQ(alameda["reference"].get<double>(), 0.1);
  EXPECT_EQ(alameda["small_n"], false);
}

TEST_P(AnalyticsApiTest, RegionalAndInstitutionAnalystsAreExactWithinTheirScopeOnly) {
  auto fresno = SignIn("fresno@example.test");
  std::string spec_in = R"({"filters": [{"dim": "county", "in": ["06019"]}], "group_by": ["school_year"],
                            "measures": [{"op": "count"}, {"op": "rate", "outcome": "completer"}]})";
  std::string spec_out = R"({"filters": [{"dim": "county", "in": ["06001"]}], "group_by": ["school_year"],
                             "measures": [{"op": "count"}, {"op": "rate", "outcome": "completer"}]})";
  nlohmann::json in = Ready("POST", "/api/v1/query", spec_in, fresno).Json();
  EXPECT_EQ(in["suppression"]["exact"], true);
  EXPECT_EQ(in["rows"][0]["school_year"], "2023-24");
  EXPECT_EQ(in["rows"][0]["completer_sum"]["value"], 2);
  EXPECT_EQ(in["rows"][1]["count"]["value"], 8);
  nlohmann::json out = Ready("POST", "/api/v1/query", spec_out, fresno).Json();
  EXPECT_EQ(out["suppression"]["exact"], false);
  EXPECT_EQ(out["rows"][0]["completer_sum"]["suppressed"], true);

  auto district = SignIn("district@example.test");
  std::string own = R"({"filters": [{"dim": "organization", "in": ["SCH-1"]}], "group_by": ["organization"],
                        "measures": [{"op": "distinct_students"}]})";
  nlohmann::json mine = Ready("POST", "/api/v1/query", own, district).Json();
  EXPECT_EQ(mine["suppression"]["exact"], true);
  EXPECT_EQ(mine["rows"][0]["organization_label"], "Valley High School");
  // Anonymous callers see the suppressed figures.
  nlohmann::json anonymous = Ready("POST", "/api/v1/query", spec_in).Json();
  EXPECT_EQ(anonymous["suppression"]["exact"], false);
  EXPECT_EQ(anonymous["rows"][1]["count"]["suppressed"], true);
}

// The columnar layout rebuilt row by row equals the row layout: the same
// codes and labels, the same values, the same withheld cells and reasons,
// for an anonymous caller (cells withheld) and a state analyst (none).
void ExpectSameTable(const nlohmann::json& rows, const nlohmann::json& columns) {
  ASSERT_EQ(columns["layout"], "columns");
  EXPECT_EQ(columns["data_version"], rows["data_version"]);
  EXPECT_EQ(columns["group_by"], rows["group_by"]);
  EXPECT_EQ(columns["suppression"], rows["suppression"]);
  ASSERT_EQ(columns["row_count"], rows["rows"].size());
  ASSERT_EQ(columns["columns"].size(), rows["columns"].size());
  const auto& reasons = columns["reasons"];
  for (std::size_t r = 0; r < rows["rows"].size(); ++r) {
    const auto& row = rows["rows"][r];
    for (const auto& column : columns["columns"]) {
      const std::string name = column["name"];
      if (column["kind"] == "dimension") {
        const auto& entry = column["dictionary"][column["codes"][r].get<std::size_t>()];
        EXPECT_EQ(entry["value"], row[name]) << name << " row " << r;
        EXPECT_EQ(entry["label"], row[name + "_label"]) << name << " row " << r;
        continue;
      }
      const auto& own = column.contains("reasons") ? column["reasons"] : columns["row_reasons"];
      const std::string reason = reasons[own[r].get<std::size_t>()];
      EXPECT_EQ(column["values"][r], row[name]["value"]) << name << " row " << r;
      EXPECT_EQ(reason, row[name]["reason"]) << name << " row " << r;
      EXPECT_EQ(!reason.empty(), row[name]["suppressed"]) << name << " row " << r;
    }
  }
}

TEST_P(AnalyticsApiTest, TheColumnarLayoutHoldsTheSameTableAsTheRowLayout) {
  std::string cube = R"({"group_by": ["school_year", "county", "gender"],
                         "measures": [{"op": "count"}, {"op": "sum", "outcome": "completer"},
                                      {"op": "rate", "outcome": "completer"}]})";
  nlohmann::json rows = Ready("POST", "/api/v1/query", cube).Json();
  nlohmann::json columns = Ready("POST", "/api/v1/query/columns", cube).Json();
  ExpectSameTable(rows, columns);
  EXPECT_GT(columns["suppression"]["cells_withheld"].get<int>(), 0) << "the fixture's small groups are withheld";

  auto state = SignIn("state@example.test");
  nlohmann::json exact_rows = Ready("POST", "/api/v1/query", cube, state).Json();
  nlohmann::json exact_columns = Ready("POST", "/api/v1/query/columns", cube, state).Json();
  ExpectSameTable(exact_rows, exact_columns);
  EXPECT_EQ(exact_columns["suppression"]["cells_withheld"], 0);
  EXPECT_EQ(exact_columns["suppression"]["exact"], true);

  ClientResponse bad = Call("POST", "/api/v1/query/columns", R"({"group_by": ["sectr"], "measures": [{"op": "count"}]})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_THAT(bad.Json()["error"]["message"].get<std::string>(), HasSubstr("group_by"));
}

TEST_P(AnalyticsApiTest, BadRequestsNameWhatIsWrong) {
  ClientResponse r = Call("GET", "/api/v1/equity?outcome=victory&group=gender");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Json()["error"]["details"]["parameter"], "outcome");
  r = Call("GET", "/api/v1/equity?outcome=completer");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Json()["error"]["details"]["parameter"], "group");
  r = Call("POST", "/api/v1/query", "[1, 2]");
  EXPECT_EQ(r.status, 400);
  jobs_.Wait();
  (void)Ready("GET", kByCounty);
  r = Call("POST", "/api/v1/query", R"({"filters": [{"dim": "sectr", "in": ["HEA"]}], "measures": [{"op": "count"}]})");
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(r.Json()["error"]["message"].get<std::string>(), HasSubstr("filters[0].dim"));
  r = Call("GET", "/api/v1/equity?outcome=completer&group=gender&reference=nobody");
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(r.Json()["error"]["message"].get<std::string>(), HasSubstr("nobody"));
}

// Answers are kept per data version, question and view: the same question
// from the same view is answered from what was kept, and a view never gets
// an answer computed for another.
TEST_P(AnalyticsApiTest, KeptAnswersAreSharedOnlyWithinOneView) {
  const std::string spec = R"({"filters": [{"dim": "county", "in": ["06019"]}], "group_by": ["school_year"],
                               "measures": [{"op": "count"}, {"op": "rate", "outcome": "completer"}]})";
  // The same question with its keys in another order and other spacing.
  const std::string same = R"({"measures": [{"op": "count"}, {"op": "rate", "outcome": "completer"}],
                               "group_by": ["school_year"], "filters": [{"dim": "county", "in": ["06019"]}]})";
  auto state = SignIn("state@example.test");
  ClientResponse exact = Ready("POST", "/api/v1/query", spec, state);
  EXPECT_THAT(exact.headers["server-timing"], HasSubstr("computed"));
  EXPECT_EQ(exact.Json()["rows"][1]["count"]["value"], 8);
  ClientResponse again = Call("POST", "/api/v1/query", same, state);
  EXPECT_EQ(again.headers["server-timing"], "answer;desc=\"kept\"");
  EXPECT_EQ(again.body, exact.body);

  // The public asks the same question after the analyst: computed for its
  // own view, the small count withheld.
  ClientResponse anonymous = Call("POST", "/api/v1/query", spec);
  EXPECT_THAT(anonymous.headers["server-timing"], HasSubstr("computed"));
  EXPECT_EQ(anonymous.Json()["rows"][1]["count"]["suppressed"], true);
  // A regional analyst whose region holds Fresno sees it exactly, from an
  // answer of its own.
  ClientResponse fresno = Call("POST", "/api/v1/query", spec, SignIn("fresno@example.test"));
  EXPECT_THAT(fresno.headers["server-timing"], HasSubstr("computed"));
  EXPECT_EQ(fresno.Json()["rows"][1]["count"]["value"], 8);
  EXPECT_EQ(Call("POST", "/api/v1/query", spec).headers["server-timing"], "answer;desc=\"kept\"");

  // The equity report: the same query parameters in another order are the
  // same question.
  ClientResponse first = Ready("GET", kByCounty);
  ClientResponse reordered = Call("GET", "/api/v1/equity?to=2023-24&from=2023-24&group=county&outcome=completer");
  EXPECT_EQ(reordered.headers["server-timing"], "answer;desc=\"kept\"");
  EXPECT_EQ(reordered.body, first.body);

  // New data: the kept answers are of the older version.
  Status imported = pl::testing::ImportCsv(*t_, "student_years",
                                           "student_key,school_year,org_id,grade_level,sector_code,pathway_code,"
                                           "cte_status\nS31,2023-24,SCH-2,12,ICT,ICT-03,completer\n");
  ASSERT_TRUE(imported.ok()) << imported.ToString();
  jobs_.Wait();
  (void)Call("GET", kByCounty);  // starts the snapshot job if the watcher has not
  jobs_.Wait();
  ClientResponse after = Call("POST", "/api/v1/query", spec, state);
  EXPECT_THAT(after.headers["server-timing"], HasSubstr("computed"));
  EXPECT_NE(after.Json()["data_version"], exact.Json()["data_version"]);
}

TEST_P(AnalyticsApiTest, ANewImportMovesTheDataVersion) {
  std::string before = Ready("GET", kByCounty).Json()["data_version"];
  std::string years = "student_key,school_year,org_id,grade_level,sector_code,pathway_code,cte_status\n"
                      "S30,2024-25,SCH-2,12,ICT,ICT-03,completer\n";
  Status imported = pl::testing::ImportCsv(*t_, "student_years", years);
  ASSERT_TRUE(imported.ok()) << imported.ToString();
  // The older snapshot answers while the new one is built, then the new one.
  ClientResponse during = Call("GET", kByCounty);
  EXPECT_EQ(during.status, 200);
  jobs_.Wait();
  std::string after = Call("GET", kByCounty).Json()["data_version"];
  EXPECT_NE(after, before);
  EXPECT_EQ(after, NewestBatch());
}

// A snapshot folder that cannot be made (a file stands where its parent
// should be): every build fails.
class FailingSnapshotTest : public ServedApiTest {
 protected:
  void SetUp() override {
    MakeDatabase();
    ImportFixture(*t_);
    pl::testing::WriteFile(t_->dir / "not-a-folder", "a file");
    Serve({.snapshot_dir = (t_->dir / "not-a-folder" / "snapshots").string()});
  }

  // Every snapshot job so far, as an administrator sees the list.
  int SnapshotJobs() {
    const nlohmann::json list = jobs_.List({.administrator = true});
    int n = 0;
    for (const auto& j : list["jobs"]) n += j["kind"] == "snapshot";
    return n;
  }
};

TEST_P(FailingSnapshotTest, AFailedBuildIsSaidAndNotTriedAgainAtOnce) {
  ClientResponse first = Call("GET", kByCounty);
  ASSERT_EQ(first.status, 503) << first.body;
  const std::string job = first.Json()["error"]["details"]["job_id"];
  EXPECT_FALSE(first.Json()["error"]["details"].contains("build_failed"));
  jobs_.Wait();
  nlohmann::json failed = Call("GET", "/api/v1/jobs/" + job).Json();
  EXPECT_EQ(failed["state"], "failed");

  // Asked again at once, by requests: the failed job and why, no new build.
  for (int i = 0; i < 3; ++i) {
    ClientResponse again = Call("GET", kByCounty);
    ASSERT_EQ(again.status, 503) << again.body;
    EXPECT_EQ(again.Json()["error"]["details"]["job_id"], job);
    EXPECT_EQ(again.Json()["error"]["details"]["build_failed"], true);
    EXPECT_THAT(again.Json()["error"]["message"].get<std::string>(), HasSubstr("could not be built"));
  }
  jobs_.Wait();
  EXPECT_EQ(SnapshotJobs(), 1);

  // New data is a new version: its build starts at once (and fails too).
  ASSERT_TRUE(pl::testing::ImportCsv(*t_, "student_years",
                                     "student_key,school_year,org_id,grade_level\nS30,2024-25,SCH-2,12\n")
                  .ok());
  ClientResponse after_import = Call("GET", kByCounty);
  ASSERT_EQ(after_import.status, 503) << after_import.body;
  EXPECT_NE(after_import.Json()["error"]["details"]["job_id"], job);
  EXPECT_FALSE(after_import.Json()["error"]["details"].contains("build_failed"));
  jobs_.Wait();
  EXPECT_EQ(SnapshotJobs(), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, FailingSnapshotTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         pl::testing::BackendName);

INSTANTIATE_TEST_SUITE_P(Backends, AnalyticsApiTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         pl::testing::BackendName);

}  // namespace
}  // namespace pl::api::test
