// Response: what a route handler returns. The server adds framing
// (Content-Length, Connection) and the security headers; handlers never set
// those themselves.
//
// Response is a plain value: thread-compatible, no shared state.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.hpp"

namespace pl::http {

struct Response {
  int status = 200;  // a final status, 200..599; anything else becomes a logged 500
  std::string content_type = "application/json";
  std::string body;
  // Extra headers, sent in order (repeats allowed, e.g. Set-Cookie). Must not
  // hold CR/LF/NUL, nor Content-Type, Content-Length, Transfer-Encoding or
  // Connection: a response that does becomes a logged 500.
  std::vector<std::pair<std::string, std::string>> headers;

  // `body` serialised as JSON (JsonText).
  static Response Json(int status, const nlohmann::json& body);
  // The error body for `status`, with the HTTP status from HttpStatusFor.
  // Internal errors (500) carry a generic message; the real one goes to the
  // default log (store messages hold no row values: store::DriverMessage).
  // (see error_mapping.hpp). `status` must not be OK: an OK status gives a
  // 500 "internal" error, since building an error from success is a bug.
  static Response Error(const pl::Status& status);
};

// `body` as JSON text, as responses carry it. Data imported from CSV
// extracts may hold invalid UTF-8: it is replaced by U+FFFD instead of
// throwing, so a readable answer does not become a 500.
std::string JsonText(const nlohmann::json& body);

enum class SameSite { kLax, kStrict };

// One cookie to set. The defaults suit a session cookie: sent to the whole
// site, invisible to script, HTTPS only, not sent on cross-site requests
// other than top-level navigation.
struct CookieSpec {
  std::string name;   // an RFC 6265 token: no separators, spaces or controls
  std::string value;  // RFC 6265 cookie-octets: no '"', ',', ';', '\\', spaces, controls
  std::string path = "/";
  // nullopt: a session cookie (gone when the browser closes); zero deletes
  // the cookie now.
  std::optional<std::chrono::seconds> max_age;
  bool http_only = true;
  // Browsers accept Secure cookies from http://localhost but not from other
  // plain-HTTP hosts; turn off only for such a deployment.
  bool secure = true;
  SameSite same_site = SameSite::kLax;
};

// The value of a Set-Cookie header for `cookie`:
//   "sid=abc; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Lax"
// Add it with response.headers.emplace_back("Set-Cookie", value).
// kInvalidArgument for an empty or non-token name, a value with characters
// outside cookie-octet, a path not starting with '/' or holding ';' or
// control characters, or a negative max_age: a cookie built from bad input
// could smuggle attributes (";Domain=...") or split the header.
Result<std::string> SetCookieHeader(const CookieSpec& cookie);

}  // namespace pl::http
