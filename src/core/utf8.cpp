#include "core/utf8.hpp"

#include <cstdint>
#include <cstring>

#include <fmt/format.h>

namespace pl {

// Returns the offset of the first byte of the first ill-formed sequence in
// [s, s + n), or n when all of it is valid UTF-8 (RFC 3629, table 3-7 of the
// Unicode standard).
std::size_t FindInvalidUtf8(const unsigned char* s, std::size_t n, Utf8Problem* problem) {
  size_t i = 0;
  while (i < n) {
    // Almost all CSV data is ASCII: skip it eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t extra;  // continuation bytes the lead byte announces
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;  // allowed range of the first continuation byte
    if (c < 0xC0) {
      *problem = Utf8Problem::kContinuation;
      return i;
    } else if (c < 0xC2) {
      *problem = Utf8Problem::kOverlong;
      return i;
    } else if (c < 0xE0) {
      extra = 1;
    } else if (c < 0xF0) {
      extra = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c < 0xF5) {
      extra = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      *problem = Utf8Problem::kNeverValid;
      return i;
    }
    for (size_t k = 1; k <= extra; ++k) {
      if (i + k >= n || s[i + k] < 0x80 || s[i + k] > 0xBF) {
        *problem = Utf8Problem::kTruncated;
        return i;
      }
    }
    if (s[i + 1] < lo) {
      *problem = Utf8Problem::kOverlong;
      return i;
    }
    if (s[i + 1] > hi) {
      *problem = c == 0xED ? Utf8Problem::kSurrogate : Utf8Problem::kAboveMax;
      return i;
    }
    i += extra + 1;
  }
  *problem = Utf8Problem::kNone;
  return n;
}

std::string DescribeUtf8Problem(Utf8Problem problem, unsigned char byte) {
  switch (problem) {
    case Utf8Problem::kContinuation: return fmt::format("continuation byte 0x{:02X} without a lead byte", byte);
    case Utf8Problem::kOverlong: return "overlong encoding";
    case Utf8Problem::kSurrogate: return "UTF-16 surrogate";
    case Utf8Problem::kAboveMax: return "code point above U+10FFFF";
    case Utf8Problem::kTruncated: return "truncated sequence";
    case Utf8Problem::kNeverValid: return fmt::format("byte 0x{:02X} never occurs in UTF-8", byte);
    case Utf8Problem::kNone: break;
  }
  return "valid";
}

}  // namespace pl
