// Frame, FrameBuilder, number parsing and formatting, CSV writing.
#include <cmath>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "equity/equity.hpp"
#include "equity_test_support.hpp"

namespace pl::equity {
namespace {

using ::testing::HasSubstr;

TEST(Frame, CategoricalLevelsAreSortedByBytesMissingLast) {
  Frame f;
  ASSERT_TRUE(f.AddCategorical("g", {"b", std::nullopt, "B", "a", "b"}).ok());
  const CategoricalColumn* g = f.categorical("g");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->levels, (std::vector<std::string>{"B", "a", "b"}));
  EXPECT_EQ(g->codes[1], CategoricalColumn::kMissing);
  EXPECT_EQ(g->Value(0), "b");
  EXPECT_EQ(g->Value(1), std::nullopt);
  EXPECT_EQ(f.rows(), 5u);
  EXPECT_EQ(f.Where(1), "row 2");
}

TEST(Frame, RefusesDuplicateNamesAndLengthMismatches) {
  Frame f;
  ASSERT_TRUE(f.AddCategorical("g", {"a", "b"}).ok());
  EXPECT_EQ(f.AddCategorical("g", {"a", "b"}).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(f.AddNumeric("y", {1.0}).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(f.AddNumeric("g", {1.0, 0.0}).ok());  // one of each kind may share a name
  EXPECT_EQ(f.AddNumeric("", {1.0, 0.0}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(f.SetSourceLines({2}).code(), StatusCode::kInvalidArgument);
}

TEST(Frame, IntersectionPastesValuesWithTheSeparator) {
  Frame f;
  ASSERT_TRUE(f.AddCategorical("race", {"Asian", "White", std::nullopt}).ok());
  ASSERT_TRUE(f.AddCategorical("sex", {"F", "M", "F"}).ok());
  ASSERT_TRUE(f.AddIntersection({"race", "sex"}).ok());
  const CategoricalColumn* x = f.categorical("race*sex");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->Value(0), "Asian / F");
  EXPECT_EQ(x->Value(1), "White / M");
  EXPECT_EQ(x->Value(2), std::nullopt);
  EXPECT_EQ(f.AddIntersection({"race", "nope"}).code(), StatusCode::kNotFound);
  EXPECT_EQ(f.AddIntersection({"race"}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SplitGroupSpec("a*b*c"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(IntersectionName({"a", "b"}), "a*b");
}

TEST(FrameBuilder, ReadsMissingValuesAndNumbers) {
  auto f = test::FrameFromCsv("g,y,other\nA,1,x\n,NA,y\nNA,0.25,z\n", {{"g"}, {"y"}});
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->rows(), 3u);
  EXPECT_EQ(f->categorical("g")->Value(1), std::nullopt);
  EXPECT_EQ(f->categorical("g")->Value(2), std::nullopt);
  EXPECT_EQ(f->numeric("y")->values[1], std::nullopt);
  EXPECT_EQ(f->numeric("y")->values[2], 0.25);
  EXPECT_FALSE(f->Has("other"));
  EXPECT_EQ(f->Where(2), "line 4");
}

TEST(FrameBuilder, RefusalsNameLineColumnAndValue) {
  auto unknown = test::FrameFromCsv("g,y\nA,1\n", {{"g"}, {"success"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(), HasSubstr("unknown column: success (columns: g, y)"));
  auto number = test::FrameFromCsv("g,y\nA,1\nB,yes\n", {{"g"}, {"y"}});
  ASSERT_FALSE(number.ok());
  EXPECT_THAT(number.status().message(), HasSubstr("line 3, column y: expected a number, got 'yes'"));
  auto fields = test::FrameFromCsv("g,y\nA,1,3\n", {{"g"}, {"y"}});
  ASSERT_FALSE(fields.ok());
  EXPECT_THAT(fields.status().message(), HasSubstr("line 2: expected 2 fields (as in the header), got 3"));
  auto twice = test::FrameFromCsv("g,g\nA,B\n", {{"g"}, {}});
  ASSERT_FALSE(twice.ok());
  EXPECT_THAT(twice.status().message(), HasSubstr("column named twice in the header: g"));
}

TEST(ParseNumber, DecimalSyntaxOnly) {
  EXPECT_EQ(ParseNumber("1"), 1.0);
  EXPECT_EQ(ParseNumber("-3e2"), -300.0);
  EXPECT_EQ(ParseNumber(".5"), 0.5);
  EXPECT_EQ(ParseNumber("+2"), 2.0);
  EXPECT_EQ(ParseNumber("Inf"), INFINITY);
  EXPECT_EQ(ParseNumber("0.1"), 0.1);
  for (const char* bad : {"", "NaN", "nan", "1,5", " 1", "1 ", "0x10", "abc", "1e", "--1", "e5"}) {
    EXPECT_EQ(ParseNumber(bad), std::nullopt) << bad;
  }
}

TEST(FormatNumber, ShortestRoundTripAndRSpellings) {
  EXPECT_EQ(FormatNumber(0.1), "0.1");
  EXPECT_EQ(FormatNumber(74), "74");
  EXPECT_EQ(FormatNumber(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(FormatNumber(NA()), "NA");
  EXPECT_EQ(FormatNumber(NAN), "NaN");
  EXPECT_EQ(FormatNumber(-INFINITY), "-Inf");
  EXPECT_TRUE(IsNA(NA()));
  EXPECT_FALSE(IsNA(NAN));
  for (double x : {0.1, 1e-300, 0.7 * 3, 123456.789e10, -2.5e-7}) {
    EXPECT_EQ(*ParseNumber(FormatNumber(x)), x);
  }
}

TEST(WriteCsv, QuotesWhatNeedsItAndTellsMissingFromTextNA) {
  Table t;
  t.columns = {"a", "b"};
  t.rows = {{std::nullopt, "NA"}, {"x,y", "say \"hi\""}, {"", "1"}};
  std::ostringstream out;
  WriteCsv(t, out);
  EXPECT_EQ(out.str(), "a,b\nNA,\"NA\"\n\"x,y\",\"say \"\"hi\"\"\"\n,1\n");
}

TEST(Tables, StackWithLeadingColumns) {
  std::vector<GroupTotal> cells = {{"", "A", 10, 5}, {"", "B", 10, 2}};
  auto rows = Ppg(cells, {});
  ASSERT_TRUE(rows.ok());
  Table stacked;
  for (const char* s : {"y1", "y2"}) {
    Table t = PpgTable(*rows, false);
    PrependColumns({"success_var", "group_var"}, {s, "g"}, &t);
    ASSERT_TRUE(AppendTable(std::move(t), &stacked).ok());
  }
  EXPECT_EQ(stacked.columns[0], "success_var");
  EXPECT_EQ(stacked.columns[2], "group");
  EXPECT_EQ(stacked.rows.size(), 4u);
  EXPECT_EQ(stacked.rows[2][0], "y2");
  EXPECT_FALSE(AppendTable(PpgTable(*rows, true), &stacked).ok());
}

}  // namespace
}  // namespace pl::equity
