// Multipart/form-data (RFC 7578) for uploads: finds the part named "file"
// of a body the server streamed to disk, as a byte range of that file,
// reading it in chunks: a 1 GiB upload never sits in memory.
//
//   PL_ASSIGN_OR_RETURN(std::string boundary, MultipartBoundary(request.Header("Content-Type")));
//   PL_ASSIGN_OR_RETURN(MultipartFile part, FindMultipartFile(request.body_file, boundary));
//   // the CSV is bytes [part.begin, part.end) of request.body_file
//
// A delimiter is CRLF "--" boundary at the start of a line, followed by "--"
// (the close delimiter) or optional spaces and CRLF. The same characters
// followed by anything else are content. A preamble before the first
// delimiter and parts after the file part are ignored.
//
// Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace pl::http {

struct MultipartFile {
  std::uint64_t begin = 0;  // offsets in the body: the part's content is [begin, end)
  std::uint64_t end = 0;
  std::string filename;      // from Content-Disposition; "" when not given
  std::string content_type;  // the part's Content-Type; "" when not given
};

// The boundary parameter of a multipart/form-data Content-Type (quoted or
// not). InvalidArgument when the type is another or the boundary is missing,
// empty or longer than 70 characters (RFC 2046 5.1.1).
Result<std::string> MultipartBoundary(std::string_view content_type);

// Reads up to n bytes into buf: the count, 0 at the end, or an error.
using ChunkReader = std::function<Result<std::size_t>(char* buf, std::size_t n)>;

// The first part whose Content-Disposition is form-data with name="file".
// InvalidArgument naming what is wrong: no delimiter, no such part, part
// headers too long or malformed, the part not terminated by a delimiter.
Result<MultipartFile> FindMultipartFile(const ChunkReader& read, std::string_view boundary);
// The same over a file; Unavailable when it cannot be read.
Result<MultipartFile> FindMultipartFile(const std::string& path, std::string_view boundary);

}  // namespace pl::http
