// Property: for random small data and a random spec, Execute equals a naive
// row-by-row evaluation of the same spec over the rows given to the
// builder, on the dense and the hash paths, with any number of threads.
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "engine/engine.hpp"
#include "engine_fixture.hpp"

namespace pl::engine::testing {
namespace {

using nlohmann::json;

// Dimensions the property varies (others stay missing), with small value sets.
const std::vector<std::pair<Dim, std::vector<std::string>>>& Domains() {
  static const std::vector<std::pair<Dim, std::vector<std::string>>> d = {
      {Dim::kSchoolYear, {"2021", "2022", "2023", "2024", "2025"}},
      {Dim::kRegion, {"BA", "CVML", "LA"}},
      {Dim::kRaceEthnicity, {"asian", "black_african_american", "hispanic_latino", "white"}},
      {Dim::kGender, {"F", "M", "X"}},
      {Dim::kSocioeconomicallyDisadvantaged, {"0", "1"}},
      {Dim::kOrganization, {"A1", "A2", "B1", "C7", "Z9"}},
  };
  return d;
}

rc::Gen<PlainRow> GenRow(int students) {
  return rc::gen::exec([students] {
    PlainRow r;
    r.student = *rc::gen::inRange(0, students);
    for (const auto& [dim, values] : Domains()) {
      // School year is never missing in the store; the rest may be.
      const int pick = *rc::gen::inRange<int>(dim == Dim::kSchoolYear ? 0 : -1, static_cast<int>(values.size()));
      if (pick >= 0) r.dims[static_cast<int>(dim)] = values[pick];
    }
    for (int o = 0; o < kNumOutcomes; ++o) {
      const int v = *rc::gen::inRange(-1, 2);
      if (v >= 0) r.outcomes[o] = v == 1;
    }
    for (int m = 0; m < kNumMeasures; ++m) {
      if (*rc::gen::inRange(0, 3) > 0) r.measures[m] = *rc::gen::inRange(0, 400) / 4.0;
    }
    return r;
  });
}

struct NaiveGroup {
  std::int64_t count = 0;
  std::set<int> students;
  std::array<std::int64_t, kNumOutcomes> sum{}, n{};
  std::array<std::int64_t, kNumMeasures> mn{};
  std::array<double, kNumMeasures> msum{};
  std::array<std::vector<double>, kNumMeasures> values;
};

bool Passes(const PlainRow& r, const json& filter) {
  const Dim dim = *FindDim(filter["dim"].get<std::string>());
  const auto& v = r.dims[static_cast<int>(dim)];
  if (filter.contains("in")) {
    for (const auto& x : filter["in"]) {
      if (x.is_null() ? !v : (v && *v == x.get<std::string>())) return true;
    }
    return false;
  }
  if (!v) return false;
  if (dim == Dim::kSchoolYear) {
    const int y = std::stoi(*v);
    return (!filter.contains("min") || y >= filter["min"].get<int>()) &&
           (!filter.contains("max") || y <= filter["max"].get<int>());
  }
  return (!filter.contains("min") || *v >= filter["min"].get<std::string>()) &&
         (!filter.contains("max") || *v <= filter["max"].get<std::string>());
}

void CheckAgainstNaive(const std::vector<PlainRow>& rows, const Snapshot& s, const json& spec_json,
                       const ExecOptions& options) {
  auto spec = ParseQuerySpec(spec_json, s);
  RC_ASSERT(spec.ok());
  auto result = Execute(s, *spec, options);
  RC_ASSERT(result.ok());
  std::vector<Dim> group_by;
  for (const auto& g : spec_json["group_by"]) group_by.push_back(*FindDim(g.get<std::string>()));
  // Group key: values with null as "\xff" so the map order is the contract's (null last).
  std::map<std::vector<std::string>, NaiveGroup> groups;
  for (const auto& r : rows) {
    bool pass = true;
    for (const auto& f : spec_json["filters"]) pass = pass && Passes(r, f);
    if (!pass) continue;
    std::vector<std::string> key;
    for (Dim d : group_by) {
      const auto& v = r.dims[static_cast<int>(d)];
      key.push_back(!v ? "\xff" : d == Dim::kSchoolYear ? fmt::format("{:08}", std::stoi(*v)) : *v);
    }
    NaiveGroup& g = groups[key];
    ++g.count;
    g.students.insert(r.student);
    for (int o = 0; o < kNumOutcomes; ++o) {
      if (!r.outcomes[o]) continue;
      ++g.n[o];
      g.sum[o] += *r.outcomes[o];
    }
    for (int m = 0; m < kNumMeasures; ++m) {
      if (!r.measures[m]) continue;
      ++g.mn[m];
      g.msum[m] += *r.measures[m];
      g.values[m].push_back(*r.measures[m]);
    }
  }
  RC_ASSERT(result->rows() == groups.size());
  std::uint64_t row = 0;
  for (auto& [key, g] : groups) {
    for (std::size_t i = 0; i < group_by.size(); ++i) {
      const json v = result->DimValue(row, i);
      if (key[i] == "\xff") {
        RC_ASSERT(v.is_null());
      } else if (group_by[i] == Dim::kSchoolYear) {
        RC_ASSERT(v.get<int>() == std::stoi(key[i]));
      } else {
        RC_ASSERT(v.get<std::string>() == key[i]);
      }
    }
    for (std::size_t c = group_by.size(); c < result->columns.size(); ++c) {
      const auto& col = result->columns[c];
      const std::string& name = col.name;
      if (name == "count") RC_ASSERT(col.ints[row] == g.count);
      if (name == "distinct_students") RC_ASSERT(col.ints[row] == static_cast<std::int64_t>(g.students.size()));
      if (col.outcome) {
        const int o = static_cast<int>(*col.outcome);
        if (col.kind == ColumnKind::kSum) RC_ASSERT(col.ints[row] == g.sum[o]);
        if (col.kind == ColumnKind::kCount) RC_ASSERT(col.ints[row] == g.n[o]);
        if (col.kind == ColumnKind::kRate) {
          if (g.n[o] == 0)
            RC_ASSERT(std::isnan(col.doubles[row]));
          else
            RC_ASSERT(col.doubles[row] == static_cast<double>(g.sum[o]) / static_cast<double>(g.n[o]));
        }
      }
      if (col.measure) {
        const int m = static_cast<int>(*col.measure);
        auto& v = g.values[m];
        if (col.kind == ColumnKind::kCount) RC_ASSERT(col.ints[row] == g.mn[m]);
        // Quarter units: every partial sum is exact, in any order.
        if (col.kind == ColumnKind::kSum) RC_ASSERT(col.doubles[row] == g.msum[m]);
        if (col.kind == ColumnKind::kMean) {
          if (v.empty())
            RC_ASSERT(std::isnan(col.doubles[row]));
          else
            RC_ASSERT(col.doubles[row] == g.msum[m] / static_cast<double>(v.size()));
        }
        if (col.kind == ColumnKind::kMedian) {
          if (v.empty()) {
            RC_ASSERT(std::isnan(col.doubles[row]));
          } else {
            std::sort(v.begin(), v.end());
            const std::size_t k = v.size();
            const double median = k % 2 ? v[k / 2] : v[k / 2 - 1] + (v[k / 2] - v[k / 2 - 1]) / 2;
            RC_ASSERT(col.doubles[row] == median);
          }
        }
      }
    }
    ++row;
  }
}

rc::Gen<json> GenSpec(const std::vector<PlainRow>& rows) {
  return rc::gen::exec([&rows] {
    json spec = {{"filters", json::array()}, {"group_by", json::array()}};
    const auto& domains = Domains();
    const int n_filters = *rc::gen::inRange(0, 3);
    for (int i = 0; i < n_filters; ++i) {
      const auto& [dim, values] = domains[*rc::gen::inRange<std::size_t>(0, domains.size())];
      json f = {{"dim", std::string(DimName(dim))}};
      if (*rc::gen::arbitrary<bool>()) {
        // Values that occur in the data (others are refused), maybe null.
        std::set<std::string> present;
        for (const auto& r : rows) {
          if (r.dims[static_cast<int>(dim)]) present.insert(*r.dims[static_cast<int>(dim)]);
        }
        f["in"] = json::array();
        for (const auto& v : present) {
          if (*rc::gen::arbitrary<bool>()) f["in"].push_back(v);
        }
        if (*rc::gen::arbitrary<bool>()) f["in"].push_back(nullptr);
      } else if (dim == Dim::kSchoolYear) {
        f["min"] = *rc::gen::inRange(2020, 2026);
        f["max"] = *rc::gen::inRange(2021, 2027);
      } else {
        f["min"] = values[*rc::gen::inRange<std::size_t>(0, values.size())];
      }
      spec["filters"].push_back(f);
    }
    std::vector<std::size_t> shuffled(domains.size());
    std::iota(shuffled.begin(), shuffled.end(), 0);
    for (std::size_t i = shuffled.size() - 1; i > 0; --i)
      std::swap(shuffled[i], shuffled[*rc::gen::inRange<std::size_t>(0, i + 1)]);
    // Up to every dimension: four or more one-byte codes varying in a block
    // take the engine's combined key loop.
    const std::size_t n_groups = *rc::gen::inRange<std::size_t>(0, domains.size() + 1);
    for (std::size_t i = 0; i < n_groups; ++i) spec["group_by"].push_back(DimName(domains[shuffled[i]].first));
    spec["measures"] = json::parse(R"([{"op":"count"},{"op":"distinct_students"}])");
    for (int o = 0; o < kNumOutcomes; ++o) {
      if (*rc::gen::inRange(0, 4) == 0)
        spec["measures"].push_back({{"op", "rate"}, {"outcome", OutcomeName(static_cast<Outcome>(o))}});
    }
    // Often no numeric measure, so outcome-only specs (pattern counting) come up.
    const bool numeric = *rc::gen::arbitrary<bool>();
    for (int m = 0; numeric && m < kNumMeasures; ++m) {
      const std::string name(MeasureName(static_cast<Measure>(m)));
      switch (*rc::gen::inRange(0, 4)) {
        case 0:
          spec["measures"].push_back({{"op", "mean"}, {"measure", name}});
          break;
        case 1:
          spec["measures"].push_back({{"op", "median"}, {"measure", name}});
          break;
        case 2:
          spec["measures"].push_back({{"op", "sum"}, {"measure", name}});
          break;
        default:
          break;
      }
    }
    return spec;
  });
}

RC_GTEST_PROP(EngineProperty, ExecuteEqualsNaiveEvaluation, ()) {
  const int students = *rc::gen::inRange(1, 500);
  // Up to a few blocks, so zone maps and block edges are exercised.
  const std::size_t n = *rc::gen::oneOf(rc::gen::inRange<std::size_t>(0, 300),
                                        rc::gen::inRange<std::size_t>(kBlockRows - 10, 3 * kBlockRows));
  const auto rows = *rc::gen::container<std::vector<PlainRow>>(n, GenRow(students));
  auto snapshot = BuildSnapshot(rows);
  RC_ASSERT(snapshot != nullptr);
  const json spec = *GenSpec(rows);
  CheckAgainstNaive(rows, *snapshot, spec, {.threads = 2});
  CheckAgainstNaive(rows, *snapshot, spec, {.threads = 1, .allow_patterns = false});
  CheckAgainstNaive(rows, *snapshot, spec, {.threads = 3, .memory_budget_bytes = 0});  // hash groups, sorted distinct
}

}  // namespace
}  // namespace pl::engine::testing
