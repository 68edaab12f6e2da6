// Parallel loops (core/threads.hpp): every index is visited exactly once,
// whatever the number of threads asked for and of items.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "core/threads.hpp"

namespace pl {
namespace {

// How often each of n indices was visited, and by how many threads.
struct Visits {
  explicit Visits(std::uint64_t n) : count(std::make_unique<std::atomic<int>[]>(n)), n(n) {}
  void Visit(std::uint64_t i) {
    ++count[i];
    std::lock_guard lock(mu);
    threads.insert(std::this_thread::get_id());
  }
  bool EachOnce() const {
    for (std::uint64_t i = 0; i < n; ++i) {
      if (count[i] != 1) return false;
    }
    return true;
  }
  std::unique_ptr<std::atomic<int>[]> count;
  std::uint64_t n;
  std::mutex mu;
  std::set<std::thread::id> threads;
};

TEST(ThreadsTest, ForEachIndexVisitsEveryIndexOnce) {
  for (std::uint64_t n : {0u, 1u, 3u, 12u, 1000u}) {
    for (int threads : {1, 2, 4, 0}) {
      Visits visits(n);
      ForEachIndex(n, threads, [&](std::uint64_t i) { visits.Visit(i); });
      EXPECT_TRUE(visits.EachOnce()) << n << " items, " << threads << " threads";
      // Never more threads than items or than asked for.
      EXPECT_LE(visits.threads.size(), std::max<std::uint64_t>(n, 1));
      if (threads > 0) {
        EXPECT_LE(visits.threads.size(), static_cast<std::size_t>(threads));
      }
    }
  }
}

TEST(ThreadsTest, ForEachRangeCoversTheRangeInParts) {
  for (std::uint64_t n : {0u, 1u, 100u, 100000u}) {
    for (int threads : {1, 2, 3}) {
      Visits visits(n);
      std::atomic<int> parts{0};
      ForEachRange(n, threads, 1000, [&](std::uint64_t first, std::uint64_t last) {
        ++parts;
        for (std::uint64_t i = first; i < last; ++i) visits.Visit(i);
      });
      EXPECT_TRUE(visits.EachOnce()) << n << " items, " << threads << " threads";
      // Parts below the minimum are not worth a thread.
      EXPECT_LE(parts.load(), std::max<int>(1, static_cast<int>(n / 1000)));
      EXPECT_LE(parts.load(), threads);
    }
  }
}

}  // namespace
}  // namespace pl
