// Server: the HTTP/1.1 server (Boost.Beast) that serves a Router and,
// optionally, the built front end.
//
//   pl::http::Server server(config, std::move(router));
//   PL_RETURN_IF_ERROR(server.Start());   // binds; port() is now known
//   server.Run();                         // until Stop() or SIGINT/SIGTERM
//
// Every response (JSON, static file, error, 404) carries the security headers
// of internal/wire.hpp: a strict Content-Security-Policy (no inline script or
// style), X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer,
// X-Frame-Options: DENY, Cross-Origin-Opener-Policy: same-origin and a
// Permissions-Policy denying camera, microphone and geolocation; with `tls`
// also Strict-Transport-Security. JSON responses also Cache-Control: no-store
// unless the handler set one. A handler that throws gives a 500 "internal"
// error; the exception text goes to the log only. With access_log, one info
// line per request: method, path (never the query string), status, body
// bytes, milliseconds.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/status.hpp"
#include "http/router.hpp"

namespace spdlog {
class logger;
}

namespace pl::http {

struct ServerConfig {
  std::string host = "127.0.0.1";  // loopback unless configured otherwise
  std::uint16_t port = 8080;       // 0 = pick a free port (tests)
  int threads = 0;                 // 0 = std::thread::hardware_concurrency()
  std::size_t max_body_bytes = 8 << 20;        // bigger bodies get 413
  // Request line plus header fields; bigger header sections get 431. Long
  // enough for big cookies and long query strings; bigger ones are more
  // likely an attack than a browser.
  std::size_t max_header_bytes = 16 << 10;
  // One deadline per request covering idle time, header and body (and one
  // per response write): a client that stalls or trickles is cut off.
  std::chrono::seconds request_timeout{30};
  // True when clients reach the server over HTTPS (a TLS-terminating proxy in
  // front): responses then carry Strict-Transport-Security. Never set it for
  // plain HTTP, or browsers refuse the site's http:// URL for a year.
  bool tls = false;
  std::string static_dir;          // built front end; empty = none
  // Uploads: a request with Content-Type multipart/form-data is not kept in
  // memory but streamed into a new file (random name, mode 0600) in
  // upload_dir, limited to max_upload_bytes (413 beyond); the handler sees
  // Request::body_file and an empty body, and the server deletes the file
  // once the handler has returned (or the request failed), unless the
  // handler moved it away. While an upload streams, the request_timeout
  // deadline restarts with every chunk received: a large upload over a slow
  // link goes through, a stalled one is cut off. Empty upload_dir: multipart
  // bodies are ordinary bodies (in memory, max_body_bytes).
  std::string upload_dir;
  std::uint64_t max_upload_bytes = std::uint64_t{1} << 30;
  // Asked with an upload's request header (no body yet): a response here is
  // sent at once and the body is never stored, so a caller who may not
  // upload cannot fill the disk first. nullopt lets the upload stream.
  std::function<std::optional<Response>(Request&)> upload_gate;
  bool access_log = true;
  std::shared_ptr<spdlog::logger> logger;  // null = spdlog::default_logger()

  // kInvalidArgument naming the first bad field (empty host, negative
  // threads, zero body, upload or header limit, header limit over 4 GiB,
  // zero timeout).
  pl::Status Validate() const;
};

class Server {
 public:
  Server(ServerConfig config, Router router);
  // Stops the server. Run() must have returned (or never been called).
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Validates the config, opens static_dir, binds and listens. Returns
  // kInvalidArgument for a bad config, host or static_dir, kUnavailable
  // ("cannot listen on 127.0.0.1:8080: Address already in use") when the
  // address cannot be bound, kFailedPrecondition when called twice.
  pl::Status Start();

  // The bound port after a successful Start() (the chosen one for port 0);
  // 0 before. Thread-safe.
  std::uint16_t port() const;

  // Serves on `threads` threads (the caller's among them) and blocks until
  // Stop() or SIGINT/SIGTERM: then stops accepting, closes idle connections,
  // lets requests in flight finish, and returns. Call once, after Start().
  void Run();

  // Begins the graceful stop described at Run(). Thread-safe and idempotent;
  // callable from any thread, from inside a handler, and before Run() (Run
  // then returns at once). Not async-signal-safe: signals are handled by Run.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pl::http
