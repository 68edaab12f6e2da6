#include "http/server.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <limits>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <spdlog/spdlog.h>

#include "http/internal/responder.hpp"
#include "http/internal/session.hpp"

namespace pl::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;

namespace {

constexpr std::chrono::milliseconds kAcceptRetryDelay{100};

int ThreadCount(const ServerConfig& config) {
  if (config.threads > 0) return config.threads;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

// Out of descriptors or memory: accepting again at once would spin.
bool IsResourceShortage(beast::error_code ec) {
  return ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space ||
         ec == asio::error::no_memory;
}

}  // namespace

Status ServerConfig::Validate() const {
  if (host.empty()) return InvalidArgument("server host must not be empty");
  if (threads < 0) return InvalidArgument("server threads must be >= 0: " + std::to_string(threads));
  if (max_body_bytes == 0) return InvalidArgument("server max_body_bytes must be > 0");
  if (max_upload_bytes == 0) return InvalidArgument("server max_upload_bytes must be > 0");
  if (max_header_bytes == 0 || max_header_bytes > std::numeric_limits<std::uint32_t>::max()) {
    // Beast's header limit is 32-bit.
    return InvalidArgument("server max_header_bytes must be in 1..4294967295");
  }
  if (request_timeout.count() <= 0) return InvalidArgument("server request_timeout must be > 0");
  return Status::Ok();
}

class Server::Impl {
 public:
  Impl(ServerConfig config, Router router)
      : config_(std::move(config)),
        logger_(config_.logger ? config_.logger : spdlog::default_logger()),
        responder_(std::move(router), logger_),
        context_{responder_,
                 logger_,
                 config_.max_body_bytes,
                 static_cast<std::uint32_t>(config_.max_header_bytes),  // Validate() bounds it
                 config_.request_timeout,
                 config_.access_log,
                 config_.tls,
                 config_.upload_dir,
                 config_.max_upload_bytes,
                 config_.upload_gate},
        io_(ThreadCount(config_)),
        strand_(asio::make_strand(io_)),
        acceptor_(strand_),
        signals_(strand_),
        accept_retry_(strand_) {}

  Status Start();
  std::uint16_t port() const { return port_.load(); }
  void Run();
  void Stop() {
    asio::post(strand_, [this] { DoStop(); });
  }

 private:
  Result<tcp::endpoint> Resolve();
  Status Listen(const tcp::endpoint& endpoint);
  void RunLoop();
  void Accept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  void WaitForSignals();
  void DoStop();

  ServerConfig config_;
  std::shared_ptr<spdlog::logger> logger_;
  internal::Responder responder_;
  internal::SessionContext context_;
  std::vector<std::weak_ptr<internal::Session>> sessions_;  // touched on strand_ only
  // Declared after everything sessions refer to: destroying the io_context
  // destroys the sessions still queued in it.
  asio::io_context io_;
  asio::strand<asio::io_context::executor_type> strand_;  // acceptor, signals, stop
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  asio::steady_timer accept_retry_;
  std::atomic<std::uint16_t> port_{0};
  bool started_ = false;
  bool stopped_ = false;  // touched on strand_ only
};

Status Server::Impl::Start() {
  if (started_) return FailedPrecondition("server already started");
  PL_RETURN_IF_ERROR(config_.Validate());
  if (!config_.static_dir.empty()) {
    PL_ASSIGN_OR_RETURN(StaticFiles files, StaticFiles::Open(config_.static_dir));
    responder_.ServeStaticFrom(std::move(files));
  }
  PL_ASSIGN_OR_RETURN(tcp::endpoint endpoint, Resolve());
  PL_RETURN_IF_ERROR(Listen(endpoint));
  started_ = true;
  logger_->info("listening on http://{}:{}", config_.host, port());
  return Status::Ok();
}

Result<tcp::endpoint> Server::Impl::Resolve() {
  tcp::resolver resolver(io_);
  beast::error_code ec;
  auto results = resolver.resolve(config_.host, std::to_string(config_.port),
                                  tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return InvalidArgument("cannot resolve server host: " + config_.host + ": " + ec.message());
  }
  return results.begin()->endpoint();
}

Status Server::Impl::Listen(const tcp::endpoint& endpoint) {
  beast::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  // Lets a restarted server bind while old connections sit in TIME_WAIT; on
  // Linux it does not allow two listeners on one port.
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (!ec) port_ = acceptor_.local_endpoint(ec).port();
  if (!ec) return Status::Ok();
  beast::error_code ignored;
  acceptor_.close(ignored);
  std::string address = config_.host + ":" + std::to_string(config_.port);
  return Unavailable("cannot listen on " + address + ": " + ec.message(),
                     {{"host", config_.host}, {"port", config_.port}});
}

void Server::Impl::Run() {
  if (!started_) {
    logger_->error("Server::Run called without a successful Start");
    return;
  }
  asio::post(strand_, [this] {
    if (stopped_) return;
    WaitForSignals();
    Accept();
  });
  std::vector<std::thread> workers;
  for (int i = 1; i < ThreadCount(config_); ++i) workers.emplace_back([this] { RunLoop(); });
  RunLoop();
  for (std::thread& worker : workers) worker.join();
  logger_->info("server on port {} stopped", port());
}

void Server::Impl::RunLoop() {
  // Handlers catch their own exceptions; anything reaching here is a bug in
  // the server, and one bad connection must not take the others down.
  while (true) {
    try {
      io_.run();
      return;
    } catch (const std::exception& e) {
      logger_->error("uncaught exception in the I/O loop: {}", e.what());
    }
  }
}

void Server::Impl::Accept() {
  // The acceptor runs on strand_; each session gets a strand of its own.
  acceptor_.async_accept(asio::make_strand(io_),
                         beast::bind_front_handler(&Impl::OnAccept, this));
}

void Server::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (stopped_ || ec == asio::error::operation_aborted) return;
  if (ec) {
    logger_->warn("accept failed: {}", ec.message());
    if (!IsResourceShortage(ec)) return Accept();
    accept_retry_.expires_after(kAcceptRetryDelay);
    accept_retry_.async_wait([this](beast::error_code wait_ec) {
      if (!wait_ec && !stopped_) Accept();
    });
    return;
  }
  auto session = std::make_shared<internal::Session>(std::move(socket), context_);
  std::erase_if(sessions_, [](const auto& weak) { return weak.expired(); });
  sessions_.push_back(session);
  session->Start();
  Accept();
}

void Server::Impl::WaitForSignals() {
  signals_.add(SIGINT);
  signals_.add(SIGTERM);
  signals_.async_wait([this](beast::error_code ec, int signal) {
    if (ec) return;
    logger_->info("received signal {}, stopping", signal);
    DoStop();
  });
}

void Server::Impl::DoStop() {
  if (stopped_) return;
  stopped_ = true;
  beast::error_code ec;
  acceptor_.close(ec);
  // Removing the signals restores their default action: a second Ctrl-C
  // during a slow drain ends the process.
  signals_.clear(ec);
  signals_.cancel(ec);
  accept_retry_.cancel();
  for (const auto& weak : sessions_) {
    if (auto session = weak.lock()) session->Shutdown();
  }
  sessions_.clear();
  logger_->info("stopping: no new connections, finishing requests in flight");
}

Server::Server(ServerConfig config, Router router)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(router))) {}

Server::~Server() { impl_->Stop(); }

Status Server::Start() { return impl_->Start(); }
std::uint16_t Server::port() const { return impl_->port(); }
void Server::Run() { impl_->Run(); }
void Server::Stop() { impl_->Stop(); }

}  // namespace pl::http
