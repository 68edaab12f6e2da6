#include "privacy/access.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace pl::privacy {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 7> kRoleNames{{
    {Role::kAnonymous, "anonymous"},
    {Role::kMember, "member"},
    {Role::kEmployer, "employer"},
    {Role::kInstitutionAnalyst, "institution_analyst"},
    {Role::kRegionalAnalyst, "regional_analyst"},
    {Role::kStateAnalyst, "state_analyst"},
    {Role::kAdministrator, "administrator"},
}};

constexpr std::array<std::pair<Permission, std::string_view>, 10> kPermissionNames{{
    {Permission::kPublic, "public"},
    {Permission::kAccount, "account"},
    {Permission::kCommunity, "community"},
    {Permission::kEmployerWbl, "wbl.own"},
    {Permission::kStudentRecords, "students.read"},
    {Permission::kImport, "imports.write"},
    {Permission::kManageUsers, "users.manage"},
    {Permission::kReadAudit, "audit.read"},
    {Permission::kManageReference, "reference.manage"},
    {Permission::kEditPathways, "pathways.edit"},
}};

std::string AccountRoleList() {
  std::string out;
  for (Role role : AccountRoles()) out += (out.empty() ? "" : ", ") + std::string(RoleName(role));
  return out;
}

bool IsSlugChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'; }

bool IsSlug(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), IsSlugChar); }

// Organization ids come from imported files; these few characters would
// break the scope lists people type (commas, spaces) or region syntax (/).
bool IsOrganizationId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::none_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f || c == ',' || c == '/';
  });
}

bool IsRegion(std::string_view s) {
  auto slash = s.find('/');
  if (slash == std::string_view::npos) return false;
  return IsSlug(s.substr(0, slash)) && IsSlug(s.substr(slash + 1));
}

Status ScopeError(std::string message, const std::string& scope) {
  return InvalidArgument(std::move(message), {{"field", "scope"}, {"value", scope}});
}

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [r, name] : kRoleNames) {
    if (r == role) return name;
  }
  return "anonymous";
}

Result<Role> ParseRole(std::string_view name) {
  for (Role role : AccountRoles()) {
    if (RoleName(role) == name) return role;
  }
  return InvalidArgument("role must be one of " + AccountRoleList() + "; got: " + std::string(name),
                         {{"field", "role"}, {"value", std::string(name)}});
}

const std::vector<Role>& AccountRoles() {
  static const std::vector<Role> kRoles{Role::kMember,          Role::kEmployer,     Role::kInstitutionAnalyst,
                                        Role::kRegionalAnalyst, Role::kStateAnalyst, Role::kAdministrator};
  return kRoles;
}

std::string_view PermissionName(Permission permission) {
  for (const auto& [p, name] : kPermissionNames) {
    if (p == permission) return name;
  }
  return "public";
}

Result<Permission> ParsePermission(std::string_view name) {
  for (const auto& [p, n] : kPermissionNames) {
    if (n == name) return p;
  }
  std::string names;
  for (const auto& [p, n] : kPermissionNames) names += (names.empty() ? "" : ", ") + std::string(n);
  return InvalidArgument("permission must be one of " + names + "; got: " + std::string(name),
                         {{"field", "permissions"}, {"value", std::string(name)}});
}

const std::vector<Permission>& AllPermissions() {
  static const std::vector<Permission> kAll = [] {
    std::vector<Permission> out;
    for (const auto& [p, name] : kPermissionNames) out.push_back(p);
    return out;
  }();
  return kAll;
}

bool RoleAllows(Role role, Permission permission) {
  if (permission == Permission::kPublic) return true;
  if (role == Role::kAnonymous) return false;
  // Every signed-in role is a member.
  if (permission == Permission::kAccount || permission == Permission::kCommunity) return true;
  switch (role) {
    case Role::kEmployer:
      return permission == Permission::kEmployerWbl;
    // Institution analysts are the districts' and colleges' CTE
    // coordinators: they edit the pathway grids of their regions (the route
    // checks the region against their organizations).
    case Role::kInstitutionAnalyst:
      return permission == Permission::kStudentRecords || permission == Permission::kImport ||
             permission == Permission::kEditPathways;
    case Role::kAdministrator:
      return permission == Permission::kManageUsers || permission == Permission::kReadAudit ||
             permission == Permission::kManageReference || permission == Permission::kImport ||
             permission == Permission::kEditPathways;
    // Regional and state analysts differ from members only in which
    // aggregates they see unsuppressed, which the statistics layer decides.
    default:
      return false;
  }
}

ScopeKind ScopeKindOf(Role role) {
  switch (role) {
    case Role::kEmployer:
    case Role::kInstitutionAnalyst:
      return ScopeKind::kOrganizations;
    case Role::kRegionalAnalyst:
      return ScopeKind::kRegions;
    default:
      return ScopeKind::kNone;
  }
}

Status ValidateScopes(Role role, const std::vector<std::string>& scopes) {
  const std::string role_name(RoleName(role));
  switch (ScopeKindOf(role)) {
    case ScopeKind::kNone:
      if (!scopes.empty()) {
        return ScopeError("scope is not accepted for role " + role_name + ": remove the scope " + scopes.front(),
                          scopes.front());
      }
      return Status();
    case ScopeKind::kOrganizations:
      if (scopes.empty()) {
        return InvalidArgument("scope is required for role " + role_name + ": give at least one organization id",
                               {{"field", "scope"}});
      }
      for (const auto& scope : scopes) {
        if (!IsOrganizationId(scope)) {
          return ScopeError("scope must be an organization id (1 to 64 characters, no spaces, commas or "
                            "slashes); got: " + scope,
                            scope);
        }
      }
      return Status();
    case ScopeKind::kRegions:
      if (scopes.empty()) {
        return InvalidArgument("scope is required for role " + role_name +
                                   ": give at least one region as scheme/region_code",
                               {{"field", "scope"}});
      }
      for (const auto& scope : scopes) {
        if (!IsRegion(scope)) {
          return ScopeError("scope must be a region written scheme/region_code in lower case, e.g. ccc/bay_area; got: " +
                                scope,
                            scope);
        }
      }
      return Status();
  }
  return Status();
}

bool Principal::Allows(Permission permission) const {
  // Public routes are open to anonymous callers, so a token cannot make its
  // holder less able than nobody at all.
  if (permission == Permission::kPublic) return true;
  if (!RoleAllows(role, permission)) return false;
  return !token_permissions.has_value() || token_permissions->count(permission) > 0;
}

}  // namespace pl::privacy
