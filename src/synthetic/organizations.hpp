// The synthetic organization directory: builds the state agencies, regional
// consortia, county offices, districts, high schools, college districts,
// colleges, universities, employers, CBOs and intermediaries, writes them to
// organizations.csv (parents before children) and keeps what the student
// simulation needs: schools and colleges with their size, effect and the
// sectors they offer, grouped by county.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "core/status.hpp"
#include "synthetic/county_profiles.hpp"
#include "synthetic/model_parameters.hpp"
#include "synthetic/synthetic.hpp"

namespace pl::synthetic {

// Cumulative weights for sampling an index: pick i with probability
// (cdf[i] - cdf[i-1]) / cdf.back().
using Cdf = std::vector<double>;

// A school or college students attend.
struct Site {
  std::string org_id;
  int county = 0;      // index into ReferenceInput::counties
  double size = 1;     // relative enrollment weight
  double effect = 0;   // z ~ N(0, 1), see Coefficients::school
  // Cumulative sector weights (over ReferenceInput::sector_codes) for
  // female, male and other/not-reported students; sectors the site does not
  // offer have zero weight.
  std::array<Cdf, 3> sector_cdf;
};

// What the simulation knows about one input county.
struct CountyPlace {
  const CountyProfile* profile = nullptr;
  const RegionParameters* region = nullptr;
  double rurality = 0;   // 0 (urban) .. 1 (rural)
  double k12_weight = 0;  // approximate public K-12 enrollment
  std::vector<int> schools;        // indices into Directory::schools
  Cdf school_cdf;
  std::vector<int> home_colleges;  // colleges in this county
  Cdf home_college_cdf;
  std::vector<int> region_colleges;  // colleges in this county's region
  Cdf region_college_cdf;
};

// A university: awards bachelor's degrees in the labor-market files.
struct University {
  std::string org_id;
  int county = 0;  // index into ReferenceInput::counties
};

struct Directory {
  std::vector<Site> schools;
  std::vector<Site> colleges;
  std::vector<University> universities;
  std::vector<CountyPlace> counties;     // parallel to ReferenceInput::counties
  std::vector<Cdf> pathway_cdf;          // per sector index: over pathways of the sector
  std::vector<std::vector<int>> sector_pathways;  // per sector index: pathway indices
  std::vector<int> pathway_sector;       // per pathway index: its sector index
  std::uint64_t organizations = 0;       // rows written
};

// Builds the directory and writes `path`. The input must already be
// validated (every county has a profile, every pathway's sector is listed).
// Errors: those of CsvFile (FailedPrecondition, ResourceExhausted).
Result<Directory> WriteOrganizations(const ReferenceInput& input, const ScaleParameters& scale,
                                     std::uint64_t seed, const std::string& path,
                                     Progress& progress, std::uint64_t& bytes_written);

// Index drawn from `cdf` with a uniform draw u in [0, 1).
int Pick(const Cdf& cdf, double u);

}  // namespace pl::synthetic
