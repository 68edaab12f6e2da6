// Hand-worked cases for table suppression, including the cases of
// shared/methods (labor-matching-educators-suppression.md §4.3, S2-S4).
#include <algorithm>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "privacy/internal.hpp"
#include "privacy/suppression.hpp"

namespace pl::privacy {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using S = CellState;
constexpr S kShown = S::kShown;
constexpr S kPrimary = S::kPrimary;
constexpr S kComp = S::kComplementary;
constexpr S kWithheld = S::kTableWithheld;

std::vector<S> StatesOf(const Table& t, std::int64_t min_n) {
  auto r = Suppress(t, {.min_n = min_n});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r->states : std::vector<S>{};
}

Bounds BoundsOf(const Table& t, const std::vector<S>& states, std::size_t i, std::int64_t min_n) {
  auto b = AttackerBounds(t, SuppressedTable{states}, i, {.min_n = min_n});
  EXPECT_TRUE(b.ok()) << b.status().ToString();
  return b.ok() ? *b : Bounds{-1, -1};
}

TEST(TableSuppressionTest, OneSmallGroupTakesTheNextSmallestAsComplement) {
  // Methods S2: Asian 4, Filipino 12, Hispanic 56, White 28; total 100.
  Table t = Table::OneWay({4, 12, 56, 28}, 100);
  EXPECT_THAT(StatesOf(t, 10), ElementsAre(kPrimary, kComp, kShown, kShown, kShown));
  EXPECT_THAT(StatesOf(t, 11), ElementsAre(kPrimary, kComp, kShown, kShown, kShown));
  // Alone, the primary cell is 100 - 12 - 56 - 28.
  Bounds alone = BoundsOf(t, {kPrimary, kShown, kShown, kShown, kShown}, 0, 11);
  EXPECT_DOUBLE_EQ(alone.lo, 4);
  EXPECT_EQ(alone.hi, 4.0);
  // With Filipino withheld the pair sums to 16: Asian 1..10, Filipino 6..15.
  std::vector<S> published = StatesOf(t, 11);
  Bounds asian = BoundsOf(t, published, 0, 11);
  Bounds filipino = BoundsOf(t, published, 1, 11);
  EXPECT_DOUBLE_EQ(asian.lo, 1);
  EXPECT_EQ(asian.hi, 10.0);
  EXPECT_DOUBLE_EQ(filipino.lo, 6);
  EXPECT_EQ(filipino.hi, 15.0);
}

TEST(TableSuppressionTest, TwoSmallGroupsProtectEachOther) {
  // Methods S3: Asian 4, Black 3 (sum 7, each 1..6); pooling White is
  // LaunchBoard's extra choice, not this rule.
  Table t = Table::OneWay({4, 3, 65, 28}, 100);
  std::vector<S> states = StatesOf(t, 10);
  EXPECT_THAT(states, ElementsAre(kPrimary, kPrimary, kShown, kShown, kShown));
  Bounds asian = BoundsOf(t, states, 0, 10);
  EXPECT_DOUBLE_EQ(asian.lo, 1);
  EXPECT_EQ(asian.hi, 6.0);
}

TEST(TableSuppressionTest, TwoOnesArePinnedByTheirReasonCodes) {
  // 1 + 1 = 52 - 50: both are at least 1, so both are exactly 1.
  Table t = Table::OneWay({1, 1, 50}, 52);
  EXPECT_THAT(StatesOf(t, 11), ElementsAre(kPrimary, kPrimary, kComp, kShown));
}

TEST(TableSuppressionTest, TenAndTenWithTotalTwentyNeedTheTotalWithheld) {
  Table t = Table::OneWay({10, 10}, 20);
  // Both below 11 and adding up to 20: each must be 10.
  Bounds before = BoundsOf(t, {kPrimary, kPrimary, kShown}, 0, 11);
  EXPECT_DOUBLE_EQ(before.lo, 10);
  EXPECT_EQ(before.hi, 10.0);
  std::vector<S> states = StatesOf(t, 11);
  EXPECT_THAT(states, ElementsAre(kPrimary, kPrimary, kComp));
  Bounds after = BoundsOf(t, states, 0, 11);
  EXPECT_DOUBLE_EQ(after.lo, 1);
  EXPECT_EQ(after.hi, 10.0);
  Bounds total = BoundsOf(t, states, 2, 11);
  EXPECT_DOUBLE_EQ(total.lo, 2);
  EXPECT_EQ(total.hi, 20.0);
}

TEST(TableSuppressionTest, TwoWayTableSuppressesARectangle) {
  // Methods S4: rows A (3, 17 | 20), B (25, 30 | 55), C (12, 13 | 25);
  // columns (40, 60 | 100).
  Table t = Table::TwoWay(3, 2, {3, 17, 25, 30, 12, 13});
  ASSERT_EQ(t.cells.size(), 12u);
  EXPECT_EQ(t.cells[TwoWayRowTotal(3, 2, 0)].count, 20);
  EXPECT_EQ(t.cells[TwoWayColumnTotal(3, 2, 1)].count, 60);
  EXPECT_EQ(t.cells[TwoWayGrandTotal(3, 2)].count, 100);
  for (std::int64_t min_n : {10, 11}) {
    std::vector<S> states = StatesOf(t, min_n);
    std::vector<S> expected(12, kShown);
    expected[TwoWayCell(2, 0, 0)] = kPrimary;
    expected[TwoWayCell(2, 0, 1)] = kComp;
    expected[TwoWayCell(2, 2, 0)] = kComp;
    expected[TwoWayCell(2, 2, 1)] = kComp;
    EXPECT_EQ(states, expected) << "min_n " << min_n;
    // a + b = 20, a + c = 15, c + d = 25, b + d = 30, a in 1..min_n-1.
    Bounds a = BoundsOf(t, states, 0, min_n);
    EXPECT_DOUBLE_EQ(a.lo, 1);
    EXPECT_EQ(a.hi, static_cast<double>(min_n - 1));
    Bounds c = BoundsOf(t, states, TwoWayCell(2, 2, 0), min_n);
    EXPECT_DOUBLE_EQ(c.lo, 15 - (min_n - 1));
    EXPECT_EQ(c.hi, 14.0);
  }
  // Suppressing only the primary cell is unsafe: 20 - 17 = 3.
  std::vector<S> only_primary(12, kShown);
  only_primary[0] = kPrimary;
  Bounds alone = BoundsOf(t, only_primary, 0, 11);
  EXPECT_DOUBLE_EQ(alone.lo, 3);
  EXPECT_EQ(alone.hi, 3.0);
}

TEST(TableSuppressionTest, HierarchyProtectsWithinTheRegion) {
  // Counties 0-1 form region 4, counties 2-3 region 5; the state (6) is both.
  Table t;
  for (std::int64_t n : {3, 40, 12, 60, 43, 72, 115}) t.cells.push_back({n});
  t.relations = {{4, {0, 1}}, {5, {2, 3}}, {6, {4, 5}}};
  std::vector<S> states = StatesOf(t, 11);
  EXPECT_THAT(states, ElementsAre(kPrimary, kComp, kShown, kShown, kShown, kShown, kShown));
  Bounds b = BoundsOf(t, states, 0, 11);
  EXPECT_DOUBLE_EQ(b.lo, 1);
  EXPECT_EQ(b.hi, 10.0);
}

TEST(TableSuppressionTest, ATableThatIsNoNetworkIsDecidedByTheLp) {
  // Cell 0 is in three relations (0+1=4, 0+2=5, 0+3=6): no signing makes
  // every cell an arc, so the LP decides. Cell 0 stays pinned through each
  // relation until a mate there is withheld too, and no one mate unpins it
  // alone, so the smallest mates go in turn: 1 (20), its total 4 (24), 2, 3.
  Table t;
  for (std::int64_t n : {4, 20, 30, 40, 24, 34, 44}) t.cells.push_back({n});
  t.relations = {{4, {0, 1}}, {5, {0, 2}}, {6, {0, 3}}};
  std::vector<S> states = StatesOf(t, 11);
  auto lp_only = internal::Suppress(t, {.min_n = 11}, /*use_network=*/false);
  ASSERT_TRUE(lp_only.ok()) << lp_only.status().ToString();
  EXPECT_EQ(states, lp_only->states);
  EXPECT_EQ(states[0], kPrimary);
  EXPECT_THAT(states, ElementsAre(kPrimary, kComp, kComp, kComp, kComp, kShown, kShown));
  Bounds b = BoundsOf(t, states, 0, 11);
  EXPECT_LT(b.lo, 4);
  EXPECT_GT(b.hi, 4);
}

TEST(TableSuppressionTest, ExemptCellsAreShownAndComplementsComeFromTheOthers) {
  Table t = Table::OneWay({4, 12, 56, 28}, 100);
  t.cells[1].exempt = true;  // the smallest complement candidate
  EXPECT_THAT(StatesOf(t, 11), ElementsAre(kPrimary, kShown, kShown, kComp, kShown));
  t.cells[0].exempt = true;  // the small cell itself
  EXPECT_THAT(StatesOf(t, 11), ElementsAre(kShown, kShown, kShown, kShown, kShown));
}

TEST(TableSuppressionTest, ForcedPrimaryCellsAreWithheldWhateverTheirCount) {
  Table t = Table::OneWay({40, 12, 56, 28}, 136);
  t.cells[0].force_primary = true;
  std::vector<S> states = StatesOf(t, 11);
  EXPECT_THAT(states, ElementsAre(kPrimary, kComp, kShown, kShown, kShown));
  // The forced cell is only known to be non-negative: 0..52 with its partner.
  Bounds b = BoundsOf(t, states, 0, 11);
  EXPECT_DOUBLE_EQ(b.lo, 0);
  EXPECT_EQ(b.hi, 52.0);
  // Exempt beats forced.
  t.cells[0].exempt = true;
  EXPECT_THAT(StatesOf(t, 11), ElementsAre(kShown, kShown, kShown, kShown, kShown));
}

TEST(TableSuppressionTest, MinimumOfOneOrLessPublishesEverything) {
  Table t = Table::OneWay({1, 2, 0}, 3);
  t.cells[2].force_primary = true;
  for (std::int64_t min_n : {1, 0, -3}) {
    EXPECT_THAT(StatesOf(t, min_n), ElementsAre(kShown, kShown, kShown, kShown)) << min_n;
  }
}

TEST(TableSuppressionTest, ZeroIsPublishedAndNoSmallCellsMeansNothingSuppressed) {
  Table t = Table::OneWay({0, 20, 30}, 50);
  EXPECT_THAT(StatesOf(t, 11), ElementsAre(kShown, kShown, kShown, kShown));
}

TEST(TableSuppressionTest, TableIsWithheldWhenTheReasonCodesAloneTell) {
  // min n 2: "below_min_n" means exactly 1, whatever else is withheld.
  Table t = Table::OneWay({1, 5}, 6);
  std::vector<S> states = StatesOf(t, 2);
  EXPECT_THAT(states, ElementsAre(kWithheld, kWithheld, kWithheld));
  Bounds b = BoundsOf(t, states, 0, 2);
  EXPECT_DOUBLE_EQ(b.lo, 0);
  EXPECT_FALSE(b.hi.has_value());
  // Exempt cells stay shown.
  t.cells[1].exempt = true;
  EXPECT_THAT(StatesOf(t, 2), ElementsAre(kWithheld, kShown, kWithheld));
}

TEST(TableSuppressionTest, CellJsonMatchesPublishedCount) {
  Table t = Table::OneWay({4, 12, 56}, 72);
  auto r = Suppress(t, {.min_n = 11});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->CellJson(t, 0), (nlohmann::json{{"value", nullptr}, {"suppressed", true}, {"reason", "below_min_n"}}));
  EXPECT_EQ(r->CellJson(t, 1), (nlohmann::json{{"value", nullptr}, {"suppressed", true}, {"reason", "complementary"}}));
  EXPECT_EQ(r->CellJson(t, 2), (nlohmann::json{{"value", 56}, {"suppressed", false}}));
  EXPECT_EQ(r->CellJson(t, 3), PublishCount(72, {}).ToJson());
  EXPECT_EQ(ReasonCode(kWithheld), "table_withheld");
  EXPECT_EQ(ReasonCode(kShown), "");
}

TEST(TableSuppressionTest, NegativeCountIsRejectedNamingTheCell) {
  Table t = Table::OneWay({4, 12}, 16);
  t.cells[1].count = -2;
  auto r = Suppress(t, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("cell 1"));
  EXPECT_THAT(r.status().message(), HasSubstr(">= 0"));
}

TEST(TableSuppressionTest, AMemoServesOneShapeAndOneMinimum) {
  Table line = Table::OneWay({4, 12, 30}, 46);
  auto shape = TableShape::Of(line);
  auto other_shape = TableShape::Of(Table::OneWay({4, 12, 30}, 46));
  ASSERT_TRUE(shape.ok() && other_shape.ok());
  SuppressionMemo memo(*shape, {.min_n = 11});
  // The second table differs in its counts, not in what decides it.
  for (const Table& t : {line, Table::OneWay({5, 13, 31}, 49)}) {
    auto r = Suppress(t, *shape, {.min_n = 11}, &memo);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->states, (std::vector<CellState>{CellState::kPrimary, CellState::kComplementary, CellState::kShown,
                                                 CellState::kShown}));
  }
  EXPECT_EQ(memo.made(), 1u);
  // The order of the candidates decides which complements: the 30 is now
  // smaller than the 31 it stood for, so it is not the same decision.
  auto swapped = Suppress(Table::OneWay({5, 31, 13}, 49), *shape, {.min_n = 11}, &memo);
  ASSERT_TRUE(swapped.ok());
  EXPECT_EQ(swapped->states[2], CellState::kComplementary);
  EXPECT_EQ(memo.made(), 2u);
  for (auto wrong : {Suppress(line, *other_shape, {.min_n = 11}, &memo), Suppress(line, *shape, {.min_n = 5}, &memo)}) {
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(wrong.status().message(), HasSubstr("the table shape and min_n it was made for"));
  }
}

// Threads share a memo: each finds what the others decided, and every
// decision is the one made afresh.
TEST(TableSuppressionTest, ThreadsShareAMemo) {
  auto shape = TableShape::Of(Table::TwoWay(3, 2, {}));
  ASSERT_TRUE(shape.ok());
  const SuppressionPolicy policy{.min_n = 5};
  SuppressionMemo memo(*shape, policy);
  // Every third interior of counts 0, 1, 3, 5 and 8 (5,208 tables).
  std::vector<Table> tables;
  const std::int64_t counts[] = {0, 1, 3, 5, 8};
  for (int code = 0; code < 5 * 5 * 5 * 5 * 5 * 5; code += 3) {
    std::vector<std::int64_t> interior;
    for (int c = code, i = 0; i < 6; ++i, c /= 5) interior.push_back(counts[c % 5]);
    tables.push_back(Table::TwoWay(3, 2, interior));
  }
  std::vector<std::vector<CellState>> decided(tables.size());
  std::vector<Status> errors(4);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        // Each thread takes every table, from its own starting point.
        for (std::size_t k = 0; k < tables.size(); ++k) {
          const std::size_t i = (k + t * tables.size() / 4) % tables.size();
          std::vector<CellState> states;
          Status s = Suppress(tables[i], *shape, policy, memo, &states);
          if (!s.ok()) errors[t] = s;
          if (t == 0) decided[i] = states;
        }
      });
    }
  }
  for (const Status& s : errors) ASSERT_TRUE(s.ok()) << s.message();
  for (std::size_t i = 0; i < tables.size(); ++i) {
    auto fresh = internal::Suppress(tables[i], policy, /*use_network=*/true);
    ASSERT_TRUE(fresh.ok());
    EXPECT_EQ(decided[i], fresh->states) << i;
  }
  EXPECT_LT(memo.made(), tables.size());
}

TEST(TableSuppressionTest, AShapeIsForTablesOfItsSizeOnly) {
  Table line = Table::OneWay({4, 12, 30}, 46);
  auto shape = TableShape::Of(line);
  ASSERT_TRUE(shape.ok());
  // The same relations, other counts: the smallest other cell complements the 5.
  Table other = Table::OneWay({20, 5, 30}, 55);
  auto r = Suppress(other, *shape, {.min_n = 11});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->states[1], CellState::kPrimary);
  EXPECT_EQ(r->states[0], CellState::kComplementary);
  EXPECT_EQ(r->states[2], CellState::kShown);
  // Another size is refused, naming both.
  auto wrong = Suppress(Table::OneWay({4, 12}, 16), *shape, {.min_n = 11});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(wrong.status().message(), HasSubstr("4 cells and 1 relations, this table has 3 and 1"));
  // A relation out of range is refused when the shape is made.
  line.relations.push_back({2, {0, 7}});
  auto bad = TableShape::Of(line);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("cell index 7 is out of range"));
}

TEST(TableSuppressionTest, OutOfRangeIndexIsRejectedNamingTheRelation) {
  Table t = Table::OneWay({4, 12}, 16);
  t.relations.push_back({2, {0, 7}});
  auto r = Suppress(t, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("relation 1"));
  EXPECT_THAT(r.status().message(), HasSubstr("cell index 7 is out of range"));
  t.relations.back() = {9, {0, 1}};
  r = Suppress(t, {});
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("cell index 9"));
}

TEST(TableSuppressionTest, RelationThatDoesNotAddUpIsRejected) {
  Table t = Table::OneWay({4, 12}, 17);
  auto r = Suppress(t, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("relation 0: parts add up to 16 but total cell 2 holds 17"));
  // Validation comes first even when nothing would be suppressed.
  EXPECT_FALSE(Suppress(t, {.min_n = 1}).ok());
}

TEST(TableSuppressionTest, AttackerBoundsRejectsBadArguments) {
  Table t = Table::OneWay({4, 12}, 16);
  SuppressedTable published{std::vector<S>(3, kShown)};
  EXPECT_THAT(AttackerBounds(t, published, 3, {}).status().message(), HasSubstr("cell index 3"));
  published.states.pop_back();
  EXPECT_THAT(AttackerBounds(t, published, 0, {}).status().message(), HasSubstr("one per cell"));
}

TEST(RateIsSmallTest, SmallDenominatorNumeratorOrComplement) {
  SuppressionPolicy p;  // 11
  EXPECT_TRUE(RateIsSmall(5, 10, p));    // group under 11
  EXPECT_TRUE(RateIsSmall(3, 100, p));   // few had the outcome
  EXPECT_TRUE(RateIsSmall(95, 100, p));  // few did not
  EXPECT_FALSE(RateIsSmall(0, 100, p));
  EXPECT_FALSE(RateIsSmall(100, 100, p));
  EXPECT_FALSE(RateIsSmall(50, 100, p));
  EXPECT_FALSE(RateIsSmall(11, 22, p));
  EXPECT_TRUE(RateIsSmall(0, 0, p));
  EXPECT_TRUE(RateIsSmall(5, 4, p));  // nonsense is withheld
  EXPECT_FALSE(RateIsSmall(1, 2, {.min_n = 1}));
  EXPECT_TRUE(RateIsSmall(0, 0, {.min_n = 0}));
}

}  // namespace
}  // namespace pl::privacy
