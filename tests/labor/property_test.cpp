// Properties of the split and the program view on random inputs
// (rapidcheck): each award is counted exactly once by the openings-weighted
// split, and the two-sided allocation hands out exactly the openings of the
// occupations some program feeds.
#include <cmath>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "labor/inputs.hpp"

namespace pl::labor::test {
namespace {

const char* const kEntries[] = {"High school diploma or equivalent", "Postsecondary nondegree award",
                                "Associate's degree", "Bachelor's degree", "N/A"};
constexpr AwardLevel kLevels[] = {AwardLevel::kNoncreditCertificate, AwardLevel::kCertificateShort,
                                  AwardLevel::kAssociate, AwardLevel::kBachelor};

// Random occupations, programs, links, demand (zero and negative included)
// and awards in one region of two counties.
LaborData RandomData() {
  Inputs in;
  const int occupations = *rc::gen::inRange(1, 9);
  const int programs = *rc::gen::inRange(1, 7);
  for (int s = 0; s < occupations; ++s) {
    const std::string soc = "11-10" + std::to_string(10 + s);
    in.Occupation(soc, "Occupation " + std::to_string(s), kEntries[*rc::gen::inRange(0, 5)]);
    if (*rc::gen::inRange(0, 5) > 0) {
      double openings = *rc::gen::inRange(-20, 200);
      if (*rc::gen::inRange(0, 4) == 0) openings = 0;
      auto& row = in.Demand(AreaType::kCounty, *rc::gen::inRange(0, 2) ? "06001" : "06013", soc, openings);
      row.employment_base = *rc::gen::inRange(0, 5000);
    }
  }
  in.Institution("C1", "06001").Institution("C2", "06013");
  for (int p = 0; p < programs; ++p) {
    const std::string code = "0" + std::to_string(100 + p) + ".00";
    for (int s = 0; s < occupations; ++s) {
      if (*rc::gen::inRange(0, 3) == 0) in.Map(code, "11-10" + std::to_string(10 + s));
    }
    for (const char* org : {"C1", "C2"}) {
      if (*rc::gen::inRange(0, 2) == 0) continue;
      const AwardLevel level = kLevels[*rc::gen::inRange(0, 4)];
      for (int year = 2022; year <= 2024; ++year) {
        if (*rc::gen::inRange(0, 6) == 0) continue;  // a missing year
        in.Award(org, code, level, year, *rc::gen::inRange(0, 80));
      }
    }
  }
  auto data = BuildLaborData(in.rows());
  RC_ASSERT(data.ok());
  return std::move(data).value();
}

bool Near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(a) + std::fabs(b)); }

GapTable Table(const LaborData& d, Split split) {
  GapTable t;
  RC_ASSERT(ComputeGap(d, {Area::Kind::kRegion, d.FindRegion("BA"), {}}, {.split = split}, t).ok());
  return t;
}

RC_GTEST_PROP(LaborProperty, OpeningsSplitCountsEveryMatchedAwardOnce, ()) {
  LaborData d = RandomData();
  GapTable t = Table(d, Split::kOpenings);
  // Over the units whose level some mapped occupation takes, and among them
  // those whose occupations have positive demand (the case the weights are
  // made for; the others fall back to an equal split, also exact).
  double awards = 0, awards_with_demand = 0, supply_from_demand_units = 0;
  for (Id u = 0; u < d.units.size(); ++u) {
    const auto begin = d.unit_occ_offsets[u], end = d.unit_occ_offsets[u + 1];
    if (begin == end) continue;
    awards += t.awards[u];
    double demand = 0;
    for (auto k = begin; k < end; ++k) demand += t.Demand(d.unit_occ[k]);
    if (demand > 0) awards_with_demand += t.awards[u];
  }
  double supply = 0;
  for (Id s = 0; s < d.OccupationCount(); ++s) {
    supply += t.supply[s];
    for (auto k = t.contribution_offsets[s]; k < t.contribution_offsets[s + 1]; ++k) {
      const Id u = t.contributions[k].unit;
      double demand = 0;
      for (auto i = d.unit_occ_offsets[u]; i < d.unit_occ_offsets[u + 1]; ++i) demand += t.Demand(d.unit_occ[i]);
      if (demand > 0) supply_from_demand_units += t.contributions[k].supply;
    }
  }
  RC_ASSERT(Near(supply, awards));
  RC_ASSERT(Near(supply_from_demand_units, awards_with_demand));
  double unmatched = 0;
  for (Id u = 0; u < d.units.size(); ++u) {
    if (d.unit_occ_offsets[u] == d.unit_occ_offsets[u + 1]) unmatched += t.awards[u];
  }
  RC_ASSERT(Near(t.awards_unmatched, unmatched));
}

RC_GTEST_PROP(LaborProperty, ProgramViewAllocatesExactlyTheFedOpenings, ()) {
  LaborData d = RandomData();
  GapTable t = Table(d, Split::kOpenings);
  double allocated = 0;
  for (Id u = 0; u < d.units.size(); ++u) allocated += t.openings_allocated[u];
  double fed_demand = 0;
  for (Id s = 0; s < d.OccupationCount(); ++s) {
    double fed = 0;
    for (auto k = t.contribution_offsets[s]; k < t.contribution_offsets[s + 1]; ++k) {
      fed += t.awards[t.contributions[k].unit];
    }
    if (fed > 0) fed_demand += t.Demand(s);
  }
  RC_ASSERT(Near(allocated, fed_demand));
  // And every unit's allocation is non-negative.
  for (Id u = 0; u < d.units.size(); ++u) RC_ASSERT(t.openings_allocated[u] >= 0);
}

RC_GTEST_PROP(LaborProperty, EverySplitButFullCountsAwardsOnceAndFullIsAnUpperBound, ()) {
  LaborData d = RandomData();
  GapTable full = Table(d, Split::kFull);
  double matched = 0;
  for (Id u = 0; u < d.units.size(); ++u) {
    if (d.unit_occ_offsets[u] < d.unit_occ_offsets[u + 1]) matched += full.awards[u];
  }
  for (Split split : {Split::kOpenings, Split::kEqual, Split::kEmployment}) {
    GapTable t = Table(d, split);
    double supply = 0;
    for (Id s = 0; s < d.OccupationCount(); ++s) {
      RC_ASSERT(t.supply[s] >= 0);
      RC_ASSERT(t.supply[s] <= full.supply[s] + 1e-9);
      supply += t.supply[s];
    }
    RC_ASSERT(Near(supply, matched));
  }
  std::vector<Id> all(d.OccupationCount());
  for (Id s = 0; s < all.size(); ++s) all[s] = s;
  RC_ASSERT(!TotalSupply(full, all).ok());
}

RC_GTEST_PROP(LaborProperty, RatioAndVarianceAreFiniteOrAbsent, ()) {
  LaborData d = RandomData();
  GapTable t = Table(d, Split::kOpenings);
  for (Id s = 0; s < d.OccupationCount(); ++s) {
    auto ratio = t.Ratio(s);
    RC_ASSERT(ratio.has_value() == (t.Demand(s) > 0));
    if (ratio) RC_ASSERT(std::isfinite(*ratio) && std::isfinite(*t.Variance(s)));
  }
}

}  // namespace
}  // namespace pl::labor::test
