// Iterate (di_iterate): disaggregations, "- None", scenarios, references,
// per-outcome weights, refusals.
#include <cmath>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "equity/equity.hpp"
#include "equity_test_support.hpp"

namespace pl::equity {
namespace {

using ::testing::HasSubstr;

// 12 students: group g (A, B, missing), sex (F, M), year (2020, 2021),
// site (s1, s2, s3), outcomes y (0/1) and z (with missing values).
Frame Students() {
  auto frame = test::FrameFromCsv(
      "g,sex,year,site,y,z,w\n"
      "A,F,2020,s1,1,1,1\n"
      "A,M,2020,s2,0,,2\n"
      "B,F,2020,s1,1,0,1\n"
      "B,M,2020,s3,1,1,3\n"
      ",F,2020,s2,0,0,1\n"
      "A,F,2021,s1,1,,1\n"
      "A,M,2021,s1,1,1,2\n"
      "B,F,2021,s2,0,0,1\n"
      "B,M,2021,s3,0,,1\n"
      "B,F,2021,s3,1,1,4\n"
      ",M,2021,s1,1,0,1\n"
      "A,F,2021,s2,0,1,1\n",
      {{"g", "sex", "year", "site"}, {"y", "z", "w"}});
  EXPECT_TRUE(frame.ok()) << frame.status().message();
  return std::move(frame).value();
}

std::vector<const IterateRow*> Select(const IterateResult& r, const std::string& disaggregation,
                                      const std::string& success = "y") {
  std::vector<const IterateRow*> out;
  for (const auto& row : r.rows) {
    if (row.disaggregation == disaggregation && row.success_variable == success) out.push_back(&row);
  }
  return out;
}

TEST(Iterate, NoneRowsAndSortOrder) {
  IterateOptions o;
  o.success_vars = {"y", "z"};
  o.group_vars = {"g", "sex"};
  auto r = Iterate(Students(), o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  // y: - None (1) + g (3) + sex (2); z the same.
  ASSERT_EQ(r->rows.size(), 12u);
  const IterateRow& first = r->rows[0];
  EXPECT_EQ(first.success_variable, "y");
  EXPECT_EQ(first.cohort_variable, "");
  EXPECT_EQ(first.cohort, "");
  EXPECT_EQ(first.disaggregation, "- None");
  EXPECT_EQ(first.group, "- All");
  EXPECT_EQ(first.n, 12);
  EXPECT_EQ(first.success, 7);
  EXPECT_EQ(r->rows[1].disaggregation, "g");
  EXPECT_EQ(r->rows[3].group, std::nullopt);  // missing group last
  EXPECT_EQ(r->rows[4].disaggregation, "sex");
  // z drops its missing rows: 9 rows left.
  EXPECT_EQ(r->rows[6].success_variable, "z");
  EXPECT_EQ(r->rows[6].n, 9);
}

TEST(Iterate, WithoutNonDisaggregatedRows) {
  IterateOptions o;
  o.success_vars = {"y"};
  o.group_vars = {"g"};
  o.include_non_disagg_results = false;
  auto r = Iterate(Students(), o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows.size(), 3u);
  for (const auto& row : r->rows) EXPECT_NE(row.disaggregation, "- None");
}

TEST(Iterate, ReferencesOfTheNoneRows) {
  auto none = [](IterateOptions o) {
    o.success_vars = {"y"};
    auto r = Iterate(Students(), o);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return *Select(*r, "- None")[0];
  };
  IterateOptions o;
  o.group_vars = {"g"};
  o.ppg_reference_groups = {"all but current"};
  IterateRow row = none(o);
  EXPECT_TRUE(std::isnan(row.ppg_reference));  // the keyword is reused: NaN, never flagged
  EXPECT_EQ(row.di_indicator_ppg, 0);
  o.ppg_reference_groups = {"B"};  // one named group: overall on "- None"
  o.di_80_index_reference_groups = {"B"};
  row = none(o);
  EXPECT_EQ(row.ppg_reference_group, "overall");
  EXPECT_EQ(row.di_80_index_reference_group, "overall");
  o.group_vars = {"g", "sex"};
  o.ppg_reference_groups = {"hpg", "hpg"};  // a list: overall on "- None"
  o.di_80_index_reference_groups = {"hpg", "hpg"};
  row = none(o);
  EXPECT_EQ(row.ppg_reference_group, "overall");
  EXPECT_EQ(row.di_80_index_reference_group, "overall");
  o.ppg_reference_groups = {"hpg"};
  o.di_80_index_reference_groups = {""};  // "" is hpg (DisImpact's NA)
  row = none(o);
  EXPECT_EQ(row.ppg_reference_group, "- All");
  EXPECT_EQ(row.di_80_index_reference_group, "- All");
}

TEST(Iterate, ReferencesPerGroupVariable) {
  IterateOptions o;
  o.success_vars = {"y"};
  o.group_vars = {"g", "sex"};
  o.ppg_reference_groups = {"A", "M"};
  o.di_80_index_reference_groups = {"B", "overall"};
  auto r = Iterate(Students(), o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  for (const auto* row : Select(*r, "g")) {
    EXPECT_EQ(row->ppg_reference_group, "A");
    EXPECT_EQ(row->ppg_reference, 3.0 / 5.0);
    EXPECT_EQ(row->di_80_index_reference_group, "B");
  }
  for (const auto* row : Select(*r, "sex")) {
    EXPECT_EQ(row->ppg_reference_group, "M");
    EXPECT_EQ(row->di_80_index_reference_group, "overall");
  }
}

TEST(Iterate, CohortsAndScenarios) {
  IterateOptions o;
  o.success_vars = {"y"};
  o.group_vars = {"sex"};
  o.cohort_vars = {"year"};
  o.scenario_repeat_by_vars = {"site"};
  auto r = Iterate(Students(), o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->scenario_vars, std::vector<std::string>{"site"});
  std::set<std::string> sites;
  for (const auto& row : r->rows) sites.insert(*row.scenario[0]);
  EXPECT_EQ(sites, (std::set<std::string>{"- All", "s1", "s2", "s3"}));
  // Sorted by scenario first: "- All" sorts before "s1".
  EXPECT_EQ(r->rows.front().scenario[0], "- All");
  EXPECT_EQ(r->rows.front().cohort_variable, "year");
  EXPECT_EQ(r->rows.front().cohort, "2020");
  // Each scenario is its own population: s3 in 2020 has only B/M (y=1).
  for (const auto& row : r->rows) {
    if (row.scenario[0] == "s3" && row.cohort == "2020" && row.disaggregation == "- None") {
      EXPECT_EQ(row.n, 1);
      EXPECT_EQ(row.pct, 1);
    }
  }
}

TEST(Iterate, ScenarioCombinationsWithoutDataAndExclusions) {
  IterateOptions o;
  o.success_vars = {"y"};
  o.group_vars = {"g"};
  o.scenario_repeat_by_vars = {"site", "sex"};
  auto r = Iterate(Students(), o);
  ASSERT_TRUE(r.ok());
  std::set<std::pair<std::string, std::string>> combos;
  for (const auto& row : r->rows) combos.insert({*row.scenario[0], *row.scenario[1]});
  // (3 + 1) x (2 + 1) = 12 combinations; s3 has no F in... s3 has B/M and
  // B/F, so all 12 hold data.
  EXPECT_EQ(combos.size(), 12u);
  o.exclude_scenarios = {{{"site", std::string("- All")}}, {{"site", std::string("s1")}, {"sex", std::string("F")}}};
  r = Iterate(Students(), o);
  ASSERT_TRUE(r.ok());
  combos.clear();
  for (const auto& row : r->rows) combos.insert({*row.scenario[0], *row.scenario[1]});
  EXPECT_EQ(combos.size(), 12u - 3u - 1u);
  EXPECT_FALSE(combos.count({"s1", "F"}));
}

TEST(Iterate, OneCohortVariablePerOutcome) {
  IterateOptions o;
  o.success_vars = {"y", "z"};
  o.group_vars = {"g"};
  o.cohort_vars = {"year", "site"};
  auto r = Iterate(Students(), o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  for (const auto& row : r->rows) EXPECT_EQ(row.cohort_variable, row.success_variable == "y" ? "year" : "site");
}

TEST(Iterate, IntersectionsPasteValues) {
  IterateOptions o;
  o.success_vars = {"y"};
  o.group_vars = {"g*sex"};
  o.include_non_disagg_results = false;
  auto r = Iterate(Students(), o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::vector<OptString> groups;
  for (const auto& row : r->rows) groups.push_back(row.group);
  EXPECT_EQ(groups, (std::vector<OptString>{"A / F", "A / M", "B / F", "B / M", std::nullopt}));
  EXPECT_EQ(r->rows[0].disaggregation, "g*sex");
}

TEST(Iterate, MinNAppliesToAllThreeMethods) {
  IterateOptions o;
  o.success_vars = {"y"};
  o.group_vars = {"g"};
  o.ppg_reference_groups = {"hpg"};
  o.di_prop_index_cutoff = 0.9;
  o.di_80_index_cutoff = 0.9;
  o.min_n = 100;
  auto r = Iterate(Students(), o);
  ASSERT_TRUE(r.ok());
  for (const auto& row : r->rows) {
    EXPECT_EQ(row.di_indicator_ppg + row.di_indicator_prop_index + row.di_indicator_80_index, 0);
    EXPECT_EQ(row.success_needed_full_parity_ppg + row.success_needed_full_parity_80_index, 0);
  }
  o.min_n = 0;
  r = Iterate(Students(), o);
  int flags = 0;
  for (const auto& row : r->rows) flags += row.di_indicator_prop_index + row.di_indicator_80_index;
  EXPECT_EQ(flags, 2);  // the missing group: 1 of 2 against 7 of 12 and A's 3 of 5
}

// Pre-aggregated input with a per-outcome weight column gives what the rows
// give: the database path of the analytics engine.
TEST(Iterate, PerOutcomeWeightsOnPreAggregatedCountsEqualRowLevel) {
  IterateOptions rows_options;
  rows_options.success_vars = {"y", "z"};
  rows_options.group_vars = {"g", "sex"};
  rows_options.cohort_vars = {"year"};
  auto from_rows = Iterate(Students(), rows_options);
  ASSERT_TRUE(from_rows.ok());
  // Aggregated by (g, sex, year): y = count, y__n = known count; same for z.
  auto counts = test::FrameFromCsv(
      "g,sex,year,y,y__n,z,z__n\n"
      "A,F,2020,1,1,1,1\n"
      "A,M,2020,0,1,0,0\n"
      "B,F,2020,1,1,0,1\n"
      "B,M,2020,1,1,1,1\n"
      ",F,2020,0,1,0,1\n"
      "A,F,2021,1,2,1,1\n"
      "A,M,2021,1,1,1,1\n"
      "B,F,2021,1,2,1,2\n"
      "B,M,2021,0,1,,0\n"
      ",M,2021,1,1,0,1\n",
      {{"g", "sex", "year"}, {"y", "y__n", "z", "z__n"}});
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  IterateOptions o = rows_options;
  o.outcome_weight_vars = {"y__n", "z__n"};
  auto from_counts = Iterate(*counts, o);
  ASSERT_TRUE(from_counts.ok()) << from_counts.status().message();
  Table a = IterateTable(*from_rows), b = IterateTable(*from_counts);
  EXPECT_EQ(a.columns, b.columns);
  EXPECT_EQ(a.rows, b.rows);
}

TEST(Iterate, Refusals) {
  Frame f = Students();
  auto refused = [&](IterateOptions o, const std::string& needle) {
    if (o.success_vars.empty()) o.success_vars = {"y"};
    if (o.group_vars.empty()) o.group_vars = {"g"};
    auto r = Iterate(f, o);
    ASSERT_FALSE(r.ok()) << needle;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr(needle));
  };
  IterateOptions o;
  o.success_vars = {"nope"};
  refused(o, "unknown success variable: nope");
  o = {};
  o.group_vars = {"nope"};
  refused(o, "unknown group variable: nope");
  o = {};
  o.group_vars = {"g*nope"};
  refused(o, "unknown group variable in intersection g*nope: nope");
  o = {};
  o.cohort_vars = {"nope"};
  refused(o, "unknown cohort variable: nope");
  o = {};
  o.success_vars = {"y", "z"};
  o.cohort_vars = {"year", "site", "sex"};
  refused(o, "one per success variable (2), got 3");
  o = {};
  o.scenario_repeat_by_vars = {"site", "site"};
  refused(o, "scenario variable named twice: site");
  o = {};
  o.scenario_repeat_by_vars = {"nope"};
  refused(o, "unknown scenario variable: nope");
  o = {};
  o.group_vars = {"g", "sex"};
  o.ppg_reference_groups = {"A", "F", "M"};
  refused(o, "the PPG reference list needs one reference for all group variables or one per group variable (2), got 3");
  o = {};
  o.group_vars = {"g", "sex"};
  o.di_80_index_reference_groups = {"A", "F", "M"};
  refused(o, "80% index reference list");
  o = {};
  o.ppg_reference_groups = {"C"};
  refused(o, "PPG reference 'C' is not a value of the group variable g");
  o = {};
  o.group_vars = {"g", "sex"};
  o.ppg_reference_groups = {"A"};  // a single name applies to every group variable
  refused(o, "PPG reference 'A' is not a value of the group variable sex");
  o = {};
  o.di_80_index_reference_groups = {"F"};
  refused(o, "80% index reference 'F' is not a value of the group variable g");
  o = {};
  o.weight_var = "nope";
  refused(o, "unknown weight variable: nope");
  o = {};
  o.di_prop_index_cutoff = 2;
  refused(o, "cutoff must lie in [0, 1]");
  o = {};
  o.outcome_weight_vars = {"w", "w"};
  refused(o, "per-outcome weights: give one per success variable (1), got 2");
  o = {};
  o.exclude_scenarios = {{{"site", std::string("s1")}}};
  refused(o, "no scenario variable: site");

  // Values.
  auto bad = test::FrameFromCsv("g,y,w\nA,1,1\nB,2,0\n", {{"g"}, {"y", "w"}});
  ASSERT_TRUE(bad.ok());
  IterateOptions v;
  v.success_vars = {"y"};
  v.group_vars = {"g"};
  auto r = Iterate(*bad, v);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("line 3, column y: expected 0 or 1 (counts need a weight column), got 2"));
  v.weight_var = "w";
  r = Iterate(*bad, v);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("line 3, column w: expected a weight > 0, got 0"));
  v.weight_var = "";
  v.outcome_weight_vars = {"w"};  // weight 0 is allowed here: the row is dropped
  r = Iterate(*bad, v);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->rows.size(), 2u);  // - None and A only
}

}  // namespace
}  // namespace pl::equity
