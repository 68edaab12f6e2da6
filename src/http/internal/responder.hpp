// Responder: turns one parsed Request into a Response, never throwing.
// Order: router routes first, then static files (GET/HEAD outside /api/),
// then the router's 404/405. This is the one catch-all per request: a handler
// that throws becomes a 500 "internal" error whose text is logged, never sent.
//
// Thread-safety: configure (ServeStaticFrom) before use; Respond is const and
// may run concurrently.
#pragma once

#include <memory>
#include <optional>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace spdlog {
class logger;
}

namespace pl::http::internal {

class Responder {
 public:
  Responder(Router router, std::shared_ptr<spdlog::logger> logger);

  void ServeStaticFrom(StaticFiles files) { static_files_.emplace(std::move(files)); }

  Response Respond(Request& request) const;

 private:
  Response Route(Request& request) const;
  Response Checked(Response response, const Request& request) const;

  Router router_;
  std::optional<StaticFiles> static_files_;
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace pl::http::internal
