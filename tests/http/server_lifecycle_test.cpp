// Start, Run and Stop: binding, graceful shutdown, timeouts.
#include "http/server.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <csignal>
#include <future>
#include <thread>

#include "http/loopback_client.hpp"
#include "http/running_server.hpp"

namespace pl::http {
namespace {

using namespace std::chrono_literals;
using test::Fetch;
using test::LoopbackClient;
using test::RunningServer;

Router Hello() {
  Router router;
  router.Add("GET", "/api/v1/hello", [](const Request&) {
    return Response::Json(200, {{"hello", "world"}});
  });
  return router;
}

ServerConfig Quiet() {
  ServerConfig config;
  config.logger = std::make_shared<spdlog::logger>("quiet");  // no sinks
  config.threads = 2;
  return config;
}

TEST(ServerConfigTest, DefaultsAreLoopbackAndSafe) {
  ServerConfig config;
  EXPECT_EQ(config.host, "127.0.0.1");
  EXPECT_EQ(config.port, 8080);
  EXPECT_EQ(config.max_body_bytes, 8u << 20);
  EXPECT_EQ(config.request_timeout, 30s);
  EXPECT_TRUE(config.Validate().ok());
}

TEST(ServerConfigTest, ValidateNamesTheBadField) {
  ServerConfig config;
  config.threads = -1;
  EXPECT_EQ(config.Validate().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(config.Validate().message().find("threads"), std::string::npos);
  config = {};
  config.max_body_bytes = 0;
  EXPECT_NE(config.Validate().message().find("max_body_bytes"), std::string::npos);
  config = {};
  config.host = "";
  EXPECT_NE(config.Validate().message().find("host"), std::string::npos);
}

TEST(ServerStartTest, DefaultHostListensOnLoopbackOnly) {
  ServerConfig config = Quiet();
  config.port = 0;
  Server server(config, Hello());
  ASSERT_TRUE(server.Start().ok());
  EXPECT_NE(server.port(), 0);
  // A socket bound to 127.0.0.1 cannot be reached through another address,
  // and the bind itself proves the config's host was used.
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor probe(io);
  boost::system::error_code ec;
  probe.open(boost::asio::ip::tcp::v4());
  probe.bind({boost::asio::ip::make_address("127.0.0.1"), server.port()}, ec);
  EXPECT_EQ(ec, boost::asio::error::address_in_use);
}

TEST(ServerStartTest, TakenPortIsUnavailableNamingThePort) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor holder(
      io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  std::uint16_t port = holder.local_endpoint().port();
  ServerConfig config = Quiet();
  config.port = port;
  Server server(config, Hello());
  Status status = server.Start();
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_NE(status.message().find("127.0.0.1:" + std::to_string(port)), std::string::npos)
      << status.message();
  EXPECT_EQ(status.details()["port"], port);
  EXPECT_EQ(server.port(), 0);
}

TEST(ServerStartTest, BadStaticDirAndSecondStartAreErrors) {
  ServerConfig config = Quiet();
  config.port = 0;
  config.static_dir = "/nonexistent/pathlight/dist";
  EXPECT_EQ(Server(config, Hello()).Start().code(), StatusCode::kInvalidArgument);
  config.static_dir = "";
  Server server(config, Hello());
  ASSERT_TRUE(server.Start().ok());
  EXPECT_EQ(server.Start().code(), StatusCode::kFailedPrecondition);
}

TEST(ServerStopTest, StopEndsRunAndRefusesNewConnections) {
  RunningServer server(Hello());
  std::uint16_t port = server.port();
  EXPECT_EQ(Fetch(port, "GET", "/api/v1/hello").status, 200);
  ASSERT_TRUE(server.Stop());
  EXPECT_THROW(LoopbackClient{port}, std::runtime_error);
}

TEST(ServerStopTest, StopBeforeRunMakesRunReturnAtOnce) {
  ServerConfig config = Quiet();
  config.port = 0;
  Server server(config, Hello());
  ASSERT_TRUE(server.Start().ok());
  server.Stop();
  auto run = std::async(std::launch::async, [&] { server.Run(); });
  EXPECT_EQ(run.wait_for(5s), std::future_status::ready);
}

TEST(ServerStopTest, InFlightRequestCompletesAndIdleConnectionsClose) {
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  Router router = Hello();
  router.Add("GET", "/api/v1/slow", [&](const Request&) {
    entered.set_value();
    released.wait();
    return Response::Json(200, {{"done", true}});
  });
  RunningServer server(std::move(router));
  LoopbackClient idle(server.port());
  EXPECT_EQ(idle.Send("GET", "/api/v1/hello").status, 200);  // now idle, kept alive

  auto slow = std::async(std::launch::async, [&] {
    return Fetch(server.port(), "GET", "/api/v1/slow");
  });
  ASSERT_EQ(entered.get_future().wait_for(5s), std::future_status::ready);
  server.server().Stop();
  EXPECT_TRUE(idle.ClosedByServer(5s));
  EXPECT_FALSE(server.Finished());  // still finishing the slow request
  release.set_value();
  auto response = slow.get();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Json()["done"], true);
  EXPECT_TRUE(server.Stop());
}

TEST(ServerStopTest, HandlerMayStopTheServer) {
  Server* self = nullptr;
  Router router;
  router.Add("POST", "/api/v1/shutdown", [&](const Request&) {
    self->Stop();
    return Response::Json(202, {{"stopping", true}});
  });
  RunningServer server(std::move(router));
  self = &server.server();
  EXPECT_EQ(Fetch(server.port(), "POST", "/api/v1/shutdown").status, 202);
  for (int i = 0; i < 100 && !server.Finished(); ++i) std::this_thread::sleep_for(50ms);
  EXPECT_TRUE(server.Finished());
}

TEST(ServerStopTest, SigtermStopsRun) {
  RunningServer server(Hello());
  EXPECT_EQ(Fetch(server.port(), "GET", "/api/v1/hello").status, 200);
  // Run installs its handler when it starts serving; the request above
  // proves it has.
  std::raise(SIGTERM);
  for (int i = 0; i < 100 && !server.Finished(); ++i) std::this_thread::sleep_for(50ms);
  EXPECT_TRUE(server.Finished());
  EXPECT_NE(server.Log().find("received signal"), std::string::npos);
}

TEST(ServerTimeoutTest, SlowClientIsCutOff) {
  ServerConfig config;
  config.request_timeout = 1s;
  RunningServer server(Hello(), config);
  LoopbackClient client(server.port());
  client.WriteRaw("GET /api/v1/hello HTTP/1.1\r\nHost: x\r\n");  // never finishes
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.ClosedByServer(5s));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 4s);
}

}  // namespace
}  // namespace pl::http
