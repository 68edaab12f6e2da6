// Who may do what: roles, the permissions routes declare, and the principal
// (the caller) a request acts for. Default deny: a permission is granted only
// by the table in access.cpp, and a role not named there gets nothing beyond
// kPublic.
//
// Roles and their rights (docs/security.md has the full table):
//   anonymous            public reference data, suppressed aggregates
//   member               + community features, library contributions
//   employer             + its organization's work-based learning
//   institution_analyst  + student-level records and exact aggregates of its
//                          organizations (and their descendants); imports for them;
//                          the pathway grids of its organizations' regions (the
//                          district or college CTE coordinator's role)
//   regional_analyst     + exact aggregates of its regions; no student records
//   state_analyst        + exact statewide aggregates; no student records
//   administrator        + users, roles, reference data, audit log, pathway grids
// Every signed-in role is also a member. Rights do not accumulate down the
// table: an administrator does not see student-level records.
//
// Plain values, thread-compatible.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace pl::privacy {

enum class Role {
  kAnonymous,
  kMember,
  kEmployer,
  kInstitutionAnalyst,
  kRegionalAnalyst,
  kStateAnalyst,
  kAdministrator,
};

// "anonymous", "member", "employer", "institution_analyst",
// "regional_analyst", "state_analyst", "administrator".
std::string_view RoleName(Role role);
// The role named `name` (one of the above except "anonymous", which no
// account can hold); InvalidArgument listing the accepted names otherwise.
Result<Role> ParseRole(std::string_view name);
// Every role an account can hold, in the order above (no kAnonymous).
const std::vector<Role>& AccountRoles();

// What a route needs. Each route declares exactly one (api/routes.cpp).
enum class Permission {
  kPublic,            // anyone, signed in or not
  kAccount,           // any signed-in user: their own session, profile, API tokens
  kCommunity,         // members' community features and library contributions
  kEmployerWbl,       // an employer's own work-based-learning postings and placements
  kStudentRecords,    // student-level records (within the principal's organizations)
  kImport,            // CSV imports over HTTP (kinds and rows checked against scope)
  kManageUsers,       // accounts and roles
  kReadAudit,         // the audit log
  kManageReference,   // reference data and region schemes
  kEditPathways,      // pathway grids (institution analysts: regions holding their organizations)
};

// "public", "account", "community", "wbl.own", "students.read",
// "imports.write", "users.manage", "audit.read", "reference.manage",
// "pathways.edit".
std::string_view PermissionName(Permission permission);
Result<Permission> ParsePermission(std::string_view name);
const std::vector<Permission>& AllPermissions();

// Whether `role` holds `permission` (the role table, nothing else).
bool RoleAllows(Role role, Permission permission);

// Which roles are scoped, and to what: employers and institution analysts to
// organization ids, regional analysts to regions written "scheme/region_code"
// (e.g. "ccc/ba"); the other roles take no scope.
enum class ScopeKind { kNone, kOrganizations, kRegions };
ScopeKind ScopeKindOf(Role role);

// Checks the scopes given for a role: present and well formed when the role
// is scoped (at least one), absent otherwise. InvalidArgument names the
// offending scope and what was expected. Does not check that the
// organizations or regions exist (the caller does, against the database).
Status ValidateScopes(Role role, const std::vector<std::string>& scopes);

// The caller of one request.
struct Principal {
  std::optional<long long> user_id;  // empty for anonymous
  Role role = Role::kAnonymous;
  std::vector<std::string> scopes;   // as ScopeKindOf(role) describes
  // Set for API tokens: the permissions the token was given. The principal
  // then holds a permission only if both its role and the token grant it.
  std::optional<std::set<Permission>> token_permissions;
  // How the caller authenticated: "session" (cookie), "token" (bearer) or
  // "" (anonymous). Cookie-authenticated unsafe requests need a CSRF token.
  std::string via;

  bool anonymous() const { return !user_id.has_value(); }
  bool Allows(Permission permission) const;
};

// What a viewer may see exactly (the API derives it from role and scope):
// state analysts everything, regional analysts the counties of their
// regions, institution analysts their organizations and their descendants.
// Aggregates over rows outside it pass the suppression gate.
struct ExactScope {
  bool statewide = false;
  std::set<std::string> counties;       // FIPS
  std::set<std::string> organizations;  // org ids, descendants included
  bool Public() const { return !statewide && counties.empty() && organizations.empty(); }
};

}  // namespace pl::privacy
