// Generated drafts: a grid for a pathway nobody has written yet, built from
// the program mapping, the crosswalk, the course catalog and the region's
// reported awards. Whatever is invented is marked and explained.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "pathways/internal.hpp"
#include "pathways/pathways.hpp"

namespace pl::pathways {
namespace {

using internal::InList;
using internal::TextOf;
using nlohmann::json;
using store::Param;

constexpr std::size_t kDraftOccupations = 15;       // a grid shows the leading careers, not the whole crosswalk
constexpr std::size_t kGeneratedCollegeTops = 3;     // program areas that get placeholder college courses
constexpr std::size_t kCatalogCollegeCourses = 60;  // courses taken from the catalog before prerequisites
constexpr std::size_t kTransferOptions = 5;

// The pathway's program codes, widened through the crosswalk, and the
// occupations they lead to.
struct Programs {
  std::vector<std::string> tops;  // sorted
  std::vector<std::string> cips;  // sorted
  std::vector<std::string> socs;  // sorted
};

std::vector<std::string> Sorted(const std::set<std::string>& s) { return {s.begin(), s.end()}; }

std::string Join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

Result<Programs> PathwayPrograms(store::Database& db, const std::string& pathway) {
  PL_ASSIGN_OR_RETURN(auto mapped, store::QueryJson(db,
                                                    "SELECT code_system, program_code FROM pathway_program "
                                                    "WHERE pathway_code = :p0 ORDER BY code_system, program_code",
                                                    {Param::Text(pathway)}));
  std::set<std::string> direct_tops, direct_cips;
  for (const auto& r : mapped) (r["code_system"] == "TOP" ? direct_tops : direct_cips).insert(r["program_code"].get<std::string>());
  Programs out;
  if (direct_tops.empty() && direct_cips.empty()) return out;

  std::vector<Param> params;
  std::vector<std::string> conditions;
  if (!direct_tops.empty()) conditions.push_back("top_code IN " + InList(Sorted(direct_tops), params));
  if (!direct_cips.empty()) conditions.push_back("cip_code IN " + InList(Sorted(direct_cips), params));
  std::string where = conditions.size() == 2 ? conditions[0] + " OR " + conditions[1] : conditions[0];
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db, "SELECT top_code, cip_code, soc_code FROM top_cip_soc WHERE " + where, params));

  std::set<std::string> tops = direct_tops, cips = direct_cips;
  // Links keyed by the mapped code, so that an edit of that code's
  // occupations (program_occupation_edit) applies as src/labor applies it.
  std::set<std::tuple<std::string, std::string, std::string>> links;
  for (const auto& r : rows) {
    std::string top = r["top_code"], cip = r["cip_code"], soc = r["soc_code"];
    if (direct_tops.contains(top)) {
      cips.insert(cip);
      links.emplace("TOP", top, soc);
    }
    if (direct_cips.contains(cip)) {
      tops.insert(top);
      links.emplace("CIP", cip, soc);
    }
  }
  std::vector<Param> edit_params;
  std::vector<std::string> edit_conditions;
  if (!direct_tops.empty()) edit_conditions.push_back("(code_system = 'TOP' AND program_code IN " + InList(Sorted(direct_tops), edit_params) + ")");
  if (!direct_cips.empty()) edit_conditions.push_back("(code_system = 'CIP' AND program_code IN " + InList(Sorted(direct_cips), edit_params) + ")");
  std::string edit_where = edit_conditions.size() == 2 ? edit_conditions[0] + " OR " + edit_conditions[1] : edit_conditions[0];
  PL_ASSIGN_OR_RETURN(auto edits, store::QueryJson(db,
                                                   "SELECT code_system, program_code, soc_code, action "
                                                   "FROM program_occupation_edit WHERE " + edit_where,
                                                   edit_params));
  for (const auto& e : edits) {
    auto link = std::make_tuple(e["code_system"].get<std::string>(), e["program_code"].get<std::string>(),
                                e["soc_code"].get<std::string>());
    if (e["action"] == "add") links.insert(link);
    else links.erase(link);
  }
  std::set<std::string> socs;
  for (const auto& [system, code, soc] : links) socs.insert(soc);
  out.tops = Sorted(tops);
  out.cips = Sorted(cips);
  out.socs = Sorted(socs);
  return out;
}

Result<std::map<std::string, std::string>> Titles(store::Database& db, const char* table, const char* column,
                                                  const std::vector<std::string>& codes) {
  std::map<std::string, std::string> out;
  if (codes.empty()) return out;
  std::vector<Param> params;
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db, fmt::format("SELECT {0} AS code, title FROM {1} WHERE {0} IN ", column, table) +
                                                          InList(codes, params), params));
  for (const auto& r : rows) out[r["code"]] = r["title"];
  return out;
}

// Prerequisites among `ids`, from the catalog.
Result<std::map<std::string, std::vector<std::string>>> CatalogPrerequisites(store::Database& db,
                                                                             const std::vector<std::string>& ids) {
  std::map<std::string, std::vector<std::string>> out;
  if (ids.empty()) return out;
  std::vector<Param> params;
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                  "SELECT course_id, prerequisite_id FROM course_prerequisite "
                                                  "WHERE course_id IN " + InList(ids, params) +
                                                      " ORDER BY course_id, prerequisite_id",
                                                  params));
  for (const auto& r : rows) out[r["course_id"]].push_back(r["prerequisite_id"]);
  return out;
}

Course CourseFromRow(const json& r) {
  Course c;
  c.id = r["course_id"];
  c.title = r["title"];
  c.units = r["units"].get<double>();
  c.articulated = r["articulated"] == 1;
  c.dual_enrollment = r["dual_enrollment"] == 1;
  return c;
}

// Keeps only prerequisites that are courses of the grid; says whether any
// was dropped.
bool KeepKnownPrerequisites(std::vector<Course*> courses) {
  std::set<std::string> ids;
  for (const Course* c : courses) ids.insert(c->id);
  bool dropped = false;
  for (Course* c : courses) {
    auto& pre = c->prerequisites;
    auto end = std::remove_if(pre.begin(), pre.end(), [&](const std::string& id) { return !ids.contains(id); });
    dropped = dropped || end != pre.end();
    pre.erase(end, pre.end());
  }
  return dropped;
}

std::vector<int> StageGrades(Stage stage) {
  switch (stage) {
    case Stage::kIntroductory: return {9, 10};
    case Stage::kConcentrator: return {10, 11};
    case Stage::kCapstone: return {11, 12};
  }
  return {9, 10, 11, 12};
}

// High-school courses of the pathway from the catalog (statewide ones and
// those of organizations in the region), or a generic sequence.
Result<std::vector<HighSchoolStage>> HighSchoolCourses(store::Database& db, const PathwayRef& pathway,
                                                       const RegionRef& region, bool& generic, bool& dropped_prerequisites) {
  std::vector<Param> params{Param::Text(pathway.code)};
  std::string counties = region.counties.empty() ? "('')" : InList(region.counties, params);
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                  "SELECT c.course_id, c.title, c.units, c.stage, c.articulated, "
                                                  "c.dual_enrollment FROM course c LEFT JOIN organization o ON o.org_id = c.org_id "
                                                  "WHERE c.level = 'high_school' AND c.pathway_code = :p0 "
                                                  "AND (c.org_id IS NULL OR o.county_fips IN " + counties + ") "
                                                  "ORDER BY c.course_id",
                                                  params));
  std::vector<HighSchoolStage> stages;
  for (Stage s : {Stage::kIntroductory, Stage::kConcentrator, Stage::kCapstone}) stages.push_back({s, StageGrades(s), {}});
  if (rows.empty()) {
    generic = true;
    const std::string& name = pathway.name;
    std::string base = "gen-" + pathway.code;
    stages[0].courses.push_back({.id = base + "-intro", .title = "Introduction to " + name, .units = 10, .generated = true});
    stages[1].courses.push_back({.id = base + "-concentrator", .title = name, .units = 10,
                                 .prerequisites = {base + "-intro"}, .generated = true});
    stages[2].courses.push_back({.id = base + "-capstone", .title = "Advanced " + name, .units = 10,
                                 .prerequisites = {base + "-concentrator"}, .generated = true});
    return stages;
  }
  std::vector<std::string> ids;
  for (const auto& r : rows) ids.push_back(r["course_id"]);
  PL_ASSIGN_OR_RETURN(auto prerequisites, CatalogPrerequisites(db, ids));
  for (const auto& r : rows) {
    Course c = CourseFromRow(r);
    c.prerequisites = prerequisites[c.id];
    // A catalog course without a stage is a concentrator course: the middle of the sequence.
    Stage stage = ParseStage(TextOf(r["stage"])).value_or(Stage::kConcentrator);
    stages[static_cast<std::size_t>(stage)].courses.push_back(std::move(c));
  }
  std::vector<Course*> all;
  for (auto& s : stages) {
    for (auto& c : s.courses) all.push_back(&c);
  }
  dropped_prerequisites = KeepKnownPrerequisites(all);
  std::erase_if(stages, [](const HighSchoolStage& s) { return s.courses.empty(); });
  return stages;
}

// College courses in the pathway's TOP codes at the region's colleges, with
// the catalog courses they need first.
Result<std::vector<Course>> CatalogCollegeCourses(store::Database& db, const std::vector<std::string>& tops,
                                                  const std::vector<College>& colleges) {
  std::vector<Course> out;
  if (tops.empty() || colleges.empty()) return out;
  std::vector<std::string> college_ids;
  for (const auto& c : colleges) college_ids.push_back(c.org_id);
  std::vector<Param> params;
  std::string sql = "SELECT c.course_id, c.org_id, o.name, c.course_number, c.title, c.units, c.top_code, "
                    "c.dual_enrollment, c.articulated FROM course c JOIN organization o ON o.org_id = c.org_id "
                    "WHERE c.level = 'college' AND c.top_code IN " + InList(tops, params) +
                    " AND c.org_id IN " + InList(college_ids, params) +
                    " ORDER BY c.top_code, o.name, c.course_number, c.course_id";
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db, sql, params));
  std::set<std::string> have;
  auto add = [&](const json& r) {
    Course c = CourseFromRow(r);
    if (r["org_id"].is_string()) c.college = College{r["org_id"], TextOf(r["name"])};
    c.course_number = TextOf(r["course_number"]);
    c.top_code = TextOf(r["top_code"]);
    have.insert(c.id);
    out.push_back(std::move(c));
  };
  for (const auto& r : rows) {
    if (out.size() == kCatalogCollegeCourses) break;
    add(r);
  }
  // Prerequisites from other program areas (e.g. anatomy before nursing)
  // come along, so that a plan can place them.
  std::vector<std::string> frontier(have.begin(), have.end());
  while (!frontier.empty() && out.size() < kMaxCourses - 10) {
    PL_ASSIGN_OR_RETURN(auto prerequisites, CatalogPrerequisites(db, frontier));
    std::vector<std::string> missing;
    for (auto& c : out) {
      if (prerequisites.contains(c.id) && c.prerequisites.empty()) c.prerequisites = prerequisites[c.id];
      for (const auto& id : c.prerequisites) {
        if (!have.contains(id) && std::find(missing.begin(), missing.end(), id) == missing.end()) missing.push_back(id);
      }
    }
    frontier.clear();
    if (missing.empty()) break;
    std::vector<Param> more_params;
    PL_ASSIGN_OR_RETURN(auto more, store::QueryJson(db,
                                                    "SELECT c.course_id, c.org_id, o.name, c.course_number, c.title, "
                                                    "c.units, c.top_code, c.dual_enrollment, c.articulated FROM course c "
                                                    "LEFT JOIN organization o ON o.org_id = c.org_id "
                                                    "WHERE c.level = 'college' AND c.course_id IN " +
                                                        InList(missing, more_params) + " ORDER BY c.course_id",
                                                    more_params));
    for (const auto& r : more) {
      frontier.push_back(r["course_id"]);
      add(r);
    }
  }
  std::vector<Course*> all;
  for (auto& c : out) all.push_back(&c);
  KeepKnownPrerequisites(all);
  return out;
}

struct AwardRow {
  std::string code, level;
  std::vector<College> colleges;
};

Result<std::vector<AwardRow>> RegionalAwards(store::Database& db, const std::vector<std::string>& tops,
                                             const std::vector<College>& colleges) {
  std::vector<AwardRow> out;
  if (tops.empty() || colleges.empty()) return out;
  std::vector<std::string> college_ids;
  for (const auto& c : colleges) college_ids.push_back(c.org_id);
  std::vector<Param> params;
  std::string sql = "SELECT DISTINCT a.program_code, a.award_level, a.org_id, o.name FROM program_awards a "
                    "JOIN organization o ON o.org_id = a.org_id WHERE a.code_system = 'TOP' AND a.awards > 0 "
                    "AND a.program_code IN " + InList(tops, params) + " AND a.org_id IN " + InList(college_ids, params) +
                    " ORDER BY a.program_code, a.award_level, o.name, a.org_id";
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db, sql, params));
  const auto& levels = AwardLevels();
  auto rank = [&](const std::string& level) { return std::find(levels.begin(), levels.end(), level) - levels.begin(); };
  for (const auto& r : rows) {
    std::string code = r["program_code"], level = r["award_level"];
    if (level == "bachelor" || level == "graduate") continue;  // not community-college awards
    if (out.empty() || out.back().code != code || out.back().level != level) out.push_back({code, level, {}});
    out.back().colleges.push_back({r["org_id"], r["name"]});
  }
  std::stable_sort(out.begin(), out.end(), [&](const AwardRow& a, const AwardRow& b) {
    if (a.code != b.code) return a.code < b.code;
    return rank(a.level) < rank(b.level);
  });
  return out;
}

std::string AwardTitle(const std::string& level, const std::string& program) {
  if (level == "associate") return "Associate degree: " + program;
  if (level == "certificate_long") return "Certificate of achievement: " + program;
  if (level == "certificate_short") return "Short certificate: " + program;
  if (level == "noncredit_certificate") return "Noncredit certificate: " + program;
  return program;
}

// What a student typically completes for the award (semester units):
// associate degrees need 60; certificates of a year or more about 30;
// shorter ones about 12. Drafts say these are typical values.
double TypicalUnits(const std::string& level) {
  if (level == "associate") return 60;
  if (level == "certificate_long") return 30;
  if (level == "certificate_short") return 12;
  return 0;
}

Result<std::vector<TransferOption>> TransferOptions(store::Database& db, const RegionRef& region,
                                                    const std::vector<std::string>& cips,
                                                    const std::map<std::string, std::string>& cip_titles, bool& generic) {
  std::vector<TransferOption> out;
  if (cips.empty()) return out;
  if (!region.counties.empty()) {
    std::vector<Param> params;
    std::string sql = "SELECT DISTINCT a.program_code, o.name FROM program_awards a JOIN organization o "
                      "ON o.org_id = a.org_id WHERE a.code_system = 'CIP' AND a.award_level = 'bachelor' "
                      "AND a.awards > 0 AND o.org_type = 'university' AND a.program_code IN " + InList(cips, params) +
                      " AND o.county_fips IN " + InList(region.counties, params) + " ORDER BY a.program_code, o.name";
    PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db, sql, params));
    for (const auto& r : rows) {
      if (out.size() == kTransferOptions) break;
      std::string code = r["program_code"];
      auto title = cip_titles.find(code);
      out.push_back({"Bachelor's degree: " + (title == cip_titles.end() ? "CIP " + code : title->second), r["name"],
                     "Awarded in the region (CIP " + code + "); check transfer requirements on ASSIST.org"});
    }
  }
  if (!out.empty()) return out;
  generic = true;
  for (const auto& code : cips) {
    if (out.size() == 2) break;
    auto title = cip_titles.find(code);
    if (title == cip_titles.end()) continue;
    out.push_back({"Bachelor's degree related to " + title->second,
                   "A California State University or University of California campus",
                   "Generated from the crosswalk (CIP " + code +
                       "); an Associate Degree for Transfer and ASSIST.org show the courses that transfer"});
  }
  return out;
}

std::vector<WblStep> WorkBasedLearning(const PathwayRef& pathway) {
  return {{"awareness", "Guest speakers and workplace tours in " + pathway.name, {9}},
          {"exploration", "Job shadow or informational interviews with people working in " + pathway.name, {10}},
          {"preparation", "Internship, school-based enterprise or career technical student organization project", {11, 12}},
          {"training", "Apprenticeship, clinical placement or paid work experience", {13, 14}}};
}

}  // namespace

Result<Grid> GenerateDraft(store::Database& db, const labor::LaborData& labor, const PathwayRef& pathway,
                           const RegionRef& region) {
  Grid grid{.pathway = pathway, .region = region, .status = std::string(kStatusDraftGenerated), .version = 0};
  GridContent& content = grid.content;
  std::vector<std::string> notes{fmt::format(
      "Generated draft: nobody has written the {} grid for the {} region yet, so Pathlight built this one from the "
      "pathway's program codes, the TOP-CIP-SOC crosswalk, the course catalog and the awards the region's colleges "
      "reported. A coordinator can correct and publish it.",
      pathway.name, region.name)};

  PL_ASSIGN_OR_RETURN(Programs programs, PathwayPrograms(db, pathway.code));
  PL_ASSIGN_OR_RETURN(std::vector<College> colleges, internal::RegionColleges(db, region));
  PL_ASSIGN_OR_RETURN(auto top_titles, Titles(db, "top_code", "top_code", programs.tops));
  PL_ASSIGN_OR_RETURN(auto cip_titles, Titles(db, "cip_program", "cip_code", programs.cips));
  // CIP titles end with a full stop ("Registered Nursing/Registered Nurse."), which reads oddly inside a sentence.
  for (auto& [code, title] : cip_titles) {
    if (!title.empty() && title.back() == '.') title.pop_back();
  }

  bool generic_high_school = false, dropped_prerequisites = false;
  PL_ASSIGN_OR_RETURN(content.high_school, HighSchoolCourses(db, pathway, region, generic_high_school, dropped_prerequisites));
  if (generic_high_school) {
    notes.push_back("The high-school courses are generic placeholders named after the pathway; the district's course "
                    "catalog has the real titles.");
  }
  if (dropped_prerequisites) {
    notes.push_back("Prerequisites outside this pathway's courses (academic courses, for example) are not shown.");
  }

  PL_ASSIGN_OR_RETURN(content.college_courses, CatalogCollegeCourses(db, programs.tops, colleges));
  PL_ASSIGN_OR_RETURN(std::vector<AwardRow> award_rows, RegionalAwards(db, programs.tops, colleges));

  // Program areas without catalog courses get placeholders, those the
  // region's colleges award first.
  std::set<std::string> with_courses, with_awards;
  for (const auto& c : content.college_courses) with_courses.insert(c.top_code);
  for (const auto& a : award_rows) with_awards.insert(a.code);
  std::vector<std::string> needing;
  for (const auto& top : programs.tops) {
    if (!with_courses.contains(top) && top_titles.contains(top)) needing.push_back(top);
  }
  std::stable_partition(needing.begin(), needing.end(), [&](const std::string& t) { return with_awards.contains(t); });
  if (needing.size() > kGeneratedCollegeTops) needing.resize(kGeneratedCollegeTops);
  for (const auto& top : needing) {
    const std::string& title = top_titles[top];
    std::string base = "gen-" + top;
    content.college_courses.push_back({.id = base + "-intro", .title = "Introduction to " + title, .units = 3,
                                       .dual_enrollment = true, .generated = true, .top_code = top});
    content.college_courses.push_back({.id = base + "-core", .title = title + " Fundamentals", .units = 4,
                                       .prerequisites = {base + "-intro"}, .generated = true, .top_code = top});
  }
  if (!needing.empty()) {
    notes.push_back(fmt::format("College courses marked generated are placeholders for TOP {}; the colleges' catalogs "
                                "have the real courses.",
                                Join(needing)));
  }

  for (const auto& row : award_rows) {
    Award award{.code_system = "TOP",
                .code = row.code,
                .title = AwardTitle(row.level, top_titles.contains(row.code) ? top_titles[row.code] : "TOP " + row.code),
                .award_level = row.level,
                .units = TypicalUnits(row.level),
                .colleges = row.colleges};
    for (const auto& c : content.college_courses) {
      if (c.top_code == row.code) award.courses.push_back(c.id);
    }
    content.awards.push_back(std::move(award));
  }
  if (!content.awards.empty()) {
    notes.push_back("Award units are typical values (about 12 units for a short certificate, 30 for a certificate of "
                    "achievement, 60 for an associate degree); the college catalog has each program's requirements.");
  }
  std::vector<std::string> without_awards;
  for (const auto& top : programs.tops) {
    if (!with_awards.contains(top)) without_awards.push_back(top);
  }
  if (!without_awards.empty() && !programs.tops.empty()) {
    notes.push_back(fmt::format("No college in the region reported awards in TOP {}.", Join(without_awards)));
  }

  bool generic_transfer = false;
  PL_ASSIGN_OR_RETURN(content.transfer, TransferOptions(db, region, programs.cips, cip_titles, generic_transfer));
  if (generic_transfer && !content.transfer.empty()) {
    notes.push_back("The transfer options are general suggestions from the crosswalk: no university in the region "
                    "reported bachelor's degrees in these programs.");
  }
  content.work_based_learning = WorkBasedLearning(pathway);

  PL_ASSIGN_OR_RETURN(auto occupations, RegionalOccupations(db, labor, region, programs.socs));
  // Crosswalk codes outside the SOC list and the projections (placeholders
  // such as 99-9999, a few codes of other vintages) have no title to show.
  std::size_t untitled = std::erase_if(occupations, [](const Occupation& o) { return o.title.empty(); });
  // The careers with the most openings in the region first.
  std::stable_sort(occupations.begin(), occupations.end(), [](const Occupation& a, const Occupation& b) {
    if (a.demand.has_value() != b.demand.has_value()) return a.demand.has_value();
    if (a.demand && *a.demand != *b.demand) return *a.demand > *b.demand;
    return a.soc < b.soc;
  });
  if (occupations.size() > kDraftOccupations) {
    notes.push_back(fmt::format("Showing {} of the {} occupations the crosswalk links to this pathway, those with the "
                                "most openings in the region first.",
                                kDraftOccupations, occupations.size()));
    occupations.resize(kDraftOccupations);
  }
  if (untitled > 0) {
    notes.push_back(fmt::format("{} occupation code{} of the crosswalk {} not in the SOC 2018 list and {} not shown.",
                                untitled, untitled == 1 ? "" : "s", untitled == 1 ? "is" : "are",
                                untitled == 1 ? "is" : "are"));
  }
  content.occupations = std::move(occupations);
  bool any_demand = std::any_of(content.occupations.begin(), content.occupations.end(),
                                [](const Occupation& o) { return o.demand.has_value(); });
  if (programs.tops.empty() && programs.cips.empty()) {
    notes.push_back("No program codes are mapped to this pathway yet (pathway programs), so the draft lists no college "
                    "programs or occupations.");
  } else if (!content.occupations.empty() && !any_demand) {
    notes.push_back("Regional openings and wages are not loaded for this region yet, so no career shows how many "
                    "openings are left after the region's graduates (gap).");
  } else {
    std::vector<std::string> without;
    for (const auto& o : content.occupations) {
      if (!o.demand) without.push_back(fmt::format("{} ({})", o.title, o.soc));
    }
    if (!without.empty()) {
      notes.push_back(fmt::format("No openings are projected in the {} region for {}, so {} not shown.", region.name,
                                  Join(without),
                                  without.size() == 1 ? "its openings and gap are" : "their openings and gaps are"));
    }
  }
  content.notes = std::move(notes);
  return grid;
}

}  // namespace pl::pathways
