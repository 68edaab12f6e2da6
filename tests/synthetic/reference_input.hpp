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
