// Engine internals shared by its source files (not part of the public face).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "engine/engine.hpp"

namespace pl::engine {

inline constexpr std::uint64_t RoundUp64(std::uint64_t n) { return (n + 63) & ~std::uint64_t{63}; }
inline std::uint64_t OutcomeWords(std::uint64_t rows) { return (rows + 63) / 64; }
inline int WidthFor(std::uint32_t dictionary_size) {
  return dictionary_size <= 256 ? 1 : dictionary_size <= 65536 ? 2 : 4;
}

// A zeroed heap buffer aligned to 64 bytes, owned by the returned pointer.
inline std::shared_ptr<void> AllocateAligned(std::uint64_t bytes) {
  std::uint64_t size = RoundUp64(bytes == 0 ? 64 : bytes);
  void* p = std::aligned_alloc(64, size);
  if (p == nullptr) throw std::bad_alloc();
  std::memset(p, 0, size);
  return std::shared_ptr<void>(p, std::free);
}

// Reads the code of row r from a column of `width` bytes.
inline std::uint32_t ReadCode(const void* data, int width, std::uint64_t r) {
  switch (width) {
    case 1:
      return static_cast<const std::uint8_t*>(data)[r];
    case 2:
      return static_cast<const std::uint16_t*>(data)[r];
    default:
      return static_cast<const std::uint32_t*>(data)[r];
  }
}

// Write access to a Snapshot's private parts, for the builder, the file
// reader and the writer.
struct SnapshotAccess {
  static std::shared_ptr<Snapshot> Make() { return std::shared_ptr<Snapshot>(new Snapshot()); }
  static std::uint64_t& rows(Snapshot& s) { return s.rows_; }
  static std::uint32_t& students(Snapshot& s) { return s.students_; }
  static std::uint64_t& bytes(Snapshot& s) { return s.bytes_; }
  static std::string& data_version(Snapshot& s) { return s.data_version_; }
  static std::string& source(Snapshot& s) { return s.source_; }
  static Dictionary& dict(Snapshot& s, int d) { return s.dicts_[d]; }
  static void SetDim(Snapshot& s, int d, const void* data, int width) { s.dims_[d] = {data, width}; }
  static void SetOutcome(Snapshot& s, int o, const std::uint64_t* values, const std::uint64_t* known) {
    s.outcome_values_[o] = values;
    s.outcome_known_[o] = known;
  }
  static bool& never_missing(Snapshot& s, int o) { return s.outcome_never_missing_[o]; }
  static void SetMeasure(Snapshot& s, int m, const double* data) { s.measures_[m] = data; }
  static void SetStudents(Snapshot& s, const std::int32_t* ids) { s.student_ids_ = ids; }
  static const std::uint32_t* zones(const Snapshot& s, int d) { return s.zones_[d]; }
  static void SetZones(Snapshot& s, int d, const std::uint32_t* zones) { s.zones_[d] = zones; }
  static void Own(Snapshot& s, std::shared_ptr<void> storage) { s.storage_.push_back(std::move(storage)); }
};

// Load with an optional full check of every column's checksum.
Result<std::shared_ptr<const Snapshot>> LoadSnapshotFile(const std::string& path, bool verify);

}  // namespace pl::engine
