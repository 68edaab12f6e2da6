#include "http/request.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <cctype>

namespace pl::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Status ParseQuery(std::string_view query, Request& request) {
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (piece.empty()) continue;  // "a=1&&b=2": browsers produce these; not an error
    std::size_t eq = piece.find('=');
    Result<std::string> name = PercentDecode(piece.substr(0, eq), true);
    if (!name.ok()) return name.status();
    Result<std::string> value = PercentDecode(
        eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1), true);
    if (!value.ok()) return value.status();
    // The database refuses ill-formed UTF-8 (PostgreSQL) or stores it as is
    // (SQLite): stop it here, where the client can be told.
    if (!IsValidUtf8(*name) || !IsValidUtf8(*value)) {
      return InvalidArgument("query parameters must be valid UTF-8 once percent-decoded");
    }
    request.query[*name] = *value;
    request.query_pairs.emplace_back(std::move(*name), std::move(*value));
  }
  return Status::Ok();
}

std::string_view TrimCookieSpace(std::string_view text) {
  constexpr std::string_view kSpace = " \t";
  std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  std::size_t last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

std::optional<std::string> FindCookie(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    std::size_t semicolon = header.find(';');
    std::string_view pair = header.substr(0, semicolon);
    header = semicolon == std::string_view::npos ? std::string_view() : header.substr(semicolon + 1);
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (TrimCookieSpace(pair.substr(0, eq)) != name) continue;
    std::string_view value = TrimCookieSpace(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Request::Cookie(std::string_view name) const {
  if (name.empty()) return std::nullopt;  // "=x" pairs have no name to ask for
  auto it = headers.find("cookie");
  if (it == headers.end()) return std::nullopt;
  return FindCookie(it->second, name);
}

std::string Request::Header(std::string_view name) const {
  auto it = headers.find(Lowercase(name));
  return it == headers.end() ? std::string() : it->second;
}

std::optional<std::string> Request::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Request::QueryAll(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : query_pairs) {
    if (key == name) values.push_back(value);
  }
  return values;
}

Result<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c != '%') {
      out.push_back(c);
    } else {
      bool complete = i + 2 < text.size();
      int high = complete ? HexValue(text[i + 1]) : -1;
      int low = complete ? HexValue(text[i + 2]) : -1;
      if (high < 0 || low < 0) {
        return InvalidArgument("bad percent-escape in request target at offset " +
                               std::to_string(i));
      }
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    }
  }
  return out;
}

Status ParseTarget(std::string_view target, Request& request) {
  if (target.empty() || target.front() != '/') {
    return InvalidArgument("request target must start with '/'");
  }
  request.target = std::string(target);
  std::size_t question = target.find('?');
  Result<std::string> path = PercentDecode(target.substr(0, question), false);
  if (!path.ok()) return path.status();
  if (path->find('\0') != std::string::npos) {
    return InvalidArgument("request path contains a NUL byte");
  }
  if (!IsValidUtf8(*path)) return InvalidArgument("request path must be valid UTF-8 once percent-decoded");
  request.path = std::move(*path);
  if (question == std::string_view::npos) return Status::Ok();
  return ParseQuery(target.substr(question + 1), request);
}

}  // namespace pl::http
