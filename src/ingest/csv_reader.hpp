// Streaming RFC 4180 CSV reader: the hot path of bulk imports.
//
// Input is pulled in chunks from a ByteSource (file, pipe or memory), so a
// file of any size is read with bounded memory:
//   buffer_bytes + max_record_bytes                   (input buffer)
//   + at most 2 * max_record_bytes + 1.1 KiB * max_fields  (field storage)
// and nothing grows with the number of records or the size of the input.
//
// Format accepted (RFC 4180 plus what real exports produce):
//   - Fields are separated by `delimiter`. A field that starts with `"` is
//     quoted: it may contain the delimiter, CR, LF and `""` (one quote) and
//     ends at the next lone `"`, which must be followed by a delimiter, a
//     line break or the end of input.
//   - Physical lines end at LF, CRLF or a lone CR (classic Mac OS line
//     endings, still written by Excel for Mac's "CSV (Macintosh)" format).
//     Line numbers count physical lines from 1; a line break inside a quoted
//     field counts too, so a record spans lines [line, end_line].
//     Line breaks inside quoted fields are kept byte for byte.
//   - A record ends at the first line break outside quotes, or at the end
//     of input (a final record needs no line break).
//   - A UTF-8 byte order mark at the very start is skipped.
//   - A blank line (nothing between two line breaks) in the middle of the
//     input is a record with one empty field, exactly like a line holding
//     an empty unquoted value: the caller decides whether to skip or reject
//     it (the two cannot be told apart in a one-column file). Blank lines at
//     the end of the input produce no record.
//   - Every field must be valid UTF-8 (RFC 3629: no overlong forms, no
//     surrogates, nothing above U+10FFFF). NUL bytes are valid data.
//
// Errors in the data never stop the reader: they come back as records with
// `error` set, and the next call goes on with the following records.
//   - Invalid UTF-8, or more than max_fields fields: the error record covers
//     the whole record (its quoting was fine, so its extent is known).
//   - Broken quoting (a quote inside an unquoted field, a character after a
//     closing quote, a quoted field still open at the end of input) or a
//     record longer than max_record_bytes: the extent of the record cannot
//     be trusted, so the error record covers only its first physical line L
//     and reading resumes at the start of line L + 1. A stray quote thus
//     never swallows the rest of the file.
// Consequently every physical line of the input (except blank lines at its
// end) belongs to exactly one record: record.line is always the previous
// record's end_line + 1, starting at 1.
//
// Thread-compatible: one reader per thread; a reader is movable.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.hpp"

namespace pl::ingest {

// A byte source the reader pulls from: a file, a pipe (fd), or memory
// (tests, fuzzing).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n (> 0) bytes into buf. Returns the number read, 0 only at
  // the end of input, or an error Status on I/O failure.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
};

// Serves `data`, then end of input.
std::unique_ptr<ByteSource> MemorySource(std::string data);

// Reads a file descriptor until read() returns 0. Does not own (close) fd.
// Retries on EINTR; on a non-blocking fd waits for data with poll().
std::unique_ptr<ByteSource> FdSource(int fd);

// Opens `path` for reading; the source owns (closes) the fd. "-" is stdin
// (not closed). Errors: NotFound, PermissionDenied, InvalidArgument for a
// directory, Unavailable otherwise; the message ends with the path.
Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path);

struct CsvRecord {
  std::uint64_t line = 0;      // 1-based physical line on which the record starts
  std::uint64_t end_line = 0;  // physical line on which it ends (quoted line breaks span lines)
  // The field values, unquoted and unescaped. Empty when `error` is set.
  // Pass the same CsvRecord to every Next() call: the vector and its
  // strings are reused, so after the first few records reading allocates
  // nothing. The caller may move strings out; they are refilled.
  std::vector<std::string> fields;
  // Empty when the record parsed cleanly; otherwise a message a person can
  // act on, e.g. "invalid UTF-8 in field 3 at byte 7 (truncated sequence)".
  // Field numbers in messages are 1-based, as in a spreadsheet.
  std::string error;
  int error_field = -1;  // 0-based index of the field the error concerns, -1 if none
};

struct CsvReaderOptions {
  // Longest record accepted, in bytes as stored in the input (quotes
  // included, the terminating line break excluded).
  size_t max_record_bytes = 1 << 20;
  // Each read from the source asks for at least this many bytes.
  size_t buffer_bytes = 1 << 20;
  // Field separator: any ASCII byte except '"', CR and LF.
  char delimiter = ',';
  // Records with more fields are errors: bounds the memory a hostile
  // record of delimiters can take.
  size_t max_fields = 4096;
};

class CsvReader {
 public:
  // Invalid options (a bad delimiter, a zero size) make Next() return
  // InvalidArgument.
  explicit CsvReader(std::unique_ptr<ByteSource> source, CsvReaderOptions options = {});

  // Reads the next record into *record. Returns true when a record was
  // produced (check record->error), false at end of input, or an error
  // Status only for I/O failures of the source (and invalid options). After
  // an I/O error, calling Next() again retries from the start of the record
  // that was being read: nothing is skipped.
  Result<bool> Next(CsvRecord* record);

  // Bytes of input consumed by the records returned so far (for progress).
  std::uint64_t bytes_consumed() const { return buffer_offset_ + begin_; }

 private:
  struct FieldSpan {
    size_t begin;  // offsets from the record start (begin_)
    size_t end;
    bool escaped;  // quoted and holding "" pairs to collapse
  };
  // What a byte means outside quotes. kPlain and kDelimiter come first: inside
  // quotes both are data.
  enum class Class : std::uint8_t { kPlain, kDelimiter, kQuote, kCr, kLf };

  Status Refill();
  Status SkipByteOrderMark();
  Status SkipBlankLines();
  Status SkipRestOfLine();
  // Consumes the line break at buffer_[at] (CR or LF), and the LF of a CRLF.
  void ConsumeLineBreak(size_t at);
  Result<bool> ParseRecord(CsvRecord* record);
  void FinishRecord(size_t length, std::uint64_t breaks, size_t field_count, CsvRecord* record);
  void FailFirstLine(std::string message, int field, CsvRecord* record);

  std::unique_ptr<ByteSource> source_;
  CsvReaderOptions options_;
  Status options_status_;
  std::array<Class, 256> classes_{};

  // Input buffer of max_record_bytes + buffer_bytes, allocated on first use.
  // [begin_, end_) is read and not yet returned; it starts with the pending
  // record, which Refill() moves to the front before reading more.
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  size_t begin_ = 0;
  size_t end_ = 0;
  std::uint64_t buffer_offset_ = 0;  // input offset of buffer_[0]
  bool eof_ = false;

  std::uint64_t line_ = 1;         // physical line at begin_
  bool bom_checked_ = false;
  bool skip_lf_ = false;           // the input so far ends in CR: a next LF belongs to it
  bool skip_to_eol_ = false;       // the rest of the current physical line is to be dropped
  std::uint64_t blank_lines_ = 0;  // blank lines consumed and not yet returned
  // Fields of the record being parsed: the first min(field count,
  // max_fields) entries are valid. Only grows, so it is overwritten in place.
  std::vector<FieldSpan> spans_;
};

}  // namespace pl::ingest
