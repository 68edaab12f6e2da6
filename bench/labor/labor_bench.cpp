// The labor gap table at demo scale, built in memory from a fixed seed (no
// database): goal < 50 ms for the full table of every region x every
// occupation. Sizes (printed as counters, listed in bench/README.md):
//
//   58 counties in 8 regions (the shipped ccc scheme's sizes: 12, 14, 2, 1, 22, 1, 2, 4)
//   832 occupations (BLS 2024-34 line items) with the BLS mix of entry education
//   384 TOP and 610 CIP program codes; ~2,100 TOP and ~2,100 CIP crosswalk links
//     over 511 occupations (the COE crosswalk's sizes)
//   demand: a county row for every county x occupation (48,256 rows: every region
//     sums its counties, the slow path; region rows would be read directly)
//   148 institutions (116 colleges awarding TOP certificates and associate degrees,
//     32 universities awarding CIP bachelor's and graduate degrees), ~45 program
//     levels each, 5 academic years, a few missing years (~33,000 award rows)
//   a living wage per county
#include <benchmark/benchmark.h>

#include <array>
#include <random>
#include <set>
#include <tuple>
#include <string>

#include <fmt/format.h>

#include "labor/labor.hpp"

namespace pl::labor {
namespace {

constexpr std::array<int, 8> kRegionSizes = {12, 14, 2, 1, 22, 1, 2, 4};  // 58 counties

LaborInputs DemoInputs() {
  std::mt19937_64 rng(20260);
  auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  LaborInputs in;
  int county = 0;
  for (std::size_t r = 0; r < kRegionSizes.size(); ++r) {
    for (int k = 0; k < kRegionSizes[r]; ++k, ++county) {
      in.counties.push_back({fmt::format("06{:03d}", 2 * county + 1), fmt::format("County {}", county),
                             fmt::format("R{}", r), fmt::format("Region {}", r), "bench"});
    }
  }
  for (int s = 0; s < 15; ++s) {
    in.sectors.push_back({fmt::format("S{:02d}", s), fmt::format("Sector {}", s), "bench"});
    for (int p = 0; p < 4; ++p) {
      in.pathways.push_back({fmt::format("S{:02d}-{:02d}", s, p), fmt::format("S{:02d}", s), "Pathway", "bench"});
    }
  }
  // The BLS 2024-34 mix of typical entry education over 832 line items.
  const std::array<std::pair<const char*, int>, 8> mix = {{{"High school diploma or equivalent", 326},
                                                           {"Bachelor's degree", 178},
                                                           {"No formal educational credential", 109},
                                                           {"Doctoral or professional degree", 73},
                                                           {"Postsecondary nondegree award", 51},
                                                           {"Associate's degree", 48},
                                                           {"Master's degree", 40},
                                                           {"Some college, no degree", 7}}};
  std::vector<std::string> socs;
  for (const auto& [entry, n] : mix) {
    for (int i = 0; i < n; ++i) {
      std::string soc = fmt::format("{:02d}-{:04d}", 11 + socs.size() % 43, socs.size());
      socs.push_back(soc);
      ProjectionRow p;
      p.soc = soc;
      p.title = "Occupation " + soc;
      p.entry_education = entry;
      p.employment_base_thousands = uniform(1, 500);
      p.employment_projected_thousands = p.employment_base_thousands * uniform(0.9, 1.15);
      p.change_thousands = p.employment_projected_thousands - p.employment_base_thousands;
      p.openings_thousands = p.employment_base_thousands * uniform(0.05, 0.15);
      p.median_annual_wage = uniform(30000, 150000);
      in.projections.push_back(p);
    }
  }
  ProjectionRow total;
  total.soc = "00-0000";
  total.line_item = false;
  total.employment_base_thousands = 169956.1;
  in.projections.push_back(total);
  std::shuffle(socs.begin(), socs.end(), rng);
  const std::size_t mapped = 511;  // occupations the crosswalk reaches
  std::vector<std::string> tops, cips;
  for (int i = 0; i < 384; ++i) tops.push_back(fmt::format("{:04d}.{:02d}", 100 + i * 13, i % 7 * 10));
  for (int i = 0; i < 610; ++i) cips.push_back(fmt::format("{:02d}.{:04d}", 1 + i % 54, i));
  for (const auto& t : tops) {
    for (std::size_t k = 0, n = 1 + pick(10); k < n; ++k) in.mapping.push_back({CodeSystem::kTop, t, socs[pick(mapped)], ""});
  }
  for (const auto& c : cips) {
    for (std::size_t k = 0, n = 1 + pick(6); k < n; ++k) in.mapping.push_back({CodeSystem::kCip, c, socs[pick(mapped)], ""});
  }
  for (std::size_t p = 0; p < in.pathways.size(); ++p) {
    for (int k = 0; k < 6; ++k) in.pathway_programs.push_back({in.pathways[p].code, CodeSystem::kTop, tops[pick(tops.size())], "bench"});
  }
  // A county row for every occupation in every county.
  for (const auto& c : in.counties) {
    const double size = uniform(0.2, 5);
    for (const auto& soc : socs) {
      DemandRow r;
      r.area_type = AreaType::kCounty;
      r.area_code = c.fips;
      r.soc = soc;
      r.base_year = 2024;
      r.projected_year = 2034;
      r.employment_base = uniform(0, 2000) * size;
      r.employment_projected = r.employment_base * uniform(0.9, 1.2);
      r.openings_growth = (r.employment_projected - r.employment_base) / 10;
      r.openings_exits = r.employment_base * 0.04;
      r.openings_transfers = r.employment_base * 0.06;
      r.openings_annual = r.openings_growth + r.openings_exits + r.openings_transfers;
      r.wage_p25_hourly = uniform(16, 40);
      r.wage_median_hourly = r.wage_p25_hourly * uniform(1.1, 1.6);
      r.source = "synthetic";
      in.demand.push_back(std::move(r));
    }
    in.living_wages.push_back({c.fips, "1a0c", uniform(20, 35), 2024, "synthetic"});
  }
  const AwardLevel college_levels[] = {AwardLevel::kNoncreditCertificate, AwardLevel::kCertificateShort,
                                       AwardLevel::kCertificateLong, AwardLevel::kAssociate};
  const AwardLevel university_levels[] = {AwardLevel::kBachelor, AwardLevel::kGraduate};
  std::set<std::tuple<std::string, std::string, AwardLevel>> offered;
  for (int i = 0; i < 148; ++i) {
    const bool college = i < 116;
    const std::string org = fmt::format("{}-{:03d}", college ? "CC" : "UNI", i);
    in.institutions.push_back({org, org, in.counties[pick(in.counties.size())].fips});
    for (int k = 0; k < 45; ++k) {
      const CodeSystem system = college ? CodeSystem::kTop : CodeSystem::kCip;
      const std::string& code = college ? tops[pick(tops.size())] : cips[pick(cips.size())];
      const AwardLevel level = college ? college_levels[pick(4)] : university_levels[pick(2)];
      if (!offered.emplace(org, code, level).second) continue;
      for (int year = 2020; year <= 2024; ++year) {
        if (pick(40) == 0) continue;  // a missing year
        in.awards.push_back({org, system, code, level, year, static_cast<long long>(uniform(0, 120)), "synthetic"});
      }
    }
  }
  return in;
}

const LaborData& Data() {
  static const LaborData* data = [] {
    auto built = BuildLaborData(DemoInputs());
    if (!built.ok()) {
      fmt::print(stderr, "labor bench: {}\n", built.status().ToString());
      std::abort();
    }
    return new LaborData(std::move(built).value());
  }();
  return *data;
}

void Counters(benchmark::State& state, const LaborData& d) {
  state.counters["occupations"] = static_cast<double>(d.OccupationCount());
  state.counters["regions"] = static_cast<double>(d.regions.size());
  state.counters["demand_rows"] = static_cast<double>(d.demand_figures.size());
  state.counters["institution_units"] = static_cast<double>(d.awards.size());
  state.counters["units"] = static_cast<double>(d.units.size());
}

// The goal: the full table (every occupation, entry education `all`, totals)
// for every region, one table reused across regions.
void BM_GapEveryRegionEveryOccupation(benchmark::State& state) {
  const LaborData& d = Data();
  GapTable table;
  std::size_t rows = 0;
  for (auto _ : state) {
    rows = 0;
    for (Id r = 0; r < d.regions.size(); ++r) {
      Status s = ComputeGap(d, {Area::Kind::kRegion, r, {}}, {.household = 0}, table);
      if (!s.ok()) {
        state.SkipWithError(s.ToString().c_str());
        return;
      }
      auto selected = SelectOccupations(d, table, {}, EducationFilter::kAll);
      Totals totals = SumTotals(table, selected);
      benchmark::DoNotOptimize(totals);
      rows += selected.size();
    }
  }
  Counters(state, d);
  state.counters["table_rows"] = static_cast<double>(rows);
}

// Every area a user can ask for in one step: 8 regions, 58 counties, the state.
void BM_GapEveryAreaEveryOccupation(benchmark::State& state) {
  const LaborData& d = Data();
  GapTable table;
  for (auto _ : state) {
    auto run = [&](const Area& area) {
      Status s = ComputeGap(d, area, {.household = 0}, table);
      auto selected = SelectOccupations(d, table, {}, EducationFilter::kAll);
      benchmark::DoNotOptimize(SumTotals(table, selected));
      return s.ok();
    };
    for (Id r = 0; r < d.regions.size(); ++r) run({Area::Kind::kRegion, r, {}});
    for (Id c = 0; c < d.counties.size(); ++c) run({Area::Kind::kCounties, kNoId, {c}});
    run({});
  }
  Counters(state, d);
}

// What GET /api/v1/labor/gap?region=R does after the (cached) load: parse,
// compute, select, program view, roll-up, JSON text.
void BM_GapRequestAsJson(benchmark::State& state) {
  const LaborData& d = Data();
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto request = ParseGapRequest(d, {{"region", "R1"}, {"education", "all"}});
    auto result = RunGap(d, *request);
    std::string text = GapJson(d, *result, "bench").dump();
    bytes = text.size();
    benchmark::DoNotOptimize(text);
  }
  state.counters["json_bytes"] = static_cast<double>(bytes);
}

// GET /api/v1/labor/occupations/{soc} for the public: 8 region tables and the
// privacy gate over each program's institutions.
void BM_OccupationReport(benchmark::State& state) {
  const LaborData& d = Data();
  // The occupation fed by the most units.
  Id best = 0;
  for (Id s = 0; s < d.OccupationCount(); ++s) {
    if (d.occ_unit_offsets[s + 1] - d.occ_unit_offsets[s] > d.occ_unit_offsets[best + 1] - d.occ_unit_offsets[best]) {
      best = s;
    }
  }
  for (auto _ : state) {
    auto report = OccupationReport(d, d.occupations[best].soc, {}, {}, "bench");
    benchmark::DoNotOptimize(report);
  }
  state.counters["units_feeding"] = static_cast<double>(d.occ_unit_offsets[best + 1] - d.occ_unit_offsets[best]);
}

// Interning and laying out the rows (once per data version in the server).
void BM_BuildLaborData(benchmark::State& state) {
  const LaborInputs inputs = DemoInputs();
  for (auto _ : state) {
    auto built = BuildLaborData(inputs);
    benchmark::DoNotOptimize(built);
  }
  state.counters["demand_rows"] = static_cast<double>(inputs.demand.size());
  state.counters["award_rows"] = static_cast<double>(inputs.awards.size());
}

BENCHMARK(BM_GapEveryRegionEveryOccupation)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GapEveryAreaEveryOccupation)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GapRequestAsJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OccupationReport)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BuildLaborData)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pl::labor

BENCHMARK_MAIN();
