#include "labor/store_fixture.hpp"

#include <gtest/gtest.h>

namespace pl::labor::test {

void InsertLaborFixture(store::Database& db) {
  const char* statements[] = {
      "INSERT INTO organization (org_id, org_type, name, county_fips) VALUES "
      "('CC-A', 'college', 'Alameda Valley College', '06001'), "
      "('CC-B', 'college', 'Golden Gate College', '06075'), "
      "('CC-C', 'college', 'Bayshore College', '06081'), "
      "('UNI-A', 'university', 'East Bay University', '06001'), "
      "('CC-F', 'college', 'Fresno Valley College', '06019')",
      "INSERT INTO labor_demand (area_type, area_code, soc_code, base_year, projected_year, employment_base, "
      "employment_projected, openings_annual, openings_growth, openings_exits, openings_transfers, "
      "wage_median_hourly, wage_p25_hourly, entry_education, source) VALUES "
      "('region', 'BA', '29-2061', 2024, 2034, 5400, 5600, 90, 20, 40, 30, 33.1, 27.5, "
      "'Postsecondary nondegree award', 'synthetic'), "
      "('region', 'BA', '31-1131', 2024, 2034, NULL, NULL, 30, NULL, NULL, NULL, NULL, NULL, NULL, 'synthetic'), "
      "('region', 'BA', '31-9092', 2024, 2034, 3000, 3300, 30, 30, NULL, NULL, 22.0, 19.0, NULL, 'synthetic'), "
      "('region', 'BA', '29-1141', 2024, 2034, 60000, 63000, 300, 300, NULL, NULL, 60.0, 55.0, NULL, 'synthetic'), "
      "('region', 'BA', '00-0000', 2024, 2034, 4000000, 4100000, 0, NULL, NULL, NULL, NULL, NULL, NULL, 'synthetic'), "
      "('county', '06019', '29-2061', 2024, 2034, 800, 820, 12, 2, 4, 6, 30.0, 25.0, NULL, 'synthetic')",
      "INSERT INTO program_awards (org_id, code_system, program_code, award_level, academic_year, awards, source) "
      "VALUES "
      "('CC-A', 'TOP', '1230.00', 'certificate_long', 2021, 999, 'synthetic'), "
      "('CC-A', 'TOP', '1230.00', 'certificate_long', 2022, 50, 'synthetic'), "
      "('CC-A', 'TOP', '1230.00', 'certificate_long', 2023, 60, 'synthetic'), "
      "('CC-A', 'TOP', '1230.00', 'certificate_long', 2024, 70, 'synthetic'), "
      "('CC-C', 'TOP', '1230.00', 'certificate_long', 2022, 2, 'synthetic'), "
      "('CC-C', 'TOP', '1230.00', 'certificate_long', 2023, 3, 'synthetic'), "
      "('CC-C', 'TOP', '1230.00', 'certificate_long', 2024, 1, 'synthetic'), "
      "('CC-B', 'TOP', '1208.00', 'certificate_short', 2022, 20, 'synthetic'), "
      "('CC-B', 'TOP', '1208.00', 'certificate_short', 2023, 20, 'synthetic'), "
      "('CC-B', 'TOP', '1208.00', 'certificate_short', 2024, 20, 'synthetic'), "
      "('UNI-A', 'CIP', '51.3801', 'bachelor', 2022, 100, 'synthetic'), "
      "('UNI-A', 'CIP', '51.3801', 'bachelor', 2023, 100, 'synthetic'), "
      "('UNI-A', 'CIP', '51.3801', 'bachelor', 2024, 100, 'synthetic'), "
      "('CC-F', 'TOP', '1230.00', 'certificate_long', 2024, 8, 'synthetic')",
      "INSERT INTO living_wage (county_fips, household_type, hourly_wage, year, source) VALUES "
      "('06001', '1a0c', 30.0, 2024, 'synthetic'), ('06075', '1a0c', 32.0, 2024, 'synthetic'), "
      "('06019', '1a0c', 22.5, 2024, 'synthetic')",
      // The fixture's own mapping, in place of the shipped one (data/cte_pathway_programs.csv).
      "DELETE FROM pathway_program",
      "INSERT INTO pathway_program (pathway_code, code_system, program_code, source) VALUES "
      "('HSM-04', 'TOP', '1230.00', 'synthetic'), ('HSM-04', 'TOP', '1208.00', 'synthetic')",
  };
  for (const char* sql : statements) {
    Status s = db.Execute(sql);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
}

}  // namespace pl::labor::test
