// Progress reporting for long work (import, generation, snapshot build).
//
// Work code reports through the abstract Progress; the CLI passes a
// TerminalProgress (a bar on stderr when it is a terminal, silence
// otherwise) and the server a JobProgress whose fields the API reads.
// Implementations must tolerate calls from the worker thread while another
// thread reads Snapshot(); Update() may be called very often and is cheap.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace pl {

class Progress {
 public:
  virtual ~Progress() = default;
  // Starts a phase: `label` is shown to the user, `total` is in `unit`s
  // (0 when unknown).
  virtual void Begin(const std::string& label, std::uint64_t total, const std::string& unit) = 0;
  // Sets the amount done so far in the current phase.
  virtual void Update(std::uint64_t done) = 0;
  // Ends the current phase.
  virtual void End() = 0;
  // True once the work has been asked to stop (server shutdown). Long loops
  // check it where they report progress and return Cancelled(), undoing
  // their transaction.
  virtual bool cancelled() const { return false; }
};

// Does nothing: for tests and for callers that do not care.
class NullProgress final : public Progress {
 public:
  void Begin(const std::string&, std::uint64_t, const std::string&) override {}
  void Update(std::uint64_t) override {}
  void End() override {}
};

// A text progress bar on stderr, redrawn at most ten times a second, only
// when stderr is a terminal (so logs and pipes stay clean).
class TerminalProgress final : public Progress {
 public:
  TerminalProgress();
  void Begin(const std::string& label, std::uint64_t total, const std::string& unit) override;
  void Update(std::uint64_t done) override;
  void End() override;

 private:
  void Draw(bool final_draw);

  bool enabled_;
  std::string label_;
  std::string unit_;
  std::uint64_t total_ = 0;
  std::uint64_t done_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// Progress that another thread can read: the API's view of a running job.
class JobProgress final : public Progress {
 public:
  struct View {
    std::string phase;
    std::string unit;
    std::uint64_t done = 0;
    std::uint64_t total = 0;
  };
  void Begin(const std::string& label, std::uint64_t total, const std::string& unit) override;
  void Update(std::uint64_t done) override { done_.store(done, std::memory_order_relaxed); }
  void End() override;
  bool cancelled() const override { return cancelled_.load(std::memory_order_relaxed); }
  void Cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  View Snapshot() const;

 private:
  std::atomic<bool> cancelled_{false};
  mutable std::mutex mu_;
  std::string phase_;
  std::string unit_;
  std::uint64_t total_ = 0;
  std::atomic<std::uint64_t> done_{0};
};

}  // namespace pl
