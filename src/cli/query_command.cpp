// `pathlight query`: runs a query spec (src/engine/README.md) on a
// snapshot file or on a snapshot built from a database, and prints the
// exact result (no privacy gate: an operator's tool). --repeat and
// --timings-json serve the benchmarks.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/database_setup.hpp"
#include "engine/engine.hpp"

namespace pl::cli {
namespace {

double MsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// Peak resident set size (VmHWM) in kB, 0 when unknown.
}  // namespace

long long PeakRssKb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6));
  }
  return 0;
}

Result<std::shared_ptr<const engine::Snapshot>> OpenSnapshot(const std::string& file, const DatabaseOptions& db) {
  if (!file.empty()) return engine::Snapshot::Load(file);
  auto opened = OpenPrepared(db);
  if (!opened.ok()) return opened.status();
  TerminalProgress progress;
  return engine::Snapshot::Build(**opened, {}, progress);
}

int RunQuery(const QueryArgs& args) {
  if (args.snapshot.empty() != args.db_given) {
    fmt::print(stderr, "error: give exactly one of --snapshot FILE or --db URL\n");
    return kExitRefused;
  }
  if (args.format != "json" && args.format != "csv") {
    fmt::print(stderr, "error: --format must be json or csv, got \"{}\"\n", args.format);
    return kExitRefused;
  }
  std::ifstream spec_file(args.spec);
  if (!spec_file) {
    fmt::print(stderr, "error: cannot read the query spec {}\n", args.spec);
    return kExitRefused;
  }
  std::stringstream spec_text;
  spec_text << spec_file.rdbuf();

  const auto load_start = std::chrono::steady_clock::now();
  auto opened = OpenSnapshot(args.snapshot, args.db);
  if (!opened.ok()) return ReportError(opened.status());
  std::shared_ptr<const engine::Snapshot> snapshot = *opened;
  const double load_ms = MsSince(load_start);

  auto spec = engine::ParseQuerySpecText(spec_text.str(), *snapshot);
  if (!spec.ok()) {
    fmt::print(stderr, "error: {}: {}\n", args.spec, spec.status().message());
    return kExitRefused;
  }
  engine::ExecOptions options{.threads = args.threads};
  if (std::getenv("PATHLIGHT_ENGINE_NO_PATTERNS") != nullptr) options.allow_patterns = false;  // A/B measurements
  const int runs = std::max(1, args.repeat);
  std::vector<double> runs_ms, execute_ms;
  Result<engine::QueryResult> result = Internal("not run");
  if (args.repeat > 0) result = engine::Execute(*snapshot, *spec, options);  // warm-up
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    result = engine::Execute(*snapshot, *spec, options);
    // Materialised as the caller would receive it.
    std::string out = result.ok() ? (args.format == "json" ? result->ToJsonText() : result->ToCsv()) : "";
    runs_ms.push_back(MsSince(start));
    if (!result.ok()) return ReportError(result.status());
    execute_ms.push_back(result->stats.ms);
  }
  if (args.format == "json") {
    std::cout << result->ToJsonText() << '\n';
  } else {
    result->WriteCsv(std::cout);
  }
  std::cout.flush();
  if (!args.timings_json.empty()) {
    std::vector<double> sorted = runs_ms;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t n = sorted.size();
    const double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    nlohmann::json timings = {{"load_ms", load_ms},
                              {"runs_ms", runs_ms},
                              {"median_ms", median},
                              {"peak_rss_kb", PeakRssKb()},
                              {"rows", result->rows()},
                              {"threads", result->stats.threads},
                              {"data_version", snapshot->data_version()},
                              {"execute_ms", execute_ms},  // the engine alone, before JSON/CSV
                              {"rows_scanned", result->stats.rows_scanned},
                              {"blocks_skipped", result->stats.blocks_skipped},
                              {"dense_groups", result->stats.dense_groups}};
    std::ofstream out(args.timings_json);
    out << timings.dump() << '\n';
    if (!out) {
      fmt::print(stderr, "error: cannot write {}\n", args.timings_json);
      return kExitError;
    }
  }
  return kExitOk;
}

}  // namespace pl::cli
