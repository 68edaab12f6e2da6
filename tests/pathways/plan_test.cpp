// Student plans laid out by hand: 4, 6 and 10 years, prerequisites, unit
// caps, dual enrollment, work-based learning, awards, refusals, CSV.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "pathways/grid_builder.hpp"
#include "pathways/plan.hpp"

namespace pl::pathways::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Introductory I, concentrator C (needs I), capstone K (needs C); college
// D1 (dual enrollment), D2 (needs D1, not offered to high-school students),
// D3 (dual enrollment, needs the capstone); three WBL steps; a certificate
// for D1 + D2.
Grid StandardGrid() {
  Grid grid = GridOf({StageOf(Stage::kIntroductory, {9, 10}, {Hs("I", 10)}),
                      StageOf(Stage::kConcentrator, {10, 11}, {Hs("C", 10, {"I"})}),
                      StageOf(Stage::kCapstone, {11, 12}, {Hs("K", 10, {"C"})})},
                     {Cc("D1", 3, true), Cc("D2", 4, false, {"D1"}), Cc("D3", 3, true, {"K"})});
  grid.content.work_based_learning = {{"awareness", "Hospital tour", {9}},
                                      {"preparation", "Clinical internship", {11, 12}},
                                      {"training", "Paid apprenticeship", {13, 14}}};
  grid.content.awards = {{.code_system = "TOP", .code = "1230.20", .title = "Short certificate: Patient Care",
                          .award_level = "certificate_short", .units = 7, .courses = {"D1", "D2"}}};
  return grid;
}

const PlanTerm& Term(const Plan& plan, const std::string& label) {
  for (const auto& t : plan.terms) {
    if (t.label == label) return t;
  }
  ADD_FAILURE() << "no term " << label;
  static PlanTerm none;
  return none;
}

TEST(PlanTest, FourYearsStopsAtGradeTwelveAndSaysWhatIsLeft) {
  auto plan = BuildPlan(StandardGrid(), {.years = 4});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  // D3 needs the capstone (grade 11), so it waits for grade 12; D1 is open
  // from grade 11 (dual enrollment), not before.
  EXPECT_EQ(Layout(*plan), "Grade 9: I wbl-1 | Grade 10: C | Grade 11: K D1 wbl-2 | Grade 12: D3");
  const PlanTerm& g11 = Term(*plan, "Grade 11");
  EXPECT_EQ(g11.level, "high_school");
  EXPECT_EQ(g11.units, 10);
  EXPECT_EQ(g11.college_units, 3);
  EXPECT_TRUE(g11.items[1].dual_enrollment);
  EXPECT_TRUE(g11.items[1].college_credit);
  EXPECT_FALSE(g11.items[0].college_credit);
  EXPECT_EQ(g11.items[2].kind, "wbl");
  EXPECT_EQ(g11.items[2].title, "Career preparation: Clinical internship");
  EXPECT_TRUE(plan->awards.empty());
  EXPECT_THAT(plan->warnings,
              ElementsAre(HasSubstr("1 college course taken after high school is not in a plan that ends with grade 12: D2"),
                          HasSubstr("\"Paid apprenticeship\" comes after this plan's last term"),
                          HasSubstr("Short certificate: Patient Care needs courses outside this plan (D2)")));
}

TEST(PlanTest, SixYearsPlacesCollegeCoursesAwardsAndTraining) {
  auto plan = BuildPlan(StandardGrid(), {.years = 6});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(Layout(*plan),
            "Grade 9: I wbl-1 | Grade 10: C | Grade 11: K D1 wbl-2 | Grade 12: D3 | "
            "Year 5 fall: D2 wbl-3 TOP:1230.20:certificate_short | Year 5 spring: | Year 6 fall: | Year 6 spring:");
  const PlanTerm& fall = Term(*plan, "Year 5 fall");
  EXPECT_EQ(fall.level, "college");
  EXPECT_EQ(fall.season, "fall");
  EXPECT_EQ(fall.units, 4);
  EXPECT_EQ(fall.college_units, 4);
  EXPECT_FALSE(fall.items[0].dual_enrollment) << "taken in college, not in high school";
  EXPECT_TRUE(fall.items[0].college_credit);
  ASSERT_EQ(plan->awards.size(), 1u);
  EXPECT_EQ(plan->awards[0].term, "Year 5 fall");
  EXPECT_TRUE(plan->warnings.empty()) << plan->warnings.front();
}

TEST(PlanTest, TenYearsHasTwelveCollegeTermsAndTheSamePlacements) {
  auto plan = BuildPlan(StandardGrid(), {.years = 10});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->terms.size(), 4u + 12u);
  EXPECT_EQ(plan->terms.back().label, "Year 10 spring");
  EXPECT_EQ(Term(*plan, "Year 5 fall").items.size(), 3u);
  for (std::size_t t = 5; t < plan->terms.size(); ++t) EXPECT_TRUE(plan->terms[t].items.empty()) << plan->terms[t].label;
}

TEST(PlanTest, HighSchoolUnitCapMovesCoursesToLaterGrades) {
  // Cap 20 credits a year: A and B fill grade 9, E moves to 10; F (20
  // credits, needs A) does not fit next to E, so it goes to 11.
  Grid grid = GridOf({StageOf(Stage::kIntroductory, {9, 10}, {Hs("A", 10), Hs("B", 10), Hs("E", 10)}),
                      StageOf(Stage::kConcentrator, {10, 11}, {Hs("F", 20, {"A"})})});
  auto plan = BuildPlan(grid, {.years = 4, .max_high_school_units = 20});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(Layout(*plan), "Grade 9: A B | Grade 10: E | Grade 11: F | Grade 12:");
  EXPECT_EQ(Term(*plan, "Grade 9").units, 20);
}

TEST(PlanTest, CollegeUnitCapSpreadsCoursesOverTerms) {
  Grid grid = GridOf({}, {Cc("c1", 4, false), Cc("c2", 4, false), Cc("c3", 4, false),
                          Cc("c4", 4, false), Cc("c5", 4, false)});
  auto plan = BuildPlan(grid, {.years = 6});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(Layout(*plan), "Grade 9: | Grade 10: | Grade 11: | Grade 12: | Year 5 fall: c1 c2 c3 | "
                           "Year 5 spring: c4 c5 | Year 6 fall: | Year 6 spring:");
  EXPECT_EQ(Term(*plan, "Year 5 fall").units, 12);
  EXPECT_EQ(Term(*plan, "Year 5 spring").units, 8);

  auto tight = BuildPlan(grid, {.years = 6, .max_college_units = 8});
  ASSERT_TRUE(tight.ok()) << tight.status().ToString();
  EXPECT_EQ(Layout(*tight), "Grade 9: | Grade 10: | Grade 11: | Grade 12: | Year 5 fall: c1 c2 | "
                            "Year 5 spring: c3 c4 | Year 6 fall: c5 | Year 6 spring:");
}

TEST(PlanTest, DualEnrollmentUnitsCountAgainstTheCollegeCapInHighSchool) {
  // Two 8-unit dual-enrollment courses cannot share a high-school year under a 15-unit cap.
  Grid grid = GridOf({}, {Cc("d1", 8, true), Cc("d2", 8, true)});
  auto plan = BuildPlan(grid, {.years = 4});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(Layout(*plan), "Grade 9: | Grade 10: | Grade 11: d1 | Grade 12: d2");
  EXPECT_EQ(Term(*plan, "Grade 12").college_units, 8);
  EXPECT_EQ(Term(*plan, "Grade 12").units, 0) << "no high-school credits";
}

TEST(PlanTest, PrerequisitesInTheSameTermAreNotEnough) {
  // c2 needs c1: even with room, it waits for the next term.
  Grid grid = GridOf({}, {Cc("c1", 3, false), Cc("c2", 3, false, {"c1"}), Cc("c3", 3, false)});
  auto plan = BuildPlan(grid, {.years = 6});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(Layout(*plan), "Grade 9: | Grade 10: | Grade 11: | Grade 12: | Year 5 fall: c1 c3 | "
                           "Year 5 spring: c2 | Year 6 fall: | Year 6 spring:");
}

TEST(PlanTest, TiesFollowTheStageOrderThenTheGridOrder) {
  // Stages listed capstone first still come out introductory first; within
  // a stage the grid's order decides.
  Grid grid = GridOf({StageOf(Stage::kCapstone, {9, 10, 11, 12}, {Hs("Z", 10)}),
                      StageOf(Stage::kIntroductory, {9}, {Hs("Y", 10), Hs("X", 10)})});
  auto plan = BuildPlan(grid, {.years = 4, .max_high_school_units = 20});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(Layout(*plan), "Grade 9: Y X | Grade 10: Z | Grade 11: | Grade 12:");
  auto again = BuildPlan(grid, {.years = 4, .max_high_school_units = 20});
  EXPECT_EQ(PlanJson(*plan), PlanJson(*again)) << "deterministic";
}

TEST(PlanTest, StartingInGradeTenShiftsTheTermsAndWarnsAboutLateCourses) {
  Grid grid = GridOf({StageOf(Stage::kIntroductory, {9}, {Hs("I", 10)})}, {Cc("c1", 3, false)});
  grid.content.work_based_learning = {{"awareness", "Career day", {9}}};
  auto plan = BuildPlan(grid, {.years = 6, .start_grade = 10});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(Layout(*plan), "Grade 10: I | Grade 11: | Grade 12: | Year 5 fall: c1 | Year 5 spring: | "
                           "Year 6 fall: | Year 6 spring: | Year 7 fall: | Year 7 spring:");
  EXPECT_THAT(plan->warnings, ElementsAre(HasSubstr("I (Course I) is planned in grade 10, later than the grid's grades"),
                                          HasSubstr("\"Career day\" comes before grade 10")));
}

TEST(PlanTest, ArticulatedHighSchoolCoursesEarnCollegeCredit) {
  Course articulated = Hs("A", 10);
  articulated.articulated = true;
  auto plan = BuildPlan(GridOf({StageOf(Stage::kConcentrator, {10, 11}, {articulated})}), {});
  ASSERT_TRUE(plan.ok());
  const PlanItem& item = Term(*plan, "Grade 10").items.at(0);
  EXPECT_TRUE(item.college_credit);
  EXPECT_FALSE(item.dual_enrollment);
}

TEST(PlanTest, AwardWithoutRequiredCoursesIsNotPlacedButExplained) {
  Grid grid = GridOf({}, {Cc("c1", 3, false)});
  grid.content.awards = {{.code = "1230.20", .title = "Associate degree: Nursing", .award_level = "associate"}};
  auto plan = BuildPlan(grid, {.years = 6});
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->awards.empty());
  EXPECT_THAT(plan->warnings, ElementsAre(HasSubstr("Associate degree: Nursing lists no required courses")));
}

Status Refusal(const Grid& grid, const PlanOptions& options) {
  auto plan = BuildPlan(grid, options);
  EXPECT_FALSE(plan.ok()) << Layout(*plan);
  return plan.ok() ? Status() : plan.status();
}

TEST(PlanTest, RefusesACycleNamingTheCourses) {
  Status s = Refusal(GridOf({}, {Cc("X", 3, false, {"Y"}), Cc("Y", 3, false, {"X"})}), {.years = 6});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("prerequisite cycle: X -> Y -> X"));
  EXPECT_EQ(s.details()["course"], "X");
  EXPECT_EQ(s.details()["reason"], "prerequisite_cycle");
}

TEST(PlanTest, RefusesACourseAboveTheUnitCap) {
  Status s = Refusal(GridOf({}, {Cc("big", 16, false)}), {.years = 6});
  EXPECT_THAT(s.message(), HasSubstr("course big (College big) has 16 units, more than the cap of 15 per term"));
  EXPECT_EQ(s.details()["reason"], "units_over_cap");
  Status hs = Refusal(GridOf({StageOf(Stage::kCapstone, {12}, {Hs("lab", 40)})}), {.years = 4, .max_high_school_units = 30});
  EXPECT_THAT(hs.message(), HasSubstr("course lab (Course lab) has 40 units, more than the cap of 30 per high-school year"));
  EXPECT_EQ(hs.details()["course"], "lab");
}

TEST(PlanTest, RefusesWhenThereAreNotEnoughTerms) {
  // Five college courses in a chain need five terms; six years give four.
  Grid chain = GridOf({}, {Cc("c1", 3, false), Cc("c2", 3, false, {"c1"}), Cc("c3", 3, false, {"c2"}),
                           Cc("c4", 3, false, {"c3"}), Cc("c5", 3, false, {"c4"})});
  Status s = Refusal(chain, {.years = 6});
  EXPECT_THAT(s.message(), HasSubstr("not enough terms: course c5 (College c5) does not fit by Year 6 spring"));
  EXPECT_EQ(s.details()["course"], "c5");
  EXPECT_EQ(s.details()["reason"], "not_enough_terms");
  EXPECT_TRUE(BuildPlan(chain, {.years = 10}).ok());

  // Starting in grade 12 leaves one high-school year for a three-course sequence.
  Grid sequence = GridOf({StageOf(Stage::kIntroductory, {9, 10}, {Hs("I", 10)}),
                          StageOf(Stage::kConcentrator, {10, 11}, {Hs("C", 10, {"I"})})});
  Status late = Refusal(sequence, {.years = 4, .start_grade = 12});
  EXPECT_THAT(late.message(), HasSubstr("course C (Course C) does not fit by Grade 12"));
}

TEST(PlanTest, RefusesUnknownPrerequisitesAndBadOptions) {
  Status s = Refusal(GridOf({}, {Cc("c1", 3, false, {"ghost"})}), {.years = 6});
  EXPECT_THAT(s.message(), HasSubstr("prerequisite ghost is not in this grid"));
  EXPECT_EQ(s.details()["reason"], "unknown_prerequisite");
  Grid grid = StandardGrid();
  for (auto [options, field] : {std::pair{PlanOptions{.years = 5}, "years"},
                                {PlanOptions{.start_grade = 8}, "start_grade"},
                                {PlanOptions{.start_grade = 13}, "start_grade"},
                                {PlanOptions{.max_high_school_units = 0}, "max_units_per_term.high_school"},
                                {PlanOptions{.max_college_units = -3}, "max_units_per_term.college"},
                                {PlanOptions{.max_college_units = 31}, "max_units_per_term.college"}}) {
    auto plan = BuildPlan(grid, options);
    ASSERT_FALSE(plan.ok()) << field;
    EXPECT_EQ(plan.status().details()["field"], field);
  }
}

TEST(PlanTest, ParsesRequestsAndNamesTheBadField) {
  auto good = ParsePlanRequest(nlohmann::json::parse(
      R"({"pathway": "HEA-03", "region": "BA", "years": 6, "start_grade": 10,
          "max_units_per_term": {"high_school": 50, "college": 12}})"));
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(good->pathway, "HEA-03");
  EXPECT_EQ(good->options.years, 6);
  EXPECT_EQ(good->options.start_grade, 10);
  EXPECT_EQ(good->options.max_high_school_units, 50);
  EXPECT_EQ(good->options.max_college_units, 12);
  auto defaults = ParsePlanRequest(nlohmann::json::parse(R"({"pathway": "HEA-03", "region": "BA"})"));
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->options.years, 4);
  EXPECT_EQ(defaults->options.max_college_units, 15);
  for (auto [body, field] : {std::pair{R"({"region": "BA"})", "pathway"},
                             {R"({"pathway": "HEA-03", "region": ""})", "region"},
                             {R"({"pathway": "HEA-03", "region": "BA", "years": "four"})", "years"},
                             {R"({"pathway": "HEA-03", "region": "BA", "years": 4.5})", "years"},
                             {R"({"pathway": "HEA-03", "region": "BA", "years": 8})", "years"},
                             {R"({"pathway": "HEA-03", "region": "BA", "yaers": 4})", "yaers"},
                             {R"({"pathway": "HEA-03", "region": "BA", "max_units_per_term": 15})", "max_units_per_term"},
                             {R"({"pathway": "HEA-03", "region": "BA", "max_units_per_term": {"college": "15"}})",
                              "max_units_per_term.college"},
                             {R"({"pathway": "HEA-03", "region": "BA", "max_units_per_term": {"summer": 6}})",
                              "max_units_per_term.summer"}}) {
    auto parsed = ParsePlanRequest(nlohmann::json::parse(body));
    ASSERT_FALSE(parsed.ok()) << body;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(parsed.status().details()["field"], field) << body;
  }
  EXPECT_FALSE(ParsePlanRequest(nlohmann::json::array()).ok());
}

TEST(PlanTest, CsvHasOneRowPerItemAndQuotesWhatNeedsIt) {
  Course intro = Hs("HS1", 10);
  intro.title = "Intro, \"Care\"";
  Course de = Cc("CC1", 3.5, true);
  de.title = "=HYPERLINK(\"http://x\")";
  auto plan = BuildPlan(GridOf({StageOf(Stage::kIntroductory, {9, 10}, {intro})}, {de}), {.years = 4});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(PlanCsv(*plan),
            "term,level,kind,id,title,units,dual_enrollment,college_credit\n"
            "Grade 9,high_school,course,HS1,\"Intro, \"\"Care\"\"\",10,no,no\n"
            "Grade 10,high_school,,,,,,\n"
            "Grade 11,high_school,course,CC1,\"'=HYPERLINK(\"\"http://x\"\")\",3.5,yes,yes\n"
            "Grade 12,high_school,,,,,,\n");
}

TEST(PlanTest, JsonCarriesTermsAwardsAndOccupations) {
  Grid grid = StandardGrid();
  grid.content.occupations = {{.soc = "29-2061", .title = "Licensed Practical and Licensed Vocational Nurses",
                               .demand = 120.5, .wage_p25_hourly = 27.5}};
  auto plan = BuildPlan(grid, {.years = 6});
  ASSERT_TRUE(plan.ok());
  nlohmann::json j = PlanJson(*plan);
  EXPECT_EQ(j["plan"]["years"], 6);
  EXPECT_EQ(j["plan"]["pathway"]["code"], "HEA-03");
  EXPECT_EQ(j["plan"]["region"]["code"], "BA");
  EXPECT_EQ(j["plan"]["max_units_per_term"]["college"], 15);
  EXPECT_EQ(j["plan"]["terms"].size(), 8u);
  EXPECT_EQ(j["plan"]["terms"][2]["items"][1],
            (nlohmann::json{{"kind", "course"}, {"id", "D1"}, {"title", "College D1"}, {"units", 3},
                            {"dual_enrollment", true}, {"college_credit", true}}));
  EXPECT_EQ(j["plan"]["awards"][0]["term"], "Year 5 fall");
  EXPECT_EQ(j["plan"]["awards"][0]["award_level"], "certificate_short");
  EXPECT_EQ(j["plan"]["occupations"][0]["soc"], "29-2061");
  EXPECT_EQ(j["plan"]["occupations"][0]["demand"], 120.5);
  EXPECT_TRUE(j["plan"]["occupations"][0]["gap"].is_null());
  EXPECT_TRUE(j["warnings"].is_array());
}

}  // namespace
}  // namespace pl::pathways::test
