// Static files through the server: types, caching, fallback, precedence of
// routes, traversal attempts written raw on the wire.
#include "http/server.hpp"

#include <gtest/gtest.h>

#include "http/loopback_client.hpp"
#include "http/running_server.hpp"
#include "http/static_site.hpp"

namespace pl::http {
namespace {

using test::Fetch;
using test::LoopbackClient;

Router ApiRouter() {
  Router router;
  router.Add("GET", "/api/v1/organizations/{org_id}", [](const Request& request) {
    return Response::Json(200, {{"org_id", request.path_params.at("org_id")}});
  });
  // Same path as a file in the site: the route must win.
  router.Add("GET", "/robots.txt", [](const Request&) {
    Response response;
    response.content_type = "text/plain; charset=utf-8";
    response.body = "from the router";
    return response;
  });
  router.Add("POST", "/contact", [](const Request&) { return Response::Json(201, {}); });
  return router;
}

class ServerStaticTest : public ::testing::Test {
 protected:
  ServerConfig Config() {
    ServerConfig config;
    config.static_dir = site_.root().string();
    return config;
  }
  test::ClientResponse Raw(const std::string& target) {
    LoopbackClient client(server_.port());
    client.WriteRaw("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    return client.Read();
  }
  test::StaticSite site_;
  test::RunningServer server_{ApiRouter(), Config()};
};

TEST_F(ServerStaticTest, ServesFilesWithTypesAndSecurityHeaders) {
  struct Case {
    const char* path;
    const char* type;
  };
  for (const Case& c : {Case{"/app.js", "text/javascript; charset=utf-8"},
                        Case{"/mod.mjs", "text/javascript; charset=utf-8"},
                        Case{"/styles.css", "text/css; charset=utf-8"},
                        Case{"/data.json", "application/json"},
                        Case{"/logo.svg", "image/svg+xml"},
                        Case{"/img.png", "image/png"},
                        Case{"/photo.jpg", "image/jpeg"},
                        Case{"/favicon.ico", "image/x-icon"},
                        Case{"/font.woff2", "font/woff2"},
                        Case{"/app.js.map", "application/json"},
                        Case{"/site.webmanifest", "application/manifest+json"},
                        Case{"/engine.wasm", "application/wasm"},
                        Case{"/blob.bin", "application/octet-stream"}}) {
    auto response = Fetch(server_.port(), "GET", c.path);
    EXPECT_EQ(response.status, 200) << c.path;
    EXPECT_EQ(response.Header("Content-Type"), c.type) << c.path;
    EXPECT_EQ(response.body, std::string("content of ") + (c.path + 1)) << c.path;
    EXPECT_EQ(response.Header("X-Content-Type-Options"), "nosniff") << c.path;
    EXPECT_EQ(response.Header("Referrer-Policy"), "no-referrer") << c.path;
  }
  // A static JSON file keeps its own caching policy.
  EXPECT_EQ(Fetch(server_.port(), "GET", "/data.json").Header("Cache-Control"), "no-cache");
}

TEST_F(ServerStaticTest, CachingHeaders) {
  auto asset = Fetch(server_.port(), "GET", "/assets/index-3f2a1b.js");
  EXPECT_EQ(asset.Header("Cache-Control"), "public, max-age=31536000, immutable");
  auto index = Fetch(server_.port(), "GET", "/");
  EXPECT_EQ(index.body, test::kIndexHtml);
  EXPECT_EQ(index.Header("Cache-Control"), "no-cache");
  EXPECT_EQ(Fetch(server_.port(), "GET", "/index.html").Header("Cache-Control"), "no-cache");
}

TEST_F(ServerStaticTest, HeadOfAFileHasLengthButNoBody) {
  auto head = Fetch(server_.port(), "HEAD", "/app.js");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.Header("Content-Length"), std::to_string(std::string("content of app.js").size()));
}

TEST_F(ServerStaticTest, HistoryRoutesFallBackToIndex) {
  auto response = Fetch(server_.port(), "GET", "/organizations/42/pathways?tab=grid");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, test::kIndexHtml);
  EXPECT_EQ(response.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(response.Header("Cache-Control"), "no-cache");
}

TEST_F(ServerStaticTest, ApiPathsNeverFallBack) {
  for (const char* path : {"/api/v1/unknown", "/api", "/api/", "/api/v1/organizations/"}) {
    auto response = Fetch(server_.port(), "GET", path);
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_EQ(response.Json()["error"]["code"], "not_found") << path;
    EXPECT_EQ(response.Header("Cache-Control"), "no-store") << path;
  }
  EXPECT_EQ(Fetch(server_.port(), "GET", "/api/v1/organizations/9").Json()["org_id"], "9");
}

TEST_F(ServerStaticTest, MissingHashedAssetIs404) {
  EXPECT_EQ(Fetch(server_.port(), "GET", "/assets/index-000000.js").status, 404);
}

TEST_F(ServerStaticTest, RoutesTakePrecedenceOverFiles) {
  EXPECT_EQ(Fetch(server_.port(), "GET", "/robots.txt").body, "from the router");
  // A route for another method still owns its path: 405, not index.html.
  auto response = Fetch(server_.port(), "GET", "/contact");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.Header("Allow"), "POST");
}

TEST_F(ServerStaticTest, OtherMethodsAreNotServedFromFiles) {
  EXPECT_EQ(Fetch(server_.port(), "POST", "/app.js", "x").status, 404);
  EXPECT_EQ(Fetch(server_.port(), "DELETE", "/index.html").status, 404);
}

// Every target here asks for something outside the root or hidden. Each must
// be refused with 400 or 404, never the content (every secret holds kSecret;
// /etc/passwd holds "root:").
TEST_F(ServerStaticTest, TraversalIsRefusedOnTheWire) {
  int tried = 0;
  for (const char* target :
       {"/../secret.txt", "/../etc/passwd", "/../../../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2fsecret.txt", "/..%2f..%2f..%2f..%2fetc%2fpasswd", "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt", "/.%2e/secret.txt", "/.%2e/", "/%2e./secret.txt",
        "/assets/../../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/..%5csecret.txt",
        "/..\\secret.txt", "/assets\\..\\..\\secret.txt", "/%00", "/index.html%00.js",
        "/%00/../secret.txt", "/escape.txt", "/escape.txt%00", "/linked/secret.txt",
        "/linked/", "/linked", "/linked/index.html", "/.env", "/%2eenv", "/.git/config",
        "/assets/.hidden.js", "/%2e%65nv"}) {
    ++tried;
    auto response = Raw(target);
    EXPECT_EQ(response.body.find(test::kSecret), std::string::npos) << target;
    EXPECT_EQ(response.body.find("root:"), std::string::npos) << target;
    EXPECT_TRUE(response.status == 400 || response.status == 404)
        << target << " gave " << response.status;
    EXPECT_EQ(response.Header("Content-Type"), "application/json") << target;
  }
  EXPECT_EQ(tried, 31);
}

TEST_F(ServerStaticTest, DoubleEncodedTraversalIsJustAnOddName) {
  // Decoded once, "%252e%252e" is the name "%2e%2e"; no such file, so the
  // history fallback answers with index.html, never a file outside.
  for (const char* target : {"/%252e%252e/secret.txt", "/%252e%252e/%252e%252e/etc/passwd",
                             "/%252e%252e%252fsecret.txt"}) {
    auto response = Raw(target);
    EXPECT_EQ(response.body, test::kIndexHtml) << target;
  }
}

}  // namespace
}  // namespace pl::http
