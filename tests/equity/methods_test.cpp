// The single methods on hand-worked cases (docs: shared methods summary,
// sections 1-4 and the edge cases of section 8).
#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "equity/equity.hpp"
#include "equity_test_support.hpp"

namespace pl::equity {
namespace {

using ::testing::HasSubstr;

GroupTotal Cell(OptString cohort, OptString group, double n, double success) {
  return GroupTotal{std::move(cohort), std::move(group), n, success};
}

// One pooled cohort "" with the given groups.
std::vector<GroupTotal> Pooled(std::vector<std::pair<OptString, std::pair<double, double>>> groups) {
  std::vector<GroupTotal> cells;
  for (auto& [g, ns] : groups) cells.push_back(Cell("", g, ns.first, ns.second));
  return cells;
}

const PpgRow& Find(const std::vector<PpgRow>& rows, const OptString& group) {
  for (const auto& r : rows) {
    if (r.group == group) return r;
  }
  throw std::runtime_error("no such group");
}

// ------------------------------------------------------------------ MOE --

TEST(PpgMoe, DefaultIsTheConservativeHalfWidthFlooredAtMinMoe) {
  EXPECT_DOUBLE_EQ(PpgMoe(1, std::nullopt), 0.98);
  EXPECT_DOUBLE_EQ(PpgMoe(4, std::nullopt), 0.49);
  EXPECT_NEAR(PpgMoe(10, std::nullopt), 0.31, 0.0001);
  EXPECT_NEAR(PpgMoe(30, std::nullopt), 0.179, 0.0001);
  EXPECT_DOUBLE_EQ(PpgMoe(100, std::nullopt), 0.098);
  EXPECT_DOUBLE_EQ(PpgMoe(400, std::nullopt), 0.049);
  // The 0.03 floor is reached at n = 1068.
  EXPECT_GT(PpgMoe(1067, std::nullopt), 0.03);
  EXPECT_EQ(PpgMoe(1068, std::nullopt), 0.03);
  EXPECT_EQ(PpgMoe(1e6, std::nullopt, 0.02), 0.02);
  EXPECT_EQ(PpgMoe(1e6, std::nullopt, 0), 1.96 * std::sqrt(0.25 / 1e6));
}

TEST(PpgMoe, WithTheGroupRateAndItsSubstitutesForZeroAndOne) {
  EXPECT_DOUBLE_EQ(PpgMoe(100, 0.2, 0), 0.0784);
  EXPECT_DOUBLE_EQ(PpgMoe(100, 0.2), 0.0784);
  EXPECT_EQ(PpgMoe(100, 0.2, 0.1), 0.1);  // floored
  // 0 and 1 are replaced (default 0.5), so the MOE is not 0.
  EXPECT_DOUBLE_EQ(PpgMoe(100, 0.0, 0), 0.098);
  EXPECT_DOUBLE_EQ(PpgMoe(100, 1.0, 0), 0.098);
  EXPECT_EQ(PpgMoe(100, 0.0, 0, 0.3, 0.5), 1.96 * std::sqrt(0.3 * (1 - 0.3) / 100));
  EXPECT_EQ(PpgMoe(100, 1.0, 0, 0.5, 0.3), 1.96 * std::sqrt(0.3 * (1 - 0.3) / 100));
  EXPECT_EQ(PpgMoe(100, 0.0, 0.2, 0.3, 0.5), 0.2);  // substituted, then floored
}

TEST(PpgMoe, DisImpactsDocumentedExamples) {
  // The examples of DisImpact's ppg_moe help page, values printed by
  // DisImpact 0.0.22.9000 with %.17g.
  EXPECT_EQ(PpgMoe(800, std::nullopt), 0.034648232278140831);
  const double ns[] = {200, 800, 1000, 2000};
  const double want[] = {0.069296464556281662, 0.034648232278140831, 0.030990321069650113, 0.03};
  const double want_001[] = {0.069296464556281662, 0.034648232278140831, 0.030990321069650113, 0.02191346617949794};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(PpgMoe(ns[i], std::nullopt), want[i]);
    EXPECT_EQ(PpgMoe(ns[i], std::nullopt, 0.01), want_001[i]);
  }
  EXPECT_EQ(PpgMoe(800, 0.2), 0.03);
  EXPECT_EQ(PpgMoe(800, 0.2, 0), 0.027718585822512666);
}

// ------------------------------------------------------------------ PPG --

TEST(Ppg, OverallReferenceFlagAndSuccessesNeeded) {
  // A: 10 of 50, B: 40 of 50; overall 0.5; MOE(50) = 0.98/sqrt(50).
  auto rows = Ppg(Pooled({{"A", {50, 10}}, {"B", {50, 40}}}), {});
  ASSERT_TRUE(rows.ok());
  const PpgRow& a = Find(*rows, "A");
  EXPECT_EQ(a.pct, 0.2);
  EXPECT_EQ(a.reference, 0.5);
  EXPECT_EQ(a.reference_group, "overall");
  EXPECT_EQ(a.moe, 1.96 * std::sqrt(0.25 / 50));
  EXPECT_EQ(a.pct_lo, a.pct - a.moe);
  EXPECT_EQ(a.pct_hi, a.pct + a.moe);
  EXPECT_EQ(a.di_indicator, 1);  // 0.2 + 0.1386 <= 0.5
  EXPECT_EQ(a.success_needed_not_di, std::ceil((0.5 - (0.2 + a.moe)) * 50));  // 9
  EXPECT_EQ(a.success_needed_not_di, 9);
  EXPECT_EQ(a.success_needed_full_parity, 15);
  const PpgRow& b = Find(*rows, "B");
  EXPECT_EQ(b.di_indicator, 0);
  EXPECT_EQ(b.success_needed_not_di, 0);
  EXPECT_EQ(b.success_needed_full_parity, 0);
}

TEST(Ppg, CeilingSeesTheFloatingPointProductAsDisImpactDoes) {
  // A: 8 of 11, B: 28 of 33; overall 36/44. (r - p) * 11 is exactly 1, but
  // in doubles 1.0000000000000004, and DisImpact's ceiling() gives 2 (checked
  // with DisImpact 0.0.22.9000).
  auto rows = Ppg(Pooled({{"A", {11, 8}}, {"B", {33, 28}}}), {});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(Find(*rows, "A").success_needed_full_parity, 2);
}

TEST(Ppg, HpgIsTheFirstGroupAttainingTheHighestRate) {
  auto rows = Ppg(Pooled({{"A", {10, 5}}, {"B", {4, 4}}, {"C", {2, 2}}, {std::nullopt, {3, 0}}}),
                  {.reference = Reference::Hpg()});
  ASSERT_TRUE(rows.ok());
  for (const auto& r : *rows) {
    EXPECT_EQ(r.reference, 1);
    EXPECT_EQ(r.reference_group, "B");  // B and C tie at 1: B comes first
  }
}

TEST(Ppg, OneStudentAtRateOneBecomesTheHighestPerformingGroup) {
  auto rows = Ppg(Pooled({{"A", {1, 1}}, {"B", {100, 60}}}), {.reference = Reference::Hpg()});
  ASSERT_TRUE(rows.ok());
  const PpgRow& b = Find(*rows, "B");
  EXPECT_EQ(b.reference_group, "A");
  EXPECT_EQ(b.di_indicator, 1);  // 0.6 + 0.098 <= 1
}

TEST(Ppg, OneStudentAtRateZeroIsFlaggedOnlyIfTheReferenceIsAtLeastPoint98) {
  // pct_hi = 0 + 0.98 = 0.98 exactly.
  auto low = Ppg(Pooled({{"A", {1, 0}}, {"B", {100, 97}}}), {});  // overall 97/101 < 0.98
  ASSERT_TRUE(low.ok());
  EXPECT_EQ(Find(*low, "A").di_indicator, 0);
  auto high = Ppg(Pooled({{"A", {1, 0}}}), {.reference = Reference::Numbers({0.98})});
  ASSERT_TRUE(high.ok());
  // pct_hi equal to the reference is flagged (<=), with 0 successes needed.
  EXPECT_EQ(Find(*high, "A").di_indicator, 1);
  EXPECT_EQ(Find(*high, "A").success_needed_not_di, 0);
  EXPECT_EQ(Find(*high, "A").success_needed_full_parity, 1);
}

TEST(Ppg, PctHiExactlyAtTheReferenceIsFlaggedWithZeroNeeded) {
  // n = 4: MOE 0.49; 1 of 4 = 0.25; 0.25 + 0.49 == 0.74 in doubles.
  auto rows = Ppg(Pooled({{"A", {4, 1}}}), {.reference = Reference::Numbers({0.74})});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].pct_hi, 0.74);
  EXPECT_EQ((*rows)[0].di_indicator, 1);
  EXPECT_EQ((*rows)[0].success_needed_not_di, 0);
}

TEST(Ppg, AllButCurrentOfTheOnlyGroupIsNaNAndNeverFlagged) {
  auto rows = Ppg(Pooled({{"A", {5, 1}}}), {.reference = Reference::AllButCurrent()});
  ASSERT_TRUE(rows.ok());
  EXPECT_TRUE(std::isnan((*rows)[0].reference));
  EXPECT_FALSE(IsNA((*rows)[0].reference));  // 0/0: NaN, not NA
  EXPECT_EQ((*rows)[0].di_indicator, 0);
  EXPECT_EQ((*rows)[0].success_needed_not_di, 0);
  EXPECT_EQ((*rows)[0].success_needed_full_parity, 0);
  EXPECT_EQ((*rows)[0].reference_group, "all but current");
}

TEST(Ppg, AllButCurrentComparesWithEveryoneElse) {
  auto rows = Ppg(Pooled({{"A", {50, 10}}, {"B", {30, 21}}, {"C", {20, 9}}}),
                  {.reference = Reference::AllButCurrent()});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(Find(*rows, "A").reference, 30.0 / 50.0);
  EXPECT_EQ(Find(*rows, "B").reference, 19.0 / 70.0);
}

TEST(Ppg, ZeroSuccessesAndAllSuccessesGiveNoFlags) {
  for (double s : {0.0, 1.0}) {
    auto rows = Ppg(Pooled({{"A", {40, 40 * s}}, {"B", {60, 60 * s}}}), {.reference = Reference::Hpg()});
    ASSERT_TRUE(rows.ok());
    for (const auto& r : *rows) {
      EXPECT_EQ(r.reference, s);
      EXPECT_EQ(r.di_indicator, 0);
      EXPECT_EQ(r.success_needed_full_parity, 0);
    }
  }
}

TEST(Ppg, NamedReferenceAbsentFromACohortIsNAAndNotFlagged) {
  std::vector<GroupTotal> cells = {Cell("2020", "A", 50, 10), Cell("2020", "B", 50, 40), Cell("2021", "A", 50, 10),
                                   Cell("2021", "C", 50, 40)};
  auto rows = Ppg(cells, {.reference = Reference::Group("B")});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0].reference, 0.8);
  EXPECT_EQ((*rows)[0].di_indicator, 1);
  EXPECT_TRUE(IsNA((*rows)[2].reference));
  EXPECT_EQ((*rows)[2].reference_group, "B");
  EXPECT_EQ((*rows)[2].di_indicator, 0);
  EXPECT_EQ((*rows)[2].success_needed_full_parity, 0);
}

TEST(Ppg, MissingGroupIsItsOwnGroupSortedLastCountedInTotalsNeverANamedReference) {
  std::vector<GroupTotal> cells = {Cell("", std::nullopt, 10, 10), Cell("", "B", 10, 5), Cell("", "A", 10, 0)};
  auto overall = Ppg(cells, {});
  ASSERT_TRUE(overall.ok());
  EXPECT_EQ((*overall)[0].group, "A");
  EXPECT_EQ((*overall)[2].group, std::nullopt);
  EXPECT_EQ((*overall)[0].reference, 0.5);  // 15 / 30 includes the missing group
  auto hpg = Ppg(cells, {.reference = Reference::Hpg()});
  ASSERT_TRUE(hpg.ok());
  EXPECT_EQ((*hpg)[0].reference, 1);                  // the missing group's rate
  EXPECT_EQ((*hpg)[0].reference_group, std::nullopt);  // reported as NA
  auto named = Ppg(cells, {.reference = Reference::Group("NA")});
  EXPECT_FALSE(named.ok());  // "NA" is no group value
}

TEST(Ppg, NumericReferenceOnePerCohortSortedMissingLast) {
  std::vector<GroupTotal> cells = {Cell(std::nullopt, "A", 10, 1), Cell("2021", "A", 10, 2), Cell("2020", "A", 10, 3)};
  auto rows = Ppg(cells, {.reference = Reference::Numbers({0.1, 0.2, 0.3})});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].cohort, "2020");
  EXPECT_EQ((*rows)[0].reference, 0.1);
  EXPECT_EQ((*rows)[1].reference, 0.2);
  EXPECT_EQ((*rows)[2].cohort, std::nullopt);
  EXPECT_EQ((*rows)[2].reference, 0.3);
  EXPECT_EQ((*rows)[2].reference_group, "numeric");
}

TEST(Ppg, OneNumberWithSeveralCohortsIsRefused) {
  std::vector<GroupTotal> cells = {Cell("2020", "A", 10, 1), Cell("2021", "A", 10, 2)};
  auto rows = Ppg(cells, {.reference = Reference::Numbers({0.5})});
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(rows.status().message(), HasSubstr("one number per cohort: 2 cohorts, 1 numbers"));
}

TEST(Ppg, UsePropInMoeSubstitutesZeroAndOneRates) {
  auto rows = Ppg(Pooled({{"A", {100, 0}}, {"B", {100, 100}}, {"C", {100, 20}}}),
                  {.min_moe = 0, .use_prop_in_moe = true, .prop_sub_0 = 0.3, .prop_sub_1 = 0.4});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(Find(*rows, "A").moe, 1.96 * std::sqrt(0.3 * (1 - 0.3) / 100));
  EXPECT_EQ(Find(*rows, "B").moe, 1.96 * std::sqrt(0.4 * (1 - 0.4) / 100));
  EXPECT_DOUBLE_EQ(Find(*rows, "C").moe, 0.0784);
}

TEST(Ppg, MinNSilencesFlagsOfSmallGroupsOnly) {
  auto cells = Pooled({{"A", {10, 0}}, {"B", {200, 150}}, {"C", {11, 0}}});
  auto exact = Ppg(cells, {});
  auto product = Ppg(cells, {.min_n = 11});
  ASSERT_TRUE(exact.ok() && product.ok());
  EXPECT_EQ(Find(*exact, "A").di_indicator, 1);
  EXPECT_EQ(Find(*product, "A").di_indicator, 0);
  EXPECT_EQ(Find(*product, "A").success_needed_not_di, 0);
  EXPECT_EQ(Find(*product, "A").success_needed_full_parity, 0);
  EXPECT_EQ(Find(*product, "A").pct_hi, Find(*exact, "A").pct_hi);  // the rest is unchanged
  EXPECT_EQ(Find(*product, "C").di_indicator, 1);                   // n = 11 is not below 11
}

TEST(Ppg, RefusesBadInput) {
  EXPECT_FALSE(Ppg(Pooled({{"A", {-1, 0}}}), {}).ok());
  EXPECT_FALSE(Ppg(Pooled({{"A", {1, -1}}}), {}).ok());
  EXPECT_FALSE(Ppg(Pooled({{"A", {NAN, 0}}}), {}).ok());
  auto named = Ppg(Pooled({{"A", {1, 0}}}), {.reference = Reference::Group("Z")});
  ASSERT_FALSE(named.ok());
  EXPECT_THAT(named.status().message(), HasSubstr("not a group value: Z"));
  // di_iterate's mode: an absent named group is no error, just NA.
  EXPECT_TRUE(Ppg(Pooled({{"A", {1, 0}}}), {.reference = Reference::Group("Z"), .check_valid_reference = false}).ok());
}

TEST(Ppg, DuplicateCellsAreSummed) {
  auto rows = Ppg(Pooled({{"A", {5, 1}}, {"A", {5, 2}}, {"B", {10, 9}}}), {});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].n, 10);
  EXPECT_EQ((*rows)[0].success, 3);
}

// -------------------------------------------------- proportionality index --

TEST(PropIndex, HandWorkedCase) {
  // A: 10 of 50, B: 40 of 50. S = 50, N = 100.
  auto rows = PropIndex(Pooled({{"A", {50, 10}}, {"B", {50, 40}}}), {});
  ASSERT_TRUE(rows.ok());
  const auto& a = (*rows)[0];
  EXPECT_EQ(a.pct_success, 0.2);
  EXPECT_EQ(a.pct_group, 0.5);
  EXPECT_EQ(a.di_prop_index, 0.4);
  EXPECT_EQ(a.di_indicator, 1);
  // (50 * 0.5 * 0.8 - 10) / (1 - 0.4) = 16.67: 17 more successes give
  // (27 / 67) / 0.5 = 0.806 >= 0.8.
  EXPECT_EQ(a.success_needed_not_di, 17);
  EXPECT_EQ(a.success_needed_full_parity, 30);
  EXPECT_EQ((*rows)[1].di_prop_index, 1.6);
  EXPECT_EQ((*rows)[1].di_indicator, 0);
}

TEST(PropIndex, CutoffIsStrict) {
  // PI exactly 0.8: not flagged.
  auto rows = PropIndex(Pooled({{"A", {50, 20}}, {"B", {50, 30}}}), {});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].di_prop_index, 0.8);
  EXPECT_EQ((*rows)[0].di_indicator, 0);
  EXPECT_EQ((*rows)[0].success_needed_full_parity, 10);
}

TEST(PropIndex, ZeroSuccessesGiveNaNAndNoFlag) {
  auto rows = PropIndex(Pooled({{"A", {5, 0}}, {"B", {5, 0}}}), {});
  ASSERT_TRUE(rows.ok());
  for (const auto& r : *rows) {
    EXPECT_TRUE(std::isnan(r.di_prop_index));
    EXPECT_EQ(r.di_indicator, 0);
    EXPECT_EQ(r.success_needed_not_di, 0);
    EXPECT_EQ(r.success_needed_full_parity, 0);
  }
}

TEST(PropIndex, OnlyGroupHasIndexOne) {
  auto rows = PropIndex(Pooled({{"A", {5, 2}}}), {});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].di_prop_index, 1);
  EXPECT_EQ((*rows)[0].di_indicator, 0);
}

TEST(PropIndex, OneStudentAtRateZeroIsFlagged) {
  auto rows = PropIndex(Pooled({{"A", {1, 0}}, {"B", {100, 50}}}), {});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].di_indicator, 1);
  auto silenced = PropIndex(Pooled({{"A", {1, 0}}, {"B", {100, 50}}}), {.min_n = 11});
  EXPECT_EQ((*silenced)[0].di_indicator, 0);
  EXPECT_EQ((*silenced)[0].success_needed_not_di, 0);
}

TEST(PropIndex, RefusesACutoffOutsideZeroOne) {
  EXPECT_FALSE(PropIndex(Pooled({{"A", {1, 0}}}), {.di_prop_index_cutoff = 1.2}).ok());
  EXPECT_FALSE(PropIndex(Pooled({{"A", {1, 0}}}), {.di_prop_index_cutoff = -0.1}).ok());
  EXPECT_TRUE(PropIndex(Pooled({{"A", {1, 0}}}), {.di_prop_index_cutoff = 1}).ok());
}

// ------------------------------------------------------------- 80% index --

TEST(Index80, HpgReferenceAndTheCeilingArtifact) {
  // A: 0.2, B: 0.8 (hpg). Index A = 0.25.
  auto rows = Index80(Pooled({{"A", {50, 10}}, {"B", {50, 40}}}), {});
  ASSERT_TRUE(rows.ok());
  const auto& a = (*rows)[0];
  EXPECT_EQ(a.reference, 0.8);
  EXPECT_EQ(a.reference_group, "B");
  EXPECT_EQ(a.di_80_index, 0.25);
  EXPECT_EQ(a.di_indicator, 1);
  // (0.8 * 0.8 - 0.2) * 50 = 22 exactly, 22.000000000000007 in doubles;
  // (0.8 - 0.2) * 50 = 30.000000000000004: DisImpact rounds both up.
  EXPECT_EQ(a.success_needed_not_di, 23);
  EXPECT_EQ(a.success_needed_full_parity, 31);
  EXPECT_EQ((*rows)[1].di_80_index, 1);  // the hpg itself
}

TEST(Index80, OtherReferences) {
  auto cells = Pooled({{"A", {50, 10}}, {"B", {50, 40}}});
  auto overall = Index80(cells, {.reference = Reference::Overall()});
  EXPECT_EQ((*overall)[0].reference, 0.5);
  EXPECT_EQ((*overall)[0].reference_group, "overall");
  auto others = Index80(cells, {.reference = Reference::AllButCurrent()});
  EXPECT_EQ((*others)[0].reference, 0.8);
  EXPECT_EQ((*others)[1].reference, 0.2);
  auto named = Index80(cells, {.reference = Reference::Group("A")});
  EXPECT_EQ((*named)[1].di_80_index, 4);
  EXPECT_EQ((*named)[1].reference_group, "A");
}

TEST(Index80, ZeroSuccessesAndNamedGroupAbsentGiveNoFlags) {
  auto zero = Index80(Pooled({{"A", {5, 0}}, {"B", {5, 0}}}), {});
  ASSERT_TRUE(zero.ok());
  for (const auto& r : *zero) {
    EXPECT_TRUE(std::isnan(r.di_80_index));
    EXPECT_EQ(r.di_indicator, 0);
  }
  std::vector<GroupTotal> cells = {Cell("1", "A", 5, 1), Cell("1", "B", 5, 5), Cell("2", "A", 5, 1)};
  auto named = Index80(cells, {.reference = Reference::Group("B")});
  ASSERT_TRUE(named.ok());
  EXPECT_TRUE(IsNA((*named)[2].reference));
  EXPECT_TRUE(IsNA((*named)[2].di_80_index));
  EXPECT_EQ((*named)[2].di_indicator, 0);
}

TEST(Index80, TieAndAllSucceed) {
  auto rows = Index80(Pooled({{"A", {3, 3}}, {"B", {2, 2}}}), {});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[1].reference_group, "A");
  EXPECT_EQ((*rows)[0].di_indicator + (*rows)[1].di_indicator, 0);
}

TEST(Index80, RefusesNumbersAndBadCutoffs) {
  auto cells = Pooled({{"A", {5, 1}}});
  EXPECT_FALSE(Index80(cells, {.reference = Reference::Numbers({0.5})}).ok());
  EXPECT_FALSE(Index80(cells, {.di_80_index_cutoff = 1.5}).ok());
  EXPECT_FALSE(Index80(cells, {.reference = Reference::Group("Z")}).ok());
}

// ------------------------------------------------------------ Aggregate --

Frame SmallFrame(std::vector<std::optional<double>> success, std::vector<std::optional<double>> weight = {}) {
  Frame f;
  std::vector<OptString> groups;
  for (std::size_t i = 0; i < success.size(); ++i) groups.push_back(i % 2 ? "B" : "A");
  EXPECT_TRUE(f.AddCategorical("g", groups).ok());
  EXPECT_TRUE(f.AddNumeric("y", success).ok());
  if (!weight.empty()) {
    EXPECT_TRUE(f.AddNumeric("w", weight).ok());
  }
  return f;
}

TEST(Aggregate, SumsWeightsAndSuccessesPerCohortAndGroup) {
  Frame f = SmallFrame({1, 0, 3, 2}, {{4, 2, 5, 2}});
  auto cells = Aggregate(f, {"y", "g", "", "w"});
  ASSERT_TRUE(cells.ok());
  ASSERT_EQ(cells->size(), 2u);
  EXPECT_EQ((*cells)[0].group, "A");
  EXPECT_EQ((*cells)[0].cohort, "");
  EXPECT_EQ((*cells)[0].n, 9);
  EXPECT_EQ((*cells)[0].success, 4);
  EXPECT_EQ((*cells)[1].n, 4);
}

TEST(Aggregate, RefusesWhatDisImpactStopsOn) {
  auto missing = Aggregate(SmallFrame({1, std::nullopt}), {"y", "g", "", ""});
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("row 2, column y: missing success"));
  auto not01 = Aggregate(SmallFrame({1, 2}), {"y", "g", "", ""});
  ASSERT_FALSE(not01.ok());
  EXPECT_THAT(not01.status().message(), HasSubstr("row 2, column y: expected 0 or 1"));
  auto negative_weight = Aggregate(SmallFrame({1, 0}, {{1, -1}}), {"y", "g", "", "w"});
  ASSERT_FALSE(negative_weight.ok());
  EXPECT_THAT(negative_weight.status().message(), HasSubstr("column w: expected a weight >= 0, got -1"));
  auto missing_weight = Aggregate(SmallFrame({1, 0}, {{1, std::nullopt}}), {"y", "g", "", "w"});
  EXPECT_FALSE(missing_weight.ok());
  auto negative_success = Aggregate(SmallFrame({-1, 0}, {{1, 1}}), {"y", "g", "", "w"});
  EXPECT_FALSE(negative_success.ok());
  auto unknown = Aggregate(SmallFrame({1, 0}), {"y", "gg", "", ""});
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(), HasSubstr("unknown group column: gg"));
  EXPECT_FALSE(Aggregate(SmallFrame({1, 0}), {"yy", "g", "", ""}).ok());
  EXPECT_FALSE(Aggregate(SmallFrame({1, 0}), {"y", "g", "c", ""}).ok());
  EXPECT_FALSE(Aggregate(SmallFrame({1, 0}), {"y", "g", "", "w"}).ok());
}

}  // namespace
}  // namespace pl::equity
