// Properties over random data (rapidcheck): weights equal expanded rows,
// row order does not matter, pre-aggregated counts equal rows, and the
// flags agree with their "successes needed".
#include <algorithm>
#include <cmath>
#include <random>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "equity/equity.hpp"

namespace pl::equity {
namespace {

struct Record {
  int group;   // 0..3, 3 = missing
  int cohort;  // 0..1
  int site;    // 0..1 (scenario)
  int weight;  // 1..5
  int success; // 0..weight
};

rc::Gen<std::vector<Record>> Records() {
  return rc::gen::nonEmpty(rc::gen::container<std::vector<Record>>(rc::gen::exec([] {
    Record r;
    r.group = *rc::gen::inRange(0, 4);
    r.cohort = *rc::gen::inRange(0, 2);
    r.site = *rc::gen::inRange(0, 2);
    r.weight = *rc::gen::inRange(1, 6);
    r.success = *rc::gen::inRange(0, r.weight + 1);
    return r;
  })));
}

OptString GroupName(int g) { return g == 3 ? OptString() : OptString(std::string(1, static_cast<char>('A' + g))); }

// weighted = false: each record expanded to `weight` rows of 0/1.
Frame MakeFrame(const std::vector<Record>& records, bool weighted) {
  std::vector<OptString> group, cohort, site;
  std::vector<std::optional<double>> success, weight;
  for (const auto& r : records) {
    int copies = weighted ? 1 : r.weight;
    for (int i = 0; i < copies; ++i) {
      group.push_back(GroupName(r.group));
      cohort.push_back(r.cohort ? "2021" : "2020");
      site.push_back(r.site ? "s2" : "s1");
      success.push_back(weighted ? r.success : (i < r.success ? 1 : 0));
      weight.push_back(weighted ? r.weight : 1);
    }
  }
  Frame f;
  RC_ASSERT(f.AddCategorical("g", group).ok());
  RC_ASSERT(f.AddCategorical("year", cohort).ok());
  RC_ASSERT(f.AddCategorical("site", site).ok());
  RC_ASSERT(f.AddNumeric("y", success).ok());
  RC_ASSERT(f.AddNumeric("w", weight).ok());
  return f;
}

IterateOptions Options(const std::string& reference, bool weighted) {
  IterateOptions o;
  o.success_vars = {"y"};
  o.group_vars = {"g"};
  o.cohort_vars = {"year"};
  o.scenario_repeat_by_vars = {"site"};
  o.ppg_reference_groups = {reference};
  o.di_80_index_reference_groups = {reference == "overall" ? "hpg" : reference};
  if (weighted) o.weight_var = "w";
  o.check_valid_reference = false;  // "A" may be absent from a random sample
  return o;
}

const char* kReferences[] = {"overall", "hpg", "all but current", "A"};

RC_GTEST_PROP(EquityProperties, WeightedInputEqualsTheSameDataExpandedToRows, ()) {
  auto records = *Records();
  std::string reference = *rc::gen::elementOf(std::vector<std::string>(std::begin(kReferences), std::end(kReferences)));
  auto weighted = Iterate(MakeFrame(records, true), Options(reference, true));
  auto rows = Iterate(MakeFrame(records, false), Options(reference, false));
  RC_ASSERT(weighted.ok());
  RC_ASSERT(rows.ok());
  Table a = IterateTable(*weighted), b = IterateTable(*rows);
  RC_ASSERT(a.rows == b.rows);
}

RC_GTEST_PROP(EquityProperties, PermutingInputRowsChangesNothing, ()) {
  auto records = *Records();
  auto shuffled = records;
  std::mt19937 rng(*rc::gen::arbitrary<unsigned>());
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  for (bool weighted : {true, false}) {
    auto a = Iterate(MakeFrame(records, weighted), Options("hpg", weighted));
    auto b = Iterate(MakeFrame(shuffled, weighted), Options("hpg", weighted));
    RC_ASSERT(a.ok() && b.ok());
    RC_ASSERT(IterateTable(*a).rows == IterateTable(*b).rows);
  }
}

RC_GTEST_PROP(EquityProperties, FlagsAgreeWithSuccessesNeeded, ()) {
  auto records = *Records();
  std::string reference = *rc::gen::elementOf(std::vector<std::string>(std::begin(kReferences), std::end(kReferences)));
  IterateOptions o = Options(reference, true);
  o.min_n = *rc::gen::inRange(0, 8);
  auto r = Iterate(MakeFrame(records, true), o);
  RC_ASSERT(r.ok());
  for (const auto& row : r->rows) {
    bool small = o.min_n > 0 && row.n < o.min_n;
    // PPG: flagged exactly when pct_hi <= reference (and the group is big enough).
    RC_ASSERT(row.di_indicator_ppg == ((!small && row.pct_hi <= row.ppg_reference) ? 1 : 0));
    if (row.di_indicator_ppg == 0) RC_ASSERT(row.success_needed_not_di_ppg == 0.0);
    if (row.di_indicator_ppg == 1) {
      RC_ASSERT(row.success_needed_not_di_ppg >= 0.0);
      RC_ASSERT(row.success_needed_full_parity_ppg >= row.success_needed_not_di_ppg);
      RC_ASSERT(row.success_needed_full_parity_ppg > 0.0);
    }
    // Indices: flagged exactly when below the cutoff.
    RC_ASSERT(row.di_indicator_prop_index == ((!small && row.di_prop_index < 0.8) ? 1 : 0));
    RC_ASSERT(row.di_indicator_80_index == ((!small && row.di_80_index < 0.8) ? 1 : 0));
    // >= 0, not > 0: an index a rounding error below the cutoff needs 0
    // (DisImpact computes the same).
    if (row.di_indicator_80_index == 1) RC_ASSERT(row.success_needed_not_di_80_index >= 0.0);
    if (row.di_indicator_prop_index == 1) RC_ASSERT(row.success_needed_not_di_prop_index >= 0.0);
    if (row.di_indicator_80_index == 0) RC_ASSERT(row.success_needed_not_di_80_index == 0.0);
    if (row.di_indicator_prop_index == 0) RC_ASSERT(row.success_needed_not_di_prop_index == 0.0);
    if (small) {
      RC_ASSERT(row.success_needed_full_parity_ppg + row.success_needed_full_parity_prop_index +
                    row.success_needed_full_parity_80_index == 0.0);
    }
  }
}

// Pre-aggregated counts with a per-outcome weight (count of known outcomes)
// give the row-level result, including rows whose outcome is missing.
RC_GTEST_PROP(EquityProperties, PerOutcomeWeightsEqualRowsWithMissingOutcomes, ()) {
  auto records = *Records();
  std::vector<OptString> group, cohort, site;
  std::vector<std::optional<double>> success;
  std::map<std::tuple<int, int, int>, std::pair<double, double>> cells;  // (g, year, site) -> (success, known)
  for (const auto& r : records) {
    for (int i = 0; i < r.weight; ++i) {
      bool missing = (i + r.group + r.success) % 4 == 3;
      group.push_back(GroupName(r.group));
      cohort.push_back(r.cohort ? "2021" : "2020");
      site.push_back(r.site ? "s2" : "s1");
      success.push_back(missing ? std::optional<double>() : (i < r.success ? 1.0 : 0.0));
      auto& cell = cells[{r.group, r.cohort, r.site}];
      if (!missing) {
        cell.first += i < r.success ? 1 : 0;
        cell.second += 1;
      }
    }
  }
  Frame rows;
  RC_ASSERT(rows.AddCategorical("g", group).ok());
  RC_ASSERT(rows.AddCategorical("year", cohort).ok());
  RC_ASSERT(rows.AddCategorical("site", site).ok());
  RC_ASSERT(rows.AddNumeric("y", success).ok());
  std::vector<OptString> cg, cc, cs;
  std::vector<std::optional<double>> counts, known;
  for (const auto& [key, value] : cells) {
    cg.push_back(GroupName(std::get<0>(key)));
    cc.push_back(std::get<1>(key) ? "2021" : "2020");
    cs.push_back(std::get<2>(key) ? "s2" : "s1");
    counts.push_back(value.first);
    known.push_back(value.second);
  }
  Frame aggregated;
  RC_ASSERT(aggregated.AddCategorical("g", cg).ok());
  RC_ASSERT(aggregated.AddCategorical("year", cc).ok());
  RC_ASSERT(aggregated.AddCategorical("site", cs).ok());
  RC_ASSERT(aggregated.AddNumeric("y", counts).ok());
  RC_ASSERT(aggregated.AddNumeric("y__n", known).ok());
  IterateOptions o = Options("all but current", false);
  auto a = Iterate(rows, o);
  o.outcome_weight_vars = {"y__n"};
  auto b = Iterate(aggregated, o);
  RC_ASSERT(a.ok());
  RC_ASSERT(b.ok());
  RC_ASSERT(IterateTable(*a).rows == IterateTable(*b).rows);
}

}  // namespace
}  // namespace pl::equity
