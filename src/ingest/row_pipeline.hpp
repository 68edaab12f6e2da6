// Hands validated rows from the thread that reads and validates a file to a
// thread that writes them, so that parsing and validation overlap the
// database's work (SQLite's b-tree inserts, or PostgreSQL's COPY encoding).
// Rows travel in batches that own copies of their text; batches are reused.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "core/status.hpp"
#include "ingest/bulk_writer.hpp"

namespace pl::ingest {

class RowPipeline {
 public:
  // Starts the writing thread, which passes every row to `writer.Add`.
  // `writer` must outlive the pipeline.
  explicit RowPipeline(BulkWriter& writer);
  // Stops the writing thread (rows not yet written are dropped: the caller
  // rolls back).
  ~RowPipeline();
  RowPipeline(const RowPipeline&) = delete;
  RowPipeline& operator=(const RowPipeline&) = delete;

  // Queues a copy of `row` (read from `line` of the file). Fails once the
  // writer has failed, with the writer's error.
  Status Add(std::span<const Cell> row, std::uint64_t line);
  // Writes what is queued and stops the writing thread. The writer's first
  // error, if any, names the line of the row it failed on.
  Status Finish();

 private:
  struct Batch;
  static constexpr std::size_t kBatchRows = 4096;
  static constexpr std::size_t kBatches = 4;  // in flight: enough to absorb jitter

  void WriteLoop();
  Status Push();  // hands current_ to the writer, takes a free batch

  BulkWriter& writer_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<Batch>> full_;   // guarded by mu_
  std::vector<std::unique_ptr<Batch>> free_;  // guarded by mu_
  bool closing_ = false;                      // guarded by mu_: no more batches
  bool stopping_ = false;                     // guarded by mu_: drop the rest
  Status error_;                              // guarded by mu_
  std::atomic<bool> failed_{false};
  std::unique_ptr<Batch> current_;  // filled by the reading thread
  std::thread thread_;
};

}  // namespace pl::ingest
