// Grids in the store, on SQLite and PostgreSQL: drafts generated from a
// small hand-built crosswalk, the course catalog, validation against
// reference data, versioned saves with optimistic concurrency, history.
#include <map>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/test_database.hpp"
#include "labor/labor.hpp"
#include "pathways/pathways.hpp"
#include "store/query.hpp"

namespace pl::pathways {
namespace {

using nlohmann::json;
using pl::testing::Backend;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

// A fictitious program area, 9999.01 "Imaging Technology Test", linked by
// its own crosswalk rows to three occupations (one removed, one added by
// edits) and the crosswalk's placeholder code 99-9999, awarded by colleges in and out of the Bay Area, with regional
// demand and county living wages written so every figure is known.
constexpr const char* kSetup = R"sql(
INSERT INTO organization (org_id, org_type, name, county_fips) VALUES
  ('CC-BA', 'college', 'Bay College', '06001'),
  ('CC-BA2', 'college', 'Alameda College', '06013'),
  ('CC-CV', 'college', 'Valley College', '06019'),
  ('UNI-BA', 'university', 'Bay State University', '06001'),
  ('DIST-BA', 'district', 'Bay Unified School District', '06001'),
  ('DIST-CV', 'district', 'Valley Unified School District', '06019');
INSERT INTO top_code (top_code, title, cte_flag, ccc_sector) VALUES ('9999.01', 'Imaging Technology Test', 'CTE', 'Health');
INSERT INTO top_cip_soc (top_code, cip_code, soc_code, entry_education) VALUES
  ('9999.01', '51.0911', '29-2034', 'Associate''s degree'),
  ('9999.01', '51.0911', '29-2035', 'Associate''s degree'),
  ('9999.01', '51.3801', '29-1141', 'Bachelor''s degree'),
  ('9999.01', '51.0911', '99-9999', NULL);
INSERT INTO program_occupation_edit (code_system, program_code, soc_code, action, note) VALUES
  ('TOP', '9999.01', '29-2035', 'remove', 'not an entry-level job for graduates'),
  ('TOP', '9999.01', '31-9092', 'add', 'graduates often start here');
DELETE FROM pathway_program WHERE pathway_code IN ('HSM-04', 'ICT-04');
INSERT INTO pathway_program (pathway_code, code_system, program_code, source) VALUES ('HSM-04', 'TOP', '9999.01', 'test');
INSERT INTO program_awards (org_id, code_system, program_code, award_level, academic_year, awards, source) VALUES
  ('CC-BA', 'TOP', '9999.01', 'certificate_long', 2024, 12, 'test'),
  ('CC-BA', 'TOP', '9999.01', 'associate', 2024, 30, 'test'),
  ('CC-BA2', 'TOP', '9999.01', 'associate', 2023, 4, 'test'),
  ('CC-CV', 'TOP', '9999.01', 'associate', 2024, 5, 'test'),
  ('UNI-BA', 'CIP', '51.0911', 'bachelor', 2024, 40, 'test');
INSERT INTO labor_demand (area_type, area_code, soc_code, base_year, projected_year, openings_annual,
                          wage_median_hourly, wage_p25_hourly, entry_education, source) VALUES
  ('region', 'BA', '29-2034', 2024, 2034, 120, 55, 40, 'Associate''s degree', 'synthetic'),
  ('region', 'BA', '29-2034', 2020, 2030, 999, 50, 35, 'Associate''s degree', 'synthetic'),
  ('region', 'BA', '31-9092', 2024, 2034, 300, 26, 22, 'Postsecondary nondegree award', 'synthetic'),
  ('region', 'CVML', '29-2034', 2024, 2034, 77, 40, 30, 'Associate''s degree', 'synthetic');
INSERT INTO living_wage (county_fips, household_type, hourly_wage, year, source) VALUES
  ('06001', '1a0c', 30, 2024, 'test'),
  ('06013', '1a0c', 26, 2024, 'test'),
  ('06013', '2a2c', 50, 2024, 'test'),
  ('06019', '1a0c', 20, 2024, 'test');
)sql";

// Catalog courses: high-school courses of the pathway (one outside the
// region, one prerequisite outside the pathway) and college courses at Bay
// College whose prerequisites reach into another program area.
constexpr const char* kCatalog = R"sql(
INSERT INTO course (course_id, level, org_id, course_number, title, units, top_code, pathway_code, stage,
                    dual_enrollment, articulated, source) VALUES
  ('HS-BIO', 'high_school', 'DIST-BA', NULL, 'Biology', 10, NULL, NULL, NULL, 0, 0, 'test'),
  ('HS-INTRO', 'high_school', NULL, NULL, 'Medical Terminology', 10, NULL, 'HSM-04', 'introductory', 0, 1, 'test'),
  ('HS-CONC', 'high_school', 'DIST-BA', NULL, 'Patient Care I', 10, NULL, 'HSM-04', 'concentrator', 0, 0, 'test'),
  ('HS-CV', 'high_school', 'DIST-CV', NULL, 'Valley Patient Care', 10, NULL, 'HSM-04', 'capstone', 0, 0, 'test'),
  ('BC-ANAT1', 'college', 'CC-BA', 'ANAT 1', 'Human Anatomy', 4, NULL, NULL, NULL, 0, 0, 'test'),
  ('BC-RAD101', 'college', 'CC-BA', 'RAD 101', 'Introduction to Radiography', 3, '9999.01', NULL, NULL, 1, 0, 'test'),
  ('BC-RAD102', 'college', 'CC-BA', 'RAD 102', 'Radiographic Positioning', 4, '9999.01', NULL, NULL, 0, 0, 'test'),
  ('CV-RAD101', 'college', 'CC-CV', 'RAD 101', 'Radiography at Valley', 3, '9999.01', NULL, NULL, 1, 0, 'test');
INSERT INTO course_prerequisite (course_id, prerequisite_id) VALUES
  ('HS-CONC', 'HS-INTRO'), ('HS-CONC', 'HS-BIO'),
  ('BC-RAD102', 'BC-RAD101'), ('BC-RAD102', 'BC-ANAT1');
)sql";

class PathwaysStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    t_ = pl::testing::MakeTestDatabase(GetParam());
    ASSERT_TRUE(t_);
    Status s = t_->db->Execute(kSetup);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  store::Database& db() { return *t_->db; }

  // The labor engine's data as the database holds it now (the server keeps
  // one per data version; tests change the data between calls). Empty when
  // it does not load, which the grid refuses.
  const labor::LaborData& Labor() {
    auto data = labor::LoadLaborData(db(), "ccc");
    EXPECT_TRUE(data.ok()) << data.status().ToString();
    labor_ = data.ok() ? *data : std::make_shared<const labor::LaborData>();
    return *labor_;
  }

  Grid Draft(const std::string& pathway = "HSM-04", const std::string& region = "BA") {
    auto grid = GetGrid(db(), Labor(), pathway, region);
    EXPECT_TRUE(grid.ok()) << grid.status().ToString();
    return grid.ok() ? *grid : Grid{};
  }

  long long Versions() { return *store::QueryInteger(db(), "SELECT count(*) FROM pathway_grid_version"); }

  std::unique_ptr<pl::testing::TestDatabase> t_;
  std::shared_ptr<const labor::LaborData> labor_;
};

std::vector<std::string> Ids(const std::vector<Course>& courses) {
  std::vector<std::string> out;
  for (const auto& c : courses) out.push_back(c.id);
  return out;
}

std::vector<std::string> Fields(const Status& s) {
  std::vector<std::string> out;
  for (const auto& e : s.details()["errors"]) out.push_back(e["field"]);
  return out;
}

bool NotesMention(const Grid& grid, const std::string& text) {
  return std::any_of(grid.content.notes.begin(), grid.content.notes.end(),
                     [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

TEST_P(PathwaysStoreTest, DraftIsBuiltFromTheCrosswalkAwardsAndDemand) {
  Grid grid = Draft();
  EXPECT_EQ(grid.status, "draft_generated");
  EXPECT_EQ(grid.version, 0);
  EXPECT_FALSE(grid.updated_at.has_value());
  EXPECT_EQ(grid.pathway.name, "Patient Care");
  EXPECT_EQ(grid.pathway.sector_code, "HSM");
  EXPECT_EQ(grid.region.name, "Bay Area");

  // No catalog: a generic high-school sequence named after the pathway.
  ASSERT_EQ(grid.content.high_school.size(), 3u);
  EXPECT_EQ(grid.content.high_school[0].courses[0].title, "Introduction to Patient Care");
  EXPECT_EQ(grid.content.high_school[1].courses[0].title, "Patient Care");
  EXPECT_EQ(grid.content.high_school[2].courses[0].title, "Advanced Patient Care");
  EXPECT_EQ(grid.content.high_school[2].courses[0].prerequisites, std::vector<std::string>{"gen-HSM-04-concentrator"});
  EXPECT_TRUE(grid.content.high_school[0].courses[0].generated);
  EXPECT_EQ(grid.content.high_school[2].grade_levels, (std::vector<int>{11, 12}));

  // Placeholder college courses for the program area.
  EXPECT_THAT(Ids(grid.content.college_courses), ElementsAre("gen-9999.01-intro", "gen-9999.01-core"));
  EXPECT_EQ(grid.content.college_courses[0].title, "Introduction to Imaging Technology Test");
  EXPECT_TRUE(grid.content.college_courses[0].dual_enrollment);
  EXPECT_FALSE(grid.content.college_courses[0].college.has_value());

  // Awards the region's colleges reported (not Valley College, in another
  // region), certificate before degree, colleges by name.
  ASSERT_EQ(grid.content.awards.size(), 2u);
  const Award& certificate = grid.content.awards[0];
  EXPECT_EQ(certificate.award_level, "certificate_long");
  EXPECT_EQ(certificate.title, "Certificate of achievement: Imaging Technology Test");
  EXPECT_EQ(certificate.units, 30);
  ASSERT_EQ(certificate.colleges.size(), 1u);
  EXPECT_EQ(certificate.colleges[0].name, "Bay College");
  EXPECT_THAT(certificate.courses, ElementsAre("gen-9999.01-intro", "gen-9999.01-core"));
  const Award& degree = grid.content.awards[1];
  EXPECT_EQ(degree.award_level, "associate");
  EXPECT_EQ(degree.units, 60);
  ASSERT_EQ(degree.colleges.size(), 2u);
  EXPECT_EQ(degree.colleges[0].org_id, "CC-BA2");
  EXPECT_EQ(degree.colleges[1].org_id, "CC-BA");

  // Transfer: the region's university awards the bachelor's in one of the CIP codes.
  ASSERT_EQ(grid.content.transfer.size(), 1u);
  EXPECT_EQ(grid.content.transfer[0].title, "Bachelor's degree: Radiologic Technology/Science - Radiographer");
  EXPECT_EQ(grid.content.transfer[0].institution, "Bay State University");

  // Occupations: the crosswalk's three minus the removed one plus the added
  // one, most openings first; figures from the newest BA projection and the
  // living wage of the BA counties with one (no county employment to weight
  // by: (30 + 26) / 2 = 28).
  ASSERT_EQ(grid.content.occupations.size(), 3u);
  const auto& o = grid.content.occupations;
  EXPECT_EQ(o[0].soc, "31-9092");
  EXPECT_EQ(o[0].title, "Medical Assistants");
  EXPECT_EQ(o[0].demand, 300);
  EXPECT_EQ(o[0].wage_p25_hourly, 22);
  EXPECT_EQ(o[0].living_wage_hourly, 28);
  EXPECT_EQ(o[0].p25_vs_living_wage, "below");
  EXPECT_EQ(o[0].entry_education, "Postsecondary nondegree award");
  EXPECT_EQ(o[1].soc, "29-2034");
  EXPECT_EQ(o[1].demand, 120) << "the 2024 projection, not the 2020 one, nor another region's";
  EXPECT_EQ(o[1].wage_median_hourly, 55);
  EXPECT_EQ(o[1].p25_vs_living_wage, "above");
  EXPECT_EQ(o[2].soc, "29-1141");
  EXPECT_FALSE(o[2].demand.has_value());
  EXPECT_EQ(o[2].p25_vs_living_wage, "unknown");
  EXPECT_EQ(o[2].entry_education, "Bachelor's degree") << "national typical entry education when the region has none";
  // Gaps from the labor engine (OccupationFiguresAreTheLaborEnginesGap works them out).
  EXPECT_EQ(o[0].gap, 300 - 12);
  EXPECT_EQ(o[1].gap, 120 - 34);
  EXPECT_FALSE(o[2].gap.has_value()) << "no Bay Area projection for registered nurses";
  EXPECT_TRUE(NotesMention(grid, "No openings are projected in the Bay Area region for Registered Nurses (29-1141), "
                                 "so its openings and gap are not shown."));

  EXPECT_TRUE(NotesMention(grid, "Generated draft"));
  EXPECT_TRUE(NotesMention(grid, "generic placeholders named after the pathway"));
  EXPECT_TRUE(NotesMention(grid, "placeholders for TOP 9999.01"));
  EXPECT_TRUE(NotesMention(grid, "Award units are typical values"));
  EXPECT_FALSE(NotesMention(grid, "No college in the region reported awards"));
  EXPECT_TRUE(NotesMention(grid, "1 occupation code of the crosswalk is not in the SOC 2018 list and is not shown"));

  // A draft is a valid grid, and a plan can be laid out from it.
  EXPECT_TRUE(CheckContent(grid.content).empty());
  auto references = CheckReferences(db(), grid.region, grid.content);
  ASSERT_TRUE(references.ok());
  EXPECT_TRUE(references->empty()) << references->front().field << ": " << references->front().message;
  auto plan = BuildPlan(grid, {.years = 6});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->awards.size(), 2u);
  EXPECT_EQ(plan->awards[0].term, "Year 5 fall");

  // The same data gives the same draft.
  EXPECT_EQ(GridJson(Draft()), GridJson(grid));
}

TEST_P(PathwaysStoreTest, DraftInAnotherRegionUsesThatRegionsData) {
  Grid grid = Draft("HSM-04", "CVML");
  ASSERT_EQ(grid.content.awards.size(), 1u);
  EXPECT_EQ(grid.content.awards[0].colleges[0].org_id, "CC-CV");
  // No university in CVML awards the bachelor's: a general transfer option, marked as such.
  ASSERT_FALSE(grid.content.transfer.empty());
  EXPECT_EQ(grid.content.transfer[0].institution, "A California State University or University of California campus");
  EXPECT_TRUE(NotesMention(grid, "general suggestions from the crosswalk"));
  for (const auto& o : grid.content.occupations) {
    EXPECT_EQ(o.living_wage_hourly, 20) << "Fresno's living wage alone";
    if (o.soc == "29-2034") {
      EXPECT_EQ(o.demand, 77);
    }
  }
}

// What GET /api/v1/labor/gap?region=BA&soc=S answers (the route's own
// functions): its one occupation.
json GapRouteOccupation(const labor::LaborData& data, const std::string& region, const std::string& soc) {
  auto request = labor::ParseGapRequest(data, {{"region", region}, {"soc", soc}});
  EXPECT_TRUE(request.ok()) << request.status().ToString();
  if (!request.ok()) return json();
  auto result = labor::RunGap(data, *request);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  if (!result.ok()) return json();
  json body = labor::GapJson(data, *result, "test");
  EXPECT_EQ(body["occupations"].size(), 1u) << soc;
  json occupation = body["occupations"].empty() ? json::object() : body["occupations"][0];
  occupation["living_wage_hourly"] = body["living_wage"].is_null() ? json() : body["living_wage"]["hourly"];
  return occupation;
}

const json& GridOccupation(const json& grid, const std::string& soc) {
  static const json kNone;
  for (const auto& o : grid["occupations"]) {
    if (o["soc"] == soc) return o;
  }
  ADD_FAILURE() << soc << " is not in the grid";
  return kNone;
}

TEST_P(PathwaysStoreTest, OccupationFiguresAreTheLaborEnginesGap) {
  // Nursing assistants take the certificate too, with a third of medical
  // assistants' openings in the Bay Area.
  ASSERT_TRUE(db().Execute("INSERT INTO program_occupation_edit (code_system, program_code, soc_code, action, note) "
                           "VALUES ('TOP', '9999.01', '31-1131', 'add', 'test')")
                  .ok());
  ASSERT_TRUE(db().Execute("INSERT INTO labor_demand (area_type, area_code, soc_code, base_year, projected_year, "
                           "openings_annual, wage_median_hourly, wage_p25_hourly, entry_education, source) VALUES "
                           "('region', 'BA', '31-1131', 2024, 2034, 100, 21, 17, 'Postsecondary nondegree award', "
                           "'synthetic')")
                  .ok());
  const Grid grid = Draft();
  std::map<std::string, Occupation> by_soc;
  for (const auto& o : grid.content.occupations) by_soc[o.soc] = o;
  ASSERT_EQ(by_soc.size(), 4u);

  // By hand, Bay Area; supply years 2023-2024, each college's awards over
  // the years it reported. TOP 9999.01 certificates: Bay College 12 -> A =
  // 12, shared by the openings of the two occupations they fit (postsecondary
  // nondegree entry): medical assistants 12 * 300 / 400 = 9, nursing
  // assistants 12 * 100 / 400 = 3. Associate degrees: Bay College 30 +
  // Alameda College 4 = 34 (Valley College is in another region), all to
  // radiologic technologists (MRI technologists are removed by an edit). The
  // university's bachelor's in CIP 51.0911 fits none of them.
  const Occupation& medical = by_soc["31-9092"];
  EXPECT_EQ(medical.demand, 300);
  EXPECT_EQ(medical.supply, 9);
  EXPECT_EQ(medical.gap, 300 - 9);
  EXPECT_EQ(medical.wage_median_hourly, 26);
  EXPECT_EQ(medical.living_wage_hourly, 28);
  EXPECT_EQ(medical.p25_vs_living_wage, "below");
  EXPECT_EQ(medical.median_vs_living_wage, "below");
  const Occupation& aides = by_soc["31-1131"];
  EXPECT_EQ(aides.demand, 100);
  EXPECT_EQ(aides.supply, 3);
  EXPECT_EQ(aides.gap, 100 - 3);
  const Occupation& radiology = by_soc["29-2034"];
  EXPECT_EQ(radiology.demand, 120);
  EXPECT_EQ(radiology.supply, 34);
  EXPECT_EQ(radiology.gap, 120 - 34);
  EXPECT_EQ(radiology.wage_p25_hourly, 40);
  EXPECT_EQ(radiology.p25_vs_living_wage, "above");
  EXPECT_EQ(radiology.median_vs_living_wage, "above");
  EXPECT_EQ(radiology.entry_education, "Associate's degree");
  // Registered nurses: no Bay Area projection. The engine counts its demand
  // as 0 (flag no_demand); the grid shows no demand and no gap, and says so.
  const Occupation& nurses = by_soc["29-1141"];
  EXPECT_FALSE(nurses.demand.has_value());
  EXPECT_FALSE(nurses.gap.has_value());
  EXPECT_EQ(nurses.supply, 0);
  EXPECT_FALSE(nurses.wage_p25_hourly.has_value());
  EXPECT_EQ(nurses.p25_vs_living_wage, "unknown");
  EXPECT_EQ(nurses.living_wage_hourly, 28) << "the region's living wage, whatever the occupation";
  EXPECT_TRUE(NotesMention(grid, "No openings are projected in the Bay Area region for Registered Nurses (29-1141), "
                                 "so its openings and gap are not shown."));

  // The grid says what the labor route says, field by field.
  const json shown = GridJson(grid);
  const labor::LaborData& data = Labor();
  for (const char* soc : {"31-9092", "31-1131", "29-2034"}) {
    json route = GapRouteOccupation(data, "BA", soc);
    const json& o = GridOccupation(shown, soc);
    for (const char* field : {"title", "entry_education", "demand", "supply", "gap", "wage_p25_hourly",
                              "wage_median_hourly", "living_wage_hourly", "p25_vs_living_wage", "median_vs_living_wage"}) {
      EXPECT_EQ(o[field], route[field]) << soc << " " << field;
    }
    // Fewer than three supply years behind the means; demand known.
    EXPECT_EQ(route["flags"], json::array({"partial_years"})) << soc;
  }
  EXPECT_EQ(GridOccupation(shown, "31-9092")["gap"], 291);
  json route = GapRouteOccupation(data, "BA", "29-1141");
  const json& o = GridOccupation(shown, "29-1141");
  EXPECT_EQ(route["demand"], 0);
  EXPECT_THAT(route["flags"], ::testing::Contains("no_demand"));
  EXPECT_TRUE(o["demand"].is_null());
  EXPECT_TRUE(o["gap"].is_null());
  EXPECT_EQ(o["supply"], route["supply"]);
  EXPECT_EQ(o["living_wage_hourly"], route["living_wage_hourly"]);

  // A saved grid reads its figures again from the engine.
  json edit = shown;
  edit["base_version"] = 0;
  auto saved = SaveGrid(db(), Labor(), "HSM-04", "BA", "ccc", edit, {});
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  ASSERT_TRUE(db().Execute("INSERT INTO program_awards (org_id, code_system, program_code, award_level, academic_year, "
                           "awards, source) VALUES ('CC-BA', 'TOP', '9999.01', 'associate', 2023, 10, 'test')")
                  .ok());
  auto read = GetGrid(db(), Labor(), "HSM-04", "BA");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->status, "published");
  for (const auto& occupation : read->content.occupations) {
    // Bay College now reported two years: (30 + 10) / 2 + 4 = 24.
    if (occupation.soc == "29-2034") {
      EXPECT_EQ(occupation.supply, 24);
      EXPECT_EQ(occupation.gap, 120 - 24);
    }
  }
}

TEST_P(PathwaysStoreTest, LaborDataOfAnotherSchemeIsRefused) {
  // Data that does not hold the region (loaded for another scheme, say)
  // would show another area's figures under this region's name.
  const labor::LaborData none{};
  auto grid = GetGrid(db(), none, "HSM-04", "BA");
  EXPECT_EQ(grid.status().code(), StatusCode::kInternal);
  EXPECT_THAT(grid.status().message(), HasSubstr("does not hold region BA"));
}

TEST_P(PathwaysStoreTest, DraftInARegionWithoutProjectionsSaysSo) {
  Grid grid = Draft("HSM-04", "LA");
  ASSERT_EQ(grid.content.occupations.size(), 3u);
  for (const auto& o : grid.content.occupations) {
    EXPECT_FALSE(o.demand.has_value()) << o.soc;
    EXPECT_FALSE(o.gap.has_value()) << o.soc;
    EXPECT_EQ(o.supply, 0) << o.soc << ": no college of the region reports awards";
    EXPECT_FALSE(o.living_wage_hourly.has_value());
  }
  EXPECT_TRUE(NotesMention(grid, "Regional openings and wages are not loaded for this region yet"));
  EXPECT_FALSE(NotesMention(grid, "No openings are projected"));
}

TEST_P(PathwaysStoreTest, DraftTakesCoursesFromTheCatalog) {
  ASSERT_TRUE(db().Execute(kCatalog).ok());
  Grid grid = Draft();
  // High-school courses of the pathway here and statewide; not the one of a
  // Fresno district; the prerequisite outside the pathway is left out.
  ASSERT_EQ(grid.content.high_school.size(), 2u);
  EXPECT_EQ(grid.content.high_school[0].stage, Stage::kIntroductory);
  EXPECT_THAT(Ids(grid.content.high_school[0].courses), ElementsAre("HS-INTRO"));
  EXPECT_TRUE(grid.content.high_school[0].courses[0].articulated);
  EXPECT_FALSE(grid.content.high_school[0].courses[0].generated);
  EXPECT_THAT(Ids(grid.content.high_school[1].courses), ElementsAre("HS-CONC"));
  EXPECT_THAT(grid.content.high_school[1].courses[0].prerequisites, ElementsAre("HS-INTRO"));
  EXPECT_TRUE(NotesMention(grid, "Prerequisites outside this pathway's courses"));
  EXPECT_FALSE(NotesMention(grid, "generic placeholders"));

  // College courses at Bay College in 9999.01, and the anatomy course RAD 102 needs.
  EXPECT_THAT(Ids(grid.content.college_courses), ElementsAre("BC-RAD101", "BC-RAD102", "BC-ANAT1"));
  const Course& rad102 = grid.content.college_courses[1];
  EXPECT_THAT(rad102.prerequisites, ElementsAre("BC-ANAT1", "BC-RAD101"));
  EXPECT_EQ(rad102.course_number, "RAD 102");
  ASSERT_TRUE(rad102.college.has_value());
  EXPECT_EQ(rad102.college->name, "Bay College");
  EXPECT_FALSE(NotesMention(grid, "placeholders for TOP"));
  EXPECT_THAT(grid.content.awards[0].courses, ElementsAre("BC-RAD101", "BC-RAD102"));

  EXPECT_TRUE(CheckContent(grid.content).empty());
  auto plan = BuildPlan(grid, {.years = 6});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  // RAD 101 by dual enrollment in grade 11; anatomy and RAD 102 in college, one after the other.
  std::vector<std::string> layout;
  for (const auto& t : plan->terms) {
    for (const auto& item : t.items) {
      if (item.kind == "course") layout.push_back(t.label + " " + item.id);
    }
  }
  EXPECT_THAT(layout, ElementsAre("Grade 9 HS-INTRO", "Grade 10 HS-CONC", "Grade 11 BC-RAD101", "Year 5 fall BC-ANAT1",
                                  "Year 5 spring BC-RAD102"));
}

TEST_P(PathwaysStoreTest, DraftWithoutProgramCodesSaysSo) {
  Grid grid = Draft("ICT-04");
  EXPECT_EQ(grid.content.high_school.size(), 3u);
  EXPECT_TRUE(grid.content.college_courses.empty());
  EXPECT_TRUE(grid.content.awards.empty());
  EXPECT_TRUE(grid.content.occupations.empty());
  EXPECT_TRUE(NotesMention(grid, "No program codes are mapped to this pathway yet"));
  EXPECT_EQ(grid.content.work_based_learning.size(), 4u);
}

TEST_P(PathwaysStoreTest, UnknownPathwayOrRegionAreRefused) {
  auto pathway = GetGrid(db(), Labor(), "HSM-99", "BA");
  EXPECT_EQ(pathway.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(pathway.status().message(), HasSubstr("unknown pathway: HSM-99"));
  auto region = GetGrid(db(), Labor(), "HSM-04", "XX");
  EXPECT_EQ(region.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(region.status().details()["parameter"], "region");
  EXPECT_EQ(GetGrid(db(), Labor(), "HSM-04", "").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(GetGrid(db(), Labor(), "HSM-04", "BA", "no-such-scheme").status().code(), StatusCode::kInvalidArgument);
  auto lower = GetGrid(db(), Labor(), "HSM-04", "ba");
  ASSERT_TRUE(lower.ok());
  EXPECT_EQ(lower->region.code, "BA");
  EXPECT_EQ(GridHistory(db(), "HSM-99", "BA").status().code(), StatusCode::kNotFound);
}

TEST_P(PathwaysStoreTest, SavesAreVersionedAndStaleBaseVersionsConflict) {
  json edit = GridJson(Draft());
  edit["base_version"] = 0;
  edit["summary"] = "First publication";
  edit["high_school"][0]["courses"][0]["title"] = "Exploring Patient Care";
  auto v1 = SaveGrid(db(), Labor(), "HSM-04", "BA", "ccc", edit, {.user_id = std::nullopt, .name = "Ana Coordinator"});
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(v1->version, 1);
  EXPECT_EQ(v1->status, "published");
  EXPECT_EQ(v1->updated_by, "Ana Coordinator");
  EXPECT_EQ(v1->content.high_school[0].courses[0].title, "Exploring Patient Care");
  EXPECT_EQ(v1->content.occupations[0].demand, 300) << "figures are read again, not stored";
  EXPECT_EQ(v1->content.awards[1].colleges[0].name, "Alameda College");

  // A second edit: a course from the catalog named by its id alone.
  ASSERT_TRUE(db().Execute(kCatalog).ok());
  json second = GridJson(*v1);
  second["base_version"] = 1;
  second["summary"] = "Added RAD 101";
  second["college_courses"].push_back({{"id", "BC-RAD101"}});
  auto v2 = SaveGrid(db(), Labor(), "HSM-04", "BA", "ccc", second, {.name = "Ben Dean"});
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(v2->version, 2);
  const Course& added = v2->content.college_courses.back();
  EXPECT_EQ(added.title, "Introduction to Radiography");
  EXPECT_EQ(added.units, 3);
  EXPECT_TRUE(added.dual_enrollment);
  EXPECT_EQ(added.course_number, "RAD 101");
  EXPECT_EQ(added.college->name, "Bay College");
  EXPECT_EQ(GetGrid(db(), Labor(), "HSM-04", "BA")->version, 2);

  // Someone still editing version 1 (or the draft) is told, and nothing is written.
  for (int stale : {1, 0}) {
    json late = GridJson(*v1);
    late["base_version"] = stale;
    auto conflict = SaveGrid(db(), Labor(), "HSM-04", "BA", "ccc", late, {.name = "Late Editor"});
    EXPECT_EQ(conflict.status().code(), StatusCode::kFailedPrecondition) << stale;
    EXPECT_EQ(conflict.status().details()["current_version"], 2);
    EXPECT_THAT(conflict.status().message(), HasSubstr("the current version is 2"));
  }
  EXPECT_EQ(Versions(), 2);

  auto history = GridHistory(db(), "HSM-04", "BA");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0]["version"], 2);
  EXPECT_EQ((*history)[0]["summary"], "Added RAD 101");
  EXPECT_EQ((*history)[0]["updated_by"], "Ben Dean");
  EXPECT_EQ((*history)[1]["version"], 1);
  EXPECT_EQ((*history)[1]["summary"], "First publication");
  EXPECT_LE((*history)[1]["updated_at"].get<std::string>(), (*history)[0]["updated_at"].get<std::string>());

  // Other regions are untouched.
  EXPECT_EQ(Draft("HSM-04", "CVML").version, 0);
  EXPECT_TRUE(GridHistory(db(), "HSM-04", "CVML")->empty());

  // Without a summary a version is named by its number.
  json third = GridJson(*v2);
  third["base_version"] = 2;
  ASSERT_TRUE(SaveGrid(db(), Labor(), "HSM-04", "BA", "ccc", third, {}).ok());
  EXPECT_EQ((*GridHistory(db(), "HSM-04", "BA"))[0]["summary"], "Version 3");
  EXPECT_TRUE((*GridHistory(db(), "HSM-04", "BA"))[0]["updated_by"].is_null());
}

TEST_P(PathwaysStoreTest, BaseVersionAndSummaryAreChecked) {
  json edit = GridJson(Draft());
  for (json bad : {json(nullptr), json("1"), json(-1), json(1.5)}) {
    edit["base_version"] = bad;
    auto saved = SaveGrid(db(), Labor(), "HSM-04", "BA", "ccc", edit, {});
    EXPECT_EQ(saved.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(saved.status().details()["field"], "base_version");
  }
  edit["base_version"] = 0;
  edit["summary"] = std::string(501, 'x');
  EXPECT_EQ(SaveGrid(db(), Labor(), "HSM-04", "BA", "ccc", edit, {}).status().details()["field"], "summary");
  EXPECT_EQ(SaveGrid(db(), Labor(), "HSM-04", "BA", "ccc", json::array(), {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Versions(), 0);
}

TEST_P(PathwaysStoreTest, ValidationListsEveryProblemOfAnEditedGrid) {
  const json draft = GridJson(Draft());  // generic courses: the catalog is filled only now
  ASSERT_TRUE(db().Execute(kCatalog).ok());
  // Catalog and shape problems come first...
  json edit = draft;
  edit["base_version"] = 0;
  edit["college_courses"].push_back({{"id", "NOPE-1"}});
  edit["high_school"][0]["courses"].push_back({{"id", "BC-RAD102"}});
  edit["college_courses"][0]["units"] = "three";
  auto saved = SaveGrid(db(), Labor(), "HSM-04", "BA", "ccc", edit, {});
  ASSERT_EQ(saved.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(saved.status()), UnorderedElementsAre("college_courses[2].id", "high_school[0].courses[1].id",
                                                           "college_courses[0].units"));
  EXPECT_THAT(saved.status().details()["errors"].dump(), HasSubstr("unknown course id NOPE-1"));
  EXPECT_THAT(saved.status().details()["errors"].dump(), HasSubstr("list it under college_courses"));

  // ...then the grid's own rules and the reference data, all at once.
  edit = draft;
  edit["base_version"] = 0;
  edit["college_courses"][0]["prerequisites"] = {"gen-9999.01-core"};  // a cycle with core
  edit["college_courses"][1]["units"] = 0;
  edit["college_courses"][1]["college"] = {{"org_id", "CC-CV"}};           // another region's college
  edit["awards"][0]["colleges"] = {{{"org_id", "UNI-BA"}}, {{"org_id", "NO-SUCH"}}};
  edit["awards"][1]["code"] = "9999.99";
  edit["awards"].push_back({{"code_system", "CIP"}, {"code", "99.9999"}, {"award_level", "bachelor"}});
  edit["occupations"].push_back("99-9999");
  edit["high_school"][0]["courses"][0]["prerequisites"] = {"MATH-1"};
  saved = SaveGrid(db(), Labor(), "HSM-04", "BA", "ccc", edit, {});
  ASSERT_EQ(saved.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(saved.status()),
              UnorderedElementsAre("college_courses[0].prerequisites", "college_courses[1].units",
                                   "high_school[0].courses[0].prerequisites[0]", "college_courses[1].college",
                                   "awards[0].colleges[0]", "awards[0].colleges[1]", "awards[1].code", "awards[2].code",
                                   "occupations[3]"));
  std::string errors = saved.status().details()["errors"].dump();
  EXPECT_THAT(errors, HasSubstr("prerequisite cycle: gen-9999.01-intro -> gen-9999.01-core -> gen-9999.01-intro"));
  EXPECT_THAT(errors, HasSubstr("college CC-CV is not in region BA (Bay Area)"));
  EXPECT_THAT(errors, HasSubstr("organization UNI-BA is a university, not a college"));
  EXPECT_THAT(errors, HasSubstr("unknown organization id NO-SUCH"));
  EXPECT_THAT(errors, HasSubstr("unknown TOP code 9999.99"));
  EXPECT_THAT(errors, HasSubstr("unknown CIP code 99.9999"));
  EXPECT_THAT(errors, HasSubstr("unknown SOC 2018 code 99-9999"));
  EXPECT_THAT(errors, HasSubstr("prerequisite MATH-1 is not a course of this grid"));
  EXPECT_EQ(Versions(), 0);
}

TEST_P(PathwaysStoreTest, AwardTitlesComeFromTheirCodeWhenLeftEmpty) {
  json edit = GridJson(Draft());
  edit["base_version"] = 0;
  edit["awards"] = {{{"code_system", "CIP"}, {"code", "51.3801"}, {"award_level", "bachelor"}},
                    {{"code_system", "TOP"}, {"code", "1230.10"}, {"award_level", "associate"}, {"title", "ADN"}}};
  auto saved = SaveGrid(db(), Labor(), "HSM-04", "BA", "ccc", edit, {});
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->content.awards[0].title, "Registered Nursing/Registered Nurse");
  EXPECT_EQ(saved->content.awards[1].title, "ADN");
}

TEST_P(PathwaysStoreTest, AStoredDocumentThatDoesNotReadBackIsDataLoss) {
  ASSERT_TRUE(db().Execute("INSERT INTO pathway_grid_version (pathway_code, scheme_code, region_code, version, document, "
                           "summary, updated_at) VALUES ('HSM-04', 'ccc', 'BA', 1, '{not json', 'x', '2026-01-01T00:00:00Z')")
                  .ok());
  EXPECT_EQ(GetGrid(db(), Labor(), "HSM-04", "BA").status().code(), StatusCode::kDataLoss);
}

TEST_P(PathwaysStoreTest, SchemaRefusesImpossibleRows) {
  ASSERT_TRUE(db().Execute(kCatalog).ok());
  for (const char* sql : {
           "INSERT INTO course (course_id, level, title, units, source) VALUES ('X', 'high_school', 'X', 0, 't')",
           "INSERT INTO course (course_id, level, title, units, source) VALUES ('X', 'university', 'X', 3, 't')",
           "INSERT INTO course (course_id, level, title, units, stage, source) VALUES ('X', 'college', 'X', 3, 'final', 't')",
           "INSERT INTO course (course_id, level, title, units, org_id, source) VALUES ('X', 'college', 'X', 3, 'NOPE', 't')",
           "INSERT INTO course_prerequisite (course_id, prerequisite_id) VALUES ('BC-RAD101', 'BC-RAD101')",
           "INSERT INTO course_prerequisite (course_id, prerequisite_id) VALUES ('BC-RAD101', 'NOPE')",
           "INSERT INTO pathway_grid_version (pathway_code, scheme_code, region_code, version, document, summary, "
           "updated_at) VALUES ('HSM-04', 'ccc', 'BA', 0, '{}', 'x', 'now')",
           "INSERT INTO pathway_grid_version (pathway_code, scheme_code, region_code, version, document, summary, "
           "updated_at) VALUES ('XXX-01', 'ccc', 'BA', 1, '{}', 'x', 'now')",
       }) {
    EXPECT_FALSE(db().Execute(sql).ok()) << sql;
  }
}

TEST_P(PathwaysStoreTest, OrganizationsInRegionFindsCoordinatorsRegions) {
  auto bay = FindRegion(db(), "ccc", "BA");
  ASSERT_TRUE(bay.ok());
  EXPECT_TRUE(*OrganizationsInRegion(db(), *bay, {"DIST-BA"}));
  EXPECT_TRUE(*OrganizationsInRegion(db(), *bay, {"DIST-CV", "CC-BA2"}));
  EXPECT_FALSE(*OrganizationsInRegion(db(), *bay, {"DIST-CV"}));
  EXPECT_FALSE(*OrganizationsInRegion(db(), *bay, {"NO-SUCH"}));
  EXPECT_FALSE(*OrganizationsInRegion(db(), *bay, {}));
}

INSTANTIATE_TEST_SUITE_P(Backends, PathwaysStoreTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         pl::testing::BackendName);

}  // namespace
}  // namespace pl::pathways
