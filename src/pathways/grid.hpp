// The pathway grid: a program of study for one CTE pathway in one region,
// as the Orange County Pathway Grids and the Fresno-Madera K-16
// Collaborative publish them: high-school courses by stage, college
// courses (articulated or offered by dual enrollment), the community-college
// certificates and degrees they lead to, transfer options, work-based
// learning steps and the occupations at the end, with regional wages.
//
// Plain values (thread-compatible). Parsing and the structural checks here
// need no database; the checks against reference data (colleges, codes,
// occupations, the course catalog) are in pathways.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.hpp"

namespace pl::pathways {

// High-school stages of a CTE program of study.
enum class Stage { kIntroductory, kConcentrator, kCapstone };
std::string_view StageName(Stage stage);  // "introductory", "concentrator", "capstone"
std::optional<Stage> ParseStage(std::string_view name);

struct College {
  std::string org_id;
  std::string name;  // filled from the directory when a grid is read
};

// A course of a grid. High-school units are credits (10 = a year-long
// course); college units are semester units.
struct Course {
  std::string id;     // unique within the grid; a course_id of the catalog when it comes from there
  std::string title;
  double units = 0;
  std::vector<std::string> prerequisites;  // ids of other courses of the same grid
  bool articulated = false;
  bool dual_enrollment = false;   // college courses: open to high-school students for college credit
  bool generated = false;         // a placeholder of a generated draft, not a real catalog course
  // College courses only.
  std::optional<College> college;  // null: any college of the region
  std::string course_number;       // "MED 101"
  std::string top_code;            // the program area, for awards of generated drafts
};

struct HighSchoolStage {
  Stage stage = Stage::kIntroductory;
  std::vector<int> grade_levels;  // 9..12, ascending
  std::vector<Course> courses;
};

// A community-college (TOP) or university (CIP) award.
struct Award {
  std::string code_system = "TOP";
  std::string code;
  std::string title;
  std::string award_level;  // code set award_level (certificate_short, ..., associate, bachelor, graduate)
  double units = 0;         // units the award requires (0: not stated)
  std::vector<College> colleges;
  std::vector<std::string> courses;  // grid courses it requires: a plan places it when they are done
};

struct TransferOption {
  std::string title;
  std::string institution;
  std::string note;
};

// A step on California's work-based-learning continuum. Grade levels above
// 12 are college years (13 = the first year after high school).
struct WblStep {
  std::string stage;  // awareness, exploration, preparation, training
  std::string title;
  std::vector<int> grade_levels;
};

// An occupation the pathway leads to. Only `soc` is edited; the rest is
// filled from the reference data and the labor engine (the figures of GET
// /api/v1/labor/gap for the region and SOC) when the grid is read.
struct Occupation {
  std::string soc;
  std::string title;
  std::string entry_education;
  std::optional<double> demand;  // annual openings in the region; null without a projection for it
  std::optional<double> supply;  // mean annual awards of the region's programs, shared by the openings split
  std::optional<double> wage_p25_hourly;
  std::optional<double> wage_median_hourly;
  std::optional<double> gap;     // demand - supply; null when demand is
  std::optional<double> living_wage_hourly;
  std::string p25_vs_living_wage = "unknown";     // above, below, unknown
  std::string median_vs_living_wage = "unknown";  // above, below, unknown
};

// The parts of a grid a coordinator edits, stored as one JSON document per
// version.
struct GridContent {
  std::vector<HighSchoolStage> high_school;
  std::vector<Course> college_courses;
  std::vector<Award> awards;
  std::vector<TransferOption> transfer;
  std::vector<WblStep> work_based_learning;
  std::vector<Occupation> occupations;
  std::vector<std::string> notes;
};

struct PathwayRef {
  std::string code;
  std::string name;
  std::string sector_code;
  std::string sector_name;
};

struct RegionRef {
  std::string scheme = "ccc";
  std::string code;
  std::string name;
  std::vector<std::string> counties;  // FIPS codes, ascending
};

inline constexpr std::string_view kStatusPublished = "published";
inline constexpr std::string_view kStatusDraftGenerated = "draft_generated";

struct Grid {
  PathwayRef pathway;
  RegionRef region;
  std::string status{kStatusDraftGenerated};
  int version = 0;  // 0: nothing saved yet (a generated draft)
  std::optional<std::string> updated_at;
  std::optional<std::string> updated_by;
  GridContent content;
};

// One thing wrong with an edited grid: where (a JSON path such as
// "college_courses[2].units") and what.
struct Problem {
  std::string field;
  std::string message;
};

// The award levels of code set award_level, and the WBL continuum's stages.
const std::vector<std::string>& AwardLevels();
const std::vector<std::string>& WblStages();

// Limits on what one grid may hold (a request larger than this is refused).
inline constexpr std::size_t kMaxCourses = 200;
inline constexpr std::size_t kMaxListItems = 100;
inline constexpr std::size_t kMaxTextLength = 500;
inline constexpr double kMaxHighSchoolCourseUnits = 40;
inline constexpr double kMaxCollegeCourseUnits = 20;

// The grid as the API returns it (docs/openapi.yaml, PathwayGrid).
nlohmann::json GridJson(const Grid& grid);
// The editable parts, as stored in a version's document. Occupations are
// kept as their SOC codes only.
nlohmann::json ContentJson(const GridContent& content);

// Reads the editable parts from a JSON object (an edited grid, or a stored
// document). Every course needs its title and units here: courses named by
// catalog id alone are completed before (ExpandCatalogCourses in
// pathways.hpp). Members the editor cannot change (pathway, region, status,
// version, updated_at, updated_by, base_version, summary) are ignored; any
// other unknown member is a problem, so that a misspelt key is not lost
// silently. Returns every problem found, not only the first.
struct ParsedContent {
  GridContent content;
  std::vector<Problem> problems;
};
ParsedContent ParseContent(const nlohmann::json& body);

// Structural checks that need no database: unique course ids, prerequisites
// naming courses of the grid, no prerequisite cycles, units in range, grade
// levels, stages, award levels and required courses. Every problem found.
std::vector<Problem> CheckContent(const GridContent& content);

// A prerequisite cycle among the grid's courses, as the ids along it with
// the first repeated at the end ("A", "B", "A"); empty when there is none.
std::vector<std::string> FindPrerequisiteCycle(const GridContent& content);

// InvalidArgument "<first problem>" (plus "and N more problems") with
// details {"errors": [{"field", "message"}, ...]}; OK when `problems` is empty.
Status ProblemsStatus(const std::vector<Problem>& problems);

}  // namespace pl::pathways
