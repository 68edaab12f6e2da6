#include "api/json_body.hpp"

#include <fmt/format.h>

namespace pl::api {

Result<nlohmann::json> ParseJsonObject(const http::Request& request) {
  if (request.body.empty()) return InvalidArgument("the request needs a JSON object body");
  auto body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return InvalidArgument("the request body is not valid JSON");
  if (!body.is_object()) return InvalidArgument("the request body must be a JSON object");
  return body;
}

Result<std::string> StringField(const nlohmann::json& body, const std::string& name) {
  auto it = body.find(name);
  if (it == body.end()) return InvalidArgument(fmt::format("missing field: {}", name), {{"field", name}});
  if (!it->is_string()) return InvalidArgument(fmt::format("{} must be a string", name), {{"field", name}});
  return it->get<std::string>();
}

Result<std::vector<std::string>> StringArrayField(const nlohmann::json& body, const std::string& name) {
  auto it = body.find(name);
  if (it == body.end()) return InvalidArgument(fmt::format("missing field: {}", name), {{"field", name}});
  std::vector<std::string> out;
  if (it->is_array()) {
    for (const auto& item : *it) {
      if (!item.is_string()) break;
      out.push_back(item.get<std::string>());
    }
    if (out.size() == it->size()) return out;
  }
  return InvalidArgument(fmt::format("{} must be an array of strings", name), {{"field", name}});
}

}  // namespace pl::api
