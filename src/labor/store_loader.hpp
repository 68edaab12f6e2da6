// Reading the labor inputs from the store (SQLite or PostgreSQL): the tables
// of migration 0004_labor.sql (labor_demand, program_awards, living_wage,
// pathway_program, program_occupation_edit) and the reference tables they
// join (county + region_assignment of one scheme, cte_sector, cte_pathway,
// soc_occupation, occupation_projection, top_cip_soc, top_code, cip_program,
// the organizations that confer awards).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "core/status.hpp"
#include "labor/data.hpp"
#include "store/store.hpp"

namespace pl::labor {

// The rows, as stored. Only the last three academic years of program_awards
// are read (the supply years).
Result<LaborInputs> ReadLaborInputs(store::Database& db, const std::string& region_scheme);

// ReadLaborInputs + BuildLaborData. InvalidArgument when stored rows do not
// fit together (e.g. a labor_demand row for a region the scheme lacks).
Result<std::shared_ptr<const LaborData>> LoadLaborData(store::Database& db, const std::string& region_scheme);

// The loaded data of the newest data version, shared by requests: loaded
// once per data version (the newest import batch, given by the caller). Every
// change to the labor tables comes through an import (demand, awards, living
// wages, pathway programs, mapping edits), and every import is a new version.
// Thread-safe.
class DataCache {
 public:
  explicit DataCache(std::string region_scheme) : region_scheme_(std::move(region_scheme)) {}
  Result<std::shared_ptr<const LaborData>> Get(store::Database& db, const std::string& data_version);

 private:
  std::string region_scheme_;
  std::mutex mu_;
  std::string version_;
  std::shared_ptr<const LaborData> data_;
};

}  // namespace pl::labor
