// The privacy gate for aggregates: every count that leaves the server passes
// through here. This is primary small-cell suppression (a count of students
// under the minimum n is withheld); complementary suppression and role-based
// exemptions build on it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace pl::privacy {

// The deployment's minimum cell size: a count below it is suppressed.
// Default 11 ("fewer than 11 students"); never below 1.
struct SuppressionPolicy {
  std::int64_t min_n = 11;
};

// A count as published: the value, or null with the reason it was withheld.
struct PublishedCount {
  std::optional<std::int64_t> value;
  std::string reason;  // "below_min_n" when suppressed
  bool suppressed() const { return !value.has_value(); }
  // {"value": 1234, "suppressed": false} or
  // {"value": null, "suppressed": true, "reason": "below_min_n"}
  nlohmann::json ToJson() const;
};

PublishedCount PublishCount(std::int64_t count, const SuppressionPolicy& policy);

}  // namespace pl::privacy
