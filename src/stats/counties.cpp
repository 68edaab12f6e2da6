#include <map>
#include <vector>

#include <fmt/format.h>

#include "core/code_sets.hpp"
#include "reference/reference.hpp"
#include "stats/counts.hpp"
#include "stats/stats.hpp"
#include "store/query.hpp"

namespace pl::stats {
namespace {

using internal::kCountColumns;
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

}  // namespace

Result<nlohmann::json> Counties(store::Database& db, const privacy::SuppressionPolicy& policy,
                                const std::string& school_year, const std::string& scheme) {
  PL_ASSIGN_OR_RETURN(auto year_rows,
                      store::QueryJson(db, "SELECT DISTINCT school_year FROM student_year ORDER BY school_year"));
  std::vector<int> years;
  nlohmann::json year_labels = nlohmann::json::array();
  for (const auto& r : year_rows) {
    years.push_back(r["school_year"].get<int>());
    year_labels.push_back(SchoolYearLabel(years.back()));
  }
  PL_ASSIGN_OR_RETURN(int year, ChooseYear(school_year, years));

  PL_ASSIGN_OR_RETURN(auto counts,
                      store::QueryJson(db,
                                       fmt::format("SELECT o.county_fips, {} FROM student_year sy "
                                                   "JOIN organization o ON o.org_id = sy.org_id "
                                                   "WHERE sy.school_year = :p0 AND o.county_fips IS NOT NULL "
                                                   "GROUP BY o.county_fips",
                                                   kCountColumns),
                                       {Param::Integer(year)}));
  PL_ASSIGN_OR_RETURN(auto counties, reference::Counties(db, scheme));
  std::map<std::string, const nlohmann::json*> by_fips;
  for (const auto& c : counts) by_fips[c["county_fips"].get<std::string>()] = &c;

  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : counties) {
    nlohmann::json county = {{"county_fips", c["fips"]},
                             {"county_name", c["name"]},
                             {"region_code", c["region_code"]},
                             {"region_name", c["region_name"]}};
    auto found = by_fips.find(c["fips"].get<std::string>());
    for (const char* measure : kMeasures) {
      long long n = found == by_fips.end() ? 0 : (*found->second)[measure].get<long long>();
      county[measure] = privacy::PublishCount(n, policy).ToJson();
    }
    out.push_back(std::move(county));
  }
  return nlohmann::json{{"min_n", policy.min_n},
                        {"school_year", year == 0 ? nlohmann::json(nullptr) : nlohmann::json(SchoolYearLabel(year))},
                        {"school_years", std::move(year_labels)},
                        {"counties", std::move(out)}};
}

}  // namespace pl::stats
