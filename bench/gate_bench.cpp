// The analytics gate (src/analytics/gate.hpp) on a result shaped like the
// dashboard cube Q4: school year x region x sector x race/ethnicity x gender
// x socioeconomic status, nine count columns per group (a count, four outcome
// sums and their failures), for the public (nothing exempt). Counts are
// log-uniform in 3..30,000 and sums binomial (20-65%), so small cells sit
// next to large ones as in the real cube. Arguments: years (5: about 32 k
// groups; 10: about 65 k) and threads. Counters: the rows withheld and a
// fingerprint of every row's decision ("hash"), to check that a change made
// for speed decides as the code before it.
//
// With $PL_GATE_SNAPSHOT naming a snapshot file (`pathlight snapshot build`),
// BM_GateResult runs the engine's cube query on it once, then times the gate
// on its result as the public query route protects it (CountsToProtect).
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/gate.hpp"
#include "analytics/internal.hpp"
#include "engine/engine.hpp"

namespace pl::analytics::internal {
namespace {

struct Cube {
  Grouping grouping;
  std::vector<std::vector<std::int64_t>> columns;
};

Cube MakeCube(std::uint32_t years) {
  const std::uint32_t shape[] = {years, 10, 15, 8, 3, 2};
  std::mt19937 rng(2026);
  std::uniform_real_distribution<double> log_count(std::log(3.0), std::log(30000.0));
  std::bernoulli_distribution absent(0.1);
  Cube cube;
  cube.grouping.dims = 6;
  cube.columns.assign(9, {});
  std::uint32_t codes[6] = {};
  auto next = [&] {
    for (int d = 5; d >= 0; --d) {
      if (++codes[d] < shape[d]) return true;
      codes[d] = 0;
    }
    return false;
  };
  do {
    if (absent(rng)) continue;
    const auto count = static_cast<std::int64_t>(std::exp(log_count(rng)));
    cube.grouping.codes.insert(cube.grouping.codes.end(), codes, codes + 6);
    cube.columns[0].push_back(count);
    for (int o = 0; o < 4; ++o) {
      const std::int64_t sum = std::binomial_distribution<std::int64_t>(count, 0.2 + 0.15 * o)(rng);
      cube.columns[1 + o].push_back(sum);
      cube.columns[5 + o].push_back(count - sum);
    }
  } while (next());
  cube.grouping.rows = cube.columns[0].size();
  return cube;
}

// The cube query on a real snapshot, with the counts the query route
// protects.
Cube QueryCube(const std::string& path) {
  auto snapshot = engine::Snapshot::Load(path);
  if (!snapshot.ok()) throw std::runtime_error(snapshot.status().ToString());
  const nlohmann::json spec = {
      {"group_by",
       {"school_year", "region", "sector", "race_ethnicity", "gender", "socioeconomically_disadvantaged"}},
      {"measures",
       {{{"op", "count"}},
        {{"op", "sum"}, {"outcome", "completer"}},
        {{"op", "sum"}, {"outcome", "credential"}},
        {{"op", "sum"}, {"outcome", "wbl"}},
        {{"op", "sum"}, {"outcome", "employed"}}}}};
  auto result = engine::RunQuery(**snapshot, spec);
  if (!result.ok()) throw std::runtime_error(result.status().ToString());
  Cube cube;
  cube.grouping = {.dims = result->group_by.size(), .rows = result->rows(), .codes = result->codes};
  cube.columns = CountsToProtect(*result).rows;
  return cube;
}

void Run(benchmark::State& state, const Cube& cube, int threads) {
  const std::vector<bool> exempt(cube.grouping.rows, false);
  std::size_t withheld = 0;
  for (auto _ : state) {
    auto d = ProtectRows(cube.grouping, cube.columns, exempt, {.min_n = 11}, {.threads = threads});
    if (!d.ok()) {
      state.SkipWithError(d.status().ToString().c_str());
      return;
    }
    withheld = d->withheld;
    std::uint64_t h = 1469598103934665603ull;
    for (auto st : d->states) h = (h ^ static_cast<std::uint64_t>(st)) * 1099511628211ull;
    state.counters["hash"] = static_cast<double>(h % 1000000007);
    benchmark::DoNotOptimize(d);
  }
  state.counters["groups"] = static_cast<double>(cube.grouping.rows);
  state.counters["withheld"] = static_cast<double>(withheld);
}

void BM_GateResult(benchmark::State& state) {
  const char* path = std::getenv("PL_GATE_SNAPSHOT");
  if (!path || !*path) {
    state.SkipWithError("set PL_GATE_SNAPSHOT to a snapshot file (pathlight snapshot build)");
    return;
  }
  static const Cube cube = QueryCube(path);
  Run(state, cube, static_cast<int>(state.range(0)));
}

void BM_GateCube(benchmark::State& state) {
  const Cube cube = MakeCube(static_cast<std::uint32_t>(state.range(0)));
  Run(state, cube, static_cast<int>(state.range(1)));
}

BENCHMARK(BM_GateCube)->ArgsProduct({{5, 10}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_GateResult)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace pl::analytics::internal
