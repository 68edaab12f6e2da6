// Personal data never reaches a log line: an import and a whole session of
// queries (sign-ins, student lists and records, misses, bad input, account
// changes), then every log line the server and the modules wrote is searched
// for every student key, e-mail, display name, password and token used.
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "accounts/accounts.hpp"
#include "api/api.hpp"
#include "http/loopback_client.hpp"
#include "http/running_server.hpp"
#include "ingest/importer.hpp"
#include "integration/test_database.hpp"

namespace pl::api::test {
namespace {

using http::test::ClientResponse;
using http::test::Fetch;
using http::test::HeaderList;
using pl::testing::Backend;

// Keys unlike anything else in a log line, so a find() cannot match by chance.
std::string StudentKey(int i) { return "PRIVKEY" + std::to_string(7000 + i) + "QX"; }

class LogPrivacyTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    // Everything the modules log through spdlog's default logger, at every level.
    previous_ = spdlog::default_logger();
    auto logger = std::make_shared<spdlog::logger>("privacy-test", std::make_shared<spdlog::sinks::ostream_sink_mt>(module_log_));
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
    t_ = pl::testing::MakeTestDatabase(GetParam());
    ASSERT_TRUE(t_);
  }
  void TearDown() override {
    jobs_.Wait();  // a snapshot job uses the pool
    server_.reset();
    pool_.reset();
    spdlog::set_default_logger(previous_);
  }

  void Import() {
    std::string orgs =
        "org_id,org_type,name,county_fips,parent_org_id,cds_code,ipeds_id,latitude,longitude\n"
        "DIST-9,district,Sierra Unified,06019,,,,,\n"
        "SCH-9,school,Sierra High,06019,DIST-9,,,,\n";
    std::string students = "student_key,gender,race_ethnicity,birth_year\n";
    std::string years = "student_key,school_year,org_id,grade_level,sector_code,pathway_code,cte_status\n";
    for (int i = 0; i < 30; ++i) {
      students += StudentKey(i) + ",F,hispanic_latino,2008\n";
      years += StudentKey(i) + ",2023-24,SCH-9,11,ICT,ICT-03,participant\n";
    }
    // A rejected row names a student key too: it goes to the reject file, not a log.
    years += StudentKey(99) + ",2023-24,SCH-9,11,ICT,ICT-03,participant\n";
    ingest::Importer importer(*t_->db);
    ingest::ImportOptions options;
    options.rejects_dir = (t_->dir / "rejects").string();
    for (auto [kind, content] : {std::pair{"organizations", orgs}, {"students", students}, {"student_years", years}}) {
      auto report = importer.ImportFile(**ingest::FindKind(kind),
                                        pl::testing::WriteFile(t_->dir / (std::string(kind) + ".csv"), content), options);
      ASSERT_TRUE(report.ok()) << report.status().ToString();
    }
  }

  void Serve() {
    auto pool = store::DatabasePool::Open(t_->url, 2);
    ASSERT_TRUE(pool.ok());
    pool_ = std::move(pool).value();
    http::Router router;
    RouteTable table(router, *pool_, {});
    RegisterRoutes(table, *pool_, jobs_, {.version = "test", .snapshot_dir = (t_->dir / "snapshots").string()});
    server_ = std::make_unique<http::test::RunningServer>(std::move(router));
  }

  ClientResponse Call(const std::string& method, const std::string& target, const std::string& body = "",
                      HeaderList headers = {}) {
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return Fetch(server_->port(), method, target, body, headers);
  }

  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream module_log_;
  std::unique_ptr<pl::testing::TestDatabase> t_;
  std::unique_ptr<store::DatabasePool> pool_;
  jobs::JobRegistry jobs_;
  std::unique_ptr<http::test::RunningServer> server_;
};

TEST_P(LogPrivacyTest, AnImportAndAQuerySessionLogNoPersonalData) {
  Import();
  const std::string analyst_email = "renata.quintero@sierra.example";
  const std::string analyst_name = "Renata Quintero";
  const std::string analyst_password = "tallow-quince-harbor-77";
  const std::string admin_email = "ops.lead@state.example";
  const std::string admin_password = "juniper-canyon-ledger-31";
  ASSERT_TRUE(accounts::AddUser(*t_->db, {.email = analyst_email, .display_name = analyst_name,
                                          .role = privacy::Role::kInstitutionAnalyst, .scopes = {"DIST-9"},
                                          .password = analyst_password}).ok());
  ASSERT_TRUE(accounts::AddUser(*t_->db, {.email = admin_email, .role = privacy::Role::kAdministrator,
                                          .password = admin_password}).ok());
  Serve();

  std::vector<std::string> secrets{analyst_email, analyst_name, analyst_password, admin_email, admin_password,
                                   "Sierra Newcomer", "newcomer@sierra.example"};
  // Sign-in failures name the e-mail typed.
  Call("POST", "/api/v1/auth/session", nlohmann::json{{"email", analyst_email}, {"password", "wrong-guess-123"}}.dump());
  Call("POST", "/api/v1/auth/session", nlohmann::json{{"email", "ghost@sierra.example"}, {"password", analyst_password}}.dump());
  secrets.push_back("ghost@sierra.example");
  ClientResponse signed_in = Call("POST", "/api/v1/auth/session",
                                  nlohmann::json{{"email", analyst_email}, {"password", analyst_password}}.dump());
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  std::string cookie = signed_in.Header("set-cookie").substr(0, signed_in.Header("set-cookie").find(';'));
  secrets.push_back(cookie.substr(cookie.find('=') + 1));
  std::string csrf = signed_in.Json()["csrf_token"];
  secrets.push_back(csrf);
  HeaderList browser{{"Cookie", cookie}, {"X-CSRF-Token", csrf}};

  ClientResponse list = Call("GET", "/api/v1/students?org_id=SCH-9&school_year=2023-24&per_page=100", "", browser);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.Json()["total"], 30);
  for (int i = 0; i < 30; ++i) {
    EXPECT_EQ(Call("GET", "/api/v1/students/" + StudentKey(i), "", browser).status, 200);
  }
  EXPECT_EQ(Call("GET", "/api/v1/students/" + StudentKey(99), "", browser).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/students?org_id=" + StudentKey(1), "", browser).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/students?school_year=" + StudentKey(2), "", browser).status, 400);
  ClientResponse token = Call("POST", "/api/v1/auth/tokens", R"({"name": "nightly export"})", browser);
  ASSERT_EQ(token.status, 201) << token.body;
  secrets.push_back(token.Json()["secret"]);
  HeaderList bearer{{"Authorization", "Bearer " + token.Json()["secret"].get<std::string>()}};
  EXPECT_EQ(Call("GET", "/api/v1/students/" + StudentKey(3), "", bearer).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/stats/counties?school_year=2023-24", "", browser).status, 200);
  Call("DELETE", "/api/v1/auth/session", "", browser);

  ClientResponse admin = Call("POST", "/api/v1/auth/session",
                              nlohmann::json{{"email", admin_email}, {"password", admin_password}}.dump());
  ASSERT_EQ(admin.status, 200);
  std::string admin_cookie = admin.Header("set-cookie").substr(0, admin.Header("set-cookie").find(';'));
  HeaderList admin_browser{{"Cookie", admin_cookie}, {"X-CSRF-Token", admin.Json()["csrf_token"]}};
  ClientResponse created = Call("POST", "/api/v1/users",
                                R"({"email": "newcomer@sierra.example", "display_name": "Sierra Newcomer", "role": "member"})",
                                admin_browser);
  ASSERT_EQ(created.status, 201) << created.body;
  secrets.push_back(created.Json()["password"]);
  ClientResponse audit = Call("GET", "/api/v1/audit?per_page=200", "", admin_browser);
  ASSERT_EQ(audit.status, 200);
  // The audit log does record the keys read (it is for the administrator);
  // the point is that the logs do not.
  EXPECT_THAT(audit.body, ::testing::HasSubstr(StudentKey(0)));

  ASSERT_TRUE(server_->Stop());
  spdlog::default_logger()->flush();
  std::string logs = server_->Log() + module_log_.str();
  EXPECT_THAT(logs, ::testing::HasSubstr("/api/v1/students/{student_key}")) << "the access log is on";
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(logs.find(StudentKey(i)), std::string::npos) << StudentKey(i) << " in the logs:\n" << logs;
  }
  for (const auto& secret : secrets) {
    EXPECT_EQ(logs.find(secret), std::string::npos) << secret << " in the logs:\n" << logs;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, LogPrivacyTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         pl::testing::BackendName);

}  // namespace
}  // namespace pl::api::test
