// Session: one accepted TCP connection, serving HTTP/1.1 requests one after
// another (keep-alive) with Beast's asynchronous operations.
//
// Every handler of a session runs on the session's strand (the executor of
// its socket), so its members need no locking. Shutdown() is the only call
// made from outside that strand.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/http/file_body.hpp>

#include "http/internal/responder.hpp"
#include "http/internal/wire.hpp"

namespace pl::http::internal {

// Shared by every session of a server; owned by the server, outlives them.
struct SessionContext {
  const Responder& responder;
  std::shared_ptr<spdlog::logger> logger;
  std::size_t max_body_bytes;
  std::uint32_t max_header_bytes;
  std::chrono::seconds request_timeout;
  bool access_log;
  bool tls;  // add Strict-Transport-Security
  std::string upload_dir;  // "" = multipart bodies stay in memory
  std::uint64_t max_upload_bytes;
  std::function<std::optional<Response>(Request&)> upload_gate;  // see ServerConfig
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket socket, const SessionContext& context);
  ~Session();  // deletes an upload file still present

  // Begins reading requests. Call once, right after construction.
  void Start();

  // Graceful stop, thread-safe: an idle connection is closed now; a request
  // being handled or written completes, then the connection closes.
  void Shutdown();

 private:
  enum class State { kReading, kHandling, kWriting, kDraining, kClosed };

  void ReadHeader();
  void OnHeader(boost::beast::error_code ec, std::size_t bytes);
  void ReadBody();
  void OnBody(boost::beast::error_code ec, std::size_t bytes);
  // Uploads: switch to a file body after the header; read chunk by chunk.
  // The server's upload gate on the header alone; a response means refused.
  std::optional<Response> GateUpload();
  bool StartUpload();
  void ReadUploadChunk();
  void OnUploadChunk(boost::beast::error_code ec, std::size_t bytes);
  void DeleteUpload();
  const boost::beast::http::request_header<>& CurrentHeader() const;
  void OnReadError(boost::beast::error_code ec);
  void Handle();
  void HandleUpload();
  void SendError(Response response);
  void Send(Response response, unsigned version, bool head_only, bool keep_alive);
  void OnWrite(boost::beast::error_code ec, std::size_t bytes);
  void LogAccess() const;
  void LingeringClose();
  void Drain();
  void Close();

  boost::beast::tcp_stream stream_;
  const SessionContext& context_;
  std::string remote_address_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  // Set instead of parser_ (which it was converted from) while an upload
  // streams into upload_path_.
  std::optional<boost::beast::http::request_parser<boost::beast::http::file_body>> upload_parser_;
  std::string upload_path_;
  boost::beast::http::response<boost::beast::http::empty_body> continue_;
  WireResponse response_;
  State state_ = State::kReading;
  bool stopping_ = false;
  bool keep_alive_ = false;
  // For the access log line of the request in flight.
  std::string log_method_;
  std::string log_path_;
  std::chrono::steady_clock::time_point started_;
  std::array<char, 4096> drain_buffer_{};
  std::size_t drained_bytes_ = 0;
};

}  // namespace pl::http::internal
