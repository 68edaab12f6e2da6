// The labor routes over HTTP on both backends: answers checked against
// docs/openapi.yaml and the hand-computed fixture (labor/store_fixture.hpp),
// refusals naming the parameter, institution awards through the privacy
// gate by role, and imported mapping edits seen on the next request.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/served_api.hpp"
#include "integration/test_database.hpp"
#include "labor/store_fixture.hpp"
#include "stats/stats.hpp"

namespace pl::labor::test {
namespace {

using http::test::ClientResponse;
using http::test::HeaderList;
using pl::testing::Backend;
using privacy::Role;
using ::testing::HasSubstr;
using nlohmann::json;

class LaborApiTest : public api::test::ServedApiTest {
 protected:
  void SetUp() override {
    MakeDatabase();
    InsertLaborFixture(*t_->db);
    AddAccounts({{Role::kStateAnalyst, "state@example.test", ""},
                 {Role::kRegionalAnalyst, "bay@example.test", "ccc/ba"},
                 {Role::kRegionalAnalyst, "fresno@example.test", "ccc/cvml"},
                 {Role::kInstitutionAnalyst, "bayshore@example.test", "CC-C"}});
    Serve();
  }

  json Gap(const std::string& query) {
    ClientResponse r = Call("GET", "/api/v1/labor/gap" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return r.Json();
  }
  json Occupation(const std::string& soc, const HeaderList& headers = {}) {
    ClientResponse r = Call("GET", "/api/v1/labor/occupations/" + soc, "", headers);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json();
  }
};

const json& BySoc(const json& body, const std::string& soc) {
  for (const auto& o : body["occupations"]) {
    if (o["soc"] == soc) return o;
  }
  ADD_FAILURE() << "no occupation " << soc;
  static json none;
  return none;
}

const json& RegionOf(const json& body, const std::string& code) {
  for (const auto& r : body["regions"]) {
    if (r["code"] == code) return r;
  }
  ADD_FAILURE() << "no region " << code;
  static json none;
  return none;
}

TEST_P(LaborApiTest, GapOfARegion) {
  json body = Gap("?region=BA");
  EXPECT_EQ(body["data_version"], *stats::DataVersion(*t_->db));
  EXPECT_EQ(body["area"]["name"], "Bay Area");
  EXPECT_EQ(body["area"]["counties"].size(), 12u);
  EXPECT_EQ(body["filter"]["kind"], nullptr);
  EXPECT_EQ(body["demand_source"]["label"], "Synthetic regional projections (demo data)");
  EXPECT_EQ(body["supply_years"], json({2022, 2023, 2024}));
  EXPECT_EQ(body["living_wage"]["hourly"], 31.0);
  EXPECT_EQ(body["totals"]["demand"], 150.0);
  EXPECT_EQ(body["totals"]["supply"], 82.0);
  EXPECT_EQ(body["totals"]["gap"], 68.0);
  ASSERT_EQ(body["occupations"].size(), 3u);
  const json& lvn = body["occupations"][0];
  EXPECT_EQ(lvn["soc"], "29-2061");
  EXPECT_EQ(lvn["supply"], 46.5);
  EXPECT_EQ(lvn["gap"], 43.5);
  EXPECT_EQ(lvn["ratio"], 0.5167);
  EXPECT_EQ(lvn["wage_median_annual"], 68848.0);
  EXPECT_EQ(lvn["p25_vs_living_wage"], "below");  // 27.50 < 31.00
  EXPECT_EQ(lvn["median_vs_living_wage"], "above");
  ASSERT_EQ(lvn["programs"].size(), 1u);
  EXPECT_EQ(lvn["programs"][0]["code"], "1230.00");
  EXPECT_EQ(lvn["programs"][0]["title"], "Nursing");
  EXPECT_EQ(lvn["programs"][0]["awards_mean"], 62.0);
  EXPECT_EQ(lvn["programs"][0]["weight"], 0.75);
  EXPECT_EQ(BySoc(body, "31-1131")["flags"], json({"no_wage"}));
  EXPECT_EQ(body["rollup"]["by"], "sector");
  EXPECT_EQ(body["rollup"]["rows"].size(), 15u);
  EXPECT_THAT(body["mapping"]["crosswalk"].get<std::string>(), HasSubstr("COE TOP-CIP-SOC"));
}

TEST_P(LaborApiTest, FiltersAndOptions) {
  json nurses = Gap("?region=BA&soc=29-1141");
  ASSERT_EQ(nurses["occupations"].size(), 1u);  // a named occupation, bachelor's or not
  EXPECT_EQ(nurses["occupations"][0]["supply"], 100.0);
  EXPECT_EQ(nurses["filter"]["name"], "Registered Nurses");

  json pathway = Gap("?region=BA&pathway=HSM-04&limit=2&sort=demand");
  EXPECT_EQ(pathway["occupations"].size(), 2u);
  EXPECT_GE(pathway["occupation_count"].get<int>(), 3);
  EXPECT_EQ(pathway["program_view"].size(), 2u);
  EXPECT_EQ(pathway["filter"]["verified"], false);  // the pathway's name is only partly corroborated

  json sector = Gap("?region=BA&sector=HSM");
  EXPECT_EQ(sector["rollup"]["by"], "pathway");
  EXPECT_EQ(sector["rollup"]["rows"].size(), 6u);

  json program = Gap("?region=BA&program=TOP:1230.00&education=all");
  EXPECT_EQ(program["filter"]["code"], "TOP:1230.00");
  EXPECT_EQ(program["occupations"].size(), 3u);  // 29-2061, 31-1131 and (bachelor's) 29-1141

  json full = Gap("?region=BA&split=full");
  EXPECT_EQ(full["totals"]["supply"], nullptr);
  EXPECT_EQ(full["totals"]["gap"], nullptr);
  EXPECT_EQ(BySoc(full, "29-2061")["supply"], 62.0);

  json fresno = Gap("?county=06019");
  EXPECT_EQ(fresno["area"]["type"], "counties");
  EXPECT_EQ(BySoc(fresno, "29-2061")["supply"], 8.0);
  EXPECT_EQ(BySoc(fresno, "29-2061")["programs"][0]["years_used"], 1);
  EXPECT_EQ(fresno["living_wage"]["hourly"], 22.5);

  json national = Gap("?region=BA&demand=national_scaled");
  EXPECT_EQ(national["demand_source"]["national"], true);
  EXPECT_THAT(national["demand_source"]["label"].get<std::string>(), HasSubstr("National"));
  EXPECT_THAT(BySoc(national, "29-2061")["flags"], ::testing::Contains("national"));

  json state = Gap("");
  EXPECT_EQ(state["area"]["type"], "state");
  EXPECT_EQ(state["area"]["counties"].size(), 58u);
}

TEST_P(LaborApiTest, BadRequestsNameTheParameter) {
  struct Case {
    std::string query, parameter, message;
  };
  for (const Case& c : std::vector<Case>{
           {"region=XX", "region", "unknown region: XX"},
           {"county=06999", "county", "unknown county FIPS: 06999"},
           {"region=BA&county=06001", "county", "give region or county, not both"},
           {"sector=NOPE", "sector", "unknown sector: NOPE"},
           {"pathway=NOPE-1", "pathway", "unknown pathway: NOPE-1"},
           {"program=1230.00", "program", "program must be TOP:CODE or CIP:CODE"},
           {"program=CIP:99.9999", "program", "unknown program: CIP:99.9999"},
           {"soc=00-1111", "soc", "unknown SOC code: 00-1111"},
           {"sector=HSM&soc=29-2061", "soc", "give at most one of sector, pathway, program, soc"},
           {"split=all", "split", "split must be one of openings, equal, employment, full"},
           {"education=none", "education", "education must be one of"},
           {"demand=local", "demand", "demand must be one of regional, national_scaled"},
           {"sort=title", "sort", "sort must be one of gap, demand, supply, wage"},
           {"limit=-1", "limit", "limit must be a whole number of at least 1"},
           {"household=9a9c", "household", "unknown household type: 9a9c (expected one of 1a0c)"},
           {"county=06001&demand=national_scaled", "demand", "needs the area's employment"},
       }) {
    ClientResponse r = Call("GET", "/api/v1/labor/gap?" + c.query);
    EXPECT_EQ(r.status, 400) << c.query << ": " << r.body;
    json error = r.Json()["error"];
    EXPECT_EQ(error["code"], "invalid_argument") << c.query;
    EXPECT_EQ(error["details"]["parameter"], c.parameter) << c.query;
    EXPECT_THAT(error["message"].get<std::string>(), HasSubstr(c.message)) << c.query;
  }
}

TEST_P(LaborApiTest, OccupationAcrossRegions) {
  json body = Occupation("29-2061");
  EXPECT_EQ(body["title"], "Licensed Practical and Licensed Vocational Nurses");
  EXPECT_EQ(body["entry_education"], "Postsecondary nondegree award");
  EXPECT_FALSE(body["definition"].get<std::string>().empty());
  EXPECT_EQ(body["national"]["employment_2024"], 651400);  // BLS: 651.4 thousand
  EXPECT_EQ(body["national"]["annual_openings"], 54400);
  EXPECT_EQ(body["national"]["median_annual_wage"], 62340.0);
  EXPECT_EQ(body["regions"].size(), 8u);
  const json& bay = RegionOf(body, "BA");
  EXPECT_EQ(bay["demand"], 90.0);
  EXPECT_EQ(bay["supply"], 46.5);
  EXPECT_EQ(bay["living_wage_hourly"], 31.0);
  EXPECT_EQ(bay["wage_p25_hourly"], 27.5);
  ASSERT_EQ(bay["programs"].size(), 1u);
  EXPECT_EQ(bay["programs"][0]["awards_mean"], 62.0);
  const json& la = RegionOf(body, "LA");
  EXPECT_EQ(la["demand"], nullptr);
  EXPECT_EQ(la["programs"], json::array());
  EXPECT_THAT(la["flags"], ::testing::Contains("no_demand"));

  ClientResponse unknown = Call("GET", "/api/v1/labor/occupations/29-9999");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_THAT(unknown.Json()["error"]["message"].get<std::string>(), HasSubstr("unknown SOC code: 29-9999"));
}

// Bay Area 1230.00 certificates: Alameda Valley College 180 over three years
// (mean 60), Bayshore College 6 (mean 2). The region's mean, 62, is public.
TEST_P(LaborApiTest, InstitutionAwardsPassThePrivacyGate) {
  auto institutions = [&](const HeaderList& headers, const std::string& region) {
    return RegionOf(Occupation("29-2061", headers), region)["programs"][0]["institutions"];
  };
  // The public: Bayshore's 6 is small, and Alameda's would give it away (62 - 60).
  json pub = institutions({}, "BA");
  ASSERT_EQ(pub.size(), 2u);
  EXPECT_EQ(pub[0]["name"], "Alameda Valley College");
  EXPECT_EQ(pub[0]["awards_mean"], nullptr);
  EXPECT_EQ(pub[0]["reason"], "complementary");
  EXPECT_EQ(pub[1]["name"], "Bayshore College");
  EXPECT_EQ(pub[1]["awards_mean"], nullptr);
  EXPECT_EQ(pub[1]["suppressed"], true);
  EXPECT_EQ(pub[1]["reason"], "below_min_n");
  // Fresno Valley College is the only one in its region: its small count is
  // withheld here, although the region's program mean (8, published with the
  // gap table) equals it -- the limit docs/labor-method.md states.
  json fresno_region = RegionOf(Occupation("29-2061"), "CVML");
  EXPECT_EQ(fresno_region["programs"][0]["awards_mean"], 8.0);
  json fresno = fresno_region["programs"][0]["institutions"];
  ASSERT_EQ(fresno.size(), 1u);
  EXPECT_EQ(fresno[0]["awards_mean"], nullptr);
  EXPECT_EQ(fresno[0]["reason"], "below_min_n");

  for (const char* who : {"state@example.test", "bay@example.test"}) {
    json exact = institutions(SignIn(who), "BA");
    EXPECT_EQ(exact[0]["awards_mean"], 60.0) << who;
    EXPECT_EQ(exact[1]["awards_mean"], 2.0) << who;
    EXPECT_EQ(exact[1]["suppressed"], false) << who;
  }
  // A Fresno analyst sees Bay Area institutions as the public does.
  json outside = institutions(SignIn("fresno@example.test"), "BA");
  EXPECT_EQ(outside[1]["awards_mean"], nullptr);
  // Bayshore's own analyst sees Bayshore, and hence Alameda (62 - 2).
  json own = institutions(SignIn("bayshore@example.test"), "BA");
  EXPECT_EQ(own[1]["awards_mean"], 2.0);
  EXPECT_EQ(own[0]["awards_mean"], 60.0);
}

TEST_P(LaborApiTest, MappingEditsAreSeenOnTheNextRequest) {
  EXPECT_EQ(BySoc(Gap("?region=BA"), "31-1131")["supply"], 15.5);
  // An administrator's edit, imported: a new data version, so a new load.
  Status imported = pl::testing::ImportCsv(*t_, "program_occupation_edits",
                                           "code_system,program_code,soc_code,action,note\n"
                                           "TOP,1230.00,31-1131,remove,Advisory committee\n");
  ASSERT_TRUE(imported.ok()) << imported.ToString();
  json after = Gap("?region=BA");
  EXPECT_EQ(BySoc(after, "31-1131")["supply"], 0.0);
  EXPECT_EQ(BySoc(after, "29-2061")["supply"], 62.0);
  EXPECT_EQ(after["mapping"]["edits_removed"], 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, LaborApiTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         pl::testing::BackendName);

}  // namespace
}  // namespace pl::labor::test
