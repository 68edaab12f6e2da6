// pl_engine_bench: the analytics engine's workload (issue 6, "Performance")
// on a generated snapshot, with Google Benchmark.
//
//   Q1  count and completion rate by region x race/ethnicity, one year
//   Q2  one sector, five years: count, WBL rate, mean dual-enrollment units
//       by pathway x socioeconomic status
//   Q3  PPG-1 completion gap by race/ethnicity for one year, with the margin
//       of error and the flag (DisImpact's defaults: min_moe 0.03, p = 0.5)
//   Q4  the dashboard cube: count and sums of completer, credential, WBL,
//       employed by year x region x sector x race x gender x SES
//   Q5  distinct students by region over five years
//   Load  Snapshot::Load of the saved file (mmap; no per-row work)
//
// Every query run includes materialising the result as the CLI's JSON.
// The snapshot: $PL_ENGINE_SNAPSHOT (a file from `pathlight snapshot build`)
// when set; otherwise the synthetic data set at $PL_BENCH_SCALE (default
// medium, ~1 M rows) generated, imported into SQLite and built once under
// build/<preset>/bench-data/ (reused by later runs). $PL_ENGINE_REPLICATE=k
// stacks k copies (new student ids per copy) for larger sizes in memory.
// Threads: 1 and 2 (the machine's cores); medians of 5 repetitions.
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "cli/database_setup.hpp"
#include "cli/demo.hpp"
#include "core/progress.hpp"
#include "engine/engine.hpp"
#include "ingest/importer.hpp"

namespace {

using pl::engine::Snapshot;

std::string Env(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

void Die(const pl::Status& s) {
  fmt::print(stderr, "engine_bench: {}\n", s.ToString());
  std::exit(1);
}

std::shared_ptr<const Snapshot> Replicate(const Snapshot& s, int copies) {
  pl::engine::SnapshotBuilder builder;
  pl::engine::SnapshotBuilder::Row row;
  for (int c = 0; c < copies; ++c) {
    for (std::uint64_t r = 0; r < s.rows(); ++r) {
      row.student = static_cast<std::int32_t>(s.student_ids()[r] + static_cast<std::int64_t>(c) * s.students());
      for (int d = 0; d < pl::engine::kNumDims; ++d) {
        const auto& dict = s.dictionary(static_cast<pl::engine::Dim>(d));
        const std::uint32_t code = s.code(static_cast<pl::engine::Dim>(d), r);
        row.dims[d] = dict.IsNull(code) ? std::nullopt : std::optional<std::string_view>(dict.values[code]);
      }
      for (int o = 0; o < pl::engine::kNumOutcomes; ++o)
        row.outcomes[o] = s.outcome(static_cast<pl::engine::Outcome>(o), r);
      for (int m = 0; m < pl::engine::kNumMeasures; ++m) {
        row.measures[m] = s.measure_value(static_cast<pl::engine::Measure>(m), r);
      }
      builder.Add(row);
    }
  }
  pl::NullProgress progress;
  auto built = builder.Finish(s.data_version() + fmt::format("x{}", copies), progress);
  if (!built.ok()) Die(built.status());
  return *built;
}

// The snapshot file the benchmarks load and query.
std::string SnapshotFile() {
  static const std::string file = [] {
    std::string given = Env("PL_ENGINE_SNAPSHOT", "");
    const int copies = std::stoi(Env("PL_ENGINE_REPLICATE", "1"));
    const std::string scale = Env("PL_BENCH_SCALE", "medium");
    const auto dir = std::filesystem::path(PL_BINARY_DIR) / "bench-data" / ("engine-" + scale);
    std::string base = given.empty() ? (dir / "snapshot.plsnap").string() : given;
    if (given.empty() && !std::filesystem::exists(base)) {
      std::filesystem::create_directories(dir);
      pl::cli::DatabaseOptions options{.db_url = "sqlite:" + (dir / "pathlight.db").string(),
                                       .data_dir = std::string(PL_SOURCE_DIR) + "/data"};
      auto db = pl::cli::OpenPrepared(options);
      if (!db.ok()) Die(db.status());
      pl::TerminalProgress progress;
      auto generated = pl::cli::GenerateInto(**db, scale, 2026, (dir / "csv").string(), progress);
      if (!generated.ok()) Die(generated.status());
      pl::ingest::Importer importer(**db);
      for (const char* kind : {"organizations", "students", "student_years"}) {
        auto spec = pl::ingest::FindKind(kind);
        if (!spec.ok()) Die(spec.status());
        auto report = importer.ImportFile(**spec, (dir / "csv" / (std::string(kind) + ".csv")).string(),
                                          {.rejects_dir = (dir / "rejects").string(), .progress = &progress});
        if (!report.ok()) Die(report.status());
      }
      auto built = Snapshot::Build(**db, {}, progress);
      if (!built.ok()) Die(built.status());
      pl::Status saved = (*built)->Save(base);
      if (!saved.ok()) Die(saved);
    }
    if (copies <= 1) return base;
    const std::string replicated = base + fmt::format(".x{}", copies);
    if (!std::filesystem::exists(replicated)) {
      auto loaded = Snapshot::Load(base);
      if (!loaded.ok()) Die(loaded.status());
      pl::Status saved = Replicate(**loaded, copies)->Save(replicated);
      if (!saved.ok()) Die(saved);
    }
    return replicated;
  }();
  return file;
}

const Snapshot& TheSnapshot() {
  static const std::shared_ptr<const Snapshot> snapshot = [] {
    auto loaded = Snapshot::Load(SnapshotFile());
    if (!loaded.ok()) Die(loaded.status());
    fmt::print(stderr, "engine_bench: {} rows, {} students, {} MB, years {}..{}\n", (*loaded)->rows(),
               (*loaded)->students(), (*loaded)->bytes() >> 20,
               (*loaded)->dictionary(pl::engine::Dim::kSchoolYear).values.front(),
               (*loaded)->dictionary(pl::engine::Dim::kSchoolYear).values.back());
    return *loaded;
  }();
  return *snapshot;
}

// The newest year and the five years up to it, from the data.
int LastYear() { return std::stoi(TheSnapshot().dictionary(pl::engine::Dim::kSchoolYear).values.back()); }

std::string Q1() {
  return fmt::format(R"({{"filters":[{{"dim":"school_year","in":[{}]}}],"group_by":["region","race_ethnicity"],
    "measures":[{{"op":"count"}},{{"op":"rate","outcome":"completer"}}]}})",
                     LastYear());
}
std::string Q2() {
  return fmt::format(R"({{"filters":[{{"dim":"sector","in":["HSM"]}},{{"dim":"school_year","min":{},"max":{}}}],
    "group_by":["pathway","socioeconomically_disadvantaged"],
    "measures":[{{"op":"count"}},{{"op":"rate","outcome":"wbl"}},{{"op":"mean","measure":"de_units"}}]}})",
                     LastYear() - 4, LastYear());
}
std::string Q3() {
  return fmt::format(R"({{"filters":[{{"dim":"school_year","in":[{}]}}],"group_by":["race_ethnicity"],
    "measures":[{{"op":"rate","outcome":"completer"}}]}})",
                     LastYear());
}
std::string Q4() {
  return R"({"group_by":["school_year","region","sector","race_ethnicity","gender","socioeconomically_disadvantaged"],
    "measures":[{"op":"count"},{"op":"sum","outcome":"completer"},{"op":"sum","outcome":"credential"},
                {"op":"sum","outcome":"wbl"},{"op":"sum","outcome":"employed"}]})";
}
std::string Q5() {
  return fmt::format(R"({{"filters":[{{"dim":"school_year","min":{},"max":{}}}],"group_by":["region"],
    "measures":[{{"op":"distinct_students"}}]}})",
                     LastYear() - 4, LastYear());
}

// PPG-1 per group: the group's rate minus everyone else's, its MOE and flag.
std::size_t PpgMinusOne(const pl::engine::QueryResult& r) {
  const auto& sum = r.columns[*r.FindColumn("completer_sum")].ints;
  const auto& n = r.columns[*r.FindColumn("completer_n")].ints;
  std::int64_t total_sum = 0, total_n = 0;
  for (std::uint64_t i = 0; i < r.rows(); ++i) {
    total_sum += sum[i];
    total_n += n[i];
  }
  std::size_t flagged = 0;
  for (std::uint64_t i = 0; i < r.rows(); ++i) {
    const double rate = static_cast<double>(sum[i]) / static_cast<double>(n[i]);
    const double others = static_cast<double>(total_sum - sum[i]) / static_cast<double>(total_n - n[i]);
    const double moe = std::max(0.03, 1.96 * std::sqrt(0.25 / static_cast<double>(n[i])));
    if (rate - others <= -moe) ++flagged;
  }
  return flagged;
}

void RunQuery(benchmark::State& state, const std::string& text, bool ppg) {
  const Snapshot& s = TheSnapshot();
  auto spec = pl::engine::ParseQuerySpecText(text, s);
  if (!spec.ok()) Die(spec.status());
  const pl::engine::ExecOptions options{.threads = static_cast<int>(state.range(0))};
  std::uint64_t rows = 0;
  for (auto _ : state) {
    auto result = pl::engine::Execute(s, *spec, options);
    if (!result.ok()) Die(result.status());
    std::string json = result->ToJsonText();
    benchmark::DoNotOptimize(json.data());
    if (ppg) benchmark::DoNotOptimize(PpgMinusOne(*result));
    rows = result->rows();
  }
  state.counters["groups"] = static_cast<double>(rows);
  state.counters["Mrows/s"] = benchmark::Counter(
      static_cast<double>(s.rows()) * static_cast<double>(state.iterations()) / 1e6, benchmark::Counter::kIsRate);
}

void BM_Q1(benchmark::State& state) { RunQuery(state, Q1(), false); }
void BM_Q2(benchmark::State& state) { RunQuery(state, Q2(), false); }
void BM_Q3(benchmark::State& state) { RunQuery(state, Q3(), true); }
void BM_Q4(benchmark::State& state) { RunQuery(state, Q4(), false); }
void BM_Q5(benchmark::State& state) { RunQuery(state, Q5(), false); }

void BM_Load(benchmark::State& state) {
  const std::string file = SnapshotFile();
  for (auto _ : state) {
    auto loaded = Snapshot::Load(file);
    if (!loaded.ok()) Die(loaded.status());
    benchmark::DoNotOptimize(loaded->get());
  }
}

#define PL_QUERY_BENCH(name)          \
  BENCHMARK(name)                     \
      ->Arg(1)                        \
      ->Arg(2)                        \
      ->Unit(benchmark::kMillisecond) \
      ->UseRealTime()                 \
      ->Repetitions(5)                \
      ->ReportAggregatesOnly(true)
PL_QUERY_BENCH(BM_Q1);
PL_QUERY_BENCH(BM_Q2);
PL_QUERY_BENCH(BM_Q3);
PL_QUERY_BENCH(BM_Q4);
PL_QUERY_BENCH(BM_Q5);
BENCHMARK(BM_Load)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5)->ReportAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
