// The one place where pl::StatusCode becomes an HTTP status, and the one
// shape of an error body:
//   {"error": {"code": "not_found", "message": "...", "details": {...}}}
// ("details" is left out when null).
//
// Mapping:
//   kOk 200, kInvalidArgument 400, kUnauthenticated 401, kPermissionDenied 403,
//   kNotFound 404, kAlreadyExists 409, kFailedPrecondition 409,
//   kResourceExhausted 429, kUnavailable 503, kDataLoss 500, kInternal 500.
// kFailedPrecondition is 409, not 422: it means "the resource is not in a
// state that allows this" (a conflict with current state), while malformed or
// semantically invalid input is already kInvalidArgument/400.
// Statuses with no StatusCode (405, 413, 431) use ErrorResponse directly.
//
// All functions are pure and thread-safe.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/status.hpp"
#include "http/response.hpp"

namespace pl::http {

// HTTP status for a status code; 500 for a value outside the enum.
int HttpStatusFor(pl::StatusCode code);

// {"error": {"code": code, "message": message, "details": details}}.
nlohmann::json ErrorBody(std::string_view code, std::string_view message,
                         const nlohmann::json& details = nullptr);

// A JSON error response with an explicit HTTP status and code word, for the
// protocol-level errors that have no StatusCode ("payload_too_large",
// "method_not_allowed", ...).
Response ErrorResponse(int http_status, std::string_view code, std::string_view message,
                       const nlohmann::json& details = nullptr);

}  // namespace pl::http
