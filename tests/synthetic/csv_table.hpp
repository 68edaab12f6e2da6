// Test-only CSV reading: the reference files in data/ (quoted names with
// commas) and the generator's output. Strict RFC 4180 on purpose: a stray
// CR or an unbalanced quote is reported, not tolerated, so the tests catch
// output the importer would reject.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace pl::synthetic::testing {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  bool has_carriage_return = false;
  std::string error;  // empty when the file parsed cleanly

  // Index of a header column; throws when absent so a typo fails loudly.
  std::size_t Column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    throw std::out_of_range("no column " + name);
  }
};

inline CsvTable ParseCsv(const std::string& text) {
  CsvTable table;
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, field_started = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      if (field_started) table.error = "quote inside an unquoted field at byte " + std::to_string(i);
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\n') {
      record.push_back(std::move(field));
      field.clear();
      field_started = false;
      records.push_back(std::move(record));
      record.clear();
    } else {
      if (c == '\r') table.has_carriage_return = true;
      field += c;
      field_started = true;
    }
  }
  if (quoted) table.error = "unterminated quoted field";
  if (field_started || !record.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
    if (table.error.empty()) table.error = "last line has no line ending";
  }
  if (!records.empty()) {
    table.header = std::move(records.front());
    records.erase(records.begin());
  }
  for (const auto& r : records) {
    if (r.size() != table.header.size() && table.error.empty()) {
      table.error = "row with " + std::to_string(r.size()) + " fields, header has " +
                    std::to_string(table.header.size());
    }
  }
  table.rows = std::move(records);
  return table;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline CsvTable ReadCsv(const std::string& path) { return ParseCsv(ReadFile(path)); }

}  // namespace pl::synthetic::testing
