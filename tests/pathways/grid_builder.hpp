// Small grids written by hand for the plan and grid tests.
#pragma once

#include <string>
#include <vector>

#include "pathways/grid.hpp"
#include "pathways/plan.hpp"

namespace pl::pathways::test {

inline Course Hs(std::string id, double units, std::vector<std::string> prerequisites = {}) {
  return {.id = id, .title = "Course " + id, .units = units, .prerequisites = std::move(prerequisites)};
}

inline Course Cc(std::string id, double units, bool dual_enrollment, std::vector<std::string> prerequisites = {}) {
  return {.id = id, .title = "College " + id, .units = units, .prerequisites = std::move(prerequisites),
          .dual_enrollment = dual_enrollment};
}

inline HighSchoolStage StageOf(Stage stage, std::vector<int> grades, std::vector<Course> courses) {
  return {stage, std::move(grades), std::move(courses)};
}

inline Grid GridOf(std::vector<HighSchoolStage> high_school, std::vector<Course> college = {}) {
  Grid grid;
  grid.pathway = {"HEA-03", "Patient Care", "HEA", "Health Science and Medical Technology"};
  grid.region = {"ccc", "BA", "Bay Area", {"06001"}};
  grid.content.high_school = std::move(high_school);
  grid.content.college_courses = std::move(college);
  return grid;
}

// "Grade 9: a b | Grade 10: c | ..." — every term, with its item ids in order.
inline std::string Layout(const Plan& plan) {
  std::string out;
  for (const auto& t : plan.terms) {
    if (!out.empty()) out += " | ";
    out += t.label + ":";
    for (const auto& item : t.items) out += " " + item.id;
  }
  return out;
}

}  // namespace pl::pathways::test
