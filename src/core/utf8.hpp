// UTF-8 validation (RFC 3629; table 3-7 of the Unicode standard): CSV
// fields and HTTP request targets must be well-formed UTF-8 before they
// reach the database, which refuses anything else.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pl {

enum class Utf8Problem { kNone, kContinuation, kOverlong, kSurrogate, kAboveMax, kTruncated, kNeverValid };

// The offset of the first byte of the first ill-formed sequence in
// [s, s + n), or n when all of it is valid UTF-8; `problem` says what is wrong.
std::size_t FindInvalidUtf8(const unsigned char* s, std::size_t n, Utf8Problem* problem);

inline bool IsValidUtf8(std::string_view text) {
  Utf8Problem problem;
  return FindInvalidUtf8(reinterpret_cast<const unsigned char*>(text.data()), text.size(), &problem) == text.size();
}

// "truncated sequence", "continuation byte 0x80 without a lead byte", ...
std::string DescribeUtf8Problem(Utf8Problem problem, unsigned char byte);

}  // namespace pl
