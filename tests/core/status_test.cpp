#include "core/status.hpp"

#include <gtest/gtest.h>

#include <set>

namespace pl {
namespace {

Result<int> ParsePositive(int v) {
  if (v <= 0) return InvalidArgument("expected a positive number: " + std::to_string(v));
  return v;
}

Result<int> Doubled(int v) {
  PL_ASSIGN_OR_RETURN(int x, ParsePositive(v));
  return 2 * x;
}

Status Check(int v) {
  PL_RETURN_IF_ERROR(ParsePositive(v).status());
  return Status::Ok();
}

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, CarriesCodeMessageAndDetails) {
  Status s = NotFound("unknown county FIPS: 06999", {{"field", "county_fips"}});
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.ToString(), "not_found: unknown county FIPS: 06999");
  EXPECT_EQ(s.details()["field"], "county_fips");
}

TEST(StatusTest, EveryCodeHasADistinctName) {
  std::set<std::string_view> names;
  for (int c = 0; c <= static_cast<int>(StatusCode::kInternal); ++c) {
    auto name = StatusCodeName(static_cast<StatusCode>(c));
    EXPECT_NE(name, "unknown");
    names.insert(name);
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(StatusCode::kInternal) + 1);
}

TEST(ResultTest, PropagatesValuesAndErrors) {
  auto good = Doubled(21);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 42);
  auto bad = Doubled(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("-1"), std::string::npos);
  EXPECT_TRUE(Check(3).ok());
  EXPECT_EQ(Check(0).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace pl
