// Conversion between Beast messages and Request/Response, and the headers
// every response carries on the wire.
//
// All functions are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <boost/beast/http.hpp>

#include "core/status.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace pl::http::internal {

using WireRequest = boost::beast::http::request<boost::beast::http::string_body>;
using WireResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Moves the body out of `wire`. kInvalidArgument when the target is not
// origin-form or holds a bad escape (see ParseTarget).
Result<Request> FromWire(WireRequest& wire, std::string remote_address);

// The message to send. Adds X-Content-Type-Options: nosniff,
// Referrer-Policy: no-referrer and, for JSON without a Cache-Control of its
// own, Cache-Control: no-store. With head_only the Content-Length stays that
// of the full body but no body is sent. `response` must have passed the
// Responder's checks (or be built by the server itself).
WireResponse ToWire(Response response, unsigned version, bool head_only, bool keep_alive);

// Boost 1.74's beast::string_view is boost::string_view, not std's.
inline std::string_view ToStd(boost::beast::string_view text) {
  return {text.data(), text.size()};
}

// The part of a raw target that may be logged: the path without the query
// (which may carry personal data); "-" when empty. Raw, not decoded, so a
// "%0A" cannot forge a log line.
std::string_view PathForLog(std::string_view target);

}  // namespace pl::http::internal
