#include "core/csv_field.hpp"

namespace pl {

void AppendCsvField(std::string& out, std::string_view value, bool force_quote) {
  if (!force_quote && value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(value);
    return;
  }
  out.push_back('"');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace pl
