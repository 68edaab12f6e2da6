#include "http/request.hpp"

#include <gtest/gtest.h>

namespace pl::http {
namespace {

TEST(PercentDecodeTest, DecodesEscapesAndOptionallyPlus) {
  EXPECT_EQ(*PercentDecode("a%20b%2Fc", false), "a b/c");
  EXPECT_EQ(*PercentDecode("%e2%9c%93", false), "\xe2\x9c\x93");
  EXPECT_EQ(*PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(*PercentDecode("a+b", true), "a b");
  EXPECT_EQ(*PercentDecode("", true), "");
}

TEST(PercentDecodeTest, RejectsBadEscapes) {
  for (const char* bad : {"%", "%4", "%zz", "a%g0", "abc%"}) {
    auto decoded = PercentDecode(bad, false);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(ParseTargetTest, SplitsPathAndQuery) {
  Request request;
  ASSERT_TRUE(ParseTarget("/api/v1/caf%C3%A9s?q=san+jos%C3%A9&tag=a&tag=b&flag&&x=", request).ok());
  EXPECT_EQ(request.target, "/api/v1/caf%C3%A9s?q=san+jos%C3%A9&tag=a&tag=b&flag&&x=");
  EXPECT_EQ(request.path, "/api/v1/caf\xc3\xa9s");
  EXPECT_EQ(request.Query("q"), "san jos\xc3\xa9");
  EXPECT_EQ(request.Query("tag"), "b");  // last one wins
  EXPECT_EQ(request.QueryAll("tag"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(request.Query("flag"), "");
  EXPECT_EQ(request.Query("x"), "");
  EXPECT_EQ(request.Query("missing"), std::nullopt);
  EXPECT_EQ(request.query_pairs.size(), 5u);
}

TEST(ParseTargetTest, PlusIsLiteralInThePath) {
  Request request;
  ASSERT_TRUE(ParseTarget("/a+b%2Bc?k=%2B", request).ok());
  EXPECT_EQ(request.path, "/a+b+c");
  EXPECT_EQ(request.Query("k"), "+");
}

TEST(ParseTargetTest, RejectsNonOriginFormBadEscapesAndNul) {
  for (const char* bad : {"", "*", "http://example.org/", "nopath", "/a%zz", "/a?q=%4",
                          "/a%00b"}) {
    Request request;
    Status status = ParseTarget(bad, request);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(RequestTest, HeaderLookupIsCaseInsensitive) {
  Request request;
  request.headers["content-type"] = "application/json";
  EXPECT_EQ(request.Header("Content-Type"), "application/json");
  EXPECT_EQ(request.Header("CONTENT-TYPE"), "application/json");
  EXPECT_EQ(request.Header("x-missing"), "");
}

}  // namespace
}  // namespace pl::http
