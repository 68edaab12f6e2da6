#include "http/internal/session.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <random>

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

// "upload-<32 hex digits>": unguessable, so no other local user or request
// can predict (and pre-create or link) it.
std::string RandomUploadName() {
  std::random_device random;
  std::string name = "upload-";
  for (int i = 0; i < 4; ++i) name += fmt::format("{:08x}", random());
  return name;
}

}  // namespace

Session::Session(asio::ip::tcp::socket socket, const SessionContext& context)
    : stream_(std::move(socket)), context_(context) {
  beast::error_code ec;
  auto endpoint = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_address_ = endpoint.address().to_string();
}

Session::~Session() { DeleteUpload(); }

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
  DeleteUpload();
  parser_.emplace();
  // Beast checks Content-Length against the limit as the header arrives:
  // allow an upload's size until the header says what the request is.
  parser_->body_limit(context_.upload_dir.empty() ? context_.max_body_bytes
                                                  : std::max<std::uint64_t>(context_.max_body_bytes,
                                                                            context_.max_upload_bytes));
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
  if (!context_.upload_dir.empty() && IsMultipartFormData(header) && !parser_->is_done()) {
    if (auto refused = GateUpload()) return SendError(std::move(*refused));
    if (!StartUpload()) return SendError(ErrorResponse(500, "internal", "cannot store the upload"));
    auto length = upload_parser_->content_length();
    if (length && *length > context_.max_upload_bytes) return OnReadError(http::error::body_limit);
  } else if (!context_.upload_dir.empty()) {
    parser_->body_limit(context_.max_body_bytes);
    auto length = parser_->content_length();
    if (length && *length > context_.max_body_bytes) return OnReadError(http::error::body_limit);
  }
  const auto& current = CurrentHeader();
  bool expects_continue = beast::iequals(current[http::field::expect], "100-continue");
  if (!expects_continue || (parser_ && parser_->is_done())) return ReadBody();
  // curl and others wait (about a second) for this before sending a body.
  continue_ = {http::status::continue_, current.version()};
  http::async_write(stream_, continue_,
                    [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                      if (write_ec) return self->Close();
                      self->ReadBody();
                    });
}

std::optional<Response> Session::GateUpload() {
  if (!context_.upload_gate) return std::nullopt;
  WireRequest head;
  head.base() = parser_->get().base();
  Result<Request> request = FromWire(head, remote_address_);
  if (!request.ok()) return Response::Error(request.status());
  std::optional<Response> refused = context_.upload_gate(*request);
  return refused;
}

bool Session::StartUpload() {
  std::string path = context_.upload_dir + "/" + RandomUploadName();
  // O_EXCL: never write through a file or link someone else put there.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    context_.logger->error("cannot create an upload file in {}: {}", context_.upload_dir, std::strerror(errno));
    return false;
  }
  upload_path_ = path;
  upload_parser_.emplace(std::move(*parser_));
  parser_.reset();
  upload_parser_->body_limit(context_.max_upload_bytes);
  beast::file file;
  file.native_handle(fd);
  beast::error_code ec;
  upload_parser_->get().body().reset(std::move(file), ec);
  if (ec) {
    context_.logger->error("cannot open the upload file: {}", ec.message());
    return false;
  }
  return true;
}

const http::request_header<>& Session::CurrentHeader() const {
  if (upload_parser_) return upload_parser_->get();
  return parser_->get();
}

void Session::ReadUploadChunk() {
  if (upload_parser_->is_done()) return OnBody({}, 0);
  // The deadline restarts per chunk: slow is fine, stalled is not.
  stream_.expires_after(context_.request_timeout);
  http::async_read_some(stream_, buffer_, *upload_parser_,
                        beast::bind_front_handler(&Session::OnUploadChunk, shared_from_this()));
}

void Session::OnUploadChunk(beast::error_code ec, std::size_t /*bytes*/) {
  if (ec) return OnReadError(ec);
  ReadUploadChunk();
}

void Session::DeleteUpload() {
  upload_parser_.reset();  // closes the file
  if (upload_path_.empty()) return;
  // Gone already when the handler moved it away: nothing to do then.
  std::remove(upload_path_.c_str());
  upload_path_.clear();
}

void Session::ReadBody() {
  if (upload_parser_) return ReadUploadChunk();
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
    bool upload = upload_parser_ || (!context_.upload_dir.empty() && IsMultipartFormData(CurrentHeader()));
    std::uint64_t limit = upload ? context_.max_upload_bytes : context_.max_body_bytes;
    DeleteUpload();
    return SendError(ErrorResponse(413, "payload_too_large",
                                   "request body is larger than the limit of " + std::to_string(limit) + " bytes"));
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
  const auto& partial = CurrentHeader();
  log_method_ = std::string(ToStd(partial.method_string()));
  log_path_ = std::string(PathForLog(ToStd(partial.target())));
  unsigned version = partial.version() == 10 ? 10 : 11;
  // The rest of the stream cannot be trusted to frame a next request: close.
  Send(std::move(response), version, false, false);
}

void Session::Handle() {
  state_ = State::kHandling;
  if (upload_parser_) return HandleUpload();
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

void Session::HandleUpload() {
  auto wire = upload_parser_->release();
  wire.body().close();  // everything is on disk; the handler reads the file
  upload_parser_.reset();
  log_method_ = std::string(ToStd(wire.method_string()));
  log_path_ = std::string(PathForLog(ToStd(wire.target())));
  unsigned version = wire.version() == 10 ? 10 : 11;
  bool head_only = wire.method() == http::verb::head;
  Result<Request> request = FromWireHeader(wire, remote_address_);
  if (!request.ok()) {
    DeleteUpload();
    return Send(Response::Error(request.status()), version, head_only, false);
  }
  request->body_file = upload_path_;
  Response response = context_.responder.Respond(*request);
  if (!request->route.empty()) log_path_ = request->route;
  DeleteUpload();  // the handler has moved it away if it needs it longer
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
  DeleteUpload();
  beast::error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  stream_.close();
}

}  // namespace pl::http::internal
