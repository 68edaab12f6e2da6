// The store on both backends: migrations, transactions, reference data.
#include <fstream>

#include <gtest/gtest.h>

#include "ingest/reference_data.hpp"
#include "integration/test_database.hpp"
#include "store/query.hpp"

namespace pl::testing {
namespace {

using store::Param;
using store::QueryInteger;

class StoreTest : public ::testing::TestWithParam<Backend> {};

TEST_P(StoreTest, MigrationsApplyOnceAndRecordTheirVersion) {
  auto t = MakeTestDatabase(GetParam(), /*load_reference=*/false);
  ASSERT_TRUE(t);
  auto version = t->db->SchemaVersion();
  ASSERT_TRUE(version.ok()) << version.status().ToString();
  EXPECT_EQ(*version, store::Migrations().back().version);
  EXPECT_EQ(*QueryInteger(*t->db, "SELECT count(*) FROM schema_version"),
            static_cast<long long>(store::Migrations().size()));
  // Running again changes nothing.
  ASSERT_TRUE(t->db->Migrate().ok());
  EXPECT_EQ(*QueryInteger(*t->db, "SELECT count(*) FROM schema_version"),
            static_cast<long long>(store::Migrations().size()));
}

TEST_P(StoreTest, FailedTransactionLeavesNoTrace) {
  auto t = MakeTestDatabase(GetParam(), false);
  ASSERT_TRUE(t);
  Status s = store::InTransaction(*t->db, [&]() -> Status {
    PL_RETURN_IF_ERROR(t->db->Execute("INSERT INTO county (county_fips, name) VALUES ('06999', 'Nowhere')"));
    return Internal("simulated failure after the insert");
  });
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_EQ(*QueryInteger(*t->db, "SELECT count(*) FROM county"), 0);
  ASSERT_TRUE(store::InTransaction(*t->db, [&] {
                return t->db->Execute("INSERT INTO county (county_fips, name) VALUES ('06999', 'Nowhere')");
              }).ok());
  EXPECT_EQ(*QueryInteger(*t->db, "SELECT count(*) FROM county"), 1);
}

TEST_P(StoreTest, ConstraintsHoldOnBothBackends) {
  auto t = MakeTestDatabase(GetParam(), false);
  ASSERT_TRUE(t);
  // A county FIPS code is five characters; an organization's type is a code.
  EXPECT_FALSE(t->db->Execute("INSERT INTO county (county_fips, name) VALUES ('6019', 'Fresno')").ok());
  ASSERT_TRUE(t->db->Execute("INSERT INTO county (county_fips, name) VALUES ('06019', 'Fresno')").ok());
  EXPECT_FALSE(t->db->Execute("INSERT INTO organization (org_id, org_type, name, county_fips) "
                              "VALUES ('X', 'spaceport', 'X', '06019')")
                   .ok());
  // References are enforced (SQLite needs PRAGMA foreign_keys, set on open).
  EXPECT_FALSE(t->db->Execute("INSERT INTO organization (org_id, org_type, name, county_fips) "
                              "VALUES ('X', 'school', 'X', '06001')")
                   .ok());
  EXPECT_FALSE(t->db->Execute("INSERT INTO student_year (student_key, school_year, org_id, grade_level) "
                              "VALUES ('S1', 2024, 'nowhere', '09')")
                   .ok());
}

TEST_P(StoreTest, ReferenceDataIsLoadedCompletely) {
  auto t = MakeTestDatabase(GetParam());
  ASSERT_TRUE(t);
  auto& db = *t->db;
  EXPECT_EQ(*QueryInteger(db, "SELECT count(*) FROM county"), 58);
  EXPECT_EQ(*QueryInteger(db, "SELECT count(*) FROM region_assignment WHERE scheme_code = 'ccc'"), 58);
  EXPECT_EQ(*QueryInteger(db, "SELECT count(DISTINCT region_code) FROM region_assignment"), 8);
  EXPECT_EQ(*QueryInteger(db, "SELECT count(*) FROM cte_sector"), 15);
  EXPECT_EQ(*QueryInteger(db, "SELECT count(*) FROM cte_pathway"), 58);
  EXPECT_EQ(*QueryInteger(db, "SELECT count(*) FROM soc_occupation"), 1447);
  EXPECT_EQ(*QueryInteger(db, "SELECT count(*) FROM soc_occupation WHERE level = 'detailed'"), 867);
  EXPECT_EQ(*QueryInteger(db, "SELECT count(*) FROM cip_program"), 2848);
  EXPECT_EQ(*QueryInteger(db, "SELECT count(*) FROM top_code"), 384);
  // The COE file has 2,230 rows, 10 of them exact repeats of the row above.
  EXPECT_EQ(*QueryInteger(db, "SELECT count(*) FROM top_cip_soc"), 2220);
  EXPECT_EQ(*QueryInteger(db, "SELECT count(*) FROM occupation_projection"), 1113);
  EXPECT_EQ(*QueryInteger(db, "SELECT count(*) FROM occupation_projection WHERE median_wage_top_coded = 1"), 19);
  EXPECT_EQ(*QueryInteger(db, "SELECT median_wage FROM occupation_projection WHERE soc_code = '29-1022'"), 239200);
  EXPECT_EQ(*QueryInteger(db, "SELECT count(*) FROM reference_version"),
            static_cast<long long>(ingest::ReferenceFiles().size()));
  // Provenance flags survive the load.
  EXPECT_EQ(*QueryInteger(db, "SELECT count(*) FROM cte_pathway WHERE source = 'partly_corroborated'"), 25);
}

TEST_P(StoreTest, UnchangedReferenceFilesAreSkippedAndChangedOnesReloaded) {
  auto t = MakeTestDatabase(GetParam());
  ASSERT_TRUE(t);
  auto again = ingest::LoadReferenceData(*t->db, DataDir(), (t->dir / "rejects").string(), nullptr);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  for (const auto& load : *again) EXPECT_FALSE(load.loaded) << load.code_set;

  // A new release of the sectors file renames a sector: it is reloaded.
  auto data = t->dir / "data";
  std::filesystem::copy(DataDir(), data);
  std::ifstream in(data / "cte_sectors.csv");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  auto at = text.find("Transportation");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 14, "Transportation and Logistics");
  WriteFile(data / "cte_sectors.csv", text);
  auto reloaded = ingest::LoadReferenceData(*t->db, data.string(), (t->dir / "rejects").string(), nullptr);
  ASSERT_TRUE(reloaded.ok()) << reloaded.status().ToString();
  for (const auto& load : *reloaded) EXPECT_EQ(load.loaded, load.code_set == "sectors") << load.code_set;
  EXPECT_EQ(*QueryInteger(*t->db, "SELECT count(*) FROM cte_sector WHERE name = 'Transportation and Logistics'"), 1);
}

TEST_P(StoreTest, MissingReferenceFileIsNamed) {
  auto t = MakeTestDatabase(GetParam(), false);
  ASSERT_TRUE(t);
  auto loads = ingest::LoadReferenceData(*t->db, (t->dir / "no-such-folder").string(), t->dir.string(), nullptr);
  ASSERT_FALSE(loads.ok());
  EXPECT_EQ(loads.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(loads.status().message().find("ca_counties.csv"), std::string::npos) << loads.status().message();
}

TEST_P(StoreTest, QueryJsonBindsParametersAndMapsTypes) {
  auto t = MakeTestDatabase(GetParam());
  ASSERT_TRUE(t);
  auto rows = store::QueryJson(*t->db,
                               "SELECT county_fips, name, 5 AS n, NULL AS missing FROM county "
                               "WHERE name = :p0 OR county_fips = :p1 ORDER BY county_fips",
                               {Param::Text("Fresno"), Param::Text("06001")});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0]["name"], "Alameda");
  EXPECT_EQ((*rows)[1]["county_fips"], "06019");
  EXPECT_EQ((*rows)[0]["n"], 5);
  EXPECT_TRUE((*rows)[0]["missing"].is_null());
  // SQL text is never built from parameters: a quote is just a character.
  auto none = store::QueryJson(*t->db, "SELECT name FROM county WHERE name = :p0",
                               {Param::Text("x' OR '1'='1")});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto bad = store::QueryJson(*t->db, "SELECT nope FROM county");
  EXPECT_EQ(bad.status().code(), StatusCode::kInternal);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres), BackendName);

}  // namespace
}  // namespace pl::testing
