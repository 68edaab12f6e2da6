// `pathlight labor gap`: supply vs demand per occupation for a region, a set
// of counties or the state (src/labor, docs/labor-method.md), as a table, CSV
// or the API's JSON. Refusals (a bad option value, an unknown code) exit 2
// naming the option and what was expected.
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/database_setup.hpp"
#include "core/progress.hpp"
#include "labor/labor.hpp"
#include "stats/stats.hpp"

namespace pl::cli {
namespace {

// "error: --region: unknown region: XX (expected one of ...)" and exit 2.
int Refuse(const Status& status) {
  std::string parameter = status.details().is_object() ? status.details().value("parameter", "") : "";
  if (parameter.empty()) {
    fmt::print(stderr, "error: {}\n", status.message());
  } else {
    fmt::print(stderr, "error: --{}: {}\n", parameter, status.message());
  }
  return kExitRefused;
}

}  // namespace

int RunLaborGap(const LaborGapArgs& args) {
  if (args.format != "table" && args.format != "csv" && args.format != "json") {
    fmt::print(stderr, "error: --format: expected table, csv or json, got \"{}\"\n", args.format);
    return kExitRefused;
  }
  auto opened = OpenPrepared(args.db);
  if (!opened.ok()) return ReportError(opened.status());
  store::Database& db = **opened;
  auto version = stats::DataVersion(db);
  if (!version.ok()) return ReportError(version.status());

  TerminalProgress progress;
  progress.Begin("Reading labor-market data", 0, "");
  auto data = labor::LoadLaborData(db, args.region_scheme);
  progress.End();
  if (!data.ok()) return ReportError(data.status());

  auto request = labor::ParseGapRequest(**data, args.params);
  if (!request.ok()) return Refuse(request.status());
  auto result = labor::RunGap(**data, *request);
  if (!result.ok()) {
    // national_scaled without employment to scale by: the option cannot be served for this area.
    if (result.status().code() == StatusCode::kInvalidArgument) return Refuse(result.status());
    return ReportError(result.status());
  }

  std::string text;
  if (args.format == "json") {
    text = labor::GapJson(**data, *result, *version).dump(2) + "\n";
  } else if (args.format == "csv") {
    text = labor::GapCsv(**data, *result);
  } else {
    text = labor::GapText(**data, *result);
  }
  if (args.out.empty() || args.out == "-") {
    std::cout << text;
    std::cout.flush();
    return std::cout ? kExitOk : kExitError;
  }
  std::ofstream out(args.out, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    fmt::print(stderr, "error: cannot write {}\n", args.out);
    return kExitError;
  }
  return kExitOk;
}

}  // namespace pl::cli
