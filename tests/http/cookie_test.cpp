// Cookies: Request::Cookie parsing the Cookie header, SetCookieHeader
// building (and refusing) Set-Cookie values.
#include <gtest/gtest.h>

#include <string>

#include "http/internal/wire.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace pl::http {
namespace {

using namespace std::chrono_literals;

Request WithCookieHeader(std::string header) {
  Request request;
  request.headers["cookie"] = std::move(header);
  return request;
}

TEST(RequestCookieTest, AbsentHeaderOrNameIsNullopt) {
  Request request;
  EXPECT_EQ(request.Cookie("sid"), std::nullopt);
  EXPECT_EQ(WithCookieHeader("").Cookie("sid"), std::nullopt);
  EXPECT_EQ(WithCookieHeader("other=1").Cookie("sid"), std::nullopt);
  EXPECT_EQ(WithCookieHeader("=orphan").Cookie(""), std::nullopt);
}

TEST(RequestCookieTest, FindsEachOfSeveralCookies) {
  Request request = WithCookieHeader("sid=abc123; theme=dark; lang=es-MX");
  EXPECT_EQ(request.Cookie("sid"), "abc123");
  EXPECT_EQ(request.Cookie("theme"), "dark");
  EXPECT_EQ(request.Cookie("lang"), "es-MX");
}

TEST(RequestCookieTest, NamesAreCaseSensitiveAndNotPrefixes) {
  Request request = WithCookieHeader("SID=upper; sid_old=x; sid=lower");
  EXPECT_EQ(request.Cookie("sid"), "lower");
  EXPECT_EQ(request.Cookie("SID"), "upper");
  EXPECT_EQ(request.Cookie("Sid"), std::nullopt);
  EXPECT_EQ(request.Cookie("si"), std::nullopt);
}

TEST(RequestCookieTest, FirstMatchWins) {
  EXPECT_EQ(WithCookieHeader("sid=first; sid=second").Cookie("sid"), "first");
}

TEST(RequestCookieTest, PairsWithoutEqualsAreSkipped) {
  Request request = WithCookieHeader("sid; flag; sid=real; junk");
  EXPECT_EQ(request.Cookie("sid"), "real");
  EXPECT_EQ(request.Cookie("flag"), std::nullopt);
  EXPECT_EQ(request.Cookie("junk"), std::nullopt);
}

TEST(RequestCookieTest, EmptyValueIsEmptyNotAbsent) {
  Request request = WithCookieHeader("sid=; theme=dark");
  EXPECT_EQ(request.Cookie("sid"), "");
  EXPECT_EQ(WithCookieHeader("sid=").Cookie("sid"), "");
  EXPECT_EQ(WithCookieHeader("sid=\"\"").Cookie("sid"), "");
}

TEST(RequestCookieTest, WhitespaceAroundPairsNamesAndValuesIsIgnored) {
  Request request = WithCookieHeader("  sid = abc ;\ttheme=dark\t;lang=en;   ");
  EXPECT_EQ(request.Cookie("sid"), "abc");
  EXPECT_EQ(request.Cookie("theme"), "dark");
  EXPECT_EQ(request.Cookie("lang"), "en");
}

TEST(RequestCookieTest, QuotedValuesAreUnquotedOnce) {
  Request request = WithCookieHeader("a=\"quoted value\"; b=\"\"x\"\"; c=\"half; d=x=y");
  EXPECT_EQ(request.Cookie("a"), "quoted value");
  EXPECT_EQ(request.Cookie("b"), "\"x\"");
  EXPECT_EQ(request.Cookie("c"), "\"half");  // unbalanced: kept as sent
  EXPECT_EQ(request.Cookie("d"), "x=y");     // only the first '=' separates
}

TEST(RequestCookieTest, TwoCookieHeadersOnTheWireStaySeparate) {
  internal::WireRequest wire{boost::beast::http::verb::get, "/", 11};
  wire.insert("Cookie", "a=1");
  wire.insert("Cookie", "b=2");
  Result<Request> request = internal::FromWire(wire, "127.0.0.1");
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request->Cookie("a"), "1");
  EXPECT_EQ(request->Cookie("b"), "2");
}

TEST(SetCookieHeaderTest, DefaultsAreASecureSessionCookie) {
  Result<std::string> header = SetCookieHeader({.name = "sid", .value = "abc123"});
  ASSERT_TRUE(header.ok()) << header.status().ToString();
  EXPECT_EQ(*header, "sid=abc123; Path=/; HttpOnly; Secure; SameSite=Lax");
}

TEST(SetCookieHeaderTest, AllAttributes) {
  CookieSpec cookie{.name = "pref",
                    .value = "v1",
                    .path = "/app",
                    .max_age = 3600s,
                    .http_only = false,
                    .secure = false,
                    .same_site = SameSite::kStrict};
  EXPECT_EQ(*SetCookieHeader(cookie), "pref=v1; Path=/app; Max-Age=3600; SameSite=Strict");
}

TEST(SetCookieHeaderTest, DeletionIsMaxAgeZeroWithAnEmptyValue) {
  Result<std::string> header = SetCookieHeader({.name = "sid", .value = "", .max_age = 0s});
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(*header, "sid=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax");
}

TEST(SetCookieHeaderTest, RefusesBadNames) {
  for (const std::string& name :
       {std::string(""), std::string("s id"), std::string("sid;"), std::string("a,b"),
        std::string("a=b"), std::string("tab\t"), std::string("nl\n"), std::string("nul\0", 4),
        std::string("\x7f"), std::string("caf\xc3\xa9"), std::string("(x)")}) {
    Result<std::string> header = SetCookieHeader({.name = name, .value = "v"});
    EXPECT_EQ(header.status().code(), StatusCode::kInvalidArgument) << name;
  }
}

TEST(SetCookieHeaderTest, RefusesBadValues) {
  for (const std::string& value :
       {std::string("a;Domain=evil.example"), std::string("a,b"), std::string("a b"),
        std::string("\"q\""), std::string("back\\slash"), std::string("cr\r\nSet-Cookie: x=1"),
        std::string("tab\t"), std::string("nul\0", 4), std::string("caf\xc3\xa9")}) {
    Result<std::string> header = SetCookieHeader({.name = "sid", .value = value});
    EXPECT_EQ(header.status().code(), StatusCode::kInvalidArgument) << value;
  }
}

TEST(SetCookieHeaderTest, RefusesBadPathsAndNegativeMaxAge) {
  for (const char* path : {"", "app", "/a;Domain=x", "/a\r\nX: y"}) {
    EXPECT_FALSE(SetCookieHeader({.name = "sid", .value = "v", .path = path}).ok()) << path;
  }
  EXPECT_FALSE(SetCookieHeader({.name = "sid", .value = "v", .max_age = -1s}).ok());
}

TEST(SetCookieHeaderTest, AcceptsEveryCookieOctetAndTokenCharacter) {
  std::string octets;
  for (int c = 0x21; c <= 0x7e; ++c) {
    if (c != '"' && c != ',' && c != ';' && c != '\\') octets.push_back(static_cast<char>(c));
  }
  Result<std::string> header =
      SetCookieHeader({.name = "A-z_0.9!#$%&'*+^`|~", .value = octets});
  ASSERT_TRUE(header.ok()) << header.status().ToString();
  EXPECT_EQ(WithCookieHeader("A-z_0.9!#$%&'*+^`|~=" + octets).Cookie("A-z_0.9!#$%&'*+^`|~"),
            octets);
}

}  // namespace
}  // namespace pl::http
