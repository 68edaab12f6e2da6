// Injection probes: every string parameter of every route (documented query
// parameters, path captures, JSON body fields) gets strings that would break
// a query built by concatenation. Each answer must be a 2xx or 4xx, and the
// database must be exactly as before.
#include <cstdio>

#include <gtest/gtest.h>

#include "accounts/accounts.hpp"
#include "api/api.hpp"
#include "api/fixture.hpp"
#include "api/openapi_contract.hpp"
#include "http/loopback_client.hpp"
#include "http/running_server.hpp"
#include "http/request.hpp"
#include "store/query.hpp"

namespace pl::api::test {
namespace {

using http::test::ClientResponse;
using http::test::Fetch;
using http::test::HeaderList;
using pl::testing::Backend;

const std::vector<std::string>& Payloads() {
  static const auto* payloads = new std::vector<std::string>{
      "' OR '1'='1",
      "'; DROP TABLE student; --",
      "\" OR \"\"=\"",
      "1) UNION SELECT password_hash, email FROM app_user --",
      "%' OR 1=1 --",
      "S1' --",
      "\\'; SELECT pg_sleep(5); --",
      "$(id)`id`",
      "../../etc/passwd",
      "<script>alert(1)</script>",
      std::string(5000, 'A'),
      "\xc3\x28",  // invalid UTF-8
  };
  return *payloads;
}

std::string Encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

class InjectionTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    t_ = pl::testing::MakeTestDatabase(GetParam());
    ASSERT_TRUE(t_);
    ImportFixture(*t_);
    for (auto [email, role, scope] : {std::tuple{"admin@example.test", privacy::Role::kAdministrator, ""},
                                      std::tuple{"analyst@example.test", privacy::Role::kInstitutionAnalyst, "DIST-1"}}) {
      std::vector<std::string> scopes;
      if (*scope) scopes.push_back(scope);
      auto added = accounts::AddUser(*t_->db, {.email = email, .role = role, .scopes = scopes,
                                               .password = "injection-test-password"});
      ASSERT_TRUE(added.ok()) << added.status().ToString();
    }
    auto pool = store::DatabasePool::Open(t_->url, 2);
    ASSERT_TRUE(pool.ok());
    pool_ = std::move(pool).value();
    http::Router router;
    table_ = std::make_unique<RouteTable>(router, *pool_, AuthConfig{});
    RegisterRoutes(*table_, *pool_, jobs_, {.version = "test", .snapshot_dir = (t_->dir / "snapshots").string()});
    server_ = std::make_unique<http::test::RunningServer>(std::move(router));
    // The analytics routes answer 503 until their snapshot is built: build
    // it first, so the probes reach the handlers.
    (void)Fetch(server_->port(), "GET", "/api/v1/equity?outcome=completer&group=gender");
    jobs_.Wait();
  }
  void TearDown() override {
    jobs_.Wait();
    server_.reset();
    pool_.reset();
  }

  // Bearer tokens: no CSRF token needed, and the probes reach the handlers of
  // both the administrator's and the analyst's routes.
  std::string Token(const std::string& email) {
    auto user = accounts::FindUserByEmail(*t_->db, email);
    EXPECT_TRUE(user.ok());
    auto token = accounts::CreateApiToken(*t_->db, user->user_id, "probe", {});
    EXPECT_TRUE(token.ok()) << token.status().ToString();
    return token->secret;
  }

  // Row counts of the tables a successful injection would change.
  std::string Fingerprint() {
    std::string out;
    for (const char* table : {"organization", "student", "student_year", "import_batch", "user_scope"}) {
      auto n = store::QueryInteger(*t_->db, std::string("SELECT count(*) FROM ") + table);
      out += std::string(table) + "=" + (n.ok() ? std::to_string(*n) : n.status().ToString()) + " ";
    }
    return out;
  }

  OpenApiContract contract_{std::string(PL_SOURCE_DIR) + "/docs/openapi.yaml"};
  std::unique_ptr<pl::testing::TestDatabase> t_;
  std::unique_ptr<store::DatabasePool> pool_;
  jobs::JobRegistry jobs_;
  std::unique_ptr<RouteTable> table_;
  std::unique_ptr<http::test::RunningServer> server_;
};

TEST_P(InjectionTest, EveryStringParameterOfEveryRoute) {
  std::string before = Fingerprint();
  std::vector<HeaderList> callers = {{{"Authorization", "Bearer " + Token("admin@example.test")}},
                                     {{"Authorization", "Bearer " + Token("analyst@example.test")}}};
  int probes = 0;
  auto check = [&](const std::string& method, const std::string& target, const std::string& body,
                   const HeaderList& headers) {
    HeaderList h = headers;
    if (!body.empty()) h.emplace_back("Content-Type", "application/json");
    ClientResponse r = Fetch(server_->port(), method, target, body, h);
    EXPECT_LT(r.status, 500) << method << " " << target.substr(0, 200) << " " << body.substr(0, 200) << " -> "
                             << r.body.substr(0, 300);
    ++probes;
  };
  for (const auto& [route, permission] : table_->permissions()) {
    const auto& [method, pattern] = route;
    // Signing out would end nothing here (bearer), but skip it: it has no parameters.
    std::vector<std::string> params = contract_.QueryParameters(method, pattern);
    for (const auto& payload : Payloads()) {
      for (const auto& headers : callers) {
        // Path captures.
        std::string target = pattern;
        bool has_capture = false;
        for (std::size_t open; (open = target.find('{')) != std::string::npos;) {
          target.replace(open, target.find('}', open) - open + 1, Encode(payload));
          has_capture = true;
        }
        if (has_capture) check(method, target, "", headers);
        // Query parameters, one at a time.
        std::string base = pattern;
        for (std::size_t open; (open = base.find('{')) != std::string::npos;) {
          base.replace(open, base.find('}', open) - open + 1, "SCH-1");
        }
        for (const auto& name : params) check(method, base + "?" + name + "=" + Encode(payload), "", headers);
        // JSON bodies: every field of the routes that take one.
        if (method == "POST" || method == "PATCH") {
          for (const char* field : {"email", "password", "name", "role", "display_name"}) {
            nlohmann::json body = {{"email", "x@example.test"}, {"password", "not-the-password"},
                                   {"name", "probe"}, {"role", "member"}};
            body[field] = payload;
            check(method, base, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), headers);
          }
          nlohmann::json scoped = {{"email", "y@example.test"}, {"role", "institution_analyst"},
                                   {"scopes", {payload}}};
          check(method, base, scoped.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), headers);
        }
      }
    }
  }
  EXPECT_GT(probes, 500);
  std::printf("%d injection probes over %zu routes\n", probes, table_->permissions().size());
  // The data is untouched, and no account was made from an injected e-mail
  // or scope (the probes may create tokens and the one valid test user).
  EXPECT_EQ(Fingerprint(), before);
  auto odd = store::QueryInteger(*t_->db,
                                 "SELECT count(*) FROM app_user WHERE email NOT IN "
                                 "('admin@example.test', 'analyst@example.test', 'x@example.test')");
  EXPECT_EQ(*odd, 0);
  auto table = store::QueryInteger(*t_->db, "SELECT count(*) FROM audit_log");
  EXPECT_TRUE(table.ok()) << "audit_log still exists";
}

INSTANTIATE_TEST_SUITE_P(Backends, InjectionTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         pl::testing::BackendName);

}  // namespace
}  // namespace pl::api::test
