#include "http/response.hpp"

#include <algorithm>
#include <string_view>

#include <spdlog/spdlog.h>

#include "http/error_mapping.hpp"

namespace pl::http {
namespace {

bool IsControl(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }

// RFC 9110 5.6.2 token characters.
bool IsTokenChar(char c) {
  if (IsControl(c) || static_cast<unsigned char>(c) > 0x7e || c == ' ') return false;
  return std::string_view("()<>@,;:\\\"/[]?={}").find(c) == std::string_view::npos;
}

// RFC 6265 4.1.1 cookie-octet: visible ASCII except '"', ',', ';' and '\\'.
bool IsCookieOctet(char c) {
  auto u = static_cast<unsigned char>(c);
  return u >= 0x21 && u <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
}

Status CheckCookie(const CookieSpec& cookie) {
  if (cookie.name.empty() || !std::all_of(cookie.name.begin(), cookie.name.end(), IsTokenChar)) {
    return InvalidArgument("cookie name must be a non-empty token");
  }
  if (!std::all_of(cookie.value.begin(), cookie.value.end(), IsCookieOctet)) {
    return InvalidArgument("cookie value holds a character outside cookie-octet",
                           {{"cookie", cookie.name}});
  }
  bool bad_path = cookie.path.empty() || cookie.path.front() != '/' ||
                  std::any_of(cookie.path.begin(), cookie.path.end(),
                              [](char c) { return c == ';' || IsControl(c); });
  if (bad_path) {
    return InvalidArgument("cookie path must start with '/' and hold no ';' or controls",
                           {{"cookie", cookie.name}});
  }
  if (cookie.max_age && cookie.max_age->count() < 0) {
    return InvalidArgument("cookie max_age must be >= 0", {{"cookie", cookie.name}});
  }
  return Status::Ok();
}

}  // namespace

std::string JsonText(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Response Response::Json(int status, const nlohmann::json& body) {
  Response response;
  response.status = status;
  response.content_type = "application/json";
  response.body = JsonText(body);
  return response;
}

Response Response::Error(const pl::Status& status) {
  if (status.ok()) {
    return ErrorResponse(500, "internal", "error response requested for an OK status");
  }
  int http_status = HttpStatusFor(status.code());
  if (http_status >= 500 && status.code() != StatusCode::kUnavailable) {
    // Server faults can name tables, SQL or files: the operator reads them
    // in the log, the client gets no internals.
    spdlog::error("{}", status.ToString());
    return ErrorResponse(http_status, StatusCodeName(status.code()), "internal error; see the server log");
  }
  return ErrorResponse(http_status, StatusCodeName(status.code()), status.message(), status.details());
}


Result<std::string> SetCookieHeader(const CookieSpec& cookie) {
  PL_RETURN_IF_ERROR(CheckCookie(cookie));
  std::string header = cookie.name + "=" + cookie.value + "; Path=" + cookie.path;
  if (cookie.max_age) header += "; Max-Age=" + std::to_string(cookie.max_age->count());
  if (cookie.http_only) header += "; HttpOnly";
  if (cookie.secure) header += "; Secure";
  header += cookie.same_site == SameSite::kStrict ? "; SameSite=Strict" : "; SameSite=Lax";
  return header;
}

}  // namespace pl::http
