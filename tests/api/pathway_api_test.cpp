// The pathway grid and plan routes over HTTP on both backends, checked
// against docs/openapi.yaml: the public grid (a generated draft until
// someone saves one), coordinators' saves with versions and conflicts,
// refusals by role and region, and plans as JSON and CSV.
#include <algorithm>

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
using http::test::HeaderList;
using nlohmann::json;
using pl::testing::Backend;
using privacy::Role;
using ::testing::HasSubstr;

// The fixture's college CC-1 (Fresno, region CVML) awards the registered
// nursing associate degree; the region has demand for registered nurses.
constexpr const char* kLaborData = R"sql(
DELETE FROM pathway_program WHERE pathway_code = 'HSM-04';
INSERT INTO pathway_program (pathway_code, code_system, program_code, source) VALUES ('HSM-04', 'TOP', '1230.10', 'test');
INSERT INTO program_awards (org_id, code_system, program_code, award_level, academic_year, awards, source) VALUES
  ('CC-1', 'TOP', '1230.10', 'associate', 2024, 80, 'test');
INSERT INTO labor_demand (area_type, area_code, soc_code, base_year, projected_year, openings_annual,
                          wage_median_hourly, wage_p25_hourly, entry_education, source) VALUES
  ('region', 'CVML', '29-1141', 2024, 2034, 640, 62.5, 51.0, 'Bachelor''s degree', 'synthetic');
INSERT INTO living_wage (county_fips, household_type, hourly_wage, year, source) VALUES ('06019', '1a0c', 24.5, 2024, 'test');
)sql";

class PathwayApiTest : public ServedApiTest {
 protected:
  void SetUp() override {
    MakeDatabase();
    ImportFixture(*t_);
    Status loaded = t_->db->Execute(kLaborData);
    ASSERT_TRUE(loaded.ok()) << loaded.ToString();
    AddAccounts({{Role::kInstitutionAnalyst, "district@example.test", "DIST-1"},
                 {Role::kAdministrator, "admin@example.test", ""},
                 {Role::kRegionalAnalyst, "fresno@example.test", "ccc/cvml"},
                 {Role::kMember, "member@example.test", ""}});
    Serve();
  }

  long long Versions() { return *store::QueryInteger(*t_->db, "SELECT count(*) FROM pathway_grid_version"); }
};

constexpr const char* kGrid = "/api/v1/pathways/HSM-04/grid?region=CVML";

const json* Occupation(const json& grid, const std::string& soc) {
  for (const auto& o : grid["occupations"]) {
    if (o["soc"] == soc) return &o;
  }
  return nullptr;
}

TEST_P(PathwayApiTest, TheGridIsPublicAndADraftUntilSomeoneSavesOne) {
  ClientResponse r = Call("GET", kGrid);
  ASSERT_EQ(r.status, 200) << r.body;
  json grid = r.Json();
  EXPECT_EQ(grid["status"], "draft_generated");
  EXPECT_EQ(grid["version"], 0);
  EXPECT_EQ(grid["pathway"]["name"], "Patient Care");
  EXPECT_EQ(grid["region"]["code"], "CVML");
  EXPECT_EQ(grid["high_school"].size(), 3u);
  ASSERT_EQ(grid["awards"].size(), 1u);
  EXPECT_EQ(grid["awards"][0]["colleges"][0]["name"], "Valley College");
  const json* nurses = Occupation(grid, "29-1141");
  ASSERT_NE(nurses, nullptr) << grid["occupations"].dump();
  EXPECT_EQ((*nurses)["demand"], 640);
  EXPECT_EQ((*nurses)["living_wage_hourly"], 24.5);
  EXPECT_EQ((*nurses)["p25_vs_living_wage"], "above");
  // The region in any case; history empty while only the draft exists.
  EXPECT_EQ(Call("GET", "/api/v1/pathways/HSM-04/grid?region=cvml").status, 200);
  ClientResponse history = Call("GET", "/api/v1/pathways/HSM-04/grid/history?region=CVML");
  ASSERT_EQ(history.status, 200);
  EXPECT_TRUE(history.Json().empty());

  ClientResponse unknown = Call("GET", "/api/v1/pathways/HSM-99/grid?region=CVML");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_THAT(unknown.Json()["error"]["message"].get<std::string>(), HasSubstr("unknown pathway: HSM-99"));
  ClientResponse region = Call("GET", "/api/v1/pathways/HSM-04/grid?region=ATLANTIS");
  EXPECT_EQ(region.status, 400);
  EXPECT_EQ(region.Json()["error"]["details"]["parameter"], "region");
  EXPECT_EQ(Call("GET", "/api/v1/pathways/HSM-04/grid").status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/pathways/HSM-99/grid/history?region=CVML").status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/pathways/HSM-04/grid/history?region=ATLANTIS").status, 400);
}

// Every occupation of the grid shows what GET /api/v1/labor/gap says for the
// region and its SOC (default options), from the one labor data cache both
// routes share; demand and gap are null where the labor route flags no_demand.
TEST_P(PathwayApiTest, GridOccupationsShowTheLaborGapRoutesFigures) {
  auto compare = [&](const json& grid) {
    ASSERT_FALSE(grid["occupations"].empty());
    for (const auto& o : grid["occupations"]) {
      const std::string soc = o["soc"];
      ClientResponse r = Call("GET", "/api/v1/labor/gap?region=CVML&soc=" + soc);
      ASSERT_EQ(r.status, 200) << r.body;
      json body = r.Json();
      ASSERT_EQ(body["occupations"].size(), 1u) << soc;
      const json& route = body["occupations"][0];
      EXPECT_EQ(o["living_wage_hourly"], body["living_wage"].is_null() ? json() : body["living_wage"]["hourly"]);
      for (const char* field : {"supply", "wage_p25_hourly", "wage_median_hourly", "p25_vs_living_wage",
                                "median_vs_living_wage", "entry_education"}) {
        EXPECT_EQ(o[field], route[field]) << soc << " " << field;
      }
      bool no_demand = std::find(route["flags"].begin(), route["flags"].end(), "no_demand") != route["flags"].end();
      EXPECT_EQ(o["demand"], no_demand ? json() : route["demand"]) << soc;
      EXPECT_EQ(o["gap"], no_demand ? json() : route["gap"]) << soc;
    }
  };
  json grid = Call("GET", kGrid).Json();
  compare(grid);
  const json* nurses = Occupation(grid, "29-1141");
  ASSERT_NE(nurses, nullptr);
  // The associate degree does not fit the bachelor's entry of registered nurses: no supply.
  EXPECT_EQ((*nurses)["supply"], 0);
  EXPECT_EQ((*nurses)["gap"], 640);

  // New awards are seen on the next request by both routes: the import is a
  // new data version, and the shared labor data is loaded again.
  Status imported = pl::testing::ImportCsv(*t_, "program_awards",
                                           "org_id,code_system,program_code,award_level,academic_year,awards,source\n"
                                           "CC-1,TOP,1230.10,bachelor,2023-24,12,test\n");
  ASSERT_TRUE(imported.ok()) << imported.ToString();
  grid = Call("GET", kGrid).Json();
  compare(grid);
  nurses = Occupation(grid, "29-1141");
  ASSERT_NE(nurses, nullptr);
  EXPECT_EQ((*nurses)["supply"], 12);
  EXPECT_EQ((*nurses)["gap"], 640 - 12);
}

TEST_P(PathwayApiTest, CoordinatorsSaveVersionsAndStaleEditsConflict) {
  HeaderList district = SignIn("district@example.test");
  json edit = Call("GET", kGrid).Json();
  edit["base_version"] = 0;
  edit["summary"] = "Valley Unified's sequence";
  edit["high_school"][0]["courses"][0]["title"] = "Exploring Health Careers";
  ClientResponse saved = Call("PUT", kGrid, edit.dump(), district);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.Json()["version"], 1);
  EXPECT_EQ(saved.Json()["status"], "published");
  EXPECT_EQ(saved.Json()["updated_by"], "district");
  EXPECT_EQ(Call("GET", kGrid).Json()["high_school"][0]["courses"][0]["title"], "Exploring Health Careers");

  // The same edit again, still based on the draft: 409 naming the current version.
  ClientResponse stale = Call("PUT", kGrid, edit.dump(), district);
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(stale.Json()["error"]["details"]["current_version"], 1);

  // A bad edit lists its problems with their paths.
  json bad = saved.Json();
  bad["base_version"] = 1;
  bad["college_courses"][0]["units"] = 0;
  bad["college_courses"][1]["prerequisites"] = {"NO-SUCH-COURSE"};
  ClientResponse invalid = Call("PUT", kGrid, bad.dump(), district);
  ASSERT_EQ(invalid.status, 400) << invalid.body;
  json errors = invalid.Json()["error"]["details"]["errors"];
  ASSERT_EQ(errors.size(), 2u) << errors.dump();
  EXPECT_EQ(errors[0]["field"], "college_courses[0].units");
  EXPECT_THAT(errors[1]["message"].get<std::string>(), HasSubstr("NO-SUCH-COURSE is not a course of this grid"));
  EXPECT_EQ(Call("PUT", kGrid, "not json", district).status, 400);

  // An administrator saves on top; the history has both, newest first.
  json next = saved.Json();
  next["base_version"] = 1;
  next["notes"] = {"Reviewed with the college."};
  ClientResponse second = Call("PUT", kGrid, next.dump(), SignIn("admin@example.test"));
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.Json()["version"], 2);
  json history = Call("GET", "/api/v1/pathways/HSM-04/grid/history?region=CVML").Json();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0]["version"], 2);
  EXPECT_EQ(history[0]["updated_by"], "admin");
  EXPECT_EQ(history[1]["summary"], "Valley Unified's sequence");
  EXPECT_EQ(Versions(), 2);
  // Every attempt is in the audit log, refused ones included.
  EXPECT_EQ(*store::QueryInteger(*t_->db, "SELECT count(*) FROM audit_log WHERE action = 'pathways.grid_save'"), 4);
}

TEST_P(PathwayApiTest, OnlyTheRegionsCoordinatorsAndAdministratorsMayEdit) {
  json edit = Call("GET", "/api/v1/pathways/HSM-04/grid?region=BA").Json();
  edit["base_version"] = 0;
  std::string body = edit.dump();
  ClientResponse anonymous = Call("PUT", "/api/v1/pathways/HSM-04/grid?region=BA", body);
  EXPECT_EQ(anonymous.status, 401);
  ClientResponse member = Call("PUT", "/api/v1/pathways/HSM-04/grid?region=BA", body, SignIn("member@example.test"));
  EXPECT_EQ(member.status, 403);
  EXPECT_EQ(member.Json()["error"]["details"]["permission"], "pathways.edit");
  EXPECT_EQ(Call("PUT", "/api/v1/pathways/HSM-04/grid?region=BA", body, SignIn("fresno@example.test")).status, 403);
  // Valley Unified (Fresno) coordinates in the Central Valley, not the Bay Area.
  ClientResponse elsewhere = Call("PUT", "/api/v1/pathways/HSM-04/grid?region=BA", body, SignIn("district@example.test"));
  EXPECT_EQ(elsewhere.status, 403);
  EXPECT_THAT(elsewhere.Json()["error"]["message"].get<std::string>(), HasSubstr("none of your organizations is in region BA"));
  EXPECT_EQ(Versions(), 0);
  // Without the CSRF token a cookie session is refused too.
  HeaderList admin = SignIn("admin@example.test");
  HeaderList no_csrf = {admin[0]};
  EXPECT_EQ(Call("PUT", "/api/v1/pathways/HSM-04/grid?region=BA", body, no_csrf).status, 403);
  EXPECT_EQ(Call("PUT", "/api/v1/pathways/HSM-04/grid?region=BA", body, admin).status, 200);
  EXPECT_EQ(Call("PUT", "/api/v1/pathways/HSM-99/grid?region=BA", body, admin).status, 404);
  EXPECT_EQ(Call("PUT", "/api/v1/pathways/HSM-04/grid?region=NOPE", body, admin).status, 400);
}

TEST_P(PathwayApiTest, PlansComeAsJsonOrCsv) {
  std::string request = R"({"pathway": "HSM-04", "region": "CVML", "years": 6})";
  ClientResponse r = Call("POST", "/api/v1/plans", request);
  ASSERT_EQ(r.status, 200) << r.body;
  json plan = r.Json()["plan"];
  ASSERT_EQ(plan["terms"].size(), 8u);
  EXPECT_EQ(plan["terms"][0]["label"], "Grade 9");
  EXPECT_EQ(plan["terms"][4]["label"], "Year 5 fall");
  // The draft's dual-enrollment placeholder in grade 11, the degree after its courses.
  EXPECT_EQ(plan["terms"][2]["items"][1]["dual_enrollment"], true);
  ASSERT_EQ(plan["awards"].size(), 1u);
  EXPECT_EQ(plan["awards"][0]["term"], "Year 5 fall");

  ClientResponse csv = Fetch(server_->port(), "POST", "/api/v1/plans?format=csv", request, {{"Content-Type", "application/json"}});
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.Header("content-disposition"), "attachment; filename=\"plan-HSM-04-CVML-6-years.csv\"");
  EXPECT_EQ(csv.body.substr(0, csv.body.find('\n')), "term,level,kind,id,title,units,dual_enrollment,college_credit");
  EXPECT_THAT(csv.body, HasSubstr("\nGrade 9,high_school,course,gen-HSM-04-intro,Introduction to Patient Care,10,no,no\n"));

  ClientResponse format = Call("POST", "/api/v1/plans?format=pdf", request);
  EXPECT_EQ(format.status, 400);
  EXPECT_EQ(format.Json()["error"]["details"]["parameter"], "format");
  ClientResponse years = Call("POST", "/api/v1/plans", R"({"pathway": "HSM-04", "region": "CVML", "years": 5})");
  EXPECT_EQ(years.status, 400);
  EXPECT_EQ(years.Json()["error"]["details"]["field"], "years");
  ClientResponse pathway = Call("POST", "/api/v1/plans", R"({"pathway": "HSM-99", "region": "CVML"})");
  EXPECT_EQ(pathway.status, 400);
  EXPECT_EQ(pathway.Json()["error"]["details"]["field"], "pathway");
  EXPECT_EQ(Call("POST", "/api/v1/plans", R"({"pathway": "HSM-04", "region": "ATLANTIS"})").status, 400);
  EXPECT_EQ(Call("POST", "/api/v1/plans", "[]").status, 400);
}

TEST_P(PathwayApiTest, AnImpossiblePlanIsRefusedNamingTheCourse) {
  // A grid whose college sequence needs five terms: six years give four.
  json edit = Call("GET", kGrid).Json();
  edit["base_version"] = 0;
  edit["college_courses"] = json::array();
  std::string previous;
  for (int i = 1; i <= 5; ++i) {
    std::string id = "NURS-" + std::to_string(i);
    edit["college_courses"].push_back({{"id", id}, {"title", "Nursing " + std::to_string(i)}, {"units", 4},
                                       {"prerequisites", previous.empty() ? json::array() : json::array({previous})}});
    previous = id;
  }
  edit["awards"][0]["courses"] = json::array({"NURS-5"});
  ASSERT_EQ(Call("PUT", kGrid, edit.dump(), SignIn("admin@example.test")).status, 200);
  ClientResponse refused = Call("POST", "/api/v1/plans", R"({"pathway": "HSM-04", "region": "CVML", "years": 6})");
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["details"]["course"], "NURS-5");
  EXPECT_EQ(refused.Json()["error"]["details"]["reason"], "not_enough_terms");
  EXPECT_THAT(refused.Json()["error"]["message"].get<std::string>(), HasSubstr("NURS-5 (Nursing 5)"));
  ClientResponse ten = Call("POST", "/api/v1/plans", R"({"pathway": "HSM-04", "region": "CVML", "years": 10})");
  ASSERT_EQ(ten.status, 200) << ten.body;
  EXPECT_EQ(ten.Json()["plan"]["awards"][0]["term"], "Year 7 fall");
  // A unit cap below a course's units is refused the same way.
  ClientResponse cap = Call("POST", "/api/v1/plans",
                            R"({"pathway": "HSM-04", "region": "CVML", "years": 10, "max_units_per_term": {"college": 3}})");
  EXPECT_EQ(cap.status, 400);
  EXPECT_EQ(cap.Json()["error"]["details"]["reason"], "units_over_cap");
}

INSTANTIATE_TEST_SUITE_P(Backends, PathwayApiTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         pl::testing::BackendName);

}  // namespace
}  // namespace pl::api::test
