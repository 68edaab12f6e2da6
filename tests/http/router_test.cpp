#include "http/router.hpp"

#include <gtest/gtest.h>

namespace pl::http {
namespace {

Handler Named(std::string name) {
  return [name](const Request& request) {
    nlohmann::json params = request.path_params;
    return Response::Json(200, {{"handler", name}, {"params", params}});
  };
}

Request Make(std::string method, std::string_view target) {
  Request request;
  request.method = std::move(method);
  EXPECT_TRUE(ParseTarget(target, request).ok()) << target;
  return request;
}

nlohmann::json Body(const Response& response) { return nlohmann::json::parse(response.body); }

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    router_.Add("GET", "/api/v1/organizations", Named("list"));
    router_.Add("POST", "/api/v1/organizations", Named("create"));
    router_.Add("GET", "/api/v1/organizations/{org_id}", Named("get"));
    router_.Add("GET", "/api/v1/organizations/search", Named("search"));
    router_.Add("DELETE", "/api/v1/organizations/{org_id}/members/{member_id}", Named("remove"));
  }
  Response Dispatch(std::string method, std::string_view target) {
    Request request = Make(std::move(method), target);
    return router_.Dispatch(request);
  }
  Router router_;
};

TEST_F(RouterTest, CapturesAndDecodesPathParams) {
  Response response = Dispatch("DELETE", "/api/v1/organizations/org%2042/members/a%2Fb");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(Body(response)["handler"], "remove");
  EXPECT_EQ(Body(response)["params"]["org_id"], "org 42");
  // An encoded slash stays inside its segment.
  EXPECT_EQ(Body(response)["params"]["member_id"], "a/b");
}

TEST_F(RouterTest, MatchesOnMethod) {
  EXPECT_EQ(Body(Dispatch("GET", "/api/v1/organizations"))["handler"], "list");
  EXPECT_EQ(Body(Dispatch("POST", "/api/v1/organizations"))["handler"], "create");
}

TEST_F(RouterTest, LiteralSegmentBeatsCapture) {
  EXPECT_EQ(Body(Dispatch("GET", "/api/v1/organizations/search"))["handler"], "search");
  EXPECT_EQ(Body(Dispatch("GET", "/api/v1/organizations/searching"))["handler"], "get");
}

TEST_F(RouterTest, UnknownPathIsJson404) {
  for (const char* target : {"/api/v1/nothing", "/api/v1/organizations/", "/api/v1",
                             "/api/v1/organizations/x/members"}) {
    Response response = Dispatch("GET", target);
    EXPECT_EQ(response.status, 404) << target;
    EXPECT_EQ(Body(response)["error"]["code"], "not_found") << target;
  }
}

TEST_F(RouterTest, OtherMethodIsJson405WithAllow) {
  Response response = Dispatch("PUT", "/api/v1/organizations");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(Body(response)["error"]["code"], "method_not_allowed");
  EXPECT_EQ(Body(response)["error"]["details"]["allowed"],
            nlohmann::json::parse(R"(["GET","HEAD","POST"])"));
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].first, "Allow");
  EXPECT_EQ(response.headers[0].second, "GET, HEAD, POST");
}

TEST_F(RouterTest, HeadRunsTheGetHandler) {
  Response response = Dispatch("HEAD", "/api/v1/organizations/7");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(Body(response)["handler"], "get");  // the server drops the body on the wire
}

TEST_F(RouterTest, MatchesReportsKnownPathsWhateverTheMethod) {
  EXPECT_TRUE(router_.Matches(Make("PATCH", "/api/v1/organizations/7")));
  EXPECT_FALSE(router_.Matches(Make("GET", "/app/organizations/7")));
}

TEST_F(RouterTest, WorksFromPathAloneWhenTargetIsEmpty) {
  Request request;
  request.method = "GET";
  request.path = "/api/v1/organizations/a b";
  EXPECT_EQ(Body(router_.Dispatch(request))["params"]["org_id"], "a b");
}

TEST_F(RouterTest, RoutesListsEveryRouteInOrder) {
  auto routes = router_.Routes();
  ASSERT_EQ(routes.size(), 5u);
  EXPECT_EQ(routes[0], (std::pair<std::string, std::string>{"GET", "/api/v1/organizations"}));
  EXPECT_EQ(routes[4].first, "DELETE");
  EXPECT_EQ(routes[4].second, "/api/v1/organizations/{org_id}/members/{member_id}");
}

TEST_F(RouterTest, AddingTheSameRouteAgainReplacesItsHandler) {
  router_.Add("GET", "/api/v1/organizations", Named("list2"));
  EXPECT_EQ(router_.Routes().size(), 5u);
  EXPECT_EQ(Body(Dispatch("GET", "/api/v1/organizations"))["handler"], "list2");
}

TEST_F(RouterTest, HandlerExceptionsPropagateToTheServer) {
  router_.Add("GET", "/boom", [](const Request&) -> Response { throw std::runtime_error("x"); });
  EXPECT_THROW(Dispatch("GET", "/boom"), std::runtime_error);
}

}  // namespace
}  // namespace pl::http
