// The synthetic labor-market files: what the importer requires (headers,
// codes that exist, keys once), the arithmetic the labor engine relies on
// (openings = growth + exits + transfers, p25 <= median), consistency with
// the BLS national rates and with the simulated students (awards add up to
// completions), and determinism that does not depend on input order.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <unistd.h>

#include "synthetic/reference_input.hpp"
#include "synthetic/synthetic.hpp"

namespace pl::synthetic {
namespace {

using testing::CsvTable;
using testing::LoadReferenceInput;
using testing::ReadCsv;
using testing::ReadFile;
using testing::ScratchDir;

std::uint64_t TestSeed() {
  const char* seed = std::getenv("PL_SYNTHETIC_TEST_SEED");
  return seed != nullptr ? std::strtoull(seed, nullptr, 10) : 1;
}

double Number(const std::string& text) { return std::stod(text); }

// One small data set for the suite (one directory per process: ctest runs
// tests of a binary in parallel processes).
class LaborDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(std::string(PL_BINARY_DIR) + "/synthetic_test_output/LaborDataTest." +
                           std::to_string(::getpid()));
    std::filesystem::remove_all(*dir_);
    input_ = new ReferenceInput(LoadReferenceInput());
    Options options;
    options.seed = TestSeed();
    options.out_dir = *dir_;
    NullProgress progress;
    auto result = Generate(*input_, options, progress);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    summary_ = new Summary(*result);
    demand_ = new CsvTable(ReadCsv(*dir_ + "/labor_demand.csv"));
    awards_ = new CsvTable(ReadCsv(*dir_ + "/program_awards.csv"));
    wages_ = new CsvTable(ReadCsv(*dir_ + "/living_wage.csv"));
    orgs_ = new CsvTable(ReadCsv(*dir_ + "/organizations.csv"));
    years_ = new CsvTable(ReadCsv(*dir_ + "/student_years.csv"));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    for (CsvTable* t : {demand_, awards_, wages_, orgs_, years_}) delete t;
    delete dir_;
    delete input_;
    delete summary_;
  }
  void SetUp() override { ASSERT_NE(summary_, nullptr) << "generation failed"; }

  static const std::string& At(const CsvTable& t, std::size_t row, const char* column) {
    return t.rows[row][t.Column(column)];
  }

  // The occupations the generator must cover: crosswalk SOCs with a BLS line item.
  static std::set<std::string> ReachableOccupations() {
    std::set<std::string> projected, reachable;
    for (const auto& p : input_->projections) projected.insert(p.soc_code);
    for (const auto& l : input_->crosswalk) {
      if (projected.count(l.soc_code)) reachable.insert(l.soc_code);
    }
    return reachable;
  }
  static std::map<std::string, const OccupationProjection*> Projections() {
    std::map<std::string, const OccupationProjection*> by_code;
    for (const auto& p : input_->projections) by_code[p.soc_code] = &p;
    return by_code;
  }

  static std::string* dir_;
  static ReferenceInput* input_;
  static Summary* summary_;
  static CsvTable* demand_;
  static CsvTable* awards_;
  static CsvTable* wages_;
  static CsvTable* orgs_;
  static CsvTable* years_;
};

std::string* LaborDataTest::dir_ = nullptr;
ReferenceInput* LaborDataTest::input_ = nullptr;
Summary* LaborDataTest::summary_ = nullptr;
CsvTable* LaborDataTest::demand_ = nullptr;
CsvTable* LaborDataTest::awards_ = nullptr;
CsvTable* LaborDataTest::wages_ = nullptr;
CsvTable* LaborDataTest::orgs_ = nullptr;
CsvTable* LaborDataTest::years_ = nullptr;

// ---------------------------------------------------------------------------
// Files

TEST_F(LaborDataTest, FilesHaveTheImportHeadersAndAreLabelledSynthetic) {
  EXPECT_EQ(demand_->header,
            (std::vector<std::string>{"area_type", "area_code", "soc_code", "base_year", "projected_year",
                                      "employment_base", "employment_projected", "openings_annual",
                                      "openings_growth", "openings_exits", "openings_transfers",
                                      "wage_median_hourly", "wage_p25_hourly", "entry_education", "source"}));
  EXPECT_EQ(awards_->header, (std::vector<std::string>{"org_id", "code_system", "program_code", "award_level",
                                                       "academic_year", "awards", "source"}));
  EXPECT_EQ(wages_->header,
            (std::vector<std::string>{"county_fips", "household_type", "hourly_wage", "year", "source"}));
  for (const CsvTable* t : {demand_, awards_, wages_}) {
    EXPECT_EQ(t->error, "");
    EXPECT_FALSE(t->has_carriage_return);
    ASSERT_FALSE(t->rows.empty());
    for (const auto& row : t->rows) {
      ASSERT_EQ(row.size(), t->header.size());
      EXPECT_EQ(row.back(), "synthetic");
    }
  }
  EXPECT_EQ(summary_->labor_demand, demand_->rows.size());
  EXPECT_EQ(summary_->program_awards, awards_->rows.size());
  EXPECT_EQ(summary_->living_wage, wages_->rows.size());
}

// ---------------------------------------------------------------------------
// labor_demand.csv

TEST_F(LaborDataTest, DemandCoversEveryRegionAndReachableOccupationOnce) {
  std::set<std::string> regions;
  for (const County& c : input_->counties) regions.insert(c.region_code);
  const std::set<std::string> occupations = ReachableOccupations();
  ASSERT_GT(occupations.size(), 400u);
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t i = 0; i < demand_->rows.size(); ++i) {
    EXPECT_EQ(At(*demand_, i, "area_type"), "region");
    EXPECT_TRUE(regions.count(At(*demand_, i, "area_code"))) << At(*demand_, i, "area_code");
    EXPECT_TRUE(occupations.count(At(*demand_, i, "soc_code"))) << At(*demand_, i, "soc_code");
    EXPECT_EQ(At(*demand_, i, "base_year"), "2024");
    EXPECT_EQ(At(*demand_, i, "projected_year"), "2034");
    EXPECT_TRUE(seen.emplace(At(*demand_, i, "area_code"), At(*demand_, i, "soc_code")).second) << "twice";
  }
  EXPECT_EQ(seen.size(), regions.size() * occupations.size());
  // The pathways' occupations (programs -> crosswalk) are among them.
  std::set<std::string> pathway_tops;
  for (const auto& pp : input_->pathway_programs) pathway_tops.insert(pp.program_code);
  for (const auto& l : input_->crosswalk) {
    if (pathway_tops.count(l.top_code) && Projections().count(l.soc_code)) {
      EXPECT_TRUE(seen.count({"BA", l.soc_code})) << l.soc_code;
    }
  }
}

TEST_F(LaborDataTest, OpeningsAreGrowthPlusExitsPlusTransfers) {
  for (std::size_t i = 0; i < demand_->rows.size(); ++i) {
    SCOPED_TRACE(At(*demand_, i, "area_code") + " " + At(*demand_, i, "soc_code"));
    const double total = Number(At(*demand_, i, "openings_annual"));
    const double growth = Number(At(*demand_, i, "openings_growth"));
    const double exits = Number(At(*demand_, i, "openings_exits"));
    const double transfers = Number(At(*demand_, i, "openings_transfers"));
    // Written to the cent and added up before writing: exact to the cent.
    EXPECT_NEAR(growth + exits + transfers, total, 1e-6);
    EXPECT_GE(total, 0);
    EXPECT_GE(exits, 0);
    EXPECT_GE(transfers, 0);
    // Growth is the annual employment change (unless a steep decline was
    // capped at no openings).
    const double base = Number(At(*demand_, i, "employment_base"));
    const double projected = Number(At(*demand_, i, "employment_projected"));
    if (total > 0) {
      EXPECT_NEAR(growth, (projected - base) / 10, 0.0051);
    }
  }
}

TEST_F(LaborDataTest, DemandFollowsTheNationalRatesScaledToTheRegion) {
  // Statewide, an occupation's openings per job and growth are the BLS
  // national ones (up to the documented noise), and its employment is the
  // national figure times California's share of the population at the
  // small scale's factor (1/800).
  std::map<std::string, double> employment, projected, openings;
  for (std::size_t i = 0; i < demand_->rows.size(); ++i) {
    const std::string& soc = At(*demand_, i, "soc_code");
    employment[soc] += Number(At(*demand_, i, "employment_base"));
    projected[soc] += Number(At(*demand_, i, "employment_projected"));
    openings[soc] += Number(At(*demand_, i, "openings_annual"));
  }
  const auto projections = Projections();
  const double california_share = 39.4e6 / 340e6 / 800;  // approximate; the county profiles sum to ~39.4 million
  int checked = 0;
  double total_employment = 0, expected_employment = 0;
  for (const auto& [soc, jobs] : employment) {
    const OccupationProjection& p = *projections.at(soc);
    total_employment += jobs;
    expected_employment += p.employment_base * 1000 * california_share;
    if (p.employment_base < 500) continue;  // large occupations: the noise averages out over regions
    ++checked;
    SCOPED_TRACE(soc);
    EXPECT_NEAR(openings[soc] / jobs, p.annual_openings / p.employment_base, 0.15 * p.annual_openings / p.employment_base);
    const double national_growth = p.employment_projected / p.employment_base - 1;
    EXPECT_NEAR(projected[soc] / jobs - 1, national_growth, 0.05);
  }
  EXPECT_GT(checked, 30);
  EXPECT_NEAR(total_employment / expected_employment, 1.0, 0.15);
}

TEST_F(LaborDataTest, WagesAreHourlyOrderedAndHigherInTheBayArea) {
  const auto projections = Projections();
  std::map<std::string, std::map<std::string, double>> median;  // soc -> region -> median
  for (std::size_t i = 0; i < demand_->rows.size(); ++i) {
    const std::string& soc = At(*demand_, i, "soc_code");
    const std::string& m = At(*demand_, i, "wage_median_hourly");
    const std::string& p25 = At(*demand_, i, "wage_p25_hourly");
    const OccupationProjection& p = *projections.at(soc);
    EXPECT_EQ(At(*demand_, i, "entry_education"), p.entry_education) << soc;
    if (p.median_annual_wage <= 0) {
      EXPECT_EQ(m, "") << soc;
      EXPECT_EQ(p25, "") << soc;
      continue;
    }
    ASSERT_NE(m, "") << soc;
    EXPECT_LE(Number(p25), Number(m)) << soc;
    EXPECT_GT(Number(p25), 0.6 * Number(m)) << soc;
    // Hourly: about the national annual median / 2,080, times the region's
    // wage multiplier (0.86 .. 1.35) and a little noise.
    const double relative = Number(m) / (p.median_annual_wage / 2080);
    EXPECT_GT(relative, 0.7) << soc;
    EXPECT_LT(relative, 1.7) << soc;
    median[soc][At(*demand_, i, "area_code")] = Number(m);
  }
  int higher = 0, compared = 0;
  for (const auto& [soc, by_region] : median) {
    if (!by_region.count("BA") || !by_region.count("CVML")) continue;
    ++compared;
    higher += by_region.at("BA") > by_region.at("CVML");
  }
  EXPECT_GT(compared, 300);
  EXPECT_GT(higher, compared * 0.97) << higher << " of " << compared;
}

// ---------------------------------------------------------------------------
// program_awards.csv

TEST_F(LaborDataTest, AwardsUseCodesThatExistForTheRightInstitutions) {
  std::set<std::string> top_codes, cip_codes, pathway_tops, pathway_cips;
  const CsvTable tops = ReadCsv(std::string(PL_SOURCE_DIR) + "/data/top_codes.csv");
  for (const auto& row : tops.rows) top_codes.insert(row[tops.Column("top_code")]);
  const CsvTable cips = ReadCsv(std::string(PL_SOURCE_DIR) + "/data/cip2020.csv");
  for (const auto& row : cips.rows) cip_codes.insert(row[cips.Column("cip_code")]);
  for (const auto& pp : input_->pathway_programs) pathway_tops.insert(pp.program_code);
  for (const auto& l : input_->crosswalk) {
    if (pathway_tops.count(l.top_code)) pathway_cips.insert(l.cip_code);
  }
  std::unordered_map<std::string, std::string> org_type;
  for (std::size_t i = 0; i < orgs_->rows.size(); ++i) org_type[At(*orgs_, i, "org_id")] = At(*orgs_, i, "org_type");
  const std::set<std::string> college_levels = {"noncredit_certificate", "certificate_short", "certificate_long",
                                                "associate"};
  std::set<std::string> keys, years, colleges, universities;
  for (std::size_t i = 0; i < awards_->rows.size(); ++i) {
    const std::string& org = At(*awards_, i, "org_id");
    const std::string& system = At(*awards_, i, "code_system");
    const std::string& code = At(*awards_, i, "program_code");
    const std::string& level = At(*awards_, i, "award_level");
    SCOPED_TRACE(org + " " + code);
    ASSERT_TRUE(org_type.count(org));
    if (system == "TOP") {
      EXPECT_EQ(org_type[org], "college");
      EXPECT_TRUE(top_codes.count(code));
      EXPECT_TRUE(pathway_tops.count(code)) << "a TOP code no pathway maps to";
      EXPECT_TRUE(college_levels.count(level)) << level;
      colleges.insert(org);
    } else {
      ASSERT_EQ(system, "CIP");
      EXPECT_EQ(org_type[org], "university");
      EXPECT_TRUE(cip_codes.count(code));
      EXPECT_TRUE(pathway_cips.count(code)) << "a CIP code no pathway program leads to";
      EXPECT_EQ(level, "bachelor");
      universities.insert(org);
    }
    EXPECT_GT(std::stoi(At(*awards_, i, "awards")), 0);
    years.insert(At(*awards_, i, "academic_year"));
    EXPECT_TRUE(keys.insert(org + "|" + system + "|" + code + "|" + level + "|" + At(*awards_, i, "academic_year"))
                    .second)
        << "key twice";
  }
  // The last five academic years of the 2016-17 .. 2025-26 window.
  EXPECT_EQ(years, (std::set<std::string>{"2022", "2023", "2024", "2025", "2026"}));
  EXPECT_GT(colleges.size(), 15u);
  EXPECT_GT(universities.size(), 3u);
}

TEST_F(LaborDataTest, CollegeAwardsAddUpToTheSimulatedCompletions) {
  // A completion is a college row whose status is completer where the
  // student's previous CTE row at college was not a completer in the same
  // pathway (status stays completer while the student continues).
  std::map<std::pair<std::string, std::string>, long> completions;  // (college, ending year)
  const std::size_t key = years_->Column("student_key"), grade = years_->Column("grade_level"),
                    status = years_->Column("cte_status"), pathway = years_->Column("pathway_code"),
                    org = years_->Column("org_id"), year = years_->Column("school_year");
  std::string student, last_pathway, last_status;
  for (const auto& row : years_->rows) {
    if (row[key] != student) {
      student = row[key];
      last_pathway.clear();
      last_status.clear();
    }
    if ((row[grade] != "13" && row[grade] != "14") || row[pathway].empty()) continue;
    if (row[status] == "completer" && !(last_status == "completer" && last_pathway == row[pathway])) {
      const std::string ending = std::to_string(std::stoi(row[year].substr(0, 4)) + 1);
      ++completions[{row[org], ending}];
    }
    last_pathway = row[pathway];
    last_status = row[status];
  }
  std::map<std::pair<std::string, std::string>, long> awards;
  for (std::size_t i = 0; i < awards_->rows.size(); ++i) {
    if (At(*awards_, i, "code_system") != "TOP") continue;
    awards[{At(*awards_, i, "org_id"), At(*awards_, i, "academic_year")}] += std::stol(At(*awards_, i, "awards"));
  }
  long total = 0;
  for (const auto& [college_year, n] : completions) {
    if (std::stoi(college_year.second) < 2022) continue;  // before the awards file's years
    EXPECT_EQ(awards[college_year], n) << college_year.first << " " << college_year.second;
    total += n;
  }
  for (const auto& [college_year, n] : awards) EXPECT_TRUE(completions.count(college_year)) << college_year.first;
  EXPECT_GT(total, 100);
}

TEST_F(LaborDataTest, UniversityAwardsComeFromHighSchoolConcentratorsGoingOn) {
  // Bachelor's degrees in year Y come from concentrators and completers who
  // left grade 12 in Y - 5 and enrolled; fewer than half of them graduate
  // in a related program.
  std::map<int, long> enrolled;  // by graduation year
  const std::size_t key = years_->Column("student_key"), grade = years_->Column("grade_level"),
                    status = years_->Column("cte_status"), post = years_->Column("postsecondary_enrolled"),
                    year = years_->Column("school_year");
  std::string student;
  bool concentrated = false;  // in any high-school year so far
  for (const auto& row : years_->rows) {
    if (row[key] != student) {
      student = row[key];
      concentrated = false;
    }
    const bool high_school = row[grade] >= "09" && row[grade] <= "12";
    if (high_school && (row[status] == "concentrator" || row[status] == "completer")) concentrated = true;
    if (row[grade] == "12" && row[post] == "Y" && concentrated) ++enrolled[std::stoi(row[year].substr(0, 4)) + 5];
  }
  std::map<int, long> bachelors;
  for (std::size_t i = 0; i < awards_->rows.size(); ++i) {
    if (At(*awards_, i, "code_system") == "CIP") {
      bachelors[std::stoi(At(*awards_, i, "academic_year"))] += std::stol(At(*awards_, i, "awards"));
    }
  }
  ASSERT_EQ(bachelors.size(), 5u);
  for (const auto& [y, n] : bachelors) {
    EXPECT_GT(n, 0) << y;
    EXPECT_LT(n, 0.5 * enrolled[y]) << y;
  }
}

// ---------------------------------------------------------------------------
// living_wage.csv

TEST_F(LaborDataTest, EveryCountyHasThreeHouseholdTypesWithPlausibleDifferences) {
  std::map<std::string, std::map<std::string, double>> wage;
  for (std::size_t i = 0; i < wages_->rows.size(); ++i) {
    EXPECT_EQ(At(*wages_, i, "year"), "2024");
    EXPECT_TRUE(wage[At(*wages_, i, "county_fips")]
                    .emplace(At(*wages_, i, "household_type"), Number(At(*wages_, i, "hourly_wage")))
                    .second);
  }
  ASSERT_EQ(wage.size(), input_->counties.size());
  std::map<std::string, std::vector<double>> by_region;
  for (const County& c : input_->counties) {
    SCOPED_TRACE(c.fips);
    const auto& w = wage[c.fips];
    ASSERT_EQ(w.size(), 3u);
    EXPECT_GT(w.at("1a0c"), 15.0);
    EXPECT_LT(w.at("1a0c"), 40.0);
    // A child costs more than a second earner's share of two children.
    EXPECT_GT(w.at("1a1c"), w.at("2a2c"));
    EXPECT_GT(w.at("2a2c"), w.at("1a0c"));
    by_region[c.region_code].push_back(w.at("1a0c"));
  }
  auto mean = [](const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return s / static_cast<double>(v.size());
  };
  EXPECT_GT(mean(by_region["BA"]), mean(by_region["CVML"]) + 5);
  EXPECT_GT(mean(by_region["BA"]), mean(by_region["LA"]));
  std::set<double> distinct;
  for (const auto& [fips, w] : wage) distinct.insert(w.at("1a0c"));
  EXPECT_GT(distinct.size(), 50u) << "counties should differ";
}

// ---------------------------------------------------------------------------
// Determinism and input

TEST(LaborFilesTest, InputOrderAndRepeatedCrosswalkRowsDoNotChangeTheFiles) {
  // The CLI reads the crosswalk from the database (sorted, duplicates
  // dropped), the tests from the file: both must give the same bytes.
  ScratchDir a("_a"), b("_b");
  ReferenceInput input = LoadReferenceInput();
  Options options;
  options.out_dir = a.str();
  NullProgress progress;
  ASSERT_TRUE(Generate(input, options, progress).ok());
  std::reverse(input.crosswalk.begin(), input.crosswalk.end());
  input.crosswalk.push_back(input.crosswalk.front());
  std::reverse(input.pathway_programs.begin(), input.pathway_programs.end());
  std::reverse(input.projections.begin(), input.projections.end());
  options.out_dir = b.str();
  ASSERT_TRUE(Generate(input, options, progress).ok());
  for (const char* name : {"labor_demand.csv", "program_awards.csv", "living_wage.csv"}) {
    EXPECT_EQ(ReadFile(a.file(name)), ReadFile(b.file(name))) << name;
  }
}

TEST(LaborFilesTest, ASubsetOfCountiesGetsOnlyItsRegionsAndCounties) {
  ReferenceInput input = LoadReferenceInput();
  input.counties = {input.counties[0] /* Alameda, BA */, input.counties[9] /* Fresno, CVML */};
  ScratchDir dir;
  Options options;
  options.out_dir = dir.str();
  NullProgress progress;
  ASSERT_TRUE(Generate(input, options, progress).ok());
  const CsvTable demand = ReadCsv(dir.file("labor_demand.csv"));
  std::set<std::string> regions;
  for (const auto& row : demand.rows) regions.insert(row[demand.Column("area_code")]);
  EXPECT_EQ(regions, (std::set<std::string>{"BA", "CVML"}));
  const CsvTable wages = ReadCsv(dir.file("living_wage.csv"));
  std::set<std::string> counties;
  for (const auto& row : wages.rows) counties.insert(row[wages.Column("county_fips")]);
  EXPECT_EQ(counties, (std::set<std::string>{"06001", "06019"}));
}

TEST(LaborFilesTest, NoLaborInputGivesHeaderOnlyFiles) {
  ReferenceInput input = LoadReferenceInput();
  input.projections.clear();
  input.crosswalk.clear();
  input.pathway_programs.clear();
  ScratchDir dir;
  Options options;
  options.out_dir = dir.str();
  NullProgress progress;
  auto summary = Generate(input, options, progress);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->labor_demand, 0u);
  EXPECT_EQ(summary->program_awards, 0u);
  EXPECT_EQ(ReadCsv(dir.file("labor_demand.csv")).rows.size(), 0u);
  EXPECT_EQ(ReadCsv(dir.file("program_awards.csv")).rows.size(), 0u);
  // Living wages need only the counties.
  EXPECT_EQ(summary->living_wage, 3 * input.counties.size());
}

}  // namespace
}  // namespace pl::synthetic
