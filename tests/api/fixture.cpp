#include "api/fixture.hpp"

#include <gtest/gtest.h>


namespace pl::api::test {

// 40 students in 2023-24 (25 in CTE: 13 participants only, 7 concentrators,
// 5 completers) and 8 in 2024-25: small enough that some counts are
// suppressed, large enough that others are not.
void ImportFixture(pl::testing::TestDatabase& t) {
  std::string orgs =
      "org_id,org_type,name,county_fips,parent_org_id,cds_code,ipeds_id,latitude,longitude\n"
      "CDE,state_agency,California Department of Education,,,,,,\n"
      "COE-06019,county_office,Fresno County Office of Education,06019,CDE,10101080000000,,36.74,-119.78\n"
      "DIST-1,district,Valley Unified School District,06019,COE-06019,10621660000000,,,\n"
      "SCH-1,school,Valley High School,06019,DIST-1,10621661033153,,36.8,-119.7\n"
      "SCH-2,school,Bay High School,06001,,01611190130229,,37.8,-122.27\n"
      "CC-1,college,Valley College,06019,,,114716,36.77,-119.79\n";
  std::string students = "student_key,gender\n";
  std::string years =
      "student_key,school_year,org_id,grade_level,sector_code,pathway_code,cte_status\n";
  for (int i = 0; i < 40; ++i) {
    std::string key = "S" + std::to_string(i);
    students += key + ",F\n";
    std::string cte = i < 13 ? "HSM,HSM-04,participant" : i < 20 ? "ICT,ICT-03,concentrator"
                                                    : i < 25 ? "ICT,ICT-03,completer" : ",,";
    years += key + ",2023-24," + (i % 2 ? "SCH-1" : "SCH-2") + ",11," + cte + "\n";
    if (i < 8) years += key + ",2024-25,SCH-1,12,,,\n";
  }
  for (auto [kind, content] : {std::pair{"organizations", orgs}, {"students", students}, {"student_years", years}}) {
    Status imported = pl::testing::ImportCsv(t, kind, content);
    ASSERT_TRUE(imported.ok()) << imported.ToString();
  }
}

}  // namespace pl::api::test
