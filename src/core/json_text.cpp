#include "core/json_text.hpp"

#include <charconv>
#include <cmath>
#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace pl {

void AppendJsonString(std::string& out, std::string_view v) {
  bool plain = true;
  for (unsigned char c : v) plain = plain && c >= 0x20 && c != '"' && c != '\\' && c < 0x80;
  if (plain) {
    out += '"';
    out += v;
    out += '"';
  } else {
    // Invalid UTF-8 is replaced (U+FFFD), as http::JsonText does, not thrown.
    out += nlohmann::json(std::string(v)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

void AppendJsonDouble(std::string& out, double v) {
  if (std::isnan(v) || std::isinf(v)) {
    out += "null";
    return;
  }
  const std::size_t start = out.size();
  fmt::format_to(std::back_inserter(out), "{}", v);
  if (out.find_first_of(".e", start) == std::string::npos) out += ".0";
}

void AppendJsonInteger(std::string& out, std::int64_t v) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  (void)ec;  // 24 characters hold every int64
  out.append(buffer, static_cast<std::size_t>(end - buffer));
}

}  // namespace pl
