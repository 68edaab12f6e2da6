// Synthetic statewide data set: a seeded, deterministic generator of
// organizations, students and student-year records in Pathlight's CSV import
// templates, shaped like California's K-14 CTE system.
//
// Nothing here describes a real student. Counties, sectors and pathways are
// real code sets passed in by the caller; every organization below the two
// state agencies, every student and every outcome is invented. Demographic
// and outcome rates follow a documented model (docs/synthetic-data.md) whose
// parameters live in model_parameters.cpp.
//
// Start here: ParseScale() and Generate().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/progress.hpp"
#include "core/status.hpp"

namespace pl::synthetic {

// One county from data/ca_counties.csv. `fips` is the 5-digit state+county
// code ("06001"); `region_code` is the CTE region ("BA", "CVML", ...).
struct County {
  std::string fips;
  std::string name;
  std::string region_code;
};

// One pathway from data/cte_pathways.csv.
struct Pathway {
  std::string sector_code;
  std::string pathway_code;
};

// One line item of the BLS national Employment Projections
// (data/bls_projections.csv): the national rates synthetic regional demand
// follows. Employment and openings in thousands, as BLS publishes them.
struct OccupationProjection {
  std::string soc_code;
  double employment_base = 0;       // thousands, in the base year
  double employment_projected = 0;  // thousands, `projection_years` later
  double annual_openings = 0;       // thousands a year
  double median_annual_wage = 0;    // USD; 0 when BLS publishes none
  std::string entry_education;      // BLS typical entry education; may be empty
};

// One link of the COE TOP-CIP-SOC crosswalk (data/top_cip_soc_crosswalk.csv).
struct CrosswalkLink {
  std::string top_code;
  std::string cip_code;
  std::string soc_code;
};

// One pathway -> program code mapping (data/cte_pathway_programs.csv).
struct PathwayProgram {
  std::string pathway_code;
  std::string code_system;  // "TOP" or "CIP"
  std::string program_code;
};

// The reference lists the generator draws codes from. The generator reads no
// files: the caller loads these (the CLI from the database's reference
// tables, tests from data/).
struct ReferenceInput {
  std::vector<County> counties;
  std::vector<std::string> sector_codes;
  std::vector<Pathway> pathways;
  // For the labor-market files. Empty lists give header-only files.
  std::vector<OccupationProjection> projections;  // BLS line items
  std::vector<CrosswalkLink> crosswalk;
  std::vector<PathwayProgram> pathway_programs;
  int projection_base_year = 2024;  // the BLS vintage: 2024-34
  int projection_years = 10;
};

// How much data to produce (see docs/synthetic-data.md for exact counts):
//   kSmall  ~50 thousand student-year rows, for tests;
//   kMedium ~1 million rows, the demo;
//   kState  ~38-40 million rows, the size of the real state, for benchmarks.
enum class Scale { kSmall, kMedium, kState };

// "small" | "medium" | "state". Any other name gives InvalidArgument whose
// message lists the choices.
Result<Scale> ParseScale(std::string_view name);

// The name ParseScale accepts for `scale`.
std::string_view ScaleName(Scale scale);

struct Options {
  Scale scale = Scale::kSmall;
  std::uint64_t seed = 1;
  // Directory the three CSV files are written to; created if missing.
  std::string out_dir;
  // School years first_year-(first_year+1) ... for `years` years: the
  // defaults give 2016-17 through 2025-26.
  int first_year = 2016;
  int years = 10;
};

// What Generate() wrote (rows exclude headers).
struct Summary {
  std::uint64_t organizations = 0;
  std::uint64_t students = 0;
  std::uint64_t student_years = 0;
  std::uint64_t labor_demand = 0;
  std::uint64_t program_awards = 0;
  std::uint64_t living_wage = 0;
  std::uint64_t bytes_written = 0;  // all files together
  double seconds = 0;               // wall time of the whole run
  double labor_seconds = 0;         // of which the three labor-market files
};

// The files Generate() writes, in writing (and import) order.
inline constexpr const char* kGeneratedFiles[] = {"organizations.csv", "students.csv",     "student_years.csv",
                                                  "labor_demand.csv",  "program_awards.csv", "living_wage.csv"};

// Writes into out_dir (creating it), each with a header row, LF line
// endings and RFC 4180 quoting where a field needs it:
//   organizations.csv, students.csv, student_years.csv: the organizations
//     and the student records;
//   labor_demand.csv: regional demand (area_type region) for every region of
//     the input counties and every occupation of `projections` that the
//     crosswalk reaches, following the BLS national rates scaled to the
//     region's synthetic population;
//   program_awards.csv: awards of the synthetic colleges (TOP) and
//     universities (CIP) in the last five academic years of the window,
//     adding up to the simulated completions in the pathways they map to;
//   living_wage.csv: every input county, household types 1a0c, 1a1c, 2a2c.
// The labor-market rows carry source "synthetic"; docs/synthetic-data.md
// gives the model.
//
// Deterministic: the same (input, options) on the same build writes
// byte-identical files; another seed gives different files. Memory stays
// bounded at every scale: student rows are streamed to disk per county and
// cohort, never held. Each file is written to a ".tmp" name and renamed
// when complete, so a failed run never leaves a truncated file under the
// final name (earlier complete files may remain).
//
// Progress: phases "writing organizations" (unit organizations),
// "generating students" (unit county-cohorts, one per county and entering
// class), "writing labor demand" (unit region-occupations), "writing program
// awards" (unit institutions) and "writing living wages" (unit counties),
// each with an exact total.
//
// Returns InvalidArgument for bad options (empty out_dir, years outside
// 1..50, first_year outside 1990..2100) or unusable input (no counties, a
// county whose FIPS code has no built-in profile, a duplicate code, a
// pathway whose sector is not listed, a sector without pathways);
// FailedPrecondition when out_dir cannot be created or a file cannot be
// written (the message names the path and the system's reason);
// ResourceExhausted when the disk is full.
//
// Thread-compatible: concurrent calls with different out_dirs are safe.
Result<Summary> Generate(const ReferenceInput& input, const Options& options, Progress& progress);

}  // namespace pl::synthetic
