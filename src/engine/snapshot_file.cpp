// The snapshot file: a self-describing header followed by the columns, each
// at an offset aligned to 64 bytes, so Load() maps the file and points the
// columns into the mapping without reading a row. Layout in README.md.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "engine/internal.hpp"

namespace pl::engine {
namespace {

constexpr char kMagic[8] = {'P', 'L', 'S', 'N', 'A', 'P', '\r', '\n'};
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::uint32_t kMaxHeaderBytes = 64u << 20;

std::uint64_t Fnv1a(const std::uint8_t* p, std::size_t n) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

// Column data checksum: word-wise multiply-xor, several GB/s; verified only
// on request (VerifySnapshotFile), never at load.
std::uint64_t DataChecksum(const void* data, std::uint64_t bytes) {
  const auto* p = static_cast<const std::uint8_t*>(data);
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ bytes, w;
  std::uint64_t i = 0;
  for (; i + 8 <= bytes; i += 8) {
    std::memcpy(&w, p + i, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  for (; i < bytes; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

class Writer {
 public:
  template <typename T>
  void Put(T v) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(&v);
    bytes_.insert(bytes_.end(), p, p + sizeof(T));
  }
  void Str(std::string_view s) {
    Put<std::uint32_t>(static_cast<std::uint32_t>(s.size()));
    bytes_.insert(bytes_.end(), s.begin(), s.end());
  }
  std::vector<std::uint8_t>& bytes() { return bytes_; }

 private:
  std::vector<std::uint8_t> bytes_;
};

class Reader {
 public:
  Reader(const std::uint8_t* p, std::size_t n) : p_(p), n_(n) {}
  template <typename T>
  bool Get(T& v) {
    if (n_ - pos_ < sizeof(T)) return false;
    std::memcpy(&v, p_ + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool Str(std::string& s) {
    std::uint32_t len = 0;
    if (!Get(len) || n_ - pos_ < len) return false;
    s.assign(reinterpret_cast<const char*>(p_ + pos_), len);
    pos_ += len;
    return true;
  }
  std::size_t pos() const { return pos_; }

 private:
  const std::uint8_t* p_;
  std::size_t n_;
  std::size_t pos_ = 0;
};

struct ColumnEntry {
  std::string name;
  const void* data = nullptr;  // when writing
  std::uint64_t offset = 0;
  std::uint64_t bytes = 0;
  std::uint64_t checksum = 0;
};

// Every column of a snapshot with its expected size, in file order.
std::vector<ColumnEntry> ExpectedColumns(const Snapshot& s, const std::array<int, kNumDims>& widths) {
  std::vector<ColumnEntry> out;
  const std::uint64_t rows = s.rows(), words = OutcomeWords(rows), blocks = s.blocks();
  for (int d = 0; d < kNumDims; ++d) {
    std::string name(DimName(static_cast<Dim>(d)));
    out.push_back({"dim." + name, s.codes(static_cast<Dim>(d)), 0, rows * widths[d], 0});
  }
  for (int d = 0; d < kNumDims; ++d) {
    std::string name(DimName(static_cast<Dim>(d)));
    out.push_back({"zone." + name, SnapshotAccess::zones(s, d), 0, blocks * 2 * sizeof(std::uint32_t), 0});
  }
  for (int o = 0; o < kNumOutcomes; ++o) {
    std::string name(OutcomeName(static_cast<Outcome>(o)));
    out.push_back({"outcome." + name + ".values", s.outcome_values(static_cast<Outcome>(o)), 0, words * 8, 0});
    out.push_back({"outcome." + name + ".known", s.outcome_known(static_cast<Outcome>(o)), 0, words * 8, 0});
  }
  for (int m = 0; m < kNumMeasures; ++m) {
    out.push_back({"measure." + std::string(MeasureName(static_cast<Measure>(m))), s.measure(static_cast<Measure>(m)),
                   0, rows * sizeof(double), 0});
  }
  out.push_back({"student_id", s.student_ids(), 0, rows * sizeof(std::int32_t), 0});
  return out;
}

void SerializeHeader(Writer& w, const Snapshot& s, const std::vector<ColumnEntry>& columns, std::uint64_t header_bytes,
                     std::uint64_t file_bytes) {
  for (char c : kMagic) w.Put(c);
  w.Put<std::uint32_t>(kFormatVersion);
  w.Put<std::uint32_t>(static_cast<std::uint32_t>(header_bytes));
  w.Put<std::uint64_t>(file_bytes);
  w.Put<std::uint64_t>(s.rows());
  w.Put<std::uint32_t>(s.students());
  w.Put<std::uint32_t>(kBlockRows);
  w.Str(s.data_version());
  w.Put<std::uint32_t>(kNumDims);
  for (int d = 0; d < kNumDims; ++d) {
    const Dictionary& dict = s.dictionary(static_cast<Dim>(d));
    w.Str(DimName(static_cast<Dim>(d)));
    w.Put<std::uint8_t>(dict.numeric);
    w.Put<std::uint8_t>(dict.has_null);
    w.Put<std::uint8_t>(static_cast<std::uint8_t>(s.code_width(static_cast<Dim>(d))));
    w.Put<std::uint32_t>(static_cast<std::uint32_t>(dict.values.size()));
    for (const auto& v : dict.values) w.Str(v);
  }
  for (int o = 0; o < kNumOutcomes; ++o) w.Put<std::uint8_t>(s.outcome_never_missing(static_cast<Outcome>(o)));
  w.Put<std::uint32_t>(static_cast<std::uint32_t>(columns.size()));
  for (const auto& c : columns) {
    w.Str(c.name);
    w.Put<std::uint64_t>(c.offset);
    w.Put<std::uint64_t>(c.bytes);
    w.Put<std::uint64_t>(c.checksum);
  }
}

std::string SystemError() { return std::strerror(errno); }

struct Mapping {
  void* address = MAP_FAILED;
  std::size_t size = 0;
};

}  // namespace

Status Snapshot::Save(const std::string& path) const {
  std::array<int, kNumDims> widths;
  for (int d = 0; d < kNumDims; ++d) widths[d] = dims_[d].width;
  std::vector<ColumnEntry> columns = ExpectedColumns(*this, widths);
  for (auto& c : columns) c.checksum = c.bytes == 0 ? 0 : DataChecksum(c.data, c.bytes);
  // The header's length does not depend on the offsets' values.
  Writer probe;
  SerializeHeader(probe, *this, columns, 0, 0);
  const std::uint64_t header_bytes = probe.bytes().size() + sizeof(std::uint64_t);
  std::uint64_t offset = RoundUp64(header_bytes);
  for (auto& c : columns) {
    c.offset = offset;
    offset = RoundUp64(offset + c.bytes);
  }
  const std::uint64_t file_bytes = offset;
  Writer header;
  SerializeHeader(header, *this, columns, header_bytes, file_bytes);
  header.Put<std::uint64_t>(Fnv1a(header.bytes().data(), header.bytes().size()));

  const std::string temp = path + ".tmp";
  std::FILE* f = std::fopen(temp.c_str(), "wb");
  if (f == nullptr) return FailedPrecondition(fmt::format("cannot write snapshot {}: {}", temp, SystemError()));
  static const char kZeros[64] = {};
  std::uint64_t written = 0;
  auto write = [&](const void* p, std::uint64_t n) {
    if (n != 0 && std::fwrite(p, 1, n, f) != n) return false;
    written += n;
    return true;
  };
  bool ok = write(header.bytes().data(), header.bytes().size());
  for (const auto& c : columns) {
    ok = ok && write(kZeros, c.offset - written) && write(c.data, c.bytes);
  }
  ok = ok && write(kZeros, file_bytes - written);
  ok = ok && std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
  std::string reason = ok ? "" : SystemError();
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) {
    std::remove(temp.c_str());
    return errno == ENOSPC ? ResourceExhausted(fmt::format("disk full writing snapshot {}", temp))
                           : FailedPrecondition(fmt::format("cannot write snapshot {}: {}", temp, reason));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    return FailedPrecondition(fmt::format("cannot rename snapshot to {}: {}", path, SystemError()));
  }
  return Status();
}

Result<std::shared_ptr<const Snapshot>> LoadSnapshotFile(const std::string& path, bool verify) {
  auto loss = [&](const std::string& what) {
    return DataLoss(fmt::format("snapshot file {} is unusable: {}", path, what), {{"file", path}});
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return NotFound(fmt::format("no snapshot file {}", path), {{"file", path}});
    return FailedPrecondition(fmt::format("cannot open snapshot file {}: {}", path, SystemError()));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return FailedPrecondition(fmt::format("cannot stat snapshot file {}: {}", path, SystemError()));
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size < 64) {
    ::close(fd);
    return loss(fmt::format("{} bytes is too short for a header", size));
  }
  void* address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (address == MAP_FAILED)
    return FailedPrecondition(fmt::format("cannot map snapshot file {}: {}", path, SystemError()));
  std::shared_ptr<void> mapping(address, [size](void* p) { ::munmap(p, size); });
  ::madvise(address, size, MADV_WILLNEED);  // read ahead in the background
  const auto* base = static_cast<const std::uint8_t*>(address);

  if (std::memcmp(base, kMagic, sizeof kMagic) != 0) return loss("not a Pathlight snapshot (bad magic)");
  Reader r(base, size);
  char magic[8];
  for (char& c : magic) (void)r.Get(c);
  std::uint32_t version = 0, header_bytes = 0, students = 0, block_rows = 0;
  std::uint64_t file_bytes = 0, rows = 0;
  (void)r.Get(version);
  if (version != kFormatVersion) {
    return loss(fmt::format("format version {} (this build reads version {})", version, kFormatVersion));
  }
  (void)r.Get(header_bytes);
  if (header_bytes < 48 || header_bytes > size || header_bytes > kMaxHeaderBytes) {
    return loss(fmt::format("header size {} does not fit the file's {} bytes", header_bytes, size));
  }
  std::uint64_t stored_checksum = 0;
  std::memcpy(&stored_checksum, base + header_bytes - 8, 8);
  if (Fnv1a(base, header_bytes - 8) != stored_checksum) return loss("header checksum mismatch (corrupt header)");
  (void)r.Get(file_bytes);
  if (file_bytes != size) return loss(fmt::format("truncated or extended: {} bytes, header says {}", size, file_bytes));
  (void)r.Get(rows);
  (void)r.Get(students);
  (void)r.Get(block_rows);
  if (block_rows != kBlockRows) return loss(fmt::format("block size {} (expected {})", block_rows, kBlockRows));

  auto snapshot = SnapshotAccess::Make();
  Snapshot& s = *snapshot;
  SnapshotAccess::rows(s) = rows;
  SnapshotAccess::students(s) = students;
  SnapshotAccess::source(s) = path;
  Reader h(base, header_bytes - 8);
  for (int i = 0; i < 40; ++i) {
    std::uint8_t skip;
    (void)h.Get(skip);
  }
  bool ok = h.Str(SnapshotAccess::data_version(s));
  std::uint32_t n_dims = 0;
  ok = ok && h.Get(n_dims) && n_dims == kNumDims;
  if (!ok) return loss("malformed header (dimensions)");
  std::array<int, kNumDims> widths{};
  for (int d = 0; d < kNumDims; ++d) {
    std::string name;
    std::uint8_t numeric = 0, has_null = 0, width = 0;
    std::uint32_t n_values = 0;
    Dictionary& dict = SnapshotAccess::dict(s, d);
    ok = h.Str(name) && h.Get(numeric) && h.Get(has_null) && h.Get(width) && h.Get(n_values);
    if (!ok || name != DimName(static_cast<Dim>(d))) return loss(fmt::format("malformed header (dimension {})", d));
    dict.numeric = numeric != 0;
    dict.has_null = has_null != 0;
    if (n_values > header_bytes) return loss(fmt::format("dimension {} claims {} values", name, n_values));
    dict.values.resize(n_values);
    for (auto& v : dict.values) {
      if (!h.Str(v)) return loss(fmt::format("malformed header (values of {})", name));
    }
    if ((width != 1 && width != 2 && width != 4) || width < WidthFor(dict.size())) {
      return loss(fmt::format("dimension {} has code width {} for {} codes", name, width, dict.size()));
    }
    widths[d] = width;
  }
  for (int o = 0; o < kNumOutcomes; ++o) {
    std::uint8_t never = 0;
    if (!h.Get(never)) return loss("malformed header (outcomes)");
    SnapshotAccess::never_missing(s, o) = never != 0;
  }
  std::uint32_t n_columns = 0;
  if (!h.Get(n_columns) || n_columns > 4096) return loss("malformed header (column directory)");
  std::map<std::string, ColumnEntry> directory;
  for (std::uint32_t i = 0; i < n_columns; ++i) {
    ColumnEntry c;
    if (!h.Str(c.name) || !h.Get(c.offset) || !h.Get(c.bytes) || !h.Get(c.checksum)) {
      return loss("malformed header (column directory)");
    }
    directory[c.name] = c;
  }

  // Every expected column, at its size, aligned, inside the file.
  std::vector<ColumnEntry> expected = ExpectedColumns(s, widths);
  std::vector<const void*> data;
  for (const auto& e : expected) {
    auto it = directory.find(e.name);
    if (it == directory.end()) return loss(fmt::format("column {} is missing", e.name));
    const ColumnEntry& c = it->second;
    if (c.bytes != e.bytes) return loss(fmt::format("column {} has {} bytes, expected {}", e.name, c.bytes, e.bytes));
    if (c.offset % 64 != 0 || c.offset < header_bytes || c.offset > size || size - c.offset < c.bytes) {
      return loss(
          fmt::format("column {} at offset {} (+{} bytes) lies outside the file's data", e.name, c.offset, c.bytes));
    }
    if (verify && c.bytes != 0 && DataChecksum(base + c.offset, c.bytes) != c.checksum) {
      return loss(fmt::format("column {} fails its checksum (corrupt data)", e.name));
    }
    data.push_back(base + c.offset);
  }
  std::size_t k = 0;
  for (int d = 0; d < kNumDims; ++d) SnapshotAccess::SetDim(s, d, data[k++], widths[d]);
  for (int d = 0; d < kNumDims; ++d) SnapshotAccess::SetZones(s, d, static_cast<const std::uint32_t*>(data[k++]));
  for (int o = 0; o < kNumOutcomes; ++o, k += 2) {
    SnapshotAccess::SetOutcome(s, o, static_cast<const std::uint64_t*>(data[k]),
                               static_cast<const std::uint64_t*>(data[k + 1]));
  }
  for (int m = 0; m < kNumMeasures; ++m) SnapshotAccess::SetMeasure(s, m, static_cast<const double*>(data[k++]));
  SnapshotAccess::SetStudents(s, static_cast<const std::int32_t*>(data[k++]));
  // Zone maps bound every code the kernels index tables with: check them
  // (one pair per block, not per row).
  for (int d = 0; d < kNumDims; ++d) {
    const std::uint32_t n = s.dictionary(static_cast<Dim>(d)).size();
    for (std::uint64_t b = 0; b < s.blocks(); ++b) {
      if (s.zone_min(static_cast<Dim>(d), b) > s.zone_max(static_cast<Dim>(d), b) ||
          s.zone_max(static_cast<Dim>(d), b) >= n) {
        return loss(fmt::format("zone map of {} block {} is out of range", DimName(static_cast<Dim>(d)), b));
      }
    }
  }
  SnapshotAccess::bytes(s) = size;
  SnapshotAccess::Own(s, std::move(mapping));
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

Result<std::shared_ptr<const Snapshot>> Snapshot::Load(const std::string& path) {
  return LoadSnapshotFile(path, false);
}

Status VerifySnapshotFile(const std::string& path) { return LoadSnapshotFile(path, true).status(); }

}  // namespace pl::engine
