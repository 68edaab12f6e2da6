// Who may call what: every route x every role over real HTTP on both
// backends, CSRF and same-origin checks, sessions, API tokens, and
// student-level access with its audit trail.
#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "accounts/accounts.hpp"
#include "api/api.hpp"
#include "api/fixture.hpp"
#include "http/loopback_client.hpp"
#include "http/running_server.hpp"
#include "integration/test_database.hpp"
#include "store/query.hpp"

namespace pl::api::test {
namespace {

using http::test::ClientResponse;
using http::test::Fetch;
using http::test::HeaderList;
using pl::testing::Backend;
using privacy::Permission;
using privacy::Role;
using ::testing::HasSubstr;

// The permission each route must declare, written out independently of
// routes.cpp: a new route fails RoutesDeclareTheExpectedPermissions until it
// is added here, with the rights it should have.
const std::map<std::pair<std::string, std::string>, Permission>& ExpectedPermissions() {
  static const auto* table = new std::map<std::pair<std::string, std::string>, Permission>{
      {{"GET", "/api/v1/health"}, Permission::kPublic},
      {{"GET", "/api/v1/reference/regions"}, Permission::kPublic},
      {{"GET", "/api/v1/reference/counties"}, Permission::kPublic},
      {{"GET", "/api/v1/reference/sectors"}, Permission::kPublic},
      {{"GET", "/api/v1/reference/occupations"}, Permission::kPublic},
      {{"GET", "/api/v1/reference/programs"}, Permission::kPublic},
      {{"GET", "/api/v1/organizations"}, Permission::kPublic},
      {{"GET", "/api/v1/organizations/{org_id}"}, Permission::kPublic},
      {{"GET", "/api/v1/stats/overview"}, Permission::kPublic},
      {{"GET", "/api/v1/stats/counties"}, Permission::kPublic},
      {{"GET", "/api/v1/jobs"}, Permission::kPublic},
      {{"GET", "/api/v1/jobs/{job_id}"}, Permission::kPublic},
      {{"POST", "/api/v1/imports/{kind}"}, Permission::kImport},
      {{"GET", "/api/v1/imports/{batch_id}/rejects"}, Permission::kImport},
      {{"GET", "/api/v1/auth/session"}, Permission::kPublic},
      {{"POST", "/api/v1/auth/session"}, Permission::kPublic},
      {{"DELETE", "/api/v1/auth/session"}, Permission::kAccount},
      {{"GET", "/api/v1/auth/tokens"}, Permission::kAccount},
      {{"POST", "/api/v1/auth/tokens"}, Permission::kAccount},
      {{"DELETE", "/api/v1/auth/tokens/{token_id}"}, Permission::kAccount},
      {{"GET", "/api/v1/users"}, Permission::kManageUsers},
      {{"POST", "/api/v1/users"}, Permission::kManageUsers},
      {{"PATCH", "/api/v1/users/{user_id}"}, Permission::kManageUsers},
      {{"POST", "/api/v1/users/{user_id}/password-reset"}, Permission::kManageUsers},
      {{"GET", "/api/v1/audit"}, Permission::kReadAudit},
      {{"GET", "/api/v1/students"}, Permission::kStudentRecords},
      {{"GET", "/api/v1/students/{student_key}"}, Permission::kStudentRecords},
      {{"POST", "/api/v1/query"}, Permission::kPublic},
      {{"POST", "/api/v1/query/columns"}, Permission::kPublic},
      {{"GET", "/api/v1/equity"}, Permission::kPublic},
      {{"GET", "/api/v1/labor/gap"}, Permission::kPublic},
      {{"GET", "/api/v1/labor/occupations/{soc}"}, Permission::kPublic},
      {{"GET", "/api/v1/pathways/{code}/grid"}, Permission::kPublic},
      {{"PUT", "/api/v1/pathways/{code}/grid"}, Permission::kEditPathways},
      {{"GET", "/api/v1/pathways/{code}/grid/history"}, Permission::kPublic},
      {{"POST", "/api/v1/plans"}, Permission::kPublic},
  };
  return *table;
}

// Which roles hold which permission, written out independently of
// access.cpp.
bool Expected(Role role, Permission p) {
  switch (p) {
    case Permission::kPublic: return true;
    case Permission::kAccount:
    case Permission::kCommunity: return role != Role::kAnonymous;
    case Permission::kEmployerWbl: return role == Role::kEmployer;
    case Permission::kStudentRecords: return role == Role::kInstitutionAnalyst;
    case Permission::kImport: return role == Role::kInstitutionAnalyst || role == Role::kAdministrator;
    case Permission::kManageUsers:
    case Permission::kReadAudit:
    case Permission::kManageReference: return role == Role::kAdministrator;
    case Permission::kEditPathways: return role == Role::kInstitutionAnalyst || role == Role::kAdministrator;
  }
  return false;
}

constexpr const char* kPassword = "correct horse battery staple";

struct Account {
  Role role;
  std::string email;
  std::vector<std::string> scopes;
};

const std::vector<Account>& Accounts() {
  static const auto* accounts = new std::vector<Account>{
      {Role::kMember, "member@example.test", {}},
      {Role::kEmployer, "employer@example.test", {"SCH-2"}},
      {Role::kInstitutionAnalyst, "analyst@example.test", {"DIST-1"}},
      {Role::kRegionalAnalyst, "regional@example.test", {"ccc/cvml"}},
      {Role::kStateAnalyst, "state@example.test", {}},
      {Role::kAdministrator, "admin@example.test", {}},
  };
  return *accounts;
}

// A signed-in browser: the session cookie and the CSRF token.
struct Browser {
  std::string cookie;  // "pl_session=..."
  std::string csrf;
  HeaderList Headers(bool with_csrf = true) const {
    HeaderList h;
    if (!cookie.empty()) h.emplace_back("Cookie", cookie);
    if (with_csrf && !csrf.empty()) h.emplace_back("X-CSRF-Token", csrf);
    return h;
  }
};

class AccessTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    t_ = pl::testing::MakeTestDatabase(GetParam());
    ASSERT_TRUE(t_);
    ImportFixture(*t_);
    for (const auto& a : Accounts()) {
      auto added = accounts::AddUser(*t_->db, {.email = a.email, .role = a.role, .scopes = a.scopes, .password = kPassword});
      ASSERT_TRUE(added.ok()) << a.email << ": " << added.status().ToString();
      ids_[a.role] = added->user.user_id;
    }
    auto pool = store::DatabasePool::Open(t_->url, 2);
    ASSERT_TRUE(pool.ok()) << pool.status().ToString();
    pool_ = std::move(pool).value();
    http::Router router;
    table_ = std::make_unique<RouteTable>(router, *pool_, AuthConfig{});
    RegisterRoutes(*table_, *pool_, jobs_, {.version = "test", .imports_dir = (t_->dir / "imports").string(), .snapshot_dir = (t_->dir / "snapshots").string()});
    ASSERT_TRUE(CheckEveryRouteDeclared(router, *table_).ok());
    std::filesystem::create_directories(t_->dir / "uploads");
    http::ServerConfig config;
    config.upload_dir = (t_->dir / "uploads").string();
    config.max_upload_bytes = 64 << 10;
    config.upload_gate = table_->UploadGate();
    server_ = std::make_unique<http::test::RunningServer>(std::move(router), config);
  }
  void TearDown() override {
    jobs_.Wait();  // a snapshot job uses the pool
    server_.reset();
    pool_.reset();
  }

  ClientResponse Call(const std::string& method, const std::string& target, const std::string& body = "",
                      const HeaderList& headers = {}) {
    HeaderList h = headers;
    if (!body.empty()) h.emplace_back("Content-Type", "application/json");
    return Fetch(server_->port(), method, target, body, h);
  }

  Browser SignIn(const std::string& email, const std::string& password = kPassword) {
    ClientResponse r = Call("POST", "/api/v1/auth/session",
                            nlohmann::json{{"email", email}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 200) << email << ": " << r.body;
    Browser b;
    std::smatch m;
    std::string set_cookie = r.Header("set-cookie");
    static const std::regex kCookie("^(pl_session=[A-Za-z0-9_-]{43});");
    EXPECT_TRUE(std::regex_search(set_cookie, m, kCookie)) << set_cookie;
    if (!m.empty()) b.cookie = m[1];
    b.csrf = r.Json().value("csrf_token", "");
    return b;
  }

  std::string AuditActions() {
    auto rows = store::QueryJson(*t_->db, "SELECT action FROM audit_log ORDER BY audit_id");
    std::string out;
    for (const auto& row : *rows) out += row["action"].get<std::string>() + " ";
    return out;
  }

  std::unique_ptr<pl::testing::TestDatabase> t_;
  std::unique_ptr<store::DatabasePool> pool_;
  jobs::JobRegistry jobs_;
  std::unique_ptr<RouteTable> table_;
  std::unique_ptr<http::test::RunningServer> server_;
  std::map<Role, long long> ids_;
};

TEST_P(AccessTest, RoutesDeclareTheExpectedPermissions) {
  std::map<std::pair<std::string, std::string>, Permission> declared = table_->permissions();
  for (const auto& [route, permission] : declared) {
    auto it = ExpectedPermissions().find(route);
    if (it == ExpectedPermissions().end()) {
      ADD_FAILURE() << route.first << " " << route.second << " has no entry in the access test's table";
      continue;
    }
    EXPECT_EQ(privacy::PermissionName(permission), privacy::PermissionName(it->second))
        << route.first << " " << route.second;
  }
  for (const auto& [route, permission] : ExpectedPermissions()) {
    EXPECT_TRUE(declared.contains(route)) << route.first << " " << route.second << " is expected but not served";
  }
}

TEST_P(AccessTest, RouteDeclaredOutsideTheTableStopsTheServer) {
  http::Router router;
  RouteTable table(router, *pool_, {});
  RegisterRoutes(table, *pool_, jobs_, {.version = "test", .snapshot_dir = (t_->dir / "snapshots").string()});
  router.Add("GET", "/api/v1/backdoor", [](const http::Request&) { return http::Response::Json(200, {}); });
  Status s = CheckEveryRouteDeclared(router, table);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("GET /api/v1/backdoor"));
}

// A concrete request for each route: path values within the callers' scope
// and bodies that pass validation where that matters, so an allowed role
// reaches the handler and a refused one is stopped before it.
struct Probe {
  std::string target;
  std::string body;
};
Probe ProbeFor(const std::pair<std::string, std::string>& route, long long member_id) {
  std::string target = route.second;
  auto replace = [&](const std::string& from, const std::string& to) {
    auto pos = target.find(from);
    if (pos != std::string::npos) target.replace(pos, from.size(), to);
  };
  replace("{org_id}", "SCH-1");
  replace("{job_id}", "no-such-job");
  replace("{token_id}", "999999");
  replace("{user_id}", std::to_string(member_id));
  replace("{student_key}", "S1");
  replace("{soc}", "29-2061");
  // Allowed callers get past the checks to the body: none here, so 415.
  replace("{kind}", "student_years");
  replace("{batch_id}", "no-such-batch");
  // Grids of the region of the analyst's district (Fresno: CVML); allowed
  // editors reach the body check (none: 400).
  replace("{code}", "HSM-04");
  if (target.starts_with("/api/v1/pathways/")) target += "?region=CVML";
  std::string body;
  if (route == std::pair<std::string, std::string>{"POST", "/api/v1/auth/session"}) {
    body = nlohmann::json{{"email", "member@example.test"}, {"password", kPassword}}.dump();
  } else if (route.second == "/api/v1/auth/tokens" && route.first == "POST") {
    body = R"({"name": "matrix"})";
  } else if (route.first == "POST" && route.second == "/api/v1/users") {
    body = R"({"email": "new@example.test", "role": "member"})";
  } else if (route.first == "PATCH") {
    body = R"({"display_name_unused": true})";
  }
  return {target, body};
}

TEST_P(AccessTest, EveryRouteForEveryRole) {
  std::vector<Role> roles{Role::kAnonymous};
  for (const auto& a : Accounts()) roles.push_back(a.role);
  // Signing out ends the session, so it goes last.
  std::vector<std::pair<std::string, std::string>> routes;
  for (const auto& [route, p] : ExpectedPermissions()) routes.push_back(route);
  std::stable_partition(routes.begin(), routes.end(), [](const auto& r) {
    return !(r.first == "DELETE" && r.second == "/api/v1/auth/session");
  });
  int checked = 0;
  for (Role role : roles) {
    Browser browser;
    if (role != Role::kAnonymous) {
      auto account = std::find_if(Accounts().begin(), Accounts().end(), [&](const Account& a) { return a.role == role; });
      browser = SignIn(account->email);
    }
    for (const auto& route : routes) {
      Permission needed = ExpectedPermissions().at(route);
      Probe probe = ProbeFor(route, ids_[Role::kMember]);
      ClientResponse r = Call(route.first, probe.target, probe.body, browser.Headers());
      std::string where = std::string(privacy::RoleName(role)) + " " + route.first + " " + probe.target + " -> " +
                          std::to_string(r.status) + " " + r.body;
      if (Expected(role, needed)) {
        EXPECT_NE(r.status, 401) << where;
        EXPECT_NE(r.status, 403) << where;
        EXPECT_LT(r.status, 500) << where;
      } else {
        EXPECT_EQ(r.status, role == Role::kAnonymous ? 401 : 403) << where;
        EXPECT_EQ(r.Json()["error"]["code"], role == Role::kAnonymous ? "unauthenticated" : "permission_denied")
            << where;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(roles.size() * ExpectedPermissions().size()));
}

// Imports over HTTP: a scoped analyst's rows outside DIST-1 (and its schools)
// are rejected with the scope reason; the report is the job's result.
HeaderList Upload(const Browser& b, const std::string& type = "multipart/form-data; boundary=XyZ") {
  HeaderList h = b.Headers();
  h.emplace_back("Content-Type", type);
  return h;
}

std::string MultipartCsv(const std::string& csv) {
  return "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../sy.csv\"\r\n"
         "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--XyZ--\r\n";
}

TEST_P(AccessTest, ImportsOverHttpAreScopedReportedAndAudited) {
  Browser analyst = SignIn("analyst@example.test");
  std::string csv = "student_key,school_year,org_id,grade_level\n"
                    "S1,2025-26,SCH-1,12\n"      // in scope (a school of DIST-1)
                    "S2,2025-26,SCH-2,12\n"      // another organization
                    "S3,2025-26,SCH-1,12\n";     // in scope
  ClientResponse started = Fetch(server_->port(), "POST", "/api/v1/imports/student_years", MultipartCsv(csv), Upload(analyst));
  ASSERT_EQ(started.status, 202) << started.body;
  std::string job_id = started.Json()["job_id"];
  EXPECT_EQ(started.Header("location"), "/api/v1/jobs/" + job_id);
  jobs_.Wait();
  nlohmann::json job = Fetch(server_->port(), "GET", "/api/v1/jobs/" + job_id, "", analyst.Headers()).Json();
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  const nlohmann::json& result = job["result"];
  EXPECT_EQ(result["file"], "sy.csv");
  EXPECT_EQ(result["rows_read"], 3);
  EXPECT_EQ(result["rows_stored"], 2);
  EXPECT_EQ(result["rows_rejected"], 1);
  EXPECT_FALSE(result.contains("rejects_file"));
  // The public sees no result.
  EXPECT_TRUE(Fetch(server_->port(), "GET", "/api/v1/jobs/" + job_id).Json()["result"].is_null());
  EXPECT_EQ(*store::QueryInteger(*t_->db, "SELECT count(*) FROM student_year WHERE school_year = 2026"), 2);

  std::string url = result["rejects_url"];
  ClientResponse rejects = Fetch(server_->port(), "GET", url, "", analyst.Headers());
  ASSERT_EQ(rejects.status, 200) << rejects.body;
  EXPECT_EQ(rejects.Header("content-type").rfind("text/csv", 0), 0u);
  EXPECT_NE(rejects.Header("content-disposition").find("attachment"), std::string::npos);
  EXPECT_NE(rejects.body.find("3,org_id,SCH-2,organization SCH-2 is outside your scope"), std::string::npos) << rejects.body;
  // Someone else's rejects hold student-level rows: refused even to an
  // administrator, who has no student-level access.
  EXPECT_EQ(Fetch(server_->port(), "GET", url, "", SignIn("admin@example.test").Headers()).status, 403);
  ASSERT_TRUE(accounts::AddUser(*t_->db, {.email = "other@example.test", .role = Role::kInstitutionAnalyst,
                                          .scopes = {"DIST-1"}, .password = kPassword}).ok());
  EXPECT_EQ(Fetch(server_->port(), "GET", url, "", SignIn("other@example.test").Headers()).status, 403);
  EXPECT_EQ(Fetch(server_->port(), "GET", url).status, 401);

  std::string actions = AuditActions();
  EXPECT_NE(actions.find("imports.create"), std::string::npos) << actions;
  EXPECT_NE(actions.find("imports.rejects_read"), std::string::npos) << actions;
  auto stored = store::QueryInteger(*t_->db, "SELECT row_count FROM audit_log WHERE action = 'imports.create'");
  EXPECT_EQ(*stored, 2);
}

// Program awards name their institution: an institution analyst imports
// them for their own organizations only.
TEST_P(AccessTest, ProgramAwardsImportsAreScopedToTheAnalystsOrganizations) {
  Browser analyst = SignIn("analyst@example.test");
  std::string csv = "org_id,code_system,program_code,award_level,academic_year,awards,source\n"
                    "SCH-1,TOP,1230.20,certificate_long,2024,12,test\n"   // in scope
                    "SCH-2,TOP,1230.20,certificate_long,2024,7,test\n";   // another organization
  ClientResponse started =
      Fetch(server_->port(), "POST", "/api/v1/imports/program_awards", MultipartCsv(csv), Upload(analyst));
  ASSERT_EQ(started.status, 202) << started.body;
  jobs_.Wait();
  nlohmann::json job =
      Fetch(server_->port(), "GET", "/api/v1/jobs/" + std::string(started.Json()["job_id"]), "", analyst.Headers())
          .Json();
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["result"]["rows_stored"], 1);
  EXPECT_EQ(job["result"]["rows_rejected"], 1);
  EXPECT_EQ(*store::QueryInteger(*t_->db, "SELECT count(*) FROM program_awards WHERE org_id = 'SCH-1'"), 1);
  EXPECT_EQ(*store::QueryInteger(*t_->db, "SELECT count(*) FROM program_awards WHERE org_id = 'SCH-2'"), 0);
}

TEST_P(AccessTest, ImportsRefuseWrongCallersKindsAndBodies) {
  Browser analyst = SignIn("analyst@example.test");
  std::string body = MultipartCsv("student_key\nS1\n");
  auto post = [&](const std::string& kind, const std::string& b, const HeaderList& h) {
    return Fetch(server_->port(), "POST", "/api/v1/imports/" + kind, b, h).status;
  };
  EXPECT_EQ(post("students", body, Upload(Browser{})), 401);
  EXPECT_EQ(post("students", body, Upload(SignIn("member@example.test"))), 403);
  EXPECT_EQ(post("sectors", body, Upload(analyst)), 403);       // reference data: administrators only
  EXPECT_EQ(post("labor_demand", body, Upload(analyst)), 403);  // regional labor data: administrators only
  EXPECT_EQ(post("living_wage", body, Upload(analyst)), 403);
  EXPECT_EQ(post("no_such_kind", body, Upload(analyst)), 404);
  EXPECT_EQ(post("students", "a,b\n", Upload(analyst, "text/csv")), 415);
  EXPECT_EQ(post("students", body, Upload(analyst, "multipart/form-data")), 400);  // no boundary
  EXPECT_EQ(post("students", "--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--XyZ--", Upload(analyst)), 400);
  EXPECT_EQ(post("students", MultipartCsv(std::string(70 << 10, 'a')), Upload(analyst)), 413);
  EXPECT_TRUE(std::filesystem::is_empty(t_->dir / "uploads"));
}

TEST_P(AccessTest, UploadsAreRefusedOnTheirHeaderBeforeAnyBodyIsStored) {
  // The header announces 60 KB; none of it is sent. A refused caller gets
  // the answer at once and nothing reaches the upload folder.
  for (bool member : {false, true}) {
    Browser b = member ? SignIn("member@example.test") : Browser{};
    std::string head = "POST /api/v1/imports/students HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: 60000\r\n";
    for (const auto& [name, value] : b.Headers()) head += name + ": " + value + "\r\n";
    http::test::LoopbackClient client(server_->port());
    client.WriteRaw(head + "\r\n--XyZ\r\n");
    ClientResponse r = client.Read();
    EXPECT_EQ(r.status, member ? 403 : 401) << r.body;
    EXPECT_TRUE(std::filesystem::is_empty(t_->dir / "uploads"));
  }
}

TEST_P(AccessTest, SignInFailuresLookTheSameWhetherOrNotTheAccountExists) {
  ClientResponse wrong = Call("POST", "/api/v1/auth/session", R"({"email":"member@example.test","password":"nope-nope-nope"})");
  ClientResponse unknown = Call("POST", "/api/v1/auth/session", R"({"email":"ghost@example.test","password":"nope-nope-nope"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.body, unknown.body);
  EXPECT_TRUE(wrong.Header("set-cookie").empty());
  ClientResponse malformed = Call("POST", "/api/v1/auth/session", R"({"email": 5})");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.Json()["error"]["details"]["field"], "email");
}

TEST_P(AccessTest, RepeatedFailuresAreThrottledWithRetryAfter) {
  ClientResponse last;
  for (int i = 0; i < 6; ++i) {
    last = Call("POST", "/api/v1/auth/session", R"({"email":"member@example.test","password":"wrong-password!"})");
  }
  EXPECT_EQ(last.status, 429) << last.body;
  EXPECT_FALSE(last.Header("retry-after").empty());
  // Throttled even with the right password, and for an unknown e-mail the answer has the same shape.
  ClientResponse right = Call("POST", "/api/v1/auth/session", nlohmann::json{{"email", "member@example.test"}, {"password", kPassword}}.dump());
  EXPECT_EQ(right.status, 429);
}

TEST_P(AccessTest, SessionCookieIsHttpOnlyLaxAndSignOutEndsIt) {
  ClientResponse r = Call("POST", "/api/v1/auth/session",
                          nlohmann::json{{"email", "member@example.test"}, {"password", kPassword}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  std::string cookie = r.Header("set-cookie");
  EXPECT_THAT(cookie, HasSubstr("HttpOnly"));
  EXPECT_THAT(cookie, HasSubstr("SameSite=Lax"));
  EXPECT_THAT(cookie, HasSubstr("Path=/"));
  EXPECT_THAT(cookie, ::testing::Not(HasSubstr("Secure")));  // plain HTTP here
  Browser b = SignIn("member@example.test");
  EXPECT_EQ(Call("GET", "/api/v1/auth/session", "", b.Headers()).Json()["signed_in"], true);
  ClientResponse out = Call("DELETE", "/api/v1/auth/session", "", b.Headers());
  EXPECT_EQ(out.status, 200);
  EXPECT_THAT(out.Header("set-cookie"), HasSubstr("Max-Age=0"));
  EXPECT_EQ(Call("GET", "/api/v1/auth/session", "", b.Headers()).Json()["signed_in"], false);
  EXPECT_EQ(Call("GET", "/api/v1/auth/tokens", "", b.Headers()).status, 401);
  // The stored session is a hash, not the cookie's token.
  std::string token = b.cookie.substr(std::string("pl_session=").size());
  auto stored = store::QueryInteger(*t_->db, "SELECT count(*) FROM user_session WHERE token_hash = :p0",
                                    {store::Param::Text(token)});
  EXPECT_EQ(*stored, 0);
}

TEST_P(AccessTest, CookieWritesNeedTheCsrfTokenAndTheSameOrigin) {
  Browser admin = SignIn("admin@example.test");
  std::string body = R"({"name": "csrf probe"})";
  ClientResponse no_token = Call("POST", "/api/v1/auth/tokens", body, admin.Headers(false));
  EXPECT_EQ(no_token.status, 403);
  EXPECT_EQ(no_token.Json()["error"]["details"]["check"], "csrf");
  HeaderList wrong = admin.Headers(false);
  wrong.emplace_back("X-CSRF-Token", std::string(43, 'A'));
  EXPECT_EQ(Call("POST", "/api/v1/auth/tokens", body, wrong).status, 403);
  HeaderList foreign = admin.Headers();
  foreign.emplace_back("Origin", "https://attacker.example");
  ClientResponse cross = Call("POST", "/api/v1/auth/tokens", body, foreign);
  EXPECT_EQ(cross.status, 403);
  EXPECT_EQ(cross.Json()["error"]["details"]["check"], "origin");
  // As a browser sends them: Host with the port, Origin the page's origin.
  HeaderList same = admin.Headers();
  same.emplace_back("Host", "127.0.0.1:" + std::to_string(server_->port()));
  same.emplace_back("Origin", "http://127.0.0.1:" + std::to_string(server_->port()));
  EXPECT_EQ(Call("POST", "/api/v1/auth/tokens", body, same).status, 201);
  EXPECT_EQ(Call("POST", "/api/v1/auth/tokens", body, admin.Headers()).status, 201);
  // Reads need no token.
  EXPECT_EQ(Call("GET", "/api/v1/auth/tokens", "", admin.Headers(false)).status, 200);
  // Sign-in from another site's page is refused (login CSRF).
  ClientResponse login = Call("POST", "/api/v1/auth/session",
                              nlohmann::json{{"email", "member@example.test"}, {"password", kPassword}}.dump(),
                              {{"Origin", "https://attacker.example"}});
  EXPECT_EQ(login.status, 403);
}

TEST_P(AccessTest, ApiTokensAuthenticateWithoutCsrfAndKeepTheirPermissions) {
  Browser analyst = SignIn("analyst@example.test");
  ClientResponse created = Call("POST", "/api/v1/auth/tokens", R"({"name": "nightly", "permissions": ["account"]})",
                                analyst.Headers());
  ASSERT_EQ(created.status, 201) << created.body;
  std::string secret = created.Json()["secret"];
  EXPECT_TRUE(secret.starts_with("plt_")) << secret;
  HeaderList bearer{{"Authorization", "Bearer " + secret}};
  EXPECT_EQ(Call("GET", "/api/v1/auth/tokens", "", bearer).status, 200);
  // The role may read students, this token may not.
  EXPECT_EQ(Call("GET", "/api/v1/students", "", bearer).status, 403);
  // A token cannot mint tokens.
  EXPECT_EQ(Call("POST", "/api/v1/auth/tokens", R"({"name": "child"})", bearer).status, 403);
  // Asking for a permission the role lacks is refused.
  EXPECT_EQ(Call("POST", "/api/v1/auth/tokens", R"({"name": "x", "permissions": ["users.manage"]})",
                 analyst.Headers()).status, 400);
  long long id = created.Json()["token_id"];
  EXPECT_EQ(Call("DELETE", "/api/v1/auth/tokens/" + std::to_string(id), "", analyst.Headers()).status, 200);
  ClientResponse revoked = Call("GET", "/api/v1/auth/tokens", "", bearer);
  EXPECT_EQ(revoked.status, 401);
  EXPECT_EQ(revoked.Header("www-authenticate"), "Bearer");
  EXPECT_EQ(Call("GET", "/api/v1/health", "", {{"Authorization", "Basic YTpi"}}).status, 401);
}

TEST_P(AccessTest, StudentRecordsStayInScopeAndEveryAccessIsAudited) {
  Browser analyst = SignIn("analyst@example.test");
  // DIST-1 covers SCH-1 (its school): 20 students in 2023-24, 8 in 2024-25.
  ClientResponse list = Call("GET", "/api/v1/students?school_year=2023-24&per_page=100", "", analyst.Headers());
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.Json()["total"], 20);
  nlohmann::json listed = list.Json();
  for (const auto& row : listed["items"]) EXPECT_EQ(row["org_id"], "SCH-1");
  EXPECT_EQ(Call("GET", "/api/v1/students?org_id=SCH-2", "", analyst.Headers()).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/students?school_year=soon", "", analyst.Headers()).status, 400);
  ClientResponse one = Call("GET", "/api/v1/students/S1", "", analyst.Headers());
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.Json()["years"].size(), 2u);
  // S10 studies at SCH-2 only: outside the scope it does not exist.
  ClientResponse outside = Call("GET", "/api/v1/students/S10", "", analyst.Headers());
  ClientResponse missing = Call("GET", "/api/v1/students/NOPE", "", analyst.Headers());
  EXPECT_EQ(outside.status, 404);
  EXPECT_EQ(outside.body, missing.body);
  EXPECT_THAT(AuditActions(), HasSubstr("students.list students.get students.get students.get"));
  auto rows = store::QueryJson(*t_->db,
                               "SELECT actor_user_id, row_count, target FROM audit_log WHERE action = 'students.list'");
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0]["actor_user_id"], ids_[Role::kInstitutionAnalyst]);
  EXPECT_EQ((*rows)[0]["row_count"], 20);
  // The administrator reads the log; nobody changes it.
  Browser admin = SignIn("admin@example.test");
  ClientResponse audit = Call("GET", "/api/v1/audit?action=students.get", "", admin.Headers());
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_EQ(audit.Json()["total"], 3);
  EXPECT_FALSE(t_->db->Execute("UPDATE audit_log SET row_count = 0").ok());
  EXPECT_FALSE(t_->db->Execute("DELETE FROM audit_log").ok());
}

TEST_P(AccessTest, AdministratorsManageUsersAndSeeTheNewPasswordOnce) {
  Browser admin = SignIn("admin@example.test");
  ClientResponse created = Call("POST", "/api/v1/users",
                                R"({"email": "Teacher@Example.test", "role": "institution_analyst", "scopes": ["SCH-2"]})",
                                admin.Headers());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Json()["email"], "teacher@example.test");
  std::string password = created.Json()["password"];
  EXPECT_GE(password.size(), 16u);
  long long id = created.Json()["user_id"];
  EXPECT_EQ(Call("GET", "/api/v1/users", "", admin.Headers()).body.find(password), std::string::npos);
  Browser teacher = SignIn("teacher@example.test", password);
  EXPECT_EQ(Call("GET", "/api/v1/students?org_id=SCH-2", "", teacher.Headers()).status, 200);
  EXPECT_EQ(Call("POST", "/api/v1/users", R"({"email": "x@example.test", "role": "wizard"})", admin.Headers()).status, 400);
  EXPECT_EQ(Call("POST", "/api/v1/users", R"({"email": "teacher@example.test", "role": "member"})", admin.Headers()).status, 409);
  ClientResponse disabled = Call("PATCH", "/api/v1/users/" + std::to_string(id), R"({"active": false})", admin.Headers());
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(disabled.Json()["active"], false);
  // Disabling ends the user's sessions at once.
  EXPECT_EQ(Call("GET", "/api/v1/students?org_id=SCH-2", "", teacher.Headers()).status, 401);
  EXPECT_EQ(Call("PATCH", "/api/v1/users/" + std::to_string(ids_[Role::kAdministrator]), R"({"active": false})",
                 admin.Headers()).status, 400);
  EXPECT_THAT(AuditActions(), HasSubstr("users.create"));
  EXPECT_THAT(AuditActions(), HasSubstr("users.update"));
}

nlohmann::json CountyCell(const ClientResponse& r, const std::string& fips, const char* measure) {
  nlohmann::json body = r.Json();
  for (const auto& c : body["counties"]) {
    if (c["county_fips"] == fips) return c[measure];
  }
  return nullptr;
}

TEST_P(AccessTest, AggregatesAreExactWithinTheViewersScopeOnly) {
  // 2024-25: 8 students, all at SCH-1 in Fresno (region CVML): withheld for the public.
  EXPECT_EQ(Call("GET", "/api/v1/stats/overview").Json()["years"][1]["students"]["suppressed"], true);
  EXPECT_EQ(CountyCell(Call("GET", "/api/v1/stats/counties"), "06019", "students")["suppressed"], true);

  Browser state = SignIn("state@example.test");
  auto exact = Call("GET", "/api/v1/stats/overview", "", state.Headers()).Json()["years"][1]["students"];
  EXPECT_EQ(exact, (nlohmann::json{{"value", 8}, {"suppressed", false}}));

  Browser regional = SignIn("regional@example.test");
  ClientResponse counties = Call("GET", "/api/v1/stats/counties", "", regional.Headers());
  EXPECT_EQ(CountyCell(counties, "06019", "students"), (nlohmann::json{{"value", 8}, {"suppressed", false}}));
  // Statewide is outside a region: the overview stays suppressed for them.
  EXPECT_EQ(Call("GET", "/api/v1/stats/overview", "", regional.Headers()).Json()["years"][1]["students"]["suppressed"],
            true);

  // Other roles, and API tokens (even a state analyst's), see what the public sees.
  for (const char* email : {"member@example.test", "analyst@example.test", "admin@example.test"}) {
    Browser b = SignIn(email);
    EXPECT_EQ(CountyCell(Call("GET", "/api/v1/stats/counties", "", b.Headers()), "06019", "students")["suppressed"],
              true)
        << email;
  }
  ClientResponse token = Call("POST", "/api/v1/auth/tokens", R"({"name": "feed"})", state.Headers());
  ASSERT_EQ(token.status, 201);
  HeaderList bearer{{"Authorization", "Bearer " + token.Json()["secret"].get<std::string>()}};
  EXPECT_EQ(Call("GET", "/api/v1/stats/overview", "", bearer).Json()["years"][1]["students"]["suppressed"], true);
}

TEST_P(AccessTest, FailedJobMessagesAreForAdministratorsOnly) {
  std::string id = jobs_.Start({.kind = "test", .label = "fails"}, [](Progress&) {
    return InvalidArgument("rejects in /srv/pathlight/var/imports/secret.rejects.csv");
  });
  jobs_.Wait();
  ClientResponse anonymous = Call("GET", "/api/v1/jobs/" + id);
  ASSERT_EQ(anonymous.status, 200);
  EXPECT_TRUE(anonymous.Json()["message"].is_null());
  Browser admin = SignIn("admin@example.test");
  ClientResponse seen = Call("GET", "/api/v1/jobs/" + id, "", admin.Headers());
  EXPECT_THAT(seen.Json()["message"].get<std::string>(), HasSubstr("secret.rejects.csv"));
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         pl::testing::BackendName);

}  // namespace
}  // namespace pl::api::test
