// Execute: a parallel scan-aggregate over the snapshot's row blocks.
//
// Threads take blocks from a shared counter. For each block the zone maps
// decide whether it can be skipped or whether a filter is true for all of it;
// the remaining filters build a selection bitmask (64 rows per word, like the
// outcome columns). Each row gets a group slot: the mixed-radix number of its
// group codes (dense) when the product of the group cardinalities is small,
// otherwise a slot from the thread's hash table of packed codes. Aggregates
// go to thread-local tables (uint32 counters, double sums) that are merged
// at the end; medians collect values per group, distinct students use
// per-group bitmaps over the dense student ids (or sorted pairs when the
// bitmaps would not fit the memory budget).
#include <algorithm>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <atomic>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstring>
#include <numeric>
#include <span>
#include <thread>

#include <fmt/format.h>

#include "core/threads.hpp"
#include "engine/internal.hpp"
#include "engine/plan.hpp"

namespace pl::engine {
namespace {

constexpr std::uint64_t kMaxDenseSlots = 4u << 20;
constexpr std::uint64_t kWordsPerBlock = kBlockRows / 64;
constexpr std::uint64_t kEmptyKey = ~std::uint64_t{0};
// Outcome counters one pattern byte may carry (64 patterns per group).
constexpr std::size_t kMaxPatternBits = 6;

struct Column {
  const void* data;
  int width;
};

struct GroupDim {
  Dim dim;
  Column column;
  std::uint32_t base = 0;    // smallest code that can pass the filters
  std::uint32_t radix = 1;   // codes base..base+radix-1
  std::uint64_t stride = 1;  // dense: mixed-radix weight
  int shift = 0;             // hash: bit position in the packed key
};

struct PreparedFilter {
  const Filter* filter;
  Column column;
  std::vector<std::uint32_t> prefix;  // prefix[c] = allowed codes below c
  bool contiguous = false;            // allowed == [lo, hi]
  std::vector<std::uint8_t> table;    // allowed padded to the width's range (1, 2 bytes)
};

struct Plan {
  std::vector<GroupDim> dims;
  bool dense = true;
  std::uint64_t dense_slots = 1;
  int key_bits = 0;
  // Integer accumulators per slot: [0] count, then the outcome sums and ns,
  // then the measures' non-missing counts.
  int ints = 1;
  struct OutcomeAcc {
    int outcome;
    int sum_slot;
    int n_slot;  // -1: never missing, n == count
  };
  std::vector<OutcomeAcc> outcomes;
  struct MeasureAcc {
    int measure;
    int n_slot;
    int sum_slot;  // double accumulator, -1 when no sum or mean asked
    bool median;
  };
  std::vector<MeasureAcc> measures;
  int doubles = 0;
  // Pattern counting (dense, no numeric measures, at most 6 outcome
  // counters): the thread table holds, per slot, the number of rows with
  // each combination of the counters' bits, so a row costs one increment
  // whatever the number of outcomes; the merge turns patterns into counts.
  bool patterns = false;
  struct PatternBit {
    int outcome;
    bool known;  // the known bits (an outcome's n) instead of the values
    int slot;    // where the merge adds it
  };
  std::vector<PatternBit> pattern_bits;
  int table_width = 1;  // counters per slot in the thread tables (a power of two)
  bool distinct = false;
  bool distinct_bitmaps = false;
  std::uint64_t bitmap_words = 0;  // per group
};

// Thread-local hash table: packed group codes -> slot.
class SlotTable {
 public:
  SlotTable() { Rehash(1024); }
  std::uint32_t FindOrInsert(std::uint64_t key) {
    std::uint64_t i = Hash(key) & mask_;
    while (true) {
      if (keys_[i] == key) return slots_[i];
      if (keys_[i] == kEmptyKey) break;
      i = (i + 1) & mask_;
    }
    keys_[i] = key;
    slots_[i] = static_cast<std::uint32_t>(order_.size());
    order_.push_back(key);
    if (order_.size() * 2 > keys_.size()) Rehash(keys_.size() * 2);
    return static_cast<std::uint32_t>(order_.size() - 1);
  }
  std::size_t size() const { return order_.size(); }
  const std::vector<std::uint64_t>& keys_by_slot() const { return order_; }

 private:
  static std::uint64_t Hash(std::uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return k;
  }
  void Rehash(std::size_t capacity) {
    keys_.assign(capacity, kEmptyKey);
    slots_.assign(capacity, 0);
    mask_ = capacity - 1;
    for (std::uint32_t s = 0; s < order_.size(); ++s) {
      std::uint64_t i = Hash(order_[s]) & mask_;
      while (keys_[i] != kEmptyKey) i = (i + 1) & mask_;
      keys_[i] = order_[s];
      slots_[i] = s;
    }
  }
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> slots_;
  std::vector<std::uint64_t> order_;
  std::uint64_t mask_ = 0;
};

struct ThreadState {
  std::vector<std::uint32_t> ints;
  std::vector<double> doubles;
  SlotTable table;                      // hash mode
  std::vector<std::uint64_t*> bitmaps;  // distinct, per slot, lazily allocated
  std::vector<std::unique_ptr<std::uint64_t[]>> bitmap_storage;
  std::vector<std::uint64_t> pairs;                                    // distinct fallback: slot << 32 | student
  std::vector<std::vector<std::pair<std::uint32_t, double>>> medians;  // per plan measure
  std::uint64_t rows_scanned = 0, rows_selected = 0, blocks_skipped = 0;
  // Scratch for one block.
  std::vector<std::uint32_t> keys = std::vector<std::uint32_t>(kBlockRows);
  std::vector<std::uint8_t> patterns = std::vector<std::uint8_t>(kBlockRows);
  std::vector<std::uint64_t> packed;
  std::vector<std::uint64_t> sel = std::vector<std::uint64_t>(kWordsPerBlock);
  std::vector<std::uint64_t> tmp = std::vector<std::uint64_t>(kWordsPerBlock);
};

#if defined(__SSE2__)
// A contiguous range on one-byte codes, 16 rows per instruction:
// (code - lo) saturating-minus span is zero exactly for lo <= code <= hi.
void EvalRangeBytes(const std::uint8_t* codes, std::uint64_t full_words, std::uint8_t lo, std::uint8_t span,
                    std::uint64_t* out) {
  const __m128i vlo = _mm_set1_epi8(static_cast<char>(lo));
  const __m128i vspan = _mm_set1_epi8(static_cast<char>(span));
  const __m128i zero = _mm_setzero_si128();
  for (std::uint64_t w = 0; w < full_words; ++w) {
    std::uint64_t bits = 0;
    for (int k = 0; k < 4; ++k) {
      const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(codes + w * 64 + 16 * k));
      const __m128i over = _mm_subs_epu8(_mm_sub_epi8(c, vlo), vspan);
      bits |= static_cast<std::uint64_t>(static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(over, zero))))
              << (16 * k);
    }
    out[w] = bits;
  }
}
#endif

template <typename T>
void EvalFilterT(const T* codes, std::uint64_t n, const PreparedFilter& f, std::uint64_t* out) {
  const std::uint64_t words = (n + 63) / 64;
#if defined(__SSE2__)
  if constexpr (sizeof(T) == 1) {
    if (f.contiguous && n % 64 == 0) {
      EvalRangeBytes(codes, words, static_cast<std::uint8_t>(f.filter->lo),
                     static_cast<std::uint8_t>(f.filter->hi - f.filter->lo), out);
      return;
    }
  }
#endif
  if (f.contiguous) {
    const T lo = static_cast<T>(f.filter->lo);
    const T span = static_cast<T>(f.filter->hi - f.filter->lo);
    for (std::uint64_t w = 0; w < words; ++w) {
      std::uint64_t bits = 0;
      const std::uint64_t end = std::min<std::uint64_t>(64, n - w * 64);
      const T* c = codes + w * 64;
      for (std::uint64_t j = 0; j < end; ++j) bits |= std::uint64_t{static_cast<T>(c[j] - lo) <= span} << j;
      out[w] = bits;
    }
    return;
  }
  const std::uint8_t* table = f.table.data();
  const std::uint32_t size = static_cast<std::uint32_t>(f.table.size());
  for (std::uint64_t w = 0; w < words; ++w) {
    std::uint64_t bits = 0;
    const std::uint64_t end = std::min<std::uint64_t>(64, n - w * 64);
    const T* c = codes + w * 64;
    if constexpr (sizeof(T) <= 2) {
      for (std::uint64_t j = 0; j < end; ++j) bits |= std::uint64_t{table[c[j]]} << j;
    } else {
      for (std::uint64_t j = 0; j < end; ++j) bits |= std::uint64_t{c[j] < size && table[c[j]]} << j;
    }
    out[w] = bits;
  }
}

void EvalFilter(const PreparedFilter& f, std::uint64_t start, std::uint64_t n, std::uint64_t* out) {
  switch (f.column.width) {
    case 1:
      EvalFilterT(static_cast<const std::uint8_t*>(f.column.data) + start, n, f, out);
      break;
    case 2:
      EvalFilterT(static_cast<const std::uint16_t*>(f.column.data) + start, n, f, out);
      break;
    default:
      EvalFilterT(static_cast<const std::uint32_t*>(f.column.data) + start, n, f, out);
  }
}

// keys[i] += (code - base) * stride, or the constant when the block has one code.
template <typename T>
[[gnu::always_inline]] inline void AddKeyT(const T* __restrict codes, std::uint64_t n, std::uint32_t base,
                                           std::uint32_t stride, std::uint32_t* __restrict keys) {
  const std::uint32_t offset = base * stride;
  for (std::uint64_t i = 0; i < n; ++i) keys[i] += static_cast<std::uint32_t>(codes[i]) * stride - offset;
}

// The key loops are also built for AVX2, chosen when the processor has it:
// baseline x86-64 has no 32-bit vector multiply (SSE4.1's pmulld), so the
// compiler emulates it with shuffles, and AVX2 does eight codes at once.
// Not under ThreadSanitizer: the loader runs the clones' resolvers before
// its runtime is ready, and they crash.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_THREAD__)
#define PL_AVX2_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define PL_AVX2_CLONES
#endif
PL_AVX2_CLONES void AddKey8(const std::uint8_t* codes, std::uint64_t n, std::uint32_t base, std::uint32_t stride,
                            std::uint32_t* keys) {
  AddKeyT(codes, n, base, stride, keys);
}
PL_AVX2_CLONES void AddKey16(const std::uint16_t* codes, std::uint64_t n, std::uint32_t base, std::uint32_t stride,
                             std::uint32_t* keys) {
  AddKeyT(codes, n, base, stride, keys);
}
PL_AVX2_CLONES void AddKey32(const std::uint32_t* codes, std::uint64_t n, std::uint32_t base, std::uint32_t stride,
                             std::uint32_t* keys) {
  AddKeyT(codes, n, base, stride, keys);
}
// Four one-byte dimensions at once: each pass over the keys loads and
// stores them, so one pass for four saves three.
PL_AVX2_CLONES void AddKeys4x8(const std::uint8_t* __restrict c0, const std::uint8_t* __restrict c1,
                               const std::uint8_t* __restrict c2, const std::uint8_t* __restrict c3, std::uint32_t s0,
                               std::uint32_t s1, std::uint32_t s2, std::uint32_t s3, std::uint64_t n,
                               std::uint32_t offset, std::uint32_t* __restrict keys) {
  for (std::uint64_t i = 0; i < n; ++i) {
    keys[i] += static_cast<std::uint32_t>(c0[i]) * s0 + static_cast<std::uint32_t>(c1[i]) * s1 +
               static_cast<std::uint32_t>(c2[i]) * s2 + static_cast<std::uint32_t>(c3[i]) * s3 - offset;
  }
}
template <typename T>
void PackKeyT(const T* __restrict codes, std::uint64_t n, int shift, std::uint64_t* __restrict keys) {
  for (std::uint64_t i = 0; i < n; ++i) keys[i] |= std::uint64_t{codes[i]} << shift;
}

// Dense keys are slot * W (the slot's first counter), so the kernels index
// the counter table without a multiply.
void AddKey(const GroupDim& g, std::uint32_t W, std::uint64_t start, std::uint64_t n, std::uint32_t* keys) {
  const auto stride = static_cast<std::uint32_t>(g.stride) * W;
  switch (g.column.width) {
    case 1:
      AddKey8(static_cast<const std::uint8_t*>(g.column.data) + start, n, g.base, stride, keys);
      break;
    case 2:
      AddKey16(static_cast<const std::uint16_t*>(g.column.data) + start, n, g.base, stride, keys);
      break;
    default:
      AddKey32(static_cast<const std::uint32_t*>(g.column.data) + start, n, g.base, stride, keys);
  }
}
// Every dimension that varies in the block: one-byte ones four at a time.
void AddKeys(std::span<const GroupDim* const> varying, std::uint32_t W, std::uint64_t start, std::uint64_t n,
             std::uint32_t* keys) {
  std::array<const GroupDim*, kMaxGroupBy> bytes, others;
  std::size_t nbytes = 0, nothers = 0;
  for (const GroupDim* g : varying) (g->column.width == 1 ? bytes[nbytes++] : others[nothers++]) = g;
  std::size_t k = 0;
  for (; k + 4 <= nbytes; k += 4) {
    const std::uint8_t* c[4];
    std::uint32_t stride[4];
    std::uint32_t offset = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      c[j] = static_cast<const std::uint8_t*>(bytes[k + j]->column.data) + start;
      stride[j] = static_cast<std::uint32_t>(bytes[k + j]->stride) * W;
      offset += bytes[k + j]->base * stride[j];
    }
    AddKeys4x8(c[0], c[1], c[2], c[3], stride[0], stride[1], stride[2], stride[3], n, offset, keys);
  }
  for (; k < nbytes; ++k) AddKey(*bytes[k], W, start, n, keys);
  for (std::size_t j = 0; j < nothers; ++j) AddKey(*others[j], W, start, n, keys);
}

void PackKey(const GroupDim& g, std::uint64_t start, std::uint64_t n, std::uint64_t* keys) {
  switch (g.column.width) {
    case 1:
      PackKeyT(static_cast<const std::uint8_t*>(g.column.data) + start, n, g.shift, keys);
      break;
    case 2:
      PackKeyT(static_cast<const std::uint16_t*>(g.column.data) + start, n, g.shift, keys);
      break;
    default:
      PackKeyT(static_cast<const std::uint32_t*>(g.column.data) + start, n, g.shift, keys);
  }
}

// Calls fn(i) for every set bit i of the selection words.
template <typename Fn>
inline void ForEachSelected(const std::uint64_t* sel, std::uint64_t words, Fn&& fn) {
  for (std::uint64_t w = 0; w < words; ++w) {
    std::uint64_t bits = sel[w];
    while (bits != 0) {
      fn(w * 64 + static_cast<std::uint64_t>(std::countr_zero(bits)));
      bits &= bits - 1;
    }
  }
}

class Executor {
 public:
  Executor(const Snapshot& s, const QuerySpec& spec, const Plan& plan, std::vector<PreparedFilter>& filters)
      : s_(s), spec_(spec), plan_(plan), filters_(filters) {}

  void Run(ThreadState& t, std::atomic<std::uint64_t>& next_block) {
    if (plan_.dense) {
      t.ints.assign(plan_.dense_slots * plan_.table_width, 0);
      t.doubles.assign(plan_.dense_slots * plan_.doubles, 0.0);
      if (plan_.distinct_bitmaps) t.bitmaps.assign(plan_.dense_slots, nullptr);
    } else {
      t.packed.resize(kBlockRows);
    }
    t.medians.resize(plan_.measures.size());
    const std::uint64_t blocks = s_.blocks();
    std::vector<const PreparedFilter*> active;
    while (true) {
      const std::uint64_t b = next_block.fetch_add(1, std::memory_order_relaxed);
      if (b >= blocks) break;
      const std::uint64_t start = b * kBlockRows;
      const std::uint64_t n = std::min<std::uint64_t>(kBlockRows, s_.rows() - start);
      // Zone maps: skip the block, or drop filters true for all of it.
      bool skip = false;
      active.clear();
      for (const auto& f : filters_) {
        const std::uint32_t zmin = s_.zone_min(f.filter->dim, b), zmax = s_.zone_max(f.filter->dim, b);
        const std::uint32_t allowed = f.prefix[zmax + 1] - f.prefix[zmin];
        if (allowed == 0) {
          skip = true;
          break;
        }
        if (allowed != zmax - zmin + 1) active.push_back(&f);
      }
      if (skip) {
        ++t.blocks_skipped;
        continue;
      }
      t.rows_scanned += n;
      ProcessBlock(t, b, start, n, active);
    }
  }

 private:
  void ProcessBlock(ThreadState& t, std::uint64_t b, std::uint64_t start, std::uint64_t n,
                    const std::vector<const PreparedFilter*>& active) {
    const std::uint64_t words = (n + 63) / 64;
    std::uint64_t* sel = t.sel.data();
    const bool full = active.empty();
    if (full) {
      std::fill(sel, sel + words, ~std::uint64_t{0});
      if (n % 64 != 0) sel[words - 1] = (std::uint64_t{1} << (n % 64)) - 1;
    } else {
      EvalFilter(*active[0], start, n, sel);
      for (std::size_t k = 1; k < active.size(); ++k) {
        EvalFilter(*active[k], start, n, t.tmp.data());
        for (std::uint64_t w = 0; w < words; ++w) sel[w] &= t.tmp[w];
      }
    }
    std::uint64_t selected = full ? n : 0;
    for (std::uint64_t w = 0; w < words && !full; ++w) selected += static_cast<std::uint64_t>(std::popcount(sel[w]));
    if (selected == 0) return;
    t.rows_selected += selected;

    std::uint32_t* keys = t.keys.data();
    const auto W = static_cast<std::uint32_t>(plan_.table_width);
    std::optional<std::uint32_t> constant_key;
    if (plan_.dense) {
      std::uint32_t constant = 0;
      std::array<const GroupDim*, kMaxGroupBy> varying;
      std::size_t nvarying = 0;
      for (const auto& g : plan_.dims) {
        const std::uint32_t zmin = s_.zone_min(g.dim, b), zmax = s_.zone_max(g.dim, b);
        if (zmin == zmax) {
          constant += (zmin - g.base) * static_cast<std::uint32_t>(g.stride) * W;
        } else {
          varying[nvarying++] = &g;
        }
      }
      if (plan_.patterns) {
        // A row's counter: its group's first, plus its pattern.
        BuildPatterns(t, start / 64, words);
        const std::uint8_t* patterns = t.patterns.data();
        for (std::uint64_t i = 0; i < n; ++i) keys[i] = constant + patterns[i];
        AddKeys({varying.data(), nvarying}, W, start, n, keys);
      } else if (nvarying == 0) {
        std::fill(keys, keys + n, constant);
        constant_key = constant;
      } else {
        // Zeros are written by memset, far faster than a fill with a value
        // on baseline x86-64; a constant part is added after.
        std::memset(keys, 0, n * sizeof *keys);
        AddKeys({varying.data(), nvarying}, W, start, n, keys);
        if (constant != 0) {
          for (std::uint64_t i = 0; i < n; ++i) keys[i] += constant;
        }
      }
    } else {
      std::uint64_t* packed = t.packed.data();
      std::fill(packed, packed + n, 0);
      for (const auto& g : plan_.dims) PackKey(g, start, n, packed);
      ForEachSelected(sel, words, [&](std::uint64_t i) { keys[i] = t.table.FindOrInsert(packed[i]) * W; });
      const std::size_t slots = t.table.size();
      if (t.ints.size() < slots * plan_.ints) {
        t.ints.resize(std::max(slots, t.ints.size() / plan_.ints * 2) * plan_.ints, 0);
        t.doubles.resize(t.ints.size() / plan_.ints * plan_.doubles, 0.0);
      }
    }
    Accumulate(t, start, words, full, constant_key, selected);
  }

  // Bits of a byte spread to the low bit of each byte of a word: 8 rows'
  // bits side by side, combined for all counters with shifts and ors.
  static const std::array<std::uint64_t, 256>& Spread() {
    static const std::array<std::uint64_t, 256> table = [] {
      std::array<std::uint64_t, 256> t{};
      for (int b = 0; b < 256; ++b) {
        for (int j = 0; j < 8; ++j) t[b] |= static_cast<std::uint64_t>((b >> j) & 1) << (8 * j);
      }
      return t;
    }();
    return table;
  }

  // Each row's pattern of the counters' bits, into t.patterns.
  void BuildPatterns(ThreadState& t, std::uint64_t first_word, std::uint64_t words) {
    const auto& spread = Spread();
    const std::uint64_t* columns[kMaxPatternBits];
    const int nb = static_cast<int>(plan_.pattern_bits.size());
    for (int j = 0; j < nb; ++j) {
      const auto& b = plan_.pattern_bits[j];
      columns[j] = (b.known ? s_.outcome_known(static_cast<Outcome>(b.outcome))
                            : s_.outcome_values(static_cast<Outcome>(b.outcome))) +
                   first_word;
    }
    std::uint8_t* __restrict patterns = t.patterns.data();
    for (std::uint64_t w = 0; w < words; ++w) {
      std::uint64_t out[8] = {};
      for (int j = 0; j < nb; ++j) {
        const std::uint64_t v = columns[j][w];
        for (int k = 0; k < 8; ++k) out[k] |= spread[(v >> (8 * k)) & 0xff] << j;
      }
      std::memcpy(patterns + w * 64, out, sizeof out);
    }
  }

  // The keys hold each row's pattern already (ProcessBlock).
  void CountPatterns(ThreadState& t, std::uint64_t words, bool full, std::uint64_t n) {
    const std::uint32_t* __restrict keys = t.keys.data();
    std::uint32_t* __restrict ints = t.ints.data();
    if (full) {
      for (std::uint64_t i = 0; i < n; ++i) ++ints[keys[i]];
    } else {
      ForEachSelected(t.sel.data(), words, [&](std::uint64_t i) { ++ints[keys[i]]; });
    }
  }

  // constant_key: every row of the block has this key (dense groups whose
  // dimensions are constant in the block, e.g. year and region).
  void Accumulate(ThreadState& t, std::uint64_t start, std::uint64_t words, bool full,
                  std::optional<std::uint32_t> constant_key, std::uint64_t selected) {
    const std::uint32_t* __restrict keys = t.keys.data();
    const std::uint64_t* sel = t.sel.data();
    std::uint32_t* __restrict ints = t.ints.data();
    const int shift = std::countr_zero(static_cast<unsigned>(plan_.table_width));  // slot = key >> shift
    const std::uint64_t first_word = start / 64;
    if (constant_key && !plan_.patterns) {
      // Counts by popcount, without a chain of increments on one counter.
      ints[*constant_key] += static_cast<std::uint32_t>(selected);
      for (const auto& o : plan_.outcomes) {
        const std::uint64_t* values = s_.outcome_values(static_cast<Outcome>(o.outcome)) + first_word;
        const std::uint64_t* known = s_.outcome_known(static_cast<Outcome>(o.outcome)) + first_word;
        std::uint32_t sum = 0, n = 0;
        for (std::uint64_t w = 0; w < words; ++w) {
          sum += static_cast<std::uint32_t>(std::popcount(values[w] & sel[w]));
          if (o.n_slot >= 0) n += static_cast<std::uint32_t>(std::popcount(known[w] & sel[w]));
        }
        ints[*constant_key + o.sum_slot] += sum;
        if (o.n_slot >= 0) ints[*constant_key + o.n_slot] += n;
      }
    } else if (plan_.patterns) {
      CountPatterns(t, words, full, std::min<std::uint64_t>(kBlockRows, s_.rows() - start));
    } else if (full) {
      const std::uint64_t n = std::min<std::uint64_t>(kBlockRows, s_.rows() - start);
      for (std::uint64_t i = 0; i < n; ++i) ++ints[keys[i]];
    } else {
      ForEachSelected(sel, words, [&](std::uint64_t i) { ++ints[keys[i]]; });
    }
    // Outcome counters: one increment per set bit (outcomes are sparse).
    auto count_bits = [&](const std::uint64_t* bits_of, int slot) {
      for (std::uint64_t w = 0; w < words; ++w) {
        std::uint64_t bits = bits_of[w] & sel[w];
        const std::uint32_t* row_keys = keys + w * 64;
        while (bits != 0) {
          ++ints[row_keys[std::countr_zero(bits)] + slot];
          bits &= bits - 1;
        }
      }
    };
    for (const auto& o : plan_.outcomes) {
      if (plan_.patterns || constant_key) break;
      count_bits(s_.outcome_values(static_cast<Outcome>(o.outcome)) + first_word, o.sum_slot);
      if (o.n_slot >= 0) count_bits(s_.outcome_known(static_cast<Outcome>(o.outcome)) + first_word, o.n_slot);
    }
    double* doubles = t.doubles.data();
    const int D = plan_.doubles;
    for (std::size_t k = 0; k < plan_.measures.size(); ++k) {
      const auto& m = plan_.measures[k];
      const double* values = s_.measure(static_cast<Measure>(m.measure)) + start;
      auto& medians = t.medians[k];
      ForEachSelected(sel, words, [&](std::uint64_t i) {
        const double v = values[i];
        if (std::isnan(v)) return;
        const std::uint32_t key = keys[i];
        ++ints[key + m.n_slot];
        if (m.sum_slot >= 0) doubles[(key >> shift) * D + m.sum_slot] += v;
        if (m.median) medians.emplace_back(key >> shift, v);
      });
    }
    if (plan_.distinct) {
      const std::int32_t* students = s_.student_ids() + start;
      if (plan_.distinct_bitmaps) {
        ForEachSelected(sel, words, [&](std::uint64_t i) {
          std::uint64_t*& bitmap = t.bitmaps[keys[i] >> shift];
          if (bitmap == nullptr) {
            t.bitmap_storage.emplace_back(new std::uint64_t[plan_.bitmap_words]());
            bitmap = t.bitmap_storage.back().get();
          }
          const auto id = static_cast<std::uint32_t>(students[i]);
          bitmap[id / 64] |= std::uint64_t{1} << (id % 64);
        });
      } else {
        ForEachSelected(sel, words, [&](std::uint64_t i) {
          t.pairs.push_back(std::uint64_t{keys[i] >> shift} << 32 | static_cast<std::uint32_t>(students[i]));
        });
      }
    }
  }

  const Snapshot& s_;
  const QuerySpec& spec_;
  const Plan& plan_;
  std::vector<PreparedFilter>& filters_;
};

int BitsFor(std::uint32_t n) { return n <= 1 ? 1 : std::bit_width(n - 1); }

// Slots [first, last) of a summed pattern table (2^kBits rows per slot with
// each combination of the counters' bits) as counters: the count, and each
// counter's sum. The bits are known when compiled, so each sum is a fixed
// set of additions.
template <int kBits>
void PatternsToCountersOf(const Plan& plan, const std::uint32_t* table, std::uint64_t first, std::uint64_t last,
                          std::int64_t* ints, std::uint8_t* has_rows) {
  constexpr int P = 1 << kBits;
  const std::uint64_t W = static_cast<std::uint64_t>(plan.ints);
  int slot_of[kBits];
  for (int j = 0; j < kBits; ++j) slot_of[j] = plan.pattern_bits[j].slot;
  for (std::uint64_t g = first; g < last; ++g) {
    const std::uint32_t* h = table + g * P;
    std::uint64_t count = 0;
    std::uint64_t sums[kBits] = {};
    for (int p = 0; p < P; ++p) {
      count += h[p];
      for (int j = 0; j < kBits; ++j) sums[j] += (p >> j & 1) ? h[p] : 0;
    }
    std::int64_t* acc = ints + g * W;
    acc[0] += static_cast<std::int64_t>(count);
    for (int j = 0; j < kBits; ++j) acc[slot_of[j]] += static_cast<std::int64_t>(sums[j]);
    has_rows[g] = count > 0;
  }
}
void PatternsToCounters(const Plan& plan, const std::uint32_t* table, std::uint64_t first, std::uint64_t last,
                        std::int64_t* ints, std::uint8_t* has_rows) {
  switch (plan.pattern_bits.size()) {
    case 1:
      return PatternsToCountersOf<1>(plan, table, first, last, ints, has_rows);
    case 2:
      return PatternsToCountersOf<2>(plan, table, first, last, ints, has_rows);
    case 3:
      return PatternsToCountersOf<3>(plan, table, first, last, ints, has_rows);
    case 4:
      return PatternsToCountersOf<4>(plan, table, first, last, ints, has_rows);
    case 5:
      return PatternsToCountersOf<5>(plan, table, first, last, ints, has_rows);
    default:
      return PatternsToCountersOf<kMaxPatternBits>(plan, table, first, last, ints, has_rows);
  }
}

Result<Plan> MakePlan(const Snapshot& s, const QuerySpec& spec, const std::vector<ResultColumn>& columns, int threads,
                      std::uint64_t budget, bool allow_patterns) {
  Plan plan;
  if (spec.group_by.size() > kMaxGroupBy)
    return InvalidArgument(fmt::format("group_by: at most {} dimensions", kMaxGroupBy));
  for (Dim d : spec.group_by) {
    GroupDim g;
    g.dim = d;
    g.column = {s.codes(d), s.code_width(d)};
    std::uint32_t lo = 0, hi = std::max<std::uint32_t>(s.dictionary(d).size(), 1) - 1;
    // Filters on a grouped dimension narrow its code range.
    for (const auto& f : spec.filters) {
      if (f.dim != d) continue;
      lo = std::max(lo, f.lo);
      hi = std::min(hi, f.hi);
    }
    if (lo > hi) hi = lo;  // nothing passes; keep a valid range
    g.base = lo;
    g.radix = hi - lo + 1;
    plan.dims.push_back(g);
  }
  std::uint64_t product = 1;
  for (auto it = plan.dims.rbegin(); it != plan.dims.rend(); ++it) {
    it->stride = product;
    product = product > kMaxDenseSlots ? product : product * it->radix;
  }
  int shift = 0;
  for (auto it = plan.dims.rbegin(); it != plan.dims.rend(); ++it) {
    it->shift = shift;
    shift += BitsFor(s.dictionary(it->dim).size());
  }
  plan.key_bits = shift;
  for (const auto& c : columns) {
    if (c.name == "distinct_students") plan.distinct = true;
  }
  // Accumulator layout.
  auto outcome_acc = [&](int o) -> Plan::OutcomeAcc& {
    for (auto& a : plan.outcomes) {
      if (a.outcome == o) return a;
    }
    plan.outcomes.push_back({o, plan.ints++, -1});
    return plan.outcomes.back();
  };
  auto measure_acc = [&](int m) -> Plan::MeasureAcc& {
    for (auto& a : plan.measures) {
      if (a.measure == m) return a;
    }
    plan.measures.push_back({m, plan.ints++, -1, false});
    return plan.measures.back();
  };
  for (const auto& c : columns) {
    if (c.outcome) {
      auto& a = outcome_acc(static_cast<int>(*c.outcome));
      if (c.name.ends_with("_n") && a.n_slot < 0 && !s.outcome_never_missing(*c.outcome)) a.n_slot = plan.ints++;
    }
    if (c.measure) {
      auto& a = measure_acc(static_cast<int>(*c.measure));
      if ((c.kind == ColumnKind::kSum || c.kind == ColumnKind::kMean) && a.sum_slot < 0) a.sum_slot = plan.doubles++;
      if (c.kind == ColumnKind::kMedian) a.median = true;
    }
  }
  // Whole cache-line fractions per group: a row's counters never straddle lines.
  plan.ints = static_cast<int>(std::bit_ceil(static_cast<unsigned>(plan.ints)));
  const std::uint64_t per_slot = plan.ints * 4ull + plan.doubles * 8ull;
  plan.dense = plan.dims.empty() ||
               (product <= kMaxDenseSlots && product * plan.ints < (std::uint64_t{1} << 32) &&
                product * per_slot * threads <= budget / 2 && product <= std::max<std::uint64_t>(65536, s.rows()));
  plan.table_width = plan.ints;
  if (plan.dense) {
    plan.dense_slots = product;
    std::vector<Plan::PatternBit> bits;
    for (const auto& o : plan.outcomes) {
      bits.push_back({o.outcome, false, o.sum_slot});
      if (o.n_slot >= 0) bits.push_back({o.outcome, true, o.n_slot});
    }
    // Worth it when rows outnumber the pattern table that the merge reads.
    if (allow_patterns && plan.measures.empty() && !bits.empty() && bits.size() <= kMaxPatternBits &&
        product * (std::uint64_t{1} << bits.size()) * threads <= s.rows() &&
        product * (std::uint64_t{1} << bits.size()) < (std::uint64_t{1} << 32)) {
      plan.patterns = true;
      plan.pattern_bits = std::move(bits);
      plan.table_width = 1 << plan.pattern_bits.size();
    }
  } else if (plan.key_bits > 63) {
    return ResourceExhausted("group_by: too many distinct group values to combine");
  }
  if (plan.distinct) {
    plan.bitmap_words = (std::uint64_t{s.students()} + 63) / 64;
    plan.distinct_bitmaps = plan.dense && plan.dense_slots * plan.bitmap_words * 8 * threads <= budget;
  }
  return plan;
}

std::vector<PreparedFilter> PrepareFilters(const Snapshot& s, const QuerySpec& spec) {
  std::vector<PreparedFilter> out;
  for (const auto& f : spec.filters) {
    PreparedFilter p;
    p.filter = &f;
    p.column = {s.codes(f.dim), s.code_width(f.dim)};
    const std::uint32_t size = s.dictionary(f.dim).size();
    p.prefix.assign(size + 1, 0);
    for (std::uint32_t c = 0; c < size; ++c)
      p.prefix[c + 1] = p.prefix[c] + (c < f.allowed.size() && f.allowed[c] ? 1 : 0);
    const std::uint32_t count = p.prefix[size];
    p.contiguous = count > 0 && count == f.hi - f.lo + 1;
    if (!p.contiguous) {
      const std::size_t range = p.column.width == 1 ? 256 : p.column.width == 2 ? 65536 : size;
      p.table.assign(std::max<std::size_t>(range, size), 0);
      for (std::uint32_t c = 0; c < size && c < f.allowed.size(); ++c) p.table[c] = f.allowed[c];
    }
    out.push_back(std::move(p));
  }
  return out;
}

// Median of v (not empty); an even count gives the mean of the two middle values.
double Median(std::vector<double>::iterator first, std::vector<double>::iterator last) {
  const auto n = last - first;
  auto mid = first + n / 2;
  std::nth_element(first, mid, last);
  if (n % 2 == 1) return *mid;
  const double upper = *mid;
  const double lower = *std::max_element(first, mid);
  return lower + (upper - lower) / 2;
}

}  // namespace

Result<QueryResult> Execute(const Snapshot& s, const QuerySpec& spec, const ExecOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  for (const auto& f : spec.filters) {
    if (f.allowed.size() != s.dictionary(f.dim).size()) {
      return InvalidArgument(fmt::format("filter on {} was resolved against another snapshot", DimName(f.dim)));
    }
  }
  std::vector<ResultColumn> measure_columns = internal::MeasureColumns(spec.measures);
  int threads = ThreadCount(options.threads);
  threads = static_cast<int>(std::max<std::uint64_t>(1, std::min<std::uint64_t>(threads, s.blocks())));
  PL_ASSIGN_OR_RETURN(Plan plan,
                      MakePlan(s, spec, measure_columns, threads, options.memory_budget_bytes, options.allow_patterns));
  std::vector<PreparedFilter> filters = PrepareFilters(s, spec);

  // Scan.
  std::vector<ThreadState> states(threads);
  Executor executor(s, spec, plan, filters);
  std::atomic<std::uint64_t> next_block{0};
  {
    std::vector<std::jthread> workers;
    for (int i = 1; i < threads; ++i) workers.emplace_back([&, i] { executor.Run(states[i], next_block); });
    executor.Run(states[0], next_block);
  }

  // Merge into global slots.
  const int W = plan.ints, D = plan.doubles;
  std::vector<std::int64_t> ints;
  std::vector<double> doubles;
  std::vector<std::uint64_t> packed_of_slot;  // hash mode
  // Dense mode: whether a slot has rows, set by the merge, so that finding
  // the groups reads a byte per slot rather than a cache line.
  std::vector<std::uint8_t> has_rows;
  std::vector<std::vector<std::uint32_t>> to_global(threads);
  std::uint64_t slots = 0;
  if (plan.dense) {
    slots = plan.dense_slots;
    ints.assign(slots * W, 0);
    doubles.assign(slots * D, 0.0);
    has_rows.assign(slots, 0);
    // Slots are merged in parts, side by side: the tables hold every
    // possible group, so this is real work for large group-bys.
    constexpr std::uint64_t kMinSlotsPerThread = 16384;
    if (plan.patterns) {
      // Sum the threads' pattern tables, then turn patterns into counters.
      const std::uint64_t P = plan.table_width;
      std::vector<std::uint32_t>* base = nullptr;
      std::vector<const std::uint32_t*> others;
      for (auto& t : states) {
        if (t.ints.empty()) continue;
        if (base == nullptr) {
          base = &t.ints;
        } else {
          others.push_back(t.ints.data());
        }
      }
      if (base != nullptr) {
        ForEachRange(slots, threads, kMinSlotsPerThread, [&](std::uint64_t first, std::uint64_t last) {
          std::uint32_t* __restrict to = base->data();
          for (const std::uint32_t* __restrict from : others) {
            for (std::uint64_t i = first * P; i < last * P; ++i) to[i] += from[i];
          }
          PatternsToCounters(plan, base->data(), first, last, ints.data(), has_rows.data());
        });
      }
    } else {
      ForEachRange(slots, threads, kMinSlotsPerThread, [&](std::uint64_t first, std::uint64_t last) {
        for (auto& t : states) {
          if (t.ints.empty()) continue;
          for (std::uint64_t i = first * W; i < last * W; ++i) ints[i] += t.ints[i];
          for (std::uint64_t i = first * D; i < last * D; ++i) doubles[i] += t.doubles[i];
        }
        for (std::uint64_t g = first; g < last; ++g) has_rows[g] = ints[g * W] > 0;
      });
    }
  } else {
    SlotTable global;
    for (int ti = 0; ti < threads; ++ti) {
      const auto& local = states[ti].table.keys_by_slot();
      to_global[ti].resize(local.size());
      for (std::size_t l = 0; l < local.size(); ++l) to_global[ti][l] = global.FindOrInsert(local[l]);
    }
    slots = global.size();
    packed_of_slot = global.keys_by_slot();
    ints.assign(slots * W, 0);
    doubles.assign(slots * D, 0.0);
    for (int ti = 0; ti < threads; ++ti) {
      const auto& t = states[ti];
      for (std::size_t l = 0; l < to_global[ti].size(); ++l) {
        const std::uint64_t g = to_global[ti][l];
        for (int k = 0; k < W; ++k) ints[g * W + k] += t.ints[l * W + k];
        for (int k = 0; k < D; ++k) doubles[g * D + k] += t.doubles[l * D + k];
      }
    }
  }
  auto global_slot = [&](int ti, std::uint32_t local) -> std::uint64_t {
    return plan.dense ? local : to_global[ti][local];
  };

  // Groups with rows, in group-value order, and their codes. Dense slots are
  // walked in order with a mixed-radix counter (no divisions per group).
  const std::size_t G = spec.group_by.size();
  std::vector<std::uint64_t> groups;
  std::vector<std::uint32_t> group_codes;
  if (plan.dense) {
    std::vector<std::uint32_t> digit(G, 0);
    for (std::uint64_t g = 0; g < slots; ++g) {
      if (has_rows[g]) {
        groups.push_back(g);
        for (std::size_t d = 0; d < G; ++d) group_codes.push_back(digit[d] + plan.dims[d].base);
      }
      for (std::size_t d = G; d-- > 0;) {
        if (++digit[d] < plan.dims[d].radix) break;
        digit[d] = 0;
      }
    }
  } else {
    for (std::uint64_t g = 0; g < slots; ++g) {
      if (ints[g * W] > 0) groups.push_back(g);
    }
    std::sort(groups.begin(), groups.end(), [&](auto a, auto b) { return packed_of_slot[a] < packed_of_slot[b]; });
    for (std::uint64_t slot : groups) {
      for (std::size_t d = 0; d < G; ++d) {
        const auto& dim = plan.dims[d];
        const std::uint64_t mask = (std::uint64_t{1} << BitsFor(s.dictionary(dim.dim).size())) - 1;
        group_codes.push_back(static_cast<std::uint32_t>((packed_of_slot[slot] >> dim.shift) & mask));
      }
    }
  }
  std::vector<std::uint32_t> row_of_slot(slots, 0);
  for (std::uint32_t r = 0; r < groups.size(); ++r) row_of_slot[groups[r]] = r;
  const std::uint64_t rows = groups.size();

  QueryResult result;
  result.data_version = s.data_version();
  result.group_by = spec.group_by;
  result.row_count = rows;
  for (Dim d : spec.group_by) {
    result.dictionaries.push_back(s.dictionary(d));
    ResultColumn c;
    c.name = std::string(DimName(d));
    c.kind = ColumnKind::kDimension;
    c.dim = d;
    result.columns.push_back(std::move(c));
  }
  result.codes = std::move(group_codes);

  // Distinct students per group.
  std::vector<std::int64_t> distinct(plan.distinct ? rows : 0, 0);
  if (plan.distinct && plan.distinct_bitmaps) {
    std::vector<std::uint64_t> merged(plan.bitmap_words);
    for (std::uint64_t r = 0; r < rows; ++r) {
      std::fill(merged.begin(), merged.end(), 0);
      for (auto& t : states) {
        if (t.bitmaps.empty() || t.bitmaps[groups[r]] == nullptr) continue;
        const std::uint64_t* b = t.bitmaps[groups[r]];
        for (std::uint64_t w = 0; w < plan.bitmap_words; ++w) merged[w] |= b[w];
      }
      std::int64_t n = 0;
      for (auto w : merged) n += std::popcount(w);
      distinct[r] = n;
    }
  } else if (plan.distinct) {
    std::vector<std::uint64_t> pairs;
    for (int ti = 0; ti < threads; ++ti) {
      for (auto p : states[ti].pairs) {
        pairs.push_back(std::uint64_t{row_of_slot[global_slot(ti, static_cast<std::uint32_t>(p >> 32))]} << 32 |
                        (p & 0xffffffffu));
      }
      std::vector<std::uint64_t>().swap(states[ti].pairs);
    }
    std::sort(pairs.begin(), pairs.end());
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      if (i == 0 || pairs[i] != pairs[i - 1]) ++distinct[pairs[i] >> 32];
    }
  }

  // Medians: values bucketed by result row, then nth_element per row.
  std::vector<std::vector<double>> medians(plan.measures.size());
  for (std::size_t k = 0; k < plan.measures.size(); ++k) {
    const auto& m = plan.measures[k];
    if (!m.median) continue;
    std::vector<std::uint64_t> offset(rows + 1, 0);
    for (std::uint64_t r = 0; r < rows; ++r) offset[r + 1] = offset[r] + ints[groups[r] * W + m.n_slot];
    std::vector<double> values(offset[rows]);
    std::vector<std::uint64_t> fill(offset.begin(), offset.end() - 1);
    for (int ti = 0; ti < threads; ++ti) {
      for (const auto& [slot, v] : states[ti].medians[k]) values[fill[row_of_slot[global_slot(ti, slot)]]++] = v;
      std::vector<std::pair<std::uint32_t, double>>().swap(states[ti].medians[k]);
    }
    medians[k].assign(rows, std::numeric_limits<double>::quiet_NaN());
    for (std::uint64_t r = 0; r < rows; ++r) {
      if (offset[r + 1] > offset[r]) {
        medians[k][r] = Median(values.begin() + static_cast<std::ptrdiff_t>(offset[r]),
                               values.begin() + static_cast<std::ptrdiff_t>(offset[r + 1]));
      }
    }
  }

  // Measure columns.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  auto outcome_of = [&](Outcome o) -> const Plan::OutcomeAcc& {
    for (const auto& a : plan.outcomes) {
      if (a.outcome == static_cast<int>(o)) return a;
    }
    return plan.outcomes.front();  // unreachable: every outcome column has an accumulator
  };
  auto measure_of = [&](Measure m) -> std::size_t {
    for (std::size_t k = 0; k < plan.measures.size(); ++k) {
      if (plan.measures[k].measure == static_cast<int>(m)) return k;
    }
    return 0;
  };
  for (auto& c : measure_columns) {
    // What the column reads, decided once per column (not per row).
    enum class From { kCount, kDistinct, kInt, kOutcomeN, kRate, kDoubleSum, kMean, kMedian } from = From::kCount;
    int slot = 0, n_slot = -1;
    std::size_t k = 0;
    if (c.name == "distinct_students") {
      from = From::kDistinct;
    } else if (c.outcome) {
      const auto& a = outcome_of(*c.outcome);
      slot = a.sum_slot;
      n_slot = a.n_slot;
      from = c.kind == ColumnKind::kSum ? From::kInt : c.kind == ColumnKind::kCount ? From::kOutcomeN : From::kRate;
    } else if (c.measure) {
      k = measure_of(*c.measure);
      const auto& a = plan.measures[k];
      n_slot = a.n_slot;
      slot = a.sum_slot;
      from = c.kind == ColumnKind::kCount  ? From::kInt
             : c.kind == ColumnKind::kSum  ? From::kDoubleSum
             : c.kind == ColumnKind::kMean ? From::kMean
                                           : From::kMedian;
      if (from == From::kInt) slot = a.n_slot;
    }
    if (c.integer)
      c.ints.resize(rows);
    else
      c.doubles.resize(rows);
    for (std::uint64_t r = 0; r < rows; ++r) {
      const std::int64_t* acc = &ints[groups[r] * W];
      const double* dacc = D > 0 ? &doubles[groups[r] * D] : nullptr;
      switch (from) {
        case From::kCount:
          c.ints[r] = acc[0];
          break;
        case From::kDistinct:
          c.ints[r] = distinct[r];
          break;
        case From::kInt:
          c.ints[r] = acc[slot];
          break;
        case From::kOutcomeN:
          c.ints[r] = n_slot < 0 ? acc[0] : acc[n_slot];
          break;
        case From::kRate: {
          const std::int64_t n = n_slot < 0 ? acc[0] : acc[n_slot];
          c.doubles[r] = n == 0 ? nan : static_cast<double>(acc[slot]) / static_cast<double>(n);
          break;
        }
        case From::kDoubleSum:
          c.doubles[r] = dacc[slot];
          break;
        case From::kMean: {
          const std::int64_t n = acc[n_slot];
          c.doubles[r] = n == 0 ? nan : dacc[slot] / static_cast<double>(n);
          break;
        }
        case From::kMedian:
          c.doubles[r] = medians[k][r];
          break;
      }
    }
    result.columns.push_back(std::move(c));
  }

  // order_by, then limit.
  if (!spec.order_by.empty() || (spec.limit && *spec.limit < rows)) {
    std::vector<std::uint64_t> order(rows);
    std::iota(order.begin(), order.end(), 0);
    if (!spec.order_by.empty()) {
      std::vector<std::pair<std::size_t, bool>> keys;
      for (const auto& k : spec.order_by) {
        auto col = result.FindColumn(k.column);
        if (!col) return InvalidArgument(fmt::format("order_by: unknown column \"{}\"", k.column));
        keys.emplace_back(*col, k.desc);
      }
      std::stable_sort(order.begin(), order.end(), [&](std::uint64_t a, std::uint64_t b) {
        for (auto [col, desc] : keys) {
          const ResultColumn& c = result.columns[col];
          if (c.kind == ColumnKind::kDimension) {
            const std::uint32_t x = result.code(a, col), y = result.code(b, col);
            if (x != y) return desc ? x > y : x < y;
          } else if (c.integer) {
            if (c.ints[a] != c.ints[b]) return desc ? c.ints[a] > c.ints[b] : c.ints[a] < c.ints[b];
          } else {
            const double x = c.doubles[a], y = c.doubles[b];
            if (std::isnan(x) || std::isnan(y)) {
              if (std::isnan(x) != std::isnan(y)) return std::isnan(y);  // null last
              continue;
            }
            if (x != y) return desc ? x > y : x < y;
          }
        }
        return false;
      });
    }
    if (spec.limit && *spec.limit < rows) order.resize(*spec.limit);
    std::vector<std::uint32_t> codes(order.size() * G);
    for (std::size_t r = 0; r < order.size(); ++r) {
      for (std::size_t g = 0; g < G; ++g) codes[r * G + g] = result.codes[order[r] * G + g];
    }
    result.codes = std::move(codes);
    for (auto& c : result.columns) {
      if (c.kind == ColumnKind::kDimension) continue;
      if (c.integer) {
        std::vector<std::int64_t> v(order.size());
        for (std::size_t r = 0; r < order.size(); ++r) v[r] = c.ints[order[r]];
        c.ints = std::move(v);
      } else {
        std::vector<double> v(order.size());
        for (std::size_t r = 0; r < order.size(); ++r) v[r] = c.doubles[order[r]];
        c.doubles = std::move(v);
      }
    }
    result.row_count = order.size();
  }

  for (const auto& t : states) {
    result.stats.rows_scanned += t.rows_scanned;
    result.stats.rows_selected += t.rows_selected;
    result.stats.blocks_skipped += t.blocks_skipped;
  }
  result.stats.threads = threads;
  result.stats.dense_groups = plan.dense;
  result.stats.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

Result<QueryResult> RunQuery(const Snapshot& snapshot, const nlohmann::json& spec, const ExecOptions& options) {
  PL_ASSIGN_OR_RETURN(QuerySpec parsed, ParseQuerySpec(spec, snapshot));
  return Execute(snapshot, parsed, options);
}

}  // namespace pl::engine
