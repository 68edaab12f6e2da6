#include <gtest/gtest.h>

#include "privacy/privacy.hpp"

namespace pl::privacy {
namespace {

TEST(PublishCountTest, CountsBelowMinimumAreWithheld) {
  SuppressionPolicy policy;  // min n 11
  for (std::int64_t n : {1, 5, 10}) {
    auto p = PublishCount(n, policy);
    EXPECT_TRUE(p.suppressed()) << n;
    EXPECT_EQ(p.ToJson(), (nlohmann::json{{"value", nullptr}, {"suppressed", true}, {"reason", "below_min_n"}}));
  }
  for (std::int64_t n : {11, 12, 1000000}) {
    auto p = PublishCount(n, policy);
    EXPECT_FALSE(p.suppressed()) << n;
    EXPECT_EQ(p.ToJson(), (nlohmann::json{{"value", n}, {"suppressed", false}}));
  }
}

TEST(PublishCountTest, ZeroIsPublishedAsInLaunchBoardPractice) {
  EXPECT_FALSE(PublishCount(0, {}).suppressed());
}

TEST(PublishCountTest, MinimumIsNeverBelowOne) {
  EXPECT_FALSE(PublishCount(1, {.min_n = 0}).suppressed());
  EXPECT_FALSE(PublishCount(1, {.min_n = -5}).suppressed());
  EXPECT_TRUE(PublishCount(2, {.min_n = 3}).suppressed());
}

}  // namespace
}  // namespace pl::privacy
