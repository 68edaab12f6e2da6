// The server's snapshot: refreshed in a background job when the store's data
// version moves, so no request waits for a build.
#include "analytics/analytics.hpp"

#include <algorithm>

namespace pl::analytics {

Service::Service(store::DatabasePool& pool, jobs::JobRegistry& jobs, Config config)
    : pool_(pool), jobs_(jobs), config_(std::move(config)) {
  if (config_.watch_every.count() <= 0) return;
  watcher_ = std::thread([this] {
    std::unique_lock lock(watch_mu_);
    while (!watch_cv_.wait_for(lock, config_.watch_every, [this] { return stopping_; })) {
      lock.unlock();
      {
        auto db = pool_.Acquire();
        (void)StartRefresh(*db);  // a failure is the job's to report; tried again next time
      }
      lock.lock();
    }
  });
}

Service::~Service() {
  {
    std::lock_guard lock(watch_mu_);
    stopping_ = true;
  }
  watch_cv_.notify_all();
  if (watcher_.joinable()) watcher_.join();
}

Result<Service::Refresh> Service::StartRefresh(store::Database& db) {
  PL_ASSIGN_OR_RETURN(std::string version, engine::StoreDataVersion(db));
  return RefreshFor(version);
}

Service::Refresh Service::RefreshFor(const std::string& version) {
  auto current = state_->holder.current();
  if (current && current->data_version() == version) return {};
  std::lock_guard lock(state_->mu);
  if (!state_->refresh_job.empty()) return {state_->refresh_job};
  if (state_->failed_version == version && std::chrono::steady_clock::now() < state_->retry_at) {
    return {state_->failed_job, /*failed=*/true};
  }
  auto state = state_;
  auto* pool = &pool_;
  Config config = config_;
  state->refresh_job = jobs_.Start(
      {.kind = "snapshot", .label = "Building the analytics snapshot"},
      [state, pool, config, version](Progress& progress) -> Status {
        Status status;
        {
          auto db = pool->Acquire();
          auto report = state->holder.Refresh(*db, config.snapshot_dir, progress, {.region_scheme = config.region_scheme});
          if (!report.ok()) status = report.status();
        }
        std::lock_guard lock(state->mu);
        if (status.ok()) {
          state->failed_version.clear();
          state->failures = 0;
        } else {
          state->failures = state->failed_version == version ? state->failures + 1 : 1;
          state->failed_version = version;
          state->failed_job = state->refresh_job;
          // 2 s, 4 s, 8 s, ... at most 5 minutes.
          state->retry_at = std::chrono::steady_clock::now() +
                            std::min<std::chrono::seconds>(std::chrono::seconds(2 << std::min(state->failures - 1, 8)),
                                                           std::chrono::minutes(5));
        }
        state->refresh_job.clear();
        return status;
      });
  return {state->refresh_job};
}

Result<Service::Current> Service::Acquire(store::Database& db) {
  auto snapshot = state_->holder.current();
  PL_ASSIGN_OR_RETURN(std::string version, engine::StoreDataVersion(db));
  if (!snapshot || snapshot->data_version() != version) {
    Refresh refresh = RefreshFor(version);
    snapshot = state_->holder.current();
    // An empty snapshot (taken before the first import) answers nothing useful.
    if (!snapshot || (snapshot->rows() == 0 && snapshot->data_version() != version)) {
      if (refresh.failed) {
        return Unavailable(
            "The analytics snapshot could not be built; an administrator can read why in the job (GET "
            "/api/v1/jobs/" + refresh.job_id + "). It is tried again in a while, and at once after the next import",
            {{"job_id", refresh.job_id}, {"build_failed", true}});
      }
      return Unavailable("The analytics snapshot is being built; try again in a moment", {{"job_id", refresh.job_id}});
    }
  }
  PL_ASSIGN_OR_RETURN(auto labels, LabelsFor(db, snapshot->data_version()));
  return Current{std::move(snapshot), std::move(labels)};
}

Result<std::shared_ptr<const Labels>> Service::LabelsFor(store::Database& db, const std::string& version) {
  {
    std::lock_guard lock(state_->mu);
    if (state_->labels && state_->labels_version == version) return state_->labels;
  }
  PL_ASSIGN_OR_RETURN(auto labels, Labels::Load(db, config_.region_scheme));
  std::lock_guard lock(state_->mu);
  state_->labels = labels;
  state_->labels_version = version;
  return labels;
}

}  // namespace pl::analytics
