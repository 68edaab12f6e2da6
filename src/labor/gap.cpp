#include "labor/gap.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

namespace pl::labor {
namespace {

// BLS projection period of the shipped national table (2024-34).
constexpr double kNationalPeriodYears = 10.0;

bool HasRows(const LaborData& d, std::size_t area) { return d.area_has_rows[area] != 0; }

// The demand areas whose rows make up `area` (docs/labor-method.md, "Demand
// for an area"): a region's own rows when it has any, else the sum of its
// counties' rows; the state's rows when there are any, else the regions'.
// Per area, never per occupation, so one table never mixes two levels for
// one place.
void AppendRegionAreas(const LaborData& d, Id region, std::vector<std::size_t>& out) {
  if (HasRows(d, d.RegionArea(region))) {
    out.push_back(d.RegionArea(region));
    return;
  }
  for (Id c : d.regions[region].counties) out.push_back(d.CountyArea(c));
}

void DemandAreas(const LaborData& d, const Area& area, std::vector<std::size_t>& out) {
  out.clear();
  switch (area.kind) {
    case Area::Kind::kCounties:
      for (Id c : area.counties) out.push_back(d.CountyArea(c));
      return;
    case Area::Kind::kRegion: AppendRegionAreas(d, area.region, out); return;
    case Area::Kind::kState:
      if (HasRows(d, d.StateArea())) {
        out.push_back(d.StateArea());
        return;
      }
      for (Id r = 0; r < d.regions.size(); ++r) AppendRegionAreas(d, r, out);
      // Counties outside every region of the scheme still belong to the state.
      for (Id c = 0; c < d.counties.size(); ++c) {
        if (d.counties[c].region == kNoId) out.push_back(d.CountyArea(c));
      }
      return;
  }
}

template <typename T>
void Fill(std::vector<T>& v, std::size_t n, T value) {
  v.assign(n, value);
}

// Scratch arrays of the multi-area sum, kept between calls.
struct Accumulator {
  std::vector<std::uint16_t> rows, growth_n, exits_n, transfers_n, employment_n;
  std::vector<double> p25_weighted, p25_weight, p25_sum, median_weighted, median_weight, median_sum;
  std::vector<std::uint16_t> p25_n, p25_unweighted, median_n, median_unweighted;
};

thread_local Accumulator tls_accumulator;
thread_local std::vector<std::size_t> tls_areas;
thread_local std::vector<std::uint32_t> tls_cursor;

// Sums the rows of several areas. Openings, growth, exits, transfers and
// employment add up (a component is unknown when any area lacks it); wage
// percentiles are averaged, weighted by employment when every area with the
// wage has employment, else unweighted (an approximation: a percentile of
// the pooled distribution needs the wage records).
void SumAreas(const LaborData& d, const std::vector<std::size_t>& areas, GapTable& t) {
  const std::size_t n = d.OccupationCount();
  Accumulator& a = tls_accumulator;
  for (auto* v : {&a.rows, &a.growth_n, &a.exits_n, &a.transfers_n, &a.employment_n, &a.p25_n, &a.p25_unweighted,
                  &a.median_n, &a.median_unweighted}) {
    Fill<std::uint16_t>(*v, n, 0);
  }
  for (auto* v : {&a.p25_weighted, &a.p25_weight, &a.p25_sum, &a.median_weighted, &a.median_weight, &a.median_sum}) {
    Fill(*v, n, 0.0);
  }
  Fill(t.growth, n, 0.0);
  Fill(t.exits, n, 0.0);
  Fill(t.transfers, n, 0.0);
  Fill(t.employment, n, 0.0);
  for (std::size_t area : areas) {
    for (auto k = d.demand_offsets[area]; k < d.demand_offsets[area + 1]; ++k) {
      const Id s = d.demand_occupation[k];
      const DemandFigures& f = d.demand_figures[k];
      ++a.rows[s];
      t.demand_signed[s] += f.openings;
      if (!IsMissing(f.growth)) t.growth[s] += f.growth, ++a.growth_n[s];
      if (!IsMissing(f.exits)) t.exits[s] += f.exits, ++a.exits_n[s];
      if (!IsMissing(f.transfers)) t.transfers[s] += f.transfers, ++a.transfers_n[s];
      const bool has_employment = !IsMissing(f.employment);
      if (has_employment) t.employment[s] += f.employment, ++a.employment_n[s];
      if (!IsMissing(f.wage_p25)) {
        ++a.p25_n[s];
        a.p25_sum[s] += f.wage_p25;
        if (has_employment) {
          a.p25_weighted[s] += f.wage_p25 * f.employment;
          a.p25_weight[s] += f.employment;
        } else {
          ++a.p25_unweighted[s];
        }
      }
      if (!IsMissing(f.wage_median)) {
        ++a.median_n[s];
        a.median_sum[s] += f.wage_median;
        if (has_employment) {
          a.median_weighted[s] += f.wage_median * f.employment;
          a.median_weight[s] += f.employment;
        } else {
          ++a.median_unweighted[s];
        }
      }
      if (!std::count(t.demand_sources.begin(), t.demand_sources.end(), d.demand_source[k])) {
        t.demand_sources.push_back(d.demand_source[k]);
      }
    }
  }
  auto mean = [](std::uint16_t count, std::uint16_t unweighted, double weighted, double weight, double sum) {
    if (count == 0) return kMissing;
    if (unweighted == 0 && weight > 0) return weighted / weight;
    return sum / count;
  };
  for (std::size_t s = 0; s < n; ++s) {
    const auto rows = a.rows[s];
    t.has_demand[s] = rows > 0;
    if (rows == 0) {
      t.growth[s] = t.exits[s] = t.transfers[s] = t.employment[s] = kMissing;
      continue;
    }
    if (a.growth_n[s] != rows) t.growth[s] = kMissing;
    if (a.exits_n[s] != rows) t.exits[s] = kMissing;
    if (a.transfers_n[s] != rows) t.transfers[s] = kMissing;
    if (a.employment_n[s] != rows) t.employment[s] = kMissing;
    t.wage_p25[s] = mean(a.p25_n[s], a.p25_unweighted[s], a.p25_weighted[s], a.p25_weight[s], a.p25_sum[s]);
    t.wage_median[s] =
        mean(a.median_n[s], a.median_unweighted[s], a.median_weighted[s], a.median_weight[s], a.median_sum[s]);
  }
}

// BLS national openings (thousands) x the area's share of national
// employment. Wages stay regional where the area has them; otherwise the
// national median (annual / 2080), flagged national.
Status ScaleNational(const LaborData& d, const std::vector<std::size_t>& areas, GapTable& t) {
  double area_employment = 0;
  for (std::size_t area : areas) area_employment += d.area_total_employment[area];
  if (IsMissing(d.national_total_employment_k) || !(d.national_total_employment_k > 0)) {
    return InvalidArgument("national_scaled demand needs the BLS national total employment (00-0000), "
                              "which the data lacks", {{"parameter", "demand"}});
  }
  if (!(area_employment > 0)) {
    return InvalidArgument("national_scaled demand needs the area's employment to scale by; the area has "
                              "no employment figures (labor_demand employment_base)", {{"parameter", "demand"}});
  }
  const double share = area_employment / (d.national_total_employment_k * 1000.0);
  t.national_share = share;
  t.demand_sources.clear();
  for (Id s = 0; s < d.OccupationCount(); ++s) {
    const Occupation& o = d.occupations[s];
    if (!o.national_line_item || IsMissing(o.national_openings_k)) {
      t.has_demand[s] = 0;
      t.demand_signed[s] = 0;
      t.growth[s] = t.exits[s] = t.transfers[s] = t.employment[s] = kMissing;
      continue;
    }
    t.has_demand[s] = 1;
    t.demand_signed[s] = o.national_openings_k * 1000.0 * share;
    t.growth[s] = IsMissing(o.national_change_k) ? kMissing : o.national_change_k * 1000.0 / kNationalPeriodYears * share;
    t.exits[s] = t.transfers[s] = kMissing;
    t.employment[s] = IsMissing(o.national_employment_base_k) ? kMissing : o.national_employment_base_k * 1000.0 * share;
    t.flags[s] |= kFlagNational;
    if (IsMissing(t.wage_median[s]) && IsMissing(t.wage_p25[s]) && !IsMissing(o.national_median_annual_wage)) {
      t.wage_median[s] = HourlyFromAnnual(o.national_median_annual_wage);
    }
  }
  return Status::Ok();
}

// A[u]: the sum over the area's institutions of each one's mean over the
// years it reported; years_used[u] is the fewest years behind any of them.
void Supply(const LaborData& d, const Area& area, GapTable& t) {
  const std::size_t units = d.units.size();
  Fill(t.awards, units, 0.0);
  Fill<std::uint8_t>(t.years_used, units, 0);
  auto add_range = [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) {
      const InstitutionAward& a = d.awards[k];
      t.awards[a.unit] += a.mean();
      std::uint8_t& y = t.years_used[a.unit];
      y = y == 0 ? a.years : std::min(y, a.years);
    }
  };
  const std::size_t no_county = d.counties.size();
  if (area.kind == Area::Kind::kState) {
    add_range(d.award_offsets[0], d.award_offsets[no_county + 1]);  // every institution, with a county or not
    return;
  }
  auto add_county = [&](Id c) { add_range(d.award_offsets[c], d.award_offsets[c + 1]); };
  if (area.kind == Area::Kind::kRegion) {
    for (Id c : d.regions[area.region].counties) add_county(c);
  } else {
    for (Id c : area.counties) add_county(c);
  }
}

// S[s] = sum of w[u,s] * A[u]. Two passes over the units with awards: count
// each occupation's contributions, then place them (CSR, no per-occupation
// allocation).
void SplitAwards(const LaborData& d, GapTable& t) {
  const std::size_t n = d.OccupationCount();
  auto& offsets = t.contribution_offsets;
  Fill<std::uint32_t>(offsets, n + 1, 0);
  Fill(t.supply, n, 0.0);
  t.awards_unmatched = 0;
  for (Id u = 0; u < d.units.size(); ++u) {
    if (!(t.awards[u] > 0)) continue;
    const auto begin = d.unit_occ_offsets[u], end = d.unit_occ_offsets[u + 1];
    if (begin == end) t.awards_unmatched += t.awards[u];
    for (auto k = begin; k < end; ++k) ++offsets[d.unit_occ[k] + 1];
  }
  for (std::size_t s = 0; s < n; ++s) offsets[s + 1] += offsets[s];
  t.contributions.resize(offsets[n]);
  // Next free slot per occupation (thread-local: allocation-free across calls).
  std::vector<std::uint32_t>& next = tls_cursor;
  next.assign(offsets.begin(), offsets.end() - 1);
  for (Id u = 0; u < d.units.size(); ++u) {
    const double a = t.awards[u];
    if (!(a > 0)) continue;
    const auto begin = d.unit_occ_offsets[u], end = d.unit_occ_offsets[u + 1];
    if (begin == end) continue;
    const double k = static_cast<double>(end - begin);
    double denominator = 0;
    if (t.options.split == Split::kOpenings) {
      for (auto i = begin; i < end; ++i) denominator += t.Demand(d.unit_occ[i]);
    } else if (t.options.split == Split::kEmployment) {
      for (auto i = begin; i < end; ++i) {
        const double e = t.employment[d.unit_occ[i]];
        if (!IsMissing(e) && e > 0) denominator += e;
      }
    }
    for (auto i = begin; i < end; ++i) {
      const Id s = d.unit_occ[i];
      double w = 1.0 / k;  // equal; also the fallback when no occupation has demand (employment)
      switch (t.options.split) {
        case Split::kOpenings:
          if (denominator > 0) w = t.Demand(s) / denominator;
          break;
        case Split::kEmployment:
          if (denominator > 0) {
            const double e = t.employment[s];
            w = !IsMissing(e) && e > 0 ? e / denominator : 0.0;
          }
          break;
        case Split::kFull: w = 1.0; break;
        case Split::kEqual: break;
      }
      t.contributions[next[s]++] = {u, w, w * a};
      t.supply[s] += w * a;
    }
  }
}

// O_alloc[u] = sum over s fed by u of D[s] * A[u] / (sum of A over the units feeding s).
void AllocateOpenings(const LaborData& d, GapTable& t) {
  Fill(t.openings_allocated, d.units.size(), 0.0);
  for (Id s = 0; s < d.OccupationCount(); ++s) {
    const auto begin = t.contribution_offsets[s], end = t.contribution_offsets[s + 1];
    if (begin == end) continue;
    double fed = 0;
    for (auto k = begin; k < end; ++k) fed += t.awards[t.contributions[k].unit];
    const double demand = t.Demand(s);
    if (!(fed > 0) || !(demand > 0)) continue;
    for (auto k = begin; k < end; ++k) {
      const Id u = t.contributions[k].unit;
      t.openings_allocated[u] += demand * t.awards[u] / fed;
    }
  }
}

// Calls fn(county) for each county of the area, without building a list.
template <typename Fn>
void ForEachAreaCounty(const LaborData& d, const Area& area, Fn fn) {
  switch (area.kind) {
    case Area::Kind::kCounties:
      for (Id c : area.counties) fn(c);
      return;
    case Area::Kind::kRegion:
      for (Id c : d.regions[area.region].counties) fn(c);
      return;
    case Area::Kind::kState:
      for (Id c = 0; c < d.counties.size(); ++c) fn(c);
      return;
  }
}

void LivingWage(const LaborData& d, GapTable& t) {
  t.living_wage_hourly = kMissing;
  t.living_wage_rule = LivingWageRule::kNone;
  t.living_wage_sources.clear();
  t.living_wage_year = 0;
  if (t.options.household == kNoId) return;
  double weighted = 0, weight = 0, sum = 0;
  int count = 0;
  bool all_weighted = true;
  ForEachAreaCounty(d, t.area, [&](Id c) {
    const double w = d.LivingWage(t.options.household, c);
    if (IsMissing(w)) return;
    const std::size_t cell = t.options.household * d.counties.size() + c;
    ++count;
    sum += w;
    const double employment = d.area_total_employment[d.CountyArea(c)];
    if (employment > 0) {
      weighted += w * employment;
      weight += employment;
    } else {
      all_weighted = false;
    }
    const Id source = d.living_wage_source[cell];
    if (!std::count(t.living_wage_sources.begin(), t.living_wage_sources.end(), source)) {
      t.living_wage_sources.push_back(source);
    }
    t.living_wage_year = std::max(t.living_wage_year, d.living_wage_year[cell]);
  });
  if (count == 0) return;
  if (count == 1) {
    t.living_wage_rule = LivingWageRule::kCounty;
    t.living_wage_hourly = sum;
  } else if (all_weighted && weight > 0) {
    t.living_wage_rule = LivingWageRule::kEmploymentWeighted;
    t.living_wage_hourly = weighted / weight;
  } else {
    t.living_wage_rule = LivingWageRule::kUnweighted;
    t.living_wage_hourly = sum / count;
  }
}

void Flags(const LaborData& d, GapTable& t) {
  for (Id s = 0; s < d.OccupationCount(); ++s) {
    std::uint16_t f = t.flags[s];
    if (t.has_demand[s] && t.demand_signed[s] < 0) f |= kFlagDemandClamped;
    if (!t.has_demand[s]) f |= kFlagNoDemand;
    const auto begin = t.contribution_offsets[s], end = t.contribution_offsets[s + 1];
    if (begin == end) f |= kFlagNoProgram;
    for (auto k = begin; k < end; ++k) {
      if (t.years_used[t.contributions[k].unit] < 3) f |= kFlagPartialYears;
    }
    if (IsMissing(t.wage_p25[s]) && IsMissing(t.wage_median[s])) f |= kFlagNoWage;
    t.flags[s] = f;
  }
}

double Wage(const GapTable& t, Id s) { return t.wage_median[s]; }

}  // namespace

std::vector<Id> AreaCounties(const LaborData& data, const Area& area) {
  switch (area.kind) {
    case Area::Kind::kCounties: return area.counties;
    case Area::Kind::kRegion: {
      std::vector<Id> out = data.regions[area.region].counties;
      std::sort(out.begin(), out.end());
      return out;
    }
    case Area::Kind::kState: {
      std::vector<Id> out(data.counties.size());
      std::iota(out.begin(), out.end(), 0);
      return out;
    }
  }
  return {};
}

std::vector<std::string> FlagNames(std::uint16_t flags) {
  static constexpr const char* kNames[] = {"demand_clamped", "partial_years", "no_program",
                                           "no_wage",        "national",      "no_demand"};
  std::vector<std::string> out;
  for (int bit = 0; bit < 6; ++bit) {
    if (flags & (1u << bit)) out.emplace_back(kNames[bit]);
  }
  return out;
}

std::string_view LivingWageRuleText(LivingWageRule rule) {
  switch (rule) {
    case LivingWageRule::kNone: return "";
    case LivingWageRule::kCounty: return "the county's living wage";
    case LivingWageRule::kEmploymentWeighted: return "employment-weighted mean of the area's counties";
    case LivingWageRule::kUnweighted: return "mean of the area's counties (no county employment to weight by)";
  }
  return "";
}

std::optional<double> GapTable::Ratio(Id s) const {
  const double d = Demand(s);
  if (!(d > 0)) return std::nullopt;
  return supply[s] / d;
}

std::optional<double> GapTable::Variance(Id s) const {
  const double d = Demand(s);
  if (!(d > 0)) return std::nullopt;
  return (supply[s] - d) / d;
}

Status ComputeGap(const LaborData& data, const Area& area, const GapOptions& options, GapTable& t) {
  const std::size_t n = data.OccupationCount();
  t.area = area;
  t.options = options;
  t.national_share = kMissing;
  t.demand_sources.clear();
  Fill<std::uint8_t>(t.has_demand, n, 0);
  Fill(t.demand_signed, n, 0.0);
  Fill(t.wage_p25, n, kMissing);
  Fill(t.wage_median, n, kMissing);
  Fill<std::uint16_t>(t.flags, n, 0);
  DemandAreas(data, area, tls_areas);
  SumAreas(data, tls_areas, t);
  if (options.demand == DemandMode::kNationalScaled) PL_RETURN_IF_ERROR(ScaleNational(data, tls_areas, t));
  Supply(data, area, t);
  SplitAwards(data, t);
  AllocateOpenings(data, t);
  LivingWage(data, t);
  Flags(data, t);
  return Status::Ok();
}

std::string_view FilterKindCode(FilterKind kind) {
  switch (kind) {
    case FilterKind::kNone: return "";
    case FilterKind::kSector: return "sector";
    case FilterKind::kPathway: return "pathway";
    case FilterKind::kProgram: return "program";
    case FilterKind::kSoc: return "soc";
  }
  return "";
}

std::vector<Id> FilterPrograms(const LaborData& data, const Filter& filter) {
  std::vector<Id> programs;
  switch (filter.kind) {
    case FilterKind::kSector:
      for (Id p : data.sectors[filter.id].pathways) {
        const auto& list = data.pathways[p].programs;
        programs.insert(programs.end(), list.begin(), list.end());
      }
      break;
    case FilterKind::kPathway: programs = data.pathways[filter.id].programs; break;
    case FilterKind::kProgram: programs.push_back(filter.id); break;
    case FilterKind::kNone:
    case FilterKind::kSoc: break;
  }
  std::sort(programs.begin(), programs.end());
  programs.erase(std::unique(programs.begin(), programs.end()), programs.end());
  return programs;
}

std::vector<Id> SelectOccupations(const LaborData& data, const GapTable& t, const Filter& filter,
                                  EducationFilter education, SortKey sort, std::optional<std::size_t> limit) {
  std::vector<Id> out;
  const std::size_t n = data.OccupationCount();
  auto passes = [&](Id s) { return EducationPasses(education, data.occupations[s].entry); };
  switch (filter.kind) {
    case FilterKind::kNone:
      for (Id s = 0; s < n; ++s) {
        if ((t.has_demand[s] || t.supply[s] > 0) && passes(s)) out.push_back(s);
      }
      break;
    case FilterKind::kSoc: out.push_back(filter.id); break;
    default: {
      std::vector<std::uint8_t> chosen(n, 0);
      for (Id p : FilterPrograms(data, filter)) {
        for (auto k = data.program_occ_offsets[p]; k < data.program_occ_offsets[p + 1]; ++k) {
          chosen[data.program_occ[k]] = 1;
        }
      }
      for (Id s = 0; s < n; ++s) {
        if (chosen[s] && passes(s)) out.push_back(s);
      }
    }
  }
  auto key = [&](Id s) -> double {
    switch (sort) {
      case SortKey::kGap: return t.Gap(s);
      case SortKey::kDemand: return t.Demand(s);
      case SortKey::kSupply: return t.supply[s];
      case SortKey::kWage: return Wage(t, s);
    }
    return 0;
  };
  std::stable_sort(out.begin(), out.end(), [&](Id a, Id b) {
    const double ka = key(a), kb = key(b);
    const bool ma = IsMissing(ka), mb = IsMissing(kb);
    if (ma != mb) return mb;  // unknown last
    if (!ma && ka != kb) return ka > kb;
    return data.occupations[a].soc < data.occupations[b].soc;
  });
  if (limit && out.size() > *limit) out.resize(*limit);
  return out;
}

Totals SumTotals(const GapTable& t, const std::vector<Id>& occupations) {
  Totals totals;
  double supply = 0;
  for (Id s : occupations) {
    totals.demand += t.Demand(s);
    supply += t.supply[s];
  }
  if (t.options.split != Split::kFull) {
    totals.supply = supply;
    totals.gap = totals.demand - supply;
  }
  return totals;
}

Result<double> TotalSupply(const GapTable& t, const std::vector<Id>& occupations) {
  if (t.options.split == Split::kFull) {
    return FailedPrecondition("the full-count split counts a program once per occupation it maps to; its supply "
                              "is an upper bound per occupation and is never totalled (use split=openings, equal "
                              "or employment)", {{"parameter", "split"}});
  }
  double supply = 0;
  for (Id s : occupations) supply += t.supply[s];
  return supply;
}

std::vector<ProgramRow> ProgramView(const LaborData& data, const GapTable& t, const Filter& filter) {
  std::vector<Id> units;
  if (filter.kind == FilterKind::kNone) {
    for (Id u = 0; u < data.units.size(); ++u) units.push_back(u);
  } else if (filter.kind == FilterKind::kSoc) {
    for (auto k = t.contribution_offsets[filter.id]; k < t.contribution_offsets[filter.id + 1]; ++k) {
      units.push_back(t.contributions[k].unit);
    }
  } else {
    for (Id p : FilterPrograms(data, filter)) {
      for (auto k = data.program_unit_offsets[p]; k < data.program_unit_offsets[p + 1]; ++k) {
        units.push_back(data.program_unit[k]);
      }
    }
  }
  std::vector<ProgramRow> rows;
  for (Id u : units) {
    if (!(t.awards[u] > 0)) continue;
    rows.push_back({data.units[u].program, data.units[u].level, u, t.awards[u], t.openings_allocated[u]});
  }
  std::stable_sort(rows.begin(), rows.end(), [&](const ProgramRow& a, const ProgramRow& b) {
    if (a.gap() != b.gap()) return a.gap() > b.gap();
    return a.unit < b.unit;
  });
  return rows;
}

namespace {

RollUpRow SumPrograms(const LaborData& data, const GapTable& t, Id id, std::vector<Id> programs) {
  std::sort(programs.begin(), programs.end());
  programs.erase(std::unique(programs.begin(), programs.end()), programs.end());
  RollUpRow row{id, 0, 0};
  for (Id p : programs) {
    for (auto k = data.program_unit_offsets[p]; k < data.program_unit_offsets[p + 1]; ++k) {
      const Id u = data.program_unit[k];
      row.awards += t.awards[u];
      row.openings_allocated += t.openings_allocated[u];
    }
  }
  return row;
}

}  // namespace

std::vector<RollUpRow> RollUpBySector(const LaborData& data, const GapTable& t) {
  std::vector<RollUpRow> rows;
  for (Id s = 0; s < data.sectors.size(); ++s) {
    rows.push_back(SumPrograms(data, t, s, FilterPrograms(data, {FilterKind::kSector, s})));
  }
  return rows;
}

std::vector<RollUpRow> RollUpByPathway(const LaborData& data, const GapTable& t, Id sector) {
  std::vector<RollUpRow> rows;
  for (Id p : data.sectors[sector].pathways) rows.push_back(SumPrograms(data, t, p, data.pathways[p].programs));
  return rows;
}

}  // namespace pl::labor
