// `pathlight equity ...` run as a process: output layout, and every refusal
// with exit status 2 and a message naming the file, line, column or value.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "equity_test_support.hpp"

namespace pl::equity {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class EquityCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::TempDir();
    input_ = dir_ + "/in.csv";
    test::WriteFile(input_,
                    "year,race,sex,done,cred,n\n"
                    "2020,A,F,1,0,3\n"
                    "2020,A,M,0,1,2\n"
                    "2020,B,F,1,,1\n"
                    "2020,B,M,1,1,4\n"
                    "2021,A,F,0,0,1\n"
                    "2021,B,M,1,1,2\n"
                    "2021,,F,0,1,1\n");
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }
  test::RunResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"equity"});
    return test::RunPathlight(args);
  }
  std::string dir_, input_;
};

TEST_F(EquityCli, SingleMethodsStackEverySuccessAndGroupPair) {
  auto r = Run({"ppg", "--input", input_, "--out", "-", "--success", "done", "--group", "race,sex", "--cohort",
                "year", "--min-n", "0"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("success_var,group_var,cohort,group,n,success,pct,reference,reference_group,moe,"
                                "pct_lo,pct_hi,di_indicator,success_needed_not_di,success_needed_full_parity\n"
                                "done,race,2020,A,2,1,0.5,0.75,overall,"));
  EXPECT_THAT(r.out, HasSubstr("\ndone,race,2021,NA,1,0,0,"));
  EXPECT_THAT(r.out, HasSubstr("\ndone,sex,2021,M,1,1,1,"));
  auto pi = Run({"prop-index", "--input", input_, "--out", dir_ + "/pi.csv", "--success", "done", "--group", "race"});
  ASSERT_EQ(pi.status, 0) << pi.err;
  EXPECT_THAT(test::ReadFile(dir_ + "/pi.csv"),
              StartsWith("success_var,group_var,group,n,success,pct_success,pct_group,di_prop_index,di_indicator,"
                         "success_needed_not_di,success_needed_full_parity\n"));
  auto i80 = Run({"80-index", "--input", input_, "--out", "-", "--success", "done", "--group", "race", "--reference",
                  "B", "--cutoff", "0.9"});
  ASSERT_EQ(i80.status, 0) << i80.err;
  // 1 of 3 against B's 3 of 3: index 1/3, but n = 3 < 11 (the default --min-n): no flag.
  EXPECT_THAT(i80.out, HasSubstr("\ndone,race,A,3,1,0.3333333333333333,1,B,0.3333333333333333,0,0,0\n"));
}

TEST_F(EquityCli, WeightsAndNumericReferences) {
  auto r = Run({"ppg", "--input", input_, "--out", "-", "--success", "done", "--group", "sex", "--weight", "n",
                "--cohort", "year", "--reference", "0.5,0.6", "--min-n", "0"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\ndone,sex,2020,F,4,2,0.5,0.5,numeric,"));
  EXPECT_THAT(r.out, HasSubstr("\ndone,sex,2021,F,2,0,0,0.6,numeric,"));
}

TEST_F(EquityCli, IterateHasDisImpactColumnsAndMinNDefaultsToEleven) {
  auto exact = Run({"iterate", "--input", input_, "--out", "-", "--success", "done,cred", "--group", "race",
                    "--scenario-by", "sex", "--min-n", "0", "--prop-index-cutoff", "0.95"});
  ASSERT_EQ(exact.status, 0) << exact.err;
  EXPECT_THAT(exact.out, StartsWith("sex,success_variable,cohort_variable,cohort,disaggregation,group,n,success,pct,"
                                    "ppg_reference,ppg_reference_group,moe,pct_lo,pct_hi,di_indicator_ppg,"));
  EXPECT_THAT(exact.out, HasSubstr("\n- All,cred,,,- None,- All,6,4,"));
  auto product = Run({"iterate", "--input", input_, "--out", "-", "--success", "done,cred", "--group", "race",
                      "--scenario-by", "sex", "--prop-index-cutoff", "0.95"});
  ASSERT_EQ(product.status, 0) << product.err;
  EXPECT_NE(exact.out, product.out);  // groups this small are never flagged by default
  auto none = Run({"iterate", "--input", input_, "--out", "-", "--success", "done", "--group", "race*sex",
                   "--no-non-disagg", "--cohort", "year"});
  ASSERT_EQ(none.status, 0) << none.err;
  EXPECT_THAT(none.out, Not(HasSubstr("- None")));
  EXPECT_THAT(none.out, HasSubstr("\ndone,year,2020,race*sex,A / F,1,1,"));
}

struct Refusal {
  std::vector<std::string> args;
  std::string input;  // replaces the default input when not empty
  std::string message;
};

TEST_F(EquityCli, RefusalsExitTwoWithAMessageNamingWhatIsWrong) {
  std::vector<Refusal> cases = {
      {{"ppg", "--success", "doen", "--group", "race"}, "", "unknown column: doen (columns: year, race, sex, done"},
      {{"ppg", "--success", "done", "--group", "race", "--cohort", "yr"}, "", "unknown column: yr"},
      {{"iterate", "--success", "done", "--group", "race", "--scenario-by", "site"}, "", "unknown column: site"},
      {{"ppg", "--success", "n", "--group", "race"}, "", "line 2, column n: expected 0 or 1 (counts need a weight column), got 3"},
      {{"ppg", "--success", "done", "--group", "race", "--weight", "n"}, "race,done,n\nA,1,1\nB,1,-2\n",
       "line 3, column n: expected a weight >= 0, got -2"},
      {{"iterate", "--success", "done", "--group", "race", "--weight", "n"}, "race,done,n\nA,1,1\nB,1,-2\n",
       "line 3, column n: expected a weight > 0, got -2"},
      {{"ppg", "--success", "done", "--group", "race", "--reference", "C"}, "",
       "--reference 'C' is not a value of the group variable race"},
      {{"80-index", "--success", "done", "--group", "race", "--reference", "0.5"}, "", "not a number: 0.5"},
      {{"ppg", "--success", "done", "--group", "race", "--cohort", "year", "--reference", "0.5"}, "",
       "one number per cohort: 2 cohorts, 1 numbers"},
      {{"iterate", "--success", "done", "--group", "race,sex", "--ppg-reference", "A,F,M"}, "",
       "one per group variable (2), got 3"},
      {{"iterate", "--success", "done", "--group", "race,sex", "--80-reference", "A,X"}, "",
       "80% index reference 'X' is not a value of the group variable sex"},
      {{"iterate", "--success", "done", "--group", "race", "--ppg-reference", "Z"}, "",
       "PPG reference 'Z' is not a value of the group variable race"},
      {{"ppg", "--success", "done", "--group", "race"}, "race,done\nA,1\nB,one\n",
       "line 3, column done: expected a number, got 'one'"},
      {{"ppg", "--success", "done", "--group", "race"}, "race,done\nA,1\nB,\n", "line 3, column done: missing success"},
      {{"ppg", "--success", "done", "--group", "race"}, "race,done\nA,1\nB,0,1\n", "line 3: expected 2 fields"},
      {{"ppg", "--success", "done", "--group", "race"}, "race,done\nA,1\n\"B,0\n", "line 3: "},
      {{"prop-index", "--success", "done", "--group", "race", "--cutoff", "1.5"}, "", "cutoff must lie in [0, 1], got 1.5"},
      {{"ppg", "--success", "done", "--group", "race", "--min-n", "-1"}, "", "--min-n must be >= 0"},
  };
  for (const auto& c : cases) {
    std::string input = input_;
    if (!c.input.empty()) {
      input = dir_ + "/bad.csv";
      test::WriteFile(input, c.input);
    }
    std::vector<std::string> args = c.args;
    args.insert(args.begin() + 1, {"--input", input, "--out", dir_ + "/out.csv"});
    auto r = Run(args);
    EXPECT_EQ(r.status, 2) << c.message << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.message));
    EXPECT_THAT(r.err, HasSubstr(c.input.empty() ? "in.csv: " : "bad.csv: "));
  }
  // An input file that does not exist, and no --success.
  auto missing = Run({"ppg", "--input", dir_ + "/nope.csv", "--out", "-", "--success", "done", "--group", "race"});
  EXPECT_EQ(missing.status, 2);
  EXPECT_THAT(missing.err, HasSubstr("nope.csv"));
  auto no_success = Run({"ppg", "--input", input_, "--out", "-", "--group", "race"});
  EXPECT_EQ(no_success.status, 2);
}

}  // namespace
}  // namespace pl::equity
