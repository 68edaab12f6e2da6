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
// The same for a header whose body went elsewhere (an upload's file).
Result<Request> FromWireHeader(const boost::beast::http::request_header<>& header,
                               std::string remote_address);

// True for Content-Type multipart/form-data (any parameters, any case).
bool IsMultipartFormData(const boost::beast::http::request_header<>& header);

// True when the request has a Transfer-Encoding other than one field holding
// just "chunked" (case-insensitive). The server decodes no other coding, and
// Beast reads "chunked, chunked" or "chunked, gzip" as a message without a
// body, which leaves the real body on the connection to be parsed as the next
// request: request smuggling behind a proxy that frames it differently. RFC
// 9112 6.3: answer 400 and close.
bool HasUnsupportedTransferEncoding(const boost::beast::http::request_header<>& header);

// The Content-Security-Policy of every response. The front end is a bundle
// of files from the same origin: no inline script or style, no plugins, no
// framing, forms and fetches to this origin only. Images may be data: URLs
// (index.html's empty favicon). Styles set from script (element.style, as
// Preact's style props do) are not governed by style-src.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";
inline constexpr std::string_view kStrictTransportSecurity = "max-age=31536000";

// Sets the security headers on `wire`, replacing any a handler set:
// Content-Security-Policy, X-Content-Type-Options: nosniff, Referrer-Policy:
// no-referrer, X-Frame-Options: DENY, Cross-Origin-Opener-Policy:
// same-origin, Permissions-Policy (no camera, microphone, geolocation) and,
// with `tls`, Strict-Transport-Security.
void SetSecurityHeaders(WireResponse& wire, bool tls);

// The message to send: `response` with the security headers above and, for
// JSON without a Cache-Control of its own, Cache-Control: no-store. With
// head_only the Content-Length stays that of the full body but no body is
// sent. `response` must have passed the Responder's checks (or be built by
// the server itself).
WireResponse ToWire(Response response, unsigned version, bool head_only, bool keep_alive,
                    bool tls);

// Boost 1.74's beast::string_view is boost::string_view, not std's.
inline std::string_view ToStd(boost::beast::string_view text) {
  return {text.data(), text.size()};
}

// The part of a raw target that may be logged: the path without the query
// (which may carry personal data); "-" when empty. Raw, not decoded, so a
// "%0A" cannot forge a log line.
std::string_view PathForLog(std::string_view target);

}  // namespace pl::http::internal
