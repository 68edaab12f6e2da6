// Names of dimensions, outcomes, measures and ops as the spec spells them.
#include <algorithm>
#include <charconv>

#include "engine/engine.hpp"

namespace pl::engine {
namespace {

constexpr std::array<std::string_view, kNumDims> kDimNames = {
    "school_year", "county",          "region",       "organization",
    "grade_level", "sector",          "pathway",      "cte_status",
    "wbl_type",    "race_ethnicity",  "gender",       "socioeconomically_disadvantaged",
    "disability",  "english_learner", "foster_youth", "homeless",
    "migrant",     "first_generation"};
constexpr std::array<std::string_view, kNumOutcomes> kOutcomeNames = {
    "concentrator", "completer", "dual_enrollment", "wbl", "credential", "graduate", "postsecondary", "employed"};
constexpr std::array<std::string_view, kNumMeasures> kMeasureNames = {"de_units", "wbl_hours", "wage"};
constexpr std::array<std::string_view, 6> kOpNames = {"count", "distinct_students", "sum", "rate", "mean", "median"};
constexpr std::array<std::string_view, 6> kKindNames = {"dimension", "count", "sum", "rate", "mean", "median"};

template <typename E, std::size_t N>
std::optional<E> FindName(const std::array<std::string_view, N>& names, std::string_view name) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<E>(it - names.begin());
}

}  // namespace

std::string_view DimName(Dim dim) { return kDimNames[static_cast<int>(dim)]; }
std::optional<Dim> FindDim(std::string_view name) { return FindName<Dim>(kDimNames, name); }
std::string_view OutcomeName(Outcome o) { return kOutcomeNames[static_cast<int>(o)]; }
std::optional<Outcome> FindOutcome(std::string_view name) { return FindName<Outcome>(kOutcomeNames, name); }
std::string_view MeasureName(Measure m) { return kMeasureNames[static_cast<int>(m)]; }
std::optional<Measure> FindMeasure(std::string_view name) { return FindName<Measure>(kMeasureNames, name); }
std::string_view OpName(Op op) { return kOpNames[static_cast<int>(op)]; }
std::string_view ColumnKindName(ColumnKind kind) { return kKindNames[static_cast<int>(kind)]; }

std::optional<std::uint32_t> Dictionary::Find(std::string_view value) const {
  if (numeric) {
    // Numeric order, so a binary search on the parsed value.
    long long v = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
    auto it = std::lower_bound(values.begin(), values.end(), v,
                               [](const std::string& s, long long x) { return std::stoll(s) < x; });
    if (it == values.end() || std::stoll(*it) != v) return std::nullopt;
    return static_cast<std::uint32_t>(it - values.begin());
  }
  auto it = std::lower_bound(values.begin(), values.end(), value,
                             [](const std::string& s, std::string_view x) { return std::string_view(s) < x; });
  if (it == values.end() || *it != value) return std::nullopt;
  return static_cast<std::uint32_t>(it - values.begin());
}

nlohmann::json Dictionary::ValueJson(std::uint32_t code) const {
  if (IsNull(code)) return nullptr;
  if (numeric) return std::stoll(values[code]);
  return values[code];
}

}  // namespace pl::engine
