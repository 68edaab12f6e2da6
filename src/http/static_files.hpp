// StaticFiles: serves the built front end from one directory.
//
// Rules:
//  - Only GET/HEAD requests for paths outside /api/ are served (Serves()).
//  - "/" and directory paths serve their index.html.
//  - A path with no matching file falls back to the root index.html, so
//    history-API routes of the single-page app load the app. Paths under
//    /assets/ never fall back: those are hashed build outputs, and answering a
//    stale hash with HTML would make the browser reject it as a script.
//  - Cache-Control: files under /assets/ "public, max-age=31536000,
//    immutable"; everything else, index.html included, "no-cache".
//  - Traversal is refused: a decoded path with a "." or ".." segment, a
//    backslash or a NUL gives 400; a file whose canonical path (symlinks
//    resolved) lies outside the root gives 404. Nothing outside the root is
//    ever read. This covers symlinks inside the root to files or
//    directories outside it.
//  - Hidden files are refused: a path with a segment starting with '.'
//    (".env", ".git/config") gives 404, without the index.html fallback.
//
// Thread-safety: immutable after Open; Serve may run concurrently.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "core/status.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace pl::http {

// "text/html; charset=utf-8" for ".html", ...; "application/octet-stream"
// for an unknown extension. `extension` includes the dot; case-insensitive.
std::string_view ContentTypeForExtension(std::string_view extension);

class StaticFiles {
 public:
  // Returns kInvalidArgument when `root` is not an existing directory.
  static Result<StaticFiles> Open(const std::filesystem::path& root);

  // True for GET/HEAD requests whose path is not /api or under /api/.
  static bool Serves(const Request& request);

  // The file for request.path, following the rules above. Errors are JSON
  // (404 not_found, 400 invalid_argument, 500 internal when a file cannot
  // be read).
  Response Serve(const Request& request) const;

 private:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

  bool Contains(const std::filesystem::path& canonical) const;
  // Canonical path of root_/relative, or nullopt when it lies outside root_.
  std::optional<std::filesystem::path> Resolve(const std::filesystem::path& relative) const;
  Response FileResponse(const std::filesystem::path& file, bool immutable) const;
  Response Fallback(const Request& request) const;

  std::filesystem::path root_;  // canonical
};

}  // namespace pl::http
