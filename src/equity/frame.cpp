// Frame, FrameBuilder, NA and number parsing.
#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include <fmt/format.h>

#include "equity/cells.hpp"
#include "equity/equity.hpp"

namespace pl::equity {

namespace {

// R's NA_real_: exponent all ones, low word 1954 (R_IsNA tests the low word).
constexpr std::uint64_t kNaBits = 0x7FF00000000007A2ULL;

}  // namespace

double NA() { return std::bit_cast<double>(kNaBits); }

bool IsNA(double x) {
  return std::isnan(x) && (std::bit_cast<std::uint64_t>(x) & 0xFFFFFFFFULL) == 1954;
}

OptString CategoricalColumn::Value(std::size_t row) const {
  std::uint32_t code = codes[row];
  if (code == kMissing) return std::nullopt;
  return levels[code];
}

namespace internal {

CategoricalColumn EncodeColumn(std::string name, const std::vector<OptString>& values) {
  CategoricalColumn column;
  column.name = std::move(name);
  std::unordered_map<std::string_view, std::uint32_t> first_code;
  std::vector<std::string_view> seen;
  std::vector<std::uint32_t> provisional(values.size(), CategoricalColumn::kMissing);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) continue;
    auto [it, inserted] = first_code.try_emplace(*values[i], static_cast<std::uint32_t>(seen.size()));
    if (inserted) seen.push_back(*values[i]);
    provisional[i] = it->second;
  }
  std::vector<std::uint32_t> order(seen.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return seen[a] < seen[b]; });
  std::vector<std::uint32_t> rank(seen.size());
  column.levels.reserve(seen.size());
  for (std::uint32_t r = 0; r < order.size(); ++r) {
    rank[order[r]] = r;
    column.levels.emplace_back(seen[order[r]]);
  }
  column.codes.resize(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    column.codes[i] = provisional[i] == CategoricalColumn::kMissing ? CategoricalColumn::kMissing
                                                                    : rank[provisional[i]];
  }
  return column;
}

namespace {

std::string KnownColumns(const Frame& frame) {
  std::string known;
  auto names = frame.names();
  for (std::size_t i = 0; i < names.size() && i < 40; ++i) known += (i ? ", " : "") + names[i];
  if (names.size() > 40) known += ", ...";
  return known;
}

}  // namespace

Result<ResolvedColumn> ResolveCategorical(const Frame& frame, std::string_view spec, std::string_view role) {
  ResolvedColumn resolved;
  if (const CategoricalColumn* column = frame.categorical(spec)) {
    resolved.column = column;
    return resolved;
  }
  std::vector<std::string> parts = SplitGroupSpec(spec);
  if (parts.size() < 2) {
    return InvalidArgument(fmt::format("unknown {}: {} (columns: {})", role, spec, KnownColumns(frame)));
  }
  std::vector<const CategoricalColumn*> columns;
  for (const auto& part : parts) {
    const CategoricalColumn* column = frame.categorical(part);
    if (!column) {
      return InvalidArgument(fmt::format("unknown {} in intersection {}: {} (columns: {})", role, spec, part,
                                         KnownColumns(frame)));
    }
    columns.push_back(column);
  }
  std::vector<OptString> values(frame.rows());
  for (std::size_t row = 0; row < frame.rows(); ++row) {
    std::string value;
    bool missing = false;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      std::uint32_t code = columns[i]->codes[row];
      if (code == CategoricalColumn::kMissing) {
        missing = true;
        break;
      }
      if (i > 0) value += kIntersectionSeparator;
      value += columns[i]->levels[code];
    }
    if (!missing) values[row] = std::move(value);
  }
  resolved.owned = std::make_unique<CategoricalColumn>(EncodeColumn(std::string(spec), values));
  resolved.column = resolved.owned.get();
  return resolved;
}

}  // namespace internal

Status Frame::AddCategorical(std::string name, const std::vector<OptString>& values) {
  if (name.empty()) return InvalidArgument("a column needs a name");
  if (categorical(name)) return AlreadyExists("categorical column already in the frame: " + name);
  if (sized_ && values.size() != rows_) {
    return InvalidArgument(fmt::format("column {} has {} rows, the frame {}", name, values.size(), rows_));
  }
  rows_ = values.size();
  sized_ = true;
  if (!numeric(name)) order_.push_back(name);
  std::string key = name;
  categorical_.emplace(std::move(key), internal::EncodeColumn(std::move(name), values));
  return Status();
}

Status Frame::AddNumeric(std::string name, std::vector<std::optional<double>> values) {
  if (name.empty()) return InvalidArgument("a column needs a name");
  if (numeric(name)) return AlreadyExists("numeric column already in the frame: " + name);
  if (sized_ && values.size() != rows_) {
    return InvalidArgument(fmt::format("column {} has {} rows, the frame {}", name, values.size(), rows_));
  }
  rows_ = values.size();
  sized_ = true;
  if (!categorical(name)) order_.push_back(name);
  std::string key = name;
  numeric_.emplace(std::move(key), NumericColumn{std::move(name), std::move(values)});
  return Status();
}

Status Frame::SetSourceLines(std::vector<std::uint64_t> lines) {
  if (sized_ && lines.size() != rows_) {
    return InvalidArgument(fmt::format("{} source lines for a frame of {} rows", lines.size(), rows_));
  }
  lines_ = std::move(lines);
  return Status();
}

const CategoricalColumn* Frame::categorical(std::string_view name) const {
  auto it = categorical_.find(name);
  return it == categorical_.end() ? nullptr : &it->second;
}

const NumericColumn* Frame::numeric(std::string_view name) const {
  auto it = numeric_.find(name);
  return it == numeric_.end() ? nullptr : &it->second;
}

bool Frame::Has(std::string_view name) const { return categorical(name) || numeric(name); }

std::vector<std::string> Frame::names() const { return order_; }

std::string Frame::Where(std::size_t row) const {
  if (row < lines_.size()) return fmt::format("line {}", lines_[row]);
  return fmt::format("row {}", row + 1);
}

Status Frame::AddIntersection(const std::vector<std::string>& parts) {
  if (parts.size() < 2) return InvalidArgument("an intersection needs at least two group variables");
  std::string name = IntersectionName(parts);
  if (categorical(name)) return Status();
  for (const auto& part : parts) {
    if (!categorical(part)) return NotFound("unknown group variable in intersection " + name + ": " + part);
  }
  PL_ASSIGN_OR_RETURN(internal::ResolvedColumn resolved, internal::ResolveCategorical(*this, name, "group variable"));
  if (!resolved.owned) return Status();
  order_.push_back(name);
  categorical_.emplace(name, std::move(*resolved.owned));
  return Status();
}

std::vector<std::string> SplitGroupSpec(std::string_view spec) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t at = spec.find(kIntersectionOperator, start);
    parts.emplace_back(spec.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + kIntersectionOperator.size();
  }
  return parts;
}

std::string IntersectionName(const std::vector<std::string>& parts) {
  std::string name;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) name += kIntersectionOperator;
    name += parts[i];
  }
  return name;
}

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::string_view body = text;
  bool negative = false;
  if (body.front() == '+' || body.front() == '-') {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (body == "Inf" || body == "inf") {
    return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  // from_chars accepts "nan" and "inf" spellings and hex only with flags; we
  // allow digits, one point, an exponent: the decimal syntax of CSV exports.
  for (char c : body) {
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) return std::nullopt;
  }
  if (body.empty() || !((body.front() >= '0' && body.front() <= '9') || body.front() == '.')) return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), value, std::chars_format::general);
  if (ec != std::errc() || ptr != body.data() + body.size()) return std::nullopt;
  return negative ? -value : value;
}

// ------------------------------------------------------------ FrameBuilder --

namespace {

bool IsMissingText(std::string_view field) { return field.empty() || field == "NA"; }

}  // namespace

Result<FrameBuilder> FrameBuilder::Create(const std::vector<std::string>& header, const ColumnRoles& roles) {
  FrameBuilder builder;
  builder.header_fields_ = header.size();
  auto find = [&](const std::string& name) -> Result<std::size_t> {
    std::size_t found = header.size();
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] != name) continue;
      if (found != header.size()) return InvalidArgument("column named twice in the header: " + name);
      found = i;
    }
    if (found == header.size()) {
      std::string known;
      for (std::size_t i = 0; i < header.size() && i < 40; ++i) known += (i ? ", " : "") + header[i];
      if (header.size() > 40) known += ", ...";
      return InvalidArgument(fmt::format("unknown column: {} (columns: {})", name, known));
    }
    return found;
  };
  auto add = [&](const std::string& name, bool numeric) -> Status {
    for (const auto& slot : builder.slots_) {
      if (slot.name == name && slot.numeric == numeric) return Status();
    }
    PL_ASSIGN_OR_RETURN(std::size_t field, find(name));
    builder.slots_.push_back({name, field, numeric});
    if (numeric) {
      builder.numbers_.emplace_back();
    } else {
      builder.text_.emplace_back();
    }
    return Status();
  };
  for (const auto& name : roles.categorical) PL_RETURN_IF_ERROR(add(name, false));
  for (const auto& name : roles.numeric) PL_RETURN_IF_ERROR(add(name, true));
  return builder;
}

Status FrameBuilder::AddRecord(std::uint64_t line, const std::vector<std::string>& fields) {
  if (fields.size() != header_fields_) {
    return InvalidArgument(fmt::format("line {}: expected {} fields (as in the header), got {}", line,
                                       header_fields_, fields.size()));
  }
  std::size_t t = 0, n = 0;
  for (const auto& slot : slots_) {
    const std::string& field = fields[slot.field];
    if (!slot.numeric) {
      auto& column = text_[t++];
      if (IsMissingText(field)) {
        column.emplace_back();
      } else {
        column.emplace_back(field);
      }
      continue;
    }
    auto& column = numbers_[n++];
    if (IsMissingText(field)) {
      column.emplace_back();
      continue;
    }
    std::optional<double> value = ParseNumber(field);
    if (!value) {
      std::string shown = field.size() > 40 ? field.substr(0, 40) + "..." : field;
      return InvalidArgument(fmt::format("line {}, column {}: expected a number, got '{}'", line, slot.name, shown));
    }
    column.push_back(*value);
  }
  lines_.push_back(line);
  return Status();
}

Result<Frame> FrameBuilder::Finish() && {
  Frame frame;
  std::size_t t = 0, n = 0;
  for (const auto& slot : slots_) {
    if (slot.numeric) {
      PL_RETURN_IF_ERROR(frame.AddNumeric(slot.name, std::move(numbers_[n++])));
    } else {
      PL_RETURN_IF_ERROR(frame.AddCategorical(slot.name, text_[t++]));
    }
  }
  PL_RETURN_IF_ERROR(frame.SetSourceLines(std::move(lines_)));
  return frame;
}

}  // namespace pl::equity
