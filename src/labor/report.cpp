#include "labor/report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/csv_field.hpp"
#include "privacy/suppression.hpp"

namespace pl::labor {
namespace {

using nlohmann::json;

constexpr const char* kNationalSource = "BLS Employment Projections 2024-34 (national)";

double Rounded(double v, int digits) {
  const double scale = std::pow(10.0, digits);
  double r = std::round(v * scale) / scale;
  return r == 0 ? 0.0 : r;  // no "-0"
}

json Number(double v, int digits = 2) {
  if (!std::isfinite(v)) return nullptr;
  return Rounded(v, digits);
}
json Number(const std::optional<double>& v, int digits = 2) { return v ? Number(*v, digits) : json(nullptr); }

std::string Text(double v, int digits = 2) {
  if (!std::isfinite(v)) return "";
  return fmt::format("{:.{}f}", Rounded(v, digits), digits);
}
std::string Text(const std::optional<double>& v, int digits = 2) { return v ? Text(*v, digits) : ""; }

bool IsUnverified(const std::string& source) {
  return source.find("to_verify") != std::string::npos || source.find("partly_corroborated") != std::string::npos;
}

// "above" (at or above), "below", or "unknown" when either side is missing.
std::string_view VersusLivingWage(double wage, double living) {
  if (IsMissing(wage) || IsMissing(living)) return "unknown";
  return wage >= living ? "above" : "below";
}

json EntryText(const Occupation& o) {
  if (o.entry == EntryEducation::kUnknown) return nullptr;
  return std::string(EntryEducationText(o.entry));
}

json AreaJson(const LaborData& data, const Area& area) {
  json counties = json::array();
  for (Id c : AreaCounties(data, area)) counties.push_back(data.counties[c].fips);
  switch (area.kind) {
    case Area::Kind::kState:
      return {{"type", "state"}, {"code", "CA"}, {"name", "California"}, {"counties", counties}};
    case Area::Kind::kRegion: {
      const Region& r = data.regions[area.region];
      return {{"type", "region"}, {"code", r.code}, {"name", r.name}, {"counties", counties}};
    }
    case Area::Kind::kCounties: {
      std::vector<std::string> codes, names;
      for (Id c : area.counties) {
        codes.push_back(data.counties[c].fips);
        names.push_back(data.counties[c].name);
      }
      return {{"type", "counties"},
              {"code", fmt::format("{}", fmt::join(codes, ","))},
              {"name", fmt::format("{}", fmt::join(names, ", "))},
              {"counties", counties}};
    }
  }
  return nullptr;
}

std::string AreaName(const LaborData& data, const Area& area) { return AreaJson(data, area)["name"]; }

struct FilterInfo {
  std::string code, name;
  bool verified = true;
};
FilterInfo DescribeFilter(const LaborData& data, const Filter& f) {
  switch (f.kind) {
    case FilterKind::kNone: return {};
    case FilterKind::kSector: {
      const Sector& s = data.sectors[f.id];
      return {s.code, s.name, !IsUnverified(s.source)};
    }
    case FilterKind::kPathway: {
      const Pathway& p = data.pathways[f.id];
      bool verified = !IsUnverified(p.source);
      for (const auto& source : p.program_sources) verified = verified && !IsUnverified(source);
      return {p.code, p.name, verified};
    }
    case FilterKind::kProgram: {
      const Program& p = data.programs[f.id];
      return {ProgramKey(p.system, p.code), p.title, true};
    }
    case FilterKind::kSoc: {
      const Occupation& o = data.occupations[f.id];
      return {o.soc, o.title, true};
    }
  }
  return {};
}

json DemandSource(const LaborData& data, const GapTable& t) {
  if (t.options.demand == DemandMode::kNationalScaled) {
    return {{"kind", "national_scaled"},
            {"sources", {kNationalSource}},
            {"national", true},
            {"share", Number(t.national_share, 6)},
            {"label", fmt::format("National: BLS 2024-34 national openings scaled to the area's share of national "
                                  "employment ({:.3f}%), not regional projections",
                                  t.national_share * 100)}};
  }
  std::vector<std::string> sources;
  for (Id s : t.demand_sources) sources.push_back(data.sources[s]);
  std::sort(sources.begin(), sources.end());
  std::string label;
  if (sources.empty()) {
    label = "No regional projections for this area";
  } else if (sources.size() == 1 && sources[0] == "synthetic") {
    label = "Synthetic regional projections (demo data)";
  } else {
    label = fmt::format("Regional projections: {}", fmt::join(sources, "; "));
  }
  return {{"kind", "regional"}, {"sources", sources}, {"national", false}, {"label", label}};
}

std::string SourcesText(const LaborData& data, const std::vector<Id>& ids) {
  std::vector<std::string> texts;
  for (Id s : ids) texts.push_back(data.sources[s]);
  std::sort(texts.begin(), texts.end());
  return fmt::format("{}", fmt::join(texts, "; "));
}

json LivingWageJson(const LaborData& data, const GapResult& r) {
  const GapTable& t = r.table;
  if (IsMissing(t.living_wage_hourly)) return nullptr;
  return {{"household_type", r.request.household_type},
          {"hourly", Number(t.living_wage_hourly)},
          {"annual", Number(AnnualFromHourly(t.living_wage_hourly))},
          {"source", SourcesText(data, t.living_wage_sources)},
          {"year", t.living_wage_year},
          {"rule", LivingWageRuleText(t.living_wage_rule)}};
}

json ProgramsJson(const LaborData& data, const GapTable& t, Id s) {
  json programs = json::array();
  for (auto k = t.contribution_offsets[s]; k < t.contribution_offsets[s + 1]; ++k) {
    const Contribution& c = t.contributions[k];
    const Unit& u = data.units[c.unit];
    const Program& p = data.programs[u.program];
    programs.push_back({{"code_system", CodeSystemCode(p.system)},
                        {"code", p.code},
                        {"title", p.title},
                        {"award_level", AwardLevelCode(u.level)},
                        {"awards_mean", Number(t.awards[c.unit])},
                        {"years_used", t.years_used[c.unit]},
                        {"weight", Number(c.weight, 4)},
                        {"supply", Number(c.supply)}});
  }
  return programs;
}

json OccupationJson(const LaborData& data, const GapTable& t, Id s) {
  const Occupation& o = data.occupations[s];
  const double living = t.living_wage_hourly;
  return {{"soc", o.soc},
          {"title", o.title},
          {"entry_education", EntryText(o)},
          {"demand", Number(t.Demand(s))},
          {"demand_growth", Number(t.growth[s])},
          {"demand_exits", Number(t.exits[s])},
          {"demand_transfers", Number(t.transfers[s])},
          {"employment", Number(t.employment[s])},
          {"supply", Number(t.supply[s])},
          {"gap", Number(t.Gap(s))},
          {"ratio", Number(t.Ratio(s), 4)},
          {"variance", Number(t.Variance(s), 4)},
          {"wage_p25_hourly", Number(t.wage_p25[s])},
          {"wage_median_hourly", Number(t.wage_median[s])},
          {"wage_p25_annual", Number(AnnualFromHourly(t.wage_p25[s]))},
          {"wage_median_annual", Number(AnnualFromHourly(t.wage_median[s]))},
          {"p25_vs_living_wage", VersusLivingWage(t.wage_p25[s], living)},
          {"median_vs_living_wage", VersusLivingWage(t.wage_median[s], living)},
          {"programs", ProgramsJson(data, t, s)},
          {"flags", FlagNames(t.flags[s])}};
}

}  // namespace

Result<GapResult> RunGap(const LaborData& data, const GapRequest& request) {
  GapResult r;
  r.request = request;
  PL_RETURN_IF_ERROR(ComputeGap(data, request.area, request.options, r.table));
  r.selected = SelectOccupations(data, r.table, request.filter, request.education, request.sort);
  r.occupations = r.selected;
  if (request.limit && r.occupations.size() > *request.limit) r.occupations.resize(*request.limit);
  r.totals = SumTotals(r.table, r.selected);
  r.program_view = ProgramView(data, r.table, request.filter);
  if (request.filter.kind == FilterKind::kNone) {
    r.rollup_by = GapResult::RollUpBy::kSector;
    r.rollup = RollUpBySector(data, r.table);
  } else if (request.filter.kind == FilterKind::kSector) {
    r.rollup_by = GapResult::RollUpBy::kPathway;
    r.rollup = RollUpByPathway(data, r.table, request.filter.id);
  }
  return r;
}

json GapJson(const LaborData& data, const GapResult& r, std::string_view data_version) {
  const GapTable& t = r.table;
  const FilterInfo filter = DescribeFilter(data, r.request.filter);
  json filter_json = {{"kind", nullptr}, {"code", nullptr}, {"name", nullptr}, {"verified", true}};
  if (r.request.filter.kind != FilterKind::kNone) {
    filter_json = {{"kind", FilterKindCode(r.request.filter.kind)},
                   {"code", filter.code},
                   {"name", filter.name},
                   {"verified", filter.verified}};
  }
  json occupations = json::array();
  for (Id s : r.occupations) occupations.push_back(OccupationJson(data, t, s));
  json program_view = json::array();
  for (const ProgramRow& p : r.program_view) {
    const Program& program = data.programs[p.program];
    program_view.push_back({{"code_system", CodeSystemCode(program.system)},
                            {"code", program.code},
                            {"title", program.title},
                            {"award_level", AwardLevelCode(p.level)},
                            {"awards_mean", Number(p.awards)},
                            {"openings_allocated", Number(p.openings_allocated)},
                            {"gap", Number(p.gap())}});
  }
  json rollup = nullptr;
  if (r.rollup_by != GapResult::RollUpBy::kNone) {
    const bool by_sector = r.rollup_by == GapResult::RollUpBy::kSector;
    json rows = json::array();
    for (const RollUpRow& row : r.rollup) {
      const std::string& code = by_sector ? data.sectors[row.id].code : data.pathways[row.id].code;
      const std::string& name = by_sector ? data.sectors[row.id].name : data.pathways[row.id].name;
      rows.push_back({{"code", code},
                      {"name", name},
                      {"awards_mean", Number(row.awards)},
                      {"openings_allocated", Number(row.openings_allocated)},
                      {"gap", Number(row.gap())}});
    }
    rollup = {{"by", by_sector ? "sector" : "pathway"}, {"rows", rows}};
  }
  json supply_years = json::array();
  for (int y : data.supply_years) supply_years.push_back(y);
  return {{"data_version", data_version},
          {"area", AreaJson(data, r.request.area)},
          {"filter", filter_json},
          {"split", SplitCode(r.request.options.split)},
          {"education", EducationFilterCode(r.request.education)},
          {"demand_source", DemandSource(data, t)},
          {"supply_years", supply_years},
          {"living_wage", LivingWageJson(data, r)},
          {"totals",
           {{"demand", Number(r.totals.demand)},
            {"supply", Number(r.totals.supply)},
            {"gap", Number(r.totals.gap)},
            {"awards_unmatched", Number(t.awards_unmatched)}}},
          {"occupations", occupations},
          {"occupation_count", r.selected.size()},
          {"program_view", program_view},
          {"rollup", rollup},
          {"mapping",
           {{"crosswalk", data.crosswalk_edition},
            {"edits_added", data.edits_added},
            {"edits_removed", data.edits_removed}}}};
}

std::string GapCsv(const LaborData& data, const GapResult& r) {
  const GapTable& t = r.table;
  std::string out =
      "soc,title,entry_education,demand,demand_growth,demand_exits,demand_transfers,employment,supply,gap,ratio,"
      "variance,wage_p25_hourly,wage_median_hourly,wage_p25_annual,wage_median_annual,p25_vs_living_wage,"
      "median_vs_living_wage,living_wage_hourly,programs,flags\n";
  for (Id s : r.occupations) {
    const Occupation& o = data.occupations[s];
    std::vector<std::string> programs;
    for (auto k = t.contribution_offsets[s]; k < t.contribution_offsets[s + 1]; ++k) {
      const Contribution& c = t.contributions[k];
      const Unit& u = data.units[c.unit];
      const Program& p = data.programs[u.program];
      programs.push_back(fmt::format("{} {} {}", ProgramKey(p.system, p.code), AwardLevelCode(u.level), Text(c.supply)));
    }
    const std::vector<std::string> fields = {
        o.soc, o.title, std::string(EntryEducationText(o.entry)), Text(t.Demand(s)), Text(t.growth[s]),
        Text(t.exits[s]), Text(t.transfers[s]), Text(t.employment[s]), Text(t.supply[s]), Text(t.Gap(s)),
        Text(t.Ratio(s), 4), Text(t.Variance(s), 4), Text(t.wage_p25[s]), Text(t.wage_median[s]),
        Text(AnnualFromHourly(t.wage_p25[s])), Text(AnnualFromHourly(t.wage_median[s])),
        std::string(VersusLivingWage(t.wage_p25[s], t.living_wage_hourly)),
        std::string(VersusLivingWage(t.wage_median[s], t.living_wage_hourly)), Text(t.living_wage_hourly),
        fmt::format("{}", fmt::join(programs, ";")), fmt::format("{}", fmt::join(FlagNames(t.flags[s]), ";"))};
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out += ',';
      AppendCsvField(out, fields[i]);
    }
    out += '\n';
  }
  return out;
}

std::string GapText(const LaborData& data, const GapResult& r) {
  const GapTable& t = r.table;
  std::string out;
  const FilterInfo filter = DescribeFilter(data, r.request.filter);
  out += fmt::format("Area: {}\n", AreaName(data, r.request.area));
  if (r.request.filter.kind != FilterKind::kNone) {
    out += fmt::format("Filter: {} {} ({}){}\n", FilterKindCode(r.request.filter.kind), filter.code, filter.name,
                       filter.verified ? "" : " [mapping to verify]");
  }
  out += fmt::format("Demand: {}\n", DemandSource(data, t)["label"].get<std::string>());
  out += fmt::format("Supply: mean awards over {}; split {}; entry education {}\n",
                     fmt::join(data.supply_years, ", "), SplitCode(r.request.options.split),
                     EducationFilterCode(r.request.education));
  if (IsMissing(t.living_wage_hourly)) {
    out += fmt::format("Living wage ({}): none in the data\n", r.request.household_type);
  } else {
    out += fmt::format("Living wage ({}): ${:.2f}/h = ${:.0f}/yr ({}; {})\n", r.request.household_type,
                       t.living_wage_hourly, AnnualFromHourly(t.living_wage_hourly),
                       LivingWageRuleText(t.living_wage_rule), SourcesText(data, t.living_wage_sources));
  }
  out += '\n';
  out += fmt::format("{:<8} {:<40} {:>10} {:>10} {:>10} {:>7} {:>8} {:>8} {:>6}  {}\n", "SOC", "Title", "Demand",
                     "Supply", "Gap", "Ratio", "P25/h", "Median/h", "vs LW", "Flags");
  for (Id s : r.occupations) {
    const Occupation& o = data.occupations[s];
    std::string title = o.title.size() > 40 ? o.title.substr(0, 39) + "~" : o.title;
    out += fmt::format("{:<8} {:<40} {:>10} {:>10} {:>10} {:>7} {:>8} {:>8} {:>6}  {}\n", o.soc, title,
                       Text(t.Demand(s), 1), Text(t.supply[s], 1), Text(t.Gap(s), 1), Text(t.Ratio(s), 2),
                       Text(t.wage_p25[s]), Text(t.wage_median[s]),
                       VersusLivingWage(t.wage_p25[s], t.living_wage_hourly),
                       fmt::join(FlagNames(t.flags[s]), ","));
  }
  out += fmt::format("\n{} of {} occupations shown. Totals: demand {}, supply {}, gap {}\n", r.occupations.size(),
                     r.selected.size(), Text(r.totals.demand, 1),
                     r.totals.supply ? Text(*r.totals.supply, 1) : "(not totalled: full count)",
                     r.totals.gap ? Text(*r.totals.gap, 1) : "(not totalled: full count)");
  return out;
}

// ---- Occupation report -------------------------------------------------------

namespace {

bool SeesExactly(const Viewer& viewer, const LaborData& data, const Institution& inst) {
  if (viewer.statewide || viewer.organizations.contains(inst.org_id)) return true;
  return inst.county != kNoId && viewer.counties.contains(data.counties[inst.county].fips);
}

// The institutions of `region` awarding `unit`, each with its mean, gated:
// one table per (region, unit) whose cells are the institutions' award sums
// over the supply years and whose total, the region's sum, is shown in the
// gap table anyway (exempt: the attacker knows it).
Result<json> InstitutionsJson(const LaborData& data, Id region, Id unit, const Viewer& viewer,
                              const privacy::SuppressionPolicy& policy) {
  std::vector<const InstitutionAward*> rows;
  for (Id c : data.regions[region].counties) {
    for (auto k = data.award_offsets[c]; k < data.award_offsets[c + 1]; ++k) {
      if (data.awards[k].unit == unit) rows.push_back(&data.awards[k]);
    }
  }
  std::sort(rows.begin(), rows.end(), [&](const auto* a, const auto* b) {
    return data.institutions[a->institution].name < data.institutions[b->institution].name;
  });
  privacy::Table table;
  privacy::Relation relation{rows.size(), {}};
  long long total = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    table.cells.push_back({rows[i]->sum, SeesExactly(viewer, data, data.institutions[rows[i]->institution])});
    relation.parts.push_back(i);
    total += rows[i]->sum;
  }
  table.cells.push_back({total, true});
  table.relations.push_back(relation);
  PL_ASSIGN_OR_RETURN(auto published, privacy::Suppress(table, policy));
  json out = json::array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Institution& inst = data.institutions[rows[i]->institution];
    json entry = {{"org_id", inst.org_id}, {"name", inst.name}};
    if (published.shown(i)) {
      entry["awards_mean"] = Number(rows[i]->mean());
      entry["suppressed"] = false;
    } else {
      entry["awards_mean"] = nullptr;
      entry["suppressed"] = true;
      entry["reason"] = privacy::ReasonCode(published.states[i]);
    }
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

Result<json> OccupationReport(const LaborData& data, std::string_view soc, const Viewer& viewer,
                              const privacy::SuppressionPolicy& policy, std::string_view data_version) {
  const Id s = data.FindOccupation(soc);
  if (s == kNoId) {
    return NotFound(fmt::format("unknown SOC code: {} (expected a detailed SOC 2018 occupation such as 29-2061)", soc),
                    {{"parameter", "soc"}});
  }
  const Occupation& o = data.occupations[s];
  json national = nullptr;
  if (o.national_line_item && !IsMissing(o.national_openings_k)) {
    auto persons = [](double thousands) -> json {
      if (IsMissing(thousands)) return nullptr;
      return std::llround(thousands * 1000.0);
    };
    national = {{"employment_2024", persons(o.national_employment_base_k)},
                {"employment_2034", persons(o.national_employment_projected_k)},
                {"annual_openings", persons(o.national_openings_k)},
                {"median_annual_wage", Number(o.national_median_annual_wage)},
                {"source", kNationalSource}};
  }
  GapOptions options;
  options.household = data.FindHousehold("1a0c");
  GapTable t;
  json regions = json::array();
  for (Id r = 0; r < data.regions.size(); ++r) {
    Area area{Area::Kind::kRegion, r, {}};
    PL_RETURN_IF_ERROR(ComputeGap(data, area, options, t));
    json programs = json::array();
    for (auto k = t.contribution_offsets[s]; k < t.contribution_offsets[s + 1]; ++k) {
      const Id u = t.contributions[k].unit;
      const Program& p = data.programs[data.units[u].program];
      PL_ASSIGN_OR_RETURN(json institutions, InstitutionsJson(data, r, u, viewer, policy));
      programs.push_back({{"code_system", CodeSystemCode(p.system)},
                          {"code", p.code},
                          {"title", p.title},
                          {"award_level", AwardLevelCode(data.units[u].level)},
                          {"awards_mean", Number(t.awards[u])},
                          {"years_used", t.years_used[u]},
                          {"weight", Number(t.contributions[k].weight, 4)},
                          {"supply", Number(t.contributions[k].supply)},
                          {"institutions", std::move(institutions)}});
    }
    regions.push_back({{"code", data.regions[r].code},
                       {"name", data.regions[r].name},
                       {"demand", t.has_demand[s] ? Number(t.Demand(s)) : json(nullptr)},
                       {"wage_p25_hourly", Number(t.wage_p25[s])},
                       {"wage_median_hourly", Number(t.wage_median[s])},
                       {"living_wage_hourly", Number(t.living_wage_hourly)},
                       {"p25_vs_living_wage", VersusLivingWage(t.wage_p25[s], t.living_wage_hourly)},
                       {"supply", Number(t.supply[s])},
                       {"gap", Number(t.Gap(s))},
                       {"flags", FlagNames(t.flags[s])},
                       {"programs", std::move(programs)}});
  }
  return json{{"data_version", data_version},
              {"soc", o.soc},
              {"title", o.title},
              {"definition", o.definition.empty() ? json(nullptr) : json(o.definition)},
              {"entry_education", EntryText(o)},
              {"national", national},
              {"split", "openings"},
              {"supply_years", data.supply_years},
              {"regions", std::move(regions)}};
}

}  // namespace pl::labor
