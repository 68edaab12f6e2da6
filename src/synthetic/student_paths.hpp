// Student paths: simulates each synthetic student year by year through high
// school (grades 9-12) and community college (13 = first year, 14 = second
// or later) with the logistic model of model_parameters, and streams the
// students.csv and student_years.csv rows that fall inside the requested
// school years.
//
// A student is simulated from entry to exit in one go (a handful of rows
// held in a fixed array), then written and forgotten: memory does not grow
// with the number of students. Student keys are handed out in writing
// order, so only students with at least one row in the window get one.
// Not thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "synthetic/csv_file.hpp"
#include "synthetic/labor_market.hpp"
#include "synthetic/model_parameters.hpp"
#include "synthetic/organizations.hpp"
#include "synthetic/population.hpp"
#include "synthetic/random.hpp"
#include "synthetic/synthetic.hpp"

namespace pl::synthetic {

class StudentPaths {
 public:
  // Writes the header rows of both files. All references must outlive this.
  // Completions are counted into `tally` for the awards file.
  StudentPaths(const ReferenceInput& input, const Directory& directory, const Population& population,
               int first_year, int years, CsvFile& students, CsvFile& student_years, CompletionTally& tally);

  // `count` students of `county` who enter grade 9 in fall `entry_year`.
  void HighSchoolClass(int county, int entry_year, int count, Rng& rng);
  // `count` students of `county` who enter community college in fall
  // `entry_year` without coming through the simulated high schools
  // (adults, students from elsewhere).
  void AdultCollegeClass(int county, int entry_year, int count, Rng& rng);

  std::uint64_t students() const { return next_key_ - 1; }

 private:
  struct Row;
  struct Student;
  void CollegeYears(Student& s, int start_year, Rng& rng);
  void Emit(const Student& s);
  void DrawWage(Row& row, const Student& s, int year, double median, int sector, Rng& rng);
  int PickPathway(const Site& site, const Student& s, Rng& rng) const;
  int PickCollege(int county, Rng& rng) const;

  const ReferenceInput& input_;
  const Directory& dir_;
  const Population& population_;
  int first_year_;
  int end_year_;  // one past the last school year's start
  CsvFile& students_;
  CsvFile& student_years_;
  CompletionTally& tally_;
  std::uint64_t next_key_ = 1;
  std::vector<std::string> school_years_;   // "2016-17" per window year
  std::vector<std::string> sector_fields_;  // CSV-ready sector codes
  std::vector<std::string> pathway_fields_;
  std::vector<const SectorParameters*> sectors_;  // per sector index
};

}  // namespace pl::synthetic
