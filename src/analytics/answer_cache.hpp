// Published answers kept for the next asker. The engine and the gate are
// deterministic: the same question on the same data version, asked by a
// viewer with the same exact scope under the same policy, gets the same
// answer. So a dashboard that many people open is computed once per data
// version and view, and the rest is a copy.
//
// What is kept is what the gate already published for that view, keyed by
// the view: a viewer never receives an answer computed for another scope.
//
// Thread-safety: every method is thread-safe.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "privacy/access.hpp"

namespace pl::analytics {

class AnswerCache {
 public:
  // At most `capacity_bytes` of answers (and their keys); the least recently
  // used go first. An answer larger than an eighth of it is not kept, so one
  // huge table cannot empty the cache. 0 keeps nothing.
  explicit AnswerCache(std::size_t capacity_bytes) : capacity_(capacity_bytes) {}

  // The key of one question: the data version it is answered on, the route
  // and its request in a canonical form (a JSON dump with sorted keys, or
  // sorted query parameters), and the viewer's exact scope.
  static std::string Key(std::string_view data_version, std::string_view route, std::string_view request,
                         const privacy::ExactScope& viewer);

  // The kept answer, or null.
  std::shared_ptr<const std::string> Find(const std::string& key);
  // Whether Insert would keep this answer (not too large for the capacity).
  bool Keeps(const std::string& key, const std::string& answer) const {
    return key.size() + answer.size() <= capacity_ / 8;
  }
  void Insert(const std::string& key, std::shared_ptr<const std::string> answer);

  struct Stats {
    std::uint64_t hits = 0, misses = 0;
    std::size_t entries = 0, bytes = 0;
  };
  Stats stats() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const std::string> answer;
  };
  static std::size_t Size(const Entry& e) { return e.key.size() + e.answer->size(); }
  void EvictTo(std::size_t bytes);  // holds mu_

  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::list<Entry> order_;                                                  // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;  // views of the entries' keys
  std::size_t bytes_ = 0;
  std::uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace pl::analytics
