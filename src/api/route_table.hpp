// RouteTable: every API route is declared here together with the permission
// it needs, in one call next to its handler:
//
//   routes.Add("GET", "/api/v1/students", Permission::kStudentRecords,
//              [&](const Request& r, const Caller& caller) { ... });
//
// The table authenticates the caller (session cookie or bearer token),
// refuses callers without the permission (401 for anonymous, 403 for
// signed-in users) and checks the CSRF token of cookie-authenticated unsafe
// requests before the handler runs. Handlers still check scope (which
// organizations, which regions) themselves, since that depends on the data.
//
// Default deny: the server refuses to start when its router holds a route
// that is not in the table (CheckEveryRouteDeclared), so a handler added to
// the http::Router directly can never be reached.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accounts/accounts.hpp"
#include "http/router.hpp"
#include "privacy/access.hpp"
#include "store/pool.hpp"

namespace pl::api {

// The caller of one request, as handlers see it.
struct Caller {
  privacy::Principal principal;
  std::string csrf_token;       // the session's, for cookie callers; "" otherwise
  std::string display_name;     // "" for anonymous
  std::string email;            // "" for anonymous
  std::string remote_address;
  // A label for audit records: the e-mail, or "anonymous".
  std::string AuditLabel() const;
};

// Appends an audit record for `caller` (who, from where). Handlers fail the
// request when it cannot be written: an unaudited access must not happen.
Status AuditAs(store::Database& db, const Caller& caller, std::string action, std::string target,
               nlohmann::json detail = nlohmann::json::object(), std::optional<long long> rows = std::nullopt);

using SecuredHandler = std::function<http::Response(const http::Request&, const Caller&)>;

struct AuthConfig {
  accounts::SessionPolicy session;
  accounts::ThrottlePolicy throttle;
  bool secure_cookies = false;  // served over TLS: cookies get the Secure flag
};

inline constexpr const char* kSessionCookie = "pl_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

class RouteTable {
 public:
  RouteTable(http::Router& router, store::DatabasePool& pool, AuthConfig config);

  void Add(std::string method, std::string pattern, privacy::Permission permission, SecuredHandler handler);

  // (method, pattern) -> permission, for the route x role test and docs.
  const std::map<std::pair<std::string, std::string>, privacy::Permission>& permissions() const {
    return permissions_;
  }
  const AuthConfig& config() const { return context_->config; }

  // For http::ServerConfig::upload_gate: the same authentication, permission
  // and CSRF checks on an upload's header, before its body is stored.
  std::function<std::optional<http::Response>(http::Request&)> UploadGate() const;

 private:
  // Shared with every handler, which may outlive this table (the router is
  // moved into the server).
  struct Context {
    store::DatabasePool* pool;
    AuthConfig config;
  };
  static Result<Caller> Admit(const Context& context, const http::Request& request,
                              privacy::Permission permission);
  static http::Response Handle(const Context& context, const http::Request& request,
                               privacy::Permission permission, const SecuredHandler& handler);

  http::Router& router_;
  std::shared_ptr<const Context> context_;
  // The same routes, answering only whether the caller is admitted.
  std::shared_ptr<http::Router> gates_;
  std::map<std::pair<std::string, std::string>, privacy::Permission> permissions_;
};

// FailedPrecondition naming the first route of `router` that `table` does
// not declare.
Status CheckEveryRouteDeclared(const http::Router& router, const RouteTable& table);

// Who is calling: a bearer token ("Authorization: Bearer plt_..."), else the
// session cookie, else anonymous. A bad bearer token is an error
// (Unauthenticated); a stale cookie is treated as no cookie.
Result<Caller> Authenticate(const http::Request& request, store::Database& db, const AuthConfig& config);

// Unsafe methods (anything but GET, HEAD, OPTIONS) from a cookie session
// need the session's CSRF token in X-CSRF-Token, and an Origin header, when
// sent, must name this server (Host). PermissionDenied says which check failed.
Status CheckCsrf(const http::Request& request, const Caller& caller);
// Anonymous unsafe requests (sign-in) get the Origin check alone, against
// login CSRF.
Status CheckSameOrigin(const http::Request& request);

}  // namespace pl::api
