// QueryResult's output forms: the CLI's JSON and CSV (README.md).
#include <charconv>
#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "core/csv_field.hpp"
#include "engine/engine.hpp"

namespace pl::engine {

nlohmann::json QueryResult::DimValue(std::uint64_t row, std::size_t g) const {
  return dictionaries[g].ValueJson(code(row, g));
}

std::optional<std::size_t> QueryResult::FindColumn(std::string_view name) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return i;
  }
  return std::nullopt;
}

nlohmann::json QueryResult::Cell(std::uint64_t row, std::size_t column) const {
  const ResultColumn& c = columns[column];
  if (c.kind == ColumnKind::kDimension) return DimValue(row, column);
  if (c.integer) return c.ints[row];
  const double v = c.doubles[row];
  if (std::isnan(v)) return nullptr;
  return v;
}

nlohmann::json QueryResult::ToJson() const {
  nlohmann::json out;
  out["data_version"] = data_version;
  out["group_by"] = nlohmann::json::array();
  for (Dim d : group_by) out["group_by"].push_back(DimName(d));
  out["columns"] = nlohmann::json::array();
  for (const auto& c : columns) out["columns"].push_back({{"name", c.name}, {"type", ColumnKindName(c.kind)}});
  nlohmann::json rows_json = nlohmann::json::array();
  for (std::uint64_t r = 0; r < row_count; ++r) {
    nlohmann::json row = nlohmann::json::array();
    for (std::size_t c = 0; c < columns.size(); ++c) row.push_back(Cell(r, c));
    rows_json.push_back(std::move(row));
  }
  out["rows"] = std::move(rows_json);
  return out;
}

namespace {

void JsonString(std::string& out, std::string_view v) {
  bool plain = true;
  for (unsigned char c : v) plain = plain && c >= 0x20 && c != '"' && c != '\\' && c < 0x80;
  if (plain) {
    out += '"';
    out += v;
    out += '"';
  } else {
    out += nlohmann::json(std::string(v)).dump();
  }
}

// As nlohmann::json prints a double: shortest round-trip form, with ".0"
// when it would otherwise read as an integer.
void JsonDouble(std::string& out, double v) {
  if (std::isnan(v) || std::isinf(v)) {
    out += "null";
    return;
  }
  const std::size_t start = out.size();
  fmt::format_to(std::back_inserter(out), "{}", v);
  if (out.find_first_of(".e", start) == std::string::npos) out += ".0";
}

void CsvField(std::ostream& out, std::string_view v) {
  std::string field;
  AppendCsvField(field, v);
  out << field;
}

}  // namespace

void QueryResult::WriteCsv(std::ostream& out) const {
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c) out << ',';
    CsvField(out, columns[c].name);
  }
  out << '\n';
  std::string buffer;
  for (std::uint64_t r = 0; r < row_count; ++r) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c) out << ',';
      const ResultColumn& col = columns[c];
      if (col.kind == ColumnKind::kDimension) {
        const Dictionary& dict = dictionaries[c];
        const std::uint32_t code = this->code(r, c);
        if (dict.IsNull(code))
          out << "NA";
        else
          CsvField(out, dict.values[code]);
      } else if (col.integer) {
        out << col.ints[r];
      } else if (std::isnan(col.doubles[r])) {
        out << "NA";
      } else {
        out << fmt::format("{}", col.doubles[r]);  // shortest round-trip form
      }
    }
    out << '\n';
  }
}

std::string QueryResult::ToJsonText() const {
  std::string out = "{\"columns\":[";
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c) out += ',';
    out += "{\"name\":";
    JsonString(out, columns[c].name);
    out += ",\"type\":";
    JsonString(out, ColumnKindName(columns[c].kind));
    out += '}';
  }
  out += "],\"data_version\":";
  JsonString(out, data_version);
  out += ",\"group_by\":[";
  for (std::size_t g = 0; g < group_by.size(); ++g) {
    if (g) out += ',';
    JsonString(out, DimName(group_by[g]));
  }
  out += "],\"rows\":[";
  // Each dictionary value written once, as JSON, then copied per row.
  std::vector<std::vector<std::string>> encoded(dictionaries.size());
  for (std::size_t g = 0; g < dictionaries.size(); ++g) {
    const Dictionary& dict = dictionaries[g];
    for (const auto& v : dict.values) {
      std::string e;
      if (dict.numeric)
        e = v;
      else
        JsonString(e, v);
      encoded[g].push_back(std::move(e));
    }
    encoded[g].push_back("null");
  }
  out.reserve(out.size() + row_count * columns.size() * 8);
  char buffer[32];
  for (std::uint64_t r = 0; r < row_count; ++r) {
    if (r) out += ',';
    out += '[';
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c) out += ',';
      const ResultColumn& col = columns[c];
      if (col.kind == ColumnKind::kDimension) {
        out += encoded[c][std::min<std::size_t>(this->code(r, c), encoded[c].size() - 1)];
      } else if (col.integer) {
        auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, col.ints[r]);
        (void)ec;
        out.append(buffer, static_cast<std::size_t>(end - buffer));
      } else {
        JsonDouble(out, col.doubles[r]);
      }
    }
    out += ']';
  }
  out += "]}";
  return out;
}

void QueryResult::WriteJson(std::ostream& out) const { out << ToJsonText(); }

std::string QueryResult::ToCsv() const {
  std::ostringstream out;
  WriteCsv(out);
  return out.str();
}

}  // namespace pl::engine
