#include "jobs/jobs.hpp"

#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

namespace pl::jobs {
namespace {

TEST(JobRegistry, ASucceededJobIsCompleteAndKeepsItsPhase) {
  JobRegistry registry;
  std::string id = registry.Start({.kind = "generate", .label = "Generating"}, [](Progress& p) {
    p.Begin("writing organizations", 3, "organizations");
    p.Update(3);
    p.End();
    return Status();
  });
  registry.Wait();
  auto job = registry.Get(id);
  ASSERT_TRUE(job.ok());
  EXPECT_EQ((*job)["state"], "succeeded");
  EXPECT_EQ((*job)["kind"], "generate");
  EXPECT_EQ((*job)["phase"], "writing organizations");
  EXPECT_EQ((*job)["unit"], "organizations");
  EXPECT_EQ((*job)["fraction"], 1.0);
  EXPECT_TRUE((*job)["message"].is_null());
}

TEST(JobRegistry, UnknownTotalHasNoFraction) {
  JobRegistry registry;
  std::atomic<bool> release{false};
  std::string id = registry.Start({.kind = "import", .label = "Importing"}, [&](Progress& p) {
    p.Begin("reading", 0, "rows");
    p.Update(12);
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return Status();
  });
  // Wait until the work has reported, then look.
  for (int i = 0; i < 5000 && (*registry.Get(id))["done"] != 12; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  auto job = *registry.Get(id);
  EXPECT_EQ(job["state"], "running");
  EXPECT_EQ(job["done"], 12);
  EXPECT_TRUE(job["total"].is_null());
  EXPECT_TRUE(job["fraction"].is_null());
  release = true;
}

TEST(JobRegistry, CancelAllStopsWorkThatChecks) {
  JobRegistry registry;
  std::atomic<bool> started{false};
  std::string id = registry.Start({.kind = "demo", .label = "Demo"}, [&](Progress& p) {
    p.Begin("importing", 100, "rows");
    started = true;
    while (!p.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return Cancelled("stopped at shutdown");
  });
  while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  registry.CancelAll();
  registry.Wait();
  auto job = *registry.Get(id);
  EXPECT_EQ(job["state"], "cancelled");
  EXPECT_EQ(job["message"], "stopped at shutdown");
}

TEST(JobRegistry, ListsNewestFirstAndForgetsOldFinishedJobs) {
  JobRegistry registry(/*keep_finished=*/2);
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) {
    ids.push_back(registry.Start({.kind = "import", .label = "Importing"}, [](Progress&) { return Status(); }));
    registry.Wait();
  }
  auto list = registry.List()["jobs"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["job_id"], ids[3]);
  EXPECT_EQ(list[1]["job_id"], ids[2]);
  auto forgotten = registry.Get(ids[0]);
  ASSERT_FALSE(forgotten.ok());
  EXPECT_EQ(forgotten.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace pl::jobs
