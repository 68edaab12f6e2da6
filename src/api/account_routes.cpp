// Sign-in, sign-out, the caller's session and API tokens; the
// administrator's users and audit log.
#include <charconv>
#include <chrono>
#include <cstdio>

#include <fmt/format.h>

#include "accounts/audit.hpp"
#include "api/api.hpp"
#include "api/json_body.hpp"

namespace pl::api {
namespace {

using http::Request;
using http::Response;
using privacy::Permission;

nlohmann::json UserJson(const accounts::User& user) {
  return {{"user_id", user.user_id},
          {"email", user.email},
          {"display_name", user.display_name},
          {"role", privacy::RoleName(user.role)},
          {"scopes", user.scopes},
          {"active", user.active},
          {"created_at", user.created_at},
          {"last_sign_in", user.last_sign_in.empty() ? nlohmann::json() : nlohmann::json(user.last_sign_in)}};
}

nlohmann::json PermissionsJson(const privacy::Principal& principal) {
  nlohmann::json names = nlohmann::json::array();
  for (Permission p : privacy::AllPermissions()) {
    if (principal.Allows(p)) names.push_back(privacy::PermissionName(p));
  }
  return names;
}

nlohmann::json TokenJson(const accounts::ApiToken& token) {
  nlohmann::json permissions = nlohmann::json::array();
  for (Permission p : token.permissions) permissions.push_back(privacy::PermissionName(p));
  return {{"token_id", token.token_id},
          {"name", token.name},
          {"permissions", permissions},
          {"prefix", token.prefix},
          {"created_at", token.created_at},
          {"last_used_at", token.last_used_at.empty() ? nlohmann::json() : nlohmann::json(token.last_used_at)},
          {"revoked", token.revoked}};
}

// The session cookie; an empty value with max_age 0 deletes it. Tokens are
// base64url, which a cookie value may always hold.
std::string SessionCookie(const std::string& value, long long max_age, bool secure) {
  auto header = http::SetCookieHeader({.name = kSessionCookie,
                                       .value = value,
                                       .max_age = std::chrono::seconds(max_age),
                                       .http_only = true,
                                       .secure = secure,
                                       .same_site = http::SameSite::kLax});
  return header.ok() ? *header : std::string();
}

Result<long long> IdParam(const Request& r, const std::string& name) {
  const std::string& text = r.path_params.at(name);
  long long id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return InvalidArgument(fmt::format("{} must be a positive integer", name), {{"parameter", name}});
  }
  return id;
}

Result<std::vector<Permission>> PermissionList(const nlohmann::json& body, const char* field) {
  std::vector<Permission> out;
  if (!body.contains(field)) return out;
  PL_ASSIGN_OR_RETURN(auto names, StringArrayField(body, field));
  for (const auto& name : names) {
    auto p = privacy::ParsePermission(name);
    if (!p.ok()) return InvalidArgument(p.status().message(), {{"field", field}});
    out.push_back(*p);
  }
  return out;
}

// ?actor= takes a user id or an e-mail; ?until= a date includes that whole
// day (the store's bound is exclusive).
Result<accounts::AuditFilter> AuditFilterFrom(const Request& r) {
  accounts::AuditFilter filter{.action = r.Query("action").value_or(""), .since = r.Query("since").value_or("")};
  std::string actor = r.Query("actor").value_or("");
  long long id = 0;
  auto [end, ec] = std::from_chars(actor.data(), actor.data() + actor.size(), id);
  if (!actor.empty() && ec == std::errc() && end == actor.data() + actor.size()) {
    filter.actor_user_id = id;
  } else {
    filter.actor = actor;
  }
  filter.until = r.Query("until").value_or("");
  if (filter.until.size() == 10) {
    int y = 0, m = 0, d = 0;
    if (std::sscanf(filter.until.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) {
      return InvalidArgument("until must be a date (2026-11-23) or an ISO 8601 time", {{"parameter", "until"}});
    }
    std::chrono::year_month_day day{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
    if (!day.ok()) return InvalidArgument("until is not a calendar date", {{"parameter", "until"}});
    std::chrono::year_month_day next{std::chrono::sys_days(day) + std::chrono::days(1)};
    filter.until = fmt::format("{:04}-{:02}-{:02}", static_cast<int>(next.year()), static_cast<unsigned>(next.month()),
                               static_cast<unsigned>(next.day()));
  }
  return filter;
}

void RegisterSessionRoutes(RouteTable& routes, store::DatabasePool& pool) {
  const AuthConfig& auth = routes.config();
  routes.Add("GET", "/api/v1/auth/session", Permission::kPublic, [](const Request&, const Caller& caller) {
    if (caller.principal.anonymous()) return Response::Json(200, {{"signed_in", false}});
    nlohmann::json user = {{"user_id", *caller.principal.user_id},
                           {"email", caller.email},
                           {"display_name", caller.display_name},
                           {"role", privacy::RoleName(caller.principal.role)},
                           {"scopes", caller.principal.scopes}};
    nlohmann::json body = {{"signed_in", true},
                           {"via", caller.principal.via},
                           {"user", user},
                           {"permissions", PermissionsJson(caller.principal)}};
    if (!caller.csrf_token.empty()) body["csrf_token"] = caller.csrf_token;
    return Response::Json(200, body);
  });

  routes.Add("POST", "/api/v1/auth/session", Permission::kPublic,
             [&pool, auth](const Request& r, const Caller& caller) {
    auto body = ParseJsonObject(r);
    if (!body.ok()) return Response::Error(body.status());
    auto email = StringField(*body, "email");
    auto password = StringField(*body, "password");
    if (!email.ok()) return Response::Error(email.status());
    if (!password.ok()) return Response::Error(password.status());
    auto db = pool.Acquire();
    auto session = accounts::SignIn(*db, *email, *password, r.remote_address, auth.session, auth.throttle,
                                    accounts::Clock::now());
    if (!session.ok()) {
      (void)AuditAs(*db, caller, "auth.sign_in_failed", "", {{"reason", StatusCodeName(session.status().code())}});
      Response refused = Response::Error(session.status());
      const auto& details = session.status().details();
      if (details.is_object() && details.contains("retry_after_seconds")) {
        refused.headers.emplace_back("Retry-After", std::to_string(details["retry_after_seconds"].get<long long>()));
      }
      return refused;
    }
    Caller signed_in = caller;
    signed_in.principal = accounts::PrincipalFor(session->user, "session");
    signed_in.email = session->user.email;
    Status audited = AuditAs(*db, signed_in, "auth.sign_in", fmt::format("user:{}", session->user.user_id));
    if (!audited.ok()) return Response::Error(audited);
    auto max_age = std::chrono::duration_cast<std::chrono::seconds>(auth.session.absolute).count();
    Response ok = Response::Json(200, {{"signed_in", true},
                                       {"via", "session"},
                                       {"user", UserJson(session->user)},
                                       {"permissions", PermissionsJson(signed_in.principal)},
                                       {"csrf_token", session->csrf_token}});
    ok.headers.emplace_back("Set-Cookie", SessionCookie(session->token, max_age, auth.secure_cookies));
    return ok;
  });

  routes.Add("DELETE", "/api/v1/auth/session", Permission::kAccount,
             [&pool, auth](const Request& r, const Caller& caller) {
    auto db = pool.Acquire();
    if (auto token = r.Cookie(kSessionCookie)) {
      Status s = accounts::SignOut(*db, *token);
      if (!s.ok()) return Response::Error(s);
    }
    (void)AuditAs(*db, caller, "auth.sign_out", "");
    Response ok = Response::Json(200, {{"signed_in", false}});
    ok.headers.emplace_back("Set-Cookie", SessionCookie("", 0, auth.secure_cookies));
    return ok;
  });
}

void RegisterTokenRoutes(RouteTable& routes, store::DatabasePool& pool) {
  routes.Add("GET", "/api/v1/auth/tokens", Permission::kAccount, [&pool](const Request&, const Caller& caller) {
    auto db = pool.Acquire();
    auto tokens = accounts::ListApiTokens(*db, *caller.principal.user_id);
    if (!tokens.ok()) return Response::Error(tokens.status());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& t : *tokens) items.push_back(TokenJson(t));
    return Response::Json(200, {{"items", items}});
  });
  routes.Add("POST", "/api/v1/auth/tokens", Permission::kAccount, [&pool](const Request& r, const Caller& caller) {
    // A token cannot mint tokens: it would outlive its own revocation.
    if (caller.principal.via == "token") {
      return Response::Error(PermissionDenied("API tokens are created from a signed-in session, not with a token"));
    }
    auto body = ParseJsonObject(r);
    if (!body.ok()) return Response::Error(body.status());
    auto name = StringField(*body, "name");
    if (!name.ok()) return Response::Error(name.status());
    auto permissions = PermissionList(*body, "permissions");
    if (!permissions.ok()) return Response::Error(permissions.status());
    auto db = pool.Acquire();
    auto created = accounts::CreateApiToken(*db, *caller.principal.user_id, *name, *permissions);
    if (!created.ok()) return Response::Error(created.status());
    Status audited = AuditAs(*db, caller, "auth.token_created", fmt::format("token:{}", created->token.token_id));
    if (!audited.ok()) return Response::Error(audited);
    nlohmann::json out = TokenJson(created->token);
    out["secret"] = created->secret;
    return Response::Json(201, out);
  });
  routes.Add("DELETE", "/api/v1/auth/tokens/{token_id}", Permission::kAccount,
             [&pool](const Request& r, const Caller& caller) {
    auto id = IdParam(r, "token_id");
    if (!id.ok()) return Response::Error(id.status());
    auto db = pool.Acquire();
    Status s = accounts::RevokeApiToken(*db, *caller.principal.user_id, *id);
    if (!s.ok()) return Response::Error(s);
    (void)AuditAs(*db, caller, "auth.token_revoked", fmt::format("token:{}", *id));
    return Response::Json(200, {{"token_id", *id}, {"revoked", true}});
  });
}

void RegisterUserRoutes(RouteTable& routes, store::DatabasePool& pool) {
  routes.Add("GET", "/api/v1/users", Permission::kManageUsers, [&pool](const Request&, const Caller&) {
    auto db = pool.Acquire();
    auto users = accounts::ListUsers(*db);
    if (!users.ok()) return Response::Error(users.status());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& u : *users) items.push_back(UserJson(u));
    return Response::Json(200, {{"items", items}, {"total", items.size()}});
  });

  routes.Add("POST", "/api/v1/users", Permission::kManageUsers, [&pool](const Request& r, const Caller& caller) {
    auto body = ParseJsonObject(r);
    if (!body.ok()) return Response::Error(body.status());
    auto email = StringField(*body, "email");
    auto role_name = StringField(*body, "role");
    if (!email.ok()) return Response::Error(email.status());
    if (!role_name.ok()) return Response::Error(role_name.status());
    auto role = privacy::ParseRole(*role_name);
    if (!role.ok()) return Response::Error(InvalidArgument(role.status().message(), {{"field", "role"}}));
    accounts::NewUser user{.email = *email, .role = *role};
    if (body->contains("display_name")) {
      auto name = StringField(*body, "display_name");
      if (!name.ok()) return Response::Error(name.status());
      user.display_name = *name;
    }
    if (body->contains("scopes")) {
      auto scopes = StringArrayField(*body, "scopes");
      if (!scopes.ok()) return Response::Error(scopes.status());
      user.scopes = *scopes;
    }
    auto db = pool.Acquire();
    auto added = accounts::AddUser(*db, user);
    if (!added.ok()) return Response::Error(added.status());
    Status audited = AuditAs(*db, caller, "users.create", fmt::format("user:{}", added->user.user_id),
                           {{"role", privacy::RoleName(added->user.role)}, {"scopes", added->user.scopes}});
    if (!audited.ok()) return Response::Error(audited);
    nlohmann::json out = UserJson(added->user);
    out["password"] = added->generated_password;  // shown once
    return Response::Json(201, out);
  });

  routes.Add("PATCH", "/api/v1/users/{user_id}", Permission::kManageUsers,
             [&pool](const Request& r, const Caller& caller) {
    auto id = IdParam(r, "user_id");
    if (!id.ok()) return Response::Error(id.status());
    auto body = ParseJsonObject(r);
    if (!body.ok()) return Response::Error(body.status());
    auto db = pool.Acquire();
    auto user = accounts::GetUser(*db, *id);
    if (!user.ok()) return Response::Error(user.status());
    if (*id == *caller.principal.user_id && body->contains("active")) {
      return Response::Error(InvalidArgument("you cannot disable your own account", {{"field", "active"}}));
    }
    if (body->contains("role") || body->contains("scopes")) {
      privacy::Role role = user->role;
      std::vector<std::string> scopes = user->scopes;
      if (body->contains("role")) {
        auto name = StringField(*body, "role");
        if (!name.ok()) return Response::Error(name.status());
        auto parsed = privacy::ParseRole(*name);
        if (!parsed.ok()) return Response::Error(InvalidArgument(parsed.status().message(), {{"field", "role"}}));
        role = *parsed;
      }
      if (body->contains("scopes")) {
        auto parsed = StringArrayField(*body, "scopes");
        if (!parsed.ok()) return Response::Error(parsed.status());
        scopes = *parsed;
      } else if (privacy::ScopeKindOf(role) != privacy::ScopeKindOf(user->role)) {
        scopes.clear();
      }
      Status s = accounts::SetRole(*db, *id, role, scopes);
      if (!s.ok()) return Response::Error(s);
    }
    if (body->contains("active")) {
      if (!(*body)["active"].is_boolean()) {
        return Response::Error(InvalidArgument("active must be true or false", {{"field", "active"}}));
      }
      Status s = (*body)["active"].get<bool>() ? accounts::EnableUser(*db, user->email)
                                               : accounts::DisableUser(*db, user->email);
      if (!s.ok()) return Response::Error(s);
    }
    auto updated = accounts::GetUser(*db, *id);
    if (!updated.ok()) return Response::Error(updated.status());
    Status audited = AuditAs(*db, caller, "users.update", fmt::format("user:{}", *id),
                           {{"role", privacy::RoleName(updated->role)},
                            {"scopes", updated->scopes},
                            {"active", updated->active}});
    if (!audited.ok()) return Response::Error(audited);
    return Response::Json(200, UserJson(*updated));
  });

  routes.Add("POST", "/api/v1/users/{user_id}/password-reset", Permission::kManageUsers,
             [&pool](const Request& r, const Caller& caller) {
    auto id = IdParam(r, "user_id");
    if (!id.ok()) return Response::Error(id.status());
    auto db = pool.Acquire();
    auto user = accounts::GetUser(*db, *id);
    if (!user.ok()) return Response::Error(user.status());
    auto password = accounts::ResetPassword(*db, user->email);
    if (!password.ok()) return Response::Error(password.status());
    Status audited = AuditAs(*db, caller, "users.password_reset", fmt::format("user:{}", *id));
    if (!audited.ok()) return Response::Error(audited);
    return Response::Json(200, {{"user_id", *id}, {"password", *password}});
  });

  routes.Add("GET", "/api/v1/audit", Permission::kReadAudit, [&pool](const Request& r, const Caller&) {
    auto page = store::ParsePage(r.Query("page"), r.Query("per_page"));
    if (!page.ok()) return Response::Error(page.status());
    auto filter = AuditFilterFrom(r);
    if (!filter.ok()) return Response::Error(filter.status());
    auto db = pool.Acquire();
    auto entries = accounts::ListAudit(*db, *filter, *page);
    if (!entries.ok()) return Response::Error(entries.status());
    return Response::Json(200, *entries);
  });
}

}  // namespace

void RegisterAccountRoutes(RouteTable& routes, store::DatabasePool& pool) {
  RegisterSessionRoutes(routes, pool);
  RegisterTokenRoutes(routes, pool);
  RegisterUserRoutes(routes, pool);
}

}  // namespace pl::api
