#include "core/progress.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace pl {
namespace {

TEST(JobProgressTest, ReportsPhaseAndCounts) {
  JobProgress p;
  p.Begin("importing student_years", 1000, "rows");
  p.Update(250);
  auto v = p.Snapshot();
  EXPECT_EQ(v.phase, "importing student_years");
  EXPECT_EQ(v.unit, "rows");
  EXPECT_EQ(v.done, 250u);
  EXPECT_EQ(v.total, 1000u);
  p.End();
  EXPECT_EQ(p.Snapshot().done, 1000u);
}

TEST(JobProgressTest, ReadableFromAnotherThread) {
  JobProgress p;
  p.Begin("generating", 100000, "rows");
  std::thread worker([&] {
    for (std::uint64_t i = 1; i <= 100000; ++i) p.Update(i);
  });
  std::uint64_t last = 0;
  for (int i = 0; i < 1000; ++i) {
    auto v = p.Snapshot();
    EXPECT_GE(v.done, last);  // never goes backwards
    last = v.done;
  }
  worker.join();
  EXPECT_EQ(p.Snapshot().done, 100000u);
}

TEST(TerminalProgressTest, SilentWhenNotATerminal) {
  // Under ctest stderr is a pipe: nothing may be drawn, and calls are safe.
  TerminalProgress p;
  testing::internal::CaptureStderr();
  p.Begin("x", 10, "rows");
  p.Update(5);
  p.End();
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

}  // namespace
}  // namespace pl
