#include "http/multipart.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

namespace pl::http {
namespace {

constexpr std::size_t kChunk = 64 << 10;
constexpr std::size_t kMaxPartHeaderBytes = 16 << 10;

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Parameters of a header value: `type; a=b; c="d"`. Returns the type and
// calls `param(name, value)` for each; false when a quoted string is open.
template <typename F>
bool SplitParameters(std::string_view value, std::string_view* type, F param) {
  std::size_t i = value.find(';');
  *type = TrimSpace(value.substr(0, i));
  while (i != std::string_view::npos && i < value.size()) {
    ++i;  // past ';'
    std::size_t eq = value.find('=', i);
    if (eq == std::string_view::npos) return true;  // a bare token: ignored
    std::string_view name = TrimSpace(value.substr(i, eq - i));
    std::size_t v = eq + 1;
    while (v < value.size() && (value[v] == ' ' || value[v] == '\t')) ++v;
    std::string text;
    if (v < value.size() && value[v] == '"') {
      std::size_t j = v + 1;
      for (; j < value.size() && value[j] != '"'; ++j) {
        if (value[j] == '\\' && j + 1 < value.size()) ++j;
        text += value[j];
      }
      if (j >= value.size()) return false;
      i = value.find(';', j + 1);
    } else {
      i = value.find(';', v);
      text = std::string(TrimSpace(value.substr(v, i == std::string_view::npos ? std::string_view::npos : i - v)));
    }
    param(name, text);
  }
  return true;
}

// A forward-only window over the stream "\r\n" + body: offsets are in that
// stream, so a delimiter at the very start of the body looks like any other.
class Scanner {
 public:
  explicit Scanner(const ChunkReader& read) : read_(read), buffer_("\r\n") {}

  // The first occurrence of `needle` at or after `from` and before `limit`
  // (the whole match), or nullopt at the end of input (or the limit). Bytes
  // before `from` are dropped; with keep_scanned the bytes scanned stay for
  // View (bounded by `limit`), otherwise they go too.
  Result<std::optional<std::uint64_t>> Find(std::string_view needle, std::uint64_t from,
                                            std::uint64_t limit = UINT64_MAX, bool keep_scanned = false) {
    Drop(from);
    std::uint64_t scan = std::max(from, start_);
    while (true) {
      if (!keep_scanned) Drop(scan);
      std::size_t at = buffer_.find(needle, static_cast<std::size_t>(scan - start_));
      if (at != std::string::npos) {
        std::uint64_t found = start_ + at;
        if (found + needle.size() > limit) return std::optional<std::uint64_t>();
        return std::optional<std::uint64_t>(found);
      }
      std::uint64_t end = start_ + buffer_.size();
      if (end >= limit || eof_) return std::optional<std::uint64_t>();
      // Keep the tail that may start a match spanning the next chunk.
      if (end >= needle.size()) scan = std::max(scan, end - needle.size() + 1);
      PL_RETURN_IF_ERROR(ReadMore());
    }
  }

  // Bytes [pos, pos + n), fewer at the end of input.
  Result<std::string_view> View(std::uint64_t pos, std::size_t n) {
    if (pos < start_) return std::string_view();  // dropped: callers never look back
    while (start_ + buffer_.size() < pos + n && !eof_) PL_RETURN_IF_ERROR(ReadMore());
    std::size_t offset = static_cast<std::size_t>(pos - start_);
    if (offset > buffer_.size()) return std::string_view();
    return std::string_view(buffer_).substr(offset, n);
  }

 private:
  void Drop(std::uint64_t pos) {
    if (pos <= start_) return;
    std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(pos - start_, buffer_.size()));
    buffer_.erase(0, n);
    start_ += n;
  }

  Status ReadMore() {
    std::size_t old = buffer_.size();
    buffer_.resize(old + kChunk);
    Result<std::size_t> got = read_(buffer_.data() + old, kChunk);
    if (!got.ok()) {
      buffer_.resize(old);
      return got.status();
    }
    buffer_.resize(old + *got);
    if (*got == 0) eof_ = true;
    return Status::Ok();
  }

  const ChunkReader& read_;
  std::string buffer_;
  std::uint64_t start_ = 0;  // stream offset of buffer_[0]
  bool eof_ = false;
};

// What follows "\r\n--boundary" at `after`.
enum class Follows { kClose, kNextPart, kContent, kEnd };

Result<Follows> ClassifyDelimiter(Scanner& scanner, std::uint64_t after, std::uint64_t* part_start) {
  PL_ASSIGN_OR_RETURN(std::string_view two, scanner.View(after, 2));
  if (two.empty()) return Follows::kEnd;
  if (two == "--") return Follows::kClose;
  // Transport padding (spaces, tabs), then CRLF.
  std::uint64_t pos = after;
  while (true) {
    PL_ASSIGN_OR_RETURN(std::string_view c, scanner.View(pos, 2));
    if (c.empty()) return Follows::kEnd;
    if (c[0] == ' ' || c[0] == '\t') {
      if (pos - after > 256) return Follows::kContent;
      ++pos;
      continue;
    }
    if (c == "\r\n") {
      *part_start = pos + 2;
      return Follows::kNextPart;
    }
    if (c.size() < 2 && c[0] == '\r') return Follows::kEnd;
    return Follows::kContent;
  }
}

struct PartHeaders {
  bool form_data = false;
  bool has_name = false;
  std::string name;
  std::string filename;
  std::string content_type;
};

Result<PartHeaders> ParsePartHeaders(std::string_view block) {
  PartHeaders headers;
  while (!block.empty()) {
    std::size_t eol = block.find("\r\n");
    std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 2);
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return InvalidArgument("malformed multipart body: a part header line has no ':'");
    }
    std::string_view name = TrimSpace(line.substr(0, colon));
    std::string_view value = TrimSpace(line.substr(colon + 1));
    if (IEquals(name, "content-type")) {
      headers.content_type = std::string(value);
    } else if (IEquals(name, "content-disposition")) {
      std::string_view type;
      bool closed = SplitParameters(value, &type, [&](std::string_view param, const std::string& text) {
        if (IEquals(param, "name")) {
          headers.has_name = true;
          headers.name = text;
        } else if (IEquals(param, "filename")) {
          headers.filename = text;
        }
      });
      if (!closed) return InvalidArgument("malformed multipart body: unterminated quoted string in Content-Disposition");
      headers.form_data = IEquals(type, "form-data");
    }
  }
  return headers;
}

}  // namespace

Result<std::string> MultipartBoundary(std::string_view content_type) {
  std::string_view type;
  std::string boundary;
  bool found = false;
  bool closed = SplitParameters(content_type, &type, [&](std::string_view name, const std::string& value) {
    if (IEquals(name, "boundary") && !found) {
      boundary = value;
      found = true;
    }
  });
  if (!IEquals(type, "multipart/form-data")) {
    return InvalidArgument("expected Content-Type multipart/form-data", {{"content_type", std::string(type)}});
  }
  if (!closed || !found || boundary.empty()) {
    return InvalidArgument("the multipart/form-data Content-Type has no boundary parameter");
  }
  if (boundary.size() > 70) return InvalidArgument("the multipart boundary is longer than 70 characters");
  return boundary;
}

Result<MultipartFile> FindMultipartFile(const ChunkReader& read, std::string_view boundary) {
  if (boundary.empty()) return InvalidArgument("the multipart boundary is empty");
  const std::string delimiter = "\r\n--" + std::string(boundary);
  Scanner scanner(read);
  // The first delimiter that really is one (the preamble may hold lookalikes).
  std::uint64_t from = 0;
  std::uint64_t part_start = 0;
  while (true) {
    PL_ASSIGN_OR_RETURN(auto at, scanner.Find(delimiter, from));
    if (!at) return InvalidArgument("malformed multipart body: no boundary line (--" + std::string(boundary) + ")");
    PL_ASSIGN_OR_RETURN(Follows follows, ClassifyDelimiter(scanner, *at + delimiter.size(), &part_start));
    if (follows == Follows::kClose || follows == Follows::kEnd) {
      return InvalidArgument("malformed multipart body: no part named \"file\"");
    }
    if (follows == Follows::kNextPart) break;
    from = *at + 1;
  }
  while (true) {
    // Part headers end at an empty line; a part without headers starts with
    // it, so search from the CRLF that ended the delimiter line.
    PL_ASSIGN_OR_RETURN(auto blank, scanner.Find("\r\n\r\n", part_start - 2, part_start + kMaxPartHeaderBytes, true));
    if (!blank) return InvalidArgument("malformed multipart body: part headers are unterminated or too long");
    std::uint64_t header_end = std::max(*blank, part_start);
    PL_ASSIGN_OR_RETURN(std::string_view block, scanner.View(part_start, static_cast<std::size_t>(header_end - part_start)));
    PL_ASSIGN_OR_RETURN(PartHeaders headers, ParsePartHeaders(std::string(block)));
    const std::uint64_t content = *blank + 4;
    // The part ends at the next real delimiter.
    std::uint64_t search = content - 2;  // an empty part's delimiter shares the blank line's CRLF
    std::optional<std::uint64_t> end;
    Follows follows = Follows::kContent;
    std::uint64_t next_start = 0;
    while (true) {
      PL_ASSIGN_OR_RETURN(end, scanner.Find(delimiter, search));
      if (!end) break;
      PL_ASSIGN_OR_RETURN(follows, ClassifyDelimiter(scanner, *end + delimiter.size(), &next_start));
      if (follows != Follows::kContent) break;
      search = *end + 1;
    }
    const bool is_file = headers.form_data && headers.has_name && headers.name == "file";
    if (!end || follows == Follows::kEnd) {
      return InvalidArgument(is_file ? "malformed multipart body: the part named \"file\" is not terminated by a boundary"
                                     : "malformed multipart body: a part is not terminated by a boundary");
    }
    if (is_file) {
      // Stream offsets are 2 ahead of body offsets (the CRLF put in front).
      std::uint64_t stop = std::max(*end, content);
      return MultipartFile{.begin = content - 2, .end = stop - 2, .filename = headers.filename,
                           .content_type = headers.content_type};
    }
    if (follows == Follows::kClose) return InvalidArgument("malformed multipart body: no part named \"file\"");
    part_start = next_start;
  }
}

Result<MultipartFile> FindMultipartFile(const std::string& path, std::string_view boundary) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Unavailable(std::string("cannot read the upload: ") + std::strerror(errno));
  ChunkReader read = [fd](char* buf, std::size_t n) -> Result<std::size_t> {
    while (true) {
      ssize_t got = ::read(fd, buf, n);
      if (got >= 0) return static_cast<std::size_t>(got);
      if (errno != EINTR) return Unavailable(std::string("cannot read the upload: ") + std::strerror(errno));
    }
  };
  Result<MultipartFile> found = FindMultipartFile(read, boundary);
  ::close(fd);
  return found;
}

}  // namespace pl::http
