// A fixed set of open Database connections shared by server threads. A
// Lease returns its connection to the pool when destroyed. Thread-safe.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace pl::store {

class DatabasePool {
 public:
  class Lease {
   public:
    Lease(DatabasePool* pool, std::unique_ptr<Database> db) : pool_(pool), db_(std::move(db)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (db_) pool_->Return(std::move(db_));
    }
    Database& operator*() { return *db_; }
    Database* operator->() { return db_.get(); }

   private:
    DatabasePool* pool_;
    std::unique_ptr<Database> db_;
  };

  // Opens `size` connections to `url`.
  static Result<std::unique_ptr<DatabasePool>> Open(const std::string& url, int size);
  // Waits until a connection is free.
  Lease Acquire();

 private:
  void Return(std::unique_ptr<Database> db);

  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Database>> free_;
};

}  // namespace pl::store
