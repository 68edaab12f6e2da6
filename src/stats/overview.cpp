#include <fmt/format.h>

#include "core/code_sets.hpp"
#include "stats/counts.hpp"
#include "stats/stats.hpp"
#include "store/query.hpp"

namespace pl::stats {

Result<nlohmann::json> Overview(store::Database& db, const privacy::SuppressionPolicy& policy,
                                const Visibility& visibility) {
  PL_ASSIGN_OR_RETURN(
      auto rows,
      store::QueryJson(db, fmt::format("SELECT sy.school_year, {} FROM student_year sy "
                                       "GROUP BY sy.school_year ORDER BY sy.school_year",
                                       internal::kCountColumns)));
  nlohmann::json years = nlohmann::json::array();
  for (const auto& r : rows) {
    nlohmann::json year = {{"school_year", SchoolYearLabel(r["school_year"].get<int>())}};
    for (const char* measure : internal::kMeasures) {
      long long n = r[measure].get<long long>();
      year[measure] = visibility.statewide ? privacy::PublishedCount{n, ""}.ToJson()
                                           : privacy::PublishCount(n, policy).ToJson();
    }
    years.push_back(std::move(year));
  }
  return nlohmann::json{{"min_n", policy.min_n}, {"years", std::move(years)}};
}

Result<std::string> DataVersion(store::Database& db) {
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                  "SELECT batch_id FROM import_batch "
                                                  "ORDER BY batch_id DESC LIMIT 1"));
  if (rows.empty()) return std::string("empty");
  return rows[0]["batch_id"].get<std::string>();
}

}  // namespace pl::stats
