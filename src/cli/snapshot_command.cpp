// `pathlight snapshot build|info`: the engine's columnar snapshot file.
#include <chrono>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/database_setup.hpp"
#include "engine/engine.hpp"

namespace pl::cli {

int RunSnapshotBuild(const SnapshotArgs& args) {
  auto db = OpenPrepared(args.db);
  if (!db.ok()) return ReportError(db.status());
  const auto started = std::chrono::steady_clock::now();
  TerminalProgress progress;
  auto snapshot = engine::Snapshot::Build(**db, {.region_scheme = args.region_scheme}, progress);
  if (!snapshot.ok()) return ReportError(snapshot.status());
  Status saved = (*snapshot)->Save(args.file);
  if (!saved.ok()) return ReportError(saved);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto rows = (*snapshot)->rows();
  fmt::print("Snapshot {}: {} rows, {} students, {} bytes, data version {}, in {:.2f} s ({:.0f} rows/s)\n", args.file,
             rows, (*snapshot)->students(), (*snapshot)->bytes(), (*snapshot)->data_version(), seconds,
             seconds > 0 ? static_cast<double>(rows) / seconds : 0.0);
  return kExitOk;
}

int RunSnapshotInfo(const SnapshotArgs& args) {
  const auto started = std::chrono::steady_clock::now();
  auto snapshot = engine::Snapshot::Load(args.file);
  if (!snapshot.ok()) return ReportError(snapshot.status());
  const double load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  if (args.verify) {
    Status verified = engine::VerifySnapshotFile(args.file);
    if (!verified.ok()) return ReportError(verified);
  }
  nlohmann::json info = (*snapshot)->Info();
  info["load_ms"] = load_ms;
  if (args.verify) info["verified"] = true;
  fmt::print("{}\n", info.dump(2));
  return kExitOk;
}

}  // namespace pl::cli
