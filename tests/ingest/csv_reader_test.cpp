#include "ingest/csv_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace pl::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Serves its data at most `chunk` bytes per Read(), so record boundaries fall
// everywhere relative to the reader's refills.
class ChunkedSource final : public ByteSource {
 public:
  ChunkedSource(std::string data, size_t chunk) : data_(std::move(data)), chunk_(chunk) {}
  Result<size_t> Read(char* buf, size_t n) override {
    const size_t count = std::min({n, chunk_, data_.size() - pos_});
    std::copy_n(data_.data() + pos_, count, buf);
    pos_ += count;
    return count;
  }

 private:
  std::string data_;
  size_t chunk_;
  size_t pos_ = 0;
};

// Serves `data`, then fails `failures` times with `error`, then ends.
class FailingSource final : public ByteSource {
 public:
  FailingSource(std::string data, Status error, int failures)
      : data_(std::move(data)), error_(std::move(error)), failures_(failures) {}
  Result<size_t> Read(char* buf, size_t n) override {
    if (pos_ == data_.size() && failures_ > 0) {
      --failures_;
      return error_;
    }
    const size_t count = std::min(n, data_.size() - pos_);
    std::copy_n(data_.data() + pos_, count, buf);
    pos_ += count;
    return count;
  }

 private:
  std::string data_;
  Status error_;
  int failures_;
  size_t pos_ = 0;
};

std::vector<CsvRecord> ReadAll(std::unique_ptr<ByteSource> source, CsvReaderOptions options = {}) {
  CsvReader reader(std::move(source), options);
  std::vector<CsvRecord> records;
  CsvRecord record;
  for (;;) {
    auto more = reader.Next(&record);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) break;
    records.push_back(record);
  }
  return records;
}

std::vector<CsvRecord> ReadAll(std::string data, CsvReaderOptions options = {}) {
  return ReadAll(MemorySource(std::move(data)), options);
}

// "2-3 [a|b]" or "4-4 error(field 1): ...": whole records compare in one line.
std::string Describe(const CsvRecord& r) {
  std::string out = std::to_string(r.line) + "-" + std::to_string(r.end_line) + " ";
  if (!r.error.empty()) return out + "error(field " + std::to_string(r.error_field) + "): " + r.error;
  out += "[";
  for (size_t i = 0; i < r.fields.size(); ++i) out += (i ? "|" : "") + r.fields[i];
  return out + "]";
}

std::vector<std::string> DescribeAll(const std::vector<CsvRecord>& records) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(Describe(r));
  return out;
}

// Every physical line is in exactly one record: the records tile lines 1..N.
void ExpectLinesTiled(const std::vector<CsvRecord>& records, std::uint64_t last_line) {
  std::uint64_t next = 1;
  for (const auto& r : records) {
    EXPECT_EQ(r.line, next) << Describe(r);
    EXPECT_LE(r.line, r.end_line) << Describe(r);
    next = r.end_line + 1;
  }
  EXPECT_EQ(next - 1, last_line);
}

// --- RFC 4180 ---------------------------------------------------------------

TEST(CsvReaderTest, ReadsPlainRecords) {
  auto records = ReadAll("id,name,grade\n1,Ana,9\n2,Bo,10\n");
  EXPECT_THAT(DescribeAll(records), ElementsAre("1-1 [id|name|grade]", "2-2 [1|Ana|9]", "3-3 [2|Bo|10]"));
}

TEST(CsvReaderTest, QuotedFieldsHoldDelimitersAndDoubledQuotes) {
  auto records = ReadAll("\"Lincoln High, East\",\"say \"\"hi\"\"\",\"\"\"\",plain\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_THAT(records[0].fields, ElementsAre("Lincoln High, East", "say \"hi\"", "\"", "plain"));
}

TEST(CsvReaderTest, EmptyFieldsQuotedOrNot) {
  EXPECT_THAT(ReadAll(",a,,\n")[0].fields, ElementsAre("", "a", "", ""));
  EXPECT_THAT(ReadAll("\"\",\"\"\n")[0].fields, ElementsAre("", ""));
  EXPECT_THAT(ReadAll("\"\"\n")[0].fields, ElementsAre(""));
  EXPECT_THAT(ReadAll("a,")[0].fields, ElementsAre("a", ""));
}

TEST(CsvReaderTest, QuotedFieldsKeepLineBreaksAndSpanLines) {
  auto records = ReadAll("\"a\nb\",1\n\"c\r\nd\",2\r\n\"e\rf\",3\n\"g\n\nh\",4\nlast\n");
  EXPECT_THAT(DescribeAll(records), ElementsAre("1-2 [a\nb|1]", "3-4 [c\r\nd|2]", "5-6 [e\rf|3]",
                                                "7-9 [g\n\nh|4]", "10-10 [last]"));
  ExpectLinesTiled(records, 10);
}

TEST(CsvReaderTest, RecordsEndAtLfCrlfOrLoneCr) {
  // Lone CR: classic Mac OS line endings, as Excel for Mac still writes them.
  EXPECT_THAT(DescribeAll(ReadAll("a,b\r\nc,d\re,f\ng,h")),
              ElementsAre("1-1 [a|b]", "2-2 [c|d]", "3-3 [e|f]", "4-4 [g|h]"));
  EXPECT_THAT(DescribeAll(ReadAll("a\r\rb\r")), ElementsAre("1-1 [a]", "2-2 []", "3-3 [b]"));
}

TEST(CsvReaderTest, SkipsByteOrderMarkOnlyAtTheStart) {
  EXPECT_THAT(DescribeAll(ReadAll("\xEF\xBB\xBFid\n1\n")), ElementsAre("1-1 [id]", "2-2 [1]"));
  // Elsewhere U+FEFF is ordinary (valid) data.
  EXPECT_THAT(DescribeAll(ReadAll("a\n\xEF\xBB\xBF" "b\n")), ElementsAre("1-1 [a]", "2-2 [\xEF\xBB\xBF" "b]"));
  EXPECT_THAT(ReadAll("\xEF\xBB\xBF"), IsEmpty());
  EXPECT_THAT(ReadAll("\xEF\xBB\xBF\r\n"), IsEmpty());
  // A cut-off mark is not one: it is invalid UTF-8 in the first record.
  auto cut = ReadAll("\xEF\xBB,x\n");
  ASSERT_EQ(cut.size(), 1u);
  EXPECT_THAT(cut[0].error, HasSubstr("invalid UTF-8 in field 1 at byte 1"));
}

TEST(CsvReaderTest, ReadsFinalRecordWithoutLineBreak) {
  EXPECT_THAT(DescribeAll(ReadAll("a,b\nc,d")), ElementsAre("1-1 [a|b]", "2-2 [c|d]"));
  EXPECT_THAT(DescribeAll(ReadAll("a\n\"q,\"\"\"")), ElementsAre("1-1 [a]", "2-2 [q,\"]"));
}

TEST(CsvReaderTest, TrailingBlankLinesProduceNoRecord) {
  EXPECT_THAT(DescribeAll(ReadAll("a\n")), ElementsAre("1-1 [a]"));
  EXPECT_THAT(DescribeAll(ReadAll("a\r\n\r\n\n\r")), ElementsAre("1-1 [a]"));
  EXPECT_THAT(ReadAll(""), IsEmpty());
  EXPECT_THAT(ReadAll("\n\n"), IsEmpty());
}

TEST(CsvReaderTest, BlankLineInTheMiddleIsOneEmptyField) {
  // The caller decides to skip or reject it; in a one-column file it is an
  // empty value.
  auto records = ReadAll("a\n\n\r\nb\n\n");
  EXPECT_THAT(DescribeAll(records), ElementsAre("1-1 [a]", "2-2 []", "3-3 []", "4-4 [b]"));
  EXPECT_THAT(records[1].fields, ElementsAre(""));
  EXPECT_THAT(DescribeAll(ReadAll("\n\nx")), ElementsAre("1-1 []", "2-2 []", "3-3 [x]"));
}

TEST(CsvReaderTest, OtherDelimiters) {
  CsvReaderOptions semicolon;
  semicolon.delimiter = ';';
  EXPECT_THAT(ReadAll("1,5;\"a;b\";c\n", semicolon)[0].fields, ElementsAre("1,5", "a;b", "c"));
  CsvReaderOptions tab;
  tab.delimiter = '\t';
  EXPECT_THAT(ReadAll("a\t\tb,c\n", tab)[0].fields, ElementsAre("a", "", "b,c"));
}

TEST(CsvReaderTest, RejectsInvalidOptions) {
  for (char delimiter : {'"', '\n', '\r', static_cast<char>(0xC3)}) {
    CsvReaderOptions options;
    options.delimiter = delimiter;
    CsvReader reader(MemorySource("a\n"), options);
    CsvRecord record;
    auto next = reader.Next(&record);
    ASSERT_FALSE(next.ok());
    EXPECT_EQ(next.status().code(), StatusCode::kInvalidArgument);
  }
  CsvReaderOptions zero;
  zero.max_record_bytes = 0;
  CsvReader reader(MemorySource("a\n"), zero);
  CsvRecord record;
  EXPECT_EQ(reader.Next(&record).status().code(), StatusCode::kInvalidArgument);
}

// --- UTF-8 ------------------------------------------------------------------

TEST(CsvReaderTest, AcceptsValidUtf8) {
  auto records = ReadAll("Jos\xC3\xA9,\xE6\x97\xA5\xE6\x9C\xAC,\"\xF0\x9F\x98\x80\",\xF4\x8F\xBF\xBF,\xEF\xBF\xBD\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].error, "");
  EXPECT_EQ(records[0].fields.size(), 5u);
}

struct BadUtf8Case {
  const char* name;
  std::string bytes;
  const char* problem;
};

class CsvReaderBadUtf8Test : public testing::TestWithParam<BadUtf8Case> {};

TEST_P(CsvReaderBadUtf8Test, FailsOnlyThatRecord) {
  const auto& c = GetParam();
  auto records = ReadAll("id,name\n7,ab" + c.bytes + "z\n8,ok\n");
  EXPECT_THAT(DescribeAll(records),
              ElementsAre("1-1 [id|name]",
                          std::string("2-2 error(field 1): invalid UTF-8 in field 2 at byte 3 (") + c.problem + ")",
                          "3-3 [8|ok]"));
  EXPECT_THAT(records[1].fields, IsEmpty());
  // Also at the very end of the input, where a sequence can be cut short.
  auto last = ReadAll("x," + c.bytes);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_THAT(last[0].error, HasSubstr("invalid UTF-8 in field 2 at byte 1"));
}

INSTANTIATE_TEST_SUITE_P(
    AllKinds, CsvReaderBadUtf8Test,
    testing::Values(BadUtf8Case{"OverlongTwoBytes", "\xC0\xAF", "overlong encoding"},
                    BadUtf8Case{"OverlongC1", "\xC1\xBF", "overlong encoding"},
                    BadUtf8Case{"OverlongThreeBytes", "\xE0\x80\xAF", "overlong encoding"},
                    BadUtf8Case{"OverlongFourBytes", "\xF0\x80\x80\xAF", "overlong encoding"},
                    BadUtf8Case{"HighSurrogate", "\xED\xA0\x80", "UTF-16 surrogate"},
                    BadUtf8Case{"LowSurrogate", "\xED\xBF\xBF", "UTF-16 surrogate"},
                    BadUtf8Case{"AboveUnicode", "\xF4\x90\x80\x80", "code point above U+10FFFF"},
                    BadUtf8Case{"TruncatedTwo", "\xC3", "truncated sequence"},
                    BadUtf8Case{"TruncatedThree", "\xE6\x97", "truncated sequence"},
                    BadUtf8Case{"TruncatedFour", "\xF0\x9F\x98", "truncated sequence"},
                    BadUtf8Case{"LoneContinuation", "\x80", "continuation byte 0x80 without a lead byte"},
                    BadUtf8Case{"ByteF5", "\xF5\x80\x80\x80", "byte 0xF5 never occurs in UTF-8"},
                    BadUtf8Case{"ByteFF", "\xFF", "byte 0xFF never occurs in UTF-8"},
                    BadUtf8Case{"Latin1", "\xE9", "truncated sequence"}),
    [](const testing::TestParamInfo<BadUtf8Case>& info) { return info.param.name; });

TEST(CsvReaderTest, InvalidUtf8InMultiLineRecordCoversTheWholeRecord) {
  // The quoting is fine, so the record's extent is trusted: no re-reading.
  auto records = ReadAll("a\n\"x\ny\xFF\",z\nb\n");
  EXPECT_THAT(DescribeAll(records),
              ElementsAre("1-1 [a]", "2-3 error(field 0): invalid UTF-8 in field 1 at byte 4 (byte 0xFF never occurs in UTF-8)",
                          "4-4 [b]"));
}

// --- Broken quoting -----------------------------------------------------------

TEST(CsvReaderTest, StrayQuoteInUnquotedFieldFailsThatRecord) {
  auto records = ReadAll("a,b\n1,ab\"c\n2,d\n");
  EXPECT_THAT(DescribeAll(records),
              ElementsAre("1-1 [a|b]",
                          "2-2 error(field 1): unexpected quote in unquoted field 2 (byte 5 of the line); a field "
                          "containing quotes must be quoted, with its quotes doubled",
                          "3-3 [2|d]"));
  // A stray quote never opens a quoted section: the line break ends the record.
  EXPECT_THAT(DescribeAll(ReadAll("5\" pipe,x\ny\n"))[1], "2-2 [y]");
}

TEST(CsvReaderTest, CharacterAfterClosingQuoteFailsThatRecord) {
  auto records = ReadAll("\"abc\"x,1\n\"ok\",2\n");
  EXPECT_THAT(DescribeAll(records),
              ElementsAre("1-1 error(field 0): unexpected 'x' after the closing quote of field 1 (byte 6 of the "
                          "line); quotes inside a quoted field must be doubled",
                          "2-2 [ok|2]"));
  EXPECT_THAT(ReadAll("\"a\" ,b\n")[0].error, HasSubstr("unexpected ' ' after the closing quote"));
  EXPECT_THAT(ReadAll("\"a\"\x01,b\n")[0].error, HasSubstr("unexpected byte 0x01 after"));
}

TEST(CsvReaderTest, UnterminatedQuoteLosesNoLaterLine) {
  std::string data;
  for (int line = 1; line <= 10; ++line) data += line == 3 ? "3,\"unclosed\n" : std::to_string(line) + ",ok\n";
  auto records = ReadAll(data);
  ASSERT_EQ(records.size(), 10u);
  EXPECT_EQ(Describe(records[2]),
            "3-3 error(field 1): unterminated quoted field starting in field 2: the input ends inside quotes; check "
            "this line for an unbalanced quote");
  for (int line = 4; line <= 10; ++line) {
    EXPECT_EQ(Describe(records[line - 1]), std::to_string(line) + "-" + std::to_string(line) + " [" +
                                               std::to_string(line) + "|ok]");
  }
  ExpectLinesTiled(records, 10);
}

TEST(CsvReaderTest, UnterminatedQuoteOnLastLine) {
  EXPECT_THAT(DescribeAll(ReadAll("a\n\"bc")),
              ElementsAre("1-1 [a]", "2-2 error(field 0): unterminated quoted field starting in field 1: the input "
                                     "ends inside quotes; check this line for an unbalanced quote"));
  EXPECT_THAT(DescribeAll(ReadAll("a,\"")), ElementsAre(testing::StartsWith("1-1 error(field 1): unterminated")));
}

TEST(CsvReaderTest, BrokenQuotingFoundOnALaterLineRereadsFromTheNextLine) {
  // The quote opened on line 2 is closed by the one on line 4, where the
  // record breaks; lines 3 and 4 still come back as records of their own.
  auto records = ReadAll("h1,h2,h3\nx,\"abc,y\na,b,c\nd,\"e\",f\n");
  EXPECT_THAT(DescribeAll(records),
              ElementsAre("1-1 [h1|h2|h3]",
                          "2-2 error(field 1): quoted field 2 starting on this line is not closed properly: unexpected "
                          "'e' after the closing quote of field 2 on line 4; check this line for an unbalanced quote",
                          "3-3 [a|b|c]", "4-4 [d|e|f]"));
}

TEST(CsvReaderTest, QuoteOpenedEveryLineIsLinear) {
  // Each line opens a quote that the next line closes and reopens: without
  // resynchronising per line this would be one giant record; with it every
  // line fails alone.
  std::string data;
  for (int i = 0; i < 2000; ++i) data += "a\",b,\"c\n";
  auto records = ReadAll(data);
  ASSERT_EQ(records.size(), 2000u);
  for (const auto& r : records) EXPECT_THAT(r.error, HasSubstr("unexpected quote in unquoted field 1"));
  ExpectLinesTiled(records, 2000);
}

// --- Size limits --------------------------------------------------------------

TEST(CsvReaderTest, RecordLongerThanLimitFailsAndReadingResumesOnTheNextLine) {
  CsvReaderOptions options;
  options.max_record_bytes = 10;
  options.buffer_bytes = 4;
  auto records = ReadAll("0123456789\n0123456789A\n" + std::string(100, 'x') + "\nend\n", options);
  EXPECT_THAT(DescribeAll(records),
              ElementsAre("1-1 [0123456789]", "2-2 error(field -1): record longer than 10 bytes",
                          "3-3 error(field -1): record longer than 10 bytes", "4-4 [end]"));
  // The line break is not part of the record: CRLF fits too.
  EXPECT_THAT(DescribeAll(ReadAll("\"01234567\"\r\nx", options)), ElementsAre("1-1 [01234567]", "2-2 [x]"));
}

// Makes `length` bytes of 'x' on the fly, then "\nafter\n": a line far larger
// than any buffer, without the test holding it either.
class LongLineSource final : public ByteSource {
 public:
  explicit LongLineSource(std::uint64_t length) : length_(length) {}
  Result<size_t> Read(char* buf, size_t n) override {
    static constexpr std::string_view kTail = "\nafter\n";
    if (pos_ < length_) {
      const size_t count = static_cast<size_t>(std::min<std::uint64_t>(n, length_ - pos_));
      std::fill_n(buf, count, 'x');
      pos_ += count;
      return count;
    }
    const size_t offset = static_cast<size_t>(pos_ - length_);
    const size_t count = std::min(n, kTail.size() - offset);
    std::copy_n(kTail.data() + offset, count, buf);
    pos_ += count;
    return count;
  }

 private:
  std::uint64_t length_;
  std::uint64_t pos_ = 0;
};

TEST(CsvReaderTest, HugeLineIsSkippedNotBuffered) {
  CsvReaderOptions options;
  options.max_record_bytes = 1 << 16;
  options.buffer_bytes = 1 << 12;
  constexpr std::uint64_t kLength = std::uint64_t{256} << 20;  // 4000 times the buffer
  CsvReader reader(std::make_unique<LongLineSource>(kLength), options);
  CsvRecord record;
  ASSERT_TRUE(*reader.Next(&record));
  EXPECT_EQ(Describe(record), "1-1 error(field -1): record longer than 65536 bytes");
  ASSERT_TRUE(*reader.Next(&record));
  EXPECT_EQ(Describe(record), "2-2 [after]");
  EXPECT_FALSE(*reader.Next(&record));
  EXPECT_EQ(reader.bytes_consumed(), kLength + 7);
}

TEST(CsvReaderTest, OverlongQuotedRecordFailsOnlyItsFirstLine) {
  CsvReaderOptions options;
  options.max_record_bytes = 16;
  auto records = ReadAll("a,\"open\nb,1\nc,2\nd,3\ne,4\nf,5\n", options);
  ASSERT_EQ(records.size(), 6u);
  EXPECT_EQ(Describe(records[0]),
            "1-1 error(field 1): record longer than 16 bytes: quoted field 2 starting on this line is never closed; "
            "check this line for an unbalanced quote");
  EXPECT_EQ(Describe(records[5]), "6-6 [f|5]");
  ExpectLinesTiled(records, 6);
}

TEST(CsvReaderTest, TooManyFieldsFailsThatRecord) {
  CsvReaderOptions options;
  options.max_fields = 3;
  EXPECT_THAT(DescribeAll(ReadAll("a,b,c,d\n1,2,3\n", options)),
              ElementsAre("1-1 error(field -1): record has more than 3 fields (4)", "2-2 [1|2|3]"));
}

// --- Streaming ----------------------------------------------------------------

// Random CSV-ish bytes: mostly well-formed, with every kind of damage mixed in.
std::string RandomCsv(std::mt19937& rng, size_t length) {
  static const std::vector<std::string> kPieces = {
      "a", "bc", "12", ",", ",", ",", "\"", "\"", "\"\"", "\n", "\n", "\r\n", "\r", " ", "\xC3\xA9",
      "\xE6\x97\xA5", "\xF0\x9F\x98\x80", "\xFF", "\xC3", "\xED\xA0\x80", "\xEF\xBB\xBF", "\"x,y\"", "\"p\nq\""};
  std::string out;
  if (rng() % 4 == 0) out = "\xEF\xBB\xBF";
  while (out.size() < length) out += kPieces[rng() % kPieces.size()];
  return out;
}

// Physical lines, counted independently of the reader: a BOM is no content,
// LF, CRLF and CR each end a line, and blank lines at the end do not count.
std::uint64_t CountLines(std::string data) {
  if (data.rfind("\xEF\xBB\xBF", 0) == 0) data.erase(0, 3);
  std::vector<std::string> lines(1);
  for (size_t i = 0; i < data.size(); ++i) {
    if (data[i] == '\n' || data[i] == '\r') {
      if (data[i] == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
      lines.emplace_back();
    } else {
      lines.back() += data[i];
    }
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines.size();
}

TEST(CsvReaderStreamingTest, ChunkingNeverChangesTheRecords) {
  std::mt19937 rng(20240611);
  for (int round = 0; round < 400; ++round) {
    const std::string data = RandomCsv(rng, 1 + rng() % 400);
    CsvReaderOptions whole;
    whole.max_record_bytes = 48;
    const auto records = ReadAll(data, whole);
    ExpectLinesTiled(records, CountLines(data));
    const auto expected = DescribeAll(records);
    for (size_t buffer_bytes : {1, 2, 3, 5, 16}) {
      CsvReaderOptions small = whole;
      small.buffer_bytes = buffer_bytes;
      for (size_t chunk : {1, 2, 7}) {
        ASSERT_EQ(DescribeAll(ReadAll(std::make_unique<ChunkedSource>(data, chunk), small)), expected)
            << "round " << round << ", buffer " << buffer_bytes << ", chunk " << chunk;
      }
    }
  }
}

// Quotes a field when it must (and sometimes when it need not).
std::string Quote(const std::string& field, bool always) {
  if (!always && field.find_first_of(",\"\r\n") == std::string::npos && !field.empty()) return field;
  std::string out = "\"";
  for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

TEST(CsvReaderStreamingTest, RoundTripsWhatAWriterProduces) {
  std::mt19937 rng(7);
  const std::vector<std::string> kAtoms = {"x", "Ana", "9", "\xC3\xA9", "\xF0\x9F\x98\x80", ",", "\"", "\n", "\r\n", "\r", " "};
  const std::vector<std::string> kBreaks = {"\n", "\r\n", "\r"};
  for (int round = 0; round < 200; ++round) {
    std::vector<std::vector<std::string>> rows(1 + rng() % 20);
    std::vector<std::uint64_t> lines;
    std::string data;
    std::uint64_t line = 1;
    for (auto& row : rows) {
      row.resize(1 + rng() % 6);
      lines.push_back(line);
      for (size_t f = 0; f < row.size(); ++f) {
        for (int k = rng() % 4; k > 0; --k) row[f] += kAtoms[rng() % kAtoms.size()];
        if (f) data += ",";
        // A lone empty field must be quoted: unquoted it is a blank line.
        data += Quote(row[f], row.size() == 1 || rng() % 3 == 0);
        for (size_t p = 0; p < row[f].size(); ++p) {
          if (row[f][p] == '\n' || (row[f][p] == '\r' && (p + 1 == row[f].size() || row[f][p + 1] != '\n'))) ++line;
        }
      }
      data += kBreaks[rng() % kBreaks.size()];
      ++line;
    }
    CsvReaderOptions options;
    options.buffer_bytes = 1 + rng() % 8;
    auto records = ReadAll(std::make_unique<ChunkedSource>(data, 1 + rng() % 5), options);
    ASSERT_EQ(records.size(), rows.size()) << data;
    for (size_t r = 0; r < rows.size(); ++r) {
      EXPECT_EQ(records[r].error, "");
      EXPECT_EQ(records[r].fields, rows[r]) << "round " << round << " row " << r;
      EXPECT_EQ(records[r].line, lines[r]);
    }
    ExpectLinesTiled(records, line - 1);
  }
}

TEST(CsvReaderStreamingTest, SourceErrorIsReturnedAndReadingCanRetry) {
  CsvReader reader(std::make_unique<FailingSource>("a,b\nc,", Unavailable("read failed (I/O error): x.csv"), 1));
  CsvRecord record;
  auto first = reader.Next(&record);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(Describe(record), "1-1 [a|b]");
  auto failed = reader.Next(&record);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(failed.status().message(), "read failed (I/O error): x.csv");
  // The pending record "c," was kept: a retry reads it whole.
  auto retried = reader.Next(&record);
  ASSERT_TRUE(retried.ok());
  ASSERT_TRUE(*retried);
  EXPECT_EQ(Describe(record), "2-2 [c|]");
  EXPECT_FALSE(*reader.Next(&record));
}

TEST(CsvReaderStreamingTest, SourceErrorWhileSkippingOrAtStart) {
  {
    CsvReader reader(std::make_unique<FailingSource>("", DataLoss("disk gone"), 1));
    CsvRecord record;
    EXPECT_EQ(reader.Next(&record).status().code(), StatusCode::kDataLoss);
    EXPECT_FALSE(*reader.Next(&record));
  }
  {
    CsvReaderOptions options;
    options.max_record_bytes = 4;
    options.buffer_bytes = 2;
    CsvReader reader(std::make_unique<FailingSource>("toolong", DataLoss("disk gone"), 1), options);
    CsvRecord record;
    ASSERT_TRUE(*reader.Next(&record));
    EXPECT_THAT(record.error, HasSubstr("record longer than 4 bytes"));
    EXPECT_EQ(reader.Next(&record).status().code(), StatusCode::kDataLoss);
    EXPECT_FALSE(*reader.Next(&record));
  }
}

TEST(CsvReaderStreamingTest, ReusesFieldStorageAndReleasesHugeFields) {
  const std::string wide(200, 'w');
  CsvReader reader(MemorySource(wide + "," + wide + "\n" + wide + "," + wide + "\n" + std::string(100000, 'h') +
                                "\nsmall\n"));
  CsvRecord record;
  ASSERT_TRUE(*reader.Next(&record));
  const char* storage = record.fields[1].data();
  ASSERT_TRUE(*reader.Next(&record));
  EXPECT_EQ(record.fields[1].data(), storage);  // no new allocation
  ASSERT_TRUE(*reader.Next(&record));
  EXPECT_GE(record.fields[0].capacity(), 100000u);
  ASSERT_TRUE(*reader.Next(&record));
  EXPECT_LT(record.fields[0].capacity(), 100000u);  // one huge value does not pin memory
}

TEST(CsvReaderStreamingTest, CountsConsumedBytes) {
  const std::string data = "\xEF\xBB\xBFid\r\n1\n2";
  CsvReader reader(MemorySource(data));
  CsvRecord record;
  EXPECT_EQ(reader.bytes_consumed(), 0u);
  ASSERT_TRUE(*reader.Next(&record));
  EXPECT_EQ(reader.bytes_consumed(), 7u);
  while (*reader.Next(&record)) {
  }
  EXPECT_EQ(reader.bytes_consumed(), data.size());
  EXPECT_FALSE(*reader.Next(&record));  // and stays at the end
}

// --- Sources ------------------------------------------------------------------

class CsvFileSourceTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pl_csv_reader_test_" + std::to_string(::getpid()) + "_" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(CsvFileSourceTest, ReadsAFile) {
  const auto path = (dir_ / "students.csv").string();
  std::ofstream(path) << "id,name\n1,\"Ana\nMaria\"\n";
  auto source = OpenFileSource(path);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  EXPECT_THAT(DescribeAll(ReadAll(std::move(*source))), ElementsAre("1-1 [id|name]", "2-3 [1|Ana\nMaria]"));
}

TEST_F(CsvFileSourceTest, ReportsMissingUnreadableAndDirectoryPaths) {
  const auto missing = (dir_ / "missing.csv").string();
  auto not_found = OpenFileSource(missing);
  EXPECT_EQ(not_found.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(not_found.status().message(), HasSubstr(missing));

  auto directory = OpenFileSource(dir_.string());
  EXPECT_EQ(directory.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(directory.status().message(), HasSubstr(dir_.string()));

  if (::geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
  const auto locked = (dir_ / "locked.csv").string();
  std::ofstream(locked) << "a\n";
  std::filesystem::permissions(locked, std::filesystem::perms::none);
  auto denied = OpenFileSource(locked);
  EXPECT_EQ(denied.status().code(), StatusCode::kPermissionDenied);
  EXPECT_THAT(denied.status().message(), HasSubstr(locked));
}

TEST(CsvFdSourceTest, ReadsAPipeWithoutOwningIt) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const std::string data = "a,b\n\"c\r\nd\",e\r\n";
  ASSERT_EQ(::write(fds[1], data.data(), data.size()), static_cast<ssize_t>(data.size()));
  ::close(fds[1]);
  EXPECT_THAT(DescribeAll(ReadAll(FdSource(fds[0]))), ElementsAre("1-1 [a|b]", "2-3 [c\r\nd|e]"));
  EXPECT_EQ(::fcntl(fds[0], F_GETFD), 0);  // still open
  ::close(fds[0]);
}

TEST(CsvFdSourceTest, StdinIsNotClosed) {
  auto source = OpenFileSource("-");
  ASSERT_TRUE(source.ok());
  source->reset();
  EXPECT_NE(::fcntl(0, F_GETFD), -1);
}

TEST(CsvFdSourceTest, ReadErrorIsAStatus) {
  // Reading a write-only descriptor fails with EBADF.
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  CsvReader reader(FdSource(fds[1]));
  CsvRecord record;
  auto next = reader.Next(&record);
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(next.status().message(), HasSubstr("file descriptor"));
  ::close(fds[0]);
  ::close(fds[1]);
}

}  // namespace
}  // namespace pl::ingest
