// libFuzzer target for the CSV reader. Each input is read twice, through
// tiny buffers fed a few bytes at a time and in one piece, and these must
// hold (else abort):
//   - the same records come out whatever the chunking;
//   - records tile the physical lines: the first starts on line 1, each
//     starts on the line after the previous one ended, line <= end_line,
//     and the last ends on the last non-blank line (counted here
//     independently), so no line is ever lost;
//   - an error-free record has fields, all valid UTF-8 (checked here with an
//     independent decoder), within max_record_bytes; an error record has no
//     fields and an error_field of -1 or a plausible index;
//   - all input is consumed, and a memory source never yields an I/O error;
//   - error-free records written back as CSV read back identically.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/csv_reader.hpp"

namespace pl::ingest {
namespace {

constexpr size_t kMaxRecordBytes = 64;
constexpr size_t kMaxFields = 12;

#define PL_FUZZ_CHECK(cond) \
  do {                      \
    if (!(cond)) std::abort(); \
  } while (0)

// Serves the input at most `chunk` bytes per Read().
class ChunkedSource final : public ByteSource {
 public:
  ChunkedSource(std::string_view data, size_t chunk) : data_(data), chunk_(chunk) {}
  Result<size_t> Read(char* buf, size_t n) override {
    const size_t count = std::min({n, chunk_, data_.size() - pos_});
    std::copy_n(data_.data() + pos_, count, buf);
    pos_ += count;
    return count;
  }

 private:
  std::string_view data_;
  size_t chunk_;
  size_t pos_ = 0;
};

// Decodes code points, unlike the reader's range-table validator.
bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len;
    std::uint32_t cp;
    if (c < 0x80) {
      len = 1;
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr std::uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

// Physical lines after the byte order mark, LF / CRLF / CR each ending one,
// blank lines at the end not counted.
std::uint64_t CountLines(std::string_view data) {
  if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  std::uint64_t lines = 0;        // lines up to the last one with content
  std::uint64_t line = 1;         // current line
  bool content = false;           // current line has content
  for (size_t i = 0; i < data.size(); ++i) {
    if (data[i] == '\n' || data[i] == '\r') {
      if (content) lines = line;
      if (data[i] == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
      ++line;
      content = false;
    } else {
      content = true;
    }
  }
  if (content) lines = line;
  return lines;
}

struct Read {
  std::vector<CsvRecord> records;
  std::uint64_t consumed = 0;
};

Read ReadAll(std::unique_ptr<ByteSource> source, CsvReaderOptions options) {
  CsvReader reader(std::move(source), options);
  Read out;
  CsvRecord record;
  for (;;) {
    auto more = reader.Next(&record);
    PL_FUZZ_CHECK(more.ok());
    if (!*more) break;
    out.records.push_back(record);
  }
  PL_FUZZ_CHECK(!*reader.Next(&record));  // end stays the end
  out.consumed = reader.bytes_consumed();
  return out;
}

bool Same(const CsvRecord& a, const CsvRecord& b) {
  return a.line == b.line && a.end_line == b.end_line && a.fields == b.fields && a.error == b.error &&
         a.error_field == b.error_field;
}

std::string WriteCsv(const std::vector<const CsvRecord*>& records) {
  std::string out;
  for (const CsvRecord* r : records) {
    for (size_t f = 0; f < r->fields.size(); ++f) {
      if (f) out += ',';
      out += '"';
      for (char c : r->fields[f]) out += c == '"' ? std::string_view("\"\"") : std::string_view(&c, 1);
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

void CheckInput(std::string_view data) {
  CsvReaderOptions small;
  small.max_record_bytes = kMaxRecordBytes;
  small.max_fields = kMaxFields;
  small.buffer_bytes = 1 + (data.empty() ? 0 : static_cast<unsigned char>(data[0]) % 7);
  CsvReaderOptions large = small;
  large.buffer_bytes = 1 << 12;  // more than the inputs the fuzzer makes: one read

  const Read chunked = ReadAll(std::make_unique<ChunkedSource>(data, 1 + data.size() % 3), small);
  const Read whole = ReadAll(MemorySource(std::string(data)), large);

  PL_FUZZ_CHECK(chunked.records.size() == whole.records.size());
  for (size_t i = 0; i < whole.records.size(); ++i) PL_FUZZ_CHECK(Same(chunked.records[i], whole.records[i]));
  PL_FUZZ_CHECK(chunked.consumed == data.size() && whole.consumed == data.size());

  std::uint64_t next_line = 1;
  std::vector<const CsvRecord*> clean;
  for (const CsvRecord& r : whole.records) {
    PL_FUZZ_CHECK(r.line == next_line);
    PL_FUZZ_CHECK(r.line <= r.end_line);
    next_line = r.end_line + 1;
    if (r.error.empty()) {
      PL_FUZZ_CHECK(!r.fields.empty() && r.fields.size() <= kMaxFields);
      PL_FUZZ_CHECK(r.error_field == -1);
      size_t bytes = 0;
      for (const std::string& f : r.fields) {
        PL_FUZZ_CHECK(IsValidUtf8(f));
        bytes += f.size();
      }
      PL_FUZZ_CHECK(bytes <= kMaxRecordBytes);
      clean.push_back(&r);
    } else {
      PL_FUZZ_CHECK(r.fields.empty());
      // Not bounded by max_fields: a stray quote may sit in any field.
      PL_FUZZ_CHECK(r.error_field >= -1 && r.error_field <= static_cast<int>(kMaxRecordBytes));
    }
  }
  PL_FUZZ_CHECK(next_line - 1 == CountLines(data));

  // What a writer makes of the clean records reads back the same.
  CsvReaderOptions roomy;  // quoting makes records longer, so no size limit here
  roomy.max_record_bytes = 1 << 16;
  roomy.buffer_bytes = 1 << 12;
  roomy.max_fields = kMaxFields;
  const Read again = ReadAll(MemorySource(WriteCsv(clean)), roomy);
  PL_FUZZ_CHECK(again.records.size() == clean.size());
  for (size_t i = 0; i < clean.size(); ++i) {
    PL_FUZZ_CHECK(again.records[i].error.empty());
    PL_FUZZ_CHECK(again.records[i].fields == clean[i]->fields);
  }
}

}  // namespace
}  // namespace pl::ingest

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  pl::ingest::CheckInput(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
