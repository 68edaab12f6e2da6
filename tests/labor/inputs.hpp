// Small labor inputs written by hand for the tests: a builder over
// LaborInputs so each case states only the rows it is about.
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "labor/labor.hpp"

namespace pl::labor::test {

class Inputs {
 public:
  // Two regions: BA (06001 Alameda, 06013 Contra Costa) and CVML (06019 Fresno).
  Inputs() {
    County("06001", "Alameda", "BA", "Bay Area");
    County("06013", "Contra Costa", "BA", "Bay Area");
    County("06019", "Fresno", "CVML", "Central Valley/Mother Lode");
    in_.sectors.push_back({"HEA", "Health Science and Medical Technology", "general_knowledge_to_verify"});
    in_.sectors.push_back({"ICT", "Information and Communication Technologies", "general_knowledge_to_verify"});
    in_.pathways.push_back({"HEA-03", "HEA", "Patient Care", "general_knowledge_to_verify"});
    in_.pathways.push_back({"HEA-01", "HEA", "Biotechnology", "general_knowledge_to_verify"});
    in_.pathways.push_back({"ICT-01", "ICT", "Networking", "general_knowledge_to_verify"});
  }

  Inputs& County(std::string fips, std::string name, std::string region, std::string region_name) {
    in_.counties.push_back({fips, name, region, region_name, "test"});
    return *this;
  }
  // An occupation with its BLS entry education (text as published).
  Inputs& Occupation(std::string soc, std::string title, std::string entry) {
    in_.occupations.push_back({soc, title, title + " (definition)"});
    ProjectionRow p;
    p.soc = soc;
    p.title = title;
    p.entry_education = entry;
    in_.projections.push_back(p);
    return *this;
  }
  Inputs& National(std::string soc, double employment_k, double openings_k, double median_annual) {
    for (auto& p : in_.projections) {
      if (p.soc != soc) continue;
      p.employment_base_thousands = employment_k;
      p.employment_projected_thousands = employment_k;
      p.change_thousands = 0;
      p.openings_thousands = openings_k;
      p.median_annual_wage = median_annual;
    }
    return *this;
  }
  Inputs& NationalTotal(double employment_k) {
    ProjectionRow p;
    p.soc = "00-0000";
    p.title = "Total, all occupations";
    p.line_item = false;
    p.employment_base_thousands = employment_k;
    in_.projections.push_back(p);
    return *this;
  }
  Inputs& Map(std::string program, std::string soc, CodeSystem system = CodeSystem::kTop) {
    in_.mapping.push_back({system, program, soc, ""});
    return *this;
  }
  Inputs& Edit(std::string program, std::string soc, bool add) {
    in_.mapping_edits.push_back({CodeSystem::kTop, program, soc, add, "test"});
    return *this;
  }
  Inputs& PathwayProgram(std::string pathway, std::string program, std::string source = "test") {
    in_.pathway_programs.push_back({pathway, CodeSystem::kTop, program, source});
    return *this;
  }
  Inputs& Title(std::string program, std::string title) {
    in_.program_titles.push_back({CodeSystem::kTop, program, title});
    return *this;
  }
  DemandRow& Demand(AreaType type, std::string area, std::string soc, double openings) {
    DemandRow r;
    r.area_type = type;
    r.area_code = area;
    r.soc = soc;
    r.base_year = 2024;
    r.projected_year = 2034;
    r.openings_annual = openings;
    r.source = "synthetic";
    in_.demand.push_back(r);
    return in_.demand.back();
  }
  Inputs& Institution(std::string org, std::string county) {
    in_.institutions.push_back({org, org + " College", county});
    return *this;
  }
  Inputs& Award(std::string org, std::string program, AwardLevel level, int year, long long n) {
    in_.awards.push_back({org, CodeSystem::kTop, program, level, year, n, "synthetic"});
    return *this;
  }
  // The same count in 2022, 2023 and 2024.
  Inputs& Awards3(std::string org, std::string program, AwardLevel level, long long a, long long b, long long c) {
    Award(org, program, level, 2022, a);
    Award(org, program, level, 2023, b);
    return Award(org, program, level, 2024, c);
  }
  Inputs& LivingWage(std::string fips, double hourly, std::string household = "1a0c") {
    in_.living_wages.push_back({fips, household, hourly, 2024, "test calculator 2024"});
    return *this;
  }

  LaborInputs& rows() { return in_; }

  LaborData Build() {
    auto data = BuildLaborData(in_);
    EXPECT_TRUE(data.ok()) << data.status().ToString();
    return data.ok() ? std::move(data).value() : LaborData{};
  }

 private:
  LaborInputs in_;
};

}  // namespace pl::labor::test
