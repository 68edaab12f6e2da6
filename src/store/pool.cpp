#include "store/pool.hpp"

namespace pl::store {

Result<std::unique_ptr<DatabasePool>> DatabasePool::Open(const std::string& url, int size) {
  auto pool = std::make_unique<DatabasePool>();
  for (int i = 0; i < std::max(1, size); ++i) {
    PL_ASSIGN_OR_RETURN(auto db, Database::Open(url));
    pool->free_.push_back(std::move(db));
  }
  return pool;
}

DatabasePool::Lease DatabasePool::Acquire() {
  std::unique_lock lock(mu_);
  available_.wait(lock, [&] { return !free_.empty(); });
  auto db = std::move(free_.back());
  free_.pop_back();
  return Lease(this, std::move(db));
}

void DatabasePool::Return(std::unique_ptr<Database> db) {
  {
    std::lock_guard lock(mu_);
    free_.push_back(std::move(db));
  }
  available_.notify_one();
}

}  // namespace pl::store
