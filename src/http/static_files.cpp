#include "http/static_files.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <optional>
#include <sstream>

#include "http/error_mapping.hpp"

namespace pl::http {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kAssetsPrefix = "/assets/";
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

struct ContentType {
  std::string_view extension;
  std::string_view type;
};

constexpr std::array<ContentType, 15> kContentTypes = {{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
    {".wasm", "application/wasm"},
}};

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Checked on the decoded path, so "%2e%2e", "%2F" and "%5c" are caught too.
bool IsTraversal(std::string_view path) {
  if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos) {
    return true;
  }
  for (const fs::path& part : fs::path(std::string(path))) {
    if (part == "." || part == "..") return true;
  }
  return false;
}

// ".env", ".git/config", "assets/.DS_Store": never part of a build, often
// secrets left beside it. ("." and ".." are caught earlier as traversal.)
bool IsHidden(std::string_view path) {
  for (const fs::path& part : fs::path(std::string(path))) {
    std::string name = part.string();
    if (name.size() > 1 && name.front() == '.') return true;
  }
  return false;
}

Result<std::string> ReadFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  if (!in.good() && !in.eof()) return Internal("cannot read static file: " + file.string());
  return contents.str();
}

}  // namespace

std::string_view ContentTypeForExtension(std::string_view extension) {
  std::string lower(extension);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const ContentType& entry : kContentTypes) {
    if (entry.extension == lower) return entry.type;
  }
  return "application/octet-stream";
}

Result<StaticFiles> StaticFiles::Open(const fs::path& root) {
  std::error_code ec;
  fs::path canonical = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical, ec)) {
    return InvalidArgument("static_dir is not an existing directory: " + root.string());
  }
  return StaticFiles(std::move(canonical));
}

bool StaticFiles::Serves(const Request& request) {
  if (request.method != "GET" && request.method != "HEAD") return false;
  return request.path != "/api" && !StartsWith(request.path, "/api/");
}

bool StaticFiles::Contains(const fs::path& canonical) const {
  auto [root_end, unused] =
      std::mismatch(root_.begin(), root_.end(), canonical.begin(), canonical.end());
  return root_end == root_.end();
}

std::optional<fs::path> StaticFiles::Resolve(const fs::path& relative) const {
  std::error_code ec;
  fs::path file = fs::weakly_canonical(root_ / relative, ec);
  if (ec || !Contains(file)) return std::nullopt;
  return file;
}

Response StaticFiles::Serve(const Request& request) const {
  if (IsTraversal(request.path)) {
    return Response::Error(InvalidArgument("path segments '.' and '..' are not allowed"));
  }
  // No index.html fallback either: a probe for a secret must not look like
  // a hit.
  if (IsHidden(request.path)) return Response::Error(NotFound("no such file: " + request.path));
  fs::path relative = fs::path(request.path).relative_path();
  if (relative.empty() || request.path.back() == '/') relative /= "index.html";
  std::optional<fs::path> file = Resolve(relative);
  std::error_code ec;
  // Resolve again after adding index.html: it may itself be a symlink.
  if (file && fs::is_directory(*file, ec)) file = Resolve(relative / "index.html");
  if (!file) return Response::Error(NotFound("no such file: " + request.path));
  if (fs::is_regular_file(*file, ec)) {
    return FileResponse(*file, StartsWith(request.path, kAssetsPrefix));
  }
  return Fallback(request);
}

Response StaticFiles::Fallback(const Request& request) const {
  std::optional<fs::path> index = Resolve("index.html");
  std::error_code ec;
  if (StartsWith(request.path, kAssetsPrefix) || !index || !fs::is_regular_file(*index, ec)) {
    return Response::Error(NotFound("no such file: " + request.path));
  }
  return FileResponse(*index, false);
}

Response StaticFiles::FileResponse(const fs::path& file, bool immutable) const {
  Result<std::string> contents = ReadFile(file);
  if (!contents.ok()) return Response::Error(contents.status());
  Response response;
  response.content_type = std::string(ContentTypeForExtension(file.extension().string()));
  response.body = std::move(*contents);
  response.headers.emplace_back("Cache-Control", immutable ? kImmutable : kRevalidate);
  return response;
}

}  // namespace pl::http
