// Router: maps (method, path pattern) to a handler.
//
// Patterns are absolute paths whose segments are either literal text or a
// capture "{name}" that matches one non-empty path segment:
//   router.Add("GET", "/api/v1/organizations/{org_id}", handler);
// Matching splits the raw path (from Request::target, or Request::path when
// target is empty) at '/' and percent-decodes each segment afterwards, so an
// encoded slash ("a%2Fb") stays inside one captured value. A trailing slash is
// a distinct path. When several patterns match, the one whose first differing
// segment is literal wins ("/orgs/search" beats "/orgs/{id}").
//
// Thread-safety: Add is not thread-safe; register every route before the
// server starts. Dispatch, Matches and Routes are const and may run
// concurrently from many threads (handlers must then be thread-safe too).
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace pl::http {

using Handler = std::function<Response(const Request&)>;

class Router {
 public:
  // Registers a handler. Adding the same method and pattern twice replaces
  // the earlier handler (keeping its place in Routes()).
  void Add(std::string method, std::string pattern, Handler handler);

  // Runs the best matching handler with request.path_params filled, and
  // returns its response. HEAD with no HEAD route runs the GET handler; the
  // server then sends the GET headers (with the GET Content-Length) and no
  // body. Unknown path: 404 "not_found". Known path, other method: 405
  // "method_not_allowed" with an Allow header. A bad escape in the path: 400.
  // Exceptions from handlers propagate; the server catches them.
  Response Dispatch(Request& request) const;

  // True when some route's pattern matches the request path, whatever its
  // method (a 405 is still "matched"). Lets the server give routes
  // precedence over static files.
  bool Matches(const Request& request) const;

  // (method, pattern) of every route, in registration order.
  std::vector<std::pair<std::string, std::string>> Routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // "{name}" marks a capture
    Handler handler;
  };

  const Route* Best(std::string_view method, const std::vector<std::string>& segments) const;
  std::vector<std::string> AllowedMethods(const std::vector<std::string>& segments) const;

  std::vector<Route> routes_;
};

}  // namespace pl::http
