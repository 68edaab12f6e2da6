// Request: one HTTP request as a route handler sees it, plus the target
// parsing (percent-decoding, query splitting) that fills it.
//
// Request is a plain value: thread-compatible, no shared state.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.hpp"

namespace pl::http {

struct Request {
  std::string method;  // "GET", exactly as sent (methods are case-sensitive)
  std::string target;  // raw origin-form target: "/api/v1/organizations?q=x"
  std::string path;    // percent-decoded path without the query: "/api/v1/organizations"
  // Decoded query parameters; when a name repeats, the last value wins here...
  std::map<std::string, std::string> query;
  // ...and every (name, value) pair is kept here in request order.
  std::vector<std::pair<std::string, std::string>> query_pairs;
  std::map<std::string, std::string> path_params;  // filled by Router from {name} segments
  // The matched route's pattern ("/api/v1/students/{student_key}"), filled
  // by Router. Logs show it instead of the path: captured values can be
  // personal data (a student key).
  std::string route;
  // Header names lower-cased; repeated headers joined with ", " (RFC 9110 5.3).
  std::map<std::string, std::string> headers;
  std::string body;
  // For uploads (multipart/form-data with ServerConfig::upload_dir set): the
  // file holding the body, which is then empty. The server deletes the file
  // after the handler returns; a handler that needs it longer moves it away.
  std::string body_file;
  std::string remote_address;  // peer IP address, no port

  // Value of a header, name matched case-insensitively; "" when absent.
  std::string Header(std::string_view name) const;
  // Last value of a query parameter; nullopt when absent ("?a" gives "").
  std::optional<std::string> Query(std::string_view name) const;
  // Every value of a repeated query parameter, in request order.
  std::vector<std::string> QueryAll(std::string_view name) const;
  // Value of the cookie `name` from the Cookie header (RFC 6265 5.4: pairs
  // separated by ';', optional spaces around them). Names are
  // case-sensitive; the first pair with the name wins (browsers send the
  // most specific path first); a value in double quotes is unquoted; pairs
  // without '=' are skipped. nullopt when absent; "" for "name=".
  std::optional<std::string> Cookie(std::string_view name) const;
};

// Decodes %XX escapes; with plus_is_space (query strings) '+' becomes ' '.
// Returns kInvalidArgument for a truncated or non-hex escape ("%4", "%zz").
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Fills request.target, path, query and query_pairs from an origin-form
// target ("/path?query"). Returns kInvalidArgument when the target does not
// start with '/', holds a bad escape, or its decoded path contains a NUL byte.
// On error `request` may be partly filled.
Status ParseTarget(std::string_view target, Request& request);

}  // namespace pl::http
