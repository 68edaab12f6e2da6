// SnapshotBuilder: rows in, a sorted, dictionary-encoded, bit-packed
// Snapshot out. Rows are kept with temporary codes (first-seen order) until
// Finish(), which sorts each dictionary, remaps the codes so that code
// order is value order, orders the rows by (school_year, region, county,
// organization, sector) for the zone maps and writes each column at its
// narrowest width.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include <fmt/format.h>

#include "engine/internal.hpp"

namespace pl::engine {
namespace {

constexpr std::uint32_t kTempNull = std::numeric_limits<std::uint32_t>::max();

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Dictionary of one column in first-seen order.
class Encoder {
 public:
  std::uint32_t Encode(const std::optional<std::string_view>& value) {
    if (!value) {
      has_null_ = true;
      return kTempNull;
    }
    // Consecutive rows often repeat a value (a student's groups, a year).
    if (last_code_ != kTempNull && *value == values_[last_code_]) return last_code_;
    auto it = index_.find(*value);
    if (it == index_.end()) {
      it = index_.emplace(std::string(*value), static_cast<std::uint32_t>(values_.size())).first;
      values_.emplace_back(*value);
    }
    last_code_ = it->second;
    return last_code_;
  }
  const std::vector<std::string>& values() const { return values_; }
  bool has_null() const { return has_null_; }

 private:
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> index_;
  std::vector<std::string> values_;
  bool has_null_ = false;
  std::uint32_t last_code_ = kTempNull;
};

template <typename T>
void GatherCodes(const std::vector<std::uint32_t>& temp, const std::vector<std::uint32_t>& remap,
                 std::uint32_t null_code, const std::vector<std::uint32_t>& perm, T* out) {
  for (std::size_t i = 0; i < perm.size(); ++i) {
    std::uint32_t t = temp[perm[i]];
    out[i] = static_cast<T>(t == kTempNull ? null_code : remap[t]);
  }
}

template <typename T>
void ComputeZones(const T* codes, std::uint64_t rows, std::uint32_t* zones) {
  for (std::uint64_t b = 0, start = 0; start < rows; ++b, start += kBlockRows) {
    std::uint64_t end = std::min<std::uint64_t>(rows, start + kBlockRows);
    T lo = codes[start], hi = codes[start];
    for (std::uint64_t r = start + 1; r < end; ++r) {
      lo = std::min(lo, codes[r]);
      hi = std::max(hi, codes[r]);
    }
    zones[2 * b] = lo;
    zones[2 * b + 1] = hi;
  }
}

}  // namespace

struct SnapshotBuilder::Impl {
  std::array<Encoder, kNumDims> encoders;
  std::array<std::vector<std::uint32_t>, kNumDims> temp;
  std::vector<std::uint16_t> outcome_bits;  // bit o: value, bit 8+o: known
  std::array<std::vector<double>, kNumMeasures> measures;
  std::vector<std::int32_t> students;
  bool negative_student = false;
};

SnapshotBuilder::SnapshotBuilder() : impl_(std::make_unique<Impl>()) {}
SnapshotBuilder::~SnapshotBuilder() = default;

std::uint64_t SnapshotBuilder::rows() const { return impl_->students.size(); }

void SnapshotBuilder::Add(const Row& row) {
  Impl& m = *impl_;
  for (int d = 0; d < kNumDims; ++d) m.temp[d].push_back(m.encoders[d].Encode(row.dims[d]));
  std::uint16_t bits = 0;
  for (int o = 0; o < kNumOutcomes; ++o) {
    if (!row.outcomes[o]) continue;
    bits |= static_cast<std::uint16_t>(1u << (8 + o));
    if (*row.outcomes[o]) bits |= static_cast<std::uint16_t>(1u << o);
  }
  m.outcome_bits.push_back(bits);
  for (int k = 0; k < kNumMeasures; ++k) {
    m.measures[k].push_back(row.measures[k] ? *row.measures[k] : std::numeric_limits<double>::quiet_NaN());
  }
  if (row.student < 0) m.negative_student = true;
  m.students.push_back(row.student);
}

Result<std::shared_ptr<const Snapshot>> SnapshotBuilder::Finish(std::string data_version, Progress& progress) {
  Impl& m = *impl_;
  if (m.negative_student) return InvalidArgument("snapshot rows need student ids >= 0");
  const std::uint64_t rows = m.students.size();
  if (rows >= std::numeric_limits<std::uint32_t>::max()) {
    return ResourceExhausted(fmt::format("a snapshot holds at most 4294967294 rows, got {}", rows));
  }
  auto snapshot = SnapshotAccess::Make();
  Snapshot& s = *snapshot;
  SnapshotAccess::rows(s) = rows;
  SnapshotAccess::data_version(s) = std::move(data_version);
  SnapshotAccess::source(s) = "built";
  progress.Begin("sorting and encoding", kNumDims + kNumOutcomes + kNumMeasures + 2, "columns");
  std::uint64_t done = 0;

  // Sorted dictionaries and the temporary-code -> final-code maps.
  std::array<std::vector<std::uint32_t>, kNumDims> remap;
  for (int d = 0; d < kNumDims; ++d) {
    const auto& values = m.encoders[d].values();
    std::vector<std::uint32_t> order(values.size());
    std::iota(order.begin(), order.end(), 0u);
    Dictionary& dict = SnapshotAccess::dict(s, d);
    dict.numeric = static_cast<Dim>(d) == Dim::kSchoolYear;
    dict.has_null = m.encoders[d].has_null();
    if (dict.numeric) {
      std::vector<long long> parsed(values.size());
      for (std::size_t i = 0; i < values.size(); ++i) {
        const std::string& v = values[i];
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), parsed[i]);
        if (ec != std::errc() || end != v.data() + v.size()) {
          return InvalidArgument(fmt::format("school_year must be an integer, got \"{}\"", v));
        }
      }
      std::sort(order.begin(), order.end(), [&](auto a, auto b) { return parsed[a] < parsed[b]; });
      for (auto i : order) dict.values.push_back(std::to_string(parsed[i]));
    } else {
      std::sort(order.begin(), order.end(), [&](auto a, auto b) { return values[a] < values[b]; });
      for (auto i : order) dict.values.push_back(values[i]);
    }
    remap[d].resize(values.size());
    for (std::uint32_t code = 0; code < order.size(); ++code) remap[d][order[code]] = code;
  }

  // Row order: (school_year, region, county, organization, sector), stable,
  // by a counting sort over (year, place, sector) where a place is a
  // distinct (region, county, organization) triple ranked in that order.
  // Sector last: an organization's rows of one sector lie together, so a
  // sector filter skips blocks and a group-by on it touches few groups per
  // block.
  auto final_code = [&](int d, std::uint64_t r) {
    std::uint32_t t = m.temp[d][r];
    return t == kTempNull ? SnapshotAccess::dict(s, d).null_code() : remap[d][t];
  };
  const int kYear = static_cast<int>(Dim::kSchoolYear), kRegion = static_cast<int>(Dim::kRegion),
            kCounty = static_cast<int>(Dim::kCounty), kOrg = static_cast<int>(Dim::kOrganization),
            kSector = static_cast<int>(Dim::kSector);
  struct Place {
    std::uint32_t region, county, org;
    auto operator<=>(const Place&) const = default;
  };
  struct PlaceHash {
    std::size_t operator()(const Place& p) const noexcept {
      return (std::uint64_t{p.region} * 0x9E3779B97F4A7C15ull) ^ (std::uint64_t{p.county} << 20) ^ p.org;
    }
  };
  std::unordered_map<Place, std::uint32_t, PlaceHash> place_ids;
  std::vector<std::uint32_t> place_of(rows);
  for (std::uint64_t r = 0; r < rows; ++r) {
    Place p{final_code(kRegion, r), final_code(kCounty, r), final_code(kOrg, r)};
    place_of[r] = place_ids.emplace(p, static_cast<std::uint32_t>(place_ids.size())).first->second;
  }
  std::vector<Place> places(place_ids.size());
  for (const auto& [p, id] : place_ids) places[id] = p;
  std::vector<std::uint32_t> by_rank(places.size());
  std::iota(by_rank.begin(), by_rank.end(), 0u);
  std::sort(by_rank.begin(), by_rank.end(), [&](auto a, auto b) { return places[a] < places[b]; });
  std::vector<std::uint32_t> place_rank(places.size());
  for (std::uint32_t i = 0; i < by_rank.size(); ++i) place_rank[by_rank[i]] = i;
  const std::uint64_t n_places = std::max<std::uint64_t>(1, places.size());
  const std::uint64_t n_sectors = SnapshotAccess::dict(s, kSector).size();
  const std::uint64_t n_buckets = SnapshotAccess::dict(s, kYear).size() * n_places * n_sectors;
  std::vector<std::uint32_t> bucket_start(n_buckets + 1, 0);
  std::vector<std::uint32_t> bucket_of(rows);
  for (std::uint64_t r = 0; r < rows; ++r) {
    bucket_of[r] = static_cast<std::uint32_t>((final_code(kYear, r) * n_places + place_rank[place_of[r]]) * n_sectors +
                                              final_code(kSector, r));
    ++bucket_start[bucket_of[r] + 1];
  }
  std::vector<std::uint32_t>().swap(place_of);
  std::partial_sum(bucket_start.begin(), bucket_start.end(), bucket_start.begin());
  std::vector<std::uint32_t> perm(rows);
  for (std::uint64_t r = 0; r < rows; ++r) perm[bucket_start[bucket_of[r]]++] = static_cast<std::uint32_t>(r);
  std::vector<std::uint32_t>().swap(bucket_of);
  progress.Update(++done);

  const std::uint64_t blocks = (rows + kBlockRows - 1) / kBlockRows;
  std::uint64_t bytes = 0;
  auto allocate = [&](std::uint64_t n) {
    auto buffer = AllocateAligned(n);
    bytes += RoundUp64(n);
    SnapshotAccess::Own(s, buffer);
    return buffer.get();
  };

  for (int d = 0; d < kNumDims; ++d) {
    const Dictionary& dict = SnapshotAccess::dict(s, d);
    const int width = WidthFor(dict.size());
    void* out = allocate(rows * width);
    auto* zones = static_cast<std::uint32_t*>(allocate(blocks * 2 * sizeof(std::uint32_t)));
    switch (width) {
      case 1:
        GatherCodes(m.temp[d], remap[d], dict.null_code(), perm, static_cast<std::uint8_t*>(out));
        ComputeZones(static_cast<const std::uint8_t*>(out), rows, zones);
        break;
      case 2:
        GatherCodes(m.temp[d], remap[d], dict.null_code(), perm, static_cast<std::uint16_t*>(out));
        ComputeZones(static_cast<const std::uint16_t*>(out), rows, zones);
        break;
      default:
        GatherCodes(m.temp[d], remap[d], dict.null_code(), perm, static_cast<std::uint32_t*>(out));
        ComputeZones(static_cast<const std::uint32_t*>(out), rows, zones);
    }
    std::vector<std::uint32_t>().swap(m.temp[d]);
    SnapshotAccess::SetDim(s, d, out, width);
    SnapshotAccess::SetZones(s, d, zones);
    progress.Update(++done);
  }

  const std::uint64_t words = OutcomeWords(rows);
  for (int o = 0; o < kNumOutcomes; ++o) {
    auto* values = static_cast<std::uint64_t*>(allocate(words * 8));
    auto* known = static_cast<std::uint64_t*>(allocate(words * 8));
    bool never_missing = true;
    for (std::uint64_t i = 0; i < rows; ++i) {
      std::uint16_t bits = m.outcome_bits[perm[i]];
      std::uint64_t v = (bits >> o) & 1u, k = (bits >> (8 + o)) & 1u;
      values[i / 64] |= v << (i % 64);
      known[i / 64] |= k << (i % 64);
      never_missing &= k != 0;
    }
    SnapshotAccess::SetOutcome(s, o, values, known);
    SnapshotAccess::never_missing(s, o) = never_missing;
    progress.Update(++done);
  }
  std::vector<std::uint16_t>().swap(m.outcome_bits);

  for (int k = 0; k < kNumMeasures; ++k) {
    auto* out = static_cast<double*>(allocate(rows * sizeof(double)));
    for (std::uint64_t i = 0; i < rows; ++i) out[i] = m.measures[k][perm[i]];
    std::vector<double>().swap(m.measures[k]);
    SnapshotAccess::SetMeasure(s, k, out);
    progress.Update(++done);
  }

  auto* ids = static_cast<std::int32_t*>(allocate(rows * sizeof(std::int32_t)));
  std::int32_t max_id = -1;
  for (std::uint64_t i = 0; i < rows; ++i) {
    ids[i] = m.students[perm[i]];
    max_id = std::max(max_id, ids[i]);
  }
  std::vector<std::int32_t>().swap(m.students);
  SnapshotAccess::SetStudents(s, ids);
  SnapshotAccess::students(s) = static_cast<std::uint32_t>(max_id + 1);
  SnapshotAccess::bytes(s) = bytes;
  progress.Update(++done);
  progress.End();
  impl_ = std::make_unique<Impl>();
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

}  // namespace pl::engine
