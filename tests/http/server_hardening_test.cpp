// Attacks on the server over real loopback sockets: security headers on
// every kind of response, header and body limits, slow clients, malformed
// HTTP. After every attack the server must still serve a normal request, and
// no client garbage may produce a 5xx.
#include "http/server.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "http/internal/wire.hpp"
#include "http/loopback_client.hpp"
#include "http/running_server.hpp"
#include "http/static_site.hpp"

namespace pl::http {
namespace {

using namespace std::chrono_literals;
using test::ClientResponse;
using test::Fetch;
using test::LoopbackClient;
using test::RunningServer;

constexpr std::size_t kBodyLimit = 1024;
constexpr std::size_t kHeaderLimit = 2048;

Router TestRouter() {
  Router router;
  router.Add("GET", "/api/v1/hello", [](const Request&) {
    return Response::Json(200, {{"hello", "world"}});
  });
  router.Add("GET", "/api/v1/refuse", [](const Request&) {
    return Response::Error(PermissionDenied("not for you"));
  });
  router.Add("POST", "/api/v1/echo", [](const Request& request) {
    return Response::Json(201, {{"body", request.body}});
  });
  return router;
}

ServerConfig Limits() {
  ServerConfig config;
  config.max_body_bytes = kBodyLimit;
  config.max_header_bytes = kHeaderLimit;
  config.request_timeout = 1s;
  return config;
}

void ExpectServes(std::uint16_t port) {
  auto response = Fetch(port, "GET", "/api/v1/hello");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Json()["hello"], "world");
}

// ---------------------------------------------------------------------------
// Security headers

struct ExpectedHeader {
  const char* name;
  const char* value;
};

constexpr ExpectedHeader kSecurityHeaders[] = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
     "form-action 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
};

void ExpectSecurityHeaders(const ClientResponse& response, bool tls, std::string_view what) {
  for (const ExpectedHeader& header : kSecurityHeaders) {
    EXPECT_EQ(response.Header(header.name), header.value) << what << ": " << header.name;
  }
  EXPECT_EQ(response.Header("Strict-Transport-Security"), tls ? "max-age=31536000" : "")
      << what;
}

class SecurityHeadersTest : public ::testing::TestWithParam<bool> {
 protected:
  ServerConfig Config() {
    ServerConfig config = Limits();
    config.static_dir = site_.root().string();
    config.tls = GetParam();
    return config;
  }
  test::StaticSite site_;
  RunningServer server_{TestRouter(), Config()};
};

TEST_P(SecurityHeadersTest, OnEveryKindOfResponse) {
  bool tls = GetParam();
  std::uint16_t port = server_.port();
  struct Case {
    const char* what;
    int status;
    ClientResponse response;
  };
  LoopbackClient malformed(port);
  malformed.WriteRaw("GET / HTTP/1.1\r\nBad Header\r\n\r\n");
  Case cases[] = {
      {"json", 200, Fetch(port, "GET", "/api/v1/hello")},
      {"head json", 200, Fetch(port, "HEAD", "/api/v1/hello")},
      {"static file", 200, Fetch(port, "GET", "/app.js")},
      {"static index", 200, Fetch(port, "GET", "/")},
      {"handler error", 403, Fetch(port, "GET", "/api/v1/refuse")},
      {"api 404", 404, Fetch(port, "GET", "/api/v1/nothing")},
      {"static 404", 404, Fetch(port, "GET", "/assets/missing-0000.js")},
      {"405", 405, Fetch(port, "DELETE", "/api/v1/hello")},
      {"traversal 400", 400, Fetch(port, "GET", "/%2e%2e/secret.txt")},
      {"malformed 400", 400, malformed.Read()},
      {"413", 413, Fetch(port, "POST", "/api/v1/echo", std::string(kBodyLimit + 1, 'x'))},
      {"431", 431, Fetch(port, "GET", "/api/v1/hello", "",
                         {{"X-Big", std::string(kHeaderLimit, 'z')}})},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.response.status, c.status) << c.what;
    ExpectSecurityHeaders(c.response, tls, c.what);
  }
}

INSTANTIATE_TEST_SUITE_P(PlainAndTls, SecurityHeadersTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Tls" : "Plain"; });

TEST(SecurityHeadersWireTest, HandlerCannotWeakenThem) {
  Response response = Response::Json(200, {});
  response.headers.emplace_back("Content-Security-Policy", "default-src *");
  response.headers.emplace_back("X-Frame-Options", "ALLOWALL");
  internal::WireResponse wire = internal::ToWire(std::move(response), 11, false, true, false);
  EXPECT_EQ(internal::ToStd(wire["Content-Security-Policy"]), internal::kContentSecurityPolicy);
  EXPECT_EQ(internal::ToStd(wire["X-Frame-Options"]), "DENY");
  EXPECT_EQ(std::distance(wire.equal_range("X-Frame-Options").first,
                          wire.equal_range("X-Frame-Options").second),
            1);
}

// ---------------------------------------------------------------------------
// Limits

class LimitsTest : public ::testing::Test {
 protected:
  RunningServer server_{TestRouter(), Limits()};
};

TEST_F(LimitsTest, ConfigDefaultsAndValidation) {
  ServerConfig config;
  EXPECT_EQ(config.max_header_bytes, 16u * 1024);
  EXPECT_FALSE(config.tls);
  config.max_header_bytes = 0;
  EXPECT_NE(config.Validate().message().find("max_header_bytes"), std::string::npos);
  config.max_header_bytes = std::size_t{1} << 33;
  EXPECT_NE(config.Validate().message().find("max_header_bytes"), std::string::npos);
}

TEST_F(LimitsTest, HeaderSectionUnderTheLimitIsServed) {
  auto response =
      Fetch(server_.port(), "GET", "/api/v1/hello", "", {{"X-Pad", std::string(1024, 'a')}});
  EXPECT_EQ(response.status, 200);
}

// Each way of making the header section big: one huge field, many small
// fields, a huge target, a huge cookie. 431 or closed, then still serving.
TEST_F(LimitsTest, HeaderSectionOverTheLimitIs431) {
  std::string many;
  for (int i = 0; i < 500; ++i) many += "X-F" + std::to_string(i) + ": v\r\n";
  const std::string attacks[] = {
      "GET /api/v1/hello HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4096, 'z') + "\r\n\r\n",
      "GET /api/v1/hello HTTP/1.1\r\nHost: x\r\n" + many + "\r\n",
      "GET /api/v1/hello?q=" + std::string(4096, 'q') + " HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /api/v1/hello HTTP/1.1\r\nHost: x\r\nCookie: sid=" + std::string(4096, 'c') +
          "\r\n\r\n",
      // Never terminated: the limit must trip before the blank line arrives.
      "GET /api/v1/hello HTTP/1.1\r\nHost: x\r\nX-Endless: " + std::string(8192, 'e'),
  };
  for (const std::string& raw : attacks) {
    LoopbackClient client(server_.port());
    client.WriteRaw(raw);
    std::optional<ClientResponse> response = client.TryRead();
    if (response) {
      EXPECT_EQ(response->status, 431) << raw.substr(0, 60);
      EXPECT_EQ(response->Json()["error"]["code"], "headers_too_large");
    }
    EXPECT_TRUE(client.ClosedByServer(5s));
    ExpectServes(server_.port());
  }
}

TEST_F(LimitsTest, BodyOverTheLimitIs413AndTheServerGoesOn) {
  const std::string attacks[] = {
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: " +
          std::to_string(kBodyLimit + 1) + "\r\n\r\n" + std::string(kBodyLimit + 1, 'b'),
      // Announced huge, nothing sent: refused from the header alone.
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1099511627776\r\n\r\n",
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "400\r\n" + std::string(1024, 'c') + "\r\n1\r\nc\r\n0\r\n\r\n",
      // One chunk claiming more than the limit.
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "100000\r\n" + std::string(2048, 'c'),
  };
  for (const std::string& raw : attacks) {
    LoopbackClient client(server_.port());
    client.WriteRaw(raw);
    ClientResponse response = client.Read();
    EXPECT_EQ(response.status, 413) << raw.substr(0, 80);
    EXPECT_EQ(response.Json()["error"]["code"], "payload_too_large");
    ExpectServes(server_.port());
  }
}

// ---------------------------------------------------------------------------
// Slow clients (request_timeout is 1 s here)

// Waits (at most 5 s) until the server closes `client`; the time from `since`.
std::chrono::steady_clock::duration TimeUntilClosed(LoopbackClient& client,
                                                    std::chrono::steady_clock::time_point since) {
  EXPECT_TRUE(client.ClosedByServer(5s));
  return std::chrono::steady_clock::now() - since;
}

TEST_F(LimitsTest, HalfAHeaderThenSilenceIsCutOff) {
  auto started = std::chrono::steady_clock::now();
  LoopbackClient slow(server_.port());
  slow.WriteRaw("GET /api/v1/hello HTTP/1.1\r\nHost: x\r\nX-Half: ");
  ExpectServes(server_.port());  // meanwhile
  auto elapsed = TimeUntilClosed(slow, started);
  EXPECT_GE(elapsed, 900ms);
  EXPECT_LT(elapsed, 3s);
}

TEST_F(LimitsTest, HalfABodyThenSilenceIsCutOff) {
  auto started = std::chrono::steady_clock::now();
  LoopbackClient slow(server_.port());
  slow.WriteRaw("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nhalf");
  ExpectServes(server_.port());
  EXPECT_LT(TimeUntilClosed(slow, started), 3s);
}

TEST_F(LimitsTest, IdleKeepAliveConnectionIsClosed) {
  LoopbackClient idle(server_.port());
  EXPECT_EQ(idle.Send("GET", "/api/v1/hello").status, 200);
  auto started = std::chrono::steady_clock::now();
  EXPECT_LT(TimeUntilClosed(idle, started), 3s);
}

TEST_F(LimitsTest, TricklingClientIsCutOffDespiteSteadyProgress) {
  // One byte every 100 ms never lets a per-read timeout expire; the deadline
  // covers the whole request, so it must still end after about 1 s.
  const std::string request = "GET /api/v1/hello HTTP/1.1\r\nHost: x\r\nX-Slow: " +
                              std::string(100, 's') + "\r\n\r\n";
  LoopbackClient slow(server_.port());
  auto started = std::chrono::steady_clock::now();
  bool write_failed = false;
  for (char byte : request) {
    try {
      slow.WriteRaw(std::string_view(&byte, 1));
    } catch (const std::runtime_error&) {
      write_failed = true;  // the server closed; the kernel answered with RST
      break;
    }
    if (std::chrono::steady_clock::now() - started > 5s) break;
    std::this_thread::sleep_for(100ms);
  }
  if (!write_failed) {
    EXPECT_TRUE(slow.ClosedByServer(1s));
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 4s);
  ExpectServes(server_.port());
}

TEST(StalledClientsTest, DoNotBlockOthers) {
  // A long timeout here: were the server blocked by the stalled connections,
  // the other requests would wait the full 10 s.
  ServerConfig config = Limits();
  config.request_timeout = 10s;
  RunningServer server(TestRouter(), config);
  std::vector<std::unique_ptr<LoopbackClient>> stalled;
  for (int i = 0; i < 50; ++i) {
    stalled.push_back(std::make_unique<LoopbackClient>(server.port()));
    stalled.back()->WriteRaw(i % 2 == 0 ? "GET /api/v1/hello HTTP/1.1\r\n"
                                        : "POST /api/v1/echo HTTP/1.1\r\nContent-Length: 9\r\n\r\nab");
  }
  for (int i = 0; i < 5; ++i) {
    auto before = std::chrono::steady_clock::now();
    ExpectServes(server.port());
    EXPECT_LT(std::chrono::steady_clock::now() - before, 2s);
  }
  EXPECT_TRUE(server.Stop());  // stalled connections do not hold up a stop either
}

// ---------------------------------------------------------------------------
// Malformed HTTP

struct Malformed {
  const char* what;
  std::string bytes;
};

std::string Post(std::string_view extra_headers, std::string_view body) {
  return "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\n" + std::string(extra_headers) + "\r\n" +
         std::string(body);
}

std::vector<Malformed> MalformedRequests() {
  using namespace std::string_literals;
  return {
      {"text garbage", "GARBAGE\r\n\r\n"},
      {"binary garbage", "\x00\xff\xfe\x01\r\n\r\n"s},
      {"TLS client hello", "\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n"s},
      {"random bytes", "\x8f\x12\xd3 \x7f\x80\x00 \xfe\r\n\r\n"s},
      {"request line without target", "GET\r\nHost: x\r\n\r\n"},
      {"request line without version", "GET /api/v1/hello\r\nHost: x\r\n\r\n"},
      {"bad protocol name", "GET /api/v1/hello HTTX/1.1\r\nHost: x\r\n\r\n"},
      {"HTTP/9.9", "GET /api/v1/hello HTTP/9.9\r\nHost: x\r\n\r\n"},
      {"HTTP/1.x", "GET /api/v1/hello HTTP/1.x\r\nHost: x\r\n\r\n"},
      {"two spaces in request line", "GET  /api/v1/hello HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"space in target", "GET /api/v1 hello HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"control byte in target", "GET /api/\x01v1 HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"NUL in target", "GET /api/\0v1 HTTP/1.1\r\nHost: x\r\n\r\n"s},
      {"bad method characters", "G(T /api/v1/hello HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"absolute-form target", "GET http://evil.example/api/v1/hello HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"asterisk target on GET", "GET * HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"bad percent escape", "GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"truncated percent escape", "GET /api/v1/hello% HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"bad escape in query", "GET /api/v1/hello?q=%g0 HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"header without colon", "GET /api/v1/hello HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n"},
      {"space in header name", "GET /api/v1/hello HTTP/1.1\r\nBad Name: v\r\n\r\n"},
      {"space before colon", "GET /api/v1/hello HTTP/1.1\r\nHost : x\r\n\r\n"},
      {"empty header name", "GET /api/v1/hello HTTP/1.1\r\n: v\r\n\r\n"},
      {"NUL in header value", "GET /api/v1/hello HTTP/1.1\r\nX-A: a\0b\r\n\r\n"s},
      {"NUL in header name", "GET /api/v1/hello HTTP/1.1\r\nX-\0A: b\r\n\r\n"s},
      {"bare CR in header value", "GET /api/v1/hello HTTP/1.1\r\nX-A: a\rb\r\n\r\n"},
      {"DEL in header value", "GET /api/v1/hello HTTP/1.1\r\nX-A: a\x7f\r\n\r\n"},
      {"non-numeric Content-Length", Post("Content-Length: abc\r\n", "abc")},
      {"negative Content-Length", Post("Content-Length: -1\r\n", "x")},
      {"Content-Length with space", Post("Content-Length: 1 2\r\n", "x")},
      {"Content-Length overflow",
       Post("Content-Length: 99999999999999999999999999\r\n", "x")},
      {"hex Content-Length", Post("Content-Length: 0x5\r\n", "hello")},
      {"two different Content-Lengths", Post("Content-Length: 5\r\nContent-Length: 6\r\n",
                                             "hello!")},
      {"Content-Length list", Post("Content-Length: 5, 6\r\n", "hello!")},
      {"Content-Length and chunked",
       Post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\n\r\n")},
      {"chunked and Content-Length",
       Post("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", "5\r\nhello\r\n0\r\n\r\n")},
      {"chunked twice", Post("Transfer-Encoding: chunked, chunked\r\n",
                             "5\r\nhello\r\n0\r\n\r\n")},
      {"unknown transfer coding last", Post("Transfer-Encoding: chunked, gzip\r\n", "hello")},
      {"undecodable coding before chunked",
       Post("Transfer-Encoding: gzip, chunked\r\n", "5\r\nhello\r\n0\r\n\r\n")},
      {"two Transfer-Encoding fields",
       Post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
            "5\r\nhello\r\n0\r\n\r\n")},
      {"identity transfer coding", Post("Transfer-Encoding: identity\r\n", "hello")},
      {"look-alike transfer coding", Post("Transfer-Encoding: xchunked\r\n", "hello")},
      {"smuggled request after chunked, chunked",
       Post("Transfer-Encoding: chunked, chunked\r\n",
            "0\r\n\r\nGET /api/v1/refuse HTTP/1.1\r\nHost: x\r\n\r\n")},
      {"non-hex chunk size", Post("Transfer-Encoding: chunked\r\n", "zz\r\nhello\r\n0\r\n\r\n")},
      {"negative chunk size", Post("Transfer-Encoding: chunked\r\n", "-5\r\nhello\r\n0\r\n\r\n")},
      {"chunk data without CRLF",
       Post("Transfer-Encoding: chunked\r\n", "5\r\nhelloXX0\r\n\r\n")},
      {"chunk size line without CRLF", Post("Transfer-Encoding: chunked\r\n", "5 hello\r\n\r\n")},
      {"chunk size overflow",
       Post("Transfer-Encoding: chunked\r\n", "ffffffffffffffffffff\r\nhello\r\n0\r\n\r\n")},
      {"bad chunk extension", Post("Transfer-Encoding: chunked\r\n",
                                   "5;\x01\r\nhello\r\n0\r\n\r\n")},
      {"bad trailer", Post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\nNoColon\r\n\r\n")},
      {"HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"},
      {"HTTP/2 preface and SETTINGS frame",
       "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x00\x04\x00\x00\x00\x00\x00"s},
  };
}

TEST_F(LimitsTest, MalformedRequestsAre400OrClosedAndNeverCrash) {
  int refused = 0;
  for (const Malformed& attack : MalformedRequests()) {
    SCOPED_TRACE(attack.what);
    LoopbackClient client(server_.port());
    client.WriteRaw(attack.bytes);
    std::optional<ClientResponse> response = client.TryRead();
    if (response) {
      EXPECT_EQ(response->status, 400) << response->body;
      EXPECT_EQ(response->Json()["error"]["code"], "invalid_argument");
      // The stream cannot be trusted to frame another request.
      EXPECT_TRUE(client.ClosedByServer(5s));
    }
    ++refused;
    ExpectServes(server_.port());
  }
  EXPECT_EQ(refused, 52);
  ASSERT_TRUE(server_.Stop());
  std::string log = server_.Log();
  EXPECT_EQ(log.find("uncaught"), std::string::npos) << log;
  EXPECT_EQ(log.find("threw"), std::string::npos) << log;
  EXPECT_EQ(log.find(" 500 "), std::string::npos) << log;
}

TEST_F(LimitsTest, PlainChunkedBodiesStillWork) {
  for (const char* coding : {"chunked", "Chunked", " chunked "}) {
    LoopbackClient client(server_.port());
    client.WriteRaw(Post(std::string("Transfer-Encoding:") + coding + "\r\n",
                         "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"));
    ClientResponse response = client.Read();
    EXPECT_EQ(response.status, 201) << coding;
    EXPECT_EQ(response.Json()["body"], "hello world") << coding;
  }
}

TEST_F(LimitsTest, GarbageAfterAGoodRequestOnOneConnection) {
  LoopbackClient client(server_.port());
  EXPECT_EQ(client.Send("GET", "/api/v1/hello").status, 200);
  client.WriteRaw("\x16\x03\x01 garbage\r\n\r\n");
  std::optional<ClientResponse> response = client.TryRead();
  if (response) {
    EXPECT_EQ(response->status, 400);
  }
  ExpectServes(server_.port());
}

TEST_F(LimitsTest, ClientVanishingMidRequestIsHarmless) {
  for (std::string_view partial : {std::string_view("GET /api/v1/hel"),
                                   std::string_view("POST /api/v1/echo HTTP/1.1\r\n"
                                                    "Content-Length: 10\r\n\r\nabc")}) {
    {
      LoopbackClient client(server_.port());
      client.WriteRaw(partial);
    }  // closed here
    ExpectServes(server_.port());
  }
}

}  // namespace
}  // namespace pl::http
