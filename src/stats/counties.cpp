#include <map>
#include <vector>

#include <fmt/format.h>

#include "core/code_sets.hpp"
#include "privacy/suppression.hpp"
#include "reference/reference.hpp"
#include "stats/counts.hpp"
#include "stats/stats.hpp"
#include "store/query.hpp"

namespace pl::stats {
namespace {

using internal::kMeasures;
using store::Param;

Result<int> ChooseYear(const std::string& label, const std::vector<int>& years) {
  if (label.empty()) return years.empty() ? 0 : years.back();
  int year = ParseSchoolYear(label);
  if (year == 0) {
    return InvalidArgument(fmt::format("school_year must look like 2023-24, got '{}'", label),
                           {{"parameter", "school_year"}});
  }
  return year;
}

// One county per student and year: the lowest FIPS among the organizations
// that report them, so that counties add up to the statewide count. A
// student is a participant (concentrator, completer) in that county when any
// of their rows that year says so.
constexpr const char* kPerCountySql =
    "WITH per_student AS ("
    "  SELECT sy.student_key, min(o.county_fips) AS county_fips,"
    "    max(CASE WHEN sy.cte_status IS NOT NULL THEN 1 ELSE 0 END) AS participant,"
    "    max(CASE WHEN sy.cte_status IN ('concentrator', 'completer') THEN 1 ELSE 0 END) AS concentrator,"
    "    max(CASE WHEN sy.cte_status = 'completer' THEN 1 ELSE 0 END) AS completer"
    "  FROM student_year sy JOIN organization o ON o.org_id = sy.org_id"
    "  WHERE sy.school_year = :p0 GROUP BY sy.student_key) "
    "SELECT county_fips, count(*) AS students, sum(participant) AS participants,"
    "  sum(concentrator) AS concentrators, sum(completer) AS completers "
    "FROM per_student GROUP BY county_fips";

// The county cells of one measure as published. The statewide total is
// published by the overview, so it is a known cell here (exempt when the
// overview shows it); students at organizations without a county form one
// more part.
Result<std::vector<nlohmann::json>> ProtectAgainstStatewideTotal(std::vector<privacy::Cell> cells,
                                                                 long long no_county,
                                                                 const privacy::SuppressionPolicy& policy,
                                                                 const Visibility& visibility) {
  const std::size_t n = cells.size();
  long long total = no_county;
  for (const auto& c : cells) total += c.count;
  // Never published here, but treated as the attacker would if it were:
  // a small count of such students needs protecting like a county's.
  cells.push_back({.count = no_county});
  bool total_shown = visibility.statewide || !privacy::PublishCount(total, policy).suppressed();
  cells.push_back({.count = total, .exempt = total_shown});
  privacy::Table table{.cells = std::move(cells), .relations = {}};
  privacy::Relation relation{.total = n + 1, .parts = {}};
  for (std::size_t i = 0; i <= n; ++i) relation.parts.push_back(i);
  table.relations.push_back(std::move(relation));
  PL_ASSIGN_OR_RETURN(auto suppressed, privacy::Suppress(table, policy));
  std::vector<nlohmann::json> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(suppressed.CellJson(table, i));
  return out;
}

}  // namespace

Result<nlohmann::json> Counties(store::Database& db, const privacy::SuppressionPolicy& policy,
                                const std::string& school_year, const std::string& scheme,
                                const Visibility& visibility) {
  PL_ASSIGN_OR_RETURN(auto year_rows,
                      store::QueryJson(db, "SELECT DISTINCT school_year FROM student_year ORDER BY school_year"));
  std::vector<int> years;
  nlohmann::json year_labels = nlohmann::json::array();
  for (const auto& r : year_rows) {
    years.push_back(r["school_year"].get<int>());
    year_labels.push_back(SchoolYearLabel(years.back()));
  }
  PL_ASSIGN_OR_RETURN(int year, ChooseYear(school_year, years));
  PL_ASSIGN_OR_RETURN(auto counts, store::QueryJson(db, kPerCountySql, {Param::Integer(year)}));
  PL_ASSIGN_OR_RETURN(auto counties, reference::Counties(db, scheme));

  // Rows keyed by FIPS; "" holds students at organizations with no county.
  std::map<std::string, const nlohmann::json*> by_fips;
  for (const auto& c : counts) by_fips[c["county_fips"].is_null() ? "" : c["county_fips"].get<std::string>()] = &c;
  auto count_of = [&](const std::string& fips, const char* measure) -> long long {
    auto found = by_fips.find(fips);
    return found == by_fips.end() ? 0 : (*found->second)[measure].get<long long>();
  };

  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : counties) {
    out.push_back({{"county_fips", c["fips"]},
                   {"county_name", c["name"]},
                   {"region_code", c["region_code"]},
                   {"region_name", c["region_name"]}});
  }
  for (const char* measure : kMeasures) {
    std::vector<privacy::Cell> cells;
    for (const auto& c : counties) {
      std::string fips = c["fips"].get<std::string>();
      cells.push_back({.count = count_of(fips, measure), .exempt = visibility.Exact(fips)});
    }
    PL_ASSIGN_OR_RETURN(auto published, ProtectAgainstStatewideTotal(std::move(cells), count_of("", measure), policy,
                                                                     visibility));
    for (std::size_t i = 0; i < counties.size(); ++i) out[i][measure] = published[i];
  }
  return nlohmann::json{{"min_n", policy.min_n},
                        {"school_year", year == 0 ? nlohmann::json(nullptr) : nlohmann::json(SchoolYearLabel(year))},
                        {"school_years", std::move(year_labels)},
                        {"counties", std::move(out)}};
}

}  // namespace pl::stats
