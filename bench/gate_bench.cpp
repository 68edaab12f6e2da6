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
// With $PL_GATE_RESULT naming an engine result (the JSON of `pathlight query
// --snapshot S --spec Q`, exact counts), BM_GateResult runs the gate on it as
// the public query route would: the count columns and, for each outcome sum,
// the count without it.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/gate.hpp"

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

// An engine result as the gate sees it: dimension values coded in order of
// first appearance (the gate only compares codes), count and sum columns,
// and count - sum for each sum.
Cube ReadResult(const std::string& path) {
  std::ifstream in(path);
  const nlohmann::json result = nlohmann::json::parse(in);
  Cube cube;
  std::vector<std::size_t> dims, counts;
  std::optional<std::size_t> count;
  const auto& columns = result.at("columns");
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::string type = columns[c].at("type");
    if (type == "dimension") dims.push_back(c);
    if (type == "count" || type == "sum") counts.push_back(c);
    if (columns[c].at("name") == "count") count = c;
  }
  cube.grouping.dims = dims.size();
  std::vector<std::map<std::string, std::uint32_t>> codes(dims.size());
  std::vector<std::vector<std::int64_t>> columns_out(counts.size());
  std::vector<std::vector<std::int64_t>> without;
  for (const auto& row : result.at("rows")) {
    for (std::size_t d = 0; d < dims.size(); ++d) {
      auto& dictionary = codes[d];
      const auto [it, added] = dictionary.emplace(row[dims[d]].dump(), static_cast<std::uint32_t>(dictionary.size()));
      cube.grouping.codes.push_back(it->second);
    }
    for (std::size_t k = 0; k < counts.size(); ++k) columns_out[k].push_back(row[counts[k]].get<std::int64_t>());
  }
  cube.grouping.rows = result.at("rows").size();
  cube.columns = columns_out;
  const auto at = std::find(counts.begin(), counts.end(), count.value_or(columns.size()));
  for (std::size_t k = 0; k < counts.size() && at != counts.end(); ++k) {
    if (columns[counts[k]].at("type") != "sum") continue;
    std::vector<std::int64_t> w(cube.grouping.rows);
    const auto& all = columns_out[static_cast<std::size_t>(at - counts.begin())];
    for (std::size_t r = 0; r < w.size(); ++r) w[r] = all[r] - columns_out[k][r];
    cube.columns.push_back(std::move(w));
  }
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
  const char* path = std::getenv("PL_GATE_RESULT");
  if (!path || !*path) {
    state.SkipWithError("set PL_GATE_RESULT to an engine result (JSON of pathlight query)");
    return;
  }
  static const Cube cube = ReadResult(path);
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
