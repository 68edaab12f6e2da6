// A write-only CSV file built for speed: fields are appended to a large
// in-memory buffer that is written out in big blocks.
//
// Output is RFC 4180 with LF line endings: Text() quotes a field only when it
// contains a comma, a double quote or a line break. The file is written as
// `path + ".tmp"` and renamed to `path` by Finish(); destroying an unfinished
// CsvFile removes the temporary file.
//
// Errors are sticky: the first failed write is kept, later appends are
// cheap no-ops on the buffer, and status()/Finish() report it. Not
// thread-safe.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace pl::synthetic {

class CsvFile {
 public:
  // Opens the temporary file. FailedPrecondition (naming the path and the
  // system's reason) when it cannot be created.
  static Result<std::unique_ptr<CsvFile>> Create(std::string path);

  ~CsvFile();
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;

  // Field appenders; each starts a new field of the current row.
  void Text(std::string_view value);  // quoted when needed
  void Plain(std::string_view value);  // caller guarantees no quoting is needed
  void Unsigned(std::uint64_t value);
  void ZeroPadded(std::uint64_t value, int width);  // e.g. (7, 2) -> "07"
  void Tenths(std::uint64_t tenths);                // 125 -> "12.5", 30 -> "3.0"
  void Cents(std::uint64_t cents);                  // 123456 -> "1234.56"
  void Decimal(double value, int digits);           // fixed notation
  void Empty();
  // Ends the row with '\n'; writes the buffer out when it is large.
  void EndRow();

  // Writes what is buffered, closes and renames to the final path. Returns
  // the first error seen: FailedPrecondition for I/O errors,
  // ResourceExhausted when the disk is full.
  Status Finish();

  // The first error so far (OK while all writes have succeeded).
  const Status& status() const { return status_; }
  // Bytes appended so far (written or still buffered).
  std::uint64_t bytes() const { return bytes_flushed_ + buffer_.size(); }
  std::uint64_t rows() const { return rows_; }

 private:
  CsvFile(std::string path, std::FILE* file);
  void Separate() {
    if (!at_row_start_) buffer_.push_back(',');
    at_row_start_ = false;
  }
  void Flush();

  std::string path_;
  std::string temp_path_;
  std::FILE* file_;
  std::string buffer_;
  bool at_row_start_ = true;
  std::uint64_t bytes_flushed_ = 0;
  std::uint64_t rows_ = 0;
  Status status_;
};

}  // namespace pl::synthetic
