// `pathlight equity ppg|prop-index|80-index|iterate`: DisImpact's methods on a
// CSV file (read with the streaming reader of ingest) or any in-memory frame.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <set>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <sstream>

#include "analytics/analytics.hpp"
#include "cli/commands.hpp"
#include "engine/engine.hpp"
#include "equity/equity.hpp"
#include "ingest/csv_reader.hpp"

namespace pl::cli {

namespace {

int Refuse(std::string_view source, const std::string& message) {
  fmt::print(stderr, "error: {}: {}\n", source, message);
  return kExitRefused;
}

int Report(std::string_view source, const Status& status) {
  if (status.code() == StatusCode::kInvalidArgument || status.code() == StatusCode::kNotFound ||
      status.code() == StatusCode::kAlreadyExists) {
    return Refuse(source, status.message());
  }
  fmt::print(stderr, "error: {}: {}\n", source, status.message());
  return kExitError;
}

std::vector<std::string> SplitCommas(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t at = text.find(',', start);
    out.emplace_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

bool IsKeyword(std::string_view name) { return name == "overall" || name == "hpg" || name == "all but current"; }

bool IsLevelOfEvery(const equity::Frame& frame, const std::vector<std::string>& groups, const std::string& value) {
  for (const auto& spec : groups) {
    const equity::CategoricalColumn* column = frame.categorical(spec);
    if (!column || !std::binary_search(column->levels.begin(), column->levels.end(), value)) return false;
  }
  return true;
}

// --reference for the single methods: a keyword, numbers (one per cohort),
// or a group value.
Result<equity::Reference> ParseReference(const EquityArgs& args, const equity::Frame& frame) {
  const std::string& text = args.reference;
  if (text.empty()) return args.method == "80-index" ? equity::Reference::Hpg() : equity::Reference::Overall();
  if (IsKeyword(text)) return *equity::ReferenceFromName(text);
  // A value of the group variable wins over reading it as a number.
  if (IsLevelOfEvery(frame, args.group, text)) return equity::Reference::Group(text);
  std::vector<double> numbers;
  bool all_numbers = true;
  for (const auto& item : SplitCommas(text)) {
    auto number = equity::ParseNumber(item);
    if (!number || !std::isfinite(*number)) {
      all_numbers = false;
      break;
    }
    numbers.push_back(*number);
  }
  if (all_numbers) {
    if (args.method == "80-index") {
      return InvalidArgument("--reference: the 80% index takes hpg, overall, all but current or a group value, not "
                             "a number: " + text);
    }
    return equity::Reference::Numbers(std::move(numbers));
  }
  for (const auto& spec : args.group) {
    const equity::CategoricalColumn* column = frame.categorical(spec);
    if (column && !std::binary_search(column->levels.begin(), column->levels.end(), text)) {
      return InvalidArgument(fmt::format("--reference '{}' is not a value of the group variable {} (expected "
                                         "overall, hpg, all but current, one of its values or numbers)",
                                         text, spec));
    }
  }
  return equity::Reference::Group(text);
}

int RunSingle(const EquityArgs& args, const equity::Frame& frame, std::string_view source, equity::Table* out) {
  auto reference = ParseReference(args, frame);
  if (!reference.ok()) return Report(source, reference.status());
  double cutoff = args.cutoff.value_or(0.8);
  for (const auto& success : args.success) {
    for (const auto& group : args.group) {
      equity::InputSpec spec{success, group, args.cohort.empty() ? "" : args.cohort[0], args.weight};
      auto cells = equity::Aggregate(frame, spec);
      if (!cells.ok()) return Report(source, cells.status());
      equity::Table table;
      Status status;
      if (args.method == "ppg") {
        equity::PpgOptions options;
        options.reference = *reference;
        options.min_moe = args.min_moe;
        options.use_prop_in_moe = args.use_prop_in_moe;
        options.prop_sub_0 = args.prop_sub_0;
        options.prop_sub_1 = args.prop_sub_1;
        options.min_n = args.min_n;
        auto rows = equity::Ppg(*cells, options);
        if (!rows.ok()) status = rows.status();
        else table = equity::PpgTable(*rows, !args.cohort.empty());
      } else if (args.method == "prop-index") {
        equity::PropIndexOptions options;
        options.di_prop_index_cutoff = cutoff;
        options.min_n = args.min_n;
        auto rows = equity::PropIndex(*cells, options);
        if (!rows.ok()) status = rows.status();
        else table = equity::PropIndexTable(*rows, !args.cohort.empty());
      } else {
        equity::Index80Options options;
        options.reference = *reference;
        options.di_80_index_cutoff = cutoff;
        options.min_n = args.min_n;
        auto rows = equity::Index80(*cells, options);
        if (!rows.ok()) status = rows.status();
        else table = equity::Index80Table(*rows, !args.cohort.empty());
      }
      if (!status.ok()) {
        return Report(source, Status(status.code(), fmt::format("success {}, group {}: {}", success, group,
                                                                status.message())));
      }
      equity::PrependColumns({"success_var", "group_var"}, {success, group}, &table);
      Status appended = equity::AppendTable(std::move(table), out);
      if (!appended.ok()) return Report(source, appended);
    }
  }
  return kExitOk;
}

int RunIterate(const EquityArgs& args, const equity::Frame& frame, std::string_view source, equity::Table* out) {
  equity::IterateOptions options;
  options.success_vars = args.success;
  options.group_vars = args.group;
  options.cohort_vars = args.cohort;
  options.scenario_repeat_by_vars = args.scenario_by;
  options.weight_var = args.weight;
  options.include_non_disagg_results = !args.no_non_disagg;
  if (!args.ppg_reference.empty()) options.ppg_reference_groups = args.ppg_reference;
  if (!args.reference_80.empty()) options.di_80_index_reference_groups = args.reference_80;
  options.min_moe = args.min_moe;
  options.use_prop_in_moe = args.use_prop_in_moe;
  options.prop_sub_0 = args.prop_sub_0;
  options.prop_sub_1 = args.prop_sub_1;
  options.di_prop_index_cutoff = args.prop_index_cutoff.value_or(args.cutoff.value_or(0.8));
  options.di_80_index_cutoff = args.cutoff_80.value_or(args.cutoff.value_or(0.8));
  options.min_n = args.min_n;
  options.outcome_weight_vars = args.outcome_weights;
  auto result = equity::Iterate(frame, options);
  if (!result.ok()) return Report(source, result.status());
  *out = equity::IterateTable(*result);
  return kExitOk;
}

Status CheckArgs(const EquityArgs& args) {
  static const std::set<std::string> kMethods = {"ppg", "prop-index", "80-index", "iterate"};
  if (!kMethods.count(args.method)) return InvalidArgument("unknown method: " + args.method);
  if (args.success.empty()) return InvalidArgument("--success: name at least one success column");
  if (args.group.empty()) return InvalidArgument("--group: name at least one group column");
  bool iterate = args.method == "iterate";
  if (!iterate && args.cohort.size() > 1) return InvalidArgument("--cohort: the single methods take one cohort column");
  if (!iterate && !args.scenario_by.empty()) return InvalidArgument("--scenario-by is an option of iterate");
  if (!iterate && (!args.ppg_reference.empty() || !args.reference_80.empty())) {
    return InvalidArgument("--ppg-reference and --80-reference are options of iterate (use --reference)");
  }
  if (iterate && !args.reference.empty()) {
    return InvalidArgument("iterate takes --ppg-reference and --80-reference, not --reference");
  }
  if (args.method == "prop-index" && !args.reference.empty()) {
    return InvalidArgument("the proportionality index has no reference");
  }
  if (!(args.min_n >= 0)) return InvalidArgument(fmt::format("--min-n must be >= 0, got {}", args.min_n));
  for (const auto& list : {args.success, args.group, args.cohort, args.scenario_by}) {
    for (const auto& name : list) {
      if (name.empty()) return InvalidArgument("an empty column name in a list (check the commas)");
    }
  }
  return Status();
}

Result<equity::Frame> ReadCsvFrame(const EquityArgs& args) {
  PL_ASSIGN_OR_RETURN(auto source, ingest::OpenFileSource(args.input));
  ingest::CsvReader reader(std::move(source));
  ingest::CsvRecord record;
  PL_ASSIGN_OR_RETURN(bool any, reader.Next(&record));
  if (!any) return InvalidArgument("empty file: expected a header line");
  if (!record.error.empty()) return InvalidArgument(fmt::format("line {}: {}", record.line, record.error));
  std::vector<std::string> header = record.fields;
  equity::ColumnRoles roles;
  auto categorical = [&](const std::string& spec) {
    for (auto& part : equity::SplitGroupSpec(spec)) roles.categorical.push_back(std::move(part));
  };
  for (const auto& g : args.group) categorical(g);
  for (const auto& c : args.cohort) categorical(c);
  for (const auto& s : args.scenario_by) categorical(s);
  roles.numeric = args.success;
  if (!args.weight.empty()) roles.numeric.push_back(args.weight);
  PL_ASSIGN_OR_RETURN(auto builder, equity::FrameBuilder::Create(header, roles));
  while (true) {
    PL_ASSIGN_OR_RETURN(bool more, reader.Next(&record));
    if (!more) break;
    if (!record.error.empty()) return InvalidArgument(fmt::format("line {}: {}", record.line, record.error));
    PL_RETURN_IF_ERROR(builder.AddRecord(record.line, record.fields));
  }
  return std::move(builder).Finish();
}

}  // namespace

int RunEquityOnFrame(const EquityArgs& args, const equity::Frame& frame, std::string_view source) {
  Status checked = CheckArgs(args);
  if (!checked.ok()) return Report(source, checked);
  equity::Table table;
  int code = args.method == "iterate" ? RunIterate(args, frame, source, &table) : RunSingle(args, frame, source, &table);
  if (code != kExitOk) return code;
  if (args.out == "-") {
    equity::WriteCsv(table, std::cout);
    std::cout.flush();
    return std::cout ? kExitOk : kExitError;
  }
  std::ofstream file(args.out, std::ios::binary | std::ios::trunc);
  if (!file) {
    fmt::print(stderr, "error: cannot write {}\n", args.out);
    return kExitError;
  }
  equity::WriteCsv(table, file);
  file.close();
  if (!file) {
    fmt::print(stderr, "error: writing {} failed\n", args.out);
    return kExitError;
  }
  return kExitOk;
}

int RunEquity(const EquityArgs& args) {
  Status checked = CheckArgs(args);
  if (!checked.ok()) return Report(args.input, checked);
  auto frame = ReadCsvFrame(args);
  if (!frame.ok()) return Report(args.input, frame.status());
  return RunEquityOnFrame(args, *frame, args.input);
}

// The population from the store: the engine aggregates it by every variable
// the iteration needs and di_iterate runs on those counts (one weight column
// per outcome: the rows where it is known). Exact, as every CLI answer.
int RunEquityOnStore(const EquityArgs& args) {
  const std::string source = args.query;
  if (args.method != "iterate") return Refuse(source, "--query works with iterate only");
  if (args.snapshot.empty() != args.db_given) return Refuse(source, "give exactly one of --snapshot FILE or --db URL");
  if (!args.input.empty()) return Refuse(source, "give --input FILE or --query SPEC.json, not both");
  if (!args.weight.empty()) return Refuse(source, "--weight applies to CSV input; the store's rows are counted");
  if (args.cohort.size() > 1) return Refuse(source, "--cohort: one cohort variable on the store");
  Status checked = CheckArgs(args);
  if (!checked.ok()) return Report(source, checked);
  std::ifstream file(args.query);
  if (!file) return Refuse(source, "cannot read the query file");
  std::stringstream text;
  text << file.rdbuf();
  auto population = nlohmann::json::parse(text.str(), nullptr, false);
  if (population.is_discarded()) return Refuse(source, "not valid JSON");

  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  };
  const auto load_start = Clock::now();
  auto snapshot = OpenSnapshot(args.snapshot, args.db);
  if (!snapshot.ok()) return Report(args.snapshot.empty() ? args.db.db_url : args.snapshot, snapshot.status());
  const double load_ms = ms(load_start);

  analytics::IterateRequest request{.population = population,
                                    .success_vars = args.success,
                                    .group_vars = args.group,
                                    .cohort_var = args.cohort.empty() ? "" : args.cohort[0],
                                    .scenario_vars = args.scenario_by,
                                    .threads = args.threads};
  EquityArgs run = args;
  equity::Table table;
  std::vector<double> runs_ms;
  const int runs = std::max(1, args.repeat);
  for (int i = args.repeat > 0 ? -1 : 0; i < runs; ++i) {  // -1: the warm-up
    const auto start = Clock::now();
    equity::IterateOptions options;
    auto frame = analytics::IterateFrame(**snapshot, request, &options);
    if (!frame.ok()) return Report(source, frame.status());
    run.outcome_weights = options.outcome_weight_vars;
    int code = RunIterate(run, *frame, source, &table);
    if (code != kExitOk) return code;
    if (i >= 0) runs_ms.push_back(ms(start));
  }
  if (!args.timings_json.empty()) {
    std::vector<double> sorted = runs_ms;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t n = sorted.size();
    const double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    std::ofstream out(args.timings_json);
    out << nlohmann::json{{"load_ms", load_ms}, {"runs_ms", runs_ms}, {"median_ms", median},
                          {"peak_rss_kb", PeakRssKb()}, {"rows", table.rows.size()},
                          {"data_version", (*snapshot)->data_version()}}.dump()
        << '\n';
  }
  if (args.out == "-") {
    equity::WriteCsv(table, std::cout);
    std::cout.flush();
    return std::cout ? kExitOk : kExitError;
  }
  std::ofstream out(args.out, std::ios::binary | std::ios::trunc);
  equity::WriteCsv(table, out);
  out.close();
  if (!out) {
    fmt::print(stderr, "error: cannot write {}\n", args.out);
    return kExitError;
  }
  return kExitOk;
}

}  // namespace pl::cli
