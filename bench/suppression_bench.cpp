// Table suppression speed: a 58-county one-way table and a 15 x 8 two-way
// table (e.g. sector x race/ethnicity), with typical and with many small
// cells. Goal: well under 50 ms per table. Counts come from a fixed seed.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "privacy/suppression.hpp"

namespace pl::privacy {
namespace {

// Log-uniform counts in [1, max]: many small groups next to large ones, as
// across California counties. Some zeros.
std::vector<std::int64_t> Counts(std::size_t n, double max, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> log_count(0, std::log(max));
  std::bernoulli_distribution zero(0.05);
  std::vector<std::int64_t> out(n);
  for (auto& c : out) c = zero(rng) ? 0 : static_cast<std::int64_t>(std::exp(log_count(rng)));
  return out;
}

Table Counties(double max) {
  std::vector<std::int64_t> groups = Counts(58, max, 58);
  std::int64_t overall = 0;
  for (auto g : groups) overall += g;
  return Table::OneWay(groups, overall);
}

void Run(benchmark::State& state, const Table& table) {
  std::size_t suppressed = 0;
  for (auto _ : state) {
    auto r = Suppress(table, {});
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      return;
    }
    suppressed = 0;
    for (std::size_t i = 0; i < table.cells.size(); ++i) suppressed += !r->shown(i);
    benchmark::DoNotOptimize(r);
  }
  state.counters["cells"] = static_cast<double>(table.cells.size());
  state.counters["suppressed"] = static_cast<double>(suppressed);
}

void BM_OneWay58Counties(benchmark::State& state) { Run(state, Counties(20000)); }
void BM_OneWay58CountiesSmall(benchmark::State& state) { Run(state, Counties(60)); }
void BM_TwoWay15x8(benchmark::State& state) { Run(state, Table::TwoWay(15, 8, Counts(120, 2000, 158))); }
void BM_TwoWay15x8Small(benchmark::State& state) { Run(state, Table::TwoWay(15, 8, Counts(120, 40, 158))); }

BENCHMARK(BM_OneWay58Counties)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OneWay58CountiesSmall)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TwoWay15x8)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TwoWay15x8Small)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pl::privacy
