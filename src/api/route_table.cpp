#include "api/route_table.hpp"

#include "accounts/audit.hpp"

#include <sodium.h>

#include <fmt/format.h>

namespace pl::api {
namespace {

using http::Request;
using http::Response;
using privacy::Permission;

bool IsSafeMethod(std::string_view method) { return method == "GET" || method == "HEAD" || method == "OPTIONS"; }

bool SecretEquals(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// "https://host:port" -> "host:port"; "" when it is not an http(s) origin.
std::string OriginAuthority(std::string_view origin) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (origin.starts_with(scheme)) return std::string(origin.substr(scheme.size()));
  }
  return "";
}

Response Refuse(const Status& status) {
  Response r = Response::Error(status);
  if (status.code() == StatusCode::kUnauthenticated) r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

}  // namespace

std::string Caller::AuditLabel() const { return principal.user_id ? email : "anonymous"; }

Status AuditAs(store::Database& db, const Caller& caller, std::string action, std::string target,
               nlohmann::json detail, std::optional<long long> rows) {
  return accounts::Record(db, {.actor_user_id = caller.principal.user_id,
                               .actor_label = caller.AuditLabel(),
                               .action = std::move(action),
                               .target = std::move(target),
                               .detail = std::move(detail),
                               .row_count = rows,
                               .remote_address = caller.remote_address});
}

RouteTable::RouteTable(http::Router& router, store::DatabasePool& pool, AuthConfig config)
    : router_(router),
      context_(std::make_shared<const Context>(Context{&pool, std::move(config)})),
      gates_(std::make_shared<http::Router>()) {}

void RouteTable::Add(std::string method, std::string pattern, Permission permission, SecuredHandler handler) {
  permissions_[{method, pattern}] = permission;
  gates_->Add(method, pattern, [context = context_, permission](const Request& request) {
    Result<Caller> caller = Admit(*context, request, permission);
    return caller.ok() ? Response::Json(200, nlohmann::json::object()) : Refuse(caller.status());
  });
  router_.Add(std::move(method), std::move(pattern),
              [context = context_, permission, handler = std::move(handler)](const Request& request) {
                return Handle(*context, request, permission, handler);
              });
}

Result<Caller> RouteTable::Admit(const Context& context, const Request& request, Permission permission) {
  Result<Caller> caller = [&]() -> Result<Caller> {
    // Most requests are anonymous reads: they need no connection to know that.
    if (request.Header("authorization").empty() && !request.Cookie(kSessionCookie)) {
      Caller anonymous;
      anonymous.remote_address = request.remote_address;
      return anonymous;
    }
    auto db = context.pool->Acquire();
    return Authenticate(request, *db, context.config);
  }();
  if (!caller.ok()) return caller.status();
  if (!caller->principal.Allows(permission)) {
    if (caller->principal.anonymous()) return Unauthenticated("sign in to use this");
    return PermissionDenied(fmt::format("your role may not use this (needs {})", privacy::PermissionName(permission)),
                            {{"permission", privacy::PermissionName(permission)}});
  }
  if (!IsSafeMethod(request.method)) {
    PL_RETURN_IF_ERROR(caller->principal.via == "session" ? CheckCsrf(request, *caller)
                       : caller->principal.anonymous()    ? CheckSameOrigin(request)
                                                          : Status::Ok());
  }
  return caller;
}

Response RouteTable::Handle(const Context& context, const Request& request, Permission permission,
                           const SecuredHandler& handler) {
  Result<Caller> caller = Admit(context, request, permission);
  if (!caller.ok()) return Refuse(caller.status());
  return handler(request, *caller);
}

std::function<std::optional<Response>(Request&)> RouteTable::UploadGate() const {
  return [gates = gates_](Request& request) -> std::optional<Response> {
    Response answer = gates->Dispatch(request);
    if (answer.status == 200) return std::nullopt;
    return answer;
  };
}

Status CheckEveryRouteDeclared(const http::Router& router, const RouteTable& table) {
  for (const auto& route : router.Routes()) {
    if (!table.permissions().contains(route)) {
      return FailedPrecondition(fmt::format("route declares no permission: {} {}", route.first, route.second));
    }
  }
  return Status::Ok();
}

Result<Caller> Authenticate(const Request& request, store::Database& db, const AuthConfig& config) {
  Caller caller;
  caller.remote_address = request.remote_address;
  auto now = accounts::Clock::now();
  std::string authorization = request.Header("authorization");
  if (!authorization.empty()) {
    constexpr std::string_view kBearer = "Bearer ";
    if (!authorization.starts_with(kBearer)) {
      return Unauthenticated("the Authorization header must be \"Bearer <API token>\"");
    }
    auto token = accounts::AuthenticateApiToken(db, authorization.substr(kBearer.size()), now);
    if (!token.ok()) return Unauthenticated("the API token is not valid (unknown, revoked or its user disabled)");
    caller.principal = accounts::PrincipalFor(token->user, "token", &token->token.permissions);
    caller.display_name = token->user.display_name;
    caller.email = token->user.email;
    return caller;
  }
  std::optional<std::string> cookie = request.Cookie(kSessionCookie);
  if (cookie && !cookie->empty()) {
    auto session = accounts::TouchSession(db, *cookie, config.session, now);
    if (session.ok()) {
      caller.principal = accounts::PrincipalFor(session->user, "session");
      caller.csrf_token = session->csrf_token;
      caller.display_name = session->user.display_name;
      caller.email = session->user.email;
    }
  }
  return caller;
}

Status CheckSameOrigin(const Request& request) {
  std::string origin = request.Header("origin");
  if (origin.empty()) return Status::Ok();  // non-browser clients send none
  std::string host = request.Header("host");
  if (host.empty() || OriginAuthority(origin) != host) {
    return PermissionDenied("cross-origin request refused: the Origin header does not name this server",
                            {{"check", "origin"}});
  }
  return Status::Ok();
}

Status CheckCsrf(const Request& request, const Caller& caller) {
  PL_RETURN_IF_ERROR(CheckSameOrigin(request));
  std::string sent = request.Header(kCsrfHeader);
  if (sent.empty() || caller.csrf_token.empty() || !SecretEquals(sent, caller.csrf_token)) {
    return PermissionDenied(fmt::format("missing or wrong {} header (get it from GET /api/v1/auth/session)",
                                        kCsrfHeader),
                            {{"check", "csrf"}});
  }
  return Status::Ok();
}

}  // namespace pl::api
