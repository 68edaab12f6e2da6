#include "http/internal/responder.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <exception>
#include <string_view>

#include <spdlog/spdlog.h>

#include "http/internal/wire.hpp"

namespace pl::http::internal {
namespace {

// Framing headers belong to the server; a handler setting them would produce
// a message that contradicts its own Content-Length or Connection handling.
constexpr std::array<std::string_view, 4> kReservedHeaders = {
    "content-type", "content-length", "transfer-encoding", "connection"};

bool HasControlCharacters(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

bool IsReserved(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(kReservedHeaders.begin(), kReservedHeaders.end(), lower) !=
         kReservedHeaders.end();
}

// Why a response cannot go on the wire as built, or "" when it can.
std::string_view ResponseDefect(const Response& response) {
  if (response.status < 200 || response.status > 599) return "status outside 200..599";
  if (HasControlCharacters(response.content_type)) return "control character in content type";
  for (const auto& [name, value] : response.headers) {
    if (name.empty() || HasControlCharacters(name) || HasControlCharacters(value)) {
      return "bad header name or value";
    }
    if (IsReserved(name)) return "handler set a framing header";
  }
  return {};
}

// The route's pattern when one matched, else the path without its query.
std::string_view LogPath(const Request& request) {
  return request.route.empty() ? PathForLog(request.target) : std::string_view(request.route);
}

Response InternalError() {
  return Response::Error(Internal("internal error; see the server log"));
}

}  // namespace

Responder::Responder(Router router, std::shared_ptr<spdlog::logger> logger)
    : router_(std::move(router)), logger_(std::move(logger)) {}

Response Responder::Respond(Request& request) const {
  try {
    return Checked(Route(request), request);
  } catch (const std::exception& e) {
    // The exception text may name tables, files or values: log, don't send.
    logger_->error("handler for {} {} threw: {}", request.method, LogPath(request),
                   e.what());
  } catch (...) {
    logger_->error("handler for {} {} threw a non-std exception", request.method,
                   LogPath(request));
  }
  return InternalError();
}

Response Responder::Route(Request& request) const {
  if (static_files_ && StaticFiles::Serves(request) && !router_.Matches(request)) {
    return static_files_->Serve(request);
  }
  return router_.Dispatch(request);
}

Response Responder::Checked(Response response, const Request& request) const {
  std::string_view defect = ResponseDefect(response);
  if (defect.empty()) return response;
  logger_->error("handler for {} {} built a bad response: {}", request.method,
                 LogPath(request),
                 defect);
  return InternalError();
}

}  // namespace pl::http::internal
