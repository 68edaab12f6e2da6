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
#include <atomic>
#include <bit>
#include <chrono>
#include <cmath>
#include <numeric>
#include <thread>

#include <fmt/format.h>

#include "engine/internal.hpp"
#include "engine/plan.hpp"

namespace pl::engine {
namespace {

constexpr std::uint64_t kMaxDenseSlots = 4u << 20;
constexpr std::uint64_t kWordsPerBlock = kBlockRows / 64;
constexpr std::uint64_t kEmptyKey = ~std::uint64_t{0};

struct Column {
  const void* data;
  int width;
};

struct GroupDim {
  Dim dim;
  Column column;
  std::uint32_t base = 0;   // smallest code that can pass the filters
  std::uint32_t radix = 1;  // codes base..base+radix-1
  std::uint64_t stride = 1; // dense: mixed-radix weight
  int shift = 0;            // hash: bit position in the packed key
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
  SlotTable table;  // hash mode
  std::vector<std::uint64_t*> bitmaps;  // distinct, per slot, lazily allocated
  std::vector<std::unique_ptr<std::uint64_t[]>> bitmap_storage;
  std::vector<std::uint64_t> pairs;  // distinct fallback: slot << 32 | student
  std::vector<std::vector<std::pair<std::uint32_t, double>>> medians;  // per plan measure
  std::uint64_t rows_scanned = 0, rows_selected = 0, blocks_skipped = 0;
  // Scratch for one block.
  std::vector<std::uint32_t> keys = std::vector<std::uint32_t>(kBlockRows);
  std::vector<std::uint64_t> packed;
  std::vector<std::uint64_t> sel = std::vector<std::uint64_t>(kWordsPerBlock);
  std::vector<std::uint64_t> tmp = std::vector<std::uint64_t>(kWordsPerBlock);
};

template <typename T>
void EvalFilterT(const T* codes, std::uint64_t n, const PreparedFilter& f, std::uint64_t* out) {
  const std::uint64_t words = (n + 63) / 64;
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
    case 1: EvalFilterT(static_cast<const std::uint8_t*>(f.column.data) + start, n, f, out); break;
    case 2: EvalFilterT(static_cast<const std::uint16_t*>(f.column.data) + start, n, f, out); break;
    default: EvalFilterT(static_cast<const std::uint32_t*>(f.column.data) + start, n, f, out);
  }
}

// keys[i] += (code - base) * stride, or the constant when the block has one code.
template <typename T>
void AddKeyT(const T* codes, std::uint64_t n, std::uint32_t base, std::uint32_t stride, std::uint32_t* keys) {
  for (std::uint64_t i = 0; i < n; ++i) keys[i] += (static_cast<std::uint32_t>(codes[i]) - base) * stride;
}
template <typename T>
void PackKeyT(const T* codes, std::uint64_t n, int shift, std::uint64_t* keys) {
  for (std::uint64_t i = 0; i < n; ++i) keys[i] |= std::uint64_t{codes[i]} << shift;
}

void AddKey(const GroupDim& g, std::uint64_t start, std::uint64_t n, std::uint32_t* keys) {
  const auto stride = static_cast<std::uint32_t>(g.stride);
  switch (g.column.width) {
    case 1: AddKeyT(static_cast<const std::uint8_t*>(g.column.data) + start, n, g.base, stride, keys); break;
    case 2: AddKeyT(static_cast<const std::uint16_t*>(g.column.data) + start, n, g.base, stride, keys); break;
    default: AddKeyT(static_cast<const std::uint32_t*>(g.column.data) + start, n, g.base, stride, keys);
  }
}
void PackKey(const GroupDim& g, std::uint64_t start, std::uint64_t n, std::uint64_t* keys) {
  switch (g.column.width) {
    case 1: PackKeyT(static_cast<const std::uint8_t*>(g.column.data) + start, n, g.shift, keys); break;
    case 2: PackKeyT(static_cast<const std::uint16_t*>(g.column.data) + start, n, g.shift, keys); break;
    default: PackKeyT(static_cast<const std::uint32_t*>(g.column.data) + start, n, g.shift, keys);
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

struct BitCounter {
  const std::uint64_t* words;  // outcome value or known bits, from the block's first word
  int slot;
};

// ++count and += bit for every counter, per selected row. N >= 0 fixes the
// number of counters at compile time (unrolled); -1 is the general loop.
template <int N>
void CountRows(const std::uint64_t* sel, std::uint64_t words, const std::uint32_t* keys, std::uint32_t* ints, int W,
               const BitCounter* counters, int nc) {
  constexpr int kMax = 2 * kNumOutcomes;
  const int n = N >= 0 ? N : nc;
  std::uint64_t bits_of[kMax];
  int slot_of[kMax];
  for (int k = 0; k < n; ++k) slot_of[k] = counters[k].slot;
  for (std::uint64_t w = 0; w < words; ++w) {
    std::uint64_t bits = sel[w];
    if (bits == 0) continue;
    for (int k = 0; k < n; ++k) bits_of[k] = counters[k].words[w];
    const std::uint32_t* row_keys = keys + w * 64;
    while (bits != 0) {
      const int b = std::countr_zero(bits);
      std::uint32_t* acc = ints + row_keys[b] * W;
      ++acc[0];
      if constexpr (N >= 0) {
        for (int k = 0; k < N; ++k) acc[slot_of[k]] += static_cast<std::uint32_t>((bits_of[k] >> b) & 1);
      } else {
        for (int k = 0; k < n; ++k) acc[slot_of[k]] += static_cast<std::uint32_t>((bits_of[k] >> b) & 1);
      }
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
      t.ints.assign(plan_.dense_slots * plan_.ints, 0);
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
    std::uint64_t selected = 0;
    for (std::uint64_t w = 0; w < words; ++w) selected += static_cast<std::uint64_t>(std::popcount(sel[w]));
    if (selected == 0) return;
    t.rows_selected += selected;

    std::uint32_t* keys = t.keys.data();
    if (plan_.dense) {
      std::uint32_t constant = 0;
      bool any_varying = false;
      for (const auto& g : plan_.dims) {
        const std::uint32_t zmin = s_.zone_min(g.dim, b), zmax = s_.zone_max(g.dim, b);
        if (zmin == zmax) {
          constant += (zmin - g.base) * static_cast<std::uint32_t>(g.stride);
        } else {
          if (!any_varying) std::fill(keys, keys + n, 0u);
          any_varying = true;
          AddKey(g, start, n, keys);
        }
      }
      if (!any_varying) {
        std::fill(keys, keys + n, constant);
      } else if (constant != 0) {
        for (std::uint64_t i = 0; i < n; ++i) keys[i] += constant;
      }
    } else {
      std::uint64_t* packed = t.packed.data();
      std::fill(packed, packed + n, 0);
      for (const auto& g : plan_.dims) PackKey(g, start, n, packed);
      ForEachSelected(sel, words, [&](std::uint64_t i) { keys[i] = t.table.FindOrInsert(packed[i]); });
      const std::size_t slots = t.table.size();
      if (t.ints.size() < slots * plan_.ints) {
        t.ints.resize(std::max(slots, t.ints.size() / plan_.ints * 2) * plan_.ints, 0);
        t.doubles.resize(t.ints.size() / plan_.ints * plan_.doubles, 0.0);
      }
    }
    Accumulate(t, start, words, full);
  }

  void Accumulate(ThreadState& t, std::uint64_t start, std::uint64_t words, bool full) {
    const std::uint32_t* keys = t.keys.data();
    const std::uint64_t* sel = t.sel.data();
    std::uint32_t* ints = t.ints.data();
    const int W = plan_.ints;
    // Count and every outcome counter in one pass over the selected rows:
    // one table line per row instead of one pass per counter.
    const std::uint64_t first_word = start / 64;
    BitCounter counters[2 * kNumOutcomes];
    int nc = 0;
    for (const auto& o : plan_.outcomes) {
      counters[nc++] = {s_.outcome_values(static_cast<Outcome>(o.outcome)) + first_word, o.sum_slot};
      if (o.n_slot >= 0) counters[nc++] = {s_.outcome_known(static_cast<Outcome>(o.outcome)) + first_word, o.n_slot};
    }
    switch (nc) {
      case 0: CountRows<0>(sel, words, keys, ints, W, counters, nc); break;
      case 1: CountRows<1>(sel, words, keys, ints, W, counters, nc); break;
      case 2: CountRows<2>(sel, words, keys, ints, W, counters, nc); break;
      case 3: CountRows<3>(sel, words, keys, ints, W, counters, nc); break;
      case 4: CountRows<4>(sel, words, keys, ints, W, counters, nc); break;
      case 5: CountRows<5>(sel, words, keys, ints, W, counters, nc); break;
      case 6: CountRows<6>(sel, words, keys, ints, W, counters, nc); break;
      default: CountRows<-1>(sel, words, keys, ints, W, counters, nc);
    }
    (void)full;
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
        ++ints[key * W + m.n_slot];
        if (m.sum_slot >= 0) doubles[key * D + m.sum_slot] += v;
        if (m.median) medians.emplace_back(key, v);
      });
    }
    if (plan_.distinct) {
      const std::int32_t* students = s_.student_ids() + start;
      if (plan_.distinct_bitmaps) {
        ForEachSelected(sel, words, [&](std::uint64_t i) {
          std::uint64_t*& bitmap = t.bitmaps[keys[i]];
          if (bitmap == nullptr) {
            t.bitmap_storage.emplace_back(new std::uint64_t[plan_.bitmap_words]());
            bitmap = t.bitmap_storage.back().get();
          }
          const auto id = static_cast<std::uint32_t>(students[i]);
          bitmap[id / 64] |= std::uint64_t{1} << (id % 64);
        });
      } else {
        ForEachSelected(sel, words, [&](std::uint64_t i) {
          t.pairs.push_back(std::uint64_t{keys[i]} << 32 | static_cast<std::uint32_t>(students[i]));
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

Result<Plan> MakePlan(const Snapshot& s, const QuerySpec& spec, const std::vector<ResultColumn>& columns, int threads,
                      std::uint64_t budget) {
  Plan plan;
  if (spec.group_by.size() > kMaxGroupBy) return InvalidArgument(fmt::format("group_by: at most {} dimensions", kMaxGroupBy));
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
               (product <= kMaxDenseSlots && product * per_slot * threads <= budget / 2 &&
                product <= std::max<std::uint64_t>(65536, s.rows()));
  if (plan.dense) {
    plan.dense_slots = product;
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
    for (std::uint32_t c = 0; c < size; ++c) p.prefix[c + 1] = p.prefix[c] + (c < f.allowed.size() && f.allowed[c] ? 1 : 0);
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
  int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = static_cast<int>(std::max<std::uint64_t>(1, std::min<std::uint64_t>(threads, s.blocks())));
  PL_ASSIGN_OR_RETURN(Plan plan, MakePlan(s, spec, measure_columns, threads, options.memory_budget_bytes));
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
  std::vector<std::vector<std::uint32_t>> to_global(threads);
  std::uint64_t slots = 0;
  if (plan.dense) {
    slots = plan.dense_slots;
    ints.assign(slots * W, 0);
    doubles.assign(slots * D, 0.0);
    for (auto& t : states) {
      if (t.ints.empty()) continue;
      for (std::uint64_t i = 0; i < slots * W; ++i) ints[i] += t.ints[i];
      for (std::uint64_t i = 0; i < slots * D; ++i) doubles[i] += t.doubles[i];
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

  // Groups with rows, in group-value order.
  std::vector<std::uint64_t> groups;
  for (std::uint64_t g = 0; g < slots; ++g) {
    if (ints[g * W] > 0) groups.push_back(g);
  }
  if (!plan.dense) {
    std::sort(groups.begin(), groups.end(), [&](auto a, auto b) { return packed_of_slot[a] < packed_of_slot[b]; });
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
  const std::size_t G = spec.group_by.size();
  result.codes.resize(rows * G);
  for (std::uint64_t r = 0; r < rows; ++r) {
    const std::uint64_t slot = groups[r];
    for (std::size_t g = 0; g < G; ++g) {
      const auto& dim = plan.dims[g];
      result.codes[r * G + g] =
          plan.dense ? static_cast<std::uint32_t>(slot / dim.stride % dim.radix) + dim.base
                     : static_cast<std::uint32_t>((packed_of_slot[slot] >> dim.shift) &
                                                  ((std::uint64_t{1} << BitsFor(s.dictionary(dim.dim).size())) - 1));
    }
  }

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
    if (c.integer) c.ints.resize(rows); else c.doubles.resize(rows);
    for (std::uint64_t r = 0; r < rows; ++r) {
      const std::int64_t* acc = &ints[groups[r] * W];
      const double* dacc = D > 0 ? &doubles[groups[r] * D] : nullptr;
      const std::int64_t count = acc[0];
      if (c.name == "count") {
        c.ints[r] = count;
      } else if (c.name == "distinct_students") {
        c.ints[r] = distinct[r];
      } else if (c.outcome) {
        const auto& a = outcome_of(*c.outcome);
        const std::int64_t sum = acc[a.sum_slot], n = a.n_slot < 0 ? count : acc[a.n_slot];
        if (c.kind == ColumnKind::kSum) c.ints[r] = sum;
        else if (c.kind == ColumnKind::kCount) c.ints[r] = n;
        else c.doubles[r] = n == 0 ? nan : static_cast<double>(sum) / static_cast<double>(n);
      } else if (c.measure) {
        const std::size_t k = measure_of(*c.measure);
        const auto& a = plan.measures[k];
        const std::int64_t n = acc[a.n_slot];
        switch (c.kind) {
          case ColumnKind::kCount: c.ints[r] = n; break;
          case ColumnKind::kSum: c.doubles[r] = dacc[a.sum_slot]; break;
          case ColumnKind::kMean: c.doubles[r] = n == 0 ? nan : dacc[a.sum_slot] / static_cast<double>(n); break;
          case ColumnKind::kMedian: c.doubles[r] = medians[k][r]; break;
          default: break;
        }
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

}  // namespace pl::engine
