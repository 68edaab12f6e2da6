// Uploads: multipart/form-data bodies stream into a file under upload_dir,
// the handler sees its path, and the file is gone afterwards, whatever
// happened (413, a stalled client, a normal answer).
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "http/loopback_client.hpp"
#include "http/running_server.hpp"

namespace pl::http {
namespace {

using namespace std::chrono_literals;
using test::Fetch;
using test::LoopbackClient;
using test::RunningServer;
namespace fs = std::filesystem;

class UploadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    dir_ = fs::temp_directory_path() / ("pl-upload-test-" + std::to_string(random()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Router EchoRouter() {
    Router router;
    router.Add("POST", "/upload", [this](const Request& request) {
      std::lock_guard lock(mu_);
      seen_path_ = request.body_file;
      seen_body_ = request.body;
      if (!request.body_file.empty()) {
        std::ifstream in(request.body_file, std::ios::binary);
        seen_file_.assign(std::istreambuf_iterator<char>(in), {});
        struct stat st {};
        ::stat(request.body_file.c_str(), &st);
        seen_mode_ = st.st_mode & 0777;
      }
      return Response::Json(200, {{"ok", true}});
    });
    return router;
  }

  ServerConfig Config() {
    ServerConfig config;
    config.upload_dir = dir_.string();
    config.max_upload_bytes = 64 << 10;
    config.max_body_bytes = 1024;
    config.request_timeout = 1s;
    return config;
  }

  std::size_t FilesLeft() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
  }

  fs::path dir_;
  std::mutex mu_;
  std::string seen_path_, seen_body_, seen_file_;
  unsigned seen_mode_ = 0;
};

const test::HeaderList kMultipart = {{"Content-Type", "multipart/form-data; boundary=XyZ"}};

TEST_F(UploadTest, AMultipartBodyArrivesAsAFileWithTheExactBytes) {
  RunningServer server(EchoRouter(), Config());
  std::string body;
  for (int i = 0; i < 256; ++i) body += static_cast<char>(i);
  body += std::string(40000, 'x') + "\r\n--XyZ--\r\n";  // far over max_body_bytes
  auto response = Fetch(server.port(), "POST", "/upload", body, kMultipart);
  EXPECT_EQ(response.status, 200) << response.body;
  std::lock_guard lock(mu_);
  EXPECT_EQ(seen_file_, body);
  EXPECT_TRUE(seen_body_.empty());
  EXPECT_EQ(fs::path(seen_path_).parent_path(), dir_);
  EXPECT_EQ(seen_mode_, 0600u);
  EXPECT_EQ(FilesLeft(), 0u);
}

TEST_F(UploadTest, OverTheUploadLimitIs413AndNoFileIsLeft) {
  RunningServer server(EchoRouter(), Config());
  auto response = Fetch(server.port(), "POST", "/upload", std::string(70 << 10, 'a'), kMultipart);
  EXPECT_EQ(response.status, 413);
  EXPECT_NE(response.body.find(std::to_string(64 << 10)), std::string::npos) << response.body;
  EXPECT_TRUE(server.Stop());
  EXPECT_EQ(FilesLeft(), 0u);
}

TEST_F(UploadTest, AClientThatStallsMidUploadIsCutOffAndNoFileIsLeft) {
  RunningServer server(EchoRouter(), Config());
  LoopbackClient client(server.port());
  client.WriteRaw("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
                  "Content-Length: 5000\r\n\r\n--XyZ\r\npartial");
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(FilesLeft(), 1u);  // streaming into its file
  EXPECT_TRUE(client.ClosedByServer(5s));
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(FilesLeft(), 0u);
}

TEST_F(UploadTest, OtherBodiesAreUnchangedAndWithoutUploadDirMultipartStaysInMemory) {
  {
    RunningServer server(EchoRouter(), Config());
    auto response = Fetch(server.port(), "POST", "/upload", "plain", {{"Content-Type", "text/plain"}});
    EXPECT_EQ(response.status, 200);
    std::lock_guard lock(mu_);
    EXPECT_EQ(seen_body_, "plain");
    EXPECT_TRUE(seen_path_.empty());
    EXPECT_EQ(Fetch(server.port(), "POST", "/upload", std::string(2000, 'a'), {{"Content-Type", "text/plain"}}).status, 413);
  }
  ServerConfig config = Config();
  config.upload_dir.clear();
  RunningServer server(EchoRouter(), config);
  auto response = Fetch(server.port(), "POST", "/upload", "--XyZ--\r\n", kMultipart);
  EXPECT_EQ(response.status, 200);
  std::lock_guard lock(mu_);
  EXPECT_EQ(seen_body_, "--XyZ--\r\n");
  EXPECT_TRUE(seen_path_.empty());
}

}  // namespace
}  // namespace pl::http
