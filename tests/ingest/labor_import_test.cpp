// The labor-market kinds on both backends: good rows stored with their
// values, every rule rejecting with its column and reason while the good
// rows of the same file are stored, idempotent re-imports, the shipped
// pathway -> program mapping, and the generator's files importing cleanly.
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/importer.hpp"
#include "ingest/reference_data.hpp"
#include "integration/test_database.hpp"
#include "store/query.hpp"
#include "synthetic/reference_input.hpp"
#include "synthetic/synthetic.hpp"

namespace pl::testing {
namespace {

using ::testing::HasSubstr;
using store::QueryInteger;

constexpr const char* kOrganizations =
    "org_id,org_type,name,county_fips\n"
    "COL-1,college,Valley College,06019\n"
    "UNIV-1,university,Valley State University,06019\n";

constexpr const char* kDemandHeader =
    "area_type,area_code,soc_code,base_year,projected_year,employment_base,employment_projected,openings_annual,"
    "openings_growth,openings_exits,openings_transfers,wage_median_hourly,wage_p25_hourly,entry_education,source\n";

class LaborImportTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    t_ = MakeTestDatabase(GetParam());
    ASSERT_TRUE(t_);
    importer_ = std::make_unique<ingest::Importer>(*t_->db);
  }

  std::string Write(const std::string& name, const std::string& content) { return WriteFile(t_->dir / name, content); }

  Result<ingest::ImportReport> Import(const std::string& kind, const std::string& path) {
    auto spec = ingest::FindKind(kind);
    if (!spec.ok()) return spec.status();
    ingest::ImportOptions options;
    options.rejects_dir = (t_->dir / "rejects").string();
    return importer_->ImportFile(**spec, path, options);
  }

  // Imports `content` as `kind`, checks the accounting and returns the
  // reject file's text.
  std::string ImportExpecting(const std::string& kind, const std::string& content, std::uint64_t stored,
                              std::uint64_t rejected) {
    auto report = Import(kind, Write(kind + ".csv", content));
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    if (!report.ok()) return "";
    EXPECT_EQ(report->rows_read, report->rows_stored + report->rows_rejected);
    EXPECT_EQ(report->rows_stored, stored) << kind;
    EXPECT_EQ(report->rows_rejected, rejected) << kind;
    if (report->rejects_file.empty()) return "";
    std::ifstream in(report->rejects_file);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  }

  void ImportOrganizations() { ImportExpecting("organizations", kOrganizations, 2, 0); }

  long long Count(const std::string& table) { return *QueryInteger(*t_->db, "SELECT count(*) FROM " + table); }

  // Imports the same file twice: the second time nothing changes.
  void ExpectIdempotent(const std::string& kind, const std::string& content, long long rows_in_table,
                        const std::string& table) {
    std::string path = Write(kind + "-again.csv", content);
    auto first = Import(kind, path);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    auto second = Import(kind, path);
    ASSERT_TRUE(second.ok()) << second.status().ToString();
    EXPECT_EQ(second->rows_stored, first->rows_stored);
    EXPECT_EQ(second->rows_changed, 0u) << kind;
    EXPECT_EQ(second->checksum, first->checksum);
    EXPECT_EQ(Count(table), rows_in_table) << kind;
  }

  std::unique_ptr<TestDatabase> t_;
  std::unique_ptr<ingest::Importer> importer_;
};

// ---------------------------------------------------------------------------
// Shipped reference data

TEST_P(LaborImportTest, ThePathwayProgramMappingIsLoadedForEveryPathway) {
  EXPECT_EQ(Count("pathway_program"), 264);
  EXPECT_EQ(Count("(SELECT DISTINCT pathway_code FROM pathway_program) AS p"), Count("cte_pathway"));
  EXPECT_EQ(Count("pathway_program WHERE source = 'general_knowledge_to_verify'"), 264);
  EXPECT_EQ(Count("pathway_program WHERE code_system = 'TOP' AND program_code IN (SELECT top_code FROM top_code)"),
            264);
  EXPECT_EQ(*QueryInteger(*t_->db, "SELECT row_count FROM reference_version WHERE code_set = 'pathway_programs'"),
            264);
  EXPECT_EQ(Count("pathway_program WHERE pathway_code = 'HSM-04' AND program_code = '1230.10'"), 1);
  EXPECT_EQ(Count("pathway_program WHERE pathway_code = 'MPD-03' AND program_code = '0956.50'"), 1);
  // Loading again (unchanged checksum) reads nothing.
  auto loads = ingest::LoadReferenceData(*t_->db, DataDir(), (t_->dir / "rejects").string(), nullptr);
  ASSERT_TRUE(loads.ok()) << loads.status().ToString();
  for (const auto& load : *loads) EXPECT_FALSE(load.loaded) << load.code_set;
}

// ---------------------------------------------------------------------------
// labor_demand

TEST_P(LaborImportTest, LaborDemandStoresGoodRowsAndRejectsEachRule) {
  std::string content = std::string(kDemandHeader) +
      "region,BA,29-2061,2024,2034,5400,5810,530.5,41,210.2,279.3,33.10,27.50,Postsecondary nondegree award,EDD\n"  // 2 good
      "county,06019,29-2061,2024,2034,,,120,,,,,,,EDD\n"                  // 3 good: no split, no wages
      "state,CA,13-1020,2024,2034,,,10,-2.5,5,7.5,30,,,EDD\n"              // 4 good: BLS matrix code, shrinking
      "nation,US,29-2061,2024,2034,,,100.4,10,40,50,,,,BLS\n"              // 5 good: within 0.5%
      "region,XX,29-2061,2024,2034,,,10,,,,,,,EDD\n"                       // 6 unknown region
      "county,BA,29-2061,2024,2034,,,10,,,,,,,EDD\n"                       // 7 region code as a county
      "state,US,29-2061,2024,2034,,,10,,,,,,,EDD\n"                        // 8 state must be CA
      "nation,CA,29-2061,2024,2034,,,10,,,,,,,EDD\n"                       // 9 nation must be US
      "city,BA,29-2061,2024,2034,,,10,,,,,,,EDD\n"                         // 10 unknown area type
      "region,BA,29-0000,2024,2034,,,10,,,,,,,EDD\n"                       // 11 a major group is no occupation
      "region,BA,29-1140,2024,2034,,,10,,,,,,,EDD\n"                       // 12 a broad group neither
      "region,BA,29-1141,2024,2024,,,10,,,,,,,EDD\n"                       // 13 projected_year = base_year
      "region,BA,29-1141,2024,2034,,,100,10,40,40,,,,EDD\n"                // 14 components 90 != 100
      "region,BA,29-1171,2024,2034,,,10,,,,25,26,,EDD\n"                   // 15 p25 above median
      "region,BA,31-1131,2024,2034,,,-1,,,,,,,EDD\n"                       // 16 negative openings
      "region,BA,31-1131,2024,2034,,,,,,,,,,EDD\n"                         // 17 openings missing
      "region,BA,31-1131,2024,2034,,,10,,,,,,Associate degree,EDD\n"       // 18 not BLS wording
      "region,BA,31-1131,2024,2034,,,10,,,,,,,\n"                          // 19 source missing
      "region,BA,29-2061,2024,2034,,,10,,,,,,,EDD\n";                      // 20 duplicate of line 2
  std::string rejects = ImportExpecting("labor_demand", content, 4, 15);
  EXPECT_THAT(rejects, HasSubstr("6,area_code,XX,\"unknown region code XX for area_type region: expected one of BA, CVML"));
  EXPECT_THAT(rejects, HasSubstr("7,area_code,BA,\"unknown county FIPS code BA for area_type county"));
  EXPECT_THAT(rejects, HasSubstr("8,area_code,US,expected CA for area_type state; got US"));
  EXPECT_THAT(rejects, HasSubstr("9,area_code,CA,expected US for area_type nation; got CA"));
  EXPECT_THAT(rejects, HasSubstr("10,area_type,city,\"unknown area_type code: expected one of county, nation, region, state\""));
  EXPECT_THAT(rejects, HasSubstr("11,soc_code,29-0000,\"unknown soc code"));
  EXPECT_THAT(rejects, HasSubstr("12,soc_code,29-1140,\"unknown soc code"));
  EXPECT_THAT(rejects, HasSubstr("13,projected_year,2024,must be after base_year (2024 <= 2024)"));
  EXPECT_THAT(rejects, HasSubstr("14,openings_annual,100,openings_growth + openings_exits + openings_transfers = 90 "
                                 "differs from openings_annual 100 by more than 0.5%"));
  EXPECT_THAT(rejects, HasSubstr("15,wage_p25_hourly,26,must not exceed wage_median_hourly (26 > 25)"));
  EXPECT_THAT(rejects, HasSubstr("16,openings_annual,-1,expected a number from 0 to 100000000"));
  EXPECT_THAT(rejects, HasSubstr("17,openings_annual,,required"));
  EXPECT_THAT(rejects, HasSubstr("18,entry_education,Associate degree,\"unknown entry_education code"));
  EXPECT_THAT(rejects, HasSubstr("19,source,,required"));
  EXPECT_THAT(rejects, HasSubstr("20,area_type+area_code+soc_code+base_year,region|BA|29-2061|2024,\"duplicate of line 2"));

  EXPECT_EQ(Count("labor_demand"), 4);
  auto row = store::QueryJson(*t_->db, "SELECT * FROM labor_demand WHERE area_type = 'region' AND area_code = 'BA'");
  ASSERT_TRUE(row.ok());
  ASSERT_EQ(row->size(), 1u);
  const auto& r = (*row)[0];
  EXPECT_EQ(r["soc_code"], "29-2061");
  EXPECT_EQ(r["base_year"], 2024);
  EXPECT_EQ(r["projected_year"], 2034);
  EXPECT_DOUBLE_EQ(r["employment_base"].get<double>(), 5400);
  EXPECT_DOUBLE_EQ(r["openings_annual"].get<double>(), 530.5);
  EXPECT_DOUBLE_EQ(r["openings_transfers"].get<double>(), 279.3);
  EXPECT_DOUBLE_EQ(r["wage_p25_hourly"].get<double>(), 27.5);
  EXPECT_EQ(r["entry_education"], "Postsecondary nondegree award");
  auto shrinking = store::QueryJson(*t_->db, "SELECT openings_growth, wage_p25_hourly FROM labor_demand WHERE area_type = 'state'");
  EXPECT_DOUBLE_EQ((*shrinking)[0]["openings_growth"].get<double>(), -2.5);
  EXPECT_TRUE((*shrinking)[0]["wage_p25_hourly"].is_null());
}

TEST_P(LaborImportTest, LaborDemandReimportChangesNothingAndACorrectionUpdatesInPlace) {
  std::string content = std::string(kDemandHeader) +
                        "region,BA,29-2061,2024,2034,5400,5810,530.5,41,210.2,279.3,33.10,27.50,,EDD\n"
                        "region,LA,29-2061,2024,2034,9000,9500,800,50,350,400,30,25,,EDD\n";
  ExpectIdempotent("labor_demand", content, 2, "labor_demand");
  auto corrected = Import("labor_demand", Write("fix.csv", std::string(kDemandHeader) +
                                                   "region,LA,29-2061,2024,2034,9000,9500,800,50,350,400,31,25,,EDD\n"));
  ASSERT_TRUE(corrected.ok());
  EXPECT_EQ(corrected->rows_changed, 1u);
  EXPECT_EQ(Count("labor_demand"), 2);
  EXPECT_EQ(Count("labor_demand WHERE wage_median_hourly = 31"), 1);
  // Another base year is another row.
  auto next = Import("labor_demand", Write("next.csv", std::string(kDemandHeader) +
                                              "region,LA,29-2061,2025,2035,,,810,,,,,,,EDD\n"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(Count("labor_demand"), 3);
}

// ---------------------------------------------------------------------------
// program_awards

TEST_P(LaborImportTest, ProgramAwardsStoresGoodRowsAndRejectsEachRule) {
  ImportOrganizations();
  std::string content =
      "org_id,code_system,program_code,award_level,academic_year,awards,source\n"
      "COL-1,TOP,1230.20,certificate_long,2023-24,95,Data Mart\n"   // 2 good
      "COL-1,TOP,1230.20,certificate_long,2023,90,Data Mart\n"      // 3 good: another year
      "UNIV-1,CIP,51.3801,bachelor,2024,40,IPEDS\n"                 // 4 good
      "COL-1,TOP,1230.30,noncredit_certificate,2024,0,Data Mart\n"  // 5 good: zero awards
      "COL-1,TOP,51.3801,associate,2024,10,Data Mart\n"             // 6 a CIP code as TOP
      "UNIV-1,CIP,1230.20,bachelor,2024,10,IPEDS\n"                 // 7 a TOP code as CIP
      "COL-1,TOP,9999.99,associate,2024,10,Data Mart\n"             // 8 unknown TOP code
      "COL-9,TOP,1230.20,associate,2024,10,Data Mart\n"             // 9 unknown institution
      "COL-1,SOC,29-1141,associate,2024,10,Data Mart\n"             // 10 unknown code system
      "COL-1,TOP,1230.20,diploma,2024,10,Data Mart\n"               // 11 unknown award level
      "COL-1,TOP,1230.20,associate,2024-26,10,Data Mart\n"          // 12 not a school year
      "COL-1,TOP,1230.20,associate,2024,-3,Data Mart\n"             // 13 negative count
      "COL-1,TOP,1230.20,associate,2024,2.5,Data Mart\n"            // 14 fractional count
      "COL-1,TOP,1230.20,certificate_long,2024,1,Data Mart\n";      // 15 duplicate of line 2 (2023-24 = 2024)
  std::string rejects = ImportExpecting("program_awards", content, 4, 10);
  EXPECT_THAT(rejects, HasSubstr("6,program_code,51.3801,\"unknown TOP code 51.3801: expected one of 384 codes"));
  EXPECT_THAT(rejects, HasSubstr("7,program_code,1230.20,\"unknown CIP code 1230.20: expected one of"));
  EXPECT_THAT(rejects, HasSubstr("8,program_code,9999.99,\"unknown TOP code 9999.99"));
  EXPECT_THAT(rejects, HasSubstr("9,org_id,COL-9,unknown org_id: not in the database nor earlier in this import"));
  EXPECT_THAT(rejects, HasSubstr("10,code_system,SOC,\"unknown code_system code: expected one of CIP, TOP\""));
  EXPECT_THAT(rejects, HasSubstr("11,award_level,diploma,\"unknown award_level code: expected one of associate, "
                                 "bachelor, certificate_long, certificate_short, graduate, noncredit_certificate\""));
  EXPECT_THAT(rejects, HasSubstr("12,academic_year,2024-26,expected a school year"));
  EXPECT_THAT(rejects, HasSubstr("13,awards,-3,expected a whole number from 0 to 1000000"));
  EXPECT_THAT(rejects, HasSubstr("14,awards,2.5,expected a whole number"));
  EXPECT_THAT(rejects, HasSubstr("15,org_id+code_system+program_code+award_level+academic_year,"
                                 "COL-1|TOP|1230.20|certificate_long|2024,\"duplicate of line 2"));
  EXPECT_EQ(Count("program_awards"), 4);
  EXPECT_EQ(*QueryInteger(*t_->db, "SELECT awards FROM program_awards WHERE academic_year = 2024 AND "
                                   "program_code = '1230.20'"),
            95);
  EXPECT_EQ(*QueryInteger(*t_->db, "SELECT awards FROM program_awards WHERE academic_year = 2023"), 90);
  ExpectIdempotent("program_awards",
                   "org_id,code_system,program_code,award_level,academic_year,awards,source\n"
                   "COL-1,TOP,1230.20,certificate_long,2024,95,Data Mart\n"
                   "UNIV-1,CIP,51.3801,bachelor,2024,40,IPEDS\n",
                   4, "program_awards");
}

// ---------------------------------------------------------------------------
// living_wage

TEST_P(LaborImportTest, LivingWageStoresGoodRowsRejectsEachRuleAndReimportsInPlace) {
  std::string content =
      "county_fips,household_type,hourly_wage,year,source\n"
      "06019,1a0c,24.10,2024,MIT 2024\n"   // 2 good
      "06019,2a2c,31.25,2024,MIT 2024\n"   // 3 good
      "06001,1a1c,58,2024,MIT 2024\n"      // 4 good
      "06999,1a0c,25,2024,MIT 2024\n"      // 5 unknown county
      "6019,1a0c,25,2024,MIT 2024\n"       // 6 not a FIPS code
      "06001,3a0c,25,2024,MIT 2024\n"      // 7 unknown household type
      "06001,1a0c,0,2024,MIT 2024\n"       // 8 not positive
      "06001,1a0c,$25,2024,MIT 2024\n"     // 9 not a number
      "06001,1a0c,25,24,MIT 2024\n"        // 10 not a year
      "06019,1a0c,25.00,2025,MIT 2025\n";  // 11 duplicate of line 2
  std::string rejects = ImportExpecting("living_wage", content, 3, 7);
  EXPECT_THAT(rejects, HasSubstr("5,county_fips,06999,\"unknown county code: expected one of 58 codes"));
  EXPECT_THAT(rejects, HasSubstr("6,county_fips,6019,\"unknown county code"));
  EXPECT_THAT(rejects, HasSubstr("7,household_type,3a0c,\"unknown household_type code: expected one of 1a0c, 1a1c, "
                                 "1a2c, 1a3c, 2a0c, 2a1c, 2a2c, 2a3c\""));
  EXPECT_THAT(rejects, HasSubstr("8,hourly_wage,0,expected a number from 0.01 to 1000"));
  EXPECT_THAT(rejects, HasSubstr("9,hourly_wage,$25,expected a number"));
  EXPECT_THAT(rejects, HasSubstr("10,year,24,expected a whole number from 2000 to 2100"));
  EXPECT_THAT(rejects, HasSubstr("11,county_fips+household_type,06019|1a0c,\"duplicate of line 2"));
  EXPECT_EQ(Count("living_wage"), 3);
  ExpectIdempotent("living_wage",
                   "county_fips,household_type,hourly_wage,year,source\n06019,1a0c,24.10,2024,MIT 2024\n", 3,
                   "living_wage");
  // A new vintage replaces the county's figure (the key has no year).
  auto update = Import("living_wage", Write("2025.csv", "county_fips,household_type,hourly_wage,year,source\n"
                                                        "06019,1a0c,25.05,2025,MIT 2025\n"));
  ASSERT_TRUE(update.ok());
  EXPECT_EQ(update->rows_changed, 1u);
  EXPECT_EQ(Count("living_wage WHERE county_fips = '06019' AND household_type = '1a0c' AND year = 2025"), 1);
  EXPECT_EQ(Count("living_wage"), 3);
}

// ---------------------------------------------------------------------------
// pathway_programs and program_occupation_edits

TEST_P(LaborImportTest, PathwayProgramsAddToTheShippedMappingAndRejectEachRule) {
  std::string content =
      "pathway_code,code_system,program_code,source\n"
      "HSM-04,CIP,51.3901,advisory committee\n"                     // 2 good: a CIP code
      "HSM-04,TOP,1230.20,advisory committee\n"                     // 3 good: a shipped row, new source
      "HSM-99,TOP,1230.20,advisory committee\n"                     // 4 unknown pathway
      "HSM-04,CIP,99.9999,advisory committee\n"                     // 5 unknown CIP code
      "HSM-04,TOP,1230,advisory committee\n"                        // 6 unknown TOP code
      "HSM-04,TOP,1230.20,\n";                                      // 7 source missing
  std::string rejects = ImportExpecting("pathway_programs", content, 2, 4);
  EXPECT_THAT(rejects, HasSubstr("4,pathway_code,HSM-99,\"unknown pathway code: expected one of 58 codes"));
  EXPECT_THAT(rejects, HasSubstr("5,program_code,99.9999,\"unknown CIP code 99.9999"));
  EXPECT_THAT(rejects, HasSubstr("6,program_code,1230,\"unknown TOP code 1230:"));
  EXPECT_THAT(rejects, HasSubstr("7,source,,required"));
  EXPECT_EQ(Count("pathway_program"), 265);
  EXPECT_EQ(Count("pathway_program WHERE program_code = '1230.20' AND source = 'advisory committee'"), 1);
  ExpectIdempotent("pathway_programs", "pathway_code,code_system,program_code,source\nHSM-04,CIP,51.3901,advisory committee\n",
                   265, "pathway_program");
}

TEST_P(LaborImportTest, ProgramOccupationEditsAddAndRemoveLinksAndRejectEachRule) {
  // The crosswalk links TOP 1230.10 (Registered Nursing) to 29-1141.
  ASSERT_EQ(Count("top_cip_soc WHERE top_code = '1230.10' AND soc_code = '29-1141'"), 1);
  std::string content =
      "code_system,program_code,soc_code,action,note\n"
      "TOP,1230.20,31-1131,add,\"Advisory committee, March 2025\"\n"  // 2 good add
      "TOP,1230.10,29-1141,remove,\n"                                 // 3 good remove of a crosswalk link
      "CIP,51.3801,29-1141,remove,\n"                                 // 4 good remove (CIP side)
      "TOP,1230.10,31-1131,remove,\n"                                 // 5 no such link to remove
      "TOP,1230.10,29-1140,add,\n"                                    // 6 a broad group is no occupation
      "TOP,9999.99,29-1141,add,\n"                                    // 7 unknown TOP code
      "TOP,1230.10,29-2061,delete,\n"                                 // 8 unknown action
      "TOP,1230.20,31-1131,add,again\n";                              // 9 duplicate of line 2
  std::string rejects = ImportExpecting("program_occupation_edits", content, 3, 5);
  EXPECT_THAT(rejects, HasSubstr("5,action,remove,the crosswalk has no link from TOP 1230.10 to 31-1131 to remove"));
  EXPECT_THAT(rejects, HasSubstr("6,soc_code,29-1140,\"unknown soc code"));
  EXPECT_THAT(rejects, HasSubstr("7,program_code,9999.99,\"unknown TOP code 9999.99"));
  EXPECT_THAT(rejects, HasSubstr("8,action,delete,\"unknown edit_action code: expected one of add, remove\""));
  EXPECT_THAT(rejects, HasSubstr("9,code_system+program_code+soc_code,TOP|1230.20|31-1131,\"duplicate of line 2"));
  EXPECT_EQ(Count("program_occupation_edit"), 3);
  auto note = store::QueryJson(*t_->db, "SELECT note FROM program_occupation_edit WHERE action = 'add'");
  EXPECT_EQ((*note)[0]["note"], "Advisory committee, March 2025");
  EXPECT_EQ(Count("program_occupation_edit WHERE note IS NULL"), 2);
  // Changing one's mind is an update of the same key.
  auto undo = Import("program_occupation_edits", Write("undo.csv", "code_system,program_code,soc_code,action,note\n"
                                                                   "TOP,1230.10,29-1141,add,restored\n"));
  ASSERT_TRUE(undo.ok());
  EXPECT_EQ(undo->rows_changed, 1u);
  EXPECT_EQ(Count("program_occupation_edit WHERE program_code = '1230.10' AND action = 'add'"), 1);
  ExpectIdempotent("program_occupation_edits",
                   "code_system,program_code,soc_code,action,note\nTOP,1230.10,29-1141,add,restored\n", 3,
                   "program_occupation_edit");
}

// ---------------------------------------------------------------------------
// The generator's files

TEST_P(LaborImportTest, GeneratedLaborFilesImportWithoutRejectsAndReimportUnchanged) {
  const std::filesystem::path out = t_->dir / "generated";
  synthetic::Options options;
  options.out_dir = out.string();
  NullProgress progress;
  auto summary = synthetic::Generate(synthetic::testing::LoadReferenceInput(), options, progress);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  struct File {
    const char* kind;
    std::uint64_t rows;
    const char* table;
  };
  const File files[] = {{"organizations", summary->organizations, "organization"},
                        {"labor_demand", summary->labor_demand, "labor_demand"},
                        {"program_awards", summary->program_awards, "program_awards"},
                        {"living_wage", summary->living_wage, "living_wage"}};
  for (const File& f : files) {
    auto report = Import(f.kind, (out / (std::string(f.kind) + ".csv")).string());
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->rows_rejected, 0u) << f.kind << ": see " << report->rejects_file;
    EXPECT_EQ(report->rows_stored, f.rows) << f.kind;
    EXPECT_EQ(Count(f.table), static_cast<long long>(f.rows)) << f.kind;
  }
  EXPECT_EQ(Count("labor_demand WHERE source <> 'synthetic'"), 0);
  EXPECT_EQ(Count("(SELECT DISTINCT area_code FROM labor_demand) AS r"), 8);
  EXPECT_EQ(Count("(SELECT DISTINCT county_fips FROM living_wage) AS c"), 58);
  for (const File& f : files) {
    auto again = Import(f.kind, (out / (std::string(f.kind) + ".csv")).string());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->rows_changed, 0u) << f.kind;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, LaborImportTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendName);

}  // namespace
}  // namespace pl::testing
