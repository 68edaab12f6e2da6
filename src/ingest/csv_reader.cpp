#include "ingest/csv_reader.hpp"

#include "core/utf8.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include <fmt/format.h>

namespace pl::ingest {
namespace {

// A field string keeps its capacity between records (so steady-state reading
// allocates nothing) unless it is both above this and more than twice what
// the new value needs: one huge field must not pin memory for the rest of the
// file, in every column it ever appeared in.
constexpr size_t kKeptFieldCapacity = 1024;

// Room for the byte order mark check even with tiny test buffers.
constexpr size_t kMinCapacity = 8;

constexpr char kByteOrderMark[] = "\xEF\xBB\xBF";

std::string ErrnoText(int err) { return std::error_code(err, std::generic_category()).message(); }

class MemoryByteSource final : public ByteSource {
 public:
  explicit MemoryByteSource(std::string data) : data_(std::move(data)) {}

  Result<size_t> Read(char* buf, size_t n) override {
    const size_t count = std::min(n, data_.size() - pos_);
    std::memcpy(buf, data_.data() + pos_, count);
    pos_ += count;
    return count;
  }

 private:
  std::string data_;
  size_t pos_ = 0;
};

class FdByteSource final : public ByteSource {
 public:
  FdByteSource(int fd, bool owned, std::string name) : fd_(fd), owned_(owned), name_(std::move(name)) {}
  FdByteSource(const FdByteSource&) = delete;
  FdByteSource& operator=(const FdByteSource&) = delete;
  ~FdByteSource() override {
    if (owned_) ::close(fd_);
  }

  Result<size_t> Read(char* buf, size_t n) override {
    for (;;) {
      const ssize_t got = ::read(fd_, buf, n);
      if (got >= 0) return static_cast<size_t>(got);
      const int err = errno;
      if (err == EINTR) continue;
      if (err == EAGAIN || err == EWOULDBLOCK) {
        // A non-blocking pipe or socket: wait instead of reporting a failure
        // that is only "not yet".
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, -1) >= 0 || errno == EINTR) continue;
        return Unavailable(fmt::format("waiting for input failed ({}): {}", ErrnoText(errno), name_));
      }
      return Unavailable(fmt::format("read failed ({}): {}", ErrnoText(err), name_));
    }
  }

 private:
  int fd_;
  bool owned_;
  std::string name_;
};


// "'x'" for printable ASCII, "byte 0x0B" otherwise: the message must show
// the culprit even when it is invisible.
std::string DescribeByte(unsigned char c) {
  if (c >= 0x20 && c < 0x7F) return fmt::format("'{}'", static_cast<char>(c));
  return fmt::format("byte 0x{:02X}", c);
}

// Offset of the first CR or LF in [p, end), or end - p when there is none.
size_t FindLineBreak(const char* p, const char* end) {
  const char* q = p;
  while (q < end && *q != '\n' && *q != '\r') ++q;
  return static_cast<size_t>(q - p);
}

}  // namespace

std::unique_ptr<ByteSource> MemorySource(std::string data) {
  return std::make_unique<MemoryByteSource>(std::move(data));
}

std::unique_ptr<ByteSource> FdSource(int fd) {
  return std::make_unique<FdByteSource>(fd, false, fmt::format("file descriptor {}", fd));
}

Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path) {
  if (path == "-") return std::unique_ptr<ByteSource>(std::make_unique<FdByteSource>(0, false, "stdin"));
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT || err == ENOTDIR) return NotFound("file not found: " + path);
    if (err == EACCES || err == EPERM) return PermissionDenied("permission denied reading file: " + path);
    return Unavailable(fmt::format("cannot open file ({}): {}", ErrnoText(err), path));
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return InvalidArgument("expected a file, got a directory: " + path);
  }
  // Advisory only: lets the kernel read ahead further.
  (void)::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::unique_ptr<ByteSource>(std::make_unique<FdByteSource>(fd, true, path));
}

CsvReader::CsvReader(std::unique_ptr<ByteSource> source, CsvReaderOptions options)
    : source_(std::move(source)), options_(options) {
  const auto delimiter = static_cast<unsigned char>(options_.delimiter);
  if (delimiter == '"' || delimiter == '\r' || delimiter == '\n' || delimiter >= 0x80) {
    options_status_ = InvalidArgument(
        "CSV delimiter must be an ASCII character other than quote, CR and LF: " + DescribeByte(delimiter));
  } else if (options_.max_record_bytes == 0 || options_.buffer_bytes == 0 || options_.max_fields == 0) {
    options_status_ = InvalidArgument("CSV reader sizes must be positive: max_record_bytes, buffer_bytes, max_fields");
  } else if (options_.max_record_bytes > (size_t{1} << 40) || options_.buffer_bytes > (size_t{1} << 40)) {
    options_status_ = InvalidArgument("CSV reader buffer sizes must be at most 1 TiB");
  } else if (source_ == nullptr) {
    options_status_ = InvalidArgument("CSV reader needs a byte source");
  }
  classes_.fill(Class::kPlain);
  classes_[delimiter] = Class::kDelimiter;
  classes_['"'] = Class::kQuote;
  classes_['\r'] = Class::kCr;
  classes_['\n'] = Class::kLf;
}

Result<bool> CsvReader::Next(CsvRecord* record) {
  if (!options_status_.ok()) return options_status_;
  if (!bom_checked_) PL_RETURN_IF_ERROR(SkipByteOrderMark());
  if (skip_to_eol_) PL_RETURN_IF_ERROR(SkipRestOfLine());
  // The common case (a record starts right here) skips the call.
  if (begin_ == end_ || skip_lf_ || buffer_[begin_] == '\n' || buffer_[begin_] == '\r') {
    PL_RETURN_IF_ERROR(SkipBlankLines());
  }
  if (blank_lines_ > 0) {
    // Blank lines are held back until something follows them, so that the
    // ones an editor leaves at the end of a file produce no records.
    if (begin_ == end_ && eof_) {
      blank_lines_ = 0;
      return false;
    }
    record->line = record->end_line = line_ - blank_lines_;
    --blank_lines_;
    record->fields.resize(1);
    record->fields[0].clear();
    record->error.clear();
    record->error_field = -1;
    return true;
  }
  if (begin_ == end_ && eof_) return false;
  return ParseRecord(record);
}

Status CsvReader::Refill() {
  if (buffer_ == nullptr) {
    capacity_ = std::max(options_.max_record_bytes + options_.buffer_bytes, kMinCapacity);
    buffer_ = std::make_unique_for_overwrite<char[]>(capacity_);
  }
  if (begin_ > 0) {
    // Only the pending record (at most max_record_bytes) moves, so this
    // costs little next to the buffer_bytes of new input it makes room for.
    const size_t pending = end_ - begin_;
    std::memmove(buffer_.get(), buffer_.get() + begin_, pending);
    buffer_offset_ += begin_;
    begin_ = 0;
    end_ = pending;
  }
  const size_t room = capacity_ - end_;
  PL_ASSIGN_OR_RETURN(const size_t got, source_->Read(buffer_.get() + end_, room));
  if (got > room) return Internal(fmt::format("byte source returned more bytes than asked for: {} > {}", got, room));
  if (got == 0) eof_ = true;
  end_ += got;
  return Status::Ok();
}

Status CsvReader::SkipByteOrderMark() {
  while (end_ - begin_ < 3 && !eof_) PL_RETURN_IF_ERROR(Refill());
  if (end_ - begin_ >= 3 && std::memcmp(buffer_.get() + begin_, kByteOrderMark, 3) == 0) begin_ += 3;
  bom_checked_ = true;
  return Status::Ok();
}

Status CsvReader::SkipBlankLines() {
  for (;;) {
    if (begin_ == end_) {
      if (eof_) return Status::Ok();
      PL_RETURN_IF_ERROR(Refill());
      continue;
    }
    const char c = buffer_[begin_];
    if (skip_lf_) {
      // The LF of a CRLF whose CR ended the previous line.
      skip_lf_ = false;
      if (c == '\n') ++begin_;
      continue;
    }
    if (c != '\n' && c != '\r') return Status::Ok();
    ++begin_;
    ++blank_lines_;
    ++line_;
    skip_lf_ = c == '\r';
  }
}

Status CsvReader::SkipRestOfLine() {
  for (;;) {
    const size_t offset = FindLineBreak(buffer_.get() + begin_, buffer_.get() + end_);
    if (begin_ + offset < end_) {
      ConsumeLineBreak(begin_ + offset);
      skip_to_eol_ = false;
      return Status::Ok();
    }
    begin_ = end_;  // all of it belongs to the dropped line
    if (eof_) {
      skip_to_eol_ = false;
      return Status::Ok();
    }
    PL_RETURN_IF_ERROR(Refill());
  }
}

void CsvReader::ConsumeLineBreak(size_t at) {
  begin_ = at + 1;
  skip_lf_ = false;
  if (buffer_[at] != '\r') return;
  if (begin_ < end_) {
    if (buffer_[begin_] == '\n') ++begin_;
  } else {
    skip_lf_ = true;  // the LF, if any, is not read yet
  }
}

void CsvReader::FailFirstLine(std::string message, int field, CsvRecord* record) {
  record->line = record->end_line = line_;
  record->fields.clear();
  record->error = std::move(message);
  record->error_field = field;
  // Resume at the next physical line: whatever the broken quoting made of
  // the lines after it, they get parsed on their own.
  ++line_;
  skip_to_eol_ = true;
}

Result<bool> CsvReader::ParseRecord(CsvRecord* record) {
  enum class State { kFieldStart, kUnquoted, kQuoted, kAfterQuote };
  // Scanning never looks further than one byte past the size limit, so a
  // record's outcome does not depend on how the input was chunked.
  const size_t limit = options_.max_record_bytes + 1;
  State state = State::kFieldStart;
  size_t i = 0;  // scan offset from begin_: everything before it is parsed
  size_t field_begin = 0;
  bool escaped = false;
  size_t field_count = 0;     // fields completed so far
  std::uint64_t breaks = 0;   // line breaks seen inside quotes
  int first_break_field = -1;  // the quoted field that first ran onto another line

  // Called once per field from four places; GCC leaves it (and a
  // push_back) out of line unless told, at a cost of ~10% throughput.
  auto end_field = [&](size_t end) __attribute__((always_inline)) {
    if (field_count < spans_.size()) {
      spans_[field_count] = {field_begin, end, escaped};
    } else if (field_count < options_.max_fields) {
      spans_.push_back({field_begin, end, escaped});
    }
    ++field_count;
  };
  // The error for broken quoting at offset i. When the record already spans
  // lines, the culprit is most likely the quoted field that opened on its
  // first line, so that is what the message points at.
  auto fail_quoting = [&](const std::string& what, const char* hint, int field) -> bool {
    if (breaks == 0) {
      FailFirstLine(fmt::format("{} (byte {} of the line); {}", what, i + 1, hint), field, record);
    } else {
      FailFirstLine(fmt::format("quoted field {} starting on this line is not closed properly: {} on line {}; "
                                "check this line for an unbalanced quote",
                                first_break_field + 1, what, line_ + breaks),
                    first_break_field, record);
    }
    return true;
  };

  for (;;) {
    const auto* base = reinterpret_cast<const unsigned char*>(buffer_.get() + begin_);
    const size_t n = std::min(end_ - begin_, limit);
    while (i < n) {
      switch (state) {
        case State::kFieldStart:
          if (base[i] == '"') {
            state = State::kQuoted;
            field_begin = ++i;
            escaped = false;
            break;
          }
          field_begin = i;
          escaped = false;
          state = State::kUnquoted;
          [[fallthrough]];
        case State::kUnquoted: {
          while (i < n && classes_[base[i]] == Class::kPlain) ++i;
          if (i == n) break;
          const Class c = classes_[base[i]];
          if (c == Class::kDelimiter) {
            end_field(i);
            ++i;
            state = State::kFieldStart;
          } else if (c == Class::kQuote) {
            return fail_quoting(fmt::format("unexpected quote in unquoted field {}", field_count + 1),
                                "a field containing quotes must be quoted, with its quotes doubled",
                                static_cast<int>(field_count));
          } else {
            end_field(i);
            FinishRecord(i, breaks, field_count, record);
            ConsumeLineBreak(begin_ + i);
            line_ += breaks + 1;
            return true;
          }
          break;
        }
        case State::kQuoted: {
          // Inside quotes the delimiter is data: stop only at quotes and line
          // breaks (Class order puts kPlain and kDelimiter first).
          while (i < n && classes_[base[i]] <= Class::kDelimiter) ++i;
          if (i == n) break;
          const unsigned char c = base[i];
          if (c == '"') {
            state = State::kAfterQuote;
          } else if (c == '\r' || base[i - 1] != '\r') {  // the LF of a CRLF is no new line
            ++breaks;
            if (first_break_field < 0) first_break_field = static_cast<int>(field_count);
          }
          ++i;
          break;
        }
        case State::kAfterQuote: {
          const Class c = classes_[base[i]];
          if (c == Class::kQuote) {  // "" stands for one quote
            escaped = true;
            state = State::kQuoted;
            ++i;
          } else if (c == Class::kDelimiter) {
            end_field(i - 1);
            ++i;
            state = State::kFieldStart;
          } else if (c == Class::kCr || c == Class::kLf) {
            end_field(i - 1);
            FinishRecord(i, breaks, field_count, record);
            ConsumeLineBreak(begin_ + i);
            line_ += breaks + 1;
            return true;
          } else {
            return fail_quoting(
                fmt::format("unexpected {} after the closing quote of field {}", DescribeByte(base[i]), field_count + 1),
                "quotes inside a quoted field must be doubled", static_cast<int>(field_count));
          }
          break;
        }
      }
    }
    if (i == limit) {
      if (state == State::kQuoted && breaks > 0) {
        FailFirstLine(fmt::format("record longer than {} bytes: quoted field {} starting on this line is never "
                                  "closed; check this line for an unbalanced quote",
                                  options_.max_record_bytes, first_break_field + 1),
                      first_break_field, record);
      } else {
        FailFirstLine(fmt::format("record longer than {} bytes", options_.max_record_bytes), -1, record);
      }
      return true;
    }
    if (eof_) {
      switch (state) {
        case State::kFieldStart:  // after a trailing delimiter: one more, empty field
          field_begin = i;
          escaped = false;
          end_field(i);
          break;
        case State::kUnquoted:
          end_field(i);
          break;
        case State::kAfterQuote:
          end_field(i - 1);
          break;
        case State::kQuoted: {
          const int field = breaks > 0 ? first_break_field : static_cast<int>(field_count);
          FailFirstLine(fmt::format("unterminated quoted field starting in field {}: the input ends inside "
                                    "quotes; check this line for an unbalanced quote",
                                    field + 1),
                        field, record);
          return true;
        }
      }
      FinishRecord(i, breaks, field_count, record);
      begin_ += i;
      line_ += breaks;
      return true;
    }
    // Refill moves the pending record to the buffer start; offsets from
    // begin_ stay valid. After an I/O error begin_ is unchanged, so a retry
    // parses this record again from its start.
    PL_RETURN_IF_ERROR(Refill());
  }
}

void CsvReader::FinishRecord(size_t length, std::uint64_t breaks, size_t field_count, CsvRecord* record) {
  record->line = line_;
  record->end_line = line_ + breaks;
  record->error.clear();
  record->error_field = -1;
  const char* base = buffer_.get() + begin_;
  if (field_count > options_.max_fields) {
    record->fields.clear();
    record->error = fmt::format("record has more than {} fields ({})", options_.max_fields, field_count);
    return;
  }
  // Quotes and delimiters are ASCII, so checking the raw bytes once equals
  // checking every field, and costs one pass over (mostly) ASCII.
  Utf8Problem problem;
  const size_t bad = FindInvalidUtf8(reinterpret_cast<const unsigned char*>(base), length, &problem);
  if (bad != length) {
    int field = -1;
    size_t byte = 0;
    for (size_t k = 0; k < field_count; ++k) {
      if (spans_[k].begin <= bad && bad < spans_[k].end) {
        field = static_cast<int>(k);
        byte = bad - spans_[k].begin + 1;
        break;
      }
    }
    // Only field contents can hold non-ASCII bytes, so the search succeeds;
    // the fallback keeps the message true if that ever changes.
    const std::string problem_text = DescribeUtf8Problem(problem, static_cast<unsigned char>(base[bad]));
    record->fields.clear();
    record->error = field >= 0 ? fmt::format("invalid UTF-8 in field {} at byte {} ({})", field + 1, byte, problem_text)
                               : fmt::format("invalid UTF-8 at byte {} of the record ({})", bad + 1, problem_text);
    record->error_field = field;
    return;
  }
  record->fields.resize(field_count);
  for (size_t k = 0; k < field_count; ++k) {
    const FieldSpan& span = spans_[k];
    std::string& field = record->fields[k];
    const size_t size = span.end - span.begin;
    if (field.capacity() > kKeptFieldCapacity && field.capacity() > 2 * size) std::string().swap(field);
    if (!span.escaped) {
      // clear() + append() copies in place within capacity; assign() takes
      // a general (aliasing-safe) path that costs ~15% of all parse time.
      field.clear();
      field.append(base + span.begin, size);
      continue;
    }
    // Collapse each "" to one quote.
    field.resize(size);
    char* out = field.data();
    for (size_t j = span.begin; j < span.end; ++j) {
      *out++ = base[j];
      if (base[j] == '"') ++j;
    }
    field.resize(static_cast<size_t>(out - field.data()));
  }
}

}  // namespace pl::ingest
