// The API suites' shared data: a small county, district and schools, and
// students in two school years.
#pragma once

#include "integration/test_database.hpp"

namespace pl::api::test {

// 40 students in 2023-24 (25 in CTE: 13 participants only, 7 concentrators,
// 5 completers) and 8 in 2024-25: small enough that some counts are
// suppressed, large enough that others are not.
void ImportFixture(pl::testing::TestDatabase& t);

}  // namespace pl::api::test
