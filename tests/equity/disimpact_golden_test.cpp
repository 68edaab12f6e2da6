// Our methods against DisImpact's own outputs (tests/equity/disimpact/):
// for every case of cases.csv, the same rows in the same order, text and
// flags and counts exactly, rates and indices within 1e-12 relative.
#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "equity/equity.hpp"
#include "equity_test_support.hpp"
#include "ingest/csv_reader.hpp"

namespace pl::equity {
namespace {

const std::string kDir = std::string(PL_SOURCE_DIR) + "/tests/equity/disimpact";

struct Case {
  std::string name, method, input;
  std::map<std::string, std::vector<std::string>> params;
  std::vector<std::string> Get(const std::string& key) const {
    auto it = params.find(key);
    return it == params.end() ? std::vector<std::string>{} : it->second;
  }
  std::string One(const std::string& key) const {
    auto v = Get(key);
    return v.empty() ? "" : v[0];
  }
  double Num(const std::string& key, double fallback) const {
    auto v = One(key);
    return v.empty() ? fallback : *ParseNumber(v);
  }
};

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t at = text.find(sep, start);
    out.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return out;
}

std::vector<Case> LoadCases() {
  std::vector<Case> cases;
  auto records = test::ReadCsv(kDir + "/cases.csv");
  for (std::size_t i = 1; i < records.size(); ++i) {
    Case c{records[i][0], records[i][1], records[i][2], {}};
    for (const auto& pair : Split(records[i][3], ';')) {
      auto kv = Split(pair, '=');
      c.params[kv[0]] = Split(kv[1], '|');
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

Frame LoadFrame(const Case& c) {
  ColumnRoles roles;
  for (const auto& g : c.Get("group")) {
    for (const auto& part : SplitGroupSpec(g)) roles.categorical.push_back(part);
  }
  for (const auto& key : {"cohort", "scenario"}) {
    for (const auto& v : c.Get(key)) roles.categorical.push_back(v);
  }
  roles.numeric = c.Get("success");
  if (!c.One("weight").empty()) roles.numeric.push_back(c.One("weight"));
  auto frame = test::FrameFromCsvFile(kDir + "/inputs/" + c.input, roles);
  EXPECT_TRUE(frame.ok()) << frame.status().message();
  return std::move(frame).value();
}

Table RunCase(const Case& c, const Frame& frame) {
  if (c.method == "iterate") {
    IterateOptions o;
    o.success_vars = c.Get("success");
    o.group_vars = c.Get("group");
    o.cohort_vars = c.Get("cohort");
    o.scenario_repeat_by_vars = c.Get("scenario");
    o.weight_var = c.One("weight");
    o.include_non_disagg_results = c.One("non_disagg") != "0";
    if (!c.Get("ppg_reference").empty()) o.ppg_reference_groups = c.Get("ppg_reference");
    if (!c.Get("reference_80").empty()) o.di_80_index_reference_groups = c.Get("reference_80");
    o.min_moe = c.Num("min_moe", 0.03);
    o.use_prop_in_moe = !c.One("use_prop_in_moe").empty();
    o.prop_sub_0 = c.Num("prop_sub_0", 0.5);
    o.prop_sub_1 = c.Num("prop_sub_1", 0.5);
    o.di_prop_index_cutoff = c.Num("prop_index_cutoff", 0.8);
    o.di_80_index_cutoff = c.Num("cutoff_80", 0.8);
    auto result = Iterate(frame, o);
    EXPECT_TRUE(result.ok()) << result.status().message();
    return IterateTable(*result);
  }
  InputSpec spec{c.One("success"), c.One("group"), c.One("cohort"), c.One("weight")};
  auto cells = Aggregate(frame, spec);
  EXPECT_TRUE(cells.ok()) << cells.status().message();
  bool with_cohort = !spec.cohort.empty();
  std::vector<std::string> ref = c.Get("reference");
  std::optional<Reference> reference;
  if (!ref.empty()) {
    if (ParseNumber(ref[0])) {
      std::vector<double> numbers;
      for (const auto& r : ref) numbers.push_back(*ParseNumber(r));
      reference = Reference::Numbers(numbers);
    } else {
      reference = ReferenceFromName(ref[0]);
    }
  }
  if (c.method == "ppg") {
    PpgOptions o;
    if (reference) o.reference = *reference;
    o.min_moe = c.Num("min_moe", 0.03);
    o.use_prop_in_moe = !c.One("use_prop_in_moe").empty();
    o.prop_sub_0 = c.Num("prop_sub_0", 0.5);
    o.prop_sub_1 = c.Num("prop_sub_1", 0.5);
    auto rows = Ppg(*cells, o);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    return PpgTable(*rows, with_cohort);
  }
  if (c.method == "prop_index") {
    PropIndexOptions o;
    o.di_prop_index_cutoff = c.Num("cutoff", 0.8);
    auto rows = PropIndex(*cells, o);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    return PropIndexTable(*rows, with_cohort);
  }
  Index80Options o;
  if (reference) o.reference = *reference;
  o.di_80_index_cutoff = c.Num("cutoff", 0.8);
  auto rows = Index80(*cells, o);
  EXPECT_TRUE(rows.ok()) << rows.status().message();
  return Index80Table(*rows, with_cohort);
}

// Counts and flags are compared exactly; every other number within 1e-12
// relative (absolute near 0).
bool IsExactColumn(const std::string& name) {
  return name == "n" || name == "success" || name.rfind("di_indicator", 0) == 0 ||
         name.rfind("success_needed", 0) == 0;
}

bool IsNumberText(const std::string& s) { return ParseNumber(s).has_value(); }

std::size_t g_rows_compared = 0;

TEST(DisImpactGolden, EveryCaseMatches) {
  std::vector<Case> cases = LoadCases();
  ASSERT_GE(cases.size(), 30u);
  std::size_t cells_compared = 0;
  std::size_t within_tolerance = 0;  // equal only within 1e-12, not bit for bit
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Frame frame = LoadFrame(c);
    Table ours = RunCase(c, frame);
    auto golden = test::ReadCsv(kDir + "/goldens/" + c.name + ".csv");
    ASSERT_FALSE(golden.empty());
    ASSERT_EQ(ours.columns, golden[0]);
    ASSERT_EQ(ours.rows.size(), golden.size() - 1);
    for (std::size_t r = 0; r < ours.rows.size(); ++r) {
      for (std::size_t k = 0; k < ours.columns.size(); ++k) {
        const std::string& want = golden[r + 1][k];
        std::string got = ours.rows[r][k].value_or("NA");
        const std::string& column = ours.columns[k];
        ++cells_compared;
        if (want == got) continue;
        if (IsNumberText(want) && IsNumberText(got) && *ParseNumber(want) == *ParseNumber(got)) continue;
        if (IsExactColumn(column) || !IsNumberText(want) || !IsNumberText(got)) {
          ADD_FAILURE() << "row " << r + 1 << " column " << column << ": DisImpact " << want << ", ours " << got;
          continue;
        }
        double a = *ParseNumber(want), b = *ParseNumber(got);
        ++within_tolerance;
        if (std::isinf(a) || std::isinf(b) || std::fabs(a - b) > 1e-12 * std::max(1.0, std::fabs(a))) {
          ADD_FAILURE() << "row " << r + 1 << " column " << column << ": DisImpact " << want << ", ours " << got;
        }
      }
    }
    g_rows_compared += ours.rows.size();
  }
  std::printf("[ DisImpact ] %zu cases, %zu rows, %zu cells compared, %zu equal only within 1e-12\n",
              cases.size(), g_rows_compared, cells_compared, within_tolerance);
  EXPECT_GT(g_rows_compared, 8000u);
}

}  // namespace
}  // namespace pl::equity
