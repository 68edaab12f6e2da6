// Writing JSON text directly (no JSON tree), for large tables: the engine's
// CLI results and the columnar query answers. Output equals what
// nlohmann::json::dump() writes for the same values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pl {

// `v` as a JSON string, escaped as nlohmann::json escapes it.
void AppendJsonString(std::string& out, std::string_view v);

// As nlohmann::json prints a double: shortest round-trip form, with ".0"
// when it would otherwise read as an integer; NaN and infinities as null.
void AppendJsonDouble(std::string& out, double v);

void AppendJsonInteger(std::string& out, std::int64_t v);

}  // namespace pl
