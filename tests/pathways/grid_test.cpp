// The grid model without a database: JSON round trip, parsing with paths,
// and the structural checks of an edited grid.
#include <functional>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "pathways/grid.hpp"
#include "pathways/grid_builder.hpp"

namespace pl::pathways::test {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

GridContent FullContent() {
  Grid grid = GridOf({StageOf(Stage::kIntroductory, {9, 10}, {Hs("I", 10)}),
                      StageOf(Stage::kConcentrator, {10, 11}, {Hs("C", 10, {"I"})})},
                     {Cc("D1", 3, true), Cc("D2", 4, false, {"D1"})});
  GridContent content = grid.content;
  content.college_courses[0].college = College{"CC-1", ""};
  content.college_courses[0].course_number = "MED 101";
  content.college_courses[0].top_code = "1230.20";
  content.high_school[0].courses[0].articulated = true;
  content.awards = {{.code_system = "TOP", .code = "1230.20", .title = "Certificate", .award_level = "certificate_long",
                     .units = 30, .colleges = {{"CC-1", ""}}, .courses = {"D1", "D2"}}};
  content.transfer = {{"Bachelor's degree in Nursing", "Fresno State", "ADT available"}};
  content.work_based_learning = {{"exploration", "Job shadow", {10}}};
  content.occupations = {{.soc = "29-2061"}};
  content.notes = {"Check the district catalog."};
  return content;
}

std::vector<std::string> Fields(const std::vector<Problem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.field);
  return out;
}

TEST(GridTest, ContentRoundTripsThroughJson) {
  GridContent content = FullContent();
  json stored = ContentJson(content);
  ParsedContent parsed = ParseContent(stored);
  ASSERT_TRUE(parsed.problems.empty()) << parsed.problems.front().field << ": " << parsed.problems.front().message;
  EXPECT_EQ(ContentJson(parsed.content), stored);
  EXPECT_TRUE(CheckContent(parsed.content).empty());
  EXPECT_EQ(stored["occupations"], json::parse(R"([{"soc": "29-2061"}])")) << "only the code is stored";
  EXPECT_EQ(stored["college_courses"][0]["course"], "MED 101");
  EXPECT_EQ(stored["college_courses"][1]["college"], nullptr);
}

TEST(GridTest, GridJsonHasTheContractsShape) {
  Grid grid;
  grid.pathway = {"HEA-03", "Patient Care", "HEA", "Health Science and Medical Technology"};
  grid.region = {"ccc", "BA", "Bay Area", {"06001"}};
  grid.content = FullContent();
  grid.content.occupations[0].wage_p25_hourly = 27.5;
  grid.content.occupations[0].p25_vs_living_wage = "above";
  json j = GridJson(grid);
  EXPECT_EQ(j["pathway"]["sector"]["code"], "HEA");
  EXPECT_EQ(j["region"]["name"], "Bay Area");
  EXPECT_EQ(j["status"], "draft_generated");
  EXPECT_EQ(j["version"], 0);
  EXPECT_TRUE(j["updated_at"].is_null());
  EXPECT_EQ(j["high_school"][1]["stage"], "concentrator");
  EXPECT_EQ(j["high_school"][1]["courses"][0]["prerequisites"], json::array({"I"}));
  EXPECT_FALSE(j["high_school"][0]["courses"][0].contains("college")) << "high-school courses have no college";
  EXPECT_EQ(j["college_courses"][0]["college"]["org_id"], "CC-1");
  EXPECT_EQ(j["occupations"][0]["wage_p25_hourly"], 27.5);
  EXPECT_TRUE(j["occupations"][0]["demand"].is_null());
  EXPECT_EQ(j["occupations"][0]["p25_vs_living_wage"], "above");
}

TEST(GridTest, ParsingReportsEveryProblemWithItsPath) {
  json body = json::parse(R"({
    "hgh_school": [],
    "high_school": [{"stage": "intro", "grade_levels": "9", "courses": [{"id": "A", "title": "A", "units": "ten"}]},
                    {"stage": "capstone", "courses": [{"id": "B", "units": 10, "colour": "red"}]}],
    "college_courses": [{"id": "C", "title": "C", "units": 3, "dual_enrollment": "yes", "college": 7}],
    "awards": [{"award_level": "associate"}],
    "transfer": [{"institution": "Fresno State"}],
    "work_based_learning": [{"stage": "awareness", "title": "Tour", "grade_levels": [9, "10"]}],
    "occupations": [5],
    "notes": [1]
  })");
  ParsedContent parsed = ParseContent(body);
  EXPECT_THAT(Fields(parsed.problems),
              ::testing::UnorderedElementsAre(
                  "hgh_school", "high_school[0].stage", "high_school[0].grade_levels",
                  "high_school[0].courses[0].units", "high_school[1].grade_levels", "high_school[1].courses[0].colour",
                  "high_school[1].courses[0].title", "college_courses[0].dual_enrollment", "college_courses[0].college",
                  "awards[0].code", "transfer[0].title", "work_based_learning[0].grade_levels[1]", "occupations[0]",
                  "notes[0]"));
  for (const auto& p : parsed.problems) {
    if (p.field == "high_school[0].stage") {
      EXPECT_THAT(p.message, HasSubstr("introductory, concentrator or capstone; got intro"));
    }
    if (p.field == "hgh_school") {
      EXPECT_THAT(p.message, HasSubstr("misspelt"));
    }
  }
  EXPECT_FALSE(ParseContent(json::array()).problems.empty());
}

TEST(GridTest, ReadOnlyMembersOfAGridReadBackAreIgnored) {
  Grid grid;
  grid.pathway = {"HEA-03", "Patient Care", "HEA", "Health"};
  grid.region = {"ccc", "BA", "Bay Area", {}};
  grid.content = FullContent();
  grid.content.occupations[0].demand = 40;
  json edited = GridJson(grid);
  edited["base_version"] = 3;
  edited["summary"] = "Added a course";
  ParsedContent parsed = ParseContent(edited);
  EXPECT_TRUE(parsed.problems.empty()) << parsed.problems.front().field;
  EXPECT_EQ(parsed.content.occupations[0].soc, "29-2061");
  EXPECT_FALSE(parsed.content.occupations[0].demand.has_value()) << "figures are read, never stored";
  EXPECT_EQ(ContentJson(parsed.content), ContentJson(FullContent()));
}

struct CheckCase {
  const char* name;
  std::function<void(GridContent&)> edit;
  const char* field;
  const char* says;
};

TEST(GridTest, ChecksNameTheFieldAndWhatIsWrong) {
  const std::vector<CheckCase> cases = {
      {"duplicate id", [](GridContent& c) { c.college_courses.push_back(Cc("I", 3, false)); }, "college_courses[2].id",
       "course id I is used twice (also at high_school[0].courses[0])"},
      {"unknown prerequisite", [](GridContent& c) { c.college_courses[1].prerequisites = {"MATH 1"}; },
       "college_courses[1].prerequisites[0]", "prerequisite MATH 1 is not a course of this grid (unknown course id)"},
      {"own prerequisite", [](GridContent& c) { c.college_courses[1].prerequisites = {"D2"}; },
       "college_courses[1].prerequisites[0]", "cannot be its own prerequisite"},
      {"repeated prerequisite", [](GridContent& c) { c.college_courses[1].prerequisites = {"D1", "D1"}; },
       "college_courses[1].prerequisites[1]", "listed twice"},
      {"zero units", [](GridContent& c) { c.high_school[0].courses[0].units = 0; }, "high_school[0].courses[0].units",
       "course I: units must be more than 0 and at most 40"},
      {"negative units", [](GridContent& c) { c.college_courses[0].units = -3; }, "college_courses[0].units",
       "at most 20 (semester units); got -3"},
      {"college units too high", [](GridContent& c) { c.college_courses[0].units = 25; }, "college_courses[0].units",
       "got 25"},
      {"high-school units too high", [](GridContent& c) { c.high_school[1].courses[0].units = 45; },
       "high_school[1].courses[0].units", "10 for a year-long course"},
      {"grade out of range", [](GridContent& c) { c.high_school[0].grade_levels = {8, 9}; },
       "high_school[0].grade_levels[0]", "from 9 to 12; got 8"},
      {"grades descending", [](GridContent& c) { c.high_school[0].grade_levels = {10, 9}; },
       "high_school[0].grade_levels[1]", "ascending"},
      {"no grades", [](GridContent& c) { c.high_school[0].grade_levels = {}; }, "high_school[0].grade_levels",
       "at least one grade"},
      {"stage twice", [](GridContent& c) { c.high_school[1].stage = Stage::kIntroductory; }, "high_school[1].stage",
       "stage introductory appears twice"},
      {"award level", [](GridContent& c) { c.awards[0].award_level = "diploma"; }, "awards[0].award_level",
       "must be one of noncredit_certificate, certificate_short"},
      {"award code system", [](GridContent& c) { c.awards[0].code_system = "ONET"; }, "awards[0].code_system",
       "must be TOP or CIP"},
      {"TOP code shape", [](GridContent& c) { c.awards[0].code = "12302"; }, "awards[0].code", "TOP code such as"},
      {"CIP code shape", [](GridContent& c) { c.awards[0].code_system = "CIP"; }, "awards[0].code",
       "CIP 2020 code such as 51.3801; got 1230.20"},
      {"award course", [](GridContent& c) { c.awards[0].courses.push_back("NURS 1"); }, "awards[0].courses[2]",
       "award 1230.20 requires NURS 1, which is not a course of this grid"},
      {"award units", [](GridContent& c) { c.awards[0].units = -1; }, "awards[0].units", "from 0 to 300"},
      {"wbl stage", [](GridContent& c) { c.work_based_learning[0].stage = "internship"; }, "work_based_learning[0].stage",
       "must be one of awareness, exploration, preparation, training"},
      {"wbl grade", [](GridContent& c) { c.work_based_learning[0].grade_levels = {17}; },
       "work_based_learning[0].grade_levels[0]", "from 9 to 16"},
      {"soc shape", [](GridContent& c) { c.occupations[0].soc = "291141"; }, "occupations[0]", "SOC 2018 code"},
      {"soc twice", [](GridContent& c) { c.occupations.push_back(c.occupations[0]); }, "occupations[1]", "listed twice"},
      {"course top code", [](GridContent& c) { c.college_courses[0].top_code = "nursing"; }, "college_courses[0].top_code",
       "TOP code such as 1230.20"},
      {"empty note", [](GridContent& c) { c.notes = {""}; }, "notes[0]", "must not be empty"},
  };
  ASSERT_TRUE(CheckContent(FullContent()).empty());
  for (const auto& c : cases) {
    GridContent content = FullContent();
    c.edit(content);
    auto problems = CheckContent(content);
    ASSERT_EQ(problems.size(), 1u) << c.name << ": " << (problems.empty() ? "none" : problems.back().field);
    EXPECT_EQ(problems[0].field, c.field) << c.name;
    EXPECT_THAT(problems[0].message, HasSubstr(c.says)) << c.name;
  }
}

TEST(GridTest, CyclesAreFoundAndShownAsAChain) {
  GridContent content = FullContent();
  // I -> (C needs I) ; make I need D2, D2 needs D1, D1 needs C: I needs D2 needs D1 needs C needs I.
  content.high_school[0].courses[0].prerequisites = {"D2"};
  content.college_courses[0].prerequisites = {"C"};
  EXPECT_EQ(FindPrerequisiteCycle(content), (std::vector<std::string>{"I", "D2", "D1", "C", "I"}));
  auto problems = CheckContent(content);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "high_school[0].courses[0].prerequisites");
  EXPECT_THAT(problems[0].message, HasSubstr("prerequisite cycle: I -> D2 -> D1 -> C -> I"));
  EXPECT_TRUE(FindPrerequisiteCycle(FullContent()).empty());
}

TEST(GridTest, LongChainsDoNotExhaustTheStack) {
  GridContent content;
  std::vector<Course> courses;
  for (int i = 0; i < 200; ++i) {
    courses.push_back(Cc("c" + std::to_string(i), 3, false, i ? std::vector<std::string>{"c" + std::to_string(i - 1)}
                                                                    : std::vector<std::string>{}));
  }
  content.college_courses = courses;
  EXPECT_TRUE(FindPrerequisiteCycle(content).empty());
  content.college_courses[0].prerequisites = {"c199"};
  EXPECT_EQ(FindPrerequisiteCycle(content).size(), 201u);
}

TEST(GridTest, ProblemsBecomeOneStatusListingThemAll) {
  EXPECT_TRUE(ProblemsStatus({}).ok());
  Status s = ProblemsStatus({{"college_courses[0].units", "must be a number"}, {"awards[0].code", "is required"},
                             {"notes[0]", "must not be empty"}});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "college_courses[0].units: must be a number (and 2 more problems)");
  EXPECT_EQ(s.details()["field"], "college_courses[0].units");
  ASSERT_EQ(s.details()["errors"].size(), 3u);
  EXPECT_EQ(s.details()["errors"][1], (json{{"field", "awards[0].code"}, {"message", "is required"}}));
}

}  // namespace
}  // namespace pl::pathways::test
