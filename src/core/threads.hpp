// How many threads parallel work uses.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace pl {

// `requested` when positive; otherwise one per core (at least one).
inline int ThreadCount(int requested) {
  return requested > 0 ? requested : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// Calls fn(begin, end) on `threads` contiguous parts of [0, n), side by side
// (the calling thread takes the first); parts below `min_part` items are not
// worth a thread, so fewer parts are made then.
template <typename Fn>
void ForEachRange(std::uint64_t n, int threads, std::uint64_t min_part, const Fn& fn) {
  const std::uint64_t useful = std::max<std::uint64_t>(1, n / std::max<std::uint64_t>(1, min_part));
  const std::uint64_t parts = std::min<std::uint64_t>(useful, static_cast<std::uint64_t>(ThreadCount(threads)));
  auto part = [&](std::uint64_t k) { fn(n * k / parts, n * (k + 1) / parts); };
  std::vector<std::jthread> workers;
  for (std::uint64_t k = 1; k < parts; ++k) workers.emplace_back(part, k);
  part(0);
}

// Calls fn(i) for every i in [0, n) on up to `threads` threads (the calling
// thread among them), each taking the next index when it is done with one:
// for a few items of unequal cost.
template <typename Fn>
void ForEachIndex(std::uint64_t n, int threads, const Fn& fn) {
  std::atomic<std::uint64_t> next{0};
  auto work = [&] {
    for (std::uint64_t i = next++; i < n; i = next++) fn(i);
  };
  const std::uint64_t count = std::min<std::uint64_t>(n, static_cast<std::uint64_t>(ThreadCount(threads)));
  std::vector<std::jthread> workers;
  for (std::uint64_t k = 1; k < count; ++k) workers.emplace_back(work);
  work();
}

}  // namespace pl
