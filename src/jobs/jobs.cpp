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
};

JobRegistry::~JobRegistry() {
  CancelAll();
  Wait();
}

std::string JobRegistry::Start(JobSpec spec, Work work) {
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
    Status status = work(job->progress);
    std::lock_guard done_lock(mu_);
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

nlohmann::json JobRegistry::Describe(const Job& job) {
  JobProgress::View view = job.progress.Snapshot();
  const bool running = job.state == "running";
  nlohmann::json total = view.total > 0 ? nlohmann::json(view.total) : nlohmann::json(nullptr);
  nlohmann::json fraction = nullptr;
  if (!running && job.state == "succeeded") {
    fraction = 1.0;
  } else if (view.total > 0) {
    fraction = std::min(1.0, static_cast<double>(view.done) / static_cast<double>(view.total));
  }
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
          {"message", or_null(job.message)}};
}

nlohmann::json JobRegistry::List() const {
  std::lock_guard lock(mu_);
  nlohmann::json out = nlohmann::json::array();
  for (auto it = jobs_.rbegin(); it != jobs_.rend(); ++it) out.push_back(Describe(**it));
  return {{"jobs", std::move(out)}};
}

Result<nlohmann::json> JobRegistry::Get(std::string_view job_id) const {
  std::lock_guard lock(mu_);
  for (const auto& job : jobs_) {
    if (job->id == job_id) return Describe(*job);
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
