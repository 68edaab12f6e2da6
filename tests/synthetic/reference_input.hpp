// The real reference lists from the repository's data/ folder, as the CLI
// would pass them, and a scratch directory per test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "synthetic/synthetic.hpp"
#include "synthetic/csv_table.hpp"

namespace pl::synthetic::testing {

inline ReferenceInput LoadReferenceInput() {
  const std::string data = std::string(PL_SOURCE_DIR) + "/data/";
  ReferenceInput input;
  const CsvTable counties = ReadCsv(data + "ca_counties.csv");
  for (const auto& row : counties.rows) {
    input.counties.push_back({row[counties.Column("county_fips")], row[counties.Column("county_name")],
                              row[counties.Column("region_code")]});
  }
  const CsvTable sectors = ReadCsv(data + "cte_sectors.csv");
  for (const auto& row : sectors.rows) input.sector_codes.push_back(row[sectors.Column("sector_code")]);
  const CsvTable pathways = ReadCsv(data + "cte_pathways.csv");
  for (const auto& row : pathways.rows) {
    input.pathways.push_back({row[pathways.Column("sector_code")], row[pathways.Column("pathway_code")]});
  }
  // As the CLI reads them from the database: BLS line items (wages without
  // the top-code sign), the crosswalk, the pathway programs.
  const CsvTable projections = ReadCsv(data + "bls_projections.csv");
  for (const auto& row : projections.rows) {
    if (row[projections.Column("occupation_type")] != "line_item") continue;
    auto number = [&](const char* column) {
      std::string digits;
      for (char c : row[projections.Column(column)]) {
        if ((c >= '0' && c <= '9') || c == '.') digits += c;
      }
      return digits.empty() ? 0.0 : std::stod(digits);
    };
    input.projections.push_back({row[projections.Column("soc_code")], number("employment_2024_thousands"),
                                 number("employment_2034_thousands"), number("annual_openings_2024_34_thousands"),
                                 number("median_annual_wage_2024_usd"),
                                 row[projections.Column("typical_entry_education")]});
  }
  const CsvTable crosswalk = ReadCsv(data + "top_cip_soc_crosswalk.csv");
  for (const auto& row : crosswalk.rows) {
    input.crosswalk.push_back({row[crosswalk.Column("top_code")], row[crosswalk.Column("cip2020_code")],
                               row[crosswalk.Column("soc2018_code")]});
  }
  const CsvTable programs = ReadCsv(data + "cte_pathway_programs.csv");
  for (const auto& row : programs.rows) {
    input.pathway_programs.push_back({row[programs.Column("pathway_code")], row[programs.Column("code_system")],
                                      row[programs.Column("program_code")]});
  }
  return input;
}

// A fresh directory under the build tree named after the running test;
// removed on destruction.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& suffix = "") {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = info != nullptr ? std::string(info->test_suite_name()) + "." + info->name() : "suite";
    path_ = std::filesystem::path(PL_BINARY_DIR) / "synthetic_test_output" / (name + suffix);
    std::filesystem::remove_all(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  std::string str() const { return path_.string(); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace pl::synthetic::testing
