#include "http/error_mapping.hpp"

#include <gtest/gtest.h>

#include <map>

namespace pl::http {
namespace {

// The whole table, written out once more on purpose: a change to the
// mapping has to change this test too.
const std::map<StatusCode, int> kExpected = {
    {StatusCode::kOk, 200},
    {StatusCode::kInvalidArgument, 400},
    {StatusCode::kNotFound, 404},
    {StatusCode::kAlreadyExists, 409},
    {StatusCode::kFailedPrecondition, 409},
    {StatusCode::kPermissionDenied, 403},
    {StatusCode::kUnauthenticated, 401},
    {StatusCode::kResourceExhausted, 429},
    {StatusCode::kUnavailable, 503},
    {StatusCode::kDataLoss, 500},
    {StatusCode::kInternal, 500},
    {StatusCode::kCancelled, 503},
};

TEST(ErrorMappingTest, EveryStatusCodeHasAnHttpStatus) {
  int last = static_cast<int>(StatusCode::kCancelled);
  ASSERT_EQ(kExpected.size(), static_cast<std::size_t>(last) + 1);
  for (int c = 0; c <= last; ++c) {
    auto code = static_cast<StatusCode>(c);
    EXPECT_EQ(HttpStatusFor(code), kExpected.at(code)) << StatusCodeName(code);
  }
  EXPECT_EQ(HttpStatusFor(static_cast<StatusCode>(last + 1)), 500);
}

TEST(ErrorMappingTest, EveryErrorCodeMakesAnErrorResponse) {
  for (int c = 1; c <= static_cast<int>(StatusCode::kCancelled); ++c) {
    auto code = static_cast<StatusCode>(c);
    Response response = Response::Error(Status(code, "static text: value", {{"field", "x"}}));
    EXPECT_EQ(response.status, kExpected.at(code));
    EXPECT_EQ(response.content_type, "application/json");
    auto body = nlohmann::json::parse(response.body);
    EXPECT_EQ(body["error"]["code"], StatusCodeName(code));
    if (response.status >= 500 && code != StatusCode::kUnavailable) {
      // Server faults keep their internals for the log.
      EXPECT_EQ(body["error"]["message"], "internal error; see the server log");
      EXPECT_FALSE(body["error"].contains("details"));
    } else {
      EXPECT_EQ(body["error"]["message"], "static text: value");
      EXPECT_EQ(body["error"]["details"]["field"], "x");
    }
  }
}

TEST(ErrorMappingTest, NullDetailsAreLeftOut) {
  Response response = Response::Error(NotFound("unknown county FIPS: 06999"));
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(response.status, 404);
  EXPECT_FALSE(body["error"].contains("details"));
  EXPECT_EQ(body, ErrorBody("not_found", "unknown county FIPS: 06999"));
}

TEST(ErrorMappingTest, ErrorFromOkStatusIsAnInternalError) {
  Response response = Response::Error(Status::Ok());
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "internal");
}

TEST(ErrorMappingTest, ProtocolErrorsUseTheSameShape) {
  Response response = ErrorResponse(413, "payload_too_large", "too big");
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(nlohmann::json::parse(response.body),
            nlohmann::json::parse(R"({"error":{"code":"payload_too_large","message":"too big"}})"));
}

TEST(ResponseTest, JsonReplacesInvalidUtf8InsteadOfThrowing) {
  Response response = Response::Json(200, {{"name", std::string("caf\xe9")}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(nlohmann::json::parse(response.body)["name"], "caf\xef\xbf\xbd");
}

}  // namespace
}  // namespace pl::http
