// The server over real loopback connections: routing, protocol errors,
// security headers, the catch-all and the access log.
#include "http/server.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <thread>

#include "http/loopback_client.hpp"
#include "http/running_server.hpp"

namespace pl::http {
namespace {

using test::Fetch;
using test::LoopbackClient;
using test::RunningServer;

Router TestRouter() {
  Router router;
  router.Add("GET", "/api/v1/organizations/{org_id}", [](const Request& request) {
    return Response::Json(200, {{"org_id", request.path_params.at("org_id")},
                                {"path", request.path},
                                {"q", request.Query("q").value_or("")},
                                {"tags", request.QueryAll("tag")}});
  });
  router.Add("POST", "/api/v1/echo", [](const Request& request) {
    return Response::Json(201, {{"body", request.body},
                                {"content_type", request.Header("Content-Type")},
                                {"remote", request.remote_address}});
  });
  router.Add("GET", "/api/v1/boom", [](const Request&) -> Response {
    throw std::runtime_error("table students_private exploded");
  });
  router.Add("GET", "/api/v1/status/{code}", [](const Request& request) {
    auto code = static_cast<StatusCode>(std::stoi(request.path_params.at("code")));
    return Response::Error(Status(code, "walked", {{"code", static_cast<int>(code)}}));
  });
  router.Add("GET", "/api/v1/bad-header", [](const Request&) {
    Response response = Response::Json(200, {{"ok", true}});
    response.headers.emplace_back("X-Injected", "a\r\nSet-Cookie: evil=1");
    return response;
  });
  return router;
}

ServerConfig SmallBodies() {
  ServerConfig config;
  config.max_body_bytes = 1024;
  return config;
}

void ExpectSecurityHeaders(const test::ClientResponse& response) {
  EXPECT_EQ(response.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response.Header("Referrer-Policy"), "no-referrer");
}

void ExpectJsonError(const test::ClientResponse& response, int status, std::string_view code) {
  EXPECT_EQ(response.status, status);
  EXPECT_EQ(response.Header("Content-Type"), "application/json");
  EXPECT_EQ(response.Header("Cache-Control"), "no-store");
  EXPECT_EQ(response.Json()["error"]["code"], code) << response.body;
  ExpectSecurityHeaders(response);
}

class ServerTest : public ::testing::Test {
 protected:
  RunningServer server_{TestRouter(), SmallBodies()};
};

TEST_F(ServerTest, RoutesWithDecodedPathParamsAndQuery) {
  auto response =
      Fetch(server_.port(), "GET", "/api/v1/organizations/org%2042?q=san+jos%C3%A9&tag=a&tag=b");
  EXPECT_EQ(response.status, 200);
  auto body = response.Json();
  EXPECT_EQ(body["org_id"], "org 42");
  EXPECT_EQ(body["path"], "/api/v1/organizations/org 42");
  EXPECT_EQ(body["q"], "san jos\xc3\xa9");
  EXPECT_EQ(body["tags"], nlohmann::json::parse(R"(["a","b"])"));
  EXPECT_EQ(response.Header("Cache-Control"), "no-store");
  ExpectSecurityHeaders(response);
}

TEST_F(ServerTest, PassesBodyHeadersAndRemoteAddress) {
  auto response = Fetch(server_.port(), "POST", "/api/v1/echo", R"({"x":1})",
                        {{"Content-Type", "application/json"}});
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.Json()["body"], R"({"x":1})");
  EXPECT_EQ(response.Json()["content_type"], "application/json");
  EXPECT_EQ(response.Json()["remote"], "127.0.0.1");
}

TEST_F(ServerTest, UnknownPathIsJson404) {
  ExpectJsonError(Fetch(server_.port(), "GET", "/api/v1/nothing"), 404, "not_found");
  ExpectJsonError(Fetch(server_.port(), "GET", "/no-static-dir-configured"), 404, "not_found");
}

TEST_F(ServerTest, WrongMethodIsJson405WithAllow) {
  auto response = Fetch(server_.port(), "DELETE", "/api/v1/echo");
  ExpectJsonError(response, 405, "method_not_allowed");
  EXPECT_EQ(response.Header("Allow"), "POST");
}

TEST_F(ServerTest, HeadSendsGetHeadersWithoutBody) {
  auto get = Fetch(server_.port(), "GET", "/api/v1/organizations/7");
  auto head = Fetch(server_.port(), "HEAD", "/api/v1/organizations/7");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.Header("Content-Length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.Header("Content-Type"), "application/json");
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  LoopbackClient client(server_.port());
  auto first = client.Send("GET", "/api/v1/organizations/1");
  auto second = client.Send("HEAD", "/api/v1/organizations/2");  // no body to frame
  auto third = client.Send("POST", "/api/v1/echo", "hello");
  EXPECT_EQ(first.Json()["org_id"], "1");
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(third.Json()["body"], "hello");
  EXPECT_NE(first.Header("Connection"), "close");
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  LoopbackClient client(server_.port());
  client.WriteRaw(
      "GET /api/v1/organizations/1 HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/v1/organizations/2 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.Read().Json()["org_id"], "1");
  EXPECT_EQ(client.Read().Json()["org_id"], "2");
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  LoopbackClient client(server_.port());
  auto response = client.Send("GET", "/api/v1/organizations/1", "", {{"Connection", "close"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("Connection"), "close");
  EXPECT_TRUE(client.ClosedByServer(std::chrono::seconds(5)));
}

TEST_F(ServerTest, Http10ClosesAfterTheResponse) {
  LoopbackClient client(server_.port());
  client.WriteRaw("GET /api/v1/organizations/1 HTTP/1.0\r\n\r\n");
  EXPECT_EQ(client.Read().Json()["org_id"], "1");
  EXPECT_TRUE(client.ClosedByServer(std::chrono::seconds(5)));
}

TEST_F(ServerTest, BodyAtTheLimitIsAccepted) {
  auto response = Fetch(server_.port(), "POST", "/api/v1/echo", std::string(1024, 'x'));
  EXPECT_EQ(response.status, 201);
}

TEST_F(ServerTest, BodyOverTheLimitIsJson413) {
  LoopbackClient client(server_.port());
  auto response = client.Send("POST", "/api/v1/echo", std::string(64 * 1024, 'x'));
  ExpectJsonError(response, 413, "payload_too_large");
  EXPECT_NE(response.Json()["error"]["message"].get<std::string>().find("1024"),
            std::string::npos);
  EXPECT_EQ(response.Header("Connection"), "close");
  EXPECT_TRUE(client.ClosedByServer(std::chrono::seconds(5)));
}

TEST_F(ServerTest, ClientStillSendingItsBodyStillGetsThe413) {
  // The 413 goes out as soon as the header is read; a client that keeps
  // sending must neither be reset nor lose the response.
  LoopbackClient client(server_.port());
  client.WriteRaw("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n" +
                  std::string(1000, 'x'));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  client.WriteRaw(std::string(199000, 'x'));
  ExpectJsonError(client.Read(), 413, "payload_too_large");
}

TEST_F(ServerTest, ChunkedBodyOverTheLimitIsJson413) {
  LoopbackClient client(server_.port());
  std::string chunk(800, 'y');
  client.WriteRaw("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                  "320\r\n" + chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n");
  ExpectJsonError(client.Read(), 413, "payload_too_large");
}

TEST_F(ServerTest, ExpectContinueGetsInterimResponseOrEarly413) {
  LoopbackClient client(server_.port());
  client.WriteRaw("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                  "Expect: 100-continue\r\n\r\n");
  EXPECT_EQ(client.Read().status, 100);
  client.WriteRaw("hello");
  EXPECT_EQ(client.Read().Json()["body"], "hello");

  LoopbackClient big(server_.port());
  big.WriteRaw("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 999999\r\n"
               "Expect: 100-continue\r\n\r\n");
  ExpectJsonError(big.Read(), 413, "payload_too_large");
}

TEST_F(ServerTest, ThrowingHandlerGives500WithoutLeakingTheText) {
  auto response = Fetch(server_.port(), "GET", "/api/v1/boom");
  ExpectJsonError(response, 500, "internal");
  EXPECT_EQ(response.body.find("students_private"), std::string::npos);
  EXPECT_EQ(response.body.find("exploded"), std::string::npos);
  // The server keeps serving.
  EXPECT_EQ(Fetch(server_.port(), "GET", "/api/v1/organizations/1").status, 200);
  ASSERT_TRUE(server_.Stop());
  EXPECT_NE(server_.Log().find("table students_private exploded"), std::string::npos);
}

TEST_F(ServerTest, HandlerHeaderWithNewlineBecomesA500) {
  auto response = Fetch(server_.port(), "GET", "/api/v1/bad-header");
  ExpectJsonError(response, 500, "internal");
  EXPECT_EQ(response.Header("Set-Cookie"), "");
}

TEST_F(ServerTest, EveryStatusCodeCrossesTheWireWithItsHttpStatus) {
  for (int c = 1; c <= static_cast<int>(StatusCode::kInternal); ++c) {
    auto code = static_cast<StatusCode>(c);
    auto response = Fetch(server_.port(), "GET", "/api/v1/status/" + std::to_string(c));
    ExpectJsonError(response, HttpStatusFor(code), StatusCodeName(code));
    if (response.status >= 500 && code != StatusCode::kUnavailable) {
      EXPECT_EQ(response.Json()["error"]["message"], "internal error; see the server log");
      continue;
    }
    EXPECT_EQ(response.Json()["error"]["message"], "walked");
    EXPECT_EQ(response.Json()["error"]["details"]["code"], c);
  }
}

TEST_F(ServerTest, MalformedRequestsAreJson400) {
  for (const char* raw : {"GARBAGE\r\n\r\n", "GET /x HTTP/9.9\r\n\r\n",
                          "GET nopath HTTP/1.1\r\nHost: x\r\n\r\n",
                          "GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n",
                          "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n",
                          "GET / HTTP/1.1\r\nBad Header\r\n\r\n"}) {
    LoopbackClient client(server_.port());
    client.WriteRaw(raw);
    ExpectJsonError(client.Read(), 400, "invalid_argument");
  }
}

TEST_F(ServerTest, OversizedHeadersAre431) {
  LoopbackClient client(server_.port());
  client.WriteRaw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(32 * 1024, 'z') +
                  "\r\n\r\n");
  ExpectJsonError(client.Read(), 431, "headers_too_large");
}

TEST_F(ServerTest, AccessLogHasOneLinePerRequestAndNoQueryString) {
  Fetch(server_.port(), "GET", "/api/v1/organizations/42?q=maria.lopez%40example.org&tag=x");
  Fetch(server_.port(), "POST", "/api/v1/echo?token=abc", "secret-body");
  ASSERT_TRUE(server_.Stop());
  std::string log = server_.Log();
  // The route's pattern, not the captured value (which can be a student key).
  EXPECT_NE(log.find("GET /api/v1/organizations/{org_id} 200 "), std::string::npos) << log;
  EXPECT_EQ(log.find("/42"), std::string::npos) << log;
  EXPECT_NE(log.find("POST /api/v1/echo 201 "), std::string::npos) << log;
  EXPECT_NE(log.find("ms"), std::string::npos);
  for (const char* leak : {"maria", "example.org", "?q=", "token", "abc", "secret-body", "tag="}) {
    EXPECT_EQ(log.find(leak), std::string::npos) << leak << " in " << log;
  }
  std::size_t lines = 0;
  for (std::size_t at = log.find("/api/v1/organizations/{org_id} "); at != std::string::npos;
       at = log.find("/api/v1/organizations/{org_id} ", at + 1)) {
    ++lines;
  }
  EXPECT_EQ(lines, 1u);
}

TEST(ServerAccessLogTest, CanBeTurnedOff) {
  ServerConfig config;
  config.access_log = false;
  RunningServer server(TestRouter(), config);
  Fetch(server.port(), "GET", "/api/v1/organizations/42");
  ASSERT_TRUE(server.Stop());
  EXPECT_EQ(server.Log().find("/api/v1/organizations"), std::string::npos);
}

}  // namespace
}  // namespace pl::http
