#include "http/response.hpp"

#include "http/error_mapping.hpp"

namespace pl::http {

Response Response::Json(int status, const nlohmann::json& body) {
  Response response;
  response.status = status;
  response.content_type = "application/json";
  // Data imported from CSV extracts may hold invalid UTF-8; throwing here
  // would turn a readable answer into a 500, so replace bad bytes instead.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

Response Response::Error(const pl::Status& status) {
  if (status.ok()) {
    return ErrorResponse(500, "internal", "error response requested for an OK status");
  }
  return ErrorResponse(HttpStatusFor(status.code()), StatusCodeName(status.code()),
                       status.message(), status.details());
}

}  // namespace pl::http
