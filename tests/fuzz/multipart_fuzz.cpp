// libFuzzer target for the multipart parser. Input: the first line is the
// boundary, the rest the body, served in chunks whose size the first byte
// picks. Invariants (else abort): no crash; a found file part lies inside
// the body and is delimited as promised (a CRLF-boundary line right after it).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "http/multipart.hpp"

#define PL_FUZZ_CHECK(cond) \
  do {                      \
    if (!(cond)) std::abort(); \
  } while (0)

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  std::size_t newline = input.find('\n');
  if (newline == std::string::npos || newline == 0) return 0;
  std::string boundary = input.substr(0, newline);
  std::string body = input.substr(newline + 1);
  std::size_t chunk = 1 + static_cast<unsigned char>(boundary[0]) % 17;
  std::size_t pos = 0;
  pl::http::ChunkReader read = [&](char* buf, std::size_t n) -> pl::Result<std::size_t> {
    std::size_t take = std::min({n, chunk, body.size() - pos});
    body.copy(buf, take, pos);
    pos += take;
    return take;
  };
  auto part = pl::http::FindMultipartFile(read, boundary);
  if (part.ok()) {
    PL_FUZZ_CHECK(part->begin <= part->end);
    PL_FUZZ_CHECK(part->end <= body.size());
    // Either the delimiter follows, or the (empty) part shares the header's CRLF.
    std::string delimiter = "\r\n--" + boundary;
    bool delimited = body.compare(part->end, delimiter.size(), delimiter) == 0 ||
                     (part->end == part->begin && part->end >= 2 &&
                      body.compare(part->end - 2, delimiter.size(), delimiter) == 0);
    PL_FUZZ_CHECK(delimited);
  }
  return 0;
}
