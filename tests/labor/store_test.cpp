// The loader on SQLite and on a real PostgreSQL server: rows written with SQL
// into the migrated tables (plus the shipped reference data) come back as
// the same gap table on both.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/test_database.hpp"
#include "labor/labor.hpp"
#include "labor/store_fixture.hpp"
#include "store/query.hpp"

namespace pl::labor::test {
namespace {

using pl::testing::Backend;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
constexpr double kEps = 1e-9;

class LaborStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    t_ = pl::testing::MakeTestDatabase(GetParam());
    ASSERT_TRUE(t_);
    InsertLaborFixture(*t_->db);
  }
  std::shared_ptr<const LaborData> Load() {
    auto data = LoadLaborData(*t_->db, "ccc");
    EXPECT_TRUE(data.ok()) << data.status().ToString();
    return data.ok() ? *data : std::make_shared<const LaborData>();
  }
  GapResult Gap(const LaborData& d, const std::map<std::string, std::string>& params) {
    auto request = ParseGapRequest(d, params);
    EXPECT_TRUE(request.ok()) << request.status().ToString();
    auto result = RunGap(d, *request);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return std::move(result).value();
  }
  std::unique_ptr<pl::testing::TestDatabase> t_;
};

TEST_P(LaborStoreTest, ReadsEveryTableIntoTheSameTable) {
  auto data = Load();
  const LaborData& d = *data;
  EXPECT_EQ(d.regions.size(), 8u);
  EXPECT_EQ(d.counties.size(), 58u);
  EXPECT_EQ(d.sectors.size(), 15u);
  EXPECT_EQ(d.pathways.size(), 58u);
  EXPECT_THAT(d.supply_years, ElementsAre(2022, 2023, 2024));  // 2021 is older than the last three
  const Id lvn = d.FindOccupation("29-2061");
  ASSERT_NE(lvn, kNoId);
  EXPECT_EQ(d.occupations[lvn].title, "Licensed Practical and Licensed Vocational Nurses");
  EXPECT_EQ(d.occupations[lvn].entry, EntryEducation::kPostsecondaryNondegree);
  EXPECT_FALSE(d.occupations[lvn].definition.empty());
  EXPECT_NEAR(d.occupations[lvn].national_openings_k, 54.4, kEps);
  EXPECT_EQ(d.programs[d.FindProgram(CodeSystem::kTop, "1230.00")].title, "Nursing");
  EXPECT_EQ(d.programs[d.FindProgram(CodeSystem::kCip, "51.3801")].title,
            "Registered Nursing/Registered Nurse");  // the final period of CIP titles dropped
  EXPECT_THAT(d.crosswalk_edition, HasSubstr("top_cip_soc_crosswalk.csv"));
  EXPECT_EQ(d.FindOccupation("99-9999"), kNoId);

  GapResult bay = Gap(d, {{"region", "BA"}});
  const GapTable& t = bay.table;
  EXPECT_NEAR(t.supply[lvn], 46.5, kEps);
  EXPECT_NEAR(t.supply[d.FindOccupation("31-1131")], 15.5, kEps);
  EXPECT_NEAR(t.supply[d.FindOccupation("31-9092")], 20, kEps);
  EXPECT_NEAR(t.wage_p25[lvn], 27.5, kEps);
  EXPECT_NEAR(t.living_wage_hourly, 31, kEps);
  std::vector<std::string> socs;
  for (Id s : bay.occupations) socs.push_back(d.occupations[s].soc);
  EXPECT_THAT(socs, ElementsAre("29-2061", "31-1131", "31-9092"));  // gaps 43.5, 14.5, 10
  EXPECT_NEAR(bay.totals.demand, 150, kEps);
  EXPECT_NEAR(*bay.totals.supply, 82, kEps);

  GapResult nurses = Gap(d, {{"region", "BA"}, {"education", "bachelor_plus"}});
  ASSERT_EQ(nurses.occupations.size(), 1u);
  EXPECT_EQ(d.occupations[nurses.occupations[0]].soc, "29-1141");
  EXPECT_NEAR(nurses.table.supply[nurses.occupations[0]], 100, kEps);  // CIP bachelor's awards

  GapResult pathway = Gap(d, {{"region", "BA"}, {"pathway", "HSM-04"}});
  EXPECT_GE(pathway.occupations.size(), 3u);
  ASSERT_EQ(pathway.program_view.size(), 2u);
  EXPECT_NEAR(pathway.program_view[0].openings_allocated + pathway.program_view[1].openings_allocated, 150, kEps);

  GapResult fresno = Gap(d, {{"county", "06019"}});
  ASSERT_EQ(fresno.occupations.size(), 1u);
  EXPECT_NEAR(fresno.table.supply[lvn], 8, kEps);
  EXPECT_THAT(FlagNames(fresno.table.flags[lvn]), ::testing::Contains("partial_years"));
  EXPECT_NEAR(fresno.table.living_wage_hourly, 22.5, kEps);

  GapResult national = Gap(d, {{"region", "BA"}, {"demand", "national_scaled"}});
  const double share = 4000000.0 / (169956.1 * 1000.0);
  EXPECT_NEAR(national.table.national_share, share, 1e-12);
  EXPECT_NEAR(national.table.Demand(lvn), 54.4 * 1000 * share, 1e-6);
}

TEST_P(LaborStoreTest, MappingEditsAreApplied) {
  ASSERT_TRUE(t_->db->Execute("INSERT INTO program_occupation_edit (code_system, program_code, soc_code, action, note) "
                              "VALUES ('TOP', '1230.00', '31-1131', 'remove', 'not a nursing assistant program'), "
                              "('TOP', '1208.00', '29-2061', 'add', NULL)")
                  .ok());
  auto data = Load();
  const LaborData& d = *data;
  EXPECT_EQ(d.edits_added, 1);
  EXPECT_EQ(d.edits_removed, 1);
  GapResult bay = Gap(d, {{"region", "BA"}});
  // 1230.00 now feeds LVN alone (62); 1208.00 splits 90:30 between LVN and medical assistants.
  EXPECT_NEAR(bay.table.supply[d.FindOccupation("29-2061")], 62 + 15, kEps);
  EXPECT_NEAR(bay.table.supply[d.FindOccupation("31-1131")], 0, kEps);
  EXPECT_NEAR(bay.table.supply[d.FindOccupation("31-9092")], 5, kEps);
}

TEST_P(LaborStoreTest, StoredRowsThatDoNotFitAreRefused) {
  ASSERT_TRUE(t_->db->Execute("INSERT INTO labor_demand (area_type, area_code, soc_code, base_year, projected_year, "
                              "openings_annual, source) VALUES ('region', 'ZZ', '29-2061', 2024, 2034, 1, 'x')")
                  .ok());
  auto data = LoadLaborData(*t_->db, "ccc");
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(data.status().message(), HasSubstr("unknown region code: ZZ"));
}

TEST_P(LaborStoreTest, UnknownAwardLevelIsRefused) {
  ASSERT_TRUE(t_->db->Execute("INSERT INTO program_awards (org_id, code_system, program_code, award_level, "
                              "academic_year, awards, source) VALUES ('CC-A', 'TOP', '1230.00', 'diploma', 2024, 1, 'x')")
                  .ok());
  auto data = LoadLaborData(*t_->db, "ccc");
  ASSERT_FALSE(data.ok());
  EXPECT_THAT(data.status().message(), HasSubstr("unknown award_level: diploma"));
}

TEST_P(LaborStoreTest, EmptyLaborTablesGiveAnEmptyTable) {
  auto empty = pl::testing::MakeTestDatabase(GetParam());
  auto data = LoadLaborData(*empty->db, "ccc");
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_TRUE((*data)->supply_years.empty());
  GapResult r = Gap(**data, {{"region", "BA"}});
  EXPECT_TRUE(r.occupations.empty());
  EXPECT_EQ(r.totals.demand, 0);
}

TEST_P(LaborStoreTest, CacheLoadsOncePerDataVersion) {
  DataCache cache("ccc");
  auto first = cache.Get(*t_->db, "v1");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto again = cache.Get(*t_->db, "v1");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(first->get(), again->get());  // the same load
  EXPECT_EQ((*first)->edits_added, 0);
  // Changes come with a new data version (every import is one): a new load sees them.
  ASSERT_TRUE(t_->db->Execute("INSERT INTO program_occupation_edit (code_system, program_code, soc_code, action) "
                              "VALUES ('TOP', '1208.00', '29-2061', 'add')")
                  .ok());
  auto next_version = cache.Get(*t_->db, "v2");
  ASSERT_TRUE(next_version.ok());
  EXPECT_NE(first->get(), next_version->get());
  EXPECT_EQ((*next_version)->edits_added, 1);
  auto same = cache.Get(*t_->db, "v2");
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(next_version->get(), same->get());
}

INSTANTIATE_TEST_SUITE_P(Backends, LaborStoreTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         pl::testing::BackendName);

}  // namespace
}  // namespace pl::labor::test
