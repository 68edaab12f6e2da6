// Long work the server runs in the background (the demo data set now; imports
// uploaded through the API later), with progress the web UI polls.
//
// A job is a function given a Progress; it runs on its own thread. The
// registry keeps running jobs and the most recent finished ones, and at
// shutdown asks running jobs to stop (Progress::cancelled) and waits for them,
// so no transaction is left half done.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/progress.hpp"
#include "core/status.hpp"

namespace pl::jobs {

struct JobSpec {
  std::string kind;   // "demo", "import", "generate", "reference_data"
  std::string label;  // shown to people: "Loading the demo data set (medium)"
  // The user who started the job; with administrators the only one who sees
  // its result (which may describe personal data: an import's rejects).
  std::optional<long long> owner_user_id;
};

using Work = std::function<Status(Progress&)>;
// Work that leaves a JSON result (an import's report), set before it
// returns, whether it succeeds or fails.
using ResultWork = std::function<Status(Progress&, nlohmann::json& result)>;

// Who reads the job list: decides whether a job's `result` is shown or null.
struct Viewer {
  std::optional<long long> user_id;
  bool administrator = false;
};

class JobRegistry {
 public:
  // Finished jobs kept for the API beyond the running ones.
  explicit JobRegistry(std::size_t keep_finished = 50) : keep_finished_(keep_finished) {}
  ~JobRegistry();  // CancelAll() then Wait()
  JobRegistry(const JobRegistry&) = delete;
  JobRegistry& operator=(const JobRegistry&) = delete;

  // Starts `work` on a new thread; returns the job's id.
  std::string Start(JobSpec spec, Work work);
  std::string Start(JobSpec spec, ResultWork work);

  // {"jobs": [Job...]}, newest first; a Job is described in docs/openapi.yaml.
  // A job's `result` is shown to its owner and administrators, null for
  // everyone else (and while it runs).
  nlohmann::json List(const Viewer& viewer = {}) const;
  // One job, or NotFound.
  Result<nlohmann::json> Get(std::string_view job_id, const Viewer& viewer = {}) const;

  // Asks every running job to stop; returns at once.
  void CancelAll();
  // Blocks until every job started so far has finished.
  void Wait();

 private:
  struct Job;
  static nlohmann::json Describe(const Job& job, const Viewer& viewer);
  void Trim();  // drops the oldest finished jobs beyond keep_finished_; mu_ held

  const std::size_t keep_finished_;
  mutable std::mutex mu_;
  std::condition_variable all_done_;
  std::vector<std::shared_ptr<Job>> jobs_;  // oldest first
  std::size_t running_ = 0;
  std::size_t next_number_ = 1;
};

}  // namespace pl::jobs
