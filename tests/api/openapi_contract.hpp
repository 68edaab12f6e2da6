// docs/openapi.yaml as a test oracle: which routes it documents and whether a
// response body matches a documented schema (the subset of OpenAPI 3.0
// schemas the document uses: type, nullable, required, properties, items,
// enum, allOf, $ref).
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace pl::api::test {

class OpenApiContract {
 public:
  explicit OpenApiContract(const std::string& path);

  // (METHOD, path pattern) of every documented operation.
  std::set<std::pair<std::string, std::string>> Operations() const;
  // Names of the documented query parameters of an operation (including
  // parameters shared at the path level).
  std::vector<std::string> QueryParameters(const std::string& method, const std::string& path) const;
  // The documented path pattern a request target matches ("/api/v1/labor/
  // occupations/29-1141?x=1" -> "/api/v1/labor/occupations/{soc}"): the query
  // is dropped, and a literal segment wins over a parameter. The path itself
  // when nothing matches (the lookups then find no operation).
  std::string PatternOf(const std::string& target) const;
  // The response schema of an operation for a status ("200", "400", ...).
  const nlohmann::json* ResponseSchema(const std::string& method, const std::string& path, int status) const;
  // Problems found validating `value` against `schema` (empty when valid).
  std::vector<std::string> Validate(const nlohmann::json& value, const nlohmann::json& schema,
                                    const std::string& where = "$") const;

 private:
  const nlohmann::json& Resolve(const nlohmann::json& node) const;
  nlohmann::json document_;
};

}  // namespace pl::api::test
