// Writing JSON text directly (no JSON tree), for large tables: the engine's
// CLI results and the columnar query answers. Output equals what
// nlohmann::json::dump() writes for the same values.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace pl {

// `v` as a JSON string, escaped as nlohmann::json escapes it.
void AppendJsonString(std::string& out, std::string_view v);

// As nlohmann::json prints a double: shortest round-trip form, with ".0"
// when it would otherwise read as an integer; NaN and infinities as null.
void AppendJsonDouble(std::string& out, double v);

void AppendJsonInteger(std::string& out, std::int64_t v);

// `n` integers separated by commas (no brackets): get(i) gives the i-th, or
// nullopt for null. Written a thousand at a time into a buffer, not
// appended one by one: the columns of a large answer hold tens of thousands
// of values each.
template <typename Get>
void AppendJsonIntegerList(std::string& out, std::size_t n, const Get& get) {
  constexpr std::size_t kWidest = 21;  // "-9223372036854775808" and a comma
  constexpr std::size_t kChunk = 1024;
  char buffer[kChunk * kWidest];
  for (std::size_t first = 0; first < n; first += kChunk) {
    char* p = buffer;
    for (std::size_t i = first; i < std::min(n, first + kChunk); ++i) {
      if (i != 0) *p++ = ',';
      const std::optional<std::int64_t> v = get(i);
      if (v) {
        p = std::to_chars(p, p + kWidest, *v).ptr;
      } else {
        std::memcpy(p, "null", 4);
        p += 4;
      }
    }
    out.append(buffer, static_cast<std::size_t>(p - buffer));
  }
}

}  // namespace pl
