#include "core/progress.hpp"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace pl {

TerminalProgress::TerminalProgress() : enabled_(::isatty(STDERR_FILENO) == 1) {}

void TerminalProgress::Begin(const std::string& label, std::uint64_t total,
                             const std::string& unit) {
  label_ = label;
  unit_ = unit;
  total_ = total;
  done_ = 0;
  start_ = std::chrono::steady_clock::now();
  last_draw_ = {};
  Draw(false);
}

void TerminalProgress::Update(std::uint64_t done) {
  done_ = done;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ >= std::chrono::milliseconds(100)) Draw(false);
}

void TerminalProgress::End() {
  if (total_ != 0) done_ = total_;
  Draw(true);
}

void TerminalProgress::Draw(bool final_draw) {
  if (!enabled_) return;
  last_draw_ = std::chrono::steady_clock::now();
  double seconds = std::chrono::duration<double>(last_draw_ - start_).count();
  double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0.0;
  std::string line;
  if (unit_ == "bytes") {
    // Sizes read better in megabytes.
    auto mb = [](std::uint64_t b) { return static_cast<double>(b) / 1e6; };
    if (total_ > 0) {
      constexpr int kWidth = 30;
      double fraction = std::min(1.0, static_cast<double>(done_) / static_cast<double>(total_));
      int filled = static_cast<int>(fraction * kWidth);
      line = fmt::format("\r{:<24} [{}{}] {:5.1f}% {:.1f} / {:.1f} MB ({:.1f} MB/s) ", label_,
                         std::string(filled, '#'), std::string(kWidth - filled, '.'), fraction * 100.0,
                         mb(done_), mb(total_), mb(static_cast<std::uint64_t>(rate)));
    } else {
      line = fmt::format("\r{:<24} {:.1f} MB ({:.1f} MB/s) {:.1f}s ", label_, mb(done_),
                         mb(static_cast<std::uint64_t>(rate)), seconds);
    }
  } else if (total_ > 0) {
    constexpr int kWidth = 30;
    double fraction = std::min(1.0, static_cast<double>(done_) / static_cast<double>(total_));
    int filled = static_cast<int>(fraction * kWidth);
    line = fmt::format("\r{:<24} [{}{}] {:5.1f}% {} / {} {} ({:.0f}/s) ", label_,
                       std::string(filled, '#'), std::string(kWidth - filled, '.'),
                       fraction * 100.0, done_, total_, unit_, rate);
  } else {
    line = fmt::format("\r{:<24} {} {} ({:.0f}/s) {:.1f}s ", label_, done_, unit_, rate, seconds);
  }
  std::fputs(line.c_str(), stderr);
  if (final_draw) std::fputs("\n", stderr);
  std::fflush(stderr);
}

void JobProgress::Begin(const std::string& label, std::uint64_t total, const std::string& unit) {
  std::lock_guard lock(mu_);
  phase_ = label;
  unit_ = unit;
  total_ = total;
  done_.store(0, std::memory_order_relaxed);
}

void JobProgress::End() {
  std::lock_guard lock(mu_);
  if (total_ != 0) done_.store(total_, std::memory_order_relaxed);
}

JobProgress::View JobProgress::Snapshot() const {
  std::lock_guard lock(mu_);
  return View{phase_, unit_, done_.load(std::memory_order_relaxed), total_};
}

}  // namespace pl
