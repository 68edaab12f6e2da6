#include "http/router.hpp"

#include <algorithm>
#include <set>

#include "http/error_mapping.hpp"

namespace pl::http {
namespace {

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  std::size_t start = 0;
  while (true) {
    std::size_t slash = path.find('/', start);
    segments.emplace_back(path.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

bool IsCapture(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

// Splitting before decoding is what keeps "%2F" inside a single segment.
Result<std::vector<std::string>> PathSegments(const Request& request) {
  if (request.target.empty()) return Split(request.path);  // already decoded
  std::string_view target = request.target;
  std::vector<std::string> segments = Split(target.substr(0, target.find('?')));
  for (std::string& segment : segments) {
    Result<std::string> decoded = PercentDecode(segment, false);
    if (!decoded.ok()) return decoded.status();
    segment = std::move(*decoded);
  }
  return segments;
}

bool PatternMatches(const std::vector<std::string>& pattern,
                    const std::vector<std::string>& segments) {
  if (pattern.size() != segments.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    bool ok = IsCapture(pattern[i]) ? !segments[i].empty() : pattern[i] == segments[i];
    if (!ok) return false;
  }
  return true;
}

// True when `a` is more specific: at the first segment where one pattern is
// literal and the other a capture, the literal one wins.
bool MoreSpecific(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    bool a_literal = !IsCapture(a[i]);
    bool b_literal = !IsCapture(b[i]);
    if (a_literal != b_literal) return a_literal;
  }
  return false;
}

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler) {
  for (Route& route : routes_) {
    if (route.method == method && route.pattern == pattern) {
      route.handler = std::move(handler);
      return;
    }
  }
  std::vector<std::string> segments = Split(pattern);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments),
                     std::move(handler)});
}

const Router::Route* Router::Best(std::string_view method,
                                  const std::vector<std::string>& segments) const {
  const Route* best = nullptr;
  for (const Route& route : routes_) {
    if (route.method != method || !PatternMatches(route.segments, segments)) continue;
    if (best == nullptr || MoreSpecific(route.segments, best->segments)) best = &route;
  }
  return best;
}

std::vector<std::string> Router::AllowedMethods(const std::vector<std::string>& segments) const {
  std::set<std::string> methods;
  for (const Route& route : routes_) {
    if (PatternMatches(route.segments, segments)) methods.insert(route.method);
  }
  if (methods.count("GET") != 0) methods.insert("HEAD");
  return {methods.begin(), methods.end()};
}

Response Router::Dispatch(Request& request) const {
  Result<std::vector<std::string>> segments = PathSegments(request);
  if (!segments.ok()) return Response::Error(segments.status());
  const Route* route = Best(request.method, *segments);
  if (route == nullptr && request.method == "HEAD") route = Best("GET", *segments);
  if (route != nullptr) {
    request.path_params.clear();
    request.route = route->pattern;
    for (std::size_t i = 0; i < route->segments.size(); ++i) {
      const std::string& part = route->segments[i];
      if (IsCapture(part)) request.path_params[part.substr(1, part.size() - 2)] = (*segments)[i];
    }
    return route->handler(request);
  }
  std::vector<std::string> allowed = AllowedMethods(*segments);
  if (allowed.empty()) return Response::Error(NotFound("no route for path: " + request.path));
  Response response = ErrorResponse(405, "method_not_allowed",
                                    "method not allowed for this path: " + request.method,
                                    {{"allowed", allowed}});
  response.headers.emplace_back("Allow", Join(allowed, ", "));
  return response;
}

bool Router::Matches(const Request& request) const {
  Result<std::vector<std::string>> segments = PathSegments(request);
  if (!segments.ok()) return false;
  return std::any_of(routes_.begin(), routes_.end(), [&](const Route& route) {
    return PatternMatches(route.segments, *segments);
  });
}

std::vector<std::pair<std::string, std::string>> Router::Routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(routes_.size());
  for (const Route& route : routes_) out.emplace_back(route.method, route.pattern);
  return out;
}

}  // namespace pl::http
