#include "ingest/row_pipeline.hpp"

#include <fmt/format.h>

namespace pl::ingest {

// Rows of cells, flattened; text cells point into `text` once sealed.
struct RowPipeline::Batch {
  std::vector<Cell> cells;
  std::vector<std::size_t> row_start;  // index into cells of each row
  std::vector<std::uint64_t> lines;
  std::vector<std::pair<std::size_t, std::size_t>> text_spans;  // per cell: offset, size in text
  std::string text;

  void Clear() {
    cells.clear();
    row_start.clear();
    lines.clear();
    text_spans.clear();
    text.clear();
  }
  void Add(std::span<const Cell> row, std::uint64_t line) {
    row_start.push_back(cells.size());
    lines.push_back(line);
    for (const Cell& c : row) {
      cells.push_back(c);
      if (c.type == Cell::Type::kText) {
        text_spans.emplace_back(text.size(), c.text.size());
        text.append(c.text);
      } else {
        text_spans.emplace_back(0, 0);
      }
    }
  }
  // Points text cells into `text`, which no longer grows.
  void Seal() {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (cells[i].type == Cell::Type::kText) {
        cells[i].text = std::string_view(text).substr(text_spans[i].first, text_spans[i].second);
      }
    }
  }
  std::size_t rows() const { return row_start.size(); }
  std::span<const Cell> Row(std::size_t r) const {
    std::size_t end = r + 1 < row_start.size() ? row_start[r + 1] : cells.size();
    return std::span<const Cell>(cells).subspan(row_start[r], end - row_start[r]);
  }
};

RowPipeline::RowPipeline(BulkWriter& writer) : writer_(writer) {
  for (std::size_t i = 0; i + 1 < kBatches; ++i) free_.push_back(std::make_unique<Batch>());
  current_ = std::make_unique<Batch>();
  thread_ = std::thread([this] { WriteLoop(); });
}

RowPipeline::~RowPipeline() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    closing_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

Status RowPipeline::Add(std::span<const Cell> row, std::uint64_t line) {
  if (failed_.load(std::memory_order_relaxed)) {
    std::lock_guard lock(mu_);
    return error_;
  }
  current_->Add(row, line);
  if (current_->rows() < kBatchRows) return Status::Ok();
  return Push();
}

Status RowPipeline::Push() {
  current_->Seal();
  std::unique_lock lock(mu_);
  full_.push_back(std::move(current_));
  changed_.notify_all();
  changed_.wait(lock, [this] { return !free_.empty() || !error_.ok(); });
  if (!error_.ok()) {
    // The writer has stopped; current_ stays usable (never null) for the
    // caller's Finish().
    current_ = std::make_unique<Batch>();
    return error_;
  }
  current_ = std::move(free_.back());
  free_.pop_back();
  current_->Clear();
  return Status::Ok();
}

Status RowPipeline::Finish() {
  Status pushed = !failed_.load(std::memory_order_relaxed) && current_->rows() > 0 ? Push() : Status::Ok();
  {
    std::lock_guard lock(mu_);
    closing_ = true;
  }
  changed_.notify_all();
  thread_.join();
  std::lock_guard lock(mu_);
  return error_.ok() ? pushed : error_;
}

void RowPipeline::WriteLoop() {
  while (true) {
    std::unique_ptr<Batch> batch;
    {
      std::unique_lock lock(mu_);
      changed_.wait(lock, [this] { return !full_.empty() || closing_; });
      if (stopping_ || full_.empty()) return;
      batch = std::move(full_.front());
      full_.pop_front();
    }
    Status status;
    std::size_t r = 0;
    for (; r < batch->rows() && status.ok(); ++r) status = writer_.Add(batch->Row(r));
    std::lock_guard lock(mu_);
    if (!status.ok()) {
      error_ = Status(status.code(), fmt::format("line {}: {}", batch->lines[r - 1], status.message()));
      failed_.store(true, std::memory_order_relaxed);
      changed_.notify_all();
      return;
    }
    free_.push_back(std::move(batch));
    changed_.notify_all();
  }
}

}  // namespace pl::ingest
