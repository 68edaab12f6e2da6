// Response: what a route handler returns. The server adds framing
// (Content-Length, Connection) and the security headers; handlers never set
// those themselves.
//
// Response is a plain value: thread-compatible, no shared state.
#pragma once

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

  // `body` serialised as JSON. Invalid UTF-8 in strings is replaced by U+FFFD
  // instead of throwing.
  static Response Json(int status, const nlohmann::json& body);
  // The error body for `status`, with the HTTP status from HttpStatusFor
  // (see error_mapping.hpp). `status` must not be OK: an OK status gives a
  // 500 "internal" error, since building an error from success is a bug.
  static Response Error(const pl::Status& status);
};

}  // namespace pl::http
