#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include "http/static_site.hpp"

namespace pl::http {
namespace {

std::string HeaderOf(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

class StaticFilesTest : public ::testing::Test {
 protected:
  Response Get(std::string_view target, std::string method = "GET") {
    Request request;
    request.method = std::move(method);
    EXPECT_TRUE(ParseTarget(target, request).ok()) << target;
    return files_.Serve(request);
  }
  test::StaticSite site_;
  StaticFiles files_ = *StaticFiles::Open(site_.root());
};

TEST(ContentTypeTest, KnowsTheFrontEndTypes) {
  EXPECT_EQ(ContentTypeForExtension(".html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeForExtension(".js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeForExtension(".mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeForExtension(".css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeForExtension(".json"), "application/json");
  EXPECT_EQ(ContentTypeForExtension(".map"), "application/json");
  EXPECT_EQ(ContentTypeForExtension(".svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeForExtension(".png"), "image/png");
  EXPECT_EQ(ContentTypeForExtension(".jpg"), "image/jpeg");
  EXPECT_EQ(ContentTypeForExtension(".ico"), "image/x-icon");
  EXPECT_EQ(ContentTypeForExtension(".woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeForExtension(".txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(ContentTypeForExtension(".webmanifest"), "application/manifest+json");
  EXPECT_EQ(ContentTypeForExtension(".wasm"), "application/wasm");
  EXPECT_EQ(ContentTypeForExtension(".HTML"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeForExtension(".bin"), "application/octet-stream");
  EXPECT_EQ(ContentTypeForExtension(""), "application/octet-stream");
}

TEST(StaticFilesOpenTest, RejectsAMissingRoot) {
  auto files = StaticFiles::Open("/nonexistent/pathlight/web/dist");
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(files.status().message().find("/nonexistent/pathlight/web/dist"), std::string::npos);
}

TEST(StaticFilesServesTest, OnlyGetAndHeadOutsideApi) {
  auto make = [](std::string method, std::string path) {
    Request request;
    request.method = std::move(method);
    request.path = std::move(path);
    return request;
  };
  EXPECT_TRUE(StaticFiles::Serves(make("GET", "/")));
  EXPECT_TRUE(StaticFiles::Serves(make("HEAD", "/app.js")));
  EXPECT_TRUE(StaticFiles::Serves(make("GET", "/apis")));
  EXPECT_FALSE(StaticFiles::Serves(make("POST", "/")));
  EXPECT_FALSE(StaticFiles::Serves(make("GET", "/api")));
  EXPECT_FALSE(StaticFiles::Serves(make("GET", "/api/v1/x")));
}

TEST_F(StaticFilesTest, ServesFilesWithTheirType) {
  Response response = Get("/app.js");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "content of app.js");
  EXPECT_EQ(response.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(Get("/site.webmanifest").content_type, "application/manifest+json");
  EXPECT_EQ(Get("/engine.wasm").content_type, "application/wasm");
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutableEverythingElseRevalidates) {
  Response asset = Get("/assets/index-3f2a1b.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(HeaderOf(asset, "Cache-Control"), "public, max-age=31536000, immutable");
  Response index = Get("/");
  EXPECT_EQ(index.body, test::kIndexHtml);
  EXPECT_EQ(HeaderOf(index, "Cache-Control"), "no-cache");
  EXPECT_EQ(HeaderOf(Get("/favicon.ico"), "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, DirectoriesServeTheirIndex) {
  EXPECT_EQ(Get("/docs/").body, "<p>docs</p>");
  EXPECT_EQ(Get("/docs").body, "<p>docs</p>");
}

TEST_F(StaticFilesTest, UnknownPathsFallBackToIndex) {
  for (const char* target : {"/organizations/42", "/equity?region=bay", "/deep/a/b/c"}) {
    Response response = Get(target);
    EXPECT_EQ(response.status, 200) << target;
    EXPECT_EQ(response.body, test::kIndexHtml) << target;
    EXPECT_EQ(response.content_type, "text/html; charset=utf-8") << target;
    EXPECT_EQ(HeaderOf(response, "Cache-Control"), "no-cache") << target;
  }
}

TEST_F(StaticFilesTest, MissingHashedAssetIs404NotIndex) {
  Response response = Get("/assets/index-000000.js");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "not_found");
}

TEST_F(StaticFilesTest, RefusesTraversal) {
  for (const char* target :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/assets/..%2f..%2fsecret.txt",
        "/..%5csecret.txt", "/assets%5c..%5c..%5csecret.txt", "/./index.html", "/docs/../../secret.txt",
        "/.%2e/secret.txt", "/.%2e/", "/..%2fsecret.txt", "/%2e%2e/%2e%2e/etc/passwd",
        "/..\\secret.txt", "/docs/..", "/docs/."}) {
    Response response = Get(target);
    EXPECT_TRUE(response.status == 400 || response.status == 404) << target;
    EXPECT_EQ(response.body.find(test::kSecret), std::string::npos) << target;
  }
}

TEST_F(StaticFilesTest, RefusesSymlinksLeavingTheRoot) {
  Response response = Get("/escape.txt");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body.find(test::kSecret), std::string::npos);
}

TEST_F(StaticFilesTest, RefusesSymlinkedDirectoriesLeavingTheRoot) {
  for (const char* target : {"/linked/secret.txt", "/linked/", "/linked", "/linked/index.html",
                             "/linked/missing.txt"}) {
    Response response = Get(target);
    EXPECT_EQ(response.status, 404) << target;
    EXPECT_EQ(response.body.find(test::kSecret), std::string::npos) << target;
  }
}

TEST_F(StaticFilesTest, FollowsSymlinksThatStayInside) {
  Response response = Get("/alias.js");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "content of app.js");
}

TEST_F(StaticFilesTest, RefusesHiddenFilesWithoutFallback) {
  for (const char* target : {"/.env", "/%2eenv", "/.git/config", "/.git/", "/.git",
                             "/assets/.hidden.js", "/.missing", "/docs/.htaccess"}) {
    Response response = Get(target);
    EXPECT_EQ(response.status, 404) << target;
    EXPECT_EQ(response.body.find(test::kSecret), std::string::npos) << target;
    EXPECT_EQ(response.body.find("<title>"), std::string::npos) << target << ": index fallback";
  }
}

TEST_F(StaticFilesTest, DoubleEncodingIsALiteralNameNotTraversal) {
  // "%252e%252e" decodes once, to the file name "%2e%2e": no such file, so
  // the history fallback answers, never the secret.
  Response response = Get("/%252e%252e/%252e%252e/secret.txt");
  EXPECT_EQ(response.body, test::kIndexHtml);
}

}  // namespace
}  // namespace pl::http
