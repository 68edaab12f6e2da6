#include "labor/data.hpp"

#include <algorithm>
#include <bit>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

namespace pl::labor {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Id Lookup(const std::unordered_map<std::string, Id>& index, const std::string& key) {
  auto it = index.find(key);
  return it == index.end() ? kNoId : it->second;
}

// Builds CSR offsets from (key, value) pairs sorted by key.
void BuildCsr(std::size_t keys, const std::vector<std::pair<Id, Id>>& pairs, std::vector<std::uint32_t>& offsets,
              std::vector<Id>& values) {
  offsets.assign(keys + 1, 0);
  for (const auto& [k, v] : pairs) ++offsets[k + 1];
  for (std::size_t i = 0; i < keys; ++i) offsets[i + 1] += offsets[i];
  values.assign(pairs.size(), 0);
  std::vector<std::uint32_t> next(offsets.begin(), offsets.end() - 1);
  for (const auto& [k, v] : pairs) values[next[k]++] = v;
}

Status RowError(std::string_view table, std::size_t row, const std::string& what) {
  return InvalidArgument(fmt::format("{} row {}: {}", table, row + 1, what), {{"table", table}, {"row", row + 1}});
}

// The placeholder SOC of the COE crosswalk for programs without an occupation.
constexpr std::string_view kNoMatchSoc = "99-9999";
constexpr std::string_view kAllOccupationsSoc = "00-0000";

class Builder {
 public:
  explicit Builder(LaborInputs in) : in_(std::move(in)) {}

  Result<LaborData> Build() {
    d_.crosswalk_edition = in_.crosswalk_edition;
    PL_RETURN_IF_ERROR(Geography());
    PL_RETURN_IF_ERROR(SectorsAndPathways());
    PL_RETURN_IF_ERROR(Occupations());
    Programs();
    PL_RETURN_IF_ERROR(PathwayPrograms());
    PL_RETURN_IF_ERROR(Institutions());
    PL_RETURN_IF_ERROR(Awards());
    Mapping();
    PL_RETURN_IF_ERROR(Demand());
    PL_RETURN_IF_ERROR(LivingWages());
    return std::move(d_);
  }

 private:
  Id Source(const std::string& text) {
    auto [it, added] = source_index_.try_emplace(text, static_cast<Id>(d_.sources.size()));
    if (added) d_.sources.push_back(text);
    return it->second;
  }

  Status Geography() {
    auto counties = in_.counties;
    std::sort(counties.begin(), counties.end(), [](const auto& a, const auto& b) { return a.fips < b.fips; });
    std::map<std::string, std::pair<std::string, std::string>> regions;  // code -> name, source
    for (std::size_t i = 0; i < counties.size(); ++i) {
      const auto& c = counties[i];
      if (!d_.county_index.emplace(c.fips, static_cast<Id>(d_.counties.size())).second) {
        return RowError("county", i, "duplicate county FIPS: " + c.fips);
      }
      d_.counties.push_back({c.fips, c.name, kNoId});
      if (!c.region_code.empty()) regions.emplace(Upper(c.region_code), std::pair{c.region_name, c.region_source});
    }
    std::vector<std::tuple<std::string, std::string, std::string>> ordered;  // name, code, source
    for (const auto& [code, v] : regions) ordered.emplace_back(v.first, code, v.second);
    std::sort(ordered.begin(), ordered.end());
    for (const auto& [name, code, source] : ordered) {
      d_.region_index[code] = static_cast<Id>(d_.regions.size());
      d_.regions.push_back({code, name, source, {}});
    }
    for (const auto& c : counties) {
      if (c.region_code.empty()) continue;
      Id r = d_.region_index.at(Upper(c.region_code));
      Id county = d_.county_index.at(c.fips);
      d_.counties[county].region = r;
      d_.regions[r].counties.push_back(county);
    }
    return Status::Ok();
  }

  Status SectorsAndPathways() {
    auto sectors = in_.sectors;
    std::sort(sectors.begin(), sectors.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
    for (std::size_t i = 0; i < sectors.size(); ++i) {
      if (!d_.sector_index.emplace(Upper(sectors[i].code), static_cast<Id>(i)).second) {
        return RowError("cte_sector", i, "duplicate sector code: " + sectors[i].code);
      }
      d_.sectors.push_back({sectors[i].code, sectors[i].name, sectors[i].source, {}});
    }
    auto pathways = in_.pathways;
    std::sort(pathways.begin(), pathways.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
    for (std::size_t i = 0; i < pathways.size(); ++i) {
      const auto& p = pathways[i];
      Id sector = Lookup(d_.sector_index, Upper(p.sector_code));
      if (sector == kNoId) return RowError("cte_pathway", i, "unknown sector code: " + p.sector_code);
      if (!d_.pathway_index.emplace(Upper(p.code), static_cast<Id>(i)).second) {
        return RowError("cte_pathway", i, "duplicate pathway code: " + p.code);
      }
      d_.pathways.push_back({p.code, p.name, p.source, sector, {}, {}});
      d_.sectors[sector].pathways.push_back(static_cast<Id>(i));
    }
    return Status::Ok();
  }

  // Every SOC code any input names becomes an occupation, except the
  // crosswalk's "no match" placeholder and the BLS summary rows (all
  // occupations, major/minor/broad groups), which are aggregates.
  Status Occupations() {
    std::set<std::string> summary;
    for (const auto& p : in_.projections) {
      if (!p.line_item) summary.insert(p.soc);
    }
    std::set<std::string> detailed;
    for (const auto& o : in_.occupations) detailed.insert(o.soc);
    auto is_occupation = [&](const std::string& soc) {
      return soc != kNoMatchSoc && soc != kAllOccupationsSoc && (detailed.contains(soc) || !summary.contains(soc));
    };
    std::set<std::string> socs(detailed.begin(), detailed.end());
    for (const auto& p : in_.projections) {
      if (p.line_item) socs.insert(p.soc);
    }
    for (const auto& m : in_.mapping) {
      if (is_occupation(m.soc)) socs.insert(m.soc);
    }
    for (const auto& e : in_.mapping_edits) {
      if (e.add && is_occupation(e.soc)) socs.insert(e.soc);
    }
    for (const auto& r : in_.demand) {
      if (is_occupation(r.soc)) socs.insert(r.soc);
    }
    for (const auto& soc : socs) {
      d_.occupation_index[soc] = static_cast<Id>(d_.occupations.size());
      Occupation o;
      o.soc = soc;
      d_.occupations.push_back(std::move(o));
    }
    for (const auto& o : in_.occupations) {
      auto& occ = d_.occupations[d_.occupation_index.at(o.soc)];
      occ.title = o.title;
      occ.definition = o.definition;
    }
    // Entry education: the BLS projections first (the current national
    // assignment), then the COE crosswalk, then the demand rows.
    for (const auto& p : in_.projections) {
      if (p.soc == kAllOccupationsSoc) d_.national_total_employment_k = p.employment_base_thousands;
      Id id = Lookup(d_.occupation_index, p.soc);
      if (id == kNoId) continue;
      auto& occ = d_.occupations[id];
      if (occ.title.empty()) occ.title = p.title;
      occ.entry = ParseEntryEducation(p.entry_education);
      occ.national_line_item = p.line_item;
      occ.national_employment_base_k = p.employment_base_thousands;
      occ.national_employment_projected_k = p.employment_projected_thousands;
      occ.national_change_k = p.change_thousands;
      occ.national_openings_k = p.openings_thousands;
      occ.national_median_annual_wage = p.median_annual_wage;
    }
    auto fill_entry = [&](const std::string& soc, const std::string& text) {
      Id id = Lookup(d_.occupation_index, soc);
      if (id != kNoId && d_.occupations[id].entry == EntryEducation::kUnknown) {
        d_.occupations[id].entry = ParseEntryEducation(text);
      }
    };
    for (const auto& m : in_.mapping) fill_entry(m.soc, m.entry_education);
    for (const auto& r : in_.demand) fill_entry(r.soc, r.entry_education);
    for (auto& occ : d_.occupations) {
      if (occ.title.empty()) occ.title = occ.soc;
    }
    return Status::Ok();
  }

  void Programs() {
    std::map<std::pair<CodeSystem, std::string>, std::string> programs;  // -> title
    for (const auto& t : in_.program_titles) programs[{t.system, t.code}] = t.title;
    auto add = [&](CodeSystem s, const std::string& code) { programs.try_emplace({s, code}, ""); };
    for (const auto& m : in_.mapping) add(m.system, m.program_code);
    for (const auto& e : in_.mapping_edits) add(e.system, e.program_code);
    for (const auto& p : in_.pathway_programs) add(p.system, p.program_code);
    for (const auto& a : in_.awards) add(a.system, a.program_code);
    for (const auto& [key, title] : programs) {
      d_.program_index[ProgramKey(key.first, key.second)] = static_cast<Id>(d_.programs.size());
      // CIP titles are published with a final period ("Licensed Practical/Vocational Nurse Training.").
      std::string t = title;
      if (!t.empty() && t.back() == '.') t.pop_back();
      d_.programs.push_back({key.first, key.second, t.empty() ? key.second : t});
    }
  }

  Id ProgramId(CodeSystem s, const std::string& code) const {
    return d_.program_index.at(ProgramKey(s, code));
  }

  Status PathwayPrograms() {
    for (std::size_t i = 0; i < in_.pathway_programs.size(); ++i) {
      const auto& p = in_.pathway_programs[i];
      Id pathway = Lookup(d_.pathway_index, Upper(p.pathway_code));
      if (pathway == kNoId) return RowError("pathway_program", i, "unknown pathway code: " + p.pathway_code);
      Id program = ProgramId(p.system, p.program_code);
      auto& programs = d_.pathways[pathway].programs;
      if (std::find(programs.begin(), programs.end(), program) != programs.end()) continue;
      programs.push_back(program);
      d_.pathways[pathway].program_sources.push_back(p.source);
    }
    return Status::Ok();
  }

  Status Institutions() {
    auto rows = in_.institutions;
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.org_id < b.org_id; });
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& r = rows[i];
      Id county = kNoId;
      if (!r.county_fips.empty()) {
        county = Lookup(d_.county_index, r.county_fips);
        if (county == kNoId) return RowError("organization", i, "unknown county FIPS: " + r.county_fips);
      }
      if (!institution_index_.emplace(r.org_id, static_cast<Id>(d_.institutions.size())).second) {
        return RowError("organization", i, "duplicate org_id: " + r.org_id);
      }
      d_.institutions.push_back({r.org_id, r.name, county});
    }
    return Status::Ok();
  }

  // Means over the supply years. A year counts as reported by an institution
  // when it has any award row that year (any program); in a reported year a
  // program without a row had no awards. A year not reported is missing, not
  // zero: the mean is over the reported years (method 1.3 item 2).
  Status Awards() {
    std::set<int> years;
    for (std::size_t i = 0; i < in_.awards.size(); ++i) {
      const auto& a = in_.awards[i];
      if (a.awards < 0) return RowError("program_awards", i, fmt::format("awards must be >= 0, got {}", a.awards));
      if (Lookup(institution_index_, a.org_id) == kNoId) {
        return RowError("program_awards", i, "unknown org_id: " + a.org_id);
      }
      years.insert(a.academic_year);
    }
    for (auto it = years.rbegin(); it != years.rend() && d_.supply_years.size() < 3; ++it) {
      d_.supply_years.insert(d_.supply_years.begin(), *it);
    }
    auto year_bit = [&](int year) -> int {
      for (std::size_t k = 0; k < d_.supply_years.size(); ++k) {
        if (d_.supply_years[k] == year) return static_cast<int>(k);
      }
      return -1;
    };
    std::vector<std::uint8_t> reported(d_.institutions.size(), 0);
    std::map<std::pair<Id, std::pair<Id, AwardLevel>>, std::pair<long long, std::uint8_t>> sums;  // (inst,(prog,level)) -> sum, year bits
    for (std::size_t i = 0; i < in_.awards.size(); ++i) {
      const auto& a = in_.awards[i];
      int bit = year_bit(a.academic_year);
      if (bit < 0) continue;
      Id inst = institution_index_.at(a.org_id);
      reported[inst] |= static_cast<std::uint8_t>(1u << bit);
      auto& [sum, bits] = sums[{inst, {ProgramId(a.system, a.program_code), a.level}}];
      if (bits & (1u << bit)) {
        return RowError("program_awards", i,
                        fmt::format("duplicate row for {} {} {} {}", a.org_id, ProgramKey(a.system, a.program_code),
                                    AwardLevelCode(a.level), a.academic_year));
      }
      bits = static_cast<std::uint8_t>(bits | (1u << bit));
      sum += a.awards;
    }
    // Units: the (program, level) pairs with awards, in program order.
    std::map<std::pair<Id, AwardLevel>, Id> unit_ids;
    for (const auto& [key, value] : sums) unit_ids.emplace(key.second, 0);
    for (auto& [key, id] : unit_ids) {
      id = static_cast<Id>(d_.units.size());
      d_.units.push_back({key.first, key.second});
    }
    const std::size_t no_county = d_.counties.size();
    std::vector<std::pair<std::size_t, InstitutionAward>> rows;
    for (const auto& [key, value] : sums) {
      const Id inst = key.first;
      const auto years_reported = static_cast<std::uint8_t>(std::popcount(reported[inst]));
      InstitutionAward award{inst, unit_ids.at(key.second), value.first, years_reported};
      const Id county = d_.institutions[inst].county;
      rows.emplace_back(county == kNoId ? no_county : county, award);
    }
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return std::tie(a.first, a.second.unit, a.second.institution) < std::tie(b.first, b.second.unit, b.second.institution);
    });
    d_.award_offsets.assign(no_county + 2, 0);
    for (const auto& [county, award] : rows) {
      ++d_.award_offsets[county + 1];
      d_.awards.push_back(award);
    }
    for (std::size_t i = 0; i <= no_county; ++i) d_.award_offsets[i + 1] += d_.award_offsets[i];
    return Status::Ok();
  }

  void Mapping() {
    std::set<std::pair<Id, Id>> links;  // (program, occupation)
    for (const auto& m : in_.mapping) {
      Id occ = Lookup(d_.occupation_index, m.soc);
      if (occ == kNoId) continue;  // the no-match placeholder or a group code
      links.emplace(ProgramId(m.system, m.program_code), occ);
    }
    for (const auto& e : in_.mapping_edits) {
      Id occ = Lookup(d_.occupation_index, e.soc);
      Id program = ProgramId(e.system, e.program_code);
      if (e.add) {
        ++d_.edits_added;
        if (occ != kNoId) links.emplace(program, occ);
      } else {
        ++d_.edits_removed;
        if (occ != kNoId) links.erase({program, occ});
      }
    }
    std::vector<std::pair<Id, Id>> program_occ(links.begin(), links.end());
    BuildCsr(d_.programs.size(), program_occ, d_.program_occ_offsets, d_.program_occ);

    std::vector<std::pair<Id, Id>> program_unit;
    for (Id u = 0; u < d_.units.size(); ++u) program_unit.emplace_back(d_.units[u].program, u);
    BuildCsr(d_.programs.size(), program_unit, d_.program_unit_offsets, d_.program_unit);

    std::vector<std::pair<Id, Id>> unit_occ, occ_unit;
    for (Id u = 0; u < d_.units.size(); ++u) {
      const Unit& unit = d_.units[u];
      for (auto k = d_.program_occ_offsets[unit.program]; k < d_.program_occ_offsets[unit.program + 1]; ++k) {
        Id occ = d_.program_occ[k];
        if (!LevelFits(unit.level, d_.occupations[occ].entry)) continue;
        unit_occ.emplace_back(u, occ);
        occ_unit.emplace_back(occ, u);
      }
    }
    std::sort(occ_unit.begin(), occ_unit.end());
    BuildCsr(d_.units.size(), unit_occ, d_.unit_occ_offsets, d_.unit_occ);
    BuildCsr(d_.occupations.size(), occ_unit, d_.occ_unit_offsets, d_.occ_unit);
  }

  Result<std::size_t> AreaOf(const DemandRow& r, std::size_t row) const {
    switch (r.area_type) {
      case AreaType::kCounty: {
        Id c = Lookup(d_.county_index, r.area_code);
        if (c == kNoId) return RowError("labor_demand", row, "unknown county FIPS: " + r.area_code);
        return d_.CountyArea(c);
      }
      case AreaType::kRegion: {
        Id reg = Lookup(d_.region_index, Upper(r.area_code));
        if (reg == kNoId) return RowError("labor_demand", row, "unknown region code: " + r.area_code);
        return d_.RegionArea(reg);
      }
      case AreaType::kState: return d_.StateArea();
      case AreaType::kNation: return d_.NationArea();
    }
    return RowError("labor_demand", row, "unknown area type");
  }

  // One row per area and occupation: the latest base year. Growth missing
  // but employment given: the annual change (E_T - E_0)/T, sign kept.
  Status Demand() {
    struct Entry {
      std::size_t area;
      Id occ;
      int base_year;
      std::size_t row;
    };
    std::vector<Entry> entries;
    d_.area_total_employment.assign(d_.AreaCount(), 0);
    std::vector<double> area_all_row(d_.AreaCount(), kMissing);
    d_.area_has_rows.assign(d_.AreaCount(), 0);
    for (std::size_t i = 0; i < in_.demand.size(); ++i) {
      const auto& r = in_.demand[i];
      PL_ASSIGN_OR_RETURN(std::size_t area, AreaOf(r, i));
      d_.area_has_rows[area] = 1;
      if (r.soc == kAllOccupationsSoc) {
        area_all_row[area] = r.employment_base;
        continue;
      }
      Id occ = Lookup(d_.occupation_index, r.soc);
      if (occ == kNoId) continue;  // a group code: an aggregate, not an occupation
      if (IsMissing(r.openings_annual)) return RowError("labor_demand", i, "openings_annual is missing");
      entries.push_back({area, occ, r.base_year, i});
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return std::tie(a.area, a.occ, b.base_year) < std::tie(b.area, b.occ, a.base_year);  // newest first
    });
    d_.demand_offsets.assign(d_.AreaCount() + 1, 0);
    for (std::size_t k = 0; k < entries.size(); ++k) {
      const Entry& e = entries[k];
      if (k > 0 && entries[k - 1].area == e.area && entries[k - 1].occ == e.occ) {
        if (entries[k - 1].base_year == e.base_year) {
          return RowError("labor_demand", e.row,
                          fmt::format("duplicate row for {} base year {}", in_.demand[e.row].soc, e.base_year));
        }
        continue;  // an older projection of the same occupation
      }
      const DemandRow& r = in_.demand[e.row];
      DemandFigures f;
      f.openings = r.openings_annual;
      f.growth = r.openings_growth;
      if (IsMissing(f.growth) && !IsMissing(r.employment_base) && !IsMissing(r.employment_projected) &&
          r.projected_year > r.base_year) {
        f.growth = (r.employment_projected - r.employment_base) / (r.projected_year - r.base_year);
      }
      f.exits = r.openings_exits;
      f.transfers = r.openings_transfers;
      f.employment = r.employment_base;
      f.wage_p25 = r.wage_p25_hourly;
      f.wage_median = r.wage_median_hourly;
      ++d_.demand_offsets[e.area + 1];
      d_.demand_occupation.push_back(e.occ);
      d_.demand_figures.push_back(f);
      d_.demand_source.push_back(Source(r.source));
      if (!IsMissing(r.employment_base)) d_.area_total_employment[e.area] += r.employment_base;
    }
    for (std::size_t a = 0; a < d_.AreaCount(); ++a) {
      d_.demand_offsets[a + 1] += d_.demand_offsets[a];
      if (!IsMissing(area_all_row[a])) d_.area_total_employment[a] = area_all_row[a];
    }
    return Status::Ok();
  }

  Status LivingWages() {
    for (const auto& w : in_.living_wages) {
      if (d_.household_index.emplace(w.household_type, static_cast<Id>(d_.household_types.size())).second) {
        d_.household_types.push_back(w.household_type);
      }
    }
    const std::size_t cells = d_.household_types.size() * d_.counties.size();
    d_.living_wage.assign(cells, kMissing);
    d_.living_wage_source.assign(cells, kNoId);
    d_.living_wage_year.assign(cells, 0);
    for (std::size_t i = 0; i < in_.living_wages.size(); ++i) {
      const auto& w = in_.living_wages[i];
      Id county = Lookup(d_.county_index, w.county_fips);
      if (county == kNoId) return RowError("living_wage", i, "unknown county FIPS: " + w.county_fips);
      if (!(w.hourly > 0)) return RowError("living_wage", i, fmt::format("hourly_wage must be > 0, got {}", w.hourly));
      const std::size_t cell = d_.household_index.at(w.household_type) * d_.counties.size() + county;
      if (!IsMissing(d_.living_wage[cell])) {
        return RowError("living_wage", i, "duplicate row for " + w.county_fips + " " + w.household_type);
      }
      d_.living_wage[cell] = w.hourly;
      d_.living_wage_source[cell] = Source(w.source);
      d_.living_wage_year[cell] = w.year;
    }
    return Status::Ok();
  }

  LaborInputs in_;
  LaborData d_;
  std::unordered_map<std::string, Id> source_index_;
  std::unordered_map<std::string, Id> institution_index_;
};

}  // namespace

std::string ProgramKey(CodeSystem system, std::string_view code) {
  return std::string(CodeSystemCode(system)) + ":" + std::string(code);
}

Id LaborData::FindOccupation(std::string_view soc) const { return Lookup(occupation_index, std::string(soc)); }
Id LaborData::FindProgram(CodeSystem system, std::string_view code) const {
  return Lookup(program_index, ProgramKey(system, code));
}
Id LaborData::FindCounty(std::string_view fips) const { return Lookup(county_index, std::string(fips)); }
Id LaborData::FindRegion(std::string_view code) const { return Lookup(region_index, Upper(code)); }
Id LaborData::FindSector(std::string_view code) const { return Lookup(sector_index, Upper(code)); }
Id LaborData::FindPathway(std::string_view code) const { return Lookup(pathway_index, Upper(code)); }
Id LaborData::FindHousehold(std::string_view type) const { return Lookup(household_index, std::string(type)); }

Result<LaborData> BuildLaborData(LaborInputs inputs) { return Builder(std::move(inputs)).Build(); }

}  // namespace pl::labor
