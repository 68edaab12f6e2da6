// POST /api/v1/query: the engine's table through the gate.
#include <algorithm>
#include <numeric>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "analytics/internal.hpp"
#include "core/code_sets.hpp"
#include "core/json_text.hpp"
#include "core/threads.hpp"

namespace pl::analytics {
namespace internal {

std::string Text(const nlohmann::json& v) {
  if (v.is_null()) return "";
  return v.is_string() ? v.get<std::string>() : v.dump();
}

namespace {

using engine::Dim;

// The places a set of rows is confined to; nullopt = not confined.
struct Confinement {
  std::optional<std::set<std::string>> counties;
  std::optional<std::set<std::string>> organizations;
};

std::set<std::string> PlaceCounties(Dim dim, const std::string& value, const Labels& labels) {
  if (dim == Dim::kCounty) return {value};
  return labels.CountiesOf(value);  // kRegion
}

void Narrow(std::optional<std::set<std::string>>* into, const std::set<std::string>& values) {
  if (!*into) {
    *into = values;
    return;
  }
  std::set<std::string> both;
  std::set_intersection((*into)->begin(), (*into)->end(), values.begin(), values.end(),
                        std::inserter(both, both.begin()));
  **into = std::move(both);
}

Confinement FromFilters(const engine::Snapshot& snapshot, const engine::QuerySpec& spec, const Labels& labels) {
  Confinement c;
  for (const auto& f : spec.filters) {
    if (f.dim != Dim::kCounty && f.dim != Dim::kRegion && f.dim != Dim::kOrganization) continue;
    const auto& dict = snapshot.dictionary(f.dim);
    std::set<std::string> places;
    for (std::uint32_t code = 0; code < f.allowed.size(); ++code) {
      if (!f.allowed[code]) continue;
      std::string value = Text(dict.ValueJson(code));
      if (f.dim == Dim::kOrganization) {
        places.insert(value);
      } else {
        auto counties = value.empty() ? std::set<std::string>{""} : PlaceCounties(f.dim, value, labels);
        places.insert(counties.begin(), counties.end());
      }
    }
    Narrow(f.dim == Dim::kOrganization ? &c.organizations : &c.counties, places);
  }
  return c;
}

bool Within(const std::set<std::string>& places, const std::set<std::string>& allowed) {
  return std::all_of(places.begin(), places.end(), [&](const std::string& p) { return allowed.contains(p); });
}

bool Exact(const Confinement& c, const Viewer& viewer, const Labels& labels) {
  if (viewer.statewide) return true;
  if (c.organizations && !viewer.organizations.empty() && Within(*c.organizations, viewer.organizations)) return true;
  if (viewer.counties.empty()) return false;
  if (c.counties && Within(*c.counties, viewer.counties)) return true;
  if (c.organizations) {
    return std::all_of(c.organizations->begin(), c.organizations->end(),
                       [&](const std::string& org) { return viewer.counties.contains(labels.CountyOf(org)); });
  }
  return false;
}

std::vector<bool> ExactRows(const engine::Snapshot& snapshot, const engine::QuerySpec& spec,
                            const engine::QueryResult& result, const Labels& labels, const Viewer& viewer) {
  std::vector<bool> exact(result.rows(), viewer.statewide);
  if (viewer.statewide || viewer.Public()) return exact;
  Confinement base = FromFilters(snapshot, spec, labels);
  for (std::uint64_t r = 0; r < result.rows(); ++r) {
    Confinement c = base;
    for (std::size_t g = 0; g < result.group_by.size(); ++g) {
      Dim dim = result.group_by[g];
      if (dim != Dim::kCounty && dim != Dim::kRegion && dim != Dim::kOrganization) continue;
      std::string value = Text(result.DimValue(r, g));
      if (dim == Dim::kOrganization) {
        Narrow(&c.organizations, {value});
      } else {
        Narrow(&c.counties, value.empty() ? std::set<std::string>{""} : PlaceCounties(dim, value, labels));
      }
    }
    exact[r] = Exact(c, viewer, labels);
  }
  return exact;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

nlohmann::json Published(nlohmann::json value, privacy::CellState state) {
  bool shown = state == privacy::CellState::kShown;
  if (!shown) value = nullptr;
  return {{"value", std::move(value)}, {"suppressed", !shown}, {"reason", std::string(privacy::ReasonCode(state))}};
}

StudentCounts CountsToProtect(const engine::QueryResult& result) {
  StudentCounts out;
  const std::optional<std::size_t> count = result.FindColumn("count");
  for (const auto& column : result.columns) {
    if (column.kind == engine::ColumnKind::kDimension || !column.integer) continue;
    if (column.measure && EndsWith(column.name, "_n")) {
      out.measures[std::string(engine::MeasureName(*column.measure))] = column.ints;
      continue;
    }
    out.rows.push_back(column.ints);
    if (!column.outcome || !EndsWith(column.name, "_sum")) continue;
    // Those without the outcome: its known rows (else the row count) less
    // its successes. A rate near 100% in a small group, or a sum shown next
    // to the count, reveals the few without it.
    std::optional<std::size_t> known = result.FindColumn(std::string(engine::OutcomeName(*column.outcome)) + "_n");
    if (!known) known = count;
    if (!known) continue;
    std::vector<std::int64_t> without(column.ints.size());
    for (std::size_t r = 0; r < without.size(); ++r) without[r] = result.columns[*known].ints[r] - column.ints[r];
    out.rows.push_back(std::move(without));
  }
  return out;
}

Result<Gated> RunGated(const engine::Snapshot& snapshot, const Labels& labels, const nlohmann::json& spec_json,
                       const Viewer& viewer, const privacy::SuppressionPolicy& policy, int threads,
                       std::uint64_t max_rows) {
  PL_ASSIGN_OR_RETURN(engine::QuerySpec spec, engine::ParseQuerySpec(spec_json, snapshot));
  Gated gated;
  PL_ASSIGN_OR_RETURN(gated.result, engine::Execute(snapshot, spec, {.threads = threads}));
  const auto& result = gated.result;
  // Refused before the gate, which costs most for the largest results.
  if (result.rows() > max_rows) {
    return InvalidArgument(fmt::format("the result has {} groups, more than the {} one answer may hold; add filters, "
                                       "group by fewer dimensions, or set a limit",
                                       result.rows(), max_rows),
                           {{"groups", result.rows()}, {"limit", max_rows}});
  }
  gated.exact = ExactRows(snapshot, spec, result, labels, viewer);

  Grouping grouping{.dims = result.group_by.size(), .rows = result.rows(), .codes = result.codes};
  auto [counts, measure_counts] = CountsToProtect(result);
  PL_ASSIGN_OR_RETURN(gated.rows, ProtectRows(grouping, counts, gated.exact, policy, {.threads = threads}));
  for (auto& [name, column] : measure_counts) {
    PL_ASSIGN_OR_RETURN(RowDecision decision,
                        ProtectRows(grouping, {column}, gated.exact, policy, {.threads = threads}));
    for (std::size_t r = 0; r < decision.states.size(); ++r) {
      if (gated.rows.states[r] != privacy::CellState::kShown && decision.states[r] == privacy::CellState::kShown) {
        decision.states[r] = gated.rows.states[r];
      }
    }
    gated.measures[name] = std::move(decision);
  }
  return gated;
}

bool Complementary(const Gated& gated) {
  bool complementary = gated.rows.complementary;
  for (const auto& [name, decision] : gated.measures) complementary = complementary && decision.complementary;
  return complementary;
}

const RowDecision& DecisionFor(const Gated& gated, const engine::ResultColumn& column) {
  if (column.measure) {
    auto it = gated.measures.find(std::string(engine::MeasureName(*column.measure)));
    if (it != gated.measures.end()) return it->second;
  }
  return gated.rows;
}

}  // namespace internal

namespace {

// A dimension's values and labels as JSON text, one per dictionary code,
// written once per answer rather than once per row. A school year's value is
// its label ("2023-24"), as everywhere in the API.
struct DimensionTexts {
  std::vector<std::string> values, labels;
};
DimensionTexts TextsOf(engine::Dim dim, const engine::Dictionary& dict, const Labels& labels) {
  DimensionTexts texts;
  for (std::uint32_t code = 0; code < dict.size(); ++code) {
    nlohmann::json value = dict.ValueJson(code);
    std::string label;
    AppendJsonString(label, labels.Label(dim, value));
    if (dim == engine::Dim::kSchoolYear && !value.is_null()) value = SchoolYearLabel(std::stoi(internal::Text(value)));
    texts.values.push_back(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    texts.labels.push_back(std::move(label));
  }
  return texts;
}

std::vector<DimensionTexts> AllTextsOf(const engine::QueryResult& result, const Labels& labels) {
  std::vector<DimensionTexts> texts;
  for (std::size_t g = 0; g < result.group_by.size(); ++g) {
    texts.push_back(TextsOf(result.group_by[g], result.dictionaries[g], labels));
  }
  return texts;
}

// Row r of a value column: null when withheld (or a double that is NaN).
void AppendValue(std::string& out, const engine::ResultColumn& column, std::uint64_t r, privacy::CellState state) {
  if (state != privacy::CellState::kShown) {
    out += "null";
  } else if (column.integer) {
    AppendJsonInteger(out, column.ints[r]);
  } else {
    AppendJsonDouble(out, column.doubles[r]);
  }
}

// A count or measure as published: its value, whether it is withheld, and why.
void AppendPublished(std::string& out, const engine::ResultColumn& column, std::uint64_t r, privacy::CellState state) {
  out += "{\"reason\":";
  AppendJsonString(out, privacy::ReasonCode(state));
  out += state != privacy::CellState::kShown ? ",\"suppressed\":true,\"value\":" : ",\"suppressed\":false,\"value\":";
  AppendValue(out, column, r, state);
  out += '}';
}

void AppendGroupBy(std::string& out, const engine::QueryResult& result) {
  out += '[';
  for (std::size_t g = 0; g < result.group_by.size(); ++g) {
    if (g) out += ',';
    AppendJsonString(out, engine::DimName(result.group_by[g]));
  }
  out += ']';
}

void AppendSuppression(std::string& out, std::size_t withheld, bool complementary, bool exact) {
  out += fmt::format("{{\"cells_withheld\":{},\"complementary\":{},\"exact\":{}}}", withheld, complementary, exact);
}

}  // namespace

// Written as text, as nlohmann::json would write the same object (keys in
// order): a cube of tens of thousands of rows is tens of megabytes, and a
// JSON tree of it took a second to build and write.
Result<std::string> PublishQuery(const engine::Snapshot& snapshot, const Labels& labels, const nlohmann::json& spec,
                                 const Viewer& viewer, const privacy::SuppressionPolicy& policy,
                                 std::uint64_t max_rows) {
  PL_ASSIGN_OR_RETURN(internal::Gated gated, internal::RunGated(snapshot, labels, spec, viewer, policy, 0, max_rows));
  const auto& result = gated.result;
  const std::vector<DimensionTexts> texts = AllTextsOf(result, labels);
  // A row's keys, in the order an object keeps them: each column's name, and
  // each dimension's name + "_label". Entry: (key, column, is the label).
  struct Key {
    std::string name;
    std::size_t column;
    bool label;
  };
  std::vector<Key> keys;
  std::vector<std::size_t> dim_of(result.columns.size(), 0);
  for (std::size_t c = 0, g = 0; c < result.columns.size(); ++c) {
    const auto& column = result.columns[c];
    keys.push_back({column.name, c, false});
    if (column.kind == engine::ColumnKind::kDimension) {
      keys.push_back({column.name + "_label", c, true});
      dim_of[c] = g++;
    }
  }
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) { return a.name < b.name; });
  for (Key& key : keys) {
    std::string text;
    AppendJsonString(text, key.name);
    key.name = std::move(text) + ':';
  }

  std::string out;
  out.reserve(256 + result.rows() * keys.size() * 48);
  out += "{\"columns\":[";
  for (std::size_t c = 0; c < result.columns.size(); ++c) {
    if (c) out += ',';
    out += "{\"kind\":";
    AppendJsonString(out, engine::ColumnKindName(result.columns[c].kind));
    out += ",\"name\":";
    AppendJsonString(out, result.columns[c].name);
    out += '}';
  }
  out += "],\"data_version\":";
  AppendJsonString(out, result.data_version);
  out += ",\"group_by\":";
  AppendGroupBy(out, result);
  out += ",\"min_n\":";
  AppendJsonInteger(out, policy.min_n);
  out += ",\"rows\":[";
  std::size_t withheld = 0;
  bool exact = true;
  for (std::uint64_t r = 0; r < result.rows(); ++r) {
    out += r ? ",{" : "{";
    for (std::size_t k = 0; k < keys.size(); ++k) {
      if (k) out += ',';
      out += keys[k].name;
      const auto& column = result.columns[keys[k].column];
      if (column.kind == engine::ColumnKind::kDimension) {
        const std::size_t g = dim_of[keys[k].column];
        const std::uint32_t code = result.code(r, g);
        out += keys[k].label ? texts[g].labels[code] : texts[g].values[code];
        continue;
      }
      const privacy::CellState state = internal::DecisionFor(gated, column).states[r];
      withheld += state != privacy::CellState::kShown;
      AppendPublished(out, column, r, state);
    }
    out += '}';
    exact = exact && gated.exact[r];
  }
  out += "],\"suppression\":";
  AppendSuppression(out, withheld, internal::Complementary(gated), exact);
  out += '}';
  return out;
}

namespace {

// A row decision's reasons as a list of CellState numbers.
void AppendReasons(std::string& out, const internal::RowDecision& decision) {
  out += '[';
  AppendJsonIntegerList(out, decision.states.size(),
                        [&](std::size_t r) { return static_cast<std::int64_t>(decision.states[r]); });
  out += ']';
}

// Column c of a columnar answer: a dimension's dictionary and codes, or a
// measure's values (null where withheld) and its own reasons when they are
// not the rows'. Returns the cells withheld.
std::size_t WriteColumn(const internal::Gated& gated, const Labels& labels, std::size_t c, std::string* text) {
  const engine::QueryResult& result = gated.result;
  const engine::ResultColumn& column = result.columns[c];
  const std::uint64_t n = result.rows();
  std::string& out = *text;
  out.reserve(64 + n * 5);
  out += "{\"name\":";
  AppendJsonString(out, column.name);
  out += ",\"kind\":";
  AppendJsonString(out, engine::ColumnKindName(column.kind));
  if (column.kind == engine::ColumnKind::kDimension) {
    // The dictionary once, then one code per row.
    const std::size_t g = static_cast<std::size_t>(
        std::find(result.group_by.begin(), result.group_by.end(), *column.dim) - result.group_by.begin());
    const DimensionTexts texts = TextsOf(result.group_by[g], result.dictionaries[g], labels);
    out += ",\"dictionary\":[";
    for (std::uint32_t code = 0; code < texts.values.size(); ++code) {
      if (code) out += ',';
      out += "{\"value\":";
      out += texts.values[code];
      out += ",\"label\":";
      out += texts.labels[code];
      out += '}';
    }
    out += "],\"codes\":[";
    AppendJsonIntegerList(out, n, [&](std::size_t r) { return result.code(r, g); });
    out += "]}";
    return 0;
  }
  const internal::RowDecision& decision = internal::DecisionFor(gated, column);
  if (&decision != &gated.rows) {
    out += ",\"reasons\":";
    AppendReasons(out, decision);
  }
  std::size_t withheld = 0;
  for (std::uint64_t r = 0; r < n; ++r) withheld += decision.states[r] != privacy::CellState::kShown;
  out += ",\"values\":[";
  if (column.integer) {
    AppendJsonIntegerList(out, n, [&](std::size_t r) -> std::optional<std::int64_t> {
      if (decision.states[r] != privacy::CellState::kShown) return std::nullopt;
      return column.ints[r];
    });
  } else {
    for (std::uint64_t r = 0; r < n; ++r) {
      if (r) out += ',';
      AppendValue(out, column, r, decision.states[r]);
    }
  }
  out += "]}";
  return withheld;
}

}  // namespace

Result<std::string> PublishQueryColumns(const engine::Snapshot& snapshot, const Labels& labels,
                                        const nlohmann::json& spec, const Viewer& viewer,
                                        const privacy::SuppressionPolicy& policy, std::uint64_t max_rows) {
  PL_ASSIGN_OR_RETURN(internal::Gated gated, internal::RunGated(snapshot, labels, spec, viewer, policy, 0, max_rows));
  const auto& result = gated.result;
  const std::uint64_t n = result.rows();
  std::string out;
  out.reserve(256 + n * result.columns.size() * 6);
  out += "{\"data_version\":";
  AppendJsonString(out, result.data_version);
  out += ",\"min_n\":";
  AppendJsonInteger(out, policy.min_n);
  out += ",\"layout\":\"columns\",\"row_count\":";
  AppendJsonInteger(out, static_cast<std::int64_t>(n));
  out += ",\"group_by\":";
  AppendGroupBy(out, result);
  // Reason codes by CellState, so that a row's reason is one small integer.
  out += ",\"reasons\":[";
  constexpr privacy::CellState kStates[] = {privacy::CellState::kShown, privacy::CellState::kPrimary,
                                           privacy::CellState::kComplementary, privacy::CellState::kTableWithheld};
  for (std::size_t i = 0; i < std::size(kStates); ++i) {
    if (i) out += ',';
    AppendJsonString(out, privacy::ReasonCode(kStates[i]));
  }
  out += "],\"row_reasons\":";
  AppendReasons(out, gated.rows);
  // The columns' texts are written side by side: the cube's twelve columns
  // of 67,000 values each took 2.7 ms on one thread.
  std::vector<std::string> texts(result.columns.size());
  std::vector<std::size_t> withheld_in(result.columns.size(), 0);
  ForEachIndex(texts.size(), 0, [&](std::uint64_t c) { withheld_in[c] = WriteColumn(gated, labels, c, &texts[c]); });
  out += ",\"columns\":[";
  for (std::size_t c = 0; c < texts.size(); ++c) {
    if (c) out += ',';
    out += texts[c];
  }
  const std::size_t withheld = std::accumulate(withheld_in.begin(), withheld_in.end(), std::size_t{0});
  bool exact = std::all_of(gated.exact.begin(), gated.exact.end(), [](bool e) { return e; });
  out += "],\"suppression\":";
  AppendSuppression(out, withheld, internal::Complementary(gated), exact);
  out += '}';
  return out;
}

}  // namespace pl::analytics
