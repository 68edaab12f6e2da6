// libFuzzer target for the validators: every field of the input (read as
// CSV) is parsed against every column of every importable kind. Invariants
// (else abort): no crash; an accepted value is what its column promises
// (integers and decimals in range and finite, digits of the right length,
// codes from their set, identifiers of allowed characters, school years in
// range); text values are returned unchanged.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "ingest/code_sets.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/fields.hpp"
#include "ingest/kind.hpp"

namespace pl::ingest {
namespace {

#define PL_FUZZ_CHECK(cond) \
  do {                      \
    if (!(cond)) std::abort(); \
  } while (0)

const CodeSets& Codes() {
  static const CodeSets codes = [] {
    CodeSets c = CodeSets::FixedOnly();
    c.values["county"] = {"06001", "06019", "06037"};
    c.values["sector"] = {"HSM", "ICT"};
    c.values["pathway"] = {"HSM-04", "ICT-03"};
    c.pathway_sector = {{"HSM-04", "HSM"}, {"ICT-03", "ICT"}};
    return c;
  }();
  return codes;
}

void CheckAccepted(const ColumnSpec& c, std::string_view raw, const Cell& cell) {
  if (raw.empty()) {
    PL_FUZZ_CHECK(cell.is_null());
    return;
  }
  switch (c.type) {
    case ColumnType::kInteger:
      PL_FUZZ_CHECK(cell.type == Cell::Type::kInteger);
      PL_FUZZ_CHECK(cell.integer >= c.min && cell.integer <= c.max);
      break;
    case ColumnType::kDecimal:
      PL_FUZZ_CHECK(cell.type == Cell::Type::kReal);
      PL_FUZZ_CHECK(std::isfinite(cell.real) && cell.real >= c.min && cell.real <= c.max);
      break;
    case ColumnType::kBoolean:
      PL_FUZZ_CHECK(cell.type == Cell::Type::kInteger && (cell.integer == 0 || cell.integer == 1));
      break;
    case ColumnType::kSchoolYear:
      PL_FUZZ_CHECK(cell.type == Cell::Type::kInteger && cell.integer >= 1990 && cell.integer <= 2100);
      break;
    case ColumnType::kDigits:
      PL_FUZZ_CHECK(cell.type == Cell::Type::kText && static_cast<int>(cell.text.size()) == c.digits);
      for (char ch : cell.text) PL_FUZZ_CHECK(ch >= '0' && ch <= '9');
      break;
    case ColumnType::kCode:
      PL_FUZZ_CHECK(cell.type == Cell::Type::kText && Codes().Contains(c.code_set, cell.text));
      break;
    case ColumnType::kIdentifier:
    case ColumnType::kReference:
      PL_FUZZ_CHECK(cell.type == Cell::Type::kText && cell.text == raw);
      PL_FUZZ_CHECK(static_cast<int>(cell.text.size()) <= c.max_length);
      for (char ch : cell.text) PL_FUZZ_CHECK(ch != ',' && ch != '"' && ch != ' ' && ch != '\n');
      break;
    case ColumnType::kText:
      PL_FUZZ_CHECK(cell.type == Cell::Type::kText && cell.text == raw);
      break;
  }
}

}  // namespace
}  // namespace pl::ingest

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace pl::ingest;
  CsvReader reader(MemorySource(std::string(reinterpret_cast<const char*>(data), size)),
                   {.max_record_bytes = 4096, .buffer_bytes = 256, .max_fields = 64});
  CsvRecord record;
  while (true) {
    auto more = reader.Next(&record);
    PL_FUZZ_CHECK(more.ok());
    if (!*more) break;
    for (const auto& field : record.fields) {
      std::string_view raw = Trim(field);
      (void)pl::ParseSchoolYear(raw);
      for (const auto& kind : Kinds()) {
        for (const auto& column : kind.columns) {
          Cell cell;
          std::string reason = ParseField(column, raw, Codes(), &cell);
          if (reason.empty()) CheckAccepted(column, raw, cell);
        }
      }
    }
  }
  return 0;
}
