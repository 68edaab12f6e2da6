// Reading JSON request bodies: every error names the field and what was
// expected, so a client can fix its request.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.hpp"
#include "http/request.hpp"

namespace pl::api {

// The body as a JSON object. InvalidArgument when it is empty, not JSON or
// not an object.
Result<nlohmann::json> ParseJsonObject(const http::Request& request);

// A required string member. InvalidArgument {"field": name} when missing or
// not a string.
Result<std::string> StringField(const nlohmann::json& body, const std::string& name);

// A required array of strings.
Result<std::vector<std::string>> StringArrayField(const nlohmann::json& body, const std::string& name);

}  // namespace pl::api
