// The gap computation on hand-written inputs: the method's cases L1-L6
// (shared/methods section 1.4) with their hand-computed answers, and the
// edges around them (no program, zero demand, missing wages, level
// mismatch, clamped demand, units, living-wage rules, national scaling).
#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "labor/inputs.hpp"

namespace pl::labor::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

constexpr const char* kLvn = "29-2061";        // Postsecondary nondegree award
constexpr const char* kAssistant = "31-9092";  // Postsecondary nondegree award
constexpr const char* kElectrician = "47-2111";
constexpr const char* kNurse = "29-1141";      // Bachelor's degree
constexpr const char* kHygienist = "29-1292";  // Associate's degree
constexpr const char* kP = "1230.20";
constexpr const char* kQ = "1208.00";
constexpr double kEps = 1e-9;

Area RegionArea(const LaborData& d, const std::string& code) { return {Area::Kind::kRegion, d.FindRegion(code), {}}; }

GapTable Compute(const LaborData& d, const Area& area, GapOptions options = {}) {
  GapTable t;
  Status s = ComputeGap(d, area, options, t);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return t;
}

// L3/L4: program P (awards 50, 60, 70: mean 60) maps to X (D = 90) and Y
// (D = 30); program Q (mean 20) maps to Y only.
Inputs L3() {
  Inputs in;
  in.Occupation(kLvn, "Licensed Practical and Licensed Vocational Nurses", "Postsecondary nondegree award")
      .Occupation(kAssistant, "Medical Assistants", "Postsecondary nondegree award")
      .Map(kP, kLvn)
      .Map(kP, kAssistant)
      .Map(kQ, kAssistant)
      .Title(kP, "Licensed Vocational Nursing")
      .Title(kQ, "Medical Assisting")
      .Institution("C1", "06001")
      .Institution("C2", "06013")
      .Awards3("C1", kP, AwardLevel::kCertificateLong, 50, 60, 70)
      .Awards3("C2", kQ, AwardLevel::kCertificateShort, 20, 20, 20);
  in.Demand(AreaType::kRegion, "BA", kLvn, 90);
  in.Demand(AreaType::kRegion, "BA", kAssistant, 30);
  return in;
}

TEST(GapTest, L3OpeningsWeightedSplitCountsEachAwardOnce) {
  LaborData d = L3().Build();
  GapTable t = Compute(d, RegionArea(d, "BA"));
  const Id x = d.FindOccupation(kLvn), y = d.FindOccupation(kAssistant);
  EXPECT_NEAR(t.supply[x], 45, kEps);
  EXPECT_NEAR(t.supply[y], 15 + 20, kEps);
  EXPECT_NEAR(t.Gap(x), 45, kEps);
  EXPECT_NEAR(t.Gap(y), -5, kEps);
  auto total = TotalSupply(t, {x, y});
  ASSERT_TRUE(total.ok());
  EXPECT_NEAR(*total, 80, kEps);  // = sum of awards 60 + 20
  // The weights of P: 90/120 and 30/120.
  ASSERT_EQ(t.contribution_offsets[x + 1] - t.contribution_offsets[x], 1u);
  EXPECT_NEAR(t.contributions[t.contribution_offsets[x]].weight, 0.75, kEps);
  EXPECT_NEAR(*t.Ratio(x), 0.5, kEps);
  EXPECT_NEAR(*t.Variance(y), (35.0 - 30) / 30, kEps);
}

TEST(GapTest, L3EqualSplit) {
  LaborData d = L3().Build();
  GapTable t = Compute(d, RegionArea(d, "BA"), {.split = Split::kEqual});
  const Id x = d.FindOccupation(kLvn), y = d.FindOccupation(kAssistant);
  EXPECT_NEAR(t.supply[x], 30, kEps);
  EXPECT_NEAR(t.supply[y], 50, kEps);
  EXPECT_NEAR(t.Gap(x), 60, kEps);
  EXPECT_NEAR(t.Gap(y), -20, kEps);
}

TEST(GapTest, L3FullCountIsAnUpperBoundThatIsNeverTotalled) {
  LaborData d = L3().Build();
  GapTable t = Compute(d, RegionArea(d, "BA"), {.split = Split::kFull});
  const Id x = d.FindOccupation(kLvn), y = d.FindOccupation(kAssistant);
  EXPECT_NEAR(t.supply[x], 60, kEps);
  EXPECT_NEAR(t.supply[y], 80, kEps);  // sum would be 140, not the 80 awards
  auto total = TotalSupply(t, {x, y});
  ASSERT_FALSE(total.ok());
  EXPECT_EQ(total.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(total.status().message(), HasSubstr("never totalled"));
  Totals totals = SumTotals(t, {x, y});
  EXPECT_NEAR(totals.demand, 120, kEps);
  EXPECT_FALSE(totals.supply.has_value());
  EXPECT_FALSE(totals.gap.has_value());
}

TEST(GapTest, L3EmploymentWeightedSplit) {
  Inputs in = L3();
  in.rows().demand[0].employment_base = 300;  // X
  in.rows().demand[1].employment_base = 100;  // Y
  LaborData d = in.Build();
  GapTable t = Compute(d, RegionArea(d, "BA"), {.split = Split::kEmployment});
  EXPECT_NEAR(t.supply[d.FindOccupation(kLvn)], 45, kEps);            // 60 * 300/400
  EXPECT_NEAR(t.supply[d.FindOccupation(kAssistant)], 15 + 20, kEps);  // 60 * 100/400 + 20
}

TEST(GapTest, L4ProgramViewSharesEachOccupationsOpeningsByAwards) {
  LaborData d = L3().Build();
  GapTable t = Compute(d, RegionArea(d, "BA"));
  auto rows = ProgramView(d, t, {});
  ASSERT_EQ(rows.size(), 2u);
  // Largest gap first: P (+52.5), then Q (-12.5).
  EXPECT_EQ(d.programs[rows[0].program].code, kP);
  EXPECT_NEAR(rows[0].openings_allocated, 112.5, kEps);  // 90 + 30 * 60/80
  EXPECT_NEAR(rows[0].gap(), 52.5, kEps);
  EXPECT_EQ(d.programs[rows[1].program].code, kQ);
  EXPECT_NEAR(rows[1].openings_allocated, 7.5, kEps);
  EXPECT_NEAR(rows[1].gap(), -12.5, kEps);
  EXPECT_NEAR(rows[0].openings_allocated + rows[1].openings_allocated, 120, kEps);
}

TEST(GapTest, L1SbctcExample) {
  // Openings 70; two programs with 15 and 20 graduates and a planned one of 20.
  Inputs in;
  in.Occupation(kElectrician, "Electricians", "High school diploma or equivalent")
      .Institution("C1", "06001")
      .Institution("C2", "06013");
  for (auto [program, org, n] : {std::tuple{"0952.20", "C1", 15}, {"0952.21", "C2", 20}, {"0952.22", "C2", 20}}) {
    in.Map(program, kElectrician).Awards3(org, program, AwardLevel::kCertificateShort, n, n, n);
  }
  DemandRow& row = in.Demand(AreaType::kRegion, "BA", kElectrician, 70);
  (void)row;
  LaborData d = in.Build();
  const Id s = d.FindOccupation(kElectrician);
  EXPECT_NEAR(Compute(d, RegionArea(d, "BA")).Gap(s), 15, kEps);
  in.rows().demand[0].openings_annual = 50;
  LaborData surplus = in.Build();
  EXPECT_NEAR(Compute(surplus, RegionArea(surplus, "BA")).Gap(s), -5, kEps);
}

TEST(GapTest, L2AnnualOpeningsFromTenYearTotals) {
  EXPECT_NEAR(AnnualOpenings(10000, 11000, 4000, 6000, 10), 1100, kEps);
  EXPECT_NEAR(AnnualOpenings(10000, 9000, 3800, 5700, 10), 850, kEps);  // declining: the change keeps its sign
  // Rates: 0.04 + 0.06 of mean employment 10,500, plus 100 a year of growth.
  EXPECT_NEAR(AnnualOpeningsFromRates(10000, 11000, 0.04, 0.06, 10), 100 + 1050, kEps);
}

TEST(GapTest, L2GrowthComesFromEmploymentWhenNotGiven) {
  Inputs in;
  in.Occupation(kElectrician, "Electricians", "High school diploma or equivalent");
  DemandRow& r = in.Demand(AreaType::kRegion, "BA", kElectrician, 1100);
  r.employment_base = 10000;
  r.employment_projected = 11000;
  r.openings_exits = 400;
  r.openings_transfers = 600;
  DemandRow& declining = in.Demand(AreaType::kRegion, "CVML", kElectrician, 850);
  declining.employment_base = 10000;
  declining.employment_projected = 9000;
  LaborData d = in.Build();
  const Id s = d.FindOccupation(kElectrician);
  GapTable t = Compute(d, RegionArea(d, "BA"));
  EXPECT_NEAR(t.growth[s], 100, kEps);
  EXPECT_NEAR(t.exits[s], 400, kEps);
  EXPECT_NEAR(t.Demand(s), 1100, kEps);
  EXPECT_NEAR(t.employment[s], 10000, kEps);
  GapTable cv = Compute(d, RegionArea(d, "CVML"));
  EXPECT_NEAR(cv.growth[s], -100, kEps);
  EXPECT_TRUE(IsMissing(cv.exits[s]));
}

TEST(GapTest, L5AMissingYearIsNotZero) {
  Inputs in;
  in.Occupation(kLvn, "LVN", "Postsecondary nondegree award")
      .Map(kP, kLvn)
      .Institution("C1", "06001")
      .Institution("C2", "06019")
      .Award("C1", kP, AwardLevel::kCertificateLong, 2022, 40)
      .Award("C1", kP, AwardLevel::kCertificateLong, 2024, 50)
      .Awards3("C2", kP, AwardLevel::kCertificateLong, 5, 5, 5);  // C2 reports 2023
  in.Demand(AreaType::kRegion, "BA", kLvn, 100);
  LaborData d = in.Build();
  EXPECT_THAT(d.supply_years, ElementsAre(2022, 2023, 2024));
  GapTable t = Compute(d, RegionArea(d, "BA"));
  const Id u = d.program_unit[d.program_unit_offsets[d.FindProgram(CodeSystem::kTop, kP)]];
  EXPECT_NEAR(t.awards[u], 45, kEps);  // not (40 + 0 + 50) / 3 = 30
  EXPECT_EQ(t.years_used[u], 2);
  const Id s = d.FindOccupation(kLvn);
  EXPECT_THAT(FlagNames(t.flags[s]), ::testing::Contains("partial_years"));
  // A year the institution reported (another program) counts as 0 for this one.
  in.Award("C1", "1230.10", AwardLevel::kCertificateShort, 2023, 3);
  LaborData reported = in.Build();
  GapTable t2 = Compute(reported, RegionArea(reported, "BA"));
  EXPECT_NEAR(t2.awards[reported.program_unit[reported.program_unit_offsets[reported.FindProgram(CodeSystem::kTop, kP)]]],
              30, kEps);
}

TEST(GapTest, L6WagesAgainstTheLivingWage) {
  Inputs in;
  in.Occupation(kAssistant, "Medical Assistants", "Postsecondary nondegree award").LivingWage("06019", 24.00);
  DemandRow& r = in.Demand(AreaType::kCounty, "06019", kAssistant, 10);
  r.wage_p25_hourly = 19.80;
  r.wage_median_hourly = 27.10;
  LaborData d = in.Build();
  GapRequest request;
  request.area = {Area::Kind::kCounties, kNoId, {d.FindCounty("06019")}};
  request.options.household = d.FindHousehold("1a0c");
  auto result = RunGap(d, request);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  nlohmann::json body = GapJson(d, *result, "v1");
  EXPECT_EQ(body["living_wage"]["hourly"], 24.0);
  EXPECT_EQ(body["living_wage"]["annual"], 49920.0);
  EXPECT_EQ(body["living_wage"]["rule"], "the county's living wage");
  const auto& o = body["occupations"][0];
  EXPECT_EQ(o["wage_p25_annual"], 41184.0);
  EXPECT_EQ(o["wage_median_annual"], 56368.0);
  EXPECT_EQ(o["p25_vs_living_wage"], "below");
  EXPECT_EQ(o["median_vs_living_wage"], "above");
  // LaunchBoard-style exiter: Q2 earnings x 4.
  EXPECT_NEAR(AnnualizeQuarterlyEarnings(9500), 38000, kEps);
  EXPECT_FALSE(MeetsLivingWage(38000, 24.00));
  EXPECT_TRUE(MeetsLivingWage(49920, 24.00));
}

TEST(GapTest, UnitsHourlyAndAnnual) {
  EXPECT_NEAR(AnnualFromHourly(27.10), 56368, 1e-6);
  EXPECT_NEAR(HourlyFromAnnual(56368), 27.10, 1e-9);
  // National median wages are annual: shown hourly = annual / 2080.
  Inputs in;
  in.Occupation(kAssistant, "Medical Assistants", "Postsecondary nondegree award")
      .National(kAssistant, 800, 100, 56368)
      .NationalTotal(170000);
  in.Demand(AreaType::kRegion, "BA", "00-0000", 0).employment_base = 1700000;  // 1% of the nation
  LaborData d = in.Build();
  GapTable t = Compute(d, RegionArea(d, "BA"), {.demand = DemandMode::kNationalScaled});
  const Id s = d.FindOccupation(kAssistant);
  EXPECT_NEAR(t.wage_median[s], 27.10, 1e-9);
  EXPECT_TRUE(IsMissing(t.wage_p25[s]));
}

TEST(GapTest, NationalScaledIsNationalOpeningsTimesTheAreaShare) {
  Inputs in;
  in.Occupation(kLvn, "LVN", "Postsecondary nondegree award")
      .Occupation(kAssistant, "Medical Assistants", "Postsecondary nondegree award")
      .National(kLvn, 651.4, 54.4, 62340)
      .National(kAssistant, 800, 100, 44000)
      .NationalTotal(169956.1);
  // BA has county rows only: its employment is the sum of its counties' rows.
  in.Demand(AreaType::kCounty, "06001", kLvn, 10).employment_base = 1000;
  in.Demand(AreaType::kCounty, "06013", kLvn, 5).employment_base = 699;
  auto& regional_wage = in.Demand(AreaType::kCounty, "06013", kAssistant, 7);
  regional_wage.wage_median_hourly = 22;
  regional_wage.employment_base = 0;
  LaborData d = in.Build();
  GapTable t = Compute(d, RegionArea(d, "BA"), {.demand = DemandMode::kNationalScaled});
  const double share = 1699.0 / 169956100.0;
  EXPECT_NEAR(t.national_share, share, 1e-15);
  const Id lvn = d.FindOccupation(kLvn), assistant = d.FindOccupation(kAssistant);
  EXPECT_NEAR(t.Demand(lvn), 54400 * share, 1e-9);
  EXPECT_NEAR(t.employment[lvn], 651400 * share, 1e-9);
  EXPECT_THAT(FlagNames(t.flags[lvn]), ::testing::Contains("national"));
  EXPECT_NEAR(t.wage_median[assistant], 22, kEps);  // the regional wage stays
  EXPECT_NEAR(t.wage_median[lvn], 62340 / 2080.0, 1e-9);
  // Fresno has no employment at all: nothing to scale by.
  GapTable none;
  Status s = ComputeGap(d, RegionArea(d, "CVML"), {.demand = DemandMode::kNationalScaled}, none);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("employment"));
}

TEST(GapTest, OccupationWithNoProgram) {
  Inputs in = L3();
  in.Occupation(kElectrician, "Electricians", "High school diploma or equivalent");
  in.Demand(AreaType::kRegion, "BA", kElectrician, 40);
  LaborData d = in.Build();
  GapTable t = Compute(d, RegionArea(d, "BA"));
  const Id s = d.FindOccupation(kElectrician);
  EXPECT_EQ(t.supply[s], 0);
  EXPECT_NEAR(t.Gap(s), 40, kEps);
  EXPECT_NEAR(*t.Ratio(s), 0, kEps);
  EXPECT_THAT(FlagNames(t.flags[s]), ElementsAre("no_program", "no_wage"));
  // The split of the others is unchanged: Electricians take none of P.
  EXPECT_NEAR(t.supply[d.FindOccupation(kLvn)], 45, kEps);
}

TEST(GapTest, ZeroDemandLeavesRatioAndVarianceUndefined) {
  Inputs in = L3();
  in.rows().demand[0].openings_annual = 0;  // X
  in.rows().demand[1].openings_annual = 0;  // Y
  LaborData d = in.Build();
  GapTable t = Compute(d, RegionArea(d, "BA"));
  const Id x = d.FindOccupation(kLvn), y = d.FindOccupation(kAssistant);
  EXPECT_FALSE(t.Ratio(x).has_value());
  EXPECT_FALSE(t.Variance(y).has_value());
  // No demand to weight by: P falls back to an equal split, so no award is lost.
  EXPECT_NEAR(t.supply[x], 30, kEps);
  EXPECT_NEAR(t.supply[y], 50, kEps);
  GapRequest request;
  request.area = RegionArea(d, "BA");
  auto result = RunGap(d, request);
  ASSERT_TRUE(result.ok());
  const nlohmann::json json = GapJson(d, *result, "v");
  std::string text = json.dump();
  EXPECT_THAT(text, Not(HasSubstr("inf")));
  EXPECT_THAT(text, Not(HasSubstr("NaN")));
  for (const auto& o : json["occupations"]) {
    EXPECT_TRUE(o["ratio"].is_null());
    EXPECT_TRUE(o["variance"].is_null());
  }
}

TEST(GapTest, MissingWageIsUnknownNotBelow) {
  Inputs in = L3();
  in.LivingWage("06001", 25).LivingWage("06013", 25);
  in.rows().demand[0].wage_median_hourly = 30;  // X has a median only
  LaborData d = in.Build();
  GapRequest request;
  request.area = RegionArea(d, "BA");
  request.options.household = d.FindHousehold("1a0c");
  auto result = RunGap(d, request);
  ASSERT_TRUE(result.ok());
  nlohmann::json body = GapJson(d, *result, "v");
  for (const auto& o : body["occupations"]) {
    if (o["soc"] == kLvn) {
      EXPECT_EQ(o["p25_vs_living_wage"], "unknown");
      EXPECT_EQ(o["median_vs_living_wage"], "above");
      EXPECT_TRUE(o["wage_p25_annual"].is_null());
      EXPECT_THAT(o["flags"], Not(::testing::Contains("no_wage")));
    } else {
      EXPECT_EQ(o["p25_vs_living_wage"], "unknown");
      EXPECT_EQ(o["median_vs_living_wage"], "unknown");
      EXPECT_THAT(o["flags"], ::testing::Contains("no_wage"));
    }
  }
  // No living wage at all: comparisons unknown, living_wage null.
  LaborData bare = L3().Build();
  request.options.household = bare.FindHousehold("1a0c");
  EXPECT_EQ(request.options.household, kNoId);
  auto without = RunGap(bare, request);
  ASSERT_TRUE(without.ok());
  EXPECT_TRUE(GapJson(bare, *without, "v")["living_wage"].is_null());
}

TEST(GapTest, LevelMismatchIsExcluded) {
  Inputs in;
  in.Occupation(kLvn, "LVN", "Postsecondary nondegree award")
      .Occupation(kNurse, "Registered Nurses", "Bachelor's degree")
      .Occupation(kHygienist, "Dental Hygienists", "Associate's degree")
      .Map(kP, kLvn)
      .Map(kP, kNurse)
      .Map("1240.20", kHygienist)
      .Institution("C1", "06001")
      .Awards3("C1", kP, AwardLevel::kCertificateLong, 30, 30, 30)  // fits LVN only
      .Awards3("C1", kP, AwardLevel::kAssociate, 12, 12, 12)        // fits neither LVN nor RN
      .Awards3("C1", "1240.20", AwardLevel::kCertificateShort, 9, 9, 9);  // hygienists need an associate
  in.Demand(AreaType::kRegion, "BA", kLvn, 10);
  in.Demand(AreaType::kRegion, "BA", kNurse, 100);
  in.Demand(AreaType::kRegion, "BA", kHygienist, 5);
  LaborData d = in.Build();
  GapTable t = Compute(d, RegionArea(d, "BA"));
  EXPECT_NEAR(t.supply[d.FindOccupation(kLvn)], 30, kEps);  // all of the certificates, none of the associates
  EXPECT_EQ(t.supply[d.FindOccupation(kNurse)], 0);
  EXPECT_EQ(t.supply[d.FindOccupation(kHygienist)], 0);
  EXPECT_NEAR(t.awards_unmatched, 12 + 9, kEps);
  EXPECT_TRUE(LevelFits(AwardLevel::kNoncreditCertificate, EntryEducation::kHighSchool));
  EXPECT_TRUE(LevelFits(AwardLevel::kGraduate, EntryEducation::kDoctoral));
  EXPECT_FALSE(LevelFits(AwardLevel::kBachelor, EntryEducation::kAssociate));
  EXPECT_FALSE(LevelFits(AwardLevel::kCertificateShort, EntryEducation::kUnknown));
}

TEST(GapTest, EntryEducationFilterChoosesTheOccupationsShown) {
  Inputs in = L3();
  in.Occupation(kNurse, "Registered Nurses", "Bachelor's degree").Occupation("55-9999", "Military", "N/A");
  in.Demand(AreaType::kRegion, "BA", kNurse, 100);
  in.Demand(AreaType::kRegion, "BA", "55-9999", 1);
  LaborData d = in.Build();
  GapTable t = Compute(d, RegionArea(d, "BA"));
  auto socs = [&](EducationFilter f) {
    std::vector<std::string> out;
    for (Id s : SelectOccupations(d, t, {}, f)) out.push_back(d.occupations[s].soc);
    return out;
  };
  EXPECT_THAT(socs(EducationFilter::kSubBaccalaureate), UnorderedElementsAre(kLvn, kAssistant));
  EXPECT_THAT(socs(EducationFilter::kBachelorPlus), ElementsAre(kNurse));
  EXPECT_THAT(socs(EducationFilter::kAll), UnorderedElementsAre(kLvn, kAssistant, kNurse, "55-9999"));
  // A named occupation is shown whatever its entry education.
  auto one = SelectOccupations(d, t, {FilterKind::kSoc, d.FindOccupation(kNurse)}, EducationFilter::kSubBaccalaureate);
  EXPECT_THAT(one, ElementsAre(d.FindOccupation(kNurse)));
}

TEST(GapTest, NegativeOpeningsAreClampedForDisplayAndFlagged) {
  Inputs in = L3();
  in.rows().demand[1].openings_annual = -12;  // Y declines faster than it separates
  LaborData d = in.Build();
  GapTable t = Compute(d, RegionArea(d, "BA"));
  const Id x = d.FindOccupation(kLvn), y = d.FindOccupation(kAssistant);
  EXPECT_EQ(t.demand_signed[y], -12);
  EXPECT_EQ(t.Demand(y), 0);
  EXPECT_THAT(FlagNames(t.flags[y]), ::testing::Contains("demand_clamped"));
  EXPECT_FALSE(t.Ratio(y).has_value());
  // P's awards all go to X, whose (clamped) openings are the only positive ones.
  EXPECT_NEAR(t.supply[x], 60, kEps);
  EXPECT_NEAR(t.supply[y], 20, kEps);
  EXPECT_NEAR(t.Gap(y), -20, kEps);
}

TEST(GapTest, RegionWithoutRegionRowsSumsItsCounties) {
  Inputs in;
  in.Occupation(kLvn, "LVN", "Postsecondary nondegree award");
  auto& a = in.Demand(AreaType::kCounty, "06001", kLvn, 10);
  a.employment_base = 100;
  a.wage_median_hourly = 30;
  a.openings_growth = 2;
  auto& b = in.Demand(AreaType::kCounty, "06013", kLvn, 20);
  b.employment_base = 300;
  b.wage_median_hourly = 34;
  LaborData d = in.Build();
  GapTable t = Compute(d, RegionArea(d, "BA"));
  const Id s = d.FindOccupation(kLvn);
  EXPECT_NEAR(t.Demand(s), 30, kEps);
  EXPECT_NEAR(t.employment[s], 400, kEps);
  EXPECT_NEAR(t.wage_median[s], (30 * 100 + 34 * 300) / 400.0, kEps);
  EXPECT_TRUE(IsMissing(t.growth[s]));  // one county lacks the split
  // Region rows, once present, are the region's figures.
  in.Demand(AreaType::kRegion, "BA", kLvn, 99);
  LaborData with_region = in.Build();
  EXPECT_NEAR(Compute(with_region, RegionArea(with_region, "BA")).Demand(s), 99, kEps);
  // The state without state rows: every region's figures.
  in.Demand(AreaType::kCounty, "06019", kLvn, 1);
  LaborData state = in.Build();
  EXPECT_NEAR(Compute(state, {}).Demand(s), 99 + 1, kEps);
}

TEST(GapTest, LivingWageOfSeveralCountiesIsEmploymentWeighted) {
  Inputs in;
  in.Occupation(kLvn, "LVN", "Postsecondary nondegree award").LivingWage("06001", 20).LivingWage("06013", 30);
  in.Demand(AreaType::kCounty, "06001", kLvn, 1).employment_base = 100;
  in.Demand(AreaType::kCounty, "06013", kLvn, 1).employment_base = 300;
  LaborData d = in.Build();
  GapOptions options{.household = d.FindHousehold("1a0c")};
  GapTable t = Compute(d, RegionArea(d, "BA"), options);
  EXPECT_NEAR(t.living_wage_hourly, (20 * 100 + 30 * 300) / 400.0, kEps);
  EXPECT_EQ(t.living_wage_rule, LivingWageRule::kEmploymentWeighted);
  // Without county employment (region rows only): the plain mean.
  Inputs region_only;
  region_only.Occupation(kLvn, "LVN", "Postsecondary nondegree award").LivingWage("06001", 20).LivingWage("06013", 30);
  region_only.Demand(AreaType::kRegion, "BA", kLvn, 1);
  LaborData r = region_only.Build();
  GapTable t2 = Compute(r, RegionArea(r, "BA"), {.household = r.FindHousehold("1a0c")});
  EXPECT_NEAR(t2.living_wage_hourly, 25, kEps);
  EXPECT_EQ(t2.living_wage_rule, LivingWageRule::kUnweighted);
}

TEST(GapTest, SupplyCountsTheAreasInstitutionsOnly) {
  Inputs in = L3();
  in.Institution("C3", "06019").Awards3("C3", kQ, AwardLevel::kCertificateShort, 100, 100, 100);
  in.Institution("ONLINE", "").Awards3("ONLINE", kQ, AwardLevel::kCertificateShort, 7, 7, 7);
  LaborData d = in.Build();
  const Id y = d.FindOccupation(kAssistant);
  EXPECT_NEAR(Compute(d, RegionArea(d, "BA")).supply[y], 35, kEps);
  // Statewide: every institution, those without a county too.
  EXPECT_NEAR(Compute(d, {}).supply[y], 35 + 100 + 7, kEps);
  GapTable fresno = Compute(d, {Area::Kind::kCounties, kNoId, {d.FindCounty("06019")}});
  EXPECT_NEAR(fresno.supply[y], 100, kEps);
  EXPECT_THAT(FlagNames(fresno.flags[y]), ::testing::Contains("no_demand"));
}

TEST(GapTest, MappingEditsAddAndRemoveLinks) {
  Inputs in = L3();
  in.Edit(kP, kAssistant, false);  // P no longer leads to medical assistants
  in.Edit(kQ, kLvn, true);
  LaborData d = in.Build();
  EXPECT_EQ(d.edits_added, 1);
  EXPECT_EQ(d.edits_removed, 1);
  GapTable t = Compute(d, RegionArea(d, "BA"));
  const Id x = d.FindOccupation(kLvn), y = d.FindOccupation(kAssistant);
  EXPECT_NEAR(t.supply[x], 60 + 20 * 90.0 / 120, kEps);
  EXPECT_NEAR(t.supply[y], 20 * 30.0 / 120, kEps);
}

TEST(GapTest, SectorAndPathwayFiltersAndRollUps) {
  Inputs in = L3();
  in.Occupation(kElectrician, "Electricians", "High school diploma or equivalent").Map("0952.20", kElectrician);
  in.PathwayProgram("HEA-03", kP).PathwayProgram("HEA-03", kQ).PathwayProgram("HEA-01", kQ);
  in.PathwayProgram("ICT-01", "0952.20");
  in.Demand(AreaType::kRegion, "BA", kElectrician, 50);
  LaborData d = in.Build();
  GapTable t = Compute(d, RegionArea(d, "BA"));
  auto health = SelectOccupations(d, t, {FilterKind::kSector, d.FindSector("HEA")}, EducationFilter::kSubBaccalaureate);
  EXPECT_THAT(health, ElementsAre(d.FindOccupation(kLvn), d.FindOccupation(kAssistant)));  // by gap: 45, -5
  auto ict = SelectOccupations(d, t, {FilterKind::kPathway, d.FindPathway("ICT-01")}, EducationFilter::kAll);
  EXPECT_THAT(ict, ElementsAre(d.FindOccupation(kElectrician)));
  auto by_sector = RollUpBySector(d, t);
  ASSERT_EQ(by_sector.size(), 2u);
  EXPECT_NEAR(by_sector[0].awards, 80, kEps);  // HEA: P and Q once each
  EXPECT_NEAR(by_sector[0].openings_allocated, 120, kEps);
  EXPECT_NEAR(by_sector[1].awards, 0, kEps);  // ICT: no awards for 0952.20 here
  auto by_pathway = RollUpByPathway(d, t, d.FindSector("HEA"));
  ASSERT_EQ(by_pathway.size(), 2u);  // HEA-01, HEA-03 (code order)
  EXPECT_EQ(d.pathways[by_pathway[0].id].code, "HEA-01");
  EXPECT_NEAR(by_pathway[0].openings_allocated, 7.5, kEps);  // Q
  EXPECT_NEAR(by_pathway[1].openings_allocated, 120, kEps);  // P + Q
  // A program filter lists every occupation it leads to, with or without demand.
  in.Map(kQ, kNurse).Occupation(kNurse, "RN", "Associate's degree");
  LaborData more = in.Build();
  GapTable t2 = Compute(more, RegionArea(more, "BA"));
  auto q = SelectOccupations(more, t2, {FilterKind::kProgram, more.FindProgram(CodeSystem::kTop, kQ)},
                             EducationFilter::kSubBaccalaureate);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_THAT(FlagNames(t2.flags[more.FindOccupation(kNurse)]), ::testing::Contains("no_demand"));
}

TEST(GapTest, SortAndLimit) {
  Inputs in = L3();
  in.rows().demand[0].wage_median_hourly = 20;
  LaborData d = in.Build();
  GapTable t = Compute(d, RegionArea(d, "BA"));
  const Id x = d.FindOccupation(kLvn), y = d.FindOccupation(kAssistant);
  auto all = EducationFilter::kAll;
  EXPECT_THAT(SelectOccupations(d, t, {}, all, SortKey::kGap), ElementsAre(x, y));
  EXPECT_THAT(SelectOccupations(d, t, {}, all, SortKey::kSupply), ElementsAre(x, y));  // 45 > 35
  EXPECT_THAT(SelectOccupations(d, t, {}, all, SortKey::kDemand, 1), ElementsAre(x));
  EXPECT_THAT(SelectOccupations(d, t, {}, all, SortKey::kWage), ElementsAre(x, y));  // unknown wage last
}

TEST(GapTest, ReusedTableGivesTheSameAnswer) {
  LaborData d = L3().Build();
  GapTable t;
  ASSERT_TRUE(ComputeGap(d, RegionArea(d, "BA"), {}, t).ok());
  const double before = t.supply[d.FindOccupation(kLvn)];
  ASSERT_TRUE(ComputeGap(d, RegionArea(d, "CVML"), {}, t).ok());
  EXPECT_EQ(t.supply[d.FindOccupation(kLvn)], 0);
  ASSERT_TRUE(ComputeGap(d, RegionArea(d, "BA"), {}, t).ok());
  EXPECT_EQ(t.supply[d.FindOccupation(kLvn)], before);
}

TEST(GapTest, EntryEducationTextVariants) {
  EXPECT_EQ(ParseEntryEducation("Associate's degree"), EntryEducation::kAssociate);
  EXPECT_EQ(ParseEntryEducation("Associate degree"), EntryEducation::kAssociate);
  EXPECT_EQ(ParseEntryEducation("Postsecondary non-degree award"), EntryEducation::kPostsecondaryNondegree);
  EXPECT_EQ(ParseEntryEducation("postsecondary nondegree award"), EntryEducation::kPostsecondaryNondegree);
  EXPECT_EQ(ParseEntryEducation("N/A"), EntryEducation::kUnknown);
  EXPECT_EQ(ParseEntryEducation(""), EntryEducation::kUnknown);
  EXPECT_TRUE(EducationPasses(EducationFilter::kSubBaccalaureate, EntryEducation::kAssociate));
  EXPECT_FALSE(EducationPasses(EducationFilter::kSubBaccalaureate, EntryEducation::kBachelor));
  EXPECT_FALSE(EducationPasses(EducationFilter::kSubBaccalaureate, EntryEducation::kUnknown));
  EXPECT_FALSE(EducationPasses(EducationFilter::kBachelorPlus, EntryEducation::kUnknown));
  EXPECT_TRUE(EducationPasses(EducationFilter::kAll, EntryEducation::kUnknown));
}

TEST(GapTest, BadRowsAreRefusedByTableRowAndField) {
  auto refused = [](Inputs in) {
    auto d = BuildLaborData(in.rows());
    EXPECT_FALSE(d.ok());
    return d.ok() ? std::string() : d.status().message();
  };
  {
    Inputs in = L3();
    in.Demand(AreaType::kCounty, "06999", kLvn, 1);
    EXPECT_THAT(refused(in), HasSubstr("labor_demand row 3: unknown county FIPS: 06999"));
  }
  {
    Inputs in = L3();
    in.Demand(AreaType::kRegion, "XX", kLvn, 1);
    EXPECT_THAT(refused(in), HasSubstr("unknown region code: XX"));
  }
  {
    Inputs in = L3();
    in.Demand(AreaType::kRegion, "BA", kLvn, 1);  // same key as row 1
    EXPECT_THAT(refused(in), HasSubstr("duplicate row for 29-2061 base year 2024"));
  }
  {
    Inputs in = L3();
    in.Award("C1", kQ, AwardLevel::kAssociate, 2024, -1);
    EXPECT_THAT(refused(in), HasSubstr("awards must be >= 0, got -1"));
  }
  {
    Inputs in = L3();
    in.Award("NOPE", kQ, AwardLevel::kAssociate, 2024, 1);
    EXPECT_THAT(refused(in), HasSubstr("unknown org_id: NOPE"));
  }
  {
    Inputs in = L3();
    in.Award("C1", kP, AwardLevel::kCertificateLong, 2024, 1);
    EXPECT_THAT(refused(in), HasSubstr("duplicate row for C1 TOP:1230.20 certificate_long 2024"));
  }
  {
    Inputs in = L3();
    in.LivingWage("06001", 0);
    EXPECT_THAT(refused(in), HasSubstr("hourly_wage must be > 0"));
  }
  {
    Inputs in = L3();
    in.PathwayProgram("ZZZ-01", kP);
    EXPECT_THAT(refused(in), HasSubstr("pathway_program row 1: unknown pathway code: ZZZ-01"));
  }
  {
    Inputs in = L3();
    in.rows().demand[0].openings_annual = kMissing;
    EXPECT_THAT(refused(in), HasSubstr("openings_annual is missing"));
  }
}

TEST(GapTest, LatestBaseYearWins) {
  Inputs in = L3();
  DemandRow& old = in.Demand(AreaType::kRegion, "BA", kLvn, 500);
  old.base_year = 2022;
  LaborData d = in.Build();
  EXPECT_NEAR(Compute(d, RegionArea(d, "BA")).Demand(d.FindOccupation(kLvn)), 90, kEps);
}

TEST(GapTest, TheNoMatchPlaceholderAndGroupCodesAreNotOccupations) {
  Inputs in = L3();
  in.Map("4930.00", "99-9999");
  ProjectionRow group;
  group.soc = "29-0000";
  group.line_item = false;
  in.rows().projections.push_back(group);
  in.Demand(AreaType::kRegion, "BA", "29-0000", 5000);
  LaborData d = in.Build();
  EXPECT_EQ(d.FindOccupation("99-9999"), kNoId);
  EXPECT_EQ(d.FindOccupation("29-0000"), kNoId);
  EXPECT_NEAR(Compute(d, RegionArea(d, "BA")).Demand(d.FindOccupation(kLvn)), 90, kEps);
}

}  // namespace
}  // namespace pl::labor::test
