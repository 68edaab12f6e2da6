// Generate(): validates the request, then runs the stages (organization
// directory; one high-school class and one adult college class per county
// and year; the labor-market files from what the simulation counted) and
// streams everything to disk.

#include <chrono>
#include <cmath>
#include <filesystem>
#include <set>
#include <system_error>

#include <fmt/format.h>

#include "synthetic/county_profiles.hpp"
#include "synthetic/csv_file.hpp"
#include "synthetic/labor_market.hpp"
#include "synthetic/model_parameters.hpp"
#include "synthetic/organizations.hpp"
#include "synthetic/population.hpp"
#include "synthetic/random.hpp"
#include "synthetic/student_paths.hpp"
#include "synthetic/synthetic.hpp"

namespace pl::synthetic {
namespace {

// Entering classes simulated before the window starts: a class that entered
// grade 9 eight years earlier can still be in community college in the
// first window year, and adults who started five years earlier likewise.
// Without them the first years would have no continuing college students.
constexpr int kHighSchoolLeadYears = 8;
constexpr int kAdultLeadYears = 5;
constexpr int kTrendBaseYear = 2016;

Status Validate(const ReferenceInput& input, const Options& options) {
  if (options.out_dir.empty()) return InvalidArgument("out_dir is empty: name the directory to write the CSV files to");
  if (options.years < 1 || options.years > 50) {
    return InvalidArgument(fmt::format("years must be between 1 and 50: {}", options.years));
  }
  if (options.first_year < 1990 || options.first_year > 2100) {
    return InvalidArgument(fmt::format("first_year must be between 1990 and 2100: {}", options.first_year));
  }
  if (input.counties.empty()) return InvalidArgument("reference input has no counties");
  if (input.sector_codes.empty()) return InvalidArgument("reference input has no sector codes");
  if (input.pathways.empty()) return InvalidArgument("reference input has no pathways");
  std::set<std::string> seen;
  for (const County& c : input.counties) {
    if (FindCountyProfile(c.fips) == nullptr) {
      return InvalidArgument(fmt::format("no built-in profile for county FIPS (expected a California county such as "
                                         "06001): {}",
                                         c.fips));
    }
    if (!seen.insert(c.fips).second) return InvalidArgument(fmt::format("duplicate county FIPS: {}", c.fips));
  }
  seen.clear();
  for (const std::string& s : input.sector_codes) {
    if (s.empty()) return InvalidArgument("empty sector code in reference input");
    if (!seen.insert(s).second) return InvalidArgument(fmt::format("duplicate sector code: {}", s));
  }
  std::set<std::string> with_pathways, pathway_codes;
  for (const Pathway& p : input.pathways) {
    if (p.pathway_code.empty()) return InvalidArgument(fmt::format("empty pathway code in sector: {}", p.sector_code));
    if (!seen.count(p.sector_code)) {
      return InvalidArgument(
          fmt::format("pathway's sector is not in the sector list: {} (sector {})", p.pathway_code, p.sector_code));
    }
    if (!pathway_codes.insert(p.pathway_code).second) {
      return InvalidArgument(fmt::format("duplicate pathway code: {}", p.pathway_code));
    }
    with_pathways.insert(p.sector_code);
  }
  for (const std::string& s : input.sector_codes) {
    if (!with_pathways.count(s)) return InvalidArgument(fmt::format("sector has no pathways: {}", s));
  }
  return ValidateLaborInput(input);
}

Status PrepareDirectory(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return FailedPrecondition(fmt::format("cannot create output directory: {}: {}", dir, error.message()));
  if (!std::filesystem::is_directory(dir, error)) {
    return FailedPrecondition(fmt::format("output path is not a directory: {}", dir));
  }
  return Status::Ok();
}

int CountyNumber(const std::string& fips) { return std::stoi(fips.substr(2)); }

// Expected class sizes are fractional at small scales (Alpine County sends a
// few students a decade); round up with probability equal to the fraction
// so every county's long-run volume stays proportional.
int RoundRandomly(double expected, Rng& rng) {
  const double whole = std::floor(expected);
  return static_cast<int>(whole) + (rng.Uniform() < expected - whole ? 1 : 0);
}

}  // namespace

Result<Scale> ParseScale(std::string_view name) {
  if (name == "small") return Scale::kSmall;
  if (name == "medium") return Scale::kMedium;
  if (name == "state") return Scale::kState;
  return InvalidArgument(fmt::format("unknown scale (choose small, medium or state): {}", name));
}

std::string_view ScaleName(Scale scale) {
  switch (scale) {
    case Scale::kSmall:
      return "small";
    case Scale::kMedium:
      return "medium";
    case Scale::kState:
      return "state";
  }
  return "unknown";
}

Result<Summary> Generate(const ReferenceInput& input, const Options& options, Progress& progress) {
  const auto start = std::chrono::steady_clock::now();
  const int scale_index = static_cast<int>(options.scale);
  if (scale_index < 0 || scale_index > 2) {
    return InvalidArgument(fmt::format("unknown scale value: {}", scale_index));
  }
  PL_RETURN_IF_ERROR(Validate(input, options));
  PL_RETURN_IF_ERROR(PrepareDirectory(options.out_dir));
  const ModelParameters& m = Parameters();
  const ScaleParameters& scale = m.scales[scale_index];
  const std::filesystem::path dir(options.out_dir);

  Summary summary;
  PL_ASSIGN_OR_RETURN(Directory directory,
                      WriteOrganizations(input, scale, options.seed, (dir / "organizations.csv").string(), progress,
                                         summary.bytes_written));
  summary.organizations = directory.organizations;

  // Volumes are shares of the whole state (all 58 profiles), so a caller
  // passing a few counties gets those counties' share, not the state's.
  double state_k12 = 0, state_population = 0;
  for (const CountyProfile& p : CountyProfiles()) {
    state_k12 += p.population * p.k12_per_100_residents / 100;
    state_population += p.population;
  }
  std::vector<const CountyProfile*> profiles;
  std::vector<double> k12_weights;
  for (const CountyPlace& place : directory.counties) {
    profiles.push_back(place.profile);
    k12_weights.push_back(place.k12_weight);
  }
  const Population population(profiles, k12_weights);

  PL_ASSIGN_OR_RETURN(std::unique_ptr<CsvFile> students, CsvFile::Create((dir / "students.csv").string()));
  PL_ASSIGN_OR_RETURN(std::unique_ptr<CsvFile> student_years,
                      CsvFile::Create((dir / "student_years.csv").string()));
  CompletionTally tally(static_cast<int>(directory.colleges.size()), static_cast<int>(input.counties.size()),
                        static_cast<int>(input.pathways.size()), options.first_year, options.years);
  StudentPaths paths(input, directory, population, options.first_year, options.years, *students, *student_years,
                     tally);

  const int end_year = options.first_year + options.years;
  const int hs_first = options.first_year - kHighSchoolLeadYears;
  const int adult_first = options.first_year - kAdultLeadYears;
  const std::uint64_t total =
      input.counties.size() * static_cast<std::uint64_t>((end_year - hs_first) + (end_year - adult_first));
  progress.Begin("generating students", total, "county-cohorts");
  std::uint64_t done = 0;
  for (std::size_t c = 0; c < input.counties.size(); ++c) {
    const CountyPlace& place = directory.counties[c];
    const std::uint64_t county_id = static_cast<std::uint64_t>(CountyNumber(input.counties[c].fips));
    for (int year = hs_first; year < end_year; ++year) {
      Rng rng(StreamSeed(options.seed, {1, county_id, static_cast<std::uint64_t>(year)}));
      const double expected = m.grade9_entrants_per_year * scale.population_factor * place.k12_weight / state_k12 *
                              std::pow(1 + m.cohort_trend_per_year, year - kTrendBaseYear);
      paths.HighSchoolClass(static_cast<int>(c), year, RoundRandomly(expected, rng), rng);
      progress.Update(++done);
    }
    for (int year = adult_first; year < end_year; ++year) {
      Rng rng(StreamSeed(options.seed, {2, county_id, static_cast<std::uint64_t>(year)}));
      const double covid = year == 2020 ? m.cc_adult_entrants_2020_factor
                           : year == 2021 ? m.cc_adult_entrants_2021_factor
                                          : 1.0;
      const double expected = m.cc_adult_entrants_per_year * scale.population_factor * place.profile->population /
                              state_population * covid;
      paths.AdultCollegeClass(static_cast<int>(c), year, RoundRandomly(expected, rng), rng);
      progress.Update(++done);
    }
    if (progress.cancelled()) return Cancelled("the generation was cancelled");
    // Stop early on a write error (a full disk) instead of simulating on.
    PL_RETURN_IF_ERROR(students->status());
    PL_RETURN_IF_ERROR(student_years->status());
  }
  progress.End();

  summary.students = paths.students();
  summary.student_years = student_years->rows() - 1;  // minus the header
  summary.bytes_written += students->bytes() + student_years->bytes();
  PL_RETURN_IF_ERROR(students->Finish());
  PL_RETURN_IF_ERROR(student_years->Finish());

  const auto labor_start = std::chrono::steady_clock::now();
  PL_RETURN_IF_ERROR(WriteLaborMarket(input, directory, scale, options, tally, options.out_dir, progress, summary));
  if (progress.cancelled()) return Cancelled("the generation was cancelled");
  const auto end = std::chrono::steady_clock::now();
  summary.labor_seconds = std::chrono::duration<double>(end - labor_start).count();
  summary.seconds = std::chrono::duration<double>(end - start).count();
  return summary;
}

}  // namespace pl::synthetic
