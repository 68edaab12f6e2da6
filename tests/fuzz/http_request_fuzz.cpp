// libFuzzer target for the server's request path, without sockets: the input
// is what a client sends on one connection. It goes through Beast's
// request_parser with the server's limits, fed in pieces as socket reads
// deliver them, then the session's checks (Transfer-Encoding, HTTP version),
// FromWire (ParseTarget, header folding), Request::Cookie, Router::Dispatch on
// a router with literal and capture routes, and ToWire plus serialisation.
// Pipelined requests are followed as the session would (at most 8).
//
// Input layout: byte 0 picks the read size (1..64 bytes, or everything at
// once) and, with its top bit, a tiny body limit (so 413 paths run too); the
// rest is the byte stream.
//
// Invariants (else abort): no crash, no sanitizer report; a parsed body is
// within the limit; an accepted request has a path starting with '/' and
// without NUL; captures are non-empty; a cookie value holds no ';'; every
// response is 200/201/400/404/405 with the security headers and serialises
// as HTTP/1.x.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>

#include "http/internal/wire.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace pl::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;

#define PL_FUZZ_CHECK(cond)    \
  do {                         \
    if (!(cond)) std::abort(); \
  } while (0)

constexpr int kMaxMessages = 8;
constexpr std::size_t kTinyBodyLimit = 64;

Response Captured(const Request& request) {
  for (const auto& [name, value] : request.path_params) PL_FUZZ_CHECK(!value.empty());
  return Response::Json(200, {{"params", request.path_params}, {"path", request.path}});
}

const Router& TestRouter() {
  static const Router router = [] {
    Router r;
    r.Add("GET", "/api/v1/organizations/{org_id}", Captured);
    r.Add("GET", "/api/v1/organizations/search", Captured);
    r.Add("GET", "/api/v1/organizations/{org_id}/pathways/{pathway_id}", Captured);
    r.Add("DELETE", "/api/v1/{kind}/{id}", Captured);
    r.Add("POST", "/api/v1/echo", [](const Request& request) {
      return Response::Json(201, {{"bytes", request.body.size()}});
    });
    return r;
  }();
  return router;
}

// The connection's bytes, handed out in reads of `step` bytes.
class Stream {
 public:
  Stream(std::string_view bytes, std::size_t step) : bytes_(bytes), step_(step) {}
  bool exhausted() const { return bytes_.empty(); }
  std::string_view Next() {
    std::string_view piece = bytes_.substr(0, step_);
    bytes_.remove_prefix(piece.size());
    return piece;
  }

 private:
  std::string_view bytes_;
  std::size_t step_;
};

// Parses one message the way Beast's read loop does; false when the
// connection would end (parse error, limit, end of stream).
bool ReadMessage(bhttp::request_parser<bhttp::string_body>& parser, Stream& stream,
                 std::string& pending) {
  beast::error_code ec;
  while (true) {
    if (!pending.empty()) {
      std::size_t used = parser.put(boost::asio::buffer(pending), ec);
      pending.erase(0, used);
      if (ec == bhttp::error::need_more) {
        ec = {};
      } else if (ec) {
        return false;
      }
      if (parser.is_done()) return true;
      if (used > 0 && !pending.empty()) continue;
    }
    if (stream.exhausted()) {
      // Beast asserts that end of input follows some input (as the server
      // reads it: a connection closed before any byte is just closed).
      if (!parser.got_some()) return false;
      parser.put_eof(ec);
      return !ec && parser.is_done();
    }
    pending += stream.Next();
  }
}

void CheckResponse(Response response, unsigned version, bool head_only) {
  int status = response.status;
  PL_FUZZ_CHECK(status == 200 || status == 201 || status == 400 || status == 404 ||
                status == 405);
  internal::WireResponse wire =
      internal::ToWire(std::move(response), version, head_only, true, true);
  PL_FUZZ_CHECK(internal::ToStd(wire["Content-Security-Policy"]) ==
                internal::kContentSecurityPolicy);
  PL_FUZZ_CHECK(internal::ToStd(wire["Strict-Transport-Security"]) ==
                internal::kStrictTransportSecurity);
  std::ostringstream out;
  out << wire;
  PL_FUZZ_CHECK(out.str().rfind("HTTP/1.", 0) == 0);
}

// One request as Session::Handle treats it; false when the session would
// close the connection afterwards.
bool Handle(internal::WireRequest& wire) {
  if (wire.version() != 10 && wire.version() != 11) return false;
  bool head_only = wire.method() == bhttp::verb::head;
  unsigned version = wire.version();
  bool keep_alive = wire.keep_alive();
  Result<Request> request = internal::FromWire(wire, "127.0.0.1");
  if (!request.ok()) {
    CheckResponse(Response::Error(request.status()), version, head_only);
    return false;
  }
  PL_FUZZ_CHECK(!request->path.empty() && request->path.front() == '/');
  PL_FUZZ_CHECK(request->path.find('\0') == std::string::npos);
  if (auto sid = request->Cookie("sid")) PL_FUZZ_CHECK(sid->find(';') == std::string::npos);
  CheckResponse(TestRouter().Dispatch(*request), version, head_only);
  return keep_alive;
}

}  // namespace
}  // namespace pl::http

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace pl::http;
  if (size == 0) return 0;
  const ServerConfig defaults;
  std::size_t step = data[0] % 65 == 64 ? size : data[0] % 65 + 1;
  std::size_t body_limit = (data[0] & 0x80) != 0 ? kTinyBodyLimit : defaults.max_body_bytes;
  Stream stream(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), step);
  std::string pending;
  for (int i = 0; i < kMaxMessages; ++i) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(defaults.max_header_bytes));
    parser.body_limit(body_limit);
    if (!ReadMessage(parser, stream, pending)) break;
    if (internal::HasUnsupportedTransferEncoding(parser.get())) break;
    internal::WireRequest wire = parser.release();
    PL_FUZZ_CHECK(wire.body().size() <= body_limit);
    if (!Handle(wire)) break;
  }
  return 0;
}
