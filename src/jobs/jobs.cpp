#include "jobs/jobs.hpp"

#include <algorithm>
#include <thread>

#include <fmt/format.h>

#include "store/store.hpp"

namespace pl::jobs {

struct JobRegistry::Job {
  std::string id;
  JobSpec spec;
  JobProgress progress;
  std::string started_at;
  // Guarded by the registry's mu_.
  std::string state = "running";
  std::string finished_at;
  std::string message;
  nlohmann::json result;  // null until the work sets it
};

JobRegistry::~JobRegistry() {
  CancelAll();
  Wait();
}

std::string JobRegistry::Start(JobSpec spec, Work work) {
  return Start(std::move(spec), [work = std::move(work)](Progress& progress, nlohmann::json&) { return work(progress); });
}

std::string JobRegistry::Start(JobSpec spec, ResultWork work) {
  auto job = std::make_shared<Job>();
  job->spec = std::move(spec);
  job->started_at = store::NowIso8601(true);
  std::lock_guard lock(mu_);
  job->id = fmt::format("{}-{}", job->spec.kind, next_number_++);
  jobs_.push_back(job);
  ++running_;
  // Detached: Wait() (and so the destructor) waits on running_ instead of
  // joining, so finished threads do not pile up in a long-lived server.
  std::thread([this, job, work = std::move(work)] {
    nlohmann::json result;
    Status status = work(job->progress, result);
    std::lock_guard done_lock(mu_);
    job->result = std::move(result);
    job->state = status.ok() ? "succeeded" : status.code() == StatusCode::kCancelled ? "cancelled" : "failed";
    job->finished_at = store::NowIso8601(true);
    if (!status.ok()) job->message = status.message();
    Trim();
    --running_;
    all_done_.notify_all();
  }).detach();
  return job->id;
}

void JobRegistry::Trim() {
  std::size_t finished = std::count_if(jobs_.begin(), jobs_.end(), [](const auto& j) { return j->state != "running"; });
  for (auto it = jobs_.begin(); finished > keep_finished_ && it != jobs_.end();) {
    if ((*it)->state != "running") {
      it = jobs_.erase(it);
      --finished;
    } else {
      ++it;
    }
  }
}

nlohmann::json JobRegistry::Describe(const Job& job, const Viewer& viewer) {
  JobProgress::View view = job.progress.Snapshot();
  const bool running = job.state == "running";
  nlohmann::json total = view.total > 0 ? nlohmann::json(view.total) : nlohmann::json(nullptr);
  nlohmann::json fraction = nullptr;
  if (!running && job.state == "succeeded") {
    fraction = 1.0;
  } else if (view.total > 0) {
    fraction = std::min(1.0, static_cast<double>(view.done) / static_cast<double>(view.total));
  }
  const bool may_see_result =
      viewer.administrator || (viewer.user_id && job.spec.owner_user_id && *viewer.user_id == *job.spec.owner_user_id);
  auto or_null = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
  return {{"job_id", job.id},
          {"kind", job.spec.kind},
          {"label", job.spec.label},
          {"state", job.state},
          {"phase", or_null(view.phase)},
          {"done", view.done},
          {"total", total},
          {"unit", view.unit.empty() ? "steps" : view.unit},
          {"fraction", fraction},
          {"started_at", job.started_at},
          {"finished_at", or_null(job.finished_at)},
          {"message", or_null(job.message)},
          {"result", may_see_result ? job.result : nlohmann::json(nullptr)}};
}

nlohmann::json JobRegistry::List(const Viewer& viewer) const {
  std::lock_guard lock(mu_);
  nlohmann::json out = nlohmann::json::array();
  for (auto it = jobs_.rbegin(); it != jobs_.rend(); ++it) out.push_back(Describe(**it, viewer));
  return {{"jobs", std::move(out)}};
}

Result<nlohmann::json> JobRegistry::Get(std::string_view job_id, const Viewer& viewer) const {
  std::lock_guard lock(mu_);
  for (const auto& job : jobs_) {
    if (job->id == job_id) return Describe(*job, viewer);
  }
  return NotFound(fmt::format("no job {} (finished jobs are kept for a while, then forgotten)", job_id),
                  {{"job_id", job_id}});
}

void JobRegistry::CancelAll() {
  std::lock_guard lock(mu_);
  for (const auto& job : jobs_) {
    if (job->state == "running") job->progress.Cancel();
  }
}

void JobRegistry::Wait() {
  std::unique_lock lock(mu_);
  all_done_.wait(lock, [this] { return running_ == 0; });
}

}  // namespace pl::jobs
