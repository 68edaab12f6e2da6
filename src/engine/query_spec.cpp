// ParseQuerySpec: the contract's JSON, checked field by field and resolved
// against the snapshot's dictionaries. Every error names the JSON path.
#include <algorithm>
#include <charconv>
#include <set>

#include <fmt/format.h>

#include "engine/plan.hpp"

namespace pl::engine {
namespace internal {

std::vector<ResultColumn> MeasureColumns(const std::vector<MeasureSpec>& measures) {
  std::vector<ResultColumn> out;
  auto add = [&](std::string name, ColumnKind kind, bool integer, const MeasureSpec& m) {
    for (const auto& c : out) {
      if (c.name == name) return;
    }
    ResultColumn c;
    c.name = std::move(name);
    c.kind = kind;
    c.integer = integer;
    c.outcome = m.outcome;
    c.measure = m.measure;
    out.push_back(std::move(c));
  };
  for (const auto& m : measures) {
    const std::string o = m.outcome ? std::string(OutcomeName(*m.outcome)) : "";
    const std::string v = m.measure ? std::string(MeasureName(*m.measure)) : "";
    switch (m.op) {
      case Op::kCount:
        add("count", ColumnKind::kCount, true, m);
        break;
      case Op::kDistinctStudents:
        add("distinct_students", ColumnKind::kCount, true, m);
        break;
      case Op::kSum:
        if (m.outcome) {
          add(o + "_sum", ColumnKind::kSum, true, m);
        } else {
          add(v + "_sum", ColumnKind::kSum, false, m);
          add(v + "_n", ColumnKind::kCount, true, m);
        }
        break;
      case Op::kRate:
        add(o + "_rate", ColumnKind::kRate, false, m);
        add(o + "_sum", ColumnKind::kSum, true, m);
        add(o + "_n", ColumnKind::kCount, true, m);
        break;
      case Op::kMean:
        add(v + "_mean", ColumnKind::kMean, false, m);
        add(v + "_n", ColumnKind::kCount, true, m);
        break;
      case Op::kMedian:
        add(v + "_median", ColumnKind::kMedian, false, m);
        add(v + "_n", ColumnKind::kCount, true, m);
        break;
    }
  }
  return out;
}

}  // namespace internal

namespace {

using nlohmann::json;

template <std::size_t N>
std::string Joined(const std::array<std::string_view, N>& names) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

std::string DimNames() {
  std::string out;
  for (int d = 0; d < kNumDims; ++d) out += (d ? ", " : "") + std::string(DimName(static_cast<Dim>(d)));
  return out;
}
std::string OutcomeNames() {
  std::string out;
  for (int d = 0; d < kNumOutcomes; ++d) out += (d ? ", " : "") + std::string(OutcomeName(static_cast<Outcome>(d)));
  return out;
}
std::string MeasureNames() {
  std::string out;
  for (int d = 0; d < kNumMeasures; ++d) out += (d ? ", " : "") + std::string(MeasureName(static_cast<Measure>(d)));
  return out;
}

// The dictionary's values for a message, at most 40 of them.
std::string AllowedValues(const Dictionary& dict) {
  std::string out;
  std::size_t shown = std::min<std::size_t>(dict.values.size(), 40);
  for (std::size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + dict.values[i];
  if (dict.values.size() > shown) out += fmt::format(", ... ({} values)", dict.values.size());
  if (dict.has_null || dict.values.empty()) out += out.empty() ? "null" : ", null";
  return out;
}

std::string Shown(const json& v) { return v.dump(); }

Status Invalid(const std::string& path, const std::string& what) {
  return InvalidArgument(fmt::format("{}: {}", path, what), {{"field", path}});
}

Status CheckKeys(const json& object, const std::string& path, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return Invalid(path.empty() ? key : path + "." + key, fmt::format("unknown field; expected one of {}", list));
    }
  }
  return Status();
}

Result<Dim> ParseDimName(const json& v, const std::string& path) {
  if (!v.is_string()) return Invalid(path, fmt::format("expected a dimension name, got {}", Shown(v)));
  auto dim = FindDim(v.get<std::string>());
  if (!dim) {
    return Invalid(path, fmt::format("unknown dimension \"{}\"; expected one of {}", v.get<std::string>(), DimNames()));
  }
  return *dim;
}

// A filter value as text: strings as they are, integers in decimal.
Result<std::string> ValueText(const json& v, const std::string& path, Dim dim) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return Invalid(path, fmt::format("expected a value of {} (string, integer or null), got {}", DimName(dim), Shown(v)));
}

// Values compare numerically on numeric dictionaries, as text otherwise.
Result<bool> LessThan(const Dictionary& dict, const std::string& a, const std::string& b, const std::string& path) {
  if (!dict.numeric) return a < b;
  long long x = 0, y = 0;
  auto [e1, c1] = std::from_chars(b.data(), b.data() + b.size(), y);
  if (c1 != std::errc() || e1 != b.data() + b.size())
    return Invalid(path, fmt::format("expected an integer, got \"{}\"", b));
  (void)std::from_chars(a.data(), a.data() + a.size(), x);
  return x < y;
}

Result<Filter> ParseFilter(const json& f, const std::string& path, const Snapshot& snapshot) {
  if (!f.is_object())
    return Invalid(path,
                   fmt::format("expected an object with \"dim\" and \"in\" or \"min\"/\"max\", got {}", Shown(f)));
  PL_RETURN_IF_ERROR(CheckKeys(f, path, {"dim", "in", "min", "max"}));
  if (!f.contains("dim")) return Invalid(path + ".dim", "missing; expected a dimension name");
  PL_ASSIGN_OR_RETURN(Dim dim, ParseDimName(f["dim"], path + ".dim"));
  const Dictionary& dict = snapshot.dictionary(dim);
  Filter out;
  out.dim = dim;
  out.allowed.assign(dict.size(), 0);
  const bool has_in = f.contains("in"), has_range = f.contains("min") || f.contains("max");
  if (has_in == has_range) return Invalid(path, "expected either \"in\" or \"min\"/\"max\"");
  if (has_in) {
    const json& in = f["in"];
    if (!in.is_array()) return Invalid(path + ".in", fmt::format("expected an array of values, got {}", Shown(in)));
    for (std::size_t i = 0; i < in.size(); ++i) {
      const std::string vpath = fmt::format("{}.in[{}]", path, i);
      if (in[i].is_null()) {
        if (dict.has_null) out.allowed[dict.null_code()] = 1;
        continue;
      }
      PL_ASSIGN_OR_RETURN(std::string text, ValueText(in[i], vpath, dim));
      auto code = dict.Find(text);
      if (!code) {
        return Invalid(vpath, fmt::format("unknown value \"{}\" for {}; expected one of {}", text, DimName(dim),
                                          AllowedValues(dict)));
      }
      out.allowed[*code] = 1;
    }
  } else {
    std::optional<std::string> min, max;
    for (const char* bound : {"min", "max"}) {
      if (!f.contains(bound)) continue;
      const std::string bpath = path + "." + bound;
      if (f[bound].is_null()) return Invalid(bpath, "expected a value, got null");
      PL_ASSIGN_OR_RETURN(std::string text, ValueText(f[bound], bpath, dim));
      if (dict.numeric) {
        long long v = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc() || end != text.data() + text.size()) {
          return Invalid(bpath, fmt::format("expected an integer for {}, got \"{}\"", DimName(dim), text));
        }
      }
      (std::string_view(bound) == "min" ? min : max) = text;
    }
    for (std::uint32_t code = 0; code < dict.values.size(); ++code) {
      const std::string& v = dict.values[code];
      bool ok = true;
      if (min) {
        PL_ASSIGN_OR_RETURN(bool below, LessThan(dict, v, *min, path + ".min"));
        ok = ok && !below;
      }
      if (max) {
        PL_ASSIGN_OR_RETURN(bool above, LessThan(dict, *max, v, path + ".max"));
        ok = ok && !above;
      }
      out.allowed[code] = ok ? 1 : 0;
    }
  }
  for (std::uint32_t code = 0; code < out.allowed.size(); ++code) {
    if (!out.allowed[code]) continue;
    if (out.lo > out.hi) out.lo = code;
    out.hi = code;
  }
  return out;
}

Result<MeasureSpec> ParseMeasure(const json& m, const std::string& path) {
  if (!m.is_object()) return Invalid(path, fmt::format("expected an object with \"op\", got {}", Shown(m)));
  PL_RETURN_IF_ERROR(CheckKeys(m, path, {"op", "outcome", "measure"}));
  if (!m.contains("op") || !m["op"].is_string()) {
    return Invalid(path + ".op", "expected one of count, distinct_students, sum, rate, mean, median");
  }
  const std::string op = m["op"].get<std::string>();
  MeasureSpec out;
  static constexpr std::array<std::string_view, 6> kOps = {"count", "distinct_students", "sum", "rate", "mean",
                                                           "median"};
  auto it = std::find(kOps.begin(), kOps.end(), op);
  if (it == kOps.end())
    return Invalid(path + ".op", fmt::format("unknown op \"{}\"; expected one of {}", op, Joined(kOps)));
  out.op = static_cast<Op>(it - kOps.begin());
  if (m.contains("outcome")) {
    const json& o = m["outcome"];
    auto outcome = o.is_string() ? FindOutcome(o.get<std::string>()) : std::nullopt;
    if (!outcome) {
      return Invalid(path + ".outcome",
                     fmt::format("unknown outcome {}; expected one of {}", Shown(o), OutcomeNames()));
    }
    out.outcome = outcome;
  }
  if (m.contains("measure")) {
    const json& v = m["measure"];
    auto measure = v.is_string() ? FindMeasure(v.get<std::string>()) : std::nullopt;
    if (!measure) {
      return Invalid(path + ".measure",
                     fmt::format("unknown measure {}; expected one of {}", Shown(v), MeasureNames()));
    }
    out.measure = measure;
  }
  switch (out.op) {
    case Op::kCount:
    case Op::kDistinctStudents:
      if (out.outcome || out.measure) return Invalid(path, fmt::format("{} takes no outcome or measure", op));
      break;
    case Op::kSum:
      if (out.outcome.has_value() == out.measure.has_value()) {
        return Invalid(path, fmt::format("sum needs exactly one of \"outcome\" ({}) or \"measure\" ({})",
                                         OutcomeNames(), MeasureNames()));
      }
      break;
    case Op::kRate:
      if (!out.outcome || out.measure)
        return Invalid(path + ".outcome", fmt::format("rate needs an outcome: one of {}", OutcomeNames()));
      break;
    case Op::kMean:
    case Op::kMedian:
      if (!out.measure || out.outcome) {
        return Invalid(path + ".measure", fmt::format("{} needs a measure: one of {}", op, MeasureNames()));
      }
      break;
  }
  return out;
}

}  // namespace

Result<QuerySpec> ParseQuerySpec(const nlohmann::json& spec, const Snapshot& snapshot) {
  if (!spec.is_object()) return InvalidArgument(fmt::format("query spec: expected a JSON object, got {}", Shown(spec)));
  PL_RETURN_IF_ERROR(CheckKeys(spec, "", {"filters", "group_by", "measures", "order_by", "limit"}));
  QuerySpec out;
  if (spec.contains("filters")) {
    const json& filters = spec["filters"];
    if (!filters.is_array()) return Invalid("filters", "expected an array");
    for (std::size_t i = 0; i < filters.size(); ++i) {
      PL_ASSIGN_OR_RETURN(Filter f, ParseFilter(filters[i], fmt::format("filters[{}]", i), snapshot));
      out.filters.push_back(std::move(f));
    }
  }
  if (spec.contains("group_by")) {
    const json& group_by = spec["group_by"];
    if (!group_by.is_array()) return Invalid("group_by", "expected an array of dimension names");
    if (group_by.size() > kMaxGroupBy) {
      return Invalid("group_by", fmt::format("at most {} dimensions, got {}", kMaxGroupBy, group_by.size()));
    }
    for (std::size_t i = 0; i < group_by.size(); ++i) {
      const std::string path = fmt::format("group_by[{}]", i);
      PL_ASSIGN_OR_RETURN(Dim dim, ParseDimName(group_by[i], path));
      if (std::find(out.group_by.begin(), out.group_by.end(), dim) != out.group_by.end()) {
        return Invalid(path, fmt::format("dimension \"{}\" is already grouped by", DimName(dim)));
      }
      out.group_by.push_back(dim);
    }
  }
  if (spec.contains("measures")) {
    const json& measures = spec["measures"];
    if (!measures.is_array() || measures.empty()) return Invalid("measures", "expected a non-empty array of measures");
    for (std::size_t i = 0; i < measures.size(); ++i) {
      PL_ASSIGN_OR_RETURN(MeasureSpec m, ParseMeasure(measures[i], fmt::format("measures[{}]", i)));
      out.measures.push_back(m);
    }
  } else {
    out.measures.push_back({Op::kCount, std::nullopt, std::nullopt});
  }
  if (spec.contains("order_by")) {
    const json& order_by = spec["order_by"];
    if (!order_by.is_array()) return Invalid("order_by", "expected an array of {\"column\", \"desc\"}");
    std::vector<std::string> names;
    for (Dim d : out.group_by) names.emplace_back(DimName(d));
    for (const auto& c : internal::MeasureColumns(out.measures)) names.push_back(c.name);
    for (std::size_t i = 0; i < order_by.size(); ++i) {
      const std::string path = fmt::format("order_by[{}]", i);
      const json& k = order_by[i];
      if (!k.is_object()) return Invalid(path, "expected {\"column\": NAME, \"desc\": true|false}");
      PL_RETURN_IF_ERROR(CheckKeys(k, path, {"column", "desc"}));
      if (!k.contains("column") || !k["column"].is_string() ||
          std::find(names.begin(), names.end(), k["column"].get<std::string>()) == names.end()) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        return Invalid(path + ".column", fmt::format("unknown column {}; expected one of {}",
                                                     k.contains("column") ? Shown(k["column"]) : "(none)", list));
      }
      OrderKey key{k["column"].get<std::string>(), false};
      if (k.contains("desc")) {
        if (!k["desc"].is_boolean()) return Invalid(path + ".desc", "expected true or false");
        key.desc = k["desc"].get<bool>();
      }
      out.order_by.push_back(std::move(key));
    }
  }
  if (spec.contains("limit")) {
    const json& limit = spec["limit"];
    if (!limit.is_number_integer() || limit.get<long long>() < 0) {
      return Invalid("limit", fmt::format("expected a non-negative integer, got {}", Shown(limit)));
    }
    out.limit = limit.get<std::uint64_t>();
  }
  return out;
}

Result<QuerySpec> ParseQuerySpecText(std::string_view text, const Snapshot& snapshot) {
  json spec = json::parse(text.begin(), text.end(), nullptr, false);
  if (spec.is_discarded()) return InvalidArgument("query spec: not valid JSON");
  return ParseQuerySpec(spec, snapshot);
}

}  // namespace pl::engine
