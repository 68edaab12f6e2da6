// The four distinct-student counts every statistic here publishes, shared so
// that the overview and the county table count students the same way.
#pragma once

namespace pl::stats::internal {

// SELECT items over `student_year sy`: students, CTE participants (any
// status), concentrators (concentrator or completer: a completer has also
// concentrated, as in Perkins V reporting) and completers.
inline constexpr const char* kCountColumns =
    "count(DISTINCT sy.student_key) AS students, "
    "count(DISTINCT CASE WHEN sy.cte_status IS NOT NULL THEN sy.student_key END) AS participants, "
    "count(DISTINCT CASE WHEN sy.cte_status IN ('concentrator', 'completer') THEN sy.student_key END) "
    "AS concentrators, "
    "count(DISTINCT CASE WHEN sy.cte_status = 'completer' THEN sy.student_key END) AS completers";

inline constexpr const char* kMeasures[] = {"students", "participants", "concentrators", "completers"};

}  // namespace pl::stats::internal
