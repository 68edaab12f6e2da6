// Accounts on both backends: users, passwords, sign-in throttling, sessions,
// API tokens and the audit log.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "accounts/accounts.hpp"
#include "accounts/audit.hpp"
#include "integration/test_database.hpp"
#include "store/query.hpp"

namespace pl::testing {
namespace {

using accounts::Clock;
using privacy::Permission;
using privacy::Role;
using store::Param;
using store::QueryInteger;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

const Clock::time_point kT0 = Clock::from_time_t(1800000000);  // 2027-01-15T08:00:00Z
const std::string kPassword = "correct horse battery";

class AccountsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    t_ = MakeTestDatabase(GetParam(), /*load_reference=*/false);
    ASSERT_TRUE(t_);
    // The smallest reference data scopes need: one county in one region, one organization.
    ASSERT_TRUE(db().Execute("INSERT INTO county (county_fips, name) VALUES ('06001', 'Alameda')").ok());
    ASSERT_TRUE(db().Execute("INSERT INTO region_assignment (scheme_code, county_fips, region_code, region_name) "
                             "VALUES ('ccc', '06001', 'BA', 'Bay Area')")
                    .ok());
    ASSERT_TRUE(db().Execute("INSERT INTO organization (org_id, org_type, name, county_fips) "
                             "VALUES ('org-1', 'school', 'Test School', '06001')")
                    .ok());
  }

  store::Database& db() { return *t_->db; }

  accounts::User Add(const std::string& email, Role role = Role::kMember, std::vector<std::string> scopes = {}) {
    auto added = accounts::AddUser(db(), {.email = email, .role = role, .scopes = scopes, .password = kPassword});
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? added->user : accounts::User{};
  }

  Result<accounts::IssuedSession> SignIn(const std::string& email, const std::string& password,
                                         Clock::time_point now, const std::string& address = "10.0.0.1",
                                         const accounts::SessionPolicy& policy = {}) {
    return accounts::SignIn(db(), email, password, address, policy, {}, now);
  }

  std::unique_ptr<TestDatabase> t_;
};

TEST_P(AccountsTest, UsersCanBeAddedListedFoundChangedDisabledAndReset) {
  auto added = accounts::AddUser(db(), {.email = "  Ana.Lopez@Example.ORG ", .role = Role::kInstitutionAnalyst,
                                        .scopes = {"org-1"}});
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  const auto& user = added->user;
  EXPECT_GT(user.user_id, 0);
  EXPECT_EQ(user.email, "ana.lopez@example.org");
  EXPECT_EQ(user.display_name, "ana.lopez");
  EXPECT_EQ(user.role, Role::kInstitutionAnalyst);
  EXPECT_EQ(user.scopes, std::vector<std::string>{"org-1"});
  EXPECT_TRUE(user.active);
  EXPECT_EQ(user.last_sign_in, "");
  EXPECT_EQ(added->generated_password.size(), 20u);
  EXPECT_TRUE(SignIn("ana.lopez@example.org", added->generated_password, kT0).ok());

  Add("boss@example.org", Role::kAdministrator);
  auto list = accounts::ListUsers(db());
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].email, "ana.lopez@example.org");
  EXPECT_EQ((*list)[0].last_sign_in, "2027-01-15T08:00:00Z");
  EXPECT_EQ((*list)[1].role, Role::kAdministrator);

  auto got = accounts::GetUser(db(), user.user_id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->email, user.email);
  EXPECT_EQ(accounts::GetUser(db(), 999999).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(accounts::FindUserByEmail(db(), "ANA.LOPEZ@example.org")->user_id, user.user_id);
  EXPECT_EQ(accounts::FindUserByEmail(db(), "nobody@example.org").status().code(), StatusCode::kNotFound);

  ASSERT_TRUE(accounts::SetRole(db(), user.user_id, Role::kRegionalAnalyst, {"ccc/ba"}).ok());
  EXPECT_EQ(accounts::GetUser(db(), user.user_id)->role, Role::kRegionalAnalyst);
  EXPECT_EQ(accounts::GetUser(db(), user.user_id)->scopes, std::vector<std::string>{"ccc/ba"});
  EXPECT_EQ(accounts::SetRole(db(), 999999, Role::kMember, {}).code(), StatusCode::kNotFound);

  ASSERT_TRUE(accounts::DisableUser(db(), "ana.lopez@example.org").ok());
  EXPECT_FALSE(accounts::GetUser(db(), user.user_id)->active);
  ASSERT_TRUE(accounts::EnableUser(db(), "ana.lopez@example.org").ok());
  EXPECT_TRUE(accounts::GetUser(db(), user.user_id)->active);
  EXPECT_EQ(accounts::DisableUser(db(), "nobody@example.org").code(), StatusCode::kNotFound);

  auto reset = accounts::ResetPassword(db(), "ana.lopez@example.org");
  ASSERT_TRUE(reset.ok());
  EXPECT_NE(*reset, added->generated_password);
  EXPECT_FALSE(SignIn("ana.lopez@example.org", added->generated_password, kT0).ok());
  EXPECT_TRUE(SignIn("ana.lopez@example.org", *reset, kT0).ok());
  EXPECT_EQ(accounts::ResetPassword(db(), "nobody@example.org").status().code(), StatusCode::kNotFound);

  ASSERT_TRUE(accounts::SetPassword(db(), user.user_id, "another good passphrase").ok());
  EXPECT_TRUE(SignIn("ana.lopez@example.org", "another good passphrase", kT0).ok());
  EXPECT_EQ(accounts::SetPassword(db(), user.user_id, "short").code(), StatusCode::kInvalidArgument);
}

TEST_P(AccountsTest, DuplicateEmailIsAlreadyExists) {
  Add("ana@example.org");
  auto again = accounts::AddUser(db(), {.email = " ANA@example.org", .password = kPassword});
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_THAT(again.status().message(), HasSubstr("e-mail"));
  EXPECT_EQ(*QueryInteger(db(), "SELECT count(*) FROM app_user"), 1);
}

TEST_P(AccountsTest, MalformedEmailsAreRefusedNamingTheField) {
  for (const char* bad : {"", "   ", "ana", "ana@", "@example.org", "ana@example", "ana@@example.org",
                          "a@b@example.org", "ana lopez@example.org", "ana@example.org\n.x", "ana@.org",
                          "ana@example.", "ana@exa..mple.org", "ana\t@example.org"}) {
    auto r = accounts::AddUser(db(), {.email = bad, .password = kPassword});
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(r.status().message(), HasSubstr("email")) << bad;
  }
  std::string long_email = std::string(250, 'a') + "@example.org";
  EXPECT_EQ(accounts::AddUser(db(), {.email = long_email, .password = kPassword}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(*QueryInteger(db(), "SELECT count(*) FROM app_user"), 0);
}

TEST_P(AccountsTest, PasswordsMustBeTwelveCharactersToOneKilobyte) {
  auto short_one = accounts::AddUser(db(), {.email = "a@example.org", .password = "elevenchars"});
  EXPECT_EQ(short_one.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(short_one.status().message(), HasSubstr("password"));
  auto long_one = accounts::AddUser(db(), {.email = "a@example.org", .password = std::string(1025, 'x')});
  EXPECT_EQ(long_one.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(long_one.status().message(), HasSubstr("password"));
  // Twelve characters of two bytes each count as twelve.
  EXPECT_TRUE(accounts::AddUser(db(), {.email = "a@example.org", .password = "éééééééééééé"}).ok());
}

TEST_P(AccountsTest, ScopesMustFitTheRoleAndNameKnownPlaces) {
  struct Case {
    Role role;
    std::vector<std::string> scopes;
    const char* expect;
  };
  for (const Case& c : std::vector<Case>{
           {Role::kInstitutionAnalyst, {"org-404"}, "unknown organization"},
           {Role::kEmployer, {"has space"}, "organization id"},
           {Role::kRegionalAnalyst, {"ccc"}, "scheme/region_code"},
           {Role::kRegionalAnalyst, {"CCC/BA"}, "scheme/region_code"},
           {Role::kRegionalAnalyst, {"ccc/nowhere"}, "unknown region"},
           {Role::kMember, {"org-1"}, "not accepted"},
           {Role::kAdministrator, {"org-1"}, "not accepted"},
           {Role::kInstitutionAnalyst, {}, "required"},
           {Role::kRegionalAnalyst, {}, "required"},
       }) {
    auto r = accounts::AddUser(db(), {.email = "x@example.org", .role = c.role, .scopes = c.scopes,
                                      .password = kPassword});
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.expect;
    EXPECT_THAT(r.status().message(), HasSubstr("scope")) << r.status().message();
    EXPECT_THAT(r.status().message(), HasSubstr(c.expect)) << r.status().message();
  }
  EXPECT_EQ(Add("e@example.org", Role::kEmployer, {"org-1"}).scopes, std::vector<std::string>{"org-1"});
  EXPECT_EQ(Add("r@example.org", Role::kRegionalAnalyst, {"ccc/ba"}).scopes, std::vector<std::string>{"ccc/ba"});
  EXPECT_EQ(accounts::SetRole(db(), 1, Role::kRegionalAnalyst, {"org-1"}).code(), StatusCode::kInvalidArgument);
}

TEST(PasswordTest, HashesAreArgon2idAndVerifyOnlyTheRightPassword) {
  auto hash = accounts::HashPassword(kPassword);
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_TRUE(accounts::VerifyPassword(*hash, kPassword));
  EXPECT_FALSE(accounts::VerifyPassword(*hash, kPassword + "!"));
  EXPECT_FALSE(accounts::VerifyPassword("not a hash", kPassword));
  EXPECT_NE(*accounts::HashPassword(kPassword), *hash) << "each hash has its own salt";
}

TEST(PasswordTest, GeneratedPasswordsAvoidLookAlikes) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    std::string p = accounts::GeneratePassword();
    EXPECT_EQ(p.size(), 20u);
    EXPECT_EQ(p.find_first_of("0O1lIo"), std::string::npos) << p;
    seen.insert(p);
  }
  EXPECT_EQ(seen.size(), 50u);
}

TEST_P(AccountsTest, SignInFailuresAreIndistinguishable) {
  Add("ana@example.org");
  Add("off@example.org");
  ASSERT_TRUE(accounts::DisableUser(db(), "off@example.org").ok());
  auto ok = SignIn(" ANA@example.org ", kPassword, kT0);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->user.email, "ana@example.org");
  EXPECT_EQ(ok->token.size(), 43u);
  EXPECT_EQ(ok->csrf_token.size(), 43u);
  EXPECT_NE(ok->token, ok->csrf_token);
  EXPECT_EQ(ok->idle_expires, kT0 + 30min);
  EXPECT_EQ(ok->absolute_expires, kT0 + 12h);

  auto wrong_password = SignIn("ana@example.org", "wrong password!", kT0);
  auto unknown = SignIn("nobody@example.org", kPassword, kT0);
  auto disabled = SignIn("off@example.org", kPassword, kT0);
  for (const auto* r : {&wrong_password, &unknown, &disabled}) {
    EXPECT_EQ(r->status().code(), StatusCode::kUnauthenticated);
    EXPECT_EQ(r->status().message(), wrong_password.status().message());
    EXPECT_EQ(r->status().details(), wrong_password.status().details());
  }
  EXPECT_EQ(wrong_password.status().message(), "e-mail or password is not correct");
}

TEST_P(AccountsTest, ThrottlesPerAccountAfterFiveFailures) {
  Add("ana@example.org");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(SignIn("ana@example.org", "wrong password!", kT0 + std::chrono::seconds(i), "10.0.0." + std::to_string(i))
                  .status()
                  .code(),
              StatusCode::kUnauthenticated);
  }
  // Even the right password is refused now, from any address.
  auto throttled = SignIn("ana@example.org", kPassword, kT0 + 60s, "10.9.9.9");
  EXPECT_EQ(throttled.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(throttled.status().message(), "too many failed sign-ins; try again in 14 minutes");
  EXPECT_EQ(throttled.status().details()["retry_after_seconds"], 15 * 60 - 60);
  // An unknown account is throttled the same way.
  for (int i = 0; i < 5; ++i) (void)SignIn("ghost@example.org", "wrong password!", kT0, "10.1.0." + std::to_string(i));
  auto ghost = SignIn("ghost@example.org", kPassword, kT0 + 60s, "10.9.9.8");
  EXPECT_EQ(ghost.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(ghost.status().message(), throttled.status().message());
  // The window passes; success clears the account's failures.
  auto later = SignIn("ana@example.org", kPassword, kT0 + 15min + 5s, "10.9.9.9");
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  EXPECT_EQ(*QueryInteger(db(), "SELECT count(*) FROM sign_in_failure WHERE throttle_key = 'account:ana@example.org'"),
            0);
}

TEST_P(AccountsTest, ThrottlesPerAddressAfterTwentyFailures) {
  Add("ana@example.org");
  for (int i = 0; i < 20; ++i) {
    // Four tries per e-mail stay under the per-account limit.
    std::string email = "guess" + std::to_string(i / 4) + "@example.org";
    EXPECT_EQ(SignIn(email, "wrong password!", kT0, "192.0.2.7").status().code(), StatusCode::kUnauthenticated) << i;
  }
  auto throttled = SignIn("ana@example.org", kPassword, kT0 + 1s, "192.0.2.7");
  EXPECT_EQ(throttled.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(throttled.status().details()["retry_after_seconds"], 15 * 60 - 1);
  EXPECT_TRUE(SignIn("ana@example.org", kPassword, kT0 + 1s, "192.0.2.8").ok()) << "another address may sign in";
  EXPECT_TRUE(SignIn("ana@example.org", kPassword, kT0 + 15min + 1s, "192.0.2.7").ok()) << "after the window";
}

TEST_P(AccountsTest, SessionsSlideAndExpire) {
  Add("ana@example.org");
  const accounts::SessionPolicy policy{.idle = 1h, .absolute = 2h};
  auto session = SignIn("ana@example.org", kPassword, kT0, "10.0.0.1", policy);
  ASSERT_TRUE(session.ok());
  auto touched = accounts::TouchSession(db(), session->token, policy, kT0 + 50min);
  ASSERT_TRUE(touched.ok()) << touched.status().ToString();
  EXPECT_EQ(touched->user.email, "ana@example.org");
  EXPECT_EQ(touched->csrf_token, session->csrf_token);
  EXPECT_EQ(touched->idle_expires, kT0 + 110min);
  // Idle would allow 100 minutes, but the absolute limit caps it.
  auto capped = accounts::TouchSession(db(), session->token, policy, kT0 + 100min);
  ASSERT_TRUE(capped.ok()) << "sliding idle expiry kept it alive";
  EXPECT_EQ(capped->idle_expires, kT0 + 2h);
  auto absolute = accounts::TouchSession(db(), session->token, policy, kT0 + 2h);
  EXPECT_EQ(absolute.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(*QueryInteger(db(), "SELECT count(*) FROM user_session"), 0) << "an expired session is deleted";

  auto idle = SignIn("ana@example.org", kPassword, kT0, "10.0.0.1", policy);
  ASSERT_TRUE(idle.ok());
  EXPECT_EQ(accounts::TouchSession(db(), idle->token, policy, kT0 + 1h).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(accounts::TouchSession(db(), "no such token", policy, kT0).status().code(),
            StatusCode::kUnauthenticated);
}

TEST_P(AccountsTest, SignOutDisablingAndResetEndSessions) {
  auto user = Add("ana@example.org");
  auto a = SignIn("ana@example.org", kPassword, kT0);
  auto b = SignIn("ana@example.org", kPassword, kT0);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(accounts::SignOut(db(), a->token).ok());
  EXPECT_EQ(accounts::TouchSession(db(), a->token, {}, kT0 + 1s).status().code(), StatusCode::kUnauthenticated);
  EXPECT_TRUE(accounts::TouchSession(db(), b->token, {}, kT0 + 1s).ok());
  EXPECT_TRUE(accounts::SignOut(db(), "unknown token").ok());

  ASSERT_TRUE(accounts::DisableUser(db(), "ana@example.org").ok());
  EXPECT_EQ(accounts::TouchSession(db(), b->token, {}, kT0 + 2s).status().code(), StatusCode::kUnauthenticated);
  ASSERT_TRUE(accounts::EnableUser(db(), "ana@example.org").ok());
  EXPECT_EQ(accounts::TouchSession(db(), b->token, {}, kT0 + 3s).status().code(), StatusCode::kUnauthenticated)
      << "disabling revoked the session for good";

  auto c = SignIn("ana@example.org", kPassword, kT0);
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(accounts::ResetPassword(db(), "ana@example.org").ok());
  EXPECT_EQ(accounts::TouchSession(db(), c->token, {}, kT0 + 1s).status().code(), StatusCode::kUnauthenticated);
  (void)user;
}

TEST_P(AccountsTest, DisabledUsersLiveSessionIsRefused) {
  Add("ana@example.org");
  auto s = SignIn("ana@example.org", kPassword, kT0);
  ASSERT_TRUE(s.ok());
  // Flipped directly, as another server process might, without revoking.
  ASSERT_TRUE(db().Execute("UPDATE app_user SET active = 0").ok());
  EXPECT_EQ(accounts::TouchSession(db(), s->token, {}, kT0 + 1s).status().code(), StatusCode::kUnauthenticated);
}

TEST_P(AccountsTest, OnlyHashesOfSecretsAreStored) {
  auto user = Add("ana@example.org", Role::kInstitutionAnalyst, {"org-1"});
  auto s = SignIn("ana@example.org", kPassword, kT0);
  auto token = accounts::CreateApiToken(db(), user.user_id, "script", {});
  ASSERT_TRUE(s.ok() && token.ok());
  auto sessions = store::QueryJson(db(), "SELECT token_hash FROM user_session");
  ASSERT_EQ(sessions->size(), 1u);
  std::string session_hash = (*sessions)[0]["token_hash"];
  EXPECT_EQ(session_hash.size(), 64u);
  EXPECT_EQ(session_hash.find(s->token), std::string::npos);
  auto tokens = store::QueryJson(db(), "SELECT token_hash, prefix FROM api_token");
  std::string token_hash = (*tokens)[0]["token_hash"];
  EXPECT_EQ(token_hash.size(), 64u);
  EXPECT_NE(token_hash, token->secret);
  EXPECT_EQ((*tokens)[0]["prefix"], token->secret.substr(0, 8));
  auto users = store::QueryJson(db(), "SELECT password_hash FROM app_user");
  EXPECT_TRUE((*users)[0]["password_hash"].get<std::string>().starts_with("$argon2id$"));
  EXPECT_EQ(*QueryInteger(db(), "SELECT count(*) FROM app_user WHERE password_hash LIKE :p0",
                          {Param::Text("%" + kPassword + "%")}),
            0);
}

TEST_P(AccountsTest, ApiTokensAreLimitedToTheRoleAndRevocable) {
  auto analyst = Add("ana@example.org", Role::kInstitutionAnalyst, {"org-1"});
  auto other = Add("bo@example.org");
  auto refused = accounts::CreateApiToken(db(), analyst.user_id, "too much", {Permission::kManageUsers});
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.status().message(), HasSubstr("users.manage"));

  auto created = accounts::CreateApiToken(db(), analyst.user_id, "nightly export", {Permission::kStudentRecords});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_TRUE(created->secret.starts_with("plt_"));
  EXPECT_EQ(created->secret.size(), 47u);
  EXPECT_EQ(created->token.permissions, std::vector<Permission>{Permission::kStudentRecords});
  EXPECT_EQ(created->token.last_used_at, "");
  auto everything = accounts::CreateApiToken(db(), analyst.user_id, "all", {});
  ASSERT_TRUE(everything.ok());
  EXPECT_EQ(everything->token.permissions,
            (std::vector<Permission>{Permission::kPublic, Permission::kAccount, Permission::kCommunity,
                                     Permission::kStudentRecords, Permission::kImport, Permission::kEditPathways}));

  auto info = accounts::AuthenticateApiToken(db(), created->secret, kT0);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->user.user_id, analyst.user_id);
  EXPECT_EQ(info->token.last_used_at, "2027-01-15T08:00:00Z");
  auto principal = accounts::PrincipalFor(info->user, "token", &info->token.permissions);
  EXPECT_TRUE(principal.Allows(Permission::kStudentRecords));
  EXPECT_FALSE(principal.Allows(Permission::kImport)) << "the token narrows the role";
  EXPECT_EQ(principal.scopes, std::vector<std::string>{"org-1"});
  auto listed = accounts::ListApiTokens(db(), analyst.user_id);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].last_used_at, "2027-01-15T08:00:00Z");
  EXPECT_EQ(accounts::AuthenticateApiToken(db(), "plt_wrong", kT0).status().code(), StatusCode::kUnauthenticated);

  EXPECT_EQ(accounts::RevokeApiToken(db(), other.user_id, created->token.token_id).code(), StatusCode::kNotFound);
  ASSERT_TRUE(accounts::RevokeApiToken(db(), analyst.user_id, created->token.token_id).ok());
  EXPECT_EQ(accounts::AuthenticateApiToken(db(), created->secret, kT0).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_TRUE((*accounts::ListApiTokens(db(), analyst.user_id))[0].revoked);

  ASSERT_TRUE(accounts::AuthenticateApiToken(db(), everything->secret, kT0).ok());
  ASSERT_TRUE(db().Execute("UPDATE app_user SET active = 0 WHERE email = 'ana@example.org'").ok());
  EXPECT_EQ(accounts::AuthenticateApiToken(db(), everything->secret, kT0).status().code(),
            StatusCode::kUnauthenticated)
      << "a disabled user's token is refused";
}

TEST_P(AccountsTest, AuditLogIsAppendOnlyAndFilterable) {
  ASSERT_TRUE(accounts::Record(db(), {.actor_user_id = 7, .actor_label = "ana@example.org",
                                      .action = "students.list", .target = "org-1",
                                      .detail = {{"school_year", 2024}}, .row_count = 12,
                                      .remote_address = "10.0.0.1"})
                  .ok());
  ASSERT_TRUE(accounts::Record(db(), {.actor_label = "cli", .action = "users.add", .target = "bo@example.org"}).ok());
  EXPECT_EQ(accounts::Record(db(), {.actor_label = "cli", .action = "x", .detail = {{"first_name", "Ana"}}}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(accounts::Record(db(), {.actor_label = "cli", .action = "Bad Action"}).code(),
            StatusCode::kInvalidArgument);

  for (const char* sql : {"UPDATE audit_log SET action = 'nothing'", "DELETE FROM audit_log",
                          "UPDATE audit_log SET detail = NULL WHERE audit_id = 1"}) {
    Status s = db().Execute(sql);
    EXPECT_FALSE(s.ok()) << sql;
    EXPECT_THAT(s.message(), HasSubstr("append-only")) << sql;
  }
  EXPECT_EQ(*QueryInteger(db(), "SELECT count(*) FROM audit_log WHERE action = 'students.list'"), 1);

  auto all = accounts::ListAudit(db(), {}, {});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ((*all)["total"], 2);
  EXPECT_EQ((*all)["items"][0]["action"], "users.add") << "newest first";
  const auto& first = (*all)["items"][1];
  EXPECT_EQ(first["detail"], (nlohmann::json{{"school_year", 2024}}));
  EXPECT_EQ(first["row_count"], 12);
  EXPECT_EQ(first["actor_user_id"], 7);
  EXPECT_EQ(first["remote_address"], "10.0.0.1");

  EXPECT_EQ((*accounts::ListAudit(db(), {.action = "students.list"}, {}))["total"], 1);
  EXPECT_EQ((*accounts::ListAudit(db(), {.actor = "cli"}, {}))["total"], 1);
  EXPECT_EQ((*accounts::ListAudit(db(), {.actor_user_id = 7}, {}))["total"], 1);
  EXPECT_EQ((*accounts::ListAudit(db(), {.since = "2000-01-01", .until = "2100-01-01"}, {}))["total"], 2);
  EXPECT_EQ((*accounts::ListAudit(db(), {.since = "2100-01-01"}, {}))["total"], 0);
  auto page = accounts::ListAudit(db(), {}, {.page = 2, .per_page = 1});
  EXPECT_EQ((*page)["items"].size(), 1u);
  EXPECT_EQ((*page)["items"][0]["action"], "students.list");
  auto bad = accounts::ListAudit(db(), {.since = "yesterday"}, {});
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("since"));
}

TEST_P(AccountsTest, PurgeExpiredRemovesEndedSessionsAndOldFailures) {
  Add("ana@example.org");
  auto live = SignIn("ana@example.org", kPassword, kT0 + 50min);
  auto old = SignIn("ana@example.org", kPassword, kT0);
  auto signed_out = SignIn("ana@example.org", kPassword, kT0 + 50min);
  ASSERT_TRUE(live.ok() && old.ok() && signed_out.ok());
  ASSERT_TRUE(accounts::SignOut(db(), signed_out->token).ok());
  (void)SignIn("ana@example.org", "wrong password!", kT0);            // old failure (2 rows)
  (void)SignIn("ana@example.org", "wrong password!", kT0 + 50min);    // recent failure (2 rows)
  auto removed = accounts::PurgeExpired(db(), {}, {}, kT0 + 55min);
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, 4) << "the idle and the signed-out session, two old failure rows";
  EXPECT_EQ(*QueryInteger(db(), "SELECT count(*) FROM user_session"), 1);
  EXPECT_EQ(*QueryInteger(db(), "SELECT count(*) FROM sign_in_failure"), 2);
  EXPECT_TRUE(accounts::TouchSession(db(), live->token, {}, kT0 + 56min).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendName);

}  // namespace
}  // namespace pl::testing
