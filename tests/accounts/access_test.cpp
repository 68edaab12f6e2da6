// The role table, names and scopes of privacy/access.hpp.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "privacy/access.hpp"

namespace pl::privacy {
namespace {

using ::testing::HasSubstr;
using P = Permission;

TEST(AccessTest, RoleTableGrantsExactlyTheDocumentedPermissions) {
  const std::map<Role, std::set<Permission>> expected = {
      {Role::kAnonymous, {P::kPublic}},
      {Role::kMember, {P::kPublic, P::kAccount, P::kCommunity}},
      {Role::kEmployer, {P::kPublic, P::kAccount, P::kCommunity, P::kEmployerWbl}},
      {Role::kInstitutionAnalyst,
       {P::kPublic, P::kAccount, P::kCommunity, P::kStudentRecords, P::kImport, P::kEditPathways}},
      {Role::kRegionalAnalyst, {P::kPublic, P::kAccount, P::kCommunity}},
      {Role::kStateAnalyst, {P::kPublic, P::kAccount, P::kCommunity}},
      {Role::kAdministrator,
       {P::kPublic, P::kAccount, P::kCommunity, P::kManageUsers, P::kReadAudit, P::kManageReference, P::kImport,
        P::kEditPathways}},
  };
  for (const auto& [role, permissions] : expected) {
    for (Permission p : AllPermissions()) {
      EXPECT_EQ(RoleAllows(role, p), permissions.count(p) > 0) << RoleName(role) << " " << PermissionName(p);
    }
  }
  EXPECT_FALSE(RoleAllows(Role::kAdministrator, P::kStudentRecords)) << "rights do not accumulate";
}

TEST(AccessTest, NamesRoundTrip) {
  EXPECT_EQ(AccountRoles().size(), 6u);
  for (Role role : AccountRoles()) {
    auto parsed = ParseRole(RoleName(role));
    ASSERT_TRUE(parsed.ok()) << RoleName(role);
    EXPECT_EQ(*parsed, role);
  }
  EXPECT_EQ(RoleName(Role::kInstitutionAnalyst), "institution_analyst");
  for (const char* bad : {"anonymous", "Administrator", "admin", ""}) {
    auto r = ParseRole(bad);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(r.status().message(), HasSubstr("role must be one of member, employer")) << bad;
  }
  EXPECT_EQ(AllPermissions().size(), 10u);
  for (Permission p : AllPermissions()) EXPECT_EQ(*ParsePermission(PermissionName(p)), p);
  EXPECT_EQ(PermissionName(P::kStudentRecords), "students.read");
  EXPECT_EQ(PermissionName(P::kEditPathways), "pathways.edit");
  EXPECT_FALSE(ParsePermission("students").ok());
}

TEST(AccessTest, ScopesMustFitTheRole) {
  EXPECT_EQ(ScopeKindOf(Role::kEmployer), ScopeKind::kOrganizations);
  EXPECT_EQ(ScopeKindOf(Role::kInstitutionAnalyst), ScopeKind::kOrganizations);
  EXPECT_EQ(ScopeKindOf(Role::kRegionalAnalyst), ScopeKind::kRegions);
  EXPECT_EQ(ScopeKindOf(Role::kStateAnalyst), ScopeKind::kNone);
  EXPECT_TRUE(ValidateScopes(Role::kMember, {}).ok());
  EXPECT_TRUE(ValidateScopes(Role::kStateAnalyst, {}).ok());
  EXPECT_TRUE(ValidateScopes(Role::kInstitutionAnalyst, {"06-61259", "org_1.x"}).ok());
  EXPECT_TRUE(ValidateScopes(Role::kRegionalAnalyst, {"ccc/bay_area", "wdb/la-1"}).ok());
  struct Case {
    Role role;
    std::vector<std::string> scopes;
    const char* says;
  };
  for (const Case& c : std::vector<Case>{
           {Role::kAdministrator, {"org-1"}, "not accepted"},
           {Role::kMember, {"ccc/ba"}, "not accepted"},
           {Role::kEmployer, {}, "required"},
           {Role::kRegionalAnalyst, {}, "required"},
           {Role::kEmployer, {""}, "organization id"},
           {Role::kEmployer, {"a b"}, "organization id"},
           {Role::kEmployer, {"a,b"}, "organization id"},
           {Role::kEmployer, {"a/b"}, "organization id"},
           {Role::kEmployer, {std::string(65, 'x')}, "organization id"},
           {Role::kRegionalAnalyst, {"ccc"}, "scheme/region_code"},
           {Role::kRegionalAnalyst, {"ccc/"}, "scheme/region_code"},
           {Role::kRegionalAnalyst, {"/ba"}, "scheme/region_code"},
           {Role::kRegionalAnalyst, {"ccc/BA"}, "scheme/region_code"},
           {Role::kRegionalAnalyst, {"ccc/ba/x"}, "scheme/region_code"},
           {Role::kRegionalAnalyst, {"ccc/bay area"}, "scheme/region_code"},
       }) {
    Status s = ValidateScopes(c.role, c.scopes);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.says;
    EXPECT_THAT(s.message(), HasSubstr("scope")) << s.message();
    EXPECT_THAT(s.message(), HasSubstr(c.says)) << s.message();
  }
}

TEST(AccessTest, PrincipalNeedsBothRoleAndToken) {
  Principal anonymous;
  EXPECT_TRUE(anonymous.anonymous());
  EXPECT_TRUE(anonymous.Allows(P::kPublic));
  EXPECT_FALSE(anonymous.Allows(P::kAccount));

  Principal analyst{.user_id = 3, .role = Role::kInstitutionAnalyst, .scopes = {"org-1"}, .via = "session"};
  EXPECT_TRUE(analyst.Allows(P::kStudentRecords));
  EXPECT_TRUE(analyst.Allows(P::kImport));
  EXPECT_FALSE(analyst.Allows(P::kManageUsers));

  analyst.token_permissions = std::set<Permission>{P::kStudentRecords, P::kManageUsers};
  analyst.via = "token";
  EXPECT_TRUE(analyst.Allows(P::kStudentRecords));
  EXPECT_FALSE(analyst.Allows(P::kImport)) << "not given to the token";
  EXPECT_FALSE(analyst.Allows(P::kManageUsers)) << "not held by the role";
  EXPECT_TRUE(analyst.Allows(P::kPublic)) << "public needs nothing";
}

}  // namespace
}  // namespace pl::privacy
