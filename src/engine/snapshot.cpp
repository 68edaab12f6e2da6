#include <cmath>

#include "engine/internal.hpp"

namespace pl::engine {

Snapshot::Snapshot() = default;
Snapshot::~Snapshot() = default;

std::uint32_t Snapshot::code(Dim dim, std::uint64_t row) const {
  const auto& c = dims_[static_cast<int>(dim)];
  return ReadCode(c.data, c.width, row);
}

std::optional<bool> Snapshot::outcome(Outcome o, std::uint64_t row) const {
  const int i = static_cast<int>(o);
  if (((outcome_known_[i][row / 64] >> (row % 64)) & 1) == 0) return std::nullopt;
  return ((outcome_values_[i][row / 64] >> (row % 64)) & 1) != 0;
}

std::optional<double> Snapshot::measure_value(Measure m, std::uint64_t row) const {
  double v = measures_[static_cast<int>(m)][row];
  if (std::isnan(v)) return std::nullopt;
  return v;
}

nlohmann::json Snapshot::Info() const {
  nlohmann::json dims = nlohmann::json::object();
  for (int d = 0; d < kNumDims; ++d) {
    dims[std::string(DimName(static_cast<Dim>(d)))] = {
        {"values", dicts_[d].values.size()}, {"has_null", dicts_[d].has_null}, {"width", dims_[d].width}};
  }
  return {{"data_version", data_version_},
          {"rows", rows_},
          {"students", students_},
          {"bytes", bytes_},
          {"blocks", blocks()},
          {"source", source_},
          {"dimensions", std::move(dims)}};
}

}  // namespace pl::engine
