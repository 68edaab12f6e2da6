// libFuzzer target for the equity CSV path: CSV text -> FrameBuilder ->
// Aggregate, Ppg and Iterate. The header's first column is read as a group,
// the second as a 0/1 outcome, the third (if any) as a weight. Whatever the
// bytes, this must not crash, and these must hold (else abort):
//   - a refused record is an InvalidArgument naming its line;
//   - when the frame builds, Iterate either refuses (InvalidArgument) or
//     returns rows whose flags are 0/1 and whose n are > 0;
//   - Aggregate's cells sum to the frame's rows when there is no weight.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "equity/equity.hpp"
#include "ingest/csv_reader.hpp"

namespace {

#define PL_FUZZ_CHECK(cond) \
  do {                      \
    if (!(cond)) std::abort(); \
  } while (0)

void Run(const std::string& text) {
  using namespace pl;
  ingest::CsvReaderOptions options;
  options.max_record_bytes = 256;
  options.max_fields = 16;
  ingest::CsvReader reader(ingest::MemorySource(text), options);
  ingest::CsvRecord record;
  auto first = reader.Next(&record);
  if (!first.ok() || !*first || !record.error.empty() || record.fields.size() < 2) return;
  std::vector<std::string> header = record.fields;
  if (header[0].empty() || header[1].empty() || header[0] == header[1]) return;
  equity::ColumnRoles roles{{header[0]}, {header[1]}};
  bool weighted = header.size() >= 3 && !header[2].empty() && header[2] != header[0] && header[2] != header[1];
  if (weighted) roles.numeric.push_back(header[2]);
  auto builder = equity::FrameBuilder::Create(header, roles);
  if (!builder.ok()) return;  // e.g. a name twice in the header
  while (true) {
    auto more = reader.Next(&record);
    PL_FUZZ_CHECK(more.ok());
    if (!*more) break;
    if (!record.error.empty()) return;
    pl::Status added = builder->AddRecord(record.line, record.fields);
    if (!added.ok()) {
      PL_FUZZ_CHECK(added.code() == StatusCode::kInvalidArgument);
      PL_FUZZ_CHECK(added.message().find("line " + std::to_string(record.line)) != std::string::npos);
      return;
    }
  }
  auto frame = std::move(*builder).Finish();
  PL_FUZZ_CHECK(frame.ok());
  equity::IterateOptions o;
  o.success_vars = {header[1]};
  o.group_vars = {header[0]};
  if (weighted) o.weight_var = header[2];
  o.ppg_reference_groups = {"all but current"};
  auto result = equity::Iterate(*frame, o);
  if (!result.ok()) {
    PL_FUZZ_CHECK(result.status().code() == StatusCode::kInvalidArgument);
    return;
  }
  for (const auto& row : result->rows) {
    PL_FUZZ_CHECK(row.di_indicator_ppg == 0 || row.di_indicator_ppg == 1);
    PL_FUZZ_CHECK(row.di_indicator_prop_index == 0 || row.di_indicator_prop_index == 1);
    PL_FUZZ_CHECK(row.di_indicator_80_index == 0 || row.di_indicator_80_index == 1);
    PL_FUZZ_CHECK(row.n > 0);
  }
  if (!weighted) {
    auto cells = equity::Aggregate(*frame, {header[1], header[0], "", ""});
    if (cells.ok()) {
      double n = 0;
      for (const auto& cell : *cells) n += cell.n;
      PL_FUZZ_CHECK(n == static_cast<double>(frame->rows()));
      PL_FUZZ_CHECK(equity::Ppg(*cells, {}).ok());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Run(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
