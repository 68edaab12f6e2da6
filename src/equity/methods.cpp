// The single methods (di_ppg, di_prop_index, di_80_index) on aggregated cells.
//
// Every expression below keeps DisImpact's operand order: the ceiling()
// columns are sensitive to the last bit of products such as
// (reference - pct) * n, and this file is compiled with -ffp-contract=off so
// no multiply-add is fused. Sums over rows and over groups accumulate in
// long double and round once, as R's sum() does.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include <fmt/format.h>

#include "equity/cells.hpp"
#include "equity/equity.hpp"

namespace pl::equity {

namespace internal {

Result<Cells> PrepareCells(std::span<const GroupTotal> input) {
  for (const auto& cell : input) {
    if (!(cell.n >= 0) || !(cell.success >= 0)) {
      return InvalidArgument(fmt::format("group {} of cohort {}: n and success must be >= 0, got n={}, success={}",
                                         cell.group.value_or("NA"), cell.cohort.value_or("NA"), cell.n,
                                         cell.success));
    }
  }
  std::vector<std::size_t> order(input.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto less = [&](std::size_t a, std::size_t b) {
    if (input[a].cohort != input[b].cohort) return LessMissingLast(input[a].cohort, input[b].cohort);
    return LessMissingLast(input[a].group, input[b].group);
  };
  std::stable_sort(order.begin(), order.end(), less);
  Cells out;
  std::size_t i = 0;
  while (i < order.size()) {
    const GroupTotal& first = input[order[i]];
    long double n = 0, success = 0;
    std::size_t j = i;
    for (; j < order.size() && input[order[j]].cohort == first.cohort && input[order[j]].group == first.group; ++j) {
      n += input[order[j]].n;
      success += input[order[j]].success;
    }
    if (out.cells.empty() || out.cells.back().cohort != first.cohort) out.cohort_begin.push_back(out.cells.size());
    out.cells.push_back({first.cohort, first.group, static_cast<double>(n), static_cast<double>(success)});
    i = j;
  }
  out.cohort_begin.push_back(out.cells.size());
  return out;
}

namespace {

struct CohortTotals {
  double success = 0;  // sum(success) over the cohort's groups
  double n = 0;        // sum(n)
};

CohortTotals Totals(const Cells& cells, std::size_t b) {
  long double s = 0, n = 0;
  for (std::size_t i = cells.cohort_begin[b]; i < cells.cohort_begin[b + 1]; ++i) {
    s += cells.cells[i].success;
    n += cells.cells[i].n;
  }
  return {static_cast<double>(s), static_cast<double>(n)};
}

// R's max(): NA wins over NaN, any NaN wins over numbers.
double RMax(const std::vector<double>& values) {
  double best = -std::numeric_limits<double>::infinity();
  bool nan = false, na = false;
  double first_nan = 0;
  for (double v : values) {
    if (std::isnan(v)) {
      if (IsNA(v)) na = true;
      if (!nan) first_nan = v;
      nan = true;
    } else if (v > best) {
      best = v;
    }
  }
  if (na) return NA();
  if (nan) return first_nan;
  return best;
}

// group[pct == max(pct)][1]: the first group (in order) attaining the max;
// missing when the max is NaN/NA (the comparison is NA in R) or when the
// first such group is the missing group.
OptString HighestGroup(const Cells& cells, std::size_t b, const std::vector<double>& pct, double max) {
  if (std::isnan(max)) return std::nullopt;
  for (std::size_t i = cells.cohort_begin[b]; i < cells.cohort_begin[b + 1]; ++i) {
    if (pct[i - cells.cohort_begin[b]] == max) return cells.cells[i].group;
  }
  return std::nullopt;
}

// The rate of group `name` in cohort block b, NA when absent (a missing
// group never matches).
double NamedRate(const Cells& cells, std::size_t b, const std::string& name) {
  for (std::size_t i = cells.cohort_begin[b]; i < cells.cohort_begin[b + 1]; ++i) {
    if (cells.cells[i].group && *cells.cells[i].group == name) return cells.cells[i].success / cells.cells[i].n;
  }
  return NA();
}

bool BelowMinN(double n, double min_n) { return min_n > 0 && n < min_n; }

}  // namespace

std::vector<PpgRow> PpgOnCells(const Cells& cells, const PpgOptions& options) {
  std::vector<PpgRow> rows;
  rows.reserve(cells.cells.size());
  const Reference& ref = options.reference;
  for (std::size_t b = 0; b + 1 < cells.cohort_begin.size(); ++b) {
    std::size_t begin = cells.cohort_begin[b], end = cells.cohort_begin[b + 1];
    CohortTotals totals = Totals(cells, b);
    std::vector<double> pct;
    for (std::size_t i = begin; i < end; ++i) pct.push_back(cells.cells[i].success / cells.cells[i].n);
    double max = RMax(pct);
    OptString hpg_group = HighestGroup(cells, b, pct, max);
    double named = ref.kind == Reference::Kind::kGroup ? NamedRate(cells, b, ref.group) : NA();
    for (std::size_t i = begin; i < end; ++i) {
      const GroupTotal& cell = cells.cells[i];
      PpgRow row;
      row.cohort = cell.cohort;
      row.group = cell.group;
      row.n = cell.n;
      row.success = cell.success;
      row.pct = pct[i - begin];
      switch (ref.kind) {
        case Reference::Kind::kOverall:
          row.reference = totals.success / totals.n;
          row.reference_group = ref.Label();
          break;
        case Reference::Kind::kHpg:
          row.reference = max;
          row.reference_group = hpg_group;
          break;
        case Reference::Kind::kAllButCurrent:
          row.reference = (totals.success - cell.success) / (totals.n - cell.n);
          row.reference_group = ref.Label();
          break;
        case Reference::Kind::kGroup:
          row.reference = named;
          row.reference_group = ref.group;
          break;
        case Reference::Kind::kNumbers:
          row.reference = ref.numbers[b];
          row.reference_group = ref.Label();
          break;
      }
      row.moe = options.use_prop_in_moe
                    ? PpgMoe(row.n, row.pct, options.min_moe, options.prop_sub_0, options.prop_sub_1)
                    : PpgMoe(row.n, std::nullopt, options.min_moe);
      row.pct_lo = row.pct - row.moe;
      row.pct_hi = row.pct + row.moe;
      row.di_indicator = row.pct_hi <= row.reference ? 1 : 0;  // NaN compares false: coalesce(0)
      row.success_needed_not_di =
          row.di_indicator == 1 ? std::ceil((row.reference - (row.pct + row.moe)) * row.n) : 0.0;
      row.success_needed_full_parity = row.pct < row.reference ? std::ceil((row.reference - row.pct) * row.n) : 0.0;
      if (BelowMinN(row.n, options.min_n)) {
        row.di_indicator = 0;
        row.success_needed_not_di = 0;
        row.success_needed_full_parity = 0;
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::vector<PropIndexRow> PropIndexOnCells(const Cells& cells, const PropIndexOptions& options) {
  std::vector<PropIndexRow> rows;
  rows.reserve(cells.cells.size());
  const double c = options.di_prop_index_cutoff;
  for (std::size_t b = 0; b + 1 < cells.cohort_begin.size(); ++b) {
    CohortTotals totals = Totals(cells, b);
    for (std::size_t i = cells.cohort_begin[b]; i < cells.cohort_begin[b + 1]; ++i) {
      const GroupTotal& cell = cells.cells[i];
      PropIndexRow row;
      row.cohort = cell.cohort;
      row.group = cell.group;
      row.n = cell.n;
      row.success = cell.success;
      row.pct_success = cell.success / totals.success;
      row.pct_group = cell.n / totals.n;
      row.di_prop_index = row.pct_success / row.pct_group;
      row.di_indicator = row.di_prop_index < c ? 1 : 0;
      // The smallest x with ((s + x) / (S + x)) / pct_group >= cutoff,
      // group sizes held fixed; NaN (coalesce) becomes 0.
      double not_di =
          row.di_indicator == 1 ? std::ceil((totals.success * row.pct_group * c - cell.success) / (1 - row.pct_group * c))
                                : 0.0;
      double parity = row.di_prop_index < 1
                          ? std::ceil((totals.success * row.pct_group * 1 - cell.success) / (1 - row.pct_group * 1))
                          : 0.0;
      row.success_needed_not_di = std::isnan(not_di) ? 0.0 : not_di;
      row.success_needed_full_parity = std::isnan(parity) ? 0.0 : parity;
      if (BelowMinN(row.n, options.min_n)) {
        row.di_indicator = 0;
        row.success_needed_not_di = 0;
        row.success_needed_full_parity = 0;
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::vector<Index80Row> Index80OnCells(const Cells& cells, const Index80Options& options) {
  std::vector<Index80Row> rows;
  rows.reserve(cells.cells.size());
  const Reference& ref = options.reference;
  const double c = options.di_80_index_cutoff;
  for (std::size_t b = 0; b + 1 < cells.cohort_begin.size(); ++b) {
    std::size_t begin = cells.cohort_begin[b], end = cells.cohort_begin[b + 1];
    CohortTotals totals = Totals(cells, b);
    std::vector<double> pct;
    for (std::size_t i = begin; i < end; ++i) pct.push_back(cells.cells[i].success / cells.cells[i].n);
    double max = RMax(pct);
    OptString hpg_group = HighestGroup(cells, b, pct, max);
    for (std::size_t i = begin; i < end; ++i) {
      const GroupTotal& cell = cells.cells[i];
      Index80Row row;
      row.cohort = cell.cohort;
      row.group = cell.group;
      row.n = cell.n;
      row.success = cell.success;
      row.pct = pct[i - begin];
      switch (ref.kind) {
        case Reference::Kind::kOverall:
          row.reference = totals.success / totals.n;
          row.reference_group = ref.Label();
          break;
        case Reference::Kind::kAllButCurrent:
          row.reference = (totals.success - cell.success) / (totals.n - cell.n);
          row.reference_group = ref.Label();
          break;
        case Reference::Kind::kGroup:
          // c(pct[group == ref], NA)[1]: the cell's pct, as computed above.
          row.reference = NA();
          for (std::size_t k = begin; k < end; ++k) {
            if (cells.cells[k].group && *cells.cells[k].group == ref.group) {
              row.reference = pct[k - begin];
              break;
            }
          }
          row.reference_group = ref.group;
          break;
        case Reference::Kind::kHpg:
        case Reference::Kind::kNumbers:  // refused by Index80(); hpg for safety
          row.reference = max;
          row.reference_group = hpg_group;
          break;
      }
      row.di_80_index = row.pct / row.reference;
      row.di_indicator = row.di_80_index < c ? 1 : 0;
      row.success_needed_not_di = row.di_indicator == 1 ? std::ceil((c * row.reference - row.pct) * row.n) : 0.0;
      row.success_needed_full_parity = row.pct < row.reference ? std::ceil((row.reference - row.pct) * row.n) : 0.0;
      if (BelowMinN(row.n, options.min_n)) {
        row.di_indicator = 0;
        row.success_needed_not_di = 0;
        row.success_needed_full_parity = 0;
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace internal

// ------------------------------------------------------------ public API --

double PpgMoe(double n, std::optional<double> proportion, double min_moe, double prop_sub_0, double prop_sub_1) {
  double moe;
  if (!proportion) {
    moe = 1.96 * std::sqrt(0.25 / n);
  } else {
    double p = *proportion;
    if (p == 0) p = prop_sub_0;
    if (p == 1) p = prop_sub_1;
    moe = 1.96 * std::sqrt(p * (1 - p) / n);
  }
  // pmax(): a NaN/NA operand wins.
  if (std::isnan(moe)) return moe;
  if (std::isnan(min_moe)) return min_moe;
  return moe < min_moe ? min_moe : moe;
}

std::string Reference::Label() const {
  switch (kind) {
    case Kind::kOverall:
      return "overall";
    case Kind::kHpg:
      return "hpg";
    case Kind::kAllButCurrent:
      return "all but current";
    case Kind::kGroup:
      return group;
    case Kind::kNumbers:
      return "numeric";
  }
  return "";
}

std::optional<Reference> ReferenceFromName(std::string_view name) {
  if (name.empty()) return std::nullopt;
  if (name == "overall") return Reference::Overall();
  if (name == "hpg") return Reference::Hpg();
  if (name == "all but current") return Reference::AllButCurrent();
  return Reference::Group(std::string(name));
}

namespace {

bool HasGroup(const internal::Cells& cells, const std::string& name) {
  for (const auto& cell : cells.cells) {
    if (cell.group && *cell.group == name) return true;
  }
  return false;
}

Status CheckCutoff(double cutoff, std::string_view what) {
  if (!(cutoff >= 0 && cutoff <= 1)) {
    return InvalidArgument(fmt::format("{} must lie in [0, 1], got {}", what, cutoff));
  }
  return Status();
}

}  // namespace

Result<std::vector<PpgRow>> Ppg(std::span<const GroupTotal> input, const PpgOptions& options) {
  PL_ASSIGN_OR_RETURN(internal::Cells cells, internal::PrepareCells(input));
  const Reference& ref = options.reference;
  if (ref.kind == Reference::Kind::kGroup && options.check_valid_reference && !HasGroup(cells, ref.group)) {
    return InvalidArgument(fmt::format("reference group is not a group value: {}", ref.group));
  }
  if (ref.kind == Reference::Kind::kNumbers) {
    std::size_t cohorts = cells.cohort_begin.size() - 1;
    if (ref.numbers.size() != cohorts) {
      return InvalidArgument(fmt::format("a numeric reference needs one number per cohort: {} cohorts, {} numbers",
                                         cohorts, ref.numbers.size()));
    }
  }
  return internal::PpgOnCells(cells, options);
}

Result<std::vector<PropIndexRow>> PropIndex(std::span<const GroupTotal> input, const PropIndexOptions& options) {
  PL_RETURN_IF_ERROR(CheckCutoff(options.di_prop_index_cutoff, "the proportionality index cutoff"));
  PL_ASSIGN_OR_RETURN(internal::Cells cells, internal::PrepareCells(input));
  return internal::PropIndexOnCells(cells, options);
}

Result<std::vector<Index80Row>> Index80(std::span<const GroupTotal> input, const Index80Options& options) {
  PL_RETURN_IF_ERROR(CheckCutoff(options.di_80_index_cutoff, "the 80% index cutoff"));
  const Reference& ref = options.reference;
  if (ref.kind == Reference::Kind::kNumbers) {
    return InvalidArgument("the 80% index takes hpg, overall, all but current or a group as reference, not numbers");
  }
  PL_ASSIGN_OR_RETURN(internal::Cells cells, internal::PrepareCells(input));
  if (ref.kind == Reference::Kind::kGroup && options.check_valid_reference && !HasGroup(cells, ref.group)) {
    return InvalidArgument(fmt::format("reference group is not a group value: {}", ref.group));
  }
  return internal::Index80OnCells(cells, options);
}

// -------------------------------------------------------------- Aggregate --

Result<std::vector<GroupTotal>> Aggregate(const Frame& frame, const InputSpec& spec) {
  const NumericColumn* success = frame.numeric(spec.success);
  if (!success) return InvalidArgument("unknown success column: " + spec.success);
  PL_ASSIGN_OR_RETURN(internal::ResolvedColumn group, internal::ResolveCategorical(frame, spec.group, "group column"));
  internal::ResolvedColumn cohort;
  if (!spec.cohort.empty()) {
    PL_ASSIGN_OR_RETURN(cohort, internal::ResolveCategorical(frame, spec.cohort, "cohort column"));
  }
  const NumericColumn* weight = nullptr;
  if (!spec.weight.empty()) {
    weight = frame.numeric(spec.weight);
    if (!weight) return InvalidArgument("unknown weight column: " + spec.weight);
  }
  struct Sum {
    std::uint32_t cohort, group;
    long double n = 0, success = 0;
  };
  std::vector<Sum> sums;
  std::unordered_map<std::uint64_t, std::size_t> index;
  for (std::size_t row = 0; row < frame.rows(); ++row) {
    const auto& s = success->values[row];
    if (!s) {
      return InvalidArgument(fmt::format("{}, column {}: missing success value (the single methods need one in every "
                                         "row; iterate drops rows with a missing outcome)",
                                         frame.Where(row), spec.success));
    }
    if (!(*s >= 0) || std::isinf(*s)) {
      return InvalidArgument(fmt::format("{}, column {}: expected a success count >= 0, got {}", frame.Where(row),
                                         spec.success, FormatNumber(*s)));
    }
    double w = 1;
    if (weight) {
      const auto& value = weight->values[row];
      if (!value) {
        return InvalidArgument(fmt::format("{}, column {}: missing weight", frame.Where(row), spec.weight));
      }
      if (!(*value >= 0) || std::isinf(*value)) {
        return InvalidArgument(fmt::format("{}, column {}: expected a weight >= 0, got {}", frame.Where(row),
                                           spec.weight, FormatNumber(*value)));
      }
      w = *value;
    } else if (*s != 0 && *s != 1) {
      return InvalidArgument(fmt::format("{}, column {}: expected 0 or 1 (counts need a weight column), got {}",
                                         frame.Where(row), spec.success, FormatNumber(*s)));
    }
    std::uint32_t c = cohort.column ? cohort.column->codes[row] : 0;
    std::uint32_t g = group.column->codes[row];
    std::uint64_t key = (std::uint64_t{c} << 32) | g;
    auto [it, inserted] = index.try_emplace(key, sums.size());
    if (inserted) sums.push_back({c, g});
    sums[it->second].n += w;
    sums[it->second].success += *s;
  }
  std::vector<GroupTotal> out;
  out.reserve(sums.size());
  for (const auto& sum : sums) {
    GroupTotal cell;
    cell.cohort = std::string();  // one pooled cohort, reported as ""
    if (cohort.column) {
      cell.cohort = sum.cohort == CategoricalColumn::kMissing ? OptString() : OptString(cohort.column->levels[sum.cohort]);
    }
    cell.group = sum.group == CategoricalColumn::kMissing ? OptString() : OptString(group.column->levels[sum.group]);
    cell.n = static_cast<double>(sum.n);
    cell.success = static_cast<double>(sum.success);
    out.push_back(std::move(cell));
  }
  std::sort(out.begin(), out.end(), [](const GroupTotal& a, const GroupTotal& b) {
    if (a.cohort != b.cohort) return internal::LessMissingLast(a.cohort, b.cohort);
    return internal::LessMissingLast(a.group, b.group);
  });
  return out;
}

}  // namespace pl::equity
