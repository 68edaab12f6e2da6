#include "analytics/answer_cache.hpp"

namespace pl::analytics {

std::string AnswerCache::Key(std::string_view data_version, std::string_view route, std::string_view request,
                             const privacy::ExactScope& viewer) {
  // Fields are separated by a byte that none of them holds (JSON escapes
  // control characters; versions, routes, FIPS codes and org ids are printable).
  std::string key;
  key.reserve(data_version.size() + route.size() + request.size() + 32);
  key.append(data_version).append(1, '\x1f').append(route).append(1, '\x1f').append(request).append(1, '\x1f');
  if (viewer.statewide) {
    key += "statewide";
    return key;
  }
  key += "counties";
  for (const auto& c : viewer.counties) key.append(1, '\x1e').append(c);
  key += "\x1forganizations";
  for (const auto& o : viewer.organizations) key.append(1, '\x1e').append(o);
  return key;
}

std::shared_ptr<const std::string> AnswerCache::Find(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->answer;
}

void AnswerCache::Insert(const std::string& key, std::shared_ptr<const std::string> answer) {
  if (!answer || !Keeps(key, *answer)) return;
  std::lock_guard lock(mu_);
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= Size(*it->second);
    auto entry = it->second;
    index_.erase(it);
    order_.erase(entry);
  }
  order_.push_front({key, std::move(answer)});
  bytes_ += Size(order_.front());
  index_.emplace(order_.front().key, order_.begin());
  EvictTo(capacity_);
}

void AnswerCache::EvictTo(std::size_t bytes) {
  while (bytes_ > bytes && !order_.empty()) {
    bytes_ -= Size(order_.back());
    index_.erase(order_.back().key);
    order_.pop_back();
  }
}

AnswerCache::Stats AnswerCache::stats() const {
  std::lock_guard lock(mu_);
  return {.hits = hits_, .misses = misses_, .entries = order_.size(), .bytes = bytes_};
}

}  // namespace pl::analytics
