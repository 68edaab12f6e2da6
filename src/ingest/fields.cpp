#include "ingest/fields.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace pl::ingest {
namespace {

bool IsIdentifierChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string FormatBound(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{}", v);
}

std::string ParseInteger(const ColumnSpec& c, std::string_view raw, Cell* out) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (ec != std::errc() || end != raw.data() + raw.size() || v < c.min || v > c.max) {
    return fmt::format("expected a whole number from {} to {}", FormatBound(c.min), FormatBound(c.max));
  }
  out->type = Cell::Type::kInteger;
  out->integer = v;
  return {};
}

std::string ParseDecimal(const ColumnSpec& c, std::string_view raw, Cell* out) {
  double v = 0;
  // from_chars accepts "inf"/"nan" and hex floats are off by default; reject
  // anything but plain decimal notation so "1e3" or "nan" are not stored.
  bool plain = !raw.empty();
  for (char ch : raw) {
    if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == '-')) plain = false;
  }
  auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (!plain || ec != std::errc() || end != raw.data() + raw.size() || !std::isfinite(v) || v < c.min ||
      v > c.max) {
    return fmt::format("expected a number from {} to {}", FormatBound(c.min), FormatBound(c.max));
  }
  out->type = Cell::Type::kReal;
  out->real = v;
  return {};
}

std::string ParseBoolean(std::string_view raw, Cell* out) {
  static constexpr std::string_view kTrue[] = {"y", "yes", "true", "1"};
  static constexpr std::string_view kFalse[] = {"n", "no", "false", "0"};
  for (auto word : kTrue) {
    if (EqualsIgnoreCase(raw, word)) {
      out->type = Cell::Type::kInteger;
      out->integer = 1;
      return {};
    }
  }
  for (auto word : kFalse) {
    if (EqualsIgnoreCase(raw, word)) {
      out->type = Cell::Type::kInteger;
      out->integer = 0;
      return {};
    }
  }
  return "expected Y or N (also yes/no, true/false, 1/0)";
}

}  // namespace

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string ParseField(const ColumnSpec& c, std::string_view raw, const CodeSets& code_sets, Cell* out) {
  *out = Cell{};
  if (raw.empty()) return {};
  switch (c.type) {
    case ColumnType::kIdentifier:
    case ColumnType::kReference:
      if (static_cast<int>(raw.size()) > c.max_length) {
        return fmt::format("expected an identifier of at most {} characters", c.max_length);
      }
      for (char ch : raw) {
        if (!IsIdentifierChar(ch)) return "expected an identifier of letters, digits, '.', '_' or '-'";
      }
      break;
    case ColumnType::kText:
      if (static_cast<int>(raw.size()) > c.max_length) {
        return fmt::format("expected text of at most {} bytes", c.max_length);
      }
      for (unsigned char ch : raw) {
        if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') return "text contains a control character";
        if (ch == 0x7f) return "text contains a control character";
      }
      break;
    case ColumnType::kDigits:
      if (static_cast<int>(raw.size()) != c.digits || !AllDigits(raw)) {
        return fmt::format("expected exactly {} digits", c.digits);
      }
      break;
    case ColumnType::kInteger:
      return ParseInteger(c, raw, out);
    case ColumnType::kDecimal:
      return ParseDecimal(c, raw, out);
    case ColumnType::kBoolean:
      return ParseBoolean(raw, out);
    case ColumnType::kSchoolYear: {
      int y = ParseSchoolYear(raw);
      if (y == 0) return "expected a school year such as 2023-24 or 2024 (the ending year)";
      out->type = Cell::Type::kInteger;
      out->integer = y;
      return {};
    }
    case ColumnType::kCode:
      if (!code_sets.Contains(c.code_set, raw)) {
        return fmt::format("unknown {} code: expected one of {}", c.code_set, code_sets.Describe(c.code_set));
      }
      break;
  }
  out->type = Cell::Type::kText;
  out->text = raw;
  return {};
}

}  // namespace pl::ingest
