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

// The reference lists the generator draws codes from. The generator reads no
// files: the caller loads these (the CLI from data/, tests from the repo).
struct ReferenceInput {
  std::vector<County> counties;
  std::vector<std::string> sector_codes;
  std::vector<Pathway> pathways;
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

// What Generate() wrote.
struct Summary {
  std::uint64_t organizations = 0;
  std::uint64_t students = 0;
  std::uint64_t student_years = 0;
  std::uint64_t bytes_written = 0;  // all three files together
  double seconds = 0;               // wall time of the whole run
};

// Writes out_dir/organizations.csv, out_dir/students.csv and
// out_dir/student_years.csv (creating out_dir), each with a header row, LF
// line endings and RFC 4180 quoting where a field needs it.
//
// Deterministic: the same (input, options) on the same build writes
// byte-identical files; another seed gives different files. Memory stays
// bounded at every scale: student rows are streamed to disk per county and
// cohort, never held. Each file is written to a ".tmp" name and renamed
// when complete, so a failed run never leaves a truncated file under the
// final name (earlier complete files may remain).
//
// Progress: phases "writing organizations" (unit organizations) and
// "generating students" (unit county-cohorts, one per county and entering
// class), each with an exact total.
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
