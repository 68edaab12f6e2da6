// StaticSite: a throwaway built front end in a temporary directory, with a
// secret file beside it (outside the root) that must never be served.
//
//   <tmp>/secret.txt                  outside the root
//   <tmp>/outside/secret.txt, index.html  a directory outside the root
//   <tmp>/site/index.html, app.js, ... inside the root
//   <tmp>/site/escape.txt -> ../secret.txt      symlink to a file outside
//   <tmp>/site/linked -> ../outside             symlink to a directory outside
//   <tmp>/site/.env, .git/config, assets/.hidden.js   hidden files (secrets)
//   <tmp>/site/alias.js -> app.js               symlink staying inside
//
// Every secret's content contains kSecret.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace pl::http::test {

inline constexpr const char* kSecret = "TOP-SECRET-CONTENT";
inline constexpr const char* kIndexHtml = "<!doctype html><title>Pathlight</title>";

class StaticSite {
 public:
  StaticSite() {
    std::random_device random;
    base_ = std::filesystem::temp_directory_path() /
            ("pl_http_static_" + std::to_string(random()));
    root_ = base_ / "site";
    std::filesystem::create_directories(root_ / "assets");
    std::filesystem::create_directories(root_ / "docs");
    Write(base_ / "secret.txt", kSecret);
    Write(root_ / "index.html", kIndexHtml);
    Write(root_ / "docs" / "index.html", "<p>docs</p>");
    for (const char* name : {"app.js", "mod.mjs", "styles.css", "data.json", "logo.svg",
                             "img.png", "photo.jpg", "favicon.ico", "font.woff2", "robots.txt",
                             "app.js.map", "site.webmanifest", "engine.wasm", "blob.bin"}) {
      Write(root_ / name, std::string("content of ") + name);
    }
    Write(root_ / "assets" / "index-3f2a1b.js", "console.log('hashed');");
    std::filesystem::create_symlink("../secret.txt", root_ / "escape.txt");
    std::filesystem::create_directories(base_ / "outside");
    Write(base_ / "outside" / "secret.txt", kSecret);
    Write(base_ / "outside" / "index.html", kSecret);
    std::filesystem::create_directory_symlink("../outside", root_ / "linked");
    std::filesystem::create_directories(root_ / ".git");
    Write(root_ / ".env", std::string("DATABASE_PASSWORD=") + kSecret);
    Write(root_ / ".git" / "config", kSecret);
    Write(root_ / "assets" / ".hidden.js", kSecret);
    std::filesystem::create_symlink("app.js", root_ / "alias.js");
  }
  ~StaticSite() {
    std::error_code ignored;
    std::filesystem::remove_all(base_, ignored);
  }
  StaticSite(const StaticSite&) = delete;
  StaticSite& operator=(const StaticSite&) = delete;

  const std::filesystem::path& root() const { return root_; }

 private:
  static void Write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }

  std::filesystem::path base_;
  std::filesystem::path root_;
};

}  // namespace pl::http::test
