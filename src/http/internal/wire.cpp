#include "http/internal/wire.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace pl::http::internal {
namespace http = boost::beast::http;

Result<Request> FromWire(WireRequest& wire, std::string remote_address) {
  PL_ASSIGN_OR_RETURN(Request request, FromWireHeader(wire, std::move(remote_address)));
  request.body = std::move(wire.body());
  return request;
}

bool IsMultipartFormData(const http::request_header<>& header) {
  std::string_view type = ToStd(header[http::field::content_type]);
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  return boost::beast::iequals(boost::beast::string_view(type.data(), type.size()), "multipart/form-data");
}

Result<Request> FromWireHeader(const http::request_header<>& wire, std::string remote_address) {
  Request request;
  request.method = std::string(ToStd(wire.method_string()));
  PL_RETURN_IF_ERROR(ParseTarget(ToStd(wire.target()), request));
  for (const auto& field : wire) {
    std::string name(ToStd(field.name_string()));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string& value = request.headers[name];
    // Cookie pairs are separated by "; " (RFC 6265 5.4); a ", " join would
    // glue the first pair of a second Cookie header onto a value.
    if (!value.empty()) value += name == "cookie" ? "; " : ", ";
    value += ToStd(field.value());
  }
  request.remote_address = std::move(remote_address);
  return request;
}

bool HasUnsupportedTransferEncoding(const http::request_header<>& header) {
  auto [first, last] = header.equal_range(http::field::transfer_encoding);
  if (first == last) return false;
  if (std::next(first) != last) return true;
  std::string_view value = ToStd(first->value());
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  return !boost::beast::iequals(boost::beast::string_view(value.data(), value.size()), "chunked");
}

void SetSecurityHeaders(WireResponse& wire, bool tls) {
  wire.set("Content-Security-Policy", std::string(kContentSecurityPolicy));
  wire.set("X-Content-Type-Options", "nosniff");
  wire.set("Referrer-Policy", "no-referrer");
  // Older browsers ignore CSP frame-ancestors; this says the same to them.
  wire.set("X-Frame-Options", "DENY");
  wire.set("Cross-Origin-Opener-Policy", "same-origin");
  wire.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (tls) wire.set("Strict-Transport-Security", std::string(kStrictTransportSecurity));
}

WireResponse ToWire(Response response, unsigned version, bool head_only, bool keep_alive,
                    bool tls) {
  WireResponse wire{static_cast<http::status>(response.status), version};
  for (auto& [name, value] : response.headers) wire.insert(name, value);
  SetSecurityHeaders(wire, tls);
  bool is_json = response.content_type.rfind("application/json", 0) == 0;
  if (is_json && wire.find(http::field::cache_control) == wire.end()) {
    wire.set(http::field::cache_control, "no-store");
  }
  wire.keep_alive(keep_alive);
  // 204 and 304 carry neither a body nor its type (RFC 9110 15.3.5, 15.4.5).
  if (response.status == 204 || response.status == 304) return wire;
  wire.set(http::field::content_type, response.content_type);
  if (head_only) {
    wire.content_length(response.body.size());
  } else {
    wire.body() = std::move(response.body);
    wire.prepare_payload();
  }
  return wire;
}

std::string_view PathForLog(std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  return path.empty() ? std::string_view("-") : path;
}

}  // namespace pl::http::internal
