// API tokens: bearer secrets for scripts, limited to a subset of the role.
#include <algorithm>

#include "accounts/accounts.hpp"
#include "accounts/internal.hpp"

namespace pl::accounts {
namespace {

using store::Execute;
using store::Param;

constexpr std::string_view kTokenPrefix = "plt_";
constexpr std::size_t kMaxTokenName = 100;

std::string JoinPermissions(const std::vector<privacy::Permission>& permissions) {
  std::string out;
  for (auto p : permissions) out += (out.empty() ? "" : ",") + std::string(privacy::PermissionName(p));
  return out;
}

Result<std::vector<privacy::Permission>> SplitPermissions(const std::string& text) {
  std::vector<privacy::Permission> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t comma = std::min(text.find(',', at), text.size());
    PL_ASSIGN_OR_RETURN(auto p, privacy::ParsePermission(text.substr(at, comma - at)));
    out.push_back(p);
    at = comma + 1;
  }
  return out;
}

// Sorted, without repeats; every permission the role holds when empty.
Result<std::vector<privacy::Permission>> TokenPermissions(privacy::Role role,
                                                          const std::vector<privacy::Permission>& requested) {
  std::vector<privacy::Permission> out;
  if (requested.empty()) {
    for (auto p : privacy::AllPermissions()) {
      if (privacy::RoleAllows(role, p)) out.push_back(p);
    }
    return out;
  }
  for (auto p : requested) {
    if (!privacy::RoleAllows(role, p)) {
      return InvalidArgument("permissions must be held by the user's role " + std::string(privacy::RoleName(role)) +
                                 "; not held: " + std::string(privacy::PermissionName(p)),
                             {{"field", "permissions"}, {"value", std::string(privacy::PermissionName(p))}});
    }
    out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<ApiToken> TokenFromRow(const nlohmann::json& row) {
  ApiToken token;
  token.token_id = row["token_id"].get<long long>();
  token.user_id = row["user_id"].get<long long>();
  token.name = row["name"];
  PL_ASSIGN_OR_RETURN(token.permissions, SplitPermissions(row["permissions"].get<std::string>()));
  token.prefix = row["prefix"];
  token.created_at = row["created_at"];
  token.last_used_at = row["last_used_at"].is_string() ? row["last_used_at"].get<std::string>() : "";
  token.revoked = row["revoked"].get<long long>() != 0;
  return token;
}

constexpr const char* kTokenColumns =
    "SELECT token_id, user_id, name, permissions, prefix, created_at, last_used_at, revoked FROM api_token ";

}  // namespace

Result<CreatedApiToken> CreateApiToken(store::Database& db, long long user_id, const std::string& name,
                                       const std::vector<privacy::Permission>& permissions) {
  if (name.empty() || name.size() > kMaxTokenName) {
    return InvalidArgument("name must be 1 to 100 characters", {{"field", "name"}});
  }
  PL_ASSIGN_OR_RETURN(User user, GetUser(db, user_id));
  if (!user.active) return FailedPrecondition("the user is disabled: " + user.email);
  PL_ASSIGN_OR_RETURN(auto granted, TokenPermissions(user.role, permissions));
  CreatedApiToken created;
  created.secret = std::string(kTokenPrefix) + internal::RandomToken();
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db,
                                                  "INSERT INTO api_token (user_id, name, token_hash, prefix, "
                                                  "permissions, created_at, revoked) VALUES (:p0, :p1, :p2, :p3, "
                                                  ":p4, :p5, 0) RETURNING token_id",
                                                  {Param::Integer(user_id), Param::Text(name),
                                                   Param::Text(internal::Sha256Hex(created.secret)),
                                                   Param::Text(created.secret.substr(0, 8)),
                                                   Param::Text(JoinPermissions(granted)),
                                                   Param::Text(internal::FormatTime(Clock::now()))}));
  if (rows.empty()) return Internal("the new API token got no id");
  PL_ASSIGN_OR_RETURN(auto stored, store::QueryJson(db, std::string(kTokenColumns) + "WHERE token_id = :p0",
                                                    {Param::Integer(rows[0]["token_id"].get<long long>())}));
  PL_ASSIGN_OR_RETURN(created.token, TokenFromRow(stored.at(0)));
  return created;
}

Result<std::vector<ApiToken>> ListApiTokens(store::Database& db, long long user_id) {
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db, std::string(kTokenColumns) + "WHERE user_id = :p0 ORDER BY token_id",
                                                  {Param::Integer(user_id)}));
  std::vector<ApiToken> out;
  for (const auto& row : rows) {
    PL_ASSIGN_OR_RETURN(ApiToken token, TokenFromRow(row));
    out.push_back(std::move(token));
  }
  return out;
}

Status RevokeApiToken(store::Database& db, long long user_id, long long token_id) {
  PL_ASSIGN_OR_RETURN(long long changed,
                      Execute(db, "UPDATE api_token SET revoked = 1 WHERE token_id = :p0 AND user_id = :p1",
                              {Param::Integer(token_id), Param::Integer(user_id)}));
  // Another user's token is "not found" too: ids reveal nothing.
  if (changed == 0) return NotFound("no API token of yours has the id " + std::to_string(token_id));
  return Status();
}

Result<TokenInfo> AuthenticateApiToken(store::Database& db, const std::string& secret, Clock::time_point now) {
  const Status refused(StatusCode::kUnauthenticated, "the API token is not valid");
  if (!secret.starts_with(kTokenPrefix)) return refused;
  PL_ASSIGN_OR_RETURN(auto rows, store::QueryJson(db, std::string(kTokenColumns) + "WHERE token_hash = :p0",
                                                  {Param::Text(internal::Sha256Hex(secret))}));
  if (rows.empty()) return refused;
  PL_ASSIGN_OR_RETURN(ApiToken token, TokenFromRow(rows[0]));
  if (token.revoked) return refused;
  PL_ASSIGN_OR_RETURN(auto user, internal::LoadUserById(db, token.user_id));
  if (!user || !user->active) return refused;
  token.last_used_at = internal::FormatTime(now);
  PL_RETURN_IF_ERROR(Execute(db, "UPDATE api_token SET last_used_at = :p0 WHERE token_id = :p1",
                             {Param::Text(token.last_used_at), Param::Integer(token.token_id)})
                         .status());
  return TokenInfo{*std::move(user), std::move(token)};
}

}  // namespace pl::accounts
