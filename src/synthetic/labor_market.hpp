// The synthetic labor-market files: regional demand per occupation
// (labor_demand.csv), awards of the synthetic colleges and universities
// (program_awards.csv) and county living wages (living_wage.csv), all with
// source "synthetic". Demand follows the BLS national rates scaled to each
// region's synthetic population; awards add up to the completions the
// student simulation counted (CompletionTally). docs/synthetic-data.md
// describes the model; every number of it is in labor_market.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "core/status.hpp"
#include "synthetic/model_parameters.hpp"
#include "synthetic/organizations.hpp"
#include "synthetic/synthetic.hpp"

namespace pl::synthetic {

// Academic years (ending years) the awards file covers: the last this many
// of the window, or all of a shorter window.
inline constexpr int kAwardYears = 5;
// A bachelor's degree is awarded this many years after entering in the fall.
inline constexpr int kBachelorYears = 4;

// What the student simulation counts for the awards file. Counting draws no
// random numbers, so the student files do not depend on it.
class CompletionTally {
 public:
  // Student window first_year .. first_year + years - 1 (fall years).
  CompletionTally(int colleges, int counties, int pathways, int first_year, int years);

  // A community-college program (pathway) completion in the school year
  // starting in fall `year`; years outside the window are not counted.
  void CollegeCompletion(int college, int pathway, int year);
  // A high-school concentrator or completer of `county` in `pathway` who
  // enters a four-year institution in fall `year`.
  void UniversityEntrant(int county, int pathway, int year);

  // Completions in the school year ending in `ending_year`.
  std::uint32_t college_completions(int college, int pathway, int ending_year) const;
  // Entrants in fall `year`; 0 outside the simulated years.
  std::uint32_t university_entrants(int county, int pathway, int year) const;

 private:
  int pathways_, first_year_, years_, entrant_first_year_, entrant_years_;
  std::vector<std::uint32_t> college_;   // [college][pathway][window year]
  std::vector<std::uint32_t> entrants_;  // [county][pathway][entry year]
};

// InvalidArgument naming the value when the labor-market input cannot be
// used: a pathway mapping to an unknown pathway or code system, a duplicate
// or negative projection, projection_years outside 1..50.
Status ValidateLaborInput(const ReferenceInput& input);

// Writes the three files into `dir`, adding their row counts and bytes to
// `summary`. The input must already be validated.
Status WriteLaborMarket(const ReferenceInput& input, const Directory& directory, const ScaleParameters& scale,
                        const Options& options, const CompletionTally& tally, const std::string& dir,
                        Progress& progress, Summary& summary);

}  // namespace pl::synthetic
