// Student plans: a grid laid out over 4, 6 or 10 years (grades 9-12, then
// college terms, two a year) so that every course comes after all of its
// prerequisites and no term carries more units than its cap. Dual-enrollment
// college courses may be taken from grade 11; work-based-learning steps sit
// in their first grade; an award is placed in the term its last required
// course is done.
//
// The layout is a list schedule: courses in topological order (ties broken
// by their place in the grid: introductory, concentrator and capstone
// courses first, then college courses as listed), each in the first
// eligible term after all its prerequisites that still has room. The same
// grid and options always give the same plan. Pure functions, no database.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.hpp"
#include "pathways/grid.hpp"

namespace pl::pathways {

// The first grade in which a plan places a dual-enrollment college course.
inline constexpr int kDualEnrollmentFirstGrade = 11;

struct PlanOptions {
  int years = 4;                        // 4, 6 or 10, counted from start_grade
  int start_grade = 9;                  // 9..12
  double max_high_school_units = 60;    // high-school credits per high-school year (six year-long courses)
  double max_college_units = 15;        // semester units per college term, and per high-school year of dual enrollment
};

// POST /api/v1/plans: {"pathway", "region", "years", "start_grade",
// "max_units_per_term": {"high_school", "college"}}.
struct PlanRequest {
  std::string pathway;
  std::string region;
  PlanOptions options;
};
// InvalidArgument naming the field for a missing or bad member, and for a
// member the request does not know.
Result<PlanRequest> ParsePlanRequest(const nlohmann::json& body);

struct PlanItem {
  std::string kind;  // course, wbl, award
  std::string id;
  std::string title;
  double units = 0;
  bool dual_enrollment = false;  // a college course taken while in high school
  bool college_credit = false;   // earns college units (college courses, articulated high-school courses)
};

struct PlanTerm {
  std::string label;   // "Grade 9", "Year 5 fall"
  std::string level;   // high_school, college
  std::string season;  // year (high school), fall, spring
  int grade = 9;       // 9..12; college terms 13 and up (13 = the first year after high school)
  std::vector<PlanItem> items;
  double units = 0;          // high-school credits in high-school terms, college units in college terms
  double college_units = 0;  // college units earned in the term (dual enrollment in high school)
};

struct PlacedAward {
  Award award;
  std::string term;  // the label of the term it is earned in
};

struct Plan {
  PathwayRef pathway;
  RegionRef region;
  PlanOptions options;
  std::vector<PlanTerm> terms;
  std::vector<PlacedAward> awards;
  std::vector<Occupation> occupations;
  // What the plan leaves out and why (college courses after a 4-year plan,
  // an award whose courses do not all fit, a course later than the grid's
  // grades), in plain language.
  std::vector<std::string> warnings;
};

// Lays out `grid`. InvalidArgument, with details {"course": id, "reason"},
// when no plan exists: a prerequisite cycle ("prerequisite_cycle"), a
// prerequisite missing from the grid ("unknown_prerequisite"), a course with
// more units than its term's cap ("units_over_cap"), or a course that finds
// no term with room after its prerequisites ("not_enough_terms"). Bad
// options give InvalidArgument with details {"field"}. College courses that
// cannot be taken in high school are left out of a plan without college
// terms, with a warning, rather than refused.
Result<Plan> BuildPlan(const Grid& grid, const PlanOptions& options);

// {"plan": {...}, "warnings": [...]} (docs/openapi.yaml, PlanResult).
nlohmann::json PlanJson(const Plan& plan);

// One row per item ("term,level,kind,id,title,units,dual_enrollment,
// college_credit"); a term with nothing in it is one row with its label.
std::string PlanCsv(const Plan& plan);

}  // namespace pl::pathways
