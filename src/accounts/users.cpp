// Users: creation, listing, roles and scopes, passwords.
#include <sodium.h>

#include <algorithm>

#include "accounts/accounts.hpp"
#include "accounts/internal.hpp"

namespace pl::accounts {
namespace {

using store::Execute;
using store::Param;

constexpr std::size_t kMinPasswordCharacters = 12;
constexpr std::size_t kMaxPasswordBytes = 1024;
constexpr std::size_t kMaxDisplayName = 200;

// Characters, not bytes: a passphrase in any script counts what a person typed.
std::size_t Utf8Length(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Status CheckPassword(const std::string& password) {
  if (Utf8Length(password) < kMinPasswordCharacters) {
    return InvalidArgument("password must be at least 12 characters", {{"field", "password"}});
  }
  if (password.size() > kMaxPasswordBytes) {
    return InvalidArgument("password must be at most 1,024 bytes", {{"field", "password"}});
  }
  return Status();
}

Result<std::string> CheckDisplayName(const std::string& name, const std::string& email) {
  std::string out = name.empty() ? email.substr(0, email.find('@')) : name;
  if (Utf8Length(out) > kMaxDisplayName) {
    return InvalidArgument("display name must be at most 200 characters", {{"field", "display_name"}});
  }
  for (char c : out) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      return InvalidArgument("display name must not contain control characters", {{"field", "display_name"}});
    }
  }
  return out;
}

std::vector<std::string> SortedUnique(std::vector<std::string> scopes) {
  std::sort(scopes.begin(), scopes.end());
  scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
  return scopes;
}

// The scopes' shape for the role, then that each names an organization or
// region the database knows.
Status CheckScopes(store::Database& db, privacy::Role role, const std::vector<std::string>& scopes) {
  PL_RETURN_IF_ERROR(privacy::ValidateScopes(role, scopes));
  for (const auto& scope : scopes) {
    long long found = 0;
    if (privacy::ScopeKindOf(role) == privacy::ScopeKind::kOrganizations) {
      PL_ASSIGN_OR_RETURN(found, store::QueryInteger(db, "SELECT count(*) FROM organization WHERE org_id = :p0",
                                                     {Param::Text(scope)}));
      if (found == 0) {
        return InvalidArgument("scope names an unknown organization id: " + scope,
                               {{"field", "scope"}, {"value", scope}});
      }
    } else {
      // Scopes are lower-case; region codes in imported schemes may not be
      // (the shipped ccc scheme uses "BA"), so "ccc/ba" names that region.
      auto slash = scope.find('/');
      PL_ASSIGN_OR_RETURN(found, store::QueryInteger(db,
                                                     "SELECT count(*) FROM region_assignment WHERE scheme_code = :p0 "
                                                     "AND lower(region_code) = :p1",
                                                     {Param::Text(scope.substr(0, slash)),
                                                      Param::Text(scope.substr(slash + 1))}));
      if (found == 0) {
        return InvalidArgument("scope names an unknown region: " + scope, {{"field", "scope"}, {"value", scope}});
      }
    }
  }
  return Status();
}

Status ReplaceScopes(store::Database& db, long long user_id, const std::vector<std::string>& scopes) {
  PL_RETURN_IF_ERROR(Execute(db, "DELETE FROM user_scope WHERE user_id = :p0", {Param::Integer(user_id)}).status());
  for (const auto& scope : scopes) {
    PL_RETURN_IF_ERROR(Execute(db, "INSERT INTO user_scope (user_id, scope) VALUES (:p0, :p1)",
                               {Param::Integer(user_id), Param::Text(scope)})
                           .status());
  }
  return Status();
}

Result<User> RequireUserByEmail(store::Database& db, const std::string& email) {
  std::string normalized = internal::NormalizeEmailLoosely(email);
  PL_ASSIGN_OR_RETURN(auto user, internal::LoadUserByEmail(db, normalized));
  if (!user) return NotFound("no user has the e-mail " + normalized, {{"field", "email"}});
  return *std::move(user);
}

Status SetActive(store::Database& db, const std::string& email, bool active) {
  PL_ASSIGN_OR_RETURN(User user, RequireUserByEmail(db, email));
  return store::InTransaction(db, [&]() -> Status {
    PL_RETURN_IF_ERROR(Execute(db, "UPDATE app_user SET active = :p0 WHERE user_id = :p1",
                               {Param::Integer(active ? 1 : 0), Param::Integer(user.user_id)})
                           .status());
    if (active) return Status();
    PL_RETURN_IF_ERROR(internal::RevokeSessions(db, user.user_id));
    return internal::RevokeApiTokens(db, user.user_id);
  });
}

}  // namespace

Result<AddedUser> AddUser(store::Database& db, const NewUser& request) {
  PL_ASSIGN_OR_RETURN(std::string email, internal::NormalizeEmail(request.email));
  PL_ASSIGN_OR_RETURN(std::string display_name, CheckDisplayName(request.display_name, email));
  if (request.role == privacy::Role::kAnonymous) {
    return InvalidArgument("role anonymous cannot be given to an account", {{"field", "role"}});
  }
  std::vector<std::string> scopes = SortedUnique(request.scopes);
  PL_RETURN_IF_ERROR(CheckScopes(db, request.role, scopes));
  AddedUser added;
  std::string password = request.password;
  if (password.empty()) {
    password = GeneratePassword();
    added.generated_password = password;
  }
  PL_RETURN_IF_ERROR(CheckPassword(password));
  PL_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  long long user_id = 0;
  Status stored = store::InTransaction(db, [&]() -> Status {
    PL_ASSIGN_OR_RETURN(long long taken,
                        store::QueryInteger(db, "SELECT count(*) FROM app_user WHERE email = :p0", {Param::Text(email)}));
    if (taken > 0) return AlreadyExists("a user already has the e-mail " + email, {{"field", "email"}});
    PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                    "INSERT INTO app_user (email, display_name, password_hash, role, "
                                                    "active, created_at) VALUES (:p0, :p1, :p2, :p3, 1, :p4) "
                                                    "RETURNING user_id",
                                                    {Param::Text(email), Param::Text(display_name), Param::Text(hash),
                                                     Param::Text(std::string(privacy::RoleName(request.role))),
                                                     Param::Text(internal::FormatTime(Clock::now()))}));
    if (rows.empty()) return Internal("the new user got no id");
    user_id = rows[0]["user_id"].get<long long>();
    return ReplaceScopes(db, user_id, scopes);
  });
  PL_RETURN_IF_ERROR(stored);
  PL_ASSIGN_OR_RETURN(added.user, GetUser(db, user_id));
  return added;
}

Result<std::vector<User>> ListUsers(store::Database& db) {
  PL_ASSIGN_OR_RETURN(auto ids, store::QueryJson(db, "SELECT user_id FROM app_user ORDER BY user_id"));
  std::vector<User> out;
  for (const auto& row : ids) {
    PL_ASSIGN_OR_RETURN(User user, GetUser(db, row["user_id"].get<long long>()));
    out.push_back(std::move(user));
  }
  return out;
}

Result<User> GetUser(store::Database& db, long long user_id) {
  PL_ASSIGN_OR_RETURN(auto user, internal::LoadUserById(db, user_id));
  if (!user) return NotFound("no user has the id " + std::to_string(user_id));
  return *std::move(user);
}

Result<User> FindUserByEmail(store::Database& db, const std::string& email) {
  return RequireUserByEmail(db, email);
}

Status DisableUser(store::Database& db, const std::string& email) { return SetActive(db, email, false); }

Status EnableUser(store::Database& db, const std::string& email) { return SetActive(db, email, true); }

Result<std::string> ResetPassword(store::Database& db, const std::string& email) {
  PL_ASSIGN_OR_RETURN(User user, RequireUserByEmail(db, email));
  std::string password = GeneratePassword();
  PL_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  PL_RETURN_IF_ERROR(store::InTransaction(db, [&]() -> Status {
    PL_RETURN_IF_ERROR(Execute(db, "UPDATE app_user SET password_hash = :p0 WHERE user_id = :p1",
                               {Param::Text(hash), Param::Integer(user.user_id)})
                           .status());
    return internal::RevokeSessions(db, user.user_id);
  }));
  return password;
}

Status SetPassword(store::Database& db, long long user_id, const std::string& password) {
  PL_RETURN_IF_ERROR(CheckPassword(password));
  PL_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  PL_ASSIGN_OR_RETURN(long long changed, Execute(db, "UPDATE app_user SET password_hash = :p0 WHERE user_id = :p1",
                                                 {Param::Text(hash), Param::Integer(user_id)}));
  if (changed == 0) return NotFound("no user has the id " + std::to_string(user_id));
  return Status();
}

Status SetRole(store::Database& db, long long user_id, privacy::Role role, const std::vector<std::string>& scopes) {
  if (role == privacy::Role::kAnonymous) {
    return InvalidArgument("role anonymous cannot be given to an account", {{"field", "role"}});
  }
  std::vector<std::string> sorted = SortedUnique(scopes);
  PL_RETURN_IF_ERROR(CheckScopes(db, role, sorted));
  return store::InTransaction(db, [&]() -> Status {
    PL_ASSIGN_OR_RETURN(long long changed,
                        Execute(db, "UPDATE app_user SET role = :p0 WHERE user_id = :p1",
                                {Param::Text(std::string(privacy::RoleName(role))), Param::Integer(user_id)}));
    if (changed == 0) return NotFound("no user has the id " + std::to_string(user_id));
    return ReplaceScopes(db, user_id, sorted);
  });
}

std::string GeneratePassword() {
  // No 0/O/o, 1/l/I: people copy these passwords by eye.
  static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz";
  static_assert(kAlphabet.size() == 56);
  internal::EnsureSodium();
  std::string out;
  for (int i = 0; i < 20; ++i) out += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  return out;
}

Result<std::string> HashPassword(const std::string& password) {
  internal::EnsureSodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Internal("cannot hash the password: out of memory");
  }
  return std::string(hash);
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  internal::EnsureSodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

privacy::Principal PrincipalFor(const User& user, const std::string& via,
                                const std::vector<privacy::Permission>* token_permissions) {
  privacy::Principal principal;
  principal.user_id = user.user_id;
  principal.role = user.role;
  principal.scopes = user.scopes;
  principal.via = via;
  if (token_permissions != nullptr) {
    principal.token_permissions = std::set<privacy::Permission>(token_permissions->begin(), token_permissions->end());
  }
  return principal;
}

}  // namespace pl::accounts
