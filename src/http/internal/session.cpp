#include "http/internal/session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "http/error_mapping.hpp"

namespace pl::http::internal {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// After a final response on a connection we close, keep reading (and
// discarding) for a moment: closing with unread request bytes makes the
// kernel send RST, which can destroy the response before the client reads it
// (typical for a 413 sent before the body arrived).
constexpr std::chrono::seconds kLingerTimeout{2};
constexpr std::size_t kLingerMaxBytes = 1 << 20;

bool IsParseError(beast::error_code ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category();
}

}  // namespace

Session::Session(asio::ip::tcp::socket socket, const SessionContext& context)
    : stream_(std::move(socket)), context_(context) {
  beast::error_code ec;
  auto endpoint = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_address_ = endpoint.address().to_string();
}

void Session::Start() {
  asio::dispatch(stream_.get_executor(),
                 beast::bind_front_handler(&Session::ReadHeader, shared_from_this()));
}

void Session::Shutdown() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    self->stopping_ = true;
    // Reading means idle (or a request not yet complete): nothing to finish.
    if (self->state_ == State::kReading || self->state_ == State::kDraining) {
      self->stream_.cancel();
    }
  });
}

void Session::ReadHeader() {
  if (stopping_) return Close();
  state_ = State::kReading;
  log_method_.clear();
  log_path_.clear();
  parser_.emplace();
  parser_->body_limit(context_.max_body_bytes);
  parser_->header_limit(context_.max_header_bytes);
  // One deadline covers idle time, header and body: a slow client is cut off.
  stream_.expires_after(context_.request_timeout);
  http::async_read_header(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
}

void Session::OnHeader(beast::error_code ec, std::size_t /*bytes*/) {
  started_ = std::chrono::steady_clock::now();
  if (ec) return OnReadError(ec);
  const auto& header = parser_->get();
  if (HasUnsupportedTransferEncoding(header)) {
    return SendError(ErrorResponse(400, "invalid_argument", "unsupported Transfer-Encoding"));
  }
  bool expects_continue = beast::iequals(header[http::field::expect], "100-continue");
  if (!expects_continue || parser_->is_done()) return ReadBody();
  // curl and others wait (about a second) for this before sending a body.
  continue_ = {http::status::continue_, header.version()};
  http::async_write(stream_, continue_,
                    [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                      if (write_ec) return self->Close();
                      self->ReadBody();
                    });
}

void Session::ReadBody() {
  if (parser_->is_done()) return OnBody({}, 0);
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&Session::OnBody, shared_from_this()));
}

void Session::OnBody(beast::error_code ec, std::size_t /*bytes*/) {
  if (ec) return OnReadError(ec);
  Handle();
}

void Session::OnReadError(beast::error_code ec) {
  if (ec == http::error::body_limit) {
    return SendError(ErrorResponse(413, "payload_too_large",
                                   "request body is larger than the limit of " +
                                       std::to_string(context_.max_body_bytes) + " bytes"));
  }
  if (ec == http::error::header_limit) {
    return SendError(ErrorResponse(431, "headers_too_large", "request headers are too large"));
  }
  if (IsParseError(ec) && ec != http::error::end_of_stream &&
      ec != http::error::partial_message) {
    return SendError(ErrorResponse(400, "invalid_argument", "malformed HTTP request"));
  }
  // Peer closed, timed out, or Shutdown() cancelled the read: nobody to answer.
  if (ec != http::error::end_of_stream && ec != asio::error::operation_aborted) {
    context_.logger->debug("connection from {} closed while reading: {}", remote_address_,
                           ec.message());
  }
  Close();
}

void Session::SendError(Response response) {
  // Whatever was parsed of the start line, for the access log line.
  const auto& partial = parser_->get();
  log_method_ = std::string(ToStd(partial.method_string()));
  log_path_ = std::string(PathForLog(ToStd(partial.target())));
  unsigned version = partial.version() == 10 ? 10 : 11;
  // The rest of the stream cannot be trusted to frame a next request: close.
  Send(std::move(response), version, false, false);
}

void Session::Handle() {
  state_ = State::kHandling;
  WireRequest wire = parser_->release();
  log_method_ = std::string(ToStd(wire.method_string()));
  log_path_ = std::string(PathForLog(ToStd(wire.target())));
  if (wire.version() != 10 && wire.version() != 11) {
    // Beast reads any "HTTP/d.d"; "HTTP/2.0" is the HTTP/2 preface, whose
    // binary frames would follow. Answer in HTTP/1.1 and close.
    return Send(ErrorResponse(400, "invalid_argument", "unsupported HTTP version"), 11, false,
                false);
  }
  bool head_only = wire.method() == http::verb::head;
  unsigned version = wire.version();
  Result<Request> request = FromWire(wire, remote_address_);
  if (!request.ok()) {
    // A client that sends a bad target may not frame its next request
    // properly either: answer, then close.
    return Send(Response::Error(request.status()), version, head_only, false);
  }
  Response response = context_.responder.Respond(*request);
  if (!request->route.empty()) log_path_ = request->route;
  Send(std::move(response), version, head_only, wire.keep_alive());
}

void Session::Send(Response response, unsigned version, bool head_only, bool keep_alive) {
  state_ = State::kWriting;
  keep_alive_ = keep_alive && !stopping_;
  response_ = ToWire(std::move(response), version, head_only, keep_alive_, context_.tls);
  stream_.expires_after(context_.request_timeout);
  http::async_write(stream_, response_,
                    beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
}

void Session::OnWrite(beast::error_code ec, std::size_t /*bytes*/) {
  LogAccess();
  if (ec) return Close();
  if (!keep_alive_ || stopping_) return LingeringClose();
  ReadHeader();
}

void Session::LogAccess() const {
  if (!context_.access_log) return;
  auto elapsed = std::chrono::steady_clock::now() - started_;
  double ms = std::chrono::duration<double, std::milli>(elapsed).count();
  context_.logger->info("{} {} {} {}B {:.2f}ms", log_method_.empty() ? "-" : log_method_,
                        log_path_.empty() ? "-" : log_path_, response_.result_int(),
                        response_.body().size(), ms);
}

void Session::LingeringClose() {
  state_ = State::kDraining;
  beast::error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  if (ec) return Close();
  stream_.expires_after(kLingerTimeout);
  Drain();
}

void Session::Drain() {
  stream_.async_read_some(asio::buffer(drain_buffer_),
                          [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                            self->drained_bytes_ += bytes;
                            if (ec || self->drained_bytes_ > kLingerMaxBytes) return self->Close();
                            self->Drain();
                          });
}

void Session::Close() {
  state_ = State::kClosed;
  beast::error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  stream_.close();
}

}  // namespace pl::http::internal
