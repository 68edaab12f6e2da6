// di_iterate: every outcome x group variable x cohort x scenario.
//
// Rows are never collapsed first (di_iterate collapses unweighted data,
// which changes nothing: its sums are of integers); instead each scenario
// keeps its row indices in input order and every cell sums them in long
// double, as R's sum() does, so weighted input gives DisImpact's exact sums.
#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "equity/cells.hpp"
#include "equity/equity.hpp"

namespace pl::equity {

namespace {

using internal::LessMissingLast;
using internal::ResolvedColumn;

constexpr std::uint32_t kMissingCode = CategoricalColumn::kMissing;
constexpr std::uint32_t kAllCode = CategoricalColumn::kMissing - 1;  // "- All" in a scenario

bool IsKeyword(std::string_view name) { return name == "overall" || name == "hpg" || name == "all but current"; }

struct Disaggregation {
  std::string name;
  const CategoricalColumn* column = nullptr;
  Reference ppg_reference;
  Reference reference_80;
};

struct Outcome {
  std::string name;
  const NumericColumn* success = nullptr;
  const NumericColumn* weight = nullptr;  // nullptr: 1 per row
  bool zero_weight_drops = false;         // a per-outcome weight: weight 0 drops the row
  std::string cohort_variable;            // "" without cohorts
  const CategoricalColumn* cohort = nullptr;
};

// Sums per (cohort code, group code), in the order rows are added.
class CellSums {
 public:
  void Reset() {
    index_.clear();
    keys_.clear();
    n_.clear();
    success_.clear();
  }
  void Add(std::uint32_t cohort, std::uint32_t group, double weight, double success) {
    std::uint64_t key = (std::uint64_t{cohort} << 32) | group;
    auto [it, inserted] = index_.try_emplace(key, keys_.size());
    if (inserted) {
      keys_.push_back(key);
      n_.push_back(0);
      success_.push_back(0);
    }
    n_[it->second] += weight;
    success_[it->second] += success;
  }
  bool empty() const { return keys_.empty(); }
  // Cells sorted by codes: codes are ranks of sorted levels and the missing
  // code is the largest, so numeric order is value order, missing last.
  internal::Cells Finish(const CategoricalColumn* cohort, const CategoricalColumn& group) const {
    std::vector<std::size_t> order(keys_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys_[a] < keys_[b]; });
    internal::Cells cells;
    std::uint64_t previous_cohort = ~std::uint64_t{0};
    for (std::size_t i : order) {
      std::uint32_t c = static_cast<std::uint32_t>(keys_[i] >> 32);
      std::uint32_t g = static_cast<std::uint32_t>(keys_[i] & 0xFFFFFFFFu);
      if (c != previous_cohort) {
        cells.cohort_begin.push_back(cells.cells.size());
        previous_cohort = c;
      }
      GroupTotal cell;
      cell.cohort = !cohort ? OptString("") : c == kMissingCode ? OptString() : OptString(cohort->levels[c]);
      cell.group = g == kMissingCode ? OptString() : OptString(group.levels[g]);
      cell.n = static_cast<double>(n_[i]);
      cell.success = static_cast<double>(success_[i]);
      cells.cells.push_back(std::move(cell));
    }
    cells.cohort_begin.push_back(cells.cells.size());
    return cells;
  }

 private:
  std::unordered_map<std::uint64_t, std::size_t> index_;
  std::vector<std::uint64_t> keys_;
  std::vector<long double> n_;
  std::vector<long double> success_;
};

std::string Known(const Frame& frame) {
  std::string known;
  auto names = frame.names();
  for (std::size_t i = 0; i < names.size() && i < 40; ++i) known += (i ? ", " : "") + names[i];
  return known;
}

Result<const NumericColumn*> NumericOrError(const Frame& frame, const std::string& name, std::string_view role) {
  const NumericColumn* column = frame.numeric(name);
  if (!column) return InvalidArgument(fmt::format("unknown {}: {} (columns: {})", role, name, Known(frame)));
  return column;
}

// Checks a 1-or-per-group-variable reference list.
Status CheckReferenceList(const std::vector<std::string>& list, std::size_t group_vars, std::string_view what) {
  if (list.size() != 1 && list.size() != group_vars) {
    return InvalidArgument(fmt::format("{} needs one reference for all group variables or one per group variable "
                                       "({}), got {}",
                                       what, group_vars, list.size()));
  }
  return Status();
}

bool HasLevel(const CategoricalColumn& column, const std::string& value) {
  return std::binary_search(column.levels.begin(), column.levels.end(), value);
}

Status CheckValues(const Frame& frame, const IterateOptions& options, const std::vector<Outcome>& outcomes) {
  if (!options.weight_var.empty()) {
    const NumericColumn* w = frame.numeric(options.weight_var);
    for (std::size_t row = 0; row < frame.rows(); ++row) {
      const auto& v = w->values[row];
      if (!v) return InvalidArgument(fmt::format("{}, column {}: missing weight", frame.Where(row), w->name));
      if (!(*v > 0) || std::isinf(*v)) {
        return InvalidArgument(fmt::format("{}, column {}: expected a weight > 0, got {}", frame.Where(row), w->name,
                                           FormatNumber(*v)));
      }
    }
  }
  for (const Outcome& outcome : outcomes) {
    if (outcome.zero_weight_drops) {
      for (std::size_t row = 0; row < frame.rows(); ++row) {
        const auto& v = outcome.weight->values[row];
        if (!v) {
          return InvalidArgument(fmt::format("{}, column {}: missing weight", frame.Where(row), outcome.weight->name));
        }
        if (!(*v >= 0) || std::isinf(*v)) {
          return InvalidArgument(fmt::format("{}, column {}: expected a weight >= 0, got {}", frame.Where(row),
                                             outcome.weight->name, FormatNumber(*v)));
        }
      }
    }
    for (std::size_t row = 0; row < frame.rows(); ++row) {
      const auto& s = outcome.success->values[row];
      if (!s) continue;
      if (!(*s >= 0) || std::isinf(*s)) {
        return InvalidArgument(fmt::format("{}, column {}: expected a success count >= 0, got {}", frame.Where(row),
                                           outcome.name, FormatNumber(*s)));
      }
      if (!outcome.weight && *s != 0 && *s != 1) {
        return InvalidArgument(fmt::format("{}, column {}: expected 0 or 1 (counts need a weight column), got {}",
                                           frame.Where(row), outcome.name, FormatNumber(*s)));
      }
    }
  }
  return Status();
}

struct Scenario {
  std::vector<std::uint32_t> codes;  // per scenario variable: a level, kMissingCode or kAllCode
  std::vector<std::size_t> rows;     // ascending
};

OptString ScenarioValue(const CategoricalColumn& column, std::uint32_t code) {
  if (code == kAllCode) return std::string(kAll);
  if (code == kMissingCode) return std::nullopt;
  return column.levels[code];
}

std::vector<Scenario> Scenarios(const Frame& frame, const std::vector<const CategoricalColumn*>& vars,
                                const std::vector<std::map<std::string, OptString>>& exclude) {
  if (vars.empty()) {
    Scenario all;
    all.rows.resize(frame.rows());
    for (std::size_t i = 0; i < all.rows.size(); ++i) all.rows[i] = i;
    return {all};
  }
  // Each variable's values in order of first appearance (R's unique()),
  // then "- All"; the first variable varies fastest (expand.grid). The
  // order does not matter for the result, which is sorted at the end.
  std::vector<std::vector<std::uint32_t>> values(vars.size());
  for (std::size_t v = 0; v < vars.size(); ++v) {
    std::set<std::uint32_t> seen;
    for (std::uint32_t code : vars[v]->codes) {
      if (seen.insert(code).second) values[v].push_back(code);
    }
    values[v].push_back(kAllCode);
  }
  std::vector<Scenario> scenarios;
  std::vector<std::size_t> at(vars.size(), 0);
  while (true) {
    Scenario scenario;
    for (std::size_t v = 0; v < vars.size(); ++v) scenario.codes.push_back(values[v][at[v]]);
    bool excluded = false;
    for (const auto& entry : exclude) {
      bool match = true;
      for (const auto& [name, value] : entry) {
        for (std::size_t v = 0; v < vars.size(); ++v) {
          if (vars[v]->name == name && ScenarioValue(*vars[v], scenario.codes[v]) != value) match = false;
        }
      }
      if (match) excluded = true;
    }
    if (!excluded) {
      for (std::size_t row = 0; row < frame.rows(); ++row) {
        bool in = true;
        for (std::size_t v = 0; v < vars.size() && in; ++v) {
          in = scenario.codes[v] == kAllCode || vars[v]->codes[row] == scenario.codes[v];
        }
        if (in) scenario.rows.push_back(row);
      }
      if (!scenario.rows.empty()) scenarios.push_back(std::move(scenario));
    }
    std::size_t v = 0;
    while (v < vars.size() && ++at[v] == values[v].size()) at[v++] = 0;
    if (v == vars.size()) break;
  }
  return scenarios;
}

}  // namespace

Result<IterateResult> Iterate(const Frame& frame, const IterateOptions& options) {
  if (options.success_vars.empty()) return InvalidArgument("iterate needs at least one success variable");
  if (options.group_vars.empty()) return InvalidArgument("iterate needs at least one group variable");
  if (!(options.di_prop_index_cutoff >= 0 && options.di_prop_index_cutoff <= 1)) {
    return InvalidArgument(fmt::format("the proportionality index cutoff must lie in [0, 1], got {}",
                                       options.di_prop_index_cutoff));
  }
  if (!(options.di_80_index_cutoff >= 0 && options.di_80_index_cutoff <= 1)) {
    return InvalidArgument(
        fmt::format("the 80% index cutoff must lie in [0, 1], got {}", options.di_80_index_cutoff));
  }
  const std::size_t k = options.group_vars.size();
  PL_RETURN_IF_ERROR(CheckReferenceList(options.ppg_reference_groups, k, "the PPG reference list"));
  PL_RETURN_IF_ERROR(CheckReferenceList(options.di_80_index_reference_groups, k, "the 80% index reference list"));

  // Columns.
  std::vector<ResolvedColumn> groups;
  for (const auto& spec : options.group_vars) {
    PL_ASSIGN_OR_RETURN(ResolvedColumn column, internal::ResolveCategorical(frame, spec, "group variable"));
    groups.push_back(std::move(column));
  }
  const std::vector<std::string>& cohort_vars = options.cohort_vars;
  if (cohort_vars.size() > 1 && cohort_vars.size() != options.success_vars.size()) {
    return InvalidArgument(fmt::format("cohort variables: give one for all success variables or one per success "
                                       "variable ({}), got {}",
                                       options.success_vars.size(), cohort_vars.size()));
  }
  std::vector<ResolvedColumn> cohorts;
  for (const auto& spec : cohort_vars) {
    PL_ASSIGN_OR_RETURN(ResolvedColumn column, internal::ResolveCategorical(frame, spec, "cohort variable"));
    cohorts.push_back(std::move(column));
  }
  std::vector<const CategoricalColumn*> scenario_columns;
  for (const auto& name : options.scenario_repeat_by_vars) {
    for (const auto* seen : scenario_columns) {
      if (seen->name == name) return InvalidArgument("scenario variable named twice: " + name);
    }
    const CategoricalColumn* column = frame.categorical(name);
    if (!column) return InvalidArgument(fmt::format("unknown scenario variable: {} (columns: {})", name, Known(frame)));
    scenario_columns.push_back(column);
  }
  for (const auto& entry : options.exclude_scenarios) {
    for (const auto& [name, value] : entry) {
      if (std::find(options.scenario_repeat_by_vars.begin(), options.scenario_repeat_by_vars.end(), name) ==
          options.scenario_repeat_by_vars.end()) {
        return InvalidArgument("an excluded scenario names a variable that is no scenario variable: " + name);
      }
    }
  }
  const NumericColumn* common_weight = nullptr;
  if (!options.weight_var.empty()) {
    PL_ASSIGN_OR_RETURN(common_weight, NumericOrError(frame, options.weight_var, "weight variable"));
  }
  if (!options.outcome_weight_vars.empty() && options.outcome_weight_vars.size() != options.success_vars.size()) {
    return InvalidArgument(fmt::format("per-outcome weights: give one per success variable ({}), got {}",
                                       options.success_vars.size(), options.outcome_weight_vars.size()));
  }
  std::vector<Outcome> outcomes;
  for (std::size_t i = 0; i < options.success_vars.size(); ++i) {
    Outcome outcome;
    outcome.name = options.success_vars[i];
    PL_ASSIGN_OR_RETURN(outcome.success, NumericOrError(frame, outcome.name, "success variable"));
    outcome.weight = common_weight;
    if (!options.outcome_weight_vars.empty() && !options.outcome_weight_vars[i].empty()) {
      PL_ASSIGN_OR_RETURN(outcome.weight, NumericOrError(frame, options.outcome_weight_vars[i], "weight variable"));
      outcome.zero_weight_drops = true;
    }
    if (!cohorts.empty()) {
      std::size_t c = cohorts.size() == 1 ? 0 : i;
      outcome.cohort_variable = cohort_vars[c];
      outcome.cohort = cohorts[c].column;
    }
    outcomes.push_back(std::move(outcome));
  }

  // References, validated against the whole data (as di_iterate does,
  // before any scenario filter).
  std::vector<Disaggregation> disaggregations;
  for (std::size_t i = 0; i < k; ++i) {
    Disaggregation d;
    d.name = options.group_vars[i];
    d.column = groups[i].column;
    const std::string& ppg = options.ppg_reference_groups[options.ppg_reference_groups.size() == 1 ? 0 : i];
    const std::string& r80 =
        options.di_80_index_reference_groups[options.di_80_index_reference_groups.size() == 1 ? 0 : i];
    if (ppg.empty()) return InvalidArgument("empty PPG reference for group variable " + d.name);
    d.ppg_reference = *ReferenceFromName(ppg);
    d.reference_80 = r80.empty() ? Reference::Hpg() : *ReferenceFromName(r80);
    if (options.check_valid_reference) {
      if (!IsKeyword(ppg) && !HasLevel(*d.column, ppg)) {
        return InvalidArgument(fmt::format("PPG reference '{}' is not a value of the group variable {} (expected "
                                           "overall, hpg, all but current or one of its values)",
                                           ppg, d.name));
      }
      if (!r80.empty() && !IsKeyword(r80) && !HasLevel(*d.column, r80)) {
        return InvalidArgument(fmt::format("80% index reference '{}' is not a value of the group variable {} "
                                           "(expected hpg, overall, all but current or one of its values)",
                                           r80, d.name));
      }
    }
    disaggregations.push_back(std::move(d));
  }
  CategoricalColumn none_column;
  if (options.include_non_disagg_results) {
    none_column.name = std::string(kNone);
    none_column.levels = {std::string(kAll)};
    none_column.codes.assign(frame.rows(), 0);
    Disaggregation d;
    d.name = std::string(kNone);
    d.column = &none_column;
    // di_iterate's rule: a list, or one named group, gives "overall" here;
    // a single keyword is reused.
    const auto& ppg = options.ppg_reference_groups;
    d.ppg_reference = ppg.size() == 1 && IsKeyword(ppg[0]) ? *ReferenceFromName(ppg[0]) : Reference::Overall();
    const auto& r80 = options.di_80_index_reference_groups;
    if (r80.size() == 1 && (r80[0].empty() || IsKeyword(r80[0]))) {
      d.reference_80 = r80[0].empty() ? Reference::Hpg() : *ReferenceFromName(r80[0]);
    } else {
      d.reference_80 = Reference::Overall();
    }
    disaggregations.push_back(std::move(d));
  }

  PL_RETURN_IF_ERROR(CheckValues(frame, options, outcomes));

  PpgOptions ppg_options;
  ppg_options.min_moe = options.min_moe;
  ppg_options.use_prop_in_moe = options.use_prop_in_moe;
  ppg_options.prop_sub_0 = options.prop_sub_0;
  ppg_options.prop_sub_1 = options.prop_sub_1;
  ppg_options.min_n = options.min_n;
  ppg_options.check_valid_reference = false;
  PropIndexOptions pi_options;
  pi_options.di_prop_index_cutoff = options.di_prop_index_cutoff;
  pi_options.min_n = options.min_n;
  Index80Options options_80;
  options_80.di_80_index_cutoff = options.di_80_index_cutoff;
  options_80.min_n = options.min_n;
  options_80.check_valid_reference = false;

  IterateResult result;
  result.scenario_vars = options.scenario_repeat_by_vars;
  CellSums sums;
  for (const Scenario& scenario : Scenarios(frame, scenario_columns, options.exclude_scenarios)) {
    std::vector<OptString> scenario_values;
    for (std::size_t v = 0; v < scenario_columns.size(); ++v) {
      scenario_values.push_back(ScenarioValue(*scenario_columns[v], scenario.codes[v]));
    }
    for (const Outcome& outcome : outcomes) {
      for (const Disaggregation& d : disaggregations) {
        sums.Reset();
        for (std::size_t row : scenario.rows) {
          const auto& s = outcome.success->values[row];
          if (!s) continue;
          double w = 1;
          if (outcome.weight) {
            w = *outcome.weight->values[row];
            if (outcome.zero_weight_drops && w == 0) continue;
          }
          std::uint32_t c = outcome.cohort ? outcome.cohort->codes[row] : 0;
          sums.Add(c, d.column->codes[row], w, *s);
        }
        if (sums.empty()) continue;
        internal::Cells cells = sums.Finish(outcome.cohort, *d.column);
        ppg_options.reference = d.ppg_reference;
        options_80.reference = d.reference_80;
        std::vector<PpgRow> ppg = internal::PpgOnCells(cells, ppg_options);
        std::vector<PropIndexRow> pi = internal::PropIndexOnCells(cells, pi_options);
        std::vector<Index80Row> i80 = internal::Index80OnCells(cells, options_80);
        for (std::size_t i = 0; i < ppg.size(); ++i) {
          IterateRow row;
          row.scenario = scenario_values;
          row.success_variable = outcome.name;
          row.cohort_variable = outcome.cohort_variable;
          row.cohort = std::move(ppg[i].cohort);
          row.disaggregation = d.name;
          row.group = std::move(ppg[i].group);
          row.n = ppg[i].n;
          row.success = ppg[i].success;
          row.pct = ppg[i].pct;
          row.ppg_reference = ppg[i].reference;
          row.ppg_reference_group = std::move(ppg[i].reference_group);
          row.moe = ppg[i].moe;
          row.pct_lo = ppg[i].pct_lo;
          row.pct_hi = ppg[i].pct_hi;
          row.di_indicator_ppg = ppg[i].di_indicator;
          row.success_needed_not_di_ppg = ppg[i].success_needed_not_di;
          row.success_needed_full_parity_ppg = ppg[i].success_needed_full_parity;
          row.di_prop_index = pi[i].di_prop_index;
          row.di_indicator_prop_index = pi[i].di_indicator;
          row.success_needed_not_di_prop_index = pi[i].success_needed_not_di;
          row.success_needed_full_parity_prop_index = pi[i].success_needed_full_parity;
          row.di_80_index_reference_group = std::move(i80[i].reference_group);
          row.di_80_index = i80[i].di_80_index;
          row.di_indicator_80_index = i80[i].di_indicator;
          row.success_needed_not_di_80_index = i80[i].success_needed_not_di;
          row.success_needed_full_parity_80_index = i80[i].success_needed_full_parity;
          row.di_80_index_reference = i80[i].reference;
          result.rows.push_back(std::move(row));
        }
      }
    }
  }

  auto less = [](const IterateRow& a, const IterateRow& b) {
    for (std::size_t v = 0; v < a.scenario.size(); ++v) {
      if (a.scenario[v] != b.scenario[v]) return LessMissingLast(a.scenario[v], b.scenario[v]);
    }
    if (a.success_variable != b.success_variable) return a.success_variable < b.success_variable;
    if (a.cohort_variable != b.cohort_variable) return a.cohort_variable < b.cohort_variable;
    if (a.cohort != b.cohort) return LessMissingLast(a.cohort, b.cohort);
    if (a.disaggregation != b.disaggregation) return a.disaggregation < b.disaggregation;
    return LessMissingLast(a.group, b.group);
  };
  std::stable_sort(result.rows.begin(), result.rows.end(), less);
  return result;
}

}  // namespace pl::equity
