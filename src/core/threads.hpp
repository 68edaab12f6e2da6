// How many threads parallel work uses.
#pragma once

#include <algorithm>
#include <thread>

namespace pl {

// `requested` when positive; otherwise one per core (at least one).
inline int ThreadCount(int requested) {
  return requested > 0 ? requested : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace pl
