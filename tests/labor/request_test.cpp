// Requests as the API and CLI pass them, good and bad, and the JSON / CSV /
// text they produce.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "labor/inputs.hpp"

namespace pl::labor::test {
namespace {

using ::testing::HasSubstr;
using Params = std::map<std::string, std::string>;

LaborData Data() {
  Inputs in;
  in.Occupation("29-2061", "Licensed Practical and Licensed Vocational Nurses", "Postsecondary nondegree award")
      .Occupation("31-9092", "Medical Assistants", "Postsecondary nondegree award")
      .Occupation("29-1141", "Registered Nurses", "Bachelor's degree")
      .Map("1230.20", "29-2061")
      .Map("1230.20", "31-9092")
      .Map("1208.00", "31-9092")
      .Map("51.3901", "29-2061", CodeSystem::kCip)
      .Title("1230.20", "Licensed Vocational Nursing")
      .PathwayProgram("HEA-03", "1230.20", "general_knowledge_to_verify")
      .Institution("C1", "06001")
      .Institution("C2", "06013")
      .Awards3("C1", "1230.20", AwardLevel::kCertificateLong, 50, 60, 70)
      .Awards3("C2", "1208.00", AwardLevel::kCertificateShort, 20, 20, 20)
      .LivingWage("06001", 30)
      .LivingWage("06013", 28)
      .LivingWage("06019", 22)
      .LivingWage("06019", 35, "2a2c");
  auto& x = in.Demand(AreaType::kRegion, "BA", "29-2061", 90);
  x.wage_p25_hourly = 27.5;
  x.wage_median_hourly = 33.1;
  x.openings_growth = 20.1;
  x.openings_exits = 40;
  x.openings_transfers = 29.9;
  x.employment_base = 5400;
  in.Demand(AreaType::kRegion, "BA", "31-9092", 30);
  in.Demand(AreaType::kRegion, "BA", "29-1141", 300);
  return in.Build();
}

Status Refusal(const LaborData& d, const Params& p) {
  auto r = ParseGapRequest(d, p);
  EXPECT_FALSE(r.ok()) << "accepted: " << nlohmann::json(p).dump();
  return r.ok() ? Status::Ok() : r.status();
}

void ExpectRefused(const LaborData& d, const Params& p, const std::string& parameter, const std::string& text) {
  Status s = Refusal(d, p);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.ToString();
  EXPECT_EQ(s.details().value("parameter", ""), parameter) << s.ToString();
  EXPECT_THAT(s.message(), HasSubstr(text));
}

TEST(RequestTest, Defaults) {
  LaborData d = Data();
  auto r = ParseGapRequest(d, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->area.kind, Area::Kind::kState);
  EXPECT_EQ(r->filter.kind, FilterKind::kNone);
  EXPECT_EQ(r->options.split, Split::kOpenings);
  EXPECT_EQ(r->options.demand, DemandMode::kRegional);
  EXPECT_EQ(r->education, EducationFilter::kSubBaccalaureate);
  EXPECT_EQ(r->sort, SortKey::kGap);
  EXPECT_FALSE(r->limit.has_value());
  EXPECT_EQ(r->options.household, d.FindHousehold("1a0c"));
}

TEST(RequestTest, EveryParameter) {
  LaborData d = Data();
  auto r = ParseGapRequest(d, {{"county", "06019,06001,06019"},
                               {"program", "cip:51.3901"},
                               {"split", "equal"},
                               {"education", "all"},
                               {"demand", "national_scaled"},
                               {"household", "2a2c"},
                               {"limit", "5"},
                               {"sort", "wage"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->area.kind, Area::Kind::kCounties);
  EXPECT_EQ(r->area.counties, (std::vector<Id>{d.FindCounty("06001"), d.FindCounty("06019")}));
  EXPECT_EQ(r->filter.kind, FilterKind::kProgram);
  EXPECT_EQ(r->filter.id, d.FindProgram(CodeSystem::kCip, "51.3901"));
  EXPECT_EQ(r->options.split, Split::kEqual);
  EXPECT_EQ(r->education, EducationFilter::kAll);
  EXPECT_EQ(r->options.demand, DemandMode::kNationalScaled);
  EXPECT_EQ(r->options.household, d.FindHousehold("2a2c"));
  EXPECT_EQ(r->limit, 5u);
  EXPECT_EQ(r->sort, SortKey::kWage);
  auto spaced = ParseGapRequest(d, {{"county", "06019, 06001"}});
  ASSERT_TRUE(spaced.ok()) << spaced.status().ToString();
  EXPECT_EQ(spaced->area.counties.size(), 2u);
  auto region = ParseGapRequest(d, {{"region", "ba"}, {"sector", "hea"}});
  ASSERT_TRUE(region.ok());
  EXPECT_EQ(region->area.region, d.FindRegion("BA"));
  EXPECT_EQ(region->filter.id, d.FindSector("HEA"));
}

TEST(RequestTest, BadInputNamesTheParameterAndWhatWasExpected) {
  LaborData d = Data();
  ExpectRefused(d, {{"region", "XX"}}, "region", "unknown region: XX (expected one of BA, CVML)");
  ExpectRefused(d, {{"county", "06001,06999"}}, "county", "unknown county FIPS: 06999");
  ExpectRefused(d, {{"county", "06001,"}}, "county", "unknown county FIPS: (empty)");
  ExpectRefused(d, {{"region", "BA"}, {"county", "06001"}}, "county", "give region or county, not both");
  ExpectRefused(d, {{"sector", "ZZZ"}}, "sector", "unknown sector: ZZZ (expected one of HEA, ICT)");
  ExpectRefused(d, {{"pathway", "HEA-99"}}, "pathway", "unknown pathway: HEA-99");
  ExpectRefused(d, {{"program", "1230.20"}}, "program", "program must be TOP:CODE or CIP:CODE");
  ExpectRefused(d, {{"program", "XYZ:1230.20"}}, "program", "program must be TOP:CODE or CIP:CODE");
  ExpectRefused(d, {{"program", "TOP:9999.99"}}, "program", "unknown program: TOP:9999.99");
  ExpectRefused(d, {{"soc", "29-9999"}}, "soc", "unknown SOC code: 29-9999");
  ExpectRefused(d, {{"sector", "HEA"}, {"pathway", "HEA-03"}}, "pathway",
                "give at most one of sector, pathway, program, soc; got sector and pathway");
  ExpectRefused(d, {{"program", "TOP:1230.20"}, {"soc", "29-2061"}}, "soc", "got program and soc");
  ExpectRefused(d, {{"split", "half"}}, "split", "split must be one of openings, equal, employment, full, got \"half\"");
  ExpectRefused(d, {{"education", "phd"}}, "education", "education must be one of sub_baccalaureate, bachelor_plus, all");
  ExpectRefused(d, {{"demand", "national"}}, "demand", "demand must be one of regional, national_scaled");
  ExpectRefused(d, {{"sort", "name"}}, "sort", "sort must be one of gap, demand, supply, wage");
  ExpectRefused(d, {{"limit", "0"}}, "limit", "limit must be a whole number of at least 1, got \"0\"");
  ExpectRefused(d, {{"limit", "ten"}}, "limit", "got \"ten\"");
  ExpectRefused(d, {{"limit", "-3"}}, "limit", "got \"-3\"");
  ExpectRefused(d, {{"household", "9a9c"}}, "household", "unknown household type: 9a9c (expected one of 1a0c, 2a2c)");
}

TEST(RequestTest, JsonFollowsTheContract) {
  LaborData d = Data();
  auto request = ParseGapRequest(d, {{"region", "BA"}, {"pathway", "HEA-03"}});
  ASSERT_TRUE(request.ok());
  auto result = RunGap(d, *request);
  ASSERT_TRUE(result.ok());
  nlohmann::json body = GapJson(d, *result, "batch-7");
  EXPECT_EQ(body["data_version"], "batch-7");
  EXPECT_EQ(body["area"]["type"], "region");
  EXPECT_EQ(body["area"]["code"], "BA");
  EXPECT_EQ(body["area"]["name"], "Bay Area");
  EXPECT_EQ(body["area"]["counties"], nlohmann::json({"06001", "06013"}));
  EXPECT_EQ(body["filter"]["kind"], "pathway");
  EXPECT_EQ(body["filter"]["code"], "HEA-03");
  EXPECT_EQ(body["filter"]["verified"], false);  // the pathway -> program mapping is to verify
  EXPECT_EQ(body["split"], "openings");
  EXPECT_EQ(body["education"], "sub_baccalaureate");
  EXPECT_EQ(body["demand_source"]["kind"], "regional");
  EXPECT_EQ(body["demand_source"]["national"], false);
  EXPECT_EQ(body["demand_source"]["sources"], nlohmann::json({"synthetic"}));
  EXPECT_EQ(body["demand_source"]["label"], "Synthetic regional projections (demo data)");
  EXPECT_EQ(body["supply_years"], nlohmann::json({2022, 2023, 2024}));
  // No county employment: the plain mean of 30 and 28.
  EXPECT_EQ(body["living_wage"]["hourly"], 29.0);
  EXPECT_EQ(body["living_wage"]["annual"], 60320.0);
  EXPECT_EQ(body["living_wage"]["household_type"], "1a0c");
  EXPECT_EQ(body["living_wage"]["source"], "test calculator 2024");
  EXPECT_THAT(body["living_wage"]["rule"].get<std::string>(), HasSubstr("mean of the area's counties"));
  EXPECT_EQ(body["totals"]["demand"], 120.0);
  EXPECT_EQ(body["totals"]["supply"], 80.0);
  EXPECT_EQ(body["totals"]["gap"], 40.0);
  ASSERT_EQ(body["occupations"].size(), 2u);
  const auto& lvn = body["occupations"][0];
  EXPECT_EQ(lvn["soc"], "29-2061");
  EXPECT_EQ(lvn["entry_education"], "Postsecondary nondegree award");
  EXPECT_EQ(lvn["demand"], 90.0);
  EXPECT_EQ(lvn["demand_growth"], 20.1);
  EXPECT_EQ(lvn["demand_exits"], 40.0);
  EXPECT_EQ(lvn["demand_transfers"], 29.9);
  EXPECT_EQ(lvn["employment"], 5400.0);
  EXPECT_EQ(lvn["supply"], 45.0);
  EXPECT_EQ(lvn["gap"], 45.0);
  EXPECT_EQ(lvn["ratio"], 0.5);
  EXPECT_EQ(lvn["variance"], -0.5);
  EXPECT_EQ(lvn["wage_p25_annual"], 57200.0);
  EXPECT_EQ(lvn["wage_median_annual"], 68848.0);
  EXPECT_EQ(lvn["p25_vs_living_wage"], "below");
  EXPECT_EQ(lvn["median_vs_living_wage"], "above");
  ASSERT_EQ(lvn["programs"].size(), 1u);
  EXPECT_EQ(lvn["programs"][0]["code_system"], "TOP");
  EXPECT_EQ(lvn["programs"][0]["code"], "1230.20");
  EXPECT_EQ(lvn["programs"][0]["title"], "Licensed Vocational Nursing");
  EXPECT_EQ(lvn["programs"][0]["award_level"], "certificate_long");
  EXPECT_EQ(lvn["programs"][0]["awards_mean"], 60.0);
  EXPECT_EQ(lvn["programs"][0]["years_used"], 3);
  EXPECT_EQ(lvn["programs"][0]["weight"], 0.75);
  EXPECT_EQ(lvn["programs"][0]["supply"], 45.0);
  EXPECT_EQ(lvn["flags"], nlohmann::json::array());
  // The program view of the pathway's program, and the mapping edition.
  ASSERT_EQ(body["program_view"].size(), 1u);
  EXPECT_EQ(body["program_view"][0]["openings_allocated"], 112.5);
  EXPECT_EQ(body["program_view"][0]["gap"], 52.5);
  EXPECT_TRUE(body["rollup"].is_null());
  EXPECT_EQ(body["mapping"]["edits_added"], 0);
}

TEST(RequestTest, FullCountTotalsAreNull) {
  LaborData d = Data();
  auto request = ParseGapRequest(d, {{"region", "BA"}, {"split", "full"}});
  ASSERT_TRUE(request.ok());
  auto result = RunGap(d, *request);
  ASSERT_TRUE(result.ok());
  nlohmann::json body = GapJson(d, *result, "v");
  EXPECT_EQ(body["totals"]["demand"], 120.0);
  EXPECT_TRUE(body["totals"]["supply"].is_null());
  EXPECT_TRUE(body["totals"]["gap"].is_null());
  EXPECT_EQ(body["rollup"]["by"], "sector");
  EXPECT_THAT(GapText(d, *result), HasSubstr("(not totalled: full count)"));
}

TEST(RequestTest, NationalScaledIsLabelledNational) {
  Inputs in;
  in.Occupation("31-9092", "Medical Assistants", "Postsecondary nondegree award")
      .National("31-9092", 800, 100, 44000)
      .NationalTotal(170000);
  in.Demand(AreaType::kRegion, "BA", "31-9092", 30).employment_base = 1700;
  LaborData d = in.Build();
  auto request = ParseGapRequest(d, {{"region", "BA"}, {"demand", "national_scaled"}});
  ASSERT_TRUE(request.ok());
  auto result = RunGap(d, *request);
  ASSERT_TRUE(result.ok());
  nlohmann::json body = GapJson(d, *result, "v");
  EXPECT_EQ(body["demand_source"]["kind"], "national_scaled");
  EXPECT_EQ(body["demand_source"]["national"], true);
  EXPECT_THAT(body["demand_source"]["label"].get<std::string>(), HasSubstr("National"));
  EXPECT_EQ(body["occupations"][0]["demand"], 1.0);  // 100,000 x 1,700 / 170,000,000
  EXPECT_THAT(body["occupations"][0]["flags"], ::testing::Contains("national"));
  EXPECT_THAT(GapText(d, *result), HasSubstr("National"));
}

TEST(RequestTest, CsvAndText) {
  LaborData d = Data();
  auto request = ParseGapRequest(d, {{"region", "BA"}, {"limit", "1"}});
  ASSERT_TRUE(request.ok());
  auto result = RunGap(d, *request);
  ASSERT_TRUE(result.ok());
  std::string csv = GapCsv(d, *result);
  EXPECT_THAT(csv, ::testing::StartsWith("soc,title,entry_education,demand,"));
  EXPECT_THAT(csv, HasSubstr("29-2061,Licensed Practical and Licensed Vocational Nurses,Postsecondary nondegree award,"
                             "90.00,20.10,40.00,29.90,5400.00,45.00,45.00,0.5000,-0.5000,27.50,33.10,57200.00,"
                             "68848.00,below,above,29.00,TOP:1230.20 certificate_long 45.00,"));
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 2);  // header + 1 (limit)
  std::string text = GapText(d, *result);
  EXPECT_THAT(text, HasSubstr("Area: Bay Area"));
  EXPECT_THAT(text, HasSubstr("1 of 2 occupations shown. Totals: demand 120.0, supply 80.0, gap 40.0"));
}

}  // namespace
}  // namespace pl::labor::test
