// QueryResult's output forms: the CLI's JSON and CSV (README.md).
#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "core/csv_field.hpp"
#include "core/json_text.hpp"
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
    AppendJsonString(out, columns[c].name);
    out += ",\"type\":";
    AppendJsonString(out, ColumnKindName(columns[c].kind));
    out += '}';
  }
  out += "],\"data_version\":";
  AppendJsonString(out, data_version);
  out += ",\"group_by\":[";
  for (std::size_t g = 0; g < group_by.size(); ++g) {
    if (g) out += ',';
    AppendJsonString(out, DimName(group_by[g]));
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
        AppendJsonString(e, v);
      encoded[g].push_back(std::move(e));
    }
    encoded[g].push_back("null");
  }
  out.reserve(out.size() + row_count * columns.size() * 8);
  for (std::uint64_t r = 0; r < row_count; ++r) {
    if (r) out += ',';
    out += '[';
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c) out += ',';
      const ResultColumn& col = columns[c];
      if (col.kind == ColumnKind::kDimension) {
        out += encoded[c][std::min<std::size_t>(this->code(r, c), encoded[c].size() - 1)];
      } else if (col.integer) {
        AppendJsonInteger(out, col.ints[r]);
      } else {
        AppendJsonDouble(out, col.doubles[r]);
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
