#include "http/error_mapping.hpp"

namespace pl::http {

int HttpStatusFor(pl::StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kDataLoss: return 500;
    case StatusCode::kInternal: return 500;
    case StatusCode::kCancelled: return 503;  // only at shutdown
  }
  // A value cast from an int outside the enum: treat as our bug, not theirs.
  return 500;
}

nlohmann::json ErrorBody(std::string_view code, std::string_view message,
                         const nlohmann::json& details) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!details.is_null()) error["details"] = details;
  return {{"error", std::move(error)}};
}

Response ErrorResponse(int http_status, std::string_view code, std::string_view message,
                       const nlohmann::json& details) {
  return Response::Json(http_status, ErrorBody(code, message, details));
}

}  // namespace pl::http
