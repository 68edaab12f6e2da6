#include "api/openapi_contract.hpp"

#include <stdexcept>

#include <yaml-cpp/yaml.h>

namespace pl::api::test {
namespace {

nlohmann::json ToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& item : node) out[item.first.as<std::string>()] = ToJson(item.second);
      return out;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& item : node) out.push_back(ToJson(item));
      return out;
    }
    case YAML::NodeType::Scalar: {
      // Quoted scalars stay strings ('200', '2'); plain ones are typed.
      if (node.Tag() == "!") return node.as<std::string>();
      std::string text = node.as<std::string>();
      if (text == "true") return true;
      if (text == "false") return false;
      if (text == "null") return nullptr;
      try {
        std::size_t used = 0;
        long long i = std::stoll(text, &used);
        if (used == text.size()) return i;
        double d = std::stod(text, &used);
        if (used == text.size()) return d;
      } catch (const std::exception&) {
      }
      return text;
    }
    default:
      return nullptr;
  }
}

bool HasType(const nlohmann::json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "integer") return v.is_number_integer();
  if (type == "number") return v.is_number();
  if (type == "boolean") return v.is_boolean();
  return false;
}

}  // namespace

OpenApiContract::OpenApiContract(const std::string& path) : document_(ToJson(YAML::LoadFile(path))) {}

std::set<std::pair<std::string, std::string>> OpenApiContract::Operations() const {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& [path, item] : document_["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      std::string upper;
      for (char c : method) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.insert({upper, path});
    }
  }
  return out;
}

const nlohmann::json& OpenApiContract::Resolve(const nlohmann::json& node) const {
  if (!node.is_object() || !node.contains("$ref")) return node;
  std::string ref = node["$ref"];
  if (!ref.starts_with("#/")) throw std::runtime_error("unsupported $ref " + ref);
  return Resolve(document_.at(nlohmann::json::json_pointer(ref.substr(1))));
}

std::vector<std::string> OpenApiContract::QueryParameters(const std::string& method, const std::string& path) const {
  std::string lower;
  for (char c : method) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::vector<std::string> out;
  const nlohmann::json& item = document_.at("paths").at(path);
  auto collect = [&](const nlohmann::json& node) {
    if (!node.is_object() || !node.contains("parameters")) return;
    for (const auto& p : node["parameters"]) {
      const nlohmann::json& param = Resolve(p);
      if (param.value("in", "") == "query") out.push_back(param["name"]);
    }
  };
  collect(item);
  if (item.contains(lower)) collect(item[lower]);
  return out;
}

namespace {

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

}  // namespace

std::string OpenApiContract::PatternOf(const std::string& target) const {
  const std::string path = target.substr(0, target.find('?'));
  const std::vector<std::string> segments = Segments(path);
  std::string best = path;
  int best_literals = -1;
  for (const auto& [pattern, item] : document_["paths"].items()) {
    const std::vector<std::string> parts = Segments(pattern);
    if (parts.size() != segments.size()) continue;
    int literals = 0;
    bool match = true;
    for (std::size_t i = 0; i < parts.size() && match; ++i) {
      if (parts[i].size() > 1 && parts[i].front() == '{' && parts[i].back() == '}') continue;
      match = parts[i] == segments[i];
      ++literals;
    }
    if (match && literals > best_literals) {
      best = pattern;
      best_literals = literals;
    }
  }
  return best;
}

const nlohmann::json* OpenApiContract::ResponseSchema(const std::string& method, const std::string& path,
                                                      int status) const {
  std::string lower;
  for (char c : method) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto& paths = document_["paths"];
  if (!paths.contains(path) || !paths[path].contains(lower)) return nullptr;
  const auto& responses = paths[path][lower]["responses"];
  std::string code = std::to_string(status);
  if (!responses.contains(code)) return nullptr;
  const auto& response = Resolve(responses[code]);
  return &Resolve(response["content"]["application/json"]["schema"]);
}

std::vector<std::string> OpenApiContract::Validate(const nlohmann::json& value, const nlohmann::json& schema_node,
                                                   const std::string& where) const {
  const auto& schema = Resolve(schema_node);
  std::vector<std::string> problems;
  if (value.is_null()) {
    if (!schema.value("nullable", false)) problems.push_back(where + ": null but not nullable");
    return problems;
  }
  if (schema.contains("allOf")) {
    for (const auto& part : schema["allOf"]) {
      auto more = Validate(value, part, where);
      problems.insert(problems.end(), more.begin(), more.end());
    }
  }
  if (schema.contains("type") && !HasType(value, schema["type"])) {
    problems.push_back(where + ": expected " + schema["type"].get<std::string>() + ", got " + value.dump());
    return problems;
  }
  if (schema.contains("enum")) {
    bool found = false;
    for (const auto& e : schema["enum"]) found = found || e == value;
    if (!found) problems.push_back(where + ": " + value.dump() + " not in enum " + schema["enum"].dump());
  }
  if (schema.contains("required")) {
    for (const auto& name : schema["required"]) {
      if (!value.contains(name.get<std::string>())) problems.push_back(where + ": missing " + name.get<std::string>());
    }
  }
  if (schema.contains("properties") && value.is_object()) {
    for (const auto& [name, sub] : schema["properties"].items()) {
      if (value.contains(name)) {
        auto more = Validate(value[name], sub, where + "." + name);
        problems.insert(problems.end(), more.begin(), more.end());
      }
    }
  }
  if (schema.contains("items") && value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      auto more = Validate(value[i], schema["items"], where + "[" + std::to_string(i) + "]");
      problems.insert(problems.end(), more.begin(), more.end());
    }
  }
  return problems;
}

}  // namespace pl::api::test
