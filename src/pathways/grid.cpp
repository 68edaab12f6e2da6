// The grid model: JSON in and out, and the checks that need no database.
#include "pathways/grid.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "pathways/internal.hpp"

namespace pl::pathways {
namespace {

using internal::Trim;
using nlohmann::json;

json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// Labor figures as the labor engine's report shows them: 2 decimals, for
// display only (no "-0").
json Figure(const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  double r = std::round(*v * 100.0) / 100.0;
  return r == 0 ? 0.0 : r;
}

json CollegeJson(const College& c) { return {{"org_id", c.org_id}, {"name", c.name}}; }

json CourseJson(const Course& c, bool college) {
  json out = {{"id", c.id},
              {"title", c.title},
              {"units", c.units},
              {"prerequisites", c.prerequisites},
              {"articulated", c.articulated},
              {"dual_enrollment", c.dual_enrollment},
              {"generated", c.generated}};
  if (college) {
    out["college"] = c.college ? CollegeJson(*c.college) : json(nullptr);
    out["course"] = NullIfEmpty(c.course_number);
    out["top_code"] = NullIfEmpty(c.top_code);
  }
  return out;
}

json AwardJson(const Award& a) {
  json colleges = json::array();
  for (const auto& c : a.colleges) colleges.push_back(CollegeJson(c));
  return {{"code_system", a.code_system}, {"code", a.code},   {"title", a.title},   {"award_level", a.award_level},
          {"units", a.units},             {"colleges", colleges}, {"courses", a.courses}};
}

json HighSchoolJson(const std::vector<HighSchoolStage>& stages) {
  json out = json::array();
  for (const auto& s : stages) {
    json courses = json::array();
    for (const auto& c : s.courses) courses.push_back(CourseJson(c, false));
    out.push_back({{"stage", StageName(s.stage)}, {"grade_levels", s.grade_levels}, {"courses", courses}});
  }
  return out;
}

json CollegeCoursesJson(const std::vector<Course>& courses) {
  json out = json::array();
  for (const auto& c : courses) out.push_back(CourseJson(c, true));
  return out;
}

json AwardsJson(const std::vector<Award>& awards) {
  json out = json::array();
  for (const auto& a : awards) out.push_back(AwardJson(a));
  return out;
}

json TransferJson(const std::vector<TransferOption>& transfer) {
  json out = json::array();
  for (const auto& t : transfer) out.push_back({{"title", t.title}, {"institution", t.institution}, {"note", t.note}});
  return out;
}

json WblJson(const std::vector<WblStep>& steps) {
  json out = json::array();
  for (const auto& w : steps) out.push_back({{"stage", w.stage}, {"title", w.title}, {"grade_levels", w.grade_levels}});
  return out;
}

// Reading with a path for every problem, so an editor can find the field.
class Reader {
 public:
  std::vector<Problem> problems;

  void Add(std::string field, std::string message) { problems.push_back({std::move(field), std::move(message)}); }

  // The array at `key` (absent or null: empty).
  const json* Array(const json& object, const std::string& key, const std::string& path) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return nullptr;
    if (!it->is_array()) {
      Add(path, "must be an array");
      return nullptr;
    }
    if (it->size() > kMaxCourses) {
      Add(path, fmt::format("must hold at most {} items", kMaxCourses));
      return nullptr;
    }
    return &*it;
  }

  bool Object(const json& value, const std::string& path) {
    if (value.is_object()) return true;
    Add(path, "must be an object");
    return false;
  }

  // Members outside `known` are reported: a misspelt key must not vanish.
  void OnlyKnown(const json& object, const std::string& path, std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : object.items()) {
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        Add(path.empty() ? key : path + "." + key, "is not a member of this object (misspelt?)");
      }
    }
  }

  std::string Text(const json& object, const std::string& key, const std::string& path, bool required,
                   std::size_t max_length = kMaxTextLength) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      if (required) Add(Join(path, key), "is required");
      return "";
    }
    if (!it->is_string()) {
      Add(Join(path, key), "must be a string");
      return "";
    }
    std::string value = Trim(it->get<std::string>());
    if (required && value.empty()) Add(Join(path, key), "must not be empty");
    if (value.size() > max_length) Add(Join(path, key), fmt::format("must be at most {} characters", max_length));
    return value;
  }

  double Number(const json& object, const std::string& key, const std::string& path, bool required) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      if (required) Add(Join(path, key), "is required");
      return 0;
    }
    if (!it->is_number()) {
      Add(Join(path, key), "must be a number");
      return 0;
    }
    return it->get<double>();
  }

  bool Flag(const json& object, const std::string& key, const std::string& path) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return false;
    if (!it->is_boolean()) {
      Add(Join(path, key), "must be true or false");
      return false;
    }
    return it->get<bool>();
  }

  std::vector<std::string> Strings(const json& object, const std::string& key, const std::string& path) {
    std::vector<std::string> out;
    const json* list = Array(object, key, Join(path, key));
    if (!list) return out;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& v = (*list)[i];
      if (!v.is_string()) {
        Add(fmt::format("{}[{}]", Join(path, key), i), "must be a string");
        continue;
      }
      out.push_back(Trim(v.get<std::string>()));
    }
    return out;
  }

  std::vector<int> Grades(const json& object, const std::string& key, const std::string& path) {
    std::vector<int> out;
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      Add(Join(path, key), "is required");
      return out;
    }
    const json* list = Array(object, key, Join(path, key));
    if (!list) return out;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& v = (*list)[i];
      if (!v.is_number_integer()) {
        Add(fmt::format("{}[{}]", Join(path, key), i), "must be a whole number (a grade level)");
        continue;
      }
      out.push_back(v.get<int>());
    }
    return out;
  }

  std::optional<College> CollegeRef(const json& value, const std::string& path) {
    if (value.is_null()) return std::nullopt;
    if (value.is_string()) return College{Trim(value.get<std::string>()), ""};
    if (!value.is_object()) {
      Add(path, "must be an organization id, an object with org_id, or null");
      return std::nullopt;
    }
    // The name is read back from the directory: accepted but not kept.
    OnlyKnown(value, path, {"org_id", "name"});
    return College{Text(value, "org_id", path, true), ""};
  }

  Course ReadCourse(const json& c, const std::string& path, bool college) {
    Course course;
    if (!Object(c, path)) return course;
    if (college) {
      OnlyKnown(c, path, {"id", "title", "units", "prerequisites", "articulated", "dual_enrollment", "generated",
                          "college", "course", "top_code"});
    } else {
      OnlyKnown(c, path, {"id", "title", "units", "prerequisites", "articulated", "dual_enrollment", "generated"});
    }
    course.id = Text(c, "id", path, true, 100);
    course.title = Text(c, "title", path, true);
    course.units = Number(c, "units", path, true);
    course.prerequisites = Strings(c, "prerequisites", path);
    course.articulated = Flag(c, "articulated", path);
    course.dual_enrollment = Flag(c, "dual_enrollment", path);
    course.generated = Flag(c, "generated", path);
    if (college) {
      if (auto it = c.find("college"); it != c.end()) course.college = CollegeRef(*it, Join(path, "college"));
      course.course_number = Text(c, "course", path, false, 40);
      course.top_code = Text(c, "top_code", path, false, 20);
    }
    return course;
  }

 private:
  static std::string Join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }
};

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "1230.20": four digits, a dot, two digits.
bool IsTopCode(std::string_view s) { return s.size() == 7 && IsDigits(s.substr(0, 4)) && s[4] == '.' && IsDigits(s.substr(5)); }
// "51.3801": two digits, a dot, four digits (or the 2- and 4-digit families).
bool IsCipCode(std::string_view s) {
  if (s.size() == 2) return IsDigits(s);
  return s.size() >= 5 && s.size() <= 7 && s.size() != 6 && IsDigits(s.substr(0, 2)) && s[2] == '.' &&
         IsDigits(s.substr(3));
}
// "29-1141"
bool IsSocCode(std::string_view s) { return s.size() == 7 && IsDigits(s.substr(0, 2)) && s[2] == '-' && IsDigits(s.substr(3)); }

bool HasControlCharacters(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { auto u = static_cast<unsigned char>(c); return u < 0x20 || u == 0x7f; });
}

std::string Quoted(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

// Where each course sits, for messages about it.
struct CourseSite {
  const Course* course;
  std::string path;
  bool college;
};

std::vector<CourseSite> AllCourses(const GridContent& content) {
  std::vector<CourseSite> out;
  for (std::size_t s = 0; s < content.high_school.size(); ++s) {
    for (std::size_t i = 0; i < content.high_school[s].courses.size(); ++i) {
      out.push_back({&content.high_school[s].courses[i], fmt::format("high_school[{}].courses[{}]", s, i), false});
    }
  }
  for (std::size_t i = 0; i < content.college_courses.size(); ++i) {
    out.push_back({&content.college_courses[i], fmt::format("college_courses[{}]", i), true});
  }
  return out;
}

void CheckGrades(const std::vector<int>& grades, int lowest, int highest, const std::string& path,
                 std::vector<Problem>& problems) {
  if (grades.empty()) {
    problems.push_back({path, "must list at least one grade level"});
    return;
  }
  for (std::size_t i = 0; i < grades.size(); ++i) {
    if (grades[i] < lowest || grades[i] > highest) {
      problems.push_back({fmt::format("{}[{}]", path, i),
                          fmt::format("must be a grade level from {} to {}; got {}", lowest, highest, grades[i])});
    } else if (i > 0 && grades[i] <= grades[i - 1]) {
      problems.push_back({fmt::format("{}[{}]", path, i), "grade levels must be ascending without repeats"});
    }
  }
}

}  // namespace

std::string_view StageName(Stage stage) {
  switch (stage) {
    case Stage::kIntroductory: return "introductory";
    case Stage::kConcentrator: return "concentrator";
    case Stage::kCapstone: return "capstone";
  }
  return "introductory";
}

std::optional<Stage> ParseStage(std::string_view name) {
  for (Stage s : {Stage::kIntroductory, Stage::kConcentrator, Stage::kCapstone}) {
    if (StageName(s) == name) return s;
  }
  return std::nullopt;
}

const std::vector<std::string>& AwardLevels() {
  static const std::vector<std::string> kLevels{"noncredit_certificate", "certificate_short", "certificate_long",
                                                "associate",             "bachelor",          "graduate"};
  return kLevels;
}

const std::vector<std::string>& WblStages() {
  static const std::vector<std::string> kStages{"awareness", "exploration", "preparation", "training"};
  return kStages;
}

json ContentJson(const GridContent& content) {
  json occupations = json::array();
  for (const auto& o : content.occupations) occupations.push_back({{"soc", o.soc}});
  return {{"high_school", HighSchoolJson(content.high_school)},
          {"college_courses", CollegeCoursesJson(content.college_courses)},
          {"awards", AwardsJson(content.awards)},
          {"transfer", TransferJson(content.transfer)},
          {"work_based_learning", WblJson(content.work_based_learning)},
          {"occupations", occupations},
          {"notes", content.notes}};
}

json GridJson(const Grid& grid) {
  json occupations = json::array();
  for (const auto& o : grid.content.occupations) {
    occupations.push_back({{"soc", o.soc},
                           {"title", o.title},
                           {"entry_education", NullIfEmpty(o.entry_education)},
                           {"demand", Figure(o.demand)},
                           {"supply", Figure(o.supply)},
                           {"wage_p25_hourly", Figure(o.wage_p25_hourly)},
                           {"wage_median_hourly", Figure(o.wage_median_hourly)},
                           {"gap", Figure(o.gap)},
                           {"living_wage_hourly", Figure(o.living_wage_hourly)},
                           {"p25_vs_living_wage", o.p25_vs_living_wage},
                           {"median_vs_living_wage", o.median_vs_living_wage}});
  }
  return {{"pathway",
           {{"code", grid.pathway.code},
            {"name", grid.pathway.name},
            {"sector", {{"code", grid.pathway.sector_code}, {"name", grid.pathway.sector_name}}}}},
          {"region", {{"code", grid.region.code}, {"name", grid.region.name}, {"scheme", grid.region.scheme}}},
          {"status", grid.status},
          {"version", grid.version},
          {"updated_at", grid.updated_at ? json(*grid.updated_at) : json(nullptr)},
          {"updated_by", grid.updated_by ? json(*grid.updated_by) : json(nullptr)},
          {"high_school", HighSchoolJson(grid.content.high_school)},
          {"college_courses", CollegeCoursesJson(grid.content.college_courses)},
          {"awards", AwardsJson(grid.content.awards)},
          {"transfer", TransferJson(grid.content.transfer)},
          {"work_based_learning", WblJson(grid.content.work_based_learning)},
          {"occupations", occupations},
          {"notes", grid.content.notes}};
}

ParsedContent ParseContent(const json& body) {
  ParsedContent out;
  Reader r;
  if (!body.is_object()) {
    r.Add("", "the grid must be a JSON object");
    out.problems = std::move(r.problems);
    return out;
  }
  r.OnlyKnown(body, "",
              {"high_school", "college_courses", "awards", "transfer", "work_based_learning", "occupations", "notes",
               // read-only parts of a grid, sent back as they were read
               "pathway", "region", "status", "version", "updated_at", "updated_by", "base_version", "summary"});
  GridContent& content = out.content;

  if (const json* stages = r.Array(body, "high_school", "high_school")) {
    for (std::size_t s = 0; s < stages->size(); ++s) {
      const json& st = (*stages)[s];
      std::string path = fmt::format("high_school[{}]", s);
      if (!r.Object(st, path)) continue;
      r.OnlyKnown(st, path, {"stage", "grade_levels", "courses"});
      HighSchoolStage stage;
      std::string name = r.Text(st, "stage", path, true);
      if (auto parsed = ParseStage(name)) {
        stage.stage = *parsed;
      } else if (!name.empty()) {
        r.Add(path + ".stage", "must be introductory, concentrator or capstone; got " + name);
      }
      stage.grade_levels = r.Grades(st, "grade_levels", path);
      if (const json* courses = r.Array(st, "courses", path + ".courses")) {
        for (std::size_t i = 0; i < courses->size(); ++i) {
          stage.courses.push_back(r.ReadCourse((*courses)[i], fmt::format("{}.courses[{}]", path, i), false));
        }
      }
      content.high_school.push_back(std::move(stage));
    }
  }

  if (const json* courses = r.Array(body, "college_courses", "college_courses")) {
    for (std::size_t i = 0; i < courses->size(); ++i) {
      content.college_courses.push_back(r.ReadCourse((*courses)[i], fmt::format("college_courses[{}]", i), true));
    }
  }

  if (const json* awards = r.Array(body, "awards", "awards")) {
    for (std::size_t i = 0; i < awards->size(); ++i) {
      const json& a = (*awards)[i];
      std::string path = fmt::format("awards[{}]", i);
      if (!r.Object(a, path)) continue;
      r.OnlyKnown(a, path, {"code_system", "code", "title", "award_level", "units", "colleges", "courses"});
      Award award;
      std::string system = r.Text(a, "code_system", path, false);
      if (!system.empty()) award.code_system = system;
      award.code = r.Text(a, "code", path, true, 20);
      award.title = r.Text(a, "title", path, false);
      award.award_level = r.Text(a, "award_level", path, true);
      award.units = r.Number(a, "units", path, false);
      if (const json* colleges = r.Array(a, "colleges", path + ".colleges")) {
        for (std::size_t c = 0; c < colleges->size(); ++c) {
          if (auto college = r.CollegeRef((*colleges)[c], fmt::format("{}.colleges[{}]", path, c))) {
            award.colleges.push_back(*college);
          }
        }
      }
      award.courses = r.Strings(a, "courses", path);
      content.awards.push_back(std::move(award));
    }
  }

  if (const json* transfer = r.Array(body, "transfer", "transfer")) {
    for (std::size_t i = 0; i < transfer->size(); ++i) {
      const json& t = (*transfer)[i];
      std::string path = fmt::format("transfer[{}]", i);
      if (!r.Object(t, path)) continue;
      r.OnlyKnown(t, path, {"title", "institution", "note"});
      content.transfer.push_back(
          {r.Text(t, "title", path, true), r.Text(t, "institution", path, false), r.Text(t, "note", path, false, 1000)});
    }
  }

  if (const json* steps = r.Array(body, "work_based_learning", "work_based_learning")) {
    for (std::size_t i = 0; i < steps->size(); ++i) {
      const json& w = (*steps)[i];
      std::string path = fmt::format("work_based_learning[{}]", i);
      if (!r.Object(w, path)) continue;
      r.OnlyKnown(w, path, {"stage", "title", "grade_levels"});
      content.work_based_learning.push_back(
          {r.Text(w, "stage", path, true), r.Text(w, "title", path, true), r.Grades(w, "grade_levels", path)});
    }
  }

  if (const json* occupations = r.Array(body, "occupations", "occupations")) {
    for (std::size_t i = 0; i < occupations->size(); ++i) {
      const json& o = (*occupations)[i];
      std::string path = fmt::format("occupations[{}]", i);
      Occupation occupation;
      if (o.is_string()) {
        occupation.soc = Trim(o.get<std::string>());
      } else if (o.is_object()) {
        // A grid read back carries the figures filled in at read time: only the code is kept.
        occupation.soc = r.Text(o, "soc", path, true, 20);
      } else {
        r.Add(path, "must be a SOC code or an object with soc");
        continue;
      }
      content.occupations.push_back(std::move(occupation));
    }
  }

  content.notes = r.Strings(body, "notes", "");
  out.problems = std::move(r.problems);
  return out;
}

std::vector<std::string> FindPrerequisiteCycle(const GridContent& content) {
  std::map<std::string, const Course*> by_id;
  std::vector<const Course*> order;
  for (const auto& site : AllCourses(content)) {
    if (by_id.emplace(site.course->id, site.course).second) order.push_back(site.course);
  }
  return internal::FindCycle(order, by_id);
}

std::vector<Problem> CheckContent(const GridContent& content) {
  std::vector<Problem> problems;
  auto add = [&](std::string field, std::string message) { problems.push_back({std::move(field), std::move(message)}); };

  auto courses = AllCourses(content);
  if (courses.size() > kMaxCourses) add("", fmt::format("a grid may hold at most {} courses", kMaxCourses));
  std::map<std::string, std::string> where;  // id -> path of its first use
  for (const auto& site : courses) {
    const Course& c = *site.course;
    if (c.id.empty()) continue;  // reported when parsed
    if (HasControlCharacters(c.id)) add(site.path + ".id", "must not contain control characters");
    auto [it, fresh] = where.emplace(c.id, site.path);
    if (!fresh) add(site.path + ".id", fmt::format("course id {} is used twice (also at {})", c.id, it->second));
  }

  std::set<Stage> stages_seen;
  for (std::size_t s = 0; s < content.high_school.size(); ++s) {
    const auto& stage = content.high_school[s];
    std::string path = fmt::format("high_school[{}]", s);
    if (!stages_seen.insert(stage.stage).second) {
      add(path + ".stage", fmt::format("stage {} appears twice; list its courses together", StageName(stage.stage)));
    }
    CheckGrades(stage.grade_levels, 9, 12, path + ".grade_levels", problems);
  }

  for (const auto& site : courses) {
    const Course& c = *site.course;
    double max_units = site.college ? kMaxCollegeCourseUnits : kMaxHighSchoolCourseUnits;
    if (!std::isfinite(c.units) || c.units <= 0 || c.units > max_units) {
      add(site.path + ".units",
          fmt::format("course {}: units must be more than 0 and at most {} ({}); got {}", c.id, max_units,
                      site.college ? "semester units" : "high-school credits, 10 for a year-long course", c.units));
    }
    std::set<std::string> seen;
    for (std::size_t p = 0; p < c.prerequisites.size(); ++p) {
      const std::string& pre = c.prerequisites[p];
      std::string path = fmt::format("{}.prerequisites[{}]", site.path, p);
      if (pre == c.id) {
        add(path, fmt::format("course {} cannot be its own prerequisite", c.id));
      } else if (!where.contains(pre)) {
        add(path, fmt::format("course {}: prerequisite {} is not a course of this grid (unknown course id)", c.id, pre));
      } else if (!seen.insert(pre).second) {
        add(path, fmt::format("course {}: prerequisite {} is listed twice", c.id, pre));
      }
    }
    if (c.college && c.college->org_id.empty()) add(site.path + ".college.org_id", "must not be empty");
    if (!c.top_code.empty() && !IsTopCode(c.top_code)) {
      add(site.path + ".top_code", "must be a TOP code such as 1230.20; got " + c.top_code);
    }
  }

  auto cycle = FindPrerequisiteCycle(content);
  // A course that lists itself is reported above; its one-course "cycle" is not news.
  if (cycle.size() > 2) {
    std::string path;
    for (const auto& site : courses) {
      if (site.course->id == cycle.front()) path = site.path + ".prerequisites";
    }
    std::string chain;
    for (const auto& id : cycle) chain += (chain.empty() ? "" : " -> ") + id;
    add(path, "prerequisite cycle: " + chain + " (each course needs the next, so none can be taken first)");
  }

  for (std::size_t i = 0; i < content.awards.size(); ++i) {
    const Award& a = content.awards[i];
    std::string path = fmt::format("awards[{}]", i);
    if (a.code_system != "TOP" && a.code_system != "CIP") {
      add(path + ".code_system", "must be TOP or CIP; got " + a.code_system);
    } else if (!a.code.empty() && a.code_system == "TOP" && !IsTopCode(a.code)) {
      add(path + ".code", "must be a TOP code such as 1230.20; got " + a.code);
    } else if (!a.code.empty() && a.code_system == "CIP" && !IsCipCode(a.code)) {
      add(path + ".code", "must be a CIP 2020 code such as 51.3801; got " + a.code);
    }
    const auto& levels = AwardLevels();
    if (!a.award_level.empty() && std::find(levels.begin(), levels.end(), a.award_level) == levels.end()) {
      add(path + ".award_level", "must be one of " + Quoted(levels) + "; got " + a.award_level);
    }
    if (!std::isfinite(a.units) || a.units < 0 || a.units > 300) {
      add(path + ".units", fmt::format("must be from 0 to 300 semester units; got {}", a.units));
    }
    std::set<std::string> seen;
    for (std::size_t c = 0; c < a.courses.size(); ++c) {
      std::string cpath = fmt::format("{}.courses[{}]", path, c);
      if (!where.contains(a.courses[c])) {
        add(cpath, fmt::format("award {} requires {}, which is not a course of this grid (unknown course id)", a.code,
                               a.courses[c]));
      } else if (!seen.insert(a.courses[c]).second) {
        add(cpath, "course " + a.courses[c] + " is listed twice");
      }
    }
    for (std::size_t c = 0; c < a.colleges.size(); ++c) {
      if (a.colleges[c].org_id.empty()) add(fmt::format("{}.colleges[{}].org_id", path, c), "must not be empty");
    }
  }
  if (content.awards.size() > kMaxListItems) add("awards", fmt::format("must hold at most {} awards", kMaxListItems));

  for (std::size_t i = 0; i < content.work_based_learning.size(); ++i) {
    const WblStep& w = content.work_based_learning[i];
    std::string path = fmt::format("work_based_learning[{}]", i);
    const auto& stages = WblStages();
    if (!w.stage.empty() && std::find(stages.begin(), stages.end(), w.stage) == stages.end()) {
      add(path + ".stage", "must be one of " + Quoted(stages) + "; got " + w.stage);
    }
    // 13 and up: years after high school.
    CheckGrades(w.grade_levels, 9, 16, path + ".grade_levels", problems);
  }

  std::set<std::string> socs;
  for (std::size_t i = 0; i < content.occupations.size(); ++i) {
    const std::string& soc = content.occupations[i].soc;
    std::string path = fmt::format("occupations[{}]", i);
    if (!IsSocCode(soc)) {
      add(path, "must be a SOC 2018 code such as 29-1141; got " + soc);
    } else if (!socs.insert(soc).second) {
      add(path, "occupation " + soc + " is listed twice");
    }
  }
  for (std::size_t i = 0; i < content.notes.size(); ++i) {
    if (content.notes[i].empty()) add(fmt::format("notes[{}]", i), "must not be empty");
    if (content.notes[i].size() > 1000) add(fmt::format("notes[{}]", i), "must be at most 1000 characters");
  }
  for (auto [name, size] : {std::pair{"transfer", content.transfer.size()},
                            {"work_based_learning", content.work_based_learning.size()},
                            {"occupations", content.occupations.size()},
                            {"notes", content.notes.size()}}) {
    if (size > kMaxListItems) add(name, fmt::format("must hold at most {} items", kMaxListItems));
  }
  return problems;
}

Status ProblemsStatus(const std::vector<Problem>& problems) {
  if (problems.empty()) return Status();
  json errors = json::array();
  for (const auto& p : problems) errors.push_back({{"field", p.field}, {"message", p.message}});
  const Problem& first = problems.front();
  std::string message = first.field.empty() ? first.message : first.field + ": " + first.message;
  if (problems.size() > 1) message += fmt::format(" (and {} more problems)", problems.size() - 1);
  json details = {{"errors", errors}};
  if (!first.field.empty()) details["field"] = first.field;
  return InvalidArgument(message, details);
}

}  // namespace pl::pathways
