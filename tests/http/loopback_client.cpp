#include "http/loopback_client.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>

namespace pl::http::test {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

namespace {

constexpr std::chrono::seconds kTimeout{10};

std::string Lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

void ThrowIf(beast::error_code ec, std::string_view what) {
  if (ec) throw std::runtime_error(std::string(what) + ": " + ec.message());
}

}  // namespace

std::string ClientResponse::Header(std::string_view name) const {
  auto it = headers.find(Lowercase(name));
  return it == headers.end() ? std::string() : it->second;
}

nlohmann::json ClientResponse::Json() const {
  return nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
}

LoopbackClient::LoopbackClient(std::uint16_t port) : stream_(io_) {
  beast::error_code result;
  stream_.expires_after(kTimeout);
  stream_.async_connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                        [&](beast::error_code ec) { result = ec; });
  RunIo();
  ThrowIf(result, "connect");
}

void LoopbackClient::RunIo() {
  io_.restart();
  io_.run();
}

ClientResponse LoopbackClient::Send(const std::string& method, const std::string& target,
                                    const std::string& body, const HeaderList& headers) {
  bhttp::request<bhttp::string_body> request;
  request.method_string(method);
  request.target(target);
  request.version(11);
  request.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!body.empty() || method == "POST" || method == "PUT") {
    request.body() = body;
    request.prepare_payload();
  }
  beast::error_code result;
  stream_.expires_after(kTimeout);
  bhttp::async_write(stream_, request, [&](beast::error_code ec, std::size_t) { result = ec; });
  RunIo();
  ThrowIf(result, "write request");
  return Read(method == "HEAD");
}

void LoopbackClient::WriteRaw(std::string_view bytes) {
  beast::error_code result;
  stream_.expires_after(kTimeout);
  asio::async_write(stream_, asio::buffer(bytes.data(), bytes.size()),
                    [&](beast::error_code ec, std::size_t) { result = ec; });
  RunIo();
  ThrowIf(result, "write raw");
}

namespace {

bool IsClosed(beast::error_code ec) {
  return ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
         ec == asio::error::eof || ec == asio::error::connection_reset;
}

ClientResponse ToClientResponse(const bhttp::response<bhttp::string_body>& message) {
  ClientResponse response;
  response.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    response.headers[Lowercase({field.name_string().data(), field.name_string().size()})] =
        std::string(field.value());
  }
  response.body = message.body();
  return response;
}

}  // namespace

ClientResponse LoopbackClient::Read(bool head) {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 << 20);
  parser.skip(head);
  beast::error_code result;
  stream_.expires_after(kTimeout);
  bhttp::async_read(stream_, buffer_, parser,
                    [&](beast::error_code ec, std::size_t) { result = ec; });
  RunIo();
  ThrowIf(result, "read response");
  return ToClientResponse(parser.get());
}

std::optional<ClientResponse> LoopbackClient::TryRead() {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 << 20);
  beast::error_code result;
  stream_.expires_after(kTimeout);
  bhttp::async_read(stream_, buffer_, parser,
                    [&](beast::error_code ec, std::size_t) { result = ec; });
  RunIo();
  if (IsClosed(result)) return std::nullopt;
  ThrowIf(result, "read response");
  return ToClientResponse(parser.get());
}

bool LoopbackClient::ClosedByServer(std::chrono::seconds within) {
  char byte = 0;
  beast::error_code result;
  std::size_t bytes = 0;
  stream_.expires_after(within);
  stream_.async_read_some(asio::buffer(&byte, 1), [&](beast::error_code ec, std::size_t n) {
    result = ec;
    bytes = n;
  });
  RunIo();
  if (bytes != 0 || buffer_.size() != 0) return false;
  return result == asio::error::eof || result == asio::error::connection_reset;
}

ClientResponse Fetch(std::uint16_t port, const std::string& method, const std::string& target,
                     const std::string& body, const HeaderList& headers) {
  LoopbackClient client(port);
  return client.Send(method, target, body, headers);
}

}  // namespace pl::http::test
