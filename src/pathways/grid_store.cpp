// Grids in the store: pathways and regions, the current version, saves with
// optimistic concurrency, and the history.
#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "pathways/internal.hpp"
#include "pathways/pathways.hpp"

namespace pl::pathways {
namespace {

using internal::TextOf;
using nlohmann::json;
using store::Param;

constexpr std::size_t kMaxSummary = 500;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Version {
  int version = 0;
  std::string document;
  std::string updated_at;
  std::optional<std::string> updated_by;
};

Result<std::optional<Version>> LatestVersion(store::Database& db, const PathwayRef& pathway, const RegionRef& region) {
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                  "SELECT version, document, updated_at, updated_by "
                                                  "FROM pathway_grid_version WHERE pathway_code = :p0 "
                                                  "AND scheme_code = :p1 AND region_code = :p2 "
                                                  "ORDER BY version DESC LIMIT 1",
                                                  {Param::Text(pathway.code), Param::Text(region.scheme),
                                                   Param::Text(region.code)}));
  if (rows.empty()) return std::optional<Version>();
  const json& r = rows[0];
  Version v{.version = r["version"].get<int>(), .document = r["document"], .updated_at = r["updated_at"]};
  if (r["updated_by"].is_string()) v.updated_by = r["updated_by"].get<std::string>();
  return std::optional<Version>(std::move(v));
}

Result<int> CurrentVersionNumber(store::Database& db, const PathwayRef& pathway, const RegionRef& region) {
  PL_ASSIGN_OR_RETURN(long long n, store::QueryInteger(db,
                                                       "SELECT coalesce(max(version), 0) FROM pathway_grid_version "
                                                       "WHERE pathway_code = :p0 AND scheme_code = :p1 AND region_code = :p2",
                                                       {Param::Text(pathway.code), Param::Text(region.scheme),
                                                        Param::Text(region.code)}));
  return static_cast<int>(n);
}

// Names of the colleges a grid names, read now: a college renamed in the
// directory is shown by its new name in every version.
Status FillCollegeNames(store::Database& db, GridContent& content) {
  std::vector<std::string> ids;
  for (const auto& c : content.college_courses) {
    if (c.college) ids.push_back(c.college->org_id);
  }
  for (const auto& a : content.awards) {
    for (const auto& c : a.colleges) ids.push_back(c.org_id);
  }
  if (ids.empty()) return Status();
  std::vector<Param> params;
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db, "SELECT org_id, name FROM organization WHERE org_id IN " +
                                                          internal::InList(ids, params), params));
  std::map<std::string, std::string> names;
  for (const auto& r : rows) names[r["org_id"]] = r["name"];
  for (auto& c : content.college_courses) {
    if (c.college) c.college->name = names[c.college->org_id];
  }
  for (auto& a : content.awards) {
    for (auto& c : a.colleges) c.name = names[c.org_id];
  }
  return Status();
}

// Award titles left empty by the editor: the code's title.
Status FillAwardTitles(store::Database& db, GridContent& content) {
  for (auto& a : content.awards) {
    if (!a.title.empty()) continue;
    std::string sql = a.code_system == "CIP" ? "SELECT title FROM cip_program WHERE cip_code = :p0"
                                             : "SELECT title FROM top_code WHERE top_code = :p0";
    PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db, sql, {Param::Text(a.code)}));
    if (!rows.empty()) a.title = rows[0]["title"];
    if (!a.title.empty() && a.title.back() == '.') a.title.pop_back();  // CIP titles end with a full stop
  }
  return Status();
}

Status FillOccupations(store::Database& db, const labor::LaborData& labor, const RegionRef& region,
                       GridContent& content) {
  std::vector<std::string> socs;
  for (const auto& o : content.occupations) socs.push_back(o.soc);
  PL_ASSIGN_OR_RETURN(content.occupations, RegionalOccupations(db, labor, region, socs));
  return Status();
}

Result<int> BaseVersion(const json& body) {
  auto it = body.find("base_version");
  if (it == body.end() || !it->is_number_integer() || it->get<long long>() < 0 || it->get<long long>() > 1'000'000'000) {
    return InvalidArgument("base_version is required: the version your edit started from (0 for a generated draft)",
                           {{"field", "base_version"}});
  }
  return static_cast<int>(it->get<long long>());
}

Result<std::string> Summary(const json& body, int new_version) {
  auto it = body.find("summary");
  if (it == body.end() || it->is_null()) return fmt::format("Version {}", new_version);
  if (!it->is_string()) return InvalidArgument("summary must be a string", {{"field", "summary"}});
  std::string summary = internal::Trim(it->get<std::string>());
  if (summary.size() > kMaxSummary) {
    return InvalidArgument(fmt::format("summary must be at most {} characters", kMaxSummary), {{"field", "summary"}});
  }
  return summary.empty() ? fmt::format("Version {}", new_version) : summary;
}

Status Conflict(int base_version, int current) {
  return FailedPrecondition(
      fmt::format("the grid changed since version {}: the current version is {}; reload it and apply your edit again",
                  base_version, current),
      {{"field", "base_version"}, {"base_version", base_version}, {"current_version", current}});
}

}  // namespace

Result<PathwayRef> FindPathway(store::Database& db, const std::string& code) {
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                  "SELECT p.pathway_code, p.name, s.sector_code, s.name AS sector_name "
                                                  "FROM cte_pathway p JOIN cte_sector s ON s.sector_code = p.sector_code "
                                                  "WHERE p.pathway_code = :p0",
                                                  {Param::Text(code)}));
  if (rows.empty()) return NotFound("unknown pathway: " + code, {{"parameter", "code"}, {"value", code}});
  const json& r = rows[0];
  return PathwayRef{r["pathway_code"], r["name"], r["sector_code"], r["sector_name"]};
}

Result<RegionRef> FindRegion(store::Database& db, const std::string& scheme, const std::string& code) {
  if (code.empty()) {
    return InvalidArgument("region is required: a region code of scheme " + scheme + " (e.g. BA)", {{"parameter", "region"}});
  }
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                  "SELECT region_code, region_name, county_fips FROM region_assignment "
                                                  "WHERE scheme_code = :p0 AND lower(region_code) = :p1 ORDER BY county_fips",
                                                  {Param::Text(scheme), Param::Text(Lower(code))}));
  if (rows.empty()) {
    return InvalidArgument("unknown region: " + code + " (not a region of scheme " + scheme + ")",
                           {{"parameter", "region"}, {"value", code}});
  }
  RegionRef region{.scheme = scheme, .code = rows[0]["region_code"], .name = rows[0]["region_name"]};
  for (const auto& r : rows) region.counties.push_back(r["county_fips"]);
  return region;
}

Result<Grid> GetGrid(store::Database& db, const labor::LaborData& labor, const std::string& pathway_code,
                     const std::string& region_code, const std::string& scheme) {
  PL_ASSIGN_OR_RETURN(PathwayRef pathway, FindPathway(db, pathway_code));
  PL_ASSIGN_OR_RETURN(RegionRef region, FindRegion(db, scheme, region_code));
  PL_ASSIGN_OR_RETURN(auto latest, LatestVersion(db, pathway, region));
  if (!latest) return GenerateDraft(db, labor, pathway, region);

  json document;
  try {
    document = json::parse(latest->document);
  } catch (const std::exception&) {
    return DataLoss(fmt::format("stored grid {} / {} version {} is not JSON", pathway.code, region.code, latest->version));
  }
  ParsedContent parsed = ParseContent(document);
  if (!parsed.problems.empty()) {
    return DataLoss(fmt::format("stored grid {} / {} version {} does not read back: {}", pathway.code, region.code,
                                latest->version, parsed.problems.front().field + " " + parsed.problems.front().message));
  }
  Grid grid{.pathway = pathway,
            .region = region,
            .status = std::string(kStatusPublished),
            .version = latest->version,
            .updated_at = latest->updated_at,
            .updated_by = latest->updated_by,
            .content = std::move(parsed.content)};
  PL_RETURN_IF_ERROR(FillCollegeNames(db, grid.content));
  PL_RETURN_IF_ERROR(FillOccupations(db, labor, region, grid.content));
  return grid;
}

Result<Grid> SaveGrid(store::Database& db, const labor::LaborData& labor, const std::string& pathway_code,
                      const std::string& region_code, const std::string& scheme, const json& body,
                      const Editor& editor) {
  PL_ASSIGN_OR_RETURN(PathwayRef pathway, FindPathway(db, pathway_code));
  PL_ASSIGN_OR_RETURN(RegionRef region, FindRegion(db, scheme, region_code));
  if (!body.is_object()) return InvalidArgument("the grid must be a JSON object");
  PL_ASSIGN_OR_RETURN(int base_version, BaseVersion(body));

  // Every problem at once: an editor fixes them in one pass.
  json expanded = body;
  PL_ASSIGN_OR_RETURN(std::vector<Problem> problems, ExpandCatalogCourses(db, expanded));
  ParsedContent parsed = ParseContent(expanded);
  // A course the catalog could not complete lacks its title and units too:
  // one problem per course is enough.
  std::vector<std::string> incomplete;
  for (const auto& p : problems) incomplete.push_back(p.field.substr(0, p.field.rfind('.')) + ".");
  for (const auto& p : parsed.problems) {
    bool repeats = std::any_of(incomplete.begin(), incomplete.end(), [&](const std::string& course) {
      return p.field == course + "title" || p.field == course + "units";
    });
    if (!repeats) problems.push_back(p);
  }
  if (problems.empty()) {
    auto structural = CheckContent(parsed.content);
    problems.insert(problems.end(), structural.begin(), structural.end());
    PL_ASSIGN_OR_RETURN(auto references, CheckReferences(db, region, parsed.content));
    problems.insert(problems.end(), references.begin(), references.end());
  }
  PL_RETURN_IF_ERROR(ProblemsStatus(problems));
  PL_RETURN_IF_ERROR(FillAwardTitles(db, parsed.content));
  PL_ASSIGN_OR_RETURN(std::string summary, Summary(body, base_version + 1));
  std::string document = ContentJson(parsed.content).dump();

  Status saved = store::InTransaction(db, [&]() -> Status {
    PL_ASSIGN_OR_RETURN(int current, CurrentVersionNumber(db, pathway, region));
    if (current != base_version) return Conflict(base_version, current);
    PL_ASSIGN_OR_RETURN(long long changed,
                        store::Execute(db,
                                       "INSERT INTO pathway_grid_version (pathway_code, scheme_code, region_code, version, "
                                       "document, summary, updated_by_user_id, updated_by, updated_at) "
                                       "VALUES (:p0, :p1, :p2, :p3, :p4, :p5, :p6, :p7, :p8)",
                                       {Param::Text(pathway.code), Param::Text(region.scheme), Param::Text(region.code),
                                        Param::Integer(base_version + 1), Param::Text(document), Param::Text(summary),
                                        editor.user_id ? Param::Integer(*editor.user_id) : Param::Null(),
                                        editor.name.empty() ? Param::Null() : Param::Text(editor.name),
                                        Param::Text(store::NowIso8601())}));
    if (changed != 1) return Internal("saving the grid stored no row");
    return Status();
  });
  if (!saved.ok()) {
    // Two saves on the same base version: the second one's insert meets the
    // first one's row (primary key). Report it as the conflict it is.
    if (saved.code() == StatusCode::kInternal) {
      auto current = CurrentVersionNumber(db, pathway, region);
      if (current.ok() && *current != base_version) return Conflict(base_version, *current);
    }
    return saved;
  }
  return GetGrid(db, labor, pathway.code, region.code, scheme);
}

Result<json> GridHistory(store::Database& db, const std::string& pathway_code, const std::string& region_code,
                         const std::string& scheme) {
  PL_ASSIGN_OR_RETURN(PathwayRef pathway, FindPathway(db, pathway_code));
  PL_ASSIGN_OR_RETURN(RegionRef region, FindRegion(db, scheme, region_code));
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                  "SELECT version, updated_at, updated_by, summary "
                                                  "FROM pathway_grid_version WHERE pathway_code = :p0 "
                                                  "AND scheme_code = :p1 AND region_code = :p2 ORDER BY version DESC",
                                                  {Param::Text(pathway.code), Param::Text(region.scheme),
                                                   Param::Text(region.code)}));
  return rows;
}

}  // namespace pl::pathways
