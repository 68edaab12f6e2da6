// The API end to end over HTTP on both backends, checked against
// docs/openapi.yaml and against the database.
#include <condition_variable>
#include <mutex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/fixture.hpp"
#include "api/served_api.hpp"
#include "integration/test_database.hpp"
#include "store/query.hpp"

namespace pl::api::test {
namespace {

using http::test::ClientResponse;
using http::test::Fetch;
using ::testing::HasSubstr;
using pl::testing::Backend;

class ApiTest : public ServedApiTest {
 protected:
  void SetUp() override {
    MakeDatabase();
    ImportFixture(*t_);
    Serve();
  }

  // GETs `target`, which must fall under the documented `pattern`, and checks
  // the body against that pattern's schema for the status received.
  ClientResponse Get(const std::string& target, const std::string& pattern) {
    EXPECT_EQ(contract_.PatternOf(target), pattern) << target;
    return Call("GET", target);
  }
};

TEST_P(ApiTest, EveryRouteIsDocumentedAndEveryDocumentedRouteExists) {
  std::set<std::pair<std::string, std::string>> served(routes_.begin(), routes_.end());
  EXPECT_EQ(served, contract_.Operations());
}

TEST_P(ApiTest, HealthNamesVersionsAndDatabase) {
  auto r = Get("/api/v1/health", "/api/v1/health");
  ASSERT_EQ(r.status, 200);
  auto body = r.Json();
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["version"], "test");
  EXPECT_EQ(body["database"], GetParam() == Backend::kSqlite ? "sqlite" : "postgresql");
  auto newest = store::QueryJson(*t_->db, "SELECT batch_id FROM import_batch ORDER BY batch_id DESC LIMIT 1");
  EXPECT_EQ(body["data_version"], (*newest)[0]["batch_id"]);
  EXPECT_EQ(r.Header("content-type"), "application/json");
}

TEST_P(ApiTest, ReferenceEndpointsServeTheShippedCodeSets) {
  auto regions = Get("/api/v1/reference/regions", "/api/v1/reference/regions").Json();
  EXPECT_EQ(regions["scheme"], "ccc");
  EXPECT_EQ(regions["regions"].size(), 8u);
  size_t counties_in_regions = 0;
  for (const auto& region : regions["regions"]) {
    counties_in_regions += region["counties"].size();
    EXPECT_FALSE(region["verified"].get<bool>()) << "region assignments are flagged to verify";
  }
  EXPECT_EQ(counties_in_regions, 58u);
  auto unknown = Get("/api/v1/reference/regions?scheme=nope", "/api/v1/reference/regions");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_THAT(unknown.Json()["error"]["message"].get<std::string>(), HasSubstr("nope"));

  auto counties = Get("/api/v1/reference/counties", "/api/v1/reference/counties").Json();
  ASSERT_EQ(counties.size(), 58u);
  EXPECT_EQ(counties[0]["name"], "Alameda");
  EXPECT_EQ(counties[0]["region_code"], "BA");

  auto sectors = Get("/api/v1/reference/sectors", "/api/v1/reference/sectors").Json();
  ASSERT_EQ(sectors.size(), 15u);
  size_t pathways = 0;
  for (const auto& s : sectors) pathways += s["pathways"].size();
  EXPECT_EQ(pathways, 58u);

  auto nurses = Get("/api/v1/reference/occupations?q=registered%20nurses&level=detailed",
                    "/api/v1/reference/occupations").Json();
  ASSERT_EQ(nurses["total"], 1);
  EXPECT_EQ(nurses["items"][0]["soc_code"], "29-1141");
  EXPECT_TRUE(nurses["items"][0]["projection"]["median_annual_wage"].is_number_integer());
  auto top_coded = Get("/api/v1/reference/occupations?q=29-1022", "/api/v1/reference/occupations").Json();
  EXPECT_EQ(top_coded["items"][0]["projection"]["median_wage_top_coded"], true);
  EXPECT_EQ(Get("/api/v1/reference/occupations?level=huge", "/api/v1/reference/occupations").status, 400);
  EXPECT_EQ(Get("/api/v1/reference/occupations?per_page=0", "/api/v1/reference/occupations").status, 400);

  auto nursing = Get("/api/v1/reference/programs?q=51.3801", "/api/v1/reference/programs").Json();
  ASSERT_GE(nursing["total"].get<int>(), 1);
  EXPECT_THAT(nursing["items"][0]["occupations"].dump(), HasSubstr("29-1141"));
  EXPECT_EQ(Get("/api/v1/reference/programs?digits=3", "/api/v1/reference/programs").status, 400);
  auto families = Get("/api/v1/reference/programs?digits=2&per_page=200", "/api/v1/reference/programs").Json();
  EXPECT_EQ(families["total"], *store::QueryInteger(*t_->db, "SELECT count(*) FROM cip_program WHERE digits = 2 AND active_2020 = 1"));
}

TEST_P(ApiTest, OrganizationsFilterSearchAndPage) {
  auto all = Get("/api/v1/organizations", "/api/v1/organizations").Json();
  EXPECT_EQ(all["total"], 6);
  auto schools = Get("/api/v1/organizations?type=school", "/api/v1/organizations").Json();
  EXPECT_EQ(schools["total"], 2);
  auto fresno = Get("/api/v1/organizations?county=06019", "/api/v1/organizations").Json();
  EXPECT_EQ(fresno["total"], 4);
  auto bay = Get("/api/v1/organizations?region=BA", "/api/v1/organizations").Json();
  ASSERT_EQ(bay["total"], 1);
  EXPECT_EQ(bay["items"][0]["org_id"], "SCH-2");
  EXPECT_EQ(bay["items"][0]["region_name"], "Bay Area");
  auto search = Get("/api/v1/organizations?q=valley", "/api/v1/organizations").Json();
  EXPECT_EQ(search["total"], 3);
  auto by_cds = Get("/api/v1/organizations?q=10621661033153", "/api/v1/organizations").Json();
  ASSERT_EQ(by_cds["total"], 1);
  EXPECT_EQ(by_cds["items"][0]["org_id"], "SCH-1");
  auto wildcard = Get("/api/v1/organizations?q=%25", "/api/v1/organizations").Json();
  EXPECT_EQ(wildcard["total"], 0) << "% is a literal character, not a wildcard";
  auto page2 = Get("/api/v1/organizations?per_page=4&page=2", "/api/v1/organizations").Json();
  EXPECT_EQ(page2["items"].size(), 2u);
  EXPECT_EQ(page2["total"], 6);
  for (const char* bad : {"type=spaceport", "county=06999", "region=ZZ", "page=0", "per_page=500"}) {
    auto r = Get(std::string("/api/v1/organizations?") + bad, "/api/v1/organizations");
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(r.Json()["error"]["code"], "invalid_argument") << bad;
  }
}

TEST_P(ApiTest, OrganizationDetail) {
  auto school = Get("/api/v1/organizations/SCH-1", "/api/v1/organizations/{org_id}").Json();
  EXPECT_EQ(school["name"], "Valley High School");
  EXPECT_EQ(school["parent"]["org_id"], "DIST-1");
  auto district = Get("/api/v1/organizations/DIST-1", "/api/v1/organizations/{org_id}").Json();
  ASSERT_EQ(district["children"].size(), 1u);
  EXPECT_EQ(district["children"][0]["count"], 1);
  auto missing = Get("/api/v1/organizations/NOPE", "/api/v1/organizations/{org_id}");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Json()["error"]["code"], "not_found");
}

TEST_P(ApiTest, OverviewCountsPassTheMinimumNGate) {
  auto r = Get("/api/v1/stats/overview", "/api/v1/stats/overview");
  ASSERT_EQ(r.status, 200);
  auto body = r.Json();
  EXPECT_EQ(body["min_n"], 11);
  ASSERT_EQ(body["years"].size(), 2u);
  auto y2024 = body["years"][0];
  EXPECT_EQ(y2024["school_year"], "2023-24");
  EXPECT_EQ(y2024["students"], (nlohmann::json{{"value", 40}, {"suppressed", false}}));
  EXPECT_EQ(y2024["participants"]["value"], 25);
  EXPECT_EQ(y2024["concentrators"]["value"], 12);
  EXPECT_EQ(y2024["completers"], (nlohmann::json{{"value", nullptr}, {"suppressed", true}, {"reason", "below_min_n"}}));
  auto y2025 = body["years"][1];
  EXPECT_EQ(y2025["students"]["suppressed"], true) << "8 students is under the minimum";
  EXPECT_TRUE(y2025["students"]["value"].is_null());
  EXPECT_EQ(y2025["participants"]["value"], 0) << "zero reveals nothing and is shown";
  // No raw count under 11 appears anywhere in the response.
  for (const auto& year : body["years"]) {
    for (const char* m : {"students", "participants", "concentrators", "completers"}) {
      const auto& v = year[m]["value"];
      if (!v.is_null()) {
        EXPECT_TRUE(v == 0 || v.get<int>() >= 11) << m;
      }
    }
  }
}

TEST_P(ApiTest, OverviewFollowsNewImports) {
  auto before = Get("/api/v1/stats/overview", "/api/v1/stats/overview").Json();
  std::string more = "student_key,school_year,org_id,grade_level\n";
  for (int i = 8; i < 20; ++i) more += "S" + std::to_string(i) + ",2024-25,SCH-1,12\n";
  ASSERT_TRUE(pl::testing::ImportCsv(*t_, "student_years", more).ok());
  auto after = Get("/api/v1/stats/overview", "/api/v1/stats/overview").Json();
  EXPECT_NE(after["data_version"], before["data_version"]);
  EXPECT_EQ(after["years"][1]["students"]["value"], 20);
}

TEST_P(ApiTest, CountiesCountStudentsWhereTheirOrganizationIs) {
  // Default: the latest year, 2024-25, when 8 students were all at SCH-1 in Fresno.
  auto latest = Get("/api/v1/stats/counties", "/api/v1/stats/counties").Json();
  EXPECT_EQ(latest["school_year"], "2024-25");
  EXPECT_EQ(latest["school_years"], (nlohmann::json{"2023-24", "2024-25"}));
  ASSERT_EQ(latest["counties"].size(), 58u) << "every county, with or without students";
  auto county = [](const nlohmann::json& body, const std::string& fips) {
    for (const auto& c : body["counties"]) {
      if (c["county_fips"] == fips) return c;
    }
    ADD_FAILURE() << "no county " << fips;
    return nlohmann::json();
  };
  EXPECT_EQ(county(latest, "06019")["students"]["suppressed"], true) << "8 students";
  EXPECT_EQ(county(latest, "06001")["students"]["value"], 0);

  auto y2024 = Get("/api/v1/stats/counties?school_year=2023-24", "/api/v1/stats/counties").Json();
  auto fresno = county(y2024, "06019");
  EXPECT_EQ(fresno["county_name"], "Fresno");
  EXPECT_FALSE(fresno["region_code"].is_null());
  EXPECT_EQ(fresno["students"]["value"], 20);       // odd-numbered students at SCH-1
  EXPECT_EQ(fresno["participants"]["value"], 12);   // S1, S3, ..., S23
  EXPECT_EQ(fresno["concentrators"]["suppressed"], true);  // S13..S23: 6
  auto alameda = county(y2024, "06001");
  EXPECT_EQ(alameda["students"]["value"], 20);
  EXPECT_EQ(alameda["participants"]["value"], 13);  // S0, S2, ..., S24
  EXPECT_EQ(alameda["completers"]["suppressed"], true);
  EXPECT_EQ(county(y2024, "06037")["participants"]["value"], 0);

  auto bad = Get("/api/v1/stats/counties?school_year=2023-25", "/api/v1/stats/counties");
  EXPECT_EQ(bad.status, 400);
  EXPECT_THAT(bad.Json()["error"]["message"].get<std::string>(), HasSubstr("2023-24"));
}

TEST_P(ApiTest, JobsShowProgressAndOutcome) {
  EXPECT_EQ(Get("/api/v1/jobs", "/api/v1/jobs").Json()["jobs"].size(), 0u);
  std::mutex mu;
  std::condition_variable cv;
  bool reported = false, release = false;
  std::string id = jobs_.Start({.kind = "import", .label = "Importing a test file"}, [&](Progress& progress) {
    progress.Begin("importing student_years", 10, "rows");
    progress.Update(4);
    std::unique_lock lock(mu);
    reported = true;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });
    return InvalidArgument("line 7: school_year: expected a school year like 2023-24");
  });
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return reported; });
  }
  auto running = Get("/api/v1/jobs", "/api/v1/jobs").Json()["jobs"];
  ASSERT_EQ(running.size(), 1u);
  EXPECT_EQ(running[0]["job_id"], id);
  EXPECT_EQ(running[0]["state"], "running");
  EXPECT_EQ(running[0]["phase"], "importing student_years");
  EXPECT_EQ(running[0]["done"], 4);
  EXPECT_EQ(running[0]["total"], 10);
  EXPECT_DOUBLE_EQ(running[0]["fraction"].get<double>(), 0.4);
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  jobs_.Wait();
  auto failed = Get("/api/v1/jobs/" + id, "/api/v1/jobs/{job_id}").Json();
  EXPECT_EQ(failed["state"], "failed");
  // The reason is for administrators (access_test.cpp); the public sees that it failed.
  EXPECT_TRUE(failed["message"].is_null());
  EXPECT_FALSE(failed["finished_at"].is_null());
  auto missing = Get("/api/v1/jobs/demo-99", "/api/v1/jobs/{job_id}");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Json()["error"]["code"], "not_found");
}

TEST_P(ApiTest, UnknownApiPathIsAJsonError) {
  auto r = Fetch(server_->port(), "GET", "/api/v1/nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.Json()["error"]["code"], "not_found");
  auto wrong_method = Fetch(server_->port(), "POST", "/api/v1/health");
  EXPECT_EQ(wrong_method.status, 405);
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         pl::testing::BackendName);

}  // namespace
}  // namespace pl::api::test
