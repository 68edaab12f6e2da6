// Properties of student plans over random acyclic course graphs: every plan
// respects prerequisites, unit caps and where each kind of course may go,
// places every course exactly once, and a refusal is only ever "not enough
// terms" naming a course of the grid. The checks are written from the rules
// in plan.hpp, not from the scheduler's code.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "pathways/grid_builder.hpp"
#include "pathways/plan.hpp"

namespace pl::pathways::test {
namespace {

struct Case {
  Grid grid;
  PlanOptions options;
};

// n courses in a random order; each may need any of the courses before it
// (so the graph is acyclic), high-school courses sit in a random stage with
// random grades, college courses may be open to dual enrollment. Units never
// exceed the caps (a course over the cap is a different, tested refusal).
rc::Gen<Case> RandomCase(bool college_only) {
  return rc::gen::exec([college_only] {
    Case c;
    // Mostly long plans from grade 9, so that most cases are laid out
    // rather than refused; the others find the refusals.
    c.options.years = *rc::gen::weightedElement<int>({{1, 4}, {1, 6}, {3, 10}});
    c.options.start_grade = *rc::gen::weightedElement<int>({{6, 9}, {1, 10}, {1, 11}, {1, 12}});
    c.options.max_high_school_units = *rc::gen::element(20.0, 40.0, 60.0);
    c.options.max_college_units = *rc::gen::element(6.0, 12.0, 15.0);
    int n = *rc::gen::inRange(1, 26);
    std::vector<HighSchoolStage> stages = {StageOf(Stage::kIntroductory, {9, 10}, {}),
                                           StageOf(Stage::kConcentrator, {10, 11}, {}),
                                           StageOf(Stage::kCapstone, {11, 12}, {})};
    for (auto& s : stages) {
      int first = *rc::gen::inRange(9, 13);
      int last = *rc::gen::inRange(first, 13);
      s.grade_levels.clear();
      for (int g = first; g <= last; ++g) s.grade_levels.push_back(g);
    }
    std::vector<Course> college;
    std::vector<std::string> ids, high_school_ids;
    for (int i = 0; i < n; ++i) {
      std::string id = "c" + std::to_string(i);
      // Four high-school years hold few courses: most of a long grid is
      // college. As in real grids, high-school courses need only
      // high-school courses; college courses may need either.
      bool is_college = college_only || *rc::gen::inRange(0, 3) > 0;
      std::vector<std::string> prerequisites;
      for (const auto& earlier : is_college ? ids : high_school_ids) {
        if (*rc::gen::inRange(0, 6) == 0) prerequisites.push_back(earlier);
      }
      if (!is_college) high_school_ids.push_back(id);
      if (is_college) {
        double units = *rc::gen::inRange(1, static_cast<int>(c.options.max_college_units) + 1);
        bool de = !college_only && *rc::gen::arbitrary<bool>();
        college.push_back(Cc(id, units, de, prerequisites));
      } else {
        double units = *rc::gen::weightedElement<double>({{4, 10.0}, {1, 5.0}, {1, 20.0}});
        stages[*rc::gen::inRange(0, 3)].courses.push_back(Hs(id, units, prerequisites));
      }
      ids.push_back(id);
    }
    c.grid = GridOf(stages, college);
    return c;
  });
}

struct Where {
  bool college = false;
  bool dual_enrollment = false;
  int earliest_grade = 9;
  double units = 0;
  std::vector<std::string> prerequisites;
};

std::map<std::string, Where> Courses(const Grid& grid) {
  std::map<std::string, Where> out;
  for (const auto& s : grid.content.high_school) {
    for (const auto& c : s.courses) out[c.id] = {false, false, s.grade_levels.front(), c.units, c.prerequisites};
  }
  for (const auto& c : grid.content.college_courses) out[c.id] = {true, c.dual_enrollment, 9, c.units, c.prerequisites};
  return out;
}

void CheckPlan(const Case& c, const Plan& plan) {
  auto courses = Courses(c.grid);
  std::map<std::string, std::size_t> term_of;
  bool has_college_terms = false;
  for (std::size_t t = 0; t < plan.terms.size(); ++t) {
    const PlanTerm& term = plan.terms[t];
    bool high_school = term.level == "high_school";
    has_college_terms = has_college_terms || !high_school;
    double high_school_units = 0, college_units = 0;
    for (const auto& item : term.items) {
      if (item.kind != "course") continue;
      RC_ASSERT(courses.contains(item.id));
      RC_ASSERT(term_of.emplace(item.id, t).second);  // placed once
      const Where& w = courses[item.id];
      if (!w.college) {
        RC_ASSERT(high_school);
        RC_ASSERT(term.grade >= w.earliest_grade);
        high_school_units += w.units;
      } else {
        if (high_school) {
          RC_ASSERT(w.dual_enrollment);
          RC_ASSERT(term.grade >= kDualEnrollmentFirstGrade);
        }
        RC_ASSERT(item.dual_enrollment == high_school);
        RC_ASSERT(item.college_credit);
        college_units += w.units;
      }
    }
    RC_ASSERT(high_school_units <= c.options.max_high_school_units);
    RC_ASSERT(college_units <= c.options.max_college_units);
    RC_ASSERT(term.college_units == college_units);
  }
  for (const auto& [id, w] : courses) {
    auto placed = term_of.find(id);
    if (placed == term_of.end()) {
      // Only college courses, and only when the plan has no college terms.
      RC_ASSERT(w.college);
      RC_ASSERT(!has_college_terms);
      continue;
    }
    for (const auto& pre : w.prerequisites) {
      auto before = term_of.find(pre);
      RC_ASSERT(before != term_of.end());
      RC_ASSERT(before->second < placed->second);
    }
  }
}

RC_GTEST_PROP(PlanProperty, PlansRespectPrerequisitesAndUnitCaps, ()) {
  Case c = *RandomCase(false);
  auto plan = BuildPlan(c.grid, c.options);
  if (!plan.ok()) {
    RC_ASSERT(plan.status().code() == StatusCode::kInvalidArgument);
    RC_ASSERT(plan.status().details()["reason"] == "not_enough_terms");
    RC_ASSERT(Courses(c.grid).contains(plan.status().details()["course"].get<std::string>()));
    bool college = Courses(c.grid)[plan.status().details()["course"].get<std::string>()].college;
    RC_TAG("refused", college ? "college course" : "high-school course", c.options.years);
    return;
  }
  CheckPlan(c, *plan);
  RC_TAG(c.options.years == 4 ? "4 years" : "6 or 10 years");
  RC_ASSERT(PlanJson(*plan) == PlanJson(*BuildPlan(c.grid, c.options)));
}

// College courses, no more than the plan's college terms: taking one a term
// in topological order always works, so the planner must not refuse.
RC_GTEST_PROP(PlanProperty, NeverRefusesAPlanThatOneCourseATermWouldFit, ()) {
  Case c = *RandomCase(true);
  int college_terms = 2 * (c.options.years - (12 - c.options.start_grade + 1));
  RC_PRE(static_cast<int>(c.grid.content.college_courses.size()) <= college_terms);
  RC_CLASSIFY(c.grid.content.college_courses.size() > 6, "more than 6 courses");
  auto plan = BuildPlan(c.grid, c.options);
  RC_ASSERT(plan.ok());
  CheckPlan(c, *plan);
}

}  // namespace
}  // namespace pl::pathways::test
