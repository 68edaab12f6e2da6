#include "api/served_api.hpp"

#include <regex>
#include <vector>

#include "accounts/accounts.hpp"

namespace pl::api::test {

using http::test::ClientResponse;
using http::test::Fetch;
using http::test::HeaderList;

void ServedApiTest::MakeDatabase() {
  t_ = pl::testing::MakeTestDatabase(GetParam());
  ASSERT_TRUE(t_);
}

void ServedApiTest::AddAccounts(std::initializer_list<TestAccount> accounts) {
  for (const auto& a : accounts) {
    std::vector<std::string> scopes;
    if (!a.scope.empty()) scopes.push_back(a.scope);
    auto added = accounts::AddUser(*t_->db, {.email = a.email, .role = a.role, .scopes = scopes, .password = kPassword});
    ASSERT_TRUE(added.ok()) << added.status().ToString();
  }
}

void ServedApiTest::Serve(ApiConfig config) {
  auto pool = store::DatabasePool::Open(t_->url, 2);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  pool_ = std::move(pool).value();
  // Files the routes write stay in the test's own folder, unless the test chose others.
  const ApiConfig defaults;
  config.version = "test";
  if (config.snapshot_dir == defaults.snapshot_dir) config.snapshot_dir = (t_->dir / "snapshots").string();
  if (config.imports_dir == defaults.imports_dir) config.imports_dir = (t_->dir / "imports").string();
  http::Router router;
  table_ = std::make_unique<RouteTable>(router, *pool_, AuthConfig{});
  RegisterRoutes(*table_, *pool_, jobs_, config);
  Status declared = CheckEveryRouteDeclared(router, *table_);
  ASSERT_TRUE(declared.ok()) << declared.ToString();
  routes_ = router.Routes();
  server_ = std::make_unique<http::test::RunningServer>(std::move(router));
}

void ServedApiTest::TearDown() {
  jobs_.Wait();
  server_.reset();
  pool_.reset();
}

HeaderList ServedApiTest::SignIn(const std::string& email) {
  ClientResponse r = Fetch(server_->port(), "POST", "/api/v1/auth/session",
                           nlohmann::json{{"email", email}, {"password", kPassword}}.dump(),
                           {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 200) << r.body;
  std::smatch m;
  std::string set_cookie = r.Header("set-cookie");
  static const std::regex kCookie("^(pl_session=[A-Za-z0-9_-]{43});");
  EXPECT_TRUE(std::regex_search(set_cookie, m, kCookie));
  return {{"Cookie", m.empty() ? "" : m[1].str()}, {"X-CSRF-Token", r.Json().value("csrf_token", "")}};
}

ClientResponse ServedApiTest::Call(const std::string& method, const std::string& target, const std::string& body,
                                   HeaderList headers) {
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  ClientResponse r = Fetch(server_->port(), method, target, body, headers);
  const std::string pattern = contract_.PatternOf(target);
  const nlohmann::json* schema = contract_.ResponseSchema(method, pattern, r.status);
  EXPECT_NE(schema, nullptr) << method << " " << pattern << " does not document " << r.status << ": " << r.body;
  if (schema) {
    for (const auto& problem : contract_.Validate(r.Json(), *schema)) ADD_FAILURE() << target << ": " << problem;
  }
  return r;
}

}  // namespace pl::api::test
