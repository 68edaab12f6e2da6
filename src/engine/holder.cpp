// SnapshotHolder: the server's current snapshot, replaced atomically when the
// store's data version changes. Readers load the shared_ptr and keep the
// snapshot alive for as long as their query runs.
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "engine/engine.hpp"
#include "store/store.hpp"

namespace pl::engine {

std::string SnapshotHolder::FileName(const std::string& data_version) {
  std::string out;
  for (char c : data_version) {
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    out += plain ? c : '_';
  }
  if (out.empty() || out[0] == '.') out = "v" + out;
  return out + ".plsnap";
}

Result<SnapshotHolder::RefreshReport> SnapshotHolder::Refresh(store::Database& db, const std::string& dir,
                                                              Progress& progress, const BuildOptions& options) {
  std::lock_guard lock(refresh_mu_);
  PL_ASSIGN_OR_RETURN(std::string version, StoreDataVersion(db));
  RefreshReport report;
  report.data_version = version;
  auto now = current();
  std::filesystem::path path = std::filesystem::path(dir) / FileName(version);
  report.path = path.string();
  if (now && now->data_version() == version) return report;

  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return FailedPrecondition(fmt::format("cannot create snapshot folder {}: {}", dir, ec.message()));
  std::shared_ptr<const Snapshot> next;
  if (std::filesystem::exists(path, ec)) {
    auto loaded = Snapshot::Load(path.string());
    // A damaged or stale-format file is rebuilt rather than trusted.
    if (loaded.ok() && (*loaded)->data_version() == version) next = *loaded;
  }
  if (!next) {
    PL_ASSIGN_OR_RETURN(auto built, Snapshot::Build(db, options, progress));
    // The build reads in one transaction: its version is the one it saw.
    path = std::filesystem::path(dir) / FileName(built->data_version());
    report.path = path.string();
    report.data_version = built->data_version();
    PL_RETURN_IF_ERROR(built->Save(path.string()));
    PL_ASSIGN_OR_RETURN(next, Snapshot::Load(path.string()));
    report.built = true;
  }
  Set(next);
  report.changed = true;
  // Older files: nobody loads them again (readers of a mapped file keep
  // their mapping after the unlink).
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".plsnap" && entry.path() != path) std::filesystem::remove(entry.path(), ec);
  }
  return report;
}

}  // namespace pl::engine
