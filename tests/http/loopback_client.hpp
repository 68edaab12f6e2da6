// LoopbackClient: a small Beast HTTP/1.1 client over 127.0.0.1 for tests.
// Every operation has a 10 s deadline and throws std::runtime_error on a
// network error, so a broken server fails a test instead of hanging it.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core.hpp>
#include <nlohmann/json.hpp>

namespace pl::http::test {

struct ClientResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string body;

  std::string Header(std::string_view name) const;  // "" when absent
  nlohmann::json Json() const;                      // discarded value when not JSON
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

class LoopbackClient {
 public:
  explicit LoopbackClient(std::uint16_t port);

  // Sends one request on this connection and reads the response.
  ClientResponse Send(const std::string& method, const std::string& target,
                      const std::string& body = "", const HeaderList& headers = {});
  // Writes bytes as they are (malformed requests, split requests).
  void WriteRaw(std::string_view bytes);
  // Reads one response; `head` when it answers a HEAD request (no body).
  ClientResponse Read(bool head = false);
  // Like Read, but nullopt when the server closes the connection (EOF or
  // reset) before a complete response. Throws on a timeout, so a server that
  // neither answers nor closes fails the test.
  std::optional<ClientResponse> TryRead();
  // True when the server closes the connection within `within` (EOF or reset
  // with no response bytes before it).
  bool ClosedByServer(std::chrono::seconds within);

 private:
  void RunIo();

  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
};

// One request on a fresh connection.
ClientResponse Fetch(std::uint16_t port, const std::string& method, const std::string& target,
                     const std::string& body = "", const HeaderList& headers = {});

}  // namespace pl::http::test
