// Small hand-made snapshots for the engine's unit tests.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "engine/engine.hpp"

namespace pl::engine::testing {

// A row as plain values; converted to SnapshotBuilder::Row.
struct PlainRow {
  int student = 0;
  std::array<std::optional<std::string>, kNumDims> dims;
  std::array<std::optional<bool>, kNumOutcomes> outcomes;
  std::array<std::optional<double>, kNumMeasures> measures;
};

inline std::shared_ptr<const Snapshot> BuildSnapshot(const std::vector<PlainRow>& rows,
                                                     const std::string& version = "v1") {
  SnapshotBuilder builder;
  for (const auto& r : rows) {
    SnapshotBuilder::Row row;
    row.student = r.student;
    for (int d = 0; d < kNumDims; ++d) {
      if (r.dims[d]) row.dims[d] = std::string_view(*r.dims[d]);
    }
    row.outcomes = r.outcomes;
    row.measures = r.measures;
    builder.Add(row);
  }
  NullProgress progress;
  auto built = builder.Finish(version, progress);
  return built.ok() ? *built : nullptr;
}

}  // namespace pl::engine::testing
