// Parse throughput of the CSV reader on 16-column student_years-like rows,
// from memory (so the number is the parser's, not the disk's). The importer
// needs > 500,000 rows/s end to end; the reader must be a small part of it.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>

#include "ingest/csv_reader.hpp"

namespace pl::ingest {
namespace {

// Serves a string it does not own, so iterations do not copy the input.
class ViewSource final : public ByteSource {
 public:
  explicit ViewSource(std::string_view data) : data_(data) {}
  Result<size_t> Read(char* buf, size_t n) override {
    const size_t count = std::min(n, data_.size() - pos_);
    std::copy_n(data_.data() + pos_, count, buf);
    pos_ += count;
    return count;
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

// `quoted_share` in [0, 1]: how often the name and ethnicity columns are
// quoted (with a delimiter inside).
std::string MakeRows(size_t bytes, double quoted_share, size_t* rows) {
  std::mt19937 rng(1);
  std::bernoulli_distribution quoted(quoted_share);
  auto pick = [&rng](unsigned n) { return static_cast<unsigned>(rng() % n); };
  std::string out;
  char row[512];
  *rows = 0;
  while (out.size() < bytes) {
    const int len = std::snprintf(
        row, sizeof row, "S%09u,20%02u-%02u,06%03u,%07u,%s,%u,%c,%s,%c,%c,%c,%s,%04u.%02u,%02u.%04u,%u.%02u,%u.%u\n",
        pick(1000000000), 18 + pick(6), 19 + pick(6), 1 + 2 * pick(58), pick(10000000),
        quoted(rng) ? "\"Lincoln High School, East Campus\"" : "Sierra Vista Middle", 9 + pick(4), "FMX"[pick(3)],
        quoted(rng) ? "\"Black or African American\"" : "Hispanic or Latino", "YN"[pick(2)], "YN"[pick(2)],
        "YN"[pick(2)], "ICT-02", pick(5000), pick(100), pick(60), pick(10000), pick(5), pick(100), pick(80),
        pick(10));
    out.append(row, static_cast<size_t>(len));
    ++*rows;
  }
  return out;
}

void ReadAllRows(benchmark::State& state, double quoted_share) {
  size_t rows = 0;
  const std::string data = MakeRows(64 << 20, quoted_share, &rows);
  for (auto _ : state) {
    CsvReader reader(std::make_unique<ViewSource>(data));
    CsvRecord record;
    size_t count = 0;
    while (*reader.Next(&record)) ++count;
    if (count != rows) state.SkipWithError("wrong row count");
    benchmark::DoNotOptimize(record.fields.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows));
}

void BM_CsvReaderUnquoted(benchmark::State& state) { ReadAllRows(state, 0.0); }
void BM_CsvReaderSomeQuoted(benchmark::State& state) { ReadAllRows(state, 0.3); }
BENCHMARK(BM_CsvReaderUnquoted)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CsvReaderSomeQuoted)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pl::ingest
