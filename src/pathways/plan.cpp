// Student plans: the list schedule described in plan.hpp, and its JSON and
// CSV forms.
#include "pathways/plan.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <queue>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/csv_field.hpp"
#include "pathways/internal.hpp"

namespace pl::pathways {
namespace {

using nlohmann::json;

// A course to place, with what the grid says about where it may go.
struct Node {
  const Course* course = nullptr;
  bool college = false;
  int earliest_grade = 9;  // high-school courses: the first grade of their stage
  int latest_grade = 12;   // high-school courses: the last grade of their stage (for a warning only)
  std::size_t priority = 0;
};

std::string Describe(const Course& c) { return c.title.empty() ? c.id : fmt::format("{} ({})", c.id, c.title); }

Status Refuse(std::string message, const std::string& course, const char* reason) {
  return InvalidArgument(std::move(message), {{"course", course}, {"reason", reason}});
}

Status BadOption(std::string message, const char* field) {
  return InvalidArgument(std::move(message), {{"field", field}});
}

Status CheckOptions(const PlanOptions& o) {
  if (o.years != 4 && o.years != 6 && o.years != 10) {
    return BadOption(fmt::format("years must be 4, 6 or 10; got {}", o.years), "years");
  }
  if (o.start_grade < 9 || o.start_grade > 12) {
    return BadOption(fmt::format("start_grade must be from 9 to 12; got {}", o.start_grade), "start_grade");
  }
  if (!std::isfinite(o.max_high_school_units) || o.max_high_school_units <= 0 || o.max_high_school_units > 120) {
    return BadOption("max_units_per_term.high_school must be more than 0 and at most 120", "max_units_per_term.high_school");
  }
  if (!std::isfinite(o.max_college_units) || o.max_college_units <= 0 || o.max_college_units > 30) {
    return BadOption("max_units_per_term.college must be more than 0 and at most 30", "max_units_per_term.college");
  }
  return Status();
}

std::vector<PlanTerm> LayOutTerms(const PlanOptions& o) {
  std::vector<PlanTerm> terms;
  for (int g = o.start_grade; g <= 12; ++g) {
    terms.push_back({.label = fmt::format("Grade {}", g), .level = "high_school", .season = "year", .grade = g});
  }
  int college_years = o.years - (12 - o.start_grade + 1);
  for (int y = 1; y <= college_years; ++y) {
    int grade = 12 + y;
    // Years are counted from grade 9, whatever grade the plan starts in.
    for (const char* season : {"fall", "spring"}) {
      terms.push_back({.label = fmt::format("Year {} {}", grade - 8, season), .level = "college", .season = season, .grade = grade});
    }
  }
  return terms;
}

// Courses in the order the schedule considers them: high-school stages in
// stage order (the grid's order within a stage), then college courses.
std::vector<Node> CollectNodes(const GridContent& content) {
  std::vector<const HighSchoolStage*> stages;
  for (const auto& s : content.high_school) stages.push_back(&s);
  std::stable_sort(stages.begin(), stages.end(), [](const auto* a, const auto* b) { return a->stage < b->stage; });
  std::vector<Node> nodes;
  for (const auto* stage : stages) {
    int first = stage->grade_levels.empty() ? 9 : stage->grade_levels.front();
    int last = stage->grade_levels.empty() ? 12 : stage->grade_levels.back();
    for (const auto& c : stage->courses) {
      nodes.push_back({.course = &c, .college = false, .earliest_grade = first, .latest_grade = last, .priority = nodes.size()});
    }
  }
  for (const auto& c : content.college_courses) {
    nodes.push_back({.course = &c, .college = true, .earliest_grade = 9, .latest_grade = 16, .priority = nodes.size()});
  }
  return nodes;
}

// Kahn's algorithm, taking the waiting course with the smallest priority
// first. Assumes no cycle and known prerequisites (checked before).
std::vector<std::size_t> TopologicalOrder(const std::vector<Node>& nodes, const std::map<std::string, std::size_t>& index) {
  std::vector<int> waiting(nodes.size(), 0);
  std::vector<std::vector<std::size_t>> unlocks(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    for (const auto& pre : nodes[i].course->prerequisites) {
      unlocks[index.at(pre)].push_back(i);
      ++waiting[i];
    }
  }
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (waiting[i] == 0) ready.push(i);
  }
  std::vector<std::size_t> order;
  while (!ready.empty()) {
    std::size_t i = ready.top();
    ready.pop();
    order.push_back(i);
    for (std::size_t next : unlocks[i]) {
      if (--waiting[next] == 0) ready.push(next);
    }
  }
  return order;
}

std::string JoinIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

std::string AwardId(const Award& a) { return fmt::format("{}:{}:{}", a.code_system, a.code, a.award_level); }

std::string AwardTitle(const Award& a) { return a.title.empty() ? fmt::format("{} {}", a.code_system, a.code) : a.title; }

std::string WblStageLabel(const std::string& stage) {
  if (stage == "awareness") return "Career awareness";
  if (stage == "exploration") return "Career exploration";
  if (stage == "preparation") return "Career preparation";
  if (stage == "training") return "Career training";
  return stage;
}

json ItemJson(const PlanItem& item) {
  return {{"kind", item.kind},   {"id", item.id},
          {"title", item.title}, {"units", item.units},
          {"dual_enrollment", item.dual_enrollment}, {"college_credit", item.college_credit}};
}

std::string Units(double units) { return fmt::format("{}", units); }

// Text a spreadsheet would run as a formula (=, +, -, @, or a leading tab or
// CR) is written with an apostrophe in front: titles come from editors and
// the file goes to families' spreadsheets (OWASP "CSV injection").
std::string SpreadsheetSafe(const std::string& text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) return "'" + text;
  return text;
}

}  // namespace

Result<PlanRequest> ParsePlanRequest(const json& body) {
  if (!body.is_object()) return InvalidArgument("the request body must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    if (key != "pathway" && key != "region" && key != "years" && key != "start_grade" && key != "max_units_per_term") {
      return InvalidArgument(key + " is not a member of a plan request (misspelt?)", {{"field", key}});
    }
  }
  PlanRequest request;
  for (auto [name, target] : {std::pair{"pathway", &request.pathway}, {"region", &request.region}}) {
    auto it = body.find(name);
    if (it == body.end() || !it->is_string() || internal::Trim(it->get<std::string>()).empty()) {
      return InvalidArgument(std::string(name) + " is required (a string)", {{"field", name}});
    }
    *target = internal::Trim(it->get<std::string>());
  }
  for (auto [name, target] : {std::pair{"years", &request.options.years}, {"start_grade", &request.options.start_grade}}) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) continue;
    if (!it->is_number_integer()) return BadOption(std::string(name) + " must be a whole number", name);
    *target = it->get<int>();
  }
  if (auto caps = body.find("max_units_per_term"); caps != body.end() && !caps->is_null()) {
    if (!caps->is_object()) return BadOption("max_units_per_term must be an object", "max_units_per_term");
    for (const auto& [key, value] : caps->items()) {
      double* target = key == "high_school" ? &request.options.max_high_school_units
                       : key == "college"   ? &request.options.max_college_units
                                            : nullptr;
      std::string field = "max_units_per_term." + key;
      if (!target) return InvalidArgument(field + " is not a member (high_school or college)", {{"field", field}});
      if (value.is_null()) continue;
      if (!value.is_number()) return InvalidArgument(field + " must be a number", {{"field", field}});
      *target = value.get<double>();
    }
  }
  PL_RETURN_IF_ERROR(CheckOptions(request.options));
  return request;
}

Result<Plan> BuildPlan(const Grid& grid, const PlanOptions& options) {
  PL_RETURN_IF_ERROR(CheckOptions(options));
  Plan plan{.pathway = grid.pathway, .region = grid.region, .options = options, .terms = LayOutTerms(options)};
  plan.occupations = grid.content.occupations;

  std::vector<Node> nodes = CollectNodes(grid.content);
  std::map<std::string, std::size_t> index;
  std::map<std::string, const Course*> by_id;
  std::vector<const Course*> courses;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Course& c = *nodes[i].course;
    if (!index.emplace(c.id, i).second) return Refuse("course id " + c.id + " is used twice in the grid", c.id, "duplicate_course");
    by_id[c.id] = &c;
    courses.push_back(&c);
  }
  for (const auto& node : nodes) {
    const Course& c = *node.course;
    for (const auto& pre : c.prerequisites) {
      if (!index.contains(pre)) {
        return Refuse(fmt::format("course {}: prerequisite {} is not in this grid", Describe(c), pre), c.id,
                      "unknown_prerequisite");
      }
    }
    double cap = node.college ? options.max_college_units : options.max_high_school_units;
    if (!(c.units > 0) || c.units > cap) {
      return Refuse(fmt::format("course {} has {} units, more than the cap of {} per {}", Describe(c), Units(c.units),
                                Units(cap), node.college ? "term" : "high-school year"),
                    c.id, "units_over_cap");
    }
  }
  if (auto cycle = internal::FindCycle(courses, by_id); !cycle.empty()) {
    return Refuse(fmt::format("prerequisite cycle: {} (each course needs the next, so none can be taken first)",
                              fmt::join(cycle, " -> ")),
                  cycle.front(), "prerequisite_cycle");
  }

  const std::size_t no_term = static_cast<std::size_t>(-1);
  std::vector<std::size_t> term_of(nodes.size(), no_term);
  std::vector<double> high_school_load(plan.terms.size(), 0), college_load(plan.terms.size(), 0);
  bool has_college_terms = std::any_of(plan.terms.begin(), plan.terms.end(), [](const PlanTerm& t) { return t.level == "college"; });
  std::vector<std::string> after_high_school;

  for (std::size_t i : TopologicalOrder(nodes, index)) {
    const Node& node = nodes[i];
    const Course& c = *node.course;
    std::size_t first = 0;
    bool blocked = false;
    for (const auto& pre : c.prerequisites) {
      std::size_t t = term_of[index.at(pre)];
      if (t == no_term) blocked = true;
      else first = std::max(first, t + 1);
    }
    std::size_t chosen = no_term;
    for (std::size_t t = first; !blocked && t < plan.terms.size(); ++t) {
      const PlanTerm& term = plan.terms[t];
      bool high_school_term = term.level == "high_school";
      if (!node.college) {
        if (!high_school_term || term.grade < node.earliest_grade) continue;
        if (high_school_load[t] + c.units > options.max_high_school_units) continue;
      } else {
        if (high_school_term && (!c.dual_enrollment || term.grade < kDualEnrollmentFirstGrade)) continue;
        if (college_load[t] + c.units > options.max_college_units) continue;
      }
      chosen = t;
      break;
    }
    if (chosen == no_term) {
      // A plan that ends with high school leaves college courses for later;
      // anywhere else, a course without a term means the plan is too short.
      if (node.college && !has_college_terms) {
        after_high_school.push_back(c.id);
        continue;
      }
      std::string last = plan.terms.back().label;
      if (!node.college) {
        for (const auto& t : plan.terms) {
          if (t.level == "high_school") last = t.label;
        }
      }
      return Refuse(fmt::format("not enough terms: course {} does not fit by {} after its prerequisites within the "
                                "unit cap; choose a longer plan or a higher cap",
                                Describe(c), last),
                    c.id, "not_enough_terms");
    }
    term_of[i] = chosen;
    PlanTerm& term = plan.terms[chosen];
    bool in_high_school = term.level == "high_school";
    (node.college ? college_load : high_school_load)[chosen] += c.units;
    term.items.push_back({.kind = "course",
                          .id = c.id,
                          .title = c.title,
                          .units = c.units,
                          .dual_enrollment = node.college && in_high_school,
                          .college_credit = node.college || c.articulated});
    if (!node.college && term.grade > node.latest_grade) {
      plan.warnings.push_back(fmt::format("{} is planned in grade {}, later than the grid's grades for it (up to grade {})",
                                          Describe(c), term.grade, node.latest_grade));
    }
  }
  if (!after_high_school.empty()) {
    plan.warnings.push_back(fmt::format("{} college course{} taken after high school {} not in a plan that ends with "
                                        "grade 12: {}",
                                        after_high_school.size(), after_high_school.size() == 1 ? "" : "s",
                                        after_high_school.size() == 1 ? "is" : "are", JoinIds(after_high_school)));
  }

  for (std::size_t w = 0; w < grid.content.work_based_learning.size(); ++w) {
    const WblStep& step = grid.content.work_based_learning[w];
    auto grade = std::find_if(step.grade_levels.begin(), step.grade_levels.end(),
                              [&](int g) { return g >= options.start_grade; });
    std::string title = fmt::format("{}: {}", WblStageLabel(step.stage), step.title);
    if (grade == step.grade_levels.end()) {
      plan.warnings.push_back(fmt::format("work-based learning \"{}\" comes before grade {}, where this plan starts",
                                          step.title, options.start_grade));
      continue;
    }
    auto term = std::find_if(plan.terms.begin(), plan.terms.end(), [&](const PlanTerm& t) { return t.grade == *grade; });
    if (term == plan.terms.end()) {
      plan.warnings.push_back(fmt::format("work-based learning \"{}\" comes after this plan's last term", step.title));
      continue;
    }
    term->items.push_back({.kind = "wbl", .id = fmt::format("wbl-{}", w + 1), .title = title});
  }

  for (const Award& award : grid.content.awards) {
    if (award.courses.empty()) {
      plan.warnings.push_back(fmt::format("{} lists no required courses, so the plan cannot tell when it is earned",
                                          AwardTitle(award)));
      continue;
    }
    std::size_t last = 0;
    std::vector<std::string> missing;
    for (const auto& id : award.courses) {
      auto it = index.find(id);
      std::size_t t = it == index.end() ? no_term : term_of[it->second];
      if (t == no_term) missing.push_back(id);
      else last = std::max(last, t);
    }
    if (!missing.empty()) {
      plan.warnings.push_back(fmt::format("{} needs courses outside this plan ({}): choose a longer plan to earn it",
                                          AwardTitle(award), JoinIds(missing)));
      continue;
    }
    plan.terms[last].items.push_back(
        {.kind = "award", .id = AwardId(award), .title = AwardTitle(award), .units = award.units});
    plan.awards.push_back({award, plan.terms[last].label});
  }

  for (std::size_t t = 0; t < plan.terms.size(); ++t) {
    PlanTerm& term = plan.terms[t];
    term.college_units = college_load[t];
    term.units = term.level == "high_school" ? high_school_load[t] : college_load[t];
  }
  return plan;
}

json PlanJson(const Plan& plan) {
  json terms = json::array();
  for (const auto& t : plan.terms) {
    json items = json::array();
    for (const auto& item : t.items) items.push_back(ItemJson(item));
    terms.push_back({{"label", t.label},
                     {"level", t.level},
                     {"season", t.season},
                     {"items", items},
                     {"units", t.units},
                     {"college_units", t.college_units}});
  }
  json awards = json::array();
  for (const auto& placed : plan.awards) {
    const Award& a = placed.award;
    json colleges = json::array();
    for (const auto& c : a.colleges) colleges.push_back({{"org_id", c.org_id}, {"name", c.name}});
    awards.push_back({{"code_system", a.code_system},
                      {"code", a.code},
                      {"title", AwardTitle(a)},
                      {"award_level", a.award_level},
                      {"units", a.units},
                      {"colleges", colleges},
                      {"courses", a.courses},
                      {"term", placed.term}});
  }
  // The occupations as the grid shows them.
  Grid occupations_only;
  occupations_only.content.occupations = plan.occupations;
  json occupations = GridJson(occupations_only)["occupations"];
  return {{"plan",
           {{"pathway", {{"code", plan.pathway.code}, {"name", plan.pathway.name}}},
            {"region", {{"code", plan.region.code}, {"name", plan.region.name}}},
            {"years", plan.options.years},
            {"start_grade", plan.options.start_grade},
            {"max_units_per_term",
             {{"high_school", plan.options.max_high_school_units}, {"college", plan.options.max_college_units}}},
            {"terms", terms},
            {"awards", awards},
            {"occupations", occupations}}},
          {"warnings", plan.warnings}};
}

std::string PlanCsv(const Plan& plan) {
  std::string out = "term,level,kind,id,title,units,dual_enrollment,college_credit\n";
  auto row = [&out](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) out += ',';
      AppendCsvField(out, fields[i]);
    }
    out += '\n';
  };
  for (const auto& t : plan.terms) {
    if (t.items.empty()) row({t.label, t.level, "", "", "", "", "", ""});
    for (const auto& item : t.items) {
      row({t.label, t.level, item.kind, SpreadsheetSafe(item.id), SpreadsheetSafe(item.title), Units(item.units), item.dual_enrollment ? "yes" : "no",
           item.college_credit ? "yes" : "no"});
    }
  }
  return out;
}

}  // namespace pl::pathways
