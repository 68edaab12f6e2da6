// RunningServer: a real pl::http::Server on 127.0.0.1 and a free port, run
// on a background thread, with its log captured in memory.
#pragma once

#include <chrono>
#include <future>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "http/http.hpp"

namespace pl::http::test {

class RunningServer {
 public:
  // Forces port 0 and, when unset, 2 threads. Throws when Start() fails.
  explicit RunningServer(Router router, ServerConfig config = {}) {
    logger_ = std::make_shared<spdlog::logger>(
        "http-test", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_));
    logger_->set_level(spdlog::level::debug);
    config.port = 0;
    if (config.threads == 0) config.threads = 2;
    config.logger = logger_;
    server_ = std::make_unique<Server>(std::move(config), std::move(router));
    Status started = server_->Start();
    if (!started.ok()) throw std::runtime_error("Start failed: " + started.ToString());
    run_ = std::async(std::launch::async, [this] { server_->Run(); });
  }
  ~RunningServer() { Stop(); }

  std::uint16_t port() const { return server_->port(); }
  Server& server() { return *server_; }

  // Stop() and wait for Run() to return; false when it did not within 10 s.
  bool Stop() {
    server_->Stop();
    return run_.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  }
  // True once Run() has returned.
  bool Finished() const {
    return run_.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  }
  // Everything logged so far. Read after Stop(), when no thread still writes.
  std::string Log() {
    logger_->flush();
    return log_.str();
  }

 private:
  std::ostringstream log_;
  std::shared_ptr<spdlog::logger> logger_;
  std::unique_ptr<Server> server_;
  std::future<void> run_;
};

}  // namespace pl::http::test
