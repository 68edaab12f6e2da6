#include "privacy/privacy.hpp"

#include <algorithm>

namespace pl::privacy {

PublishedCount PublishCount(std::int64_t count, const SuppressionPolicy& policy) {
  // A policy below 1 would publish everything; clamp rather than trust it.
  std::int64_t min_n = std::max<std::int64_t>(1, policy.min_n);
  // Zero is published: "no students" reveals nothing about any student.
  if (count == 0 || count >= min_n) return {count, ""};
  return {std::nullopt, "below_min_n"};
}

nlohmann::json PublishedCount::ToJson() const {
  if (suppressed()) return {{"value", nullptr}, {"suppressed", true}, {"reason", reason}};
  return {{"value", *value}, {"suppressed", false}};
}

}  // namespace pl::privacy
