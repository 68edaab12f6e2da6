#include "ingest/row_pipeline.hpp"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace pl::ingest {
namespace {

using ::testing::HasSubstr;

// Records what it is given; fails on the row numbered `fail_at` (1-based).
class RecordingWriter final : public BulkWriter {
 public:
  explicit RecordingWriter(std::size_t fail_at = 0) : fail_at_(fail_at) {}
  Status Add(std::span<const Cell> cells) override {
    if (++rows_ == fail_at_) return Internal("constraint failed");
    std::string row;
    for (const Cell& c : cells) {
      if (c.type == Cell::Type::kText) row += std::string(c.text) + "|";
      else if (c.type == Cell::Type::kInteger) row += std::to_string(c.integer) + "|";
      else row += "null|";
    }
    seen.push_back(row);
    return Status::Ok();
  }
  Result<std::uint64_t> Finish() override { return seen.size(); }
  std::vector<std::string> seen;

 private:
  std::size_t rows_ = 0;
  std::size_t fail_at_;
};

// Rows whose text lives in a buffer the caller overwrites after each Add, as
// the CSV reader's record buffer is.
std::vector<Cell> RowInto(std::string* buffer, int i) {
  *buffer = "key-" + std::to_string(i);
  std::vector<Cell> row(3);
  row[0].type = Cell::Type::kText;
  row[0].text = *buffer;
  row[1].type = Cell::Type::kInteger;
  row[1].integer = i;
  return row;  // row[2] stays null
}

TEST(RowPipeline, DeliversEveryRowInOrderWithItsOwnCopyOfTheText) {
  RecordingWriter writer;
  constexpr int kRows = 10'000;  // several batches and a partial last one
  {
    RowPipeline pipeline(writer);
    std::string buffer;
    for (int i = 0; i < kRows; ++i) {
      ASSERT_TRUE(pipeline.Add(RowInto(&buffer, i), static_cast<std::uint64_t>(i + 2)).ok());
      buffer.assign(buffer.size(), '#');  // the reader reuses its buffer
    }
    ASSERT_TRUE(pipeline.Finish().ok());
  }
  ASSERT_EQ(writer.seen.size(), static_cast<std::size_t>(kRows));
  EXPECT_EQ(writer.seen[0], "key-0|0|null|");
  EXPECT_EQ(writer.seen[4096], "key-4096|4096|null|");
  EXPECT_EQ(writer.seen[kRows - 1], "key-9999|9999|null|");
}

TEST(RowPipeline, TheWritersErrorNamesTheLineAndStopsTheReader) {
  RecordingWriter writer(/*fail_at=*/5000);
  RowPipeline pipeline(writer);
  std::string buffer;
  Status status;
  int added = 0;
  for (int i = 0; i < 100'000 && status.ok(); ++i, ++added) {
    status = pipeline.Add(RowInto(&buffer, i), static_cast<std::uint64_t>(i + 2));
  }
  Status finished = pipeline.Finish();
  ASSERT_FALSE(finished.ok());
  EXPECT_THAT(finished.message(), HasSubstr("line 5001: constraint failed"));
  EXPECT_LT(added, 100'000) << "Add should fail soon after the writer does";
  EXPECT_EQ(writer.seen.size(), 4999u);
}

TEST(RowPipeline, AbandonedWithoutFinishStopsItsThread) {
  RecordingWriter writer;
  {
    RowPipeline pipeline(writer);
    std::string buffer;
    for (int i = 0; i < 20'000; ++i) ASSERT_TRUE(pipeline.Add(RowInto(&buffer, i), 1).ok());
  }  // the destructor returns: no hang, no crash
  EXPECT_LE(writer.seen.size(), 20'000u);
}

}  // namespace
}  // namespace pl::ingest
