// GET /api/v1/equity: the engine aggregates, equity computes on the exact
// counts, and the gate decides what each viewer sees.
#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "analytics/internal.hpp"
#include "core/code_sets.hpp"

namespace pl::analytics {
namespace {

using engine::Dim;
using privacy::CellState;
using Method = EquityRequest::Method;

constexpr std::string_view kMissingPart = "NA";
constexpr std::string_view kPartSeparator = " / ";

std::string Param(const std::map<std::string, std::string>& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

Result<double> ParseDouble(const std::string& name, const std::string& text, double lo, double hi) {
  auto value = equity::ParseNumber(text);
  if (!value || std::isnan(*value) || *value < lo || *value > hi) {
    return InvalidArgument(fmt::format("{} must be a number from {} to {}, got \"{}\"", name, lo, hi, text),
                           {{"parameter", name}});
  }
  return *value;
}

Result<int> ParseYear(const std::string& name, const std::string& text) {
  int year = ParseSchoolYear(text);
  if (!year) {
    return InvalidArgument(fmt::format("{} must be a school year such as 2023-24, got \"{}\"", name, text),
                           {{"parameter", name}});
  }
  return year;
}

// Dimensions a report may compare groups along: student groups and places.
bool GroupDimAllowed(Dim dim) { return dim != Dim::kSchoolYear && dim != Dim::kOrganization; }

nlohmann::json Number(double x) {
  if (std::isnan(x) || std::isinf(x)) return nullptr;
  return x;
}
nlohmann::json Count(double x) {
  if (std::isnan(x) || std::isinf(x)) return nullptr;
  return static_cast<std::int64_t>(x);
}

// One group of one cohort, as the methods see it, with the engine row it
// comes from (for the gate's decision).
struct Cell {
  equity::OptString cohort;
  equity::OptString group;
  std::string label;
  std::size_t row = 0;
  double n = 0;
  double success = 0;
};

// The method's answer for one group, in one shape for all three methods.
struct Answer {
  double pct = 0;
  double reference = 0;
  equity::OptString reference_group;
  double moe = std::nan("");
  double lo = std::nan("");
  double hi = std::nan("");
  double index = std::nan("");
  int flag = 0;
  double needed_not_di = 0;
  double needed_parity = 0;
};

using Key = std::pair<equity::OptString, equity::OptString>;

Result<std::map<Key, Answer>> RunMethod(const std::vector<Cell>& cells, const EquityRequest& request, double min_n) {
  std::vector<equity::GroupTotal> input;
  for (const auto& c : cells) input.push_back({c.cohort, c.group, c.n, c.success});
  std::map<Key, Answer> out;
  switch (request.method) {
    case Method::kPpg: {
      auto reference = equity::ReferenceFromName(request.reference.empty() ? "all but current" : request.reference);
      PL_ASSIGN_OR_RETURN(auto rows, equity::Ppg(input, {.reference = *reference,
                                                         .min_moe = request.min_moe,
                                                         .use_prop_in_moe = request.use_prop_in_moe,
                                                         .min_n = min_n}));
      for (const auto& r : rows) {
        out[{r.cohort, r.group}] = {r.pct, r.reference, r.reference_group, r.moe, r.pct_lo, r.pct_hi, std::nan(""),
                                    r.di_indicator, r.success_needed_not_di, r.success_needed_full_parity};
      }
      break;
    }
    case Method::kPropIndex: {
      PL_ASSIGN_OR_RETURN(auto rows, equity::PropIndex(input, {.di_prop_index_cutoff = request.cutoff, .min_n = min_n}));
      for (const auto& r : rows) {
        double pct = r.n > 0 ? r.success / r.n : std::nan("");
        double overall = r.di_prop_index != 0 && !std::isnan(r.di_prop_index) ? pct / r.di_prop_index : std::nan("");
        out[{r.cohort, r.group}] = {pct, overall, std::string("overall"), std::nan(""), std::nan(""), std::nan(""),
                                    r.di_prop_index, r.di_indicator, r.success_needed_not_di,
                                    r.success_needed_full_parity};
      }
      break;
    }
    case Method::kIndex80: {
      auto reference = equity::ReferenceFromName(request.reference.empty() ? "hpg" : request.reference);
      PL_ASSIGN_OR_RETURN(auto rows, equity::Index80(input, {.reference = *reference,
                                                             .di_80_index_cutoff = request.cutoff,
                                                             .min_n = min_n}));
      for (const auto& r : rows) {
        out[{r.cohort, r.group}] = {r.pct, r.reference, r.reference_group, std::nan(""), std::nan(""), std::nan(""),
                                    r.di_80_index, r.di_indicator, r.success_needed_not_di,
                                    r.success_needed_full_parity};
      }
      break;
    }
  }
  return out;
}

std::string MethodName(Method m) {
  switch (m) {
    case Method::kPpg: return "ppg";
    case Method::kPropIndex: return "prop-index";
    case Method::kIndex80: return "80-index";
  }
  return "ppg";
}

std::string ReferenceName(const EquityRequest& r) {
  if (r.method == Method::kPropIndex) return "overall";
  if (!r.reference.empty()) return r.reference;
  return r.method == Method::kPpg ? "all but current" : "hpg";
}

// The engine query behind a report: the population's filters, grouped by
// `leading` dimensions then the group dimensions.
nlohmann::json Spec(const EquityRequest& request, const std::vector<Dim>& leading, int from, int to) {
  nlohmann::json filters = nlohmann::json::array();
  filters.push_back({{"dim", "school_year"}, {"min", from}, {"max", to}});
  auto in = [&](const char* dim, const std::string& value) {
    if (!value.empty()) filters.push_back({{"dim", dim}, {"in", {value}}});
  };
  in("region", request.region);
  in("county", request.county);
  in("organization", request.organization);
  in("sector", request.sector);
  in("pathway", request.pathway);
  nlohmann::json group_by = nlohmann::json::array();
  for (Dim d : leading) group_by.push_back(std::string(engine::DimName(d)));
  for (Dim d : request.group) group_by.push_back(std::string(engine::DimName(d)));
  return {{"filters", std::move(filters)},
          {"group_by", std::move(group_by)},
          {"measures", {{{"op", "rate"}, {"outcome", std::string(engine::OutcomeName(request.outcome))}}}}};
}

// The cells of a gated result: `leading` dimensions give the cohort (the
// first, as a label) or nothing; the rest form the group.
std::vector<Cell> Cells(const internal::Gated& gated, const Labels& labels, std::size_t leading, bool cohort_is_year,
                        engine::Outcome outcome) {
  const auto& result = gated.result;
  std::string name(engine::OutcomeName(outcome));
  auto n_col = *result.FindColumn(name + "_n");
  auto s_col = *result.FindColumn(name + "_sum");
  std::vector<Cell> cells;
  for (std::uint64_t r = 0; r < result.rows(); ++r) {
    Cell c;
    c.row = r;
    c.n = static_cast<double>(result.columns[n_col].ints[r]);
    c.success = static_cast<double>(result.columns[s_col].ints[r]);
    if (c.n == 0) continue;  // nobody with a known outcome: not a group for this outcome
    c.cohort = std::string();
    if (leading > 0) {
      nlohmann::json v = result.DimValue(r, 0);
      c.cohort = cohort_is_year && !v.is_null() ? SchoolYearLabel(std::stoi(internal::Text(v))) : (v.is_null() ? "" : internal::Text(v));
    }
    std::size_t parts = result.group_by.size() - leading;
    if (parts == 1) {
      nlohmann::json v = result.DimValue(r, leading);
      if (!v.is_null()) c.group = internal::Text(v);
      c.label = labels.Label(result.group_by[leading], v);
    } else {
      std::string code, label;
      for (std::size_t p = 0; p < parts; ++p) {
        nlohmann::json v = result.DimValue(r, leading + p);
        if (p) {
          code += kPartSeparator;
          label += kPartSeparator;
        }
        code += v.is_null() ? std::string(kMissingPart) : internal::Text(v);
        label += labels.Label(result.group_by[leading + p], v);
      }
      c.group = code;
      c.label = label;
    }
    cells.push_back(std::move(c));
  }
  return cells;
}

struct Published {
  nlohmann::json groups = nlohmann::json::array();
  bool reference_hidden = false;
};

// The groups of one cohort (or place) as the viewer may see them.
Published PublishGroups(const std::vector<const Cell*>& cells, const std::map<Key, Answer>& answers,
                        const internal::Gated& gated, double min_n, const EquityRequest& request) {
  Published out;
  std::map<equity::OptString, CellState> state_of;
  for (const Cell* c : cells) state_of[c->group] = gated.rows.states[c->row];
  for (const Cell* c : cells) {
    CellState state = gated.rows.states[c->row];
    const Answer& a = answers.at({c->cohort, c->group});
    nlohmann::json g = {{"group", c->group ? nlohmann::json(*c->group) : nlohmann::json(nullptr)},
                        {"label", c->label},
                        {"n", internal::Published(static_cast<std::int64_t>(c->n), state)},
                        {"success", internal::Published(static_cast<std::int64_t>(c->success), state)},
                        {"suppressed", state != CellState::kShown},
                        {"reason", std::string(privacy::ReasonCode(state))},
                        {"small_n", c->n < min_n}};
    for (const char* field : {"rate", "reference", "reference_group", "moe", "rate_lo", "rate_hi", "gap", "index", "flag",
                              "success_needed_not_di", "success_needed_full_parity"}) {
      g[field] = nullptr;
    }
    if (state == CellState::kShown) {
      // A reference taken from one group (hpg, a named group) must not
      // reveal that group's rate when it is withheld.
      bool hidden = false;
      if (a.reference_group && request.method != Method::kPropIndex) {
        auto it = state_of.find(a.reference_group);
        hidden = it != state_of.end() && it->second != CellState::kShown;
      }
      out.reference_hidden = out.reference_hidden || hidden;
      g["rate"] = Number(a.pct);
      g["moe"] = Number(a.moe);
      g["rate_lo"] = Number(a.lo);
      g["rate_hi"] = Number(a.hi);
      bool reference_known = !hidden && !equity::IsNA(a.reference) && !std::isnan(a.reference);
      g["flag"] = reference_known || request.method == Method::kPropIndex ? nlohmann::json(a.flag == 1)
                                                                           : nlohmann::json(nullptr);
      if (!hidden) {
        g["reference"] = Number(a.reference);
        if (a.reference_group && request.method != Method::kPropIndex) g["reference_group"] = *a.reference_group;
        if (reference_known) g["gap"] = Number(a.pct - a.reference);
        g["index"] = Number(a.index);
        g["success_needed_not_di"] = Count(a.needed_not_di);
        g["success_needed_full_parity"] = Count(a.needed_parity);
      }
    }
    out.groups.push_back(std::move(g));
  }
  return out;
}

nlohmann::json Overall(const std::vector<const Cell*>& cells, const internal::Gated& gated,
                       const privacy::SuppressionPolicy& policy) {
  std::int64_t n = 0, s = 0;
  bool exact = true;
  for (const Cell* c : cells) {
    n += static_cast<std::int64_t>(c->n);
    s += static_cast<std::int64_t>(c->success);
    exact = exact && gated.exact[c->row];
  }
  auto count = [&](std::int64_t v) {
    return exact ? internal::Published(v, CellState::kShown) : privacy::PublishCount(v, policy).ToJson();
  };
  bool rate_shown = exact || !privacy::RateIsSmall(s, n, policy);
  return {{"n", count(n)},
          {"success", count(s)},
          {"rate", rate_shown && n > 0 ? nlohmann::json(static_cast<double>(s) / static_cast<double>(n))
                                       : nlohmann::json(nullptr)}};
}

}  // namespace

Result<EquityRequest> ParseEquityRequest(const std::map<std::string, std::string>& params) {
  EquityRequest r;
  std::string outcome = Param(params, "outcome");
  auto o = engine::FindOutcome(outcome);
  if (!o) {
    return InvalidArgument(fmt::format("outcome must be one of completer, concentrator, credential, graduate, "
                                       "postsecondary, employed, wbl, dual_enrollment; got \"{}\"",
                                       outcome),
                           {{"parameter", "outcome"}});
  }
  r.outcome = *o;
  std::string group = Param(params, "group");
  for (const auto& part : equity::SplitGroupSpec(group)) {
    auto d = engine::FindDim(part);
    if (!d || !GroupDimAllowed(*d)) {
      return InvalidArgument(fmt::format("group must name a student group (race_ethnicity, gender, "
                                         "socioeconomically_disadvantaged, disability, english_learner, foster_youth, "
                                         "homeless, migrant, first_generation) or a place (region, county), or two "
                                         "joined by '*'; got \"{}\"",
                                         group),
                             {{"parameter", "group"}});
    }
    r.group.push_back(*d);
  }
  if (r.group.empty() || r.group.size() > 2 || (r.group.size() == 2 && r.group[0] == r.group[1])) {
    return InvalidArgument(fmt::format("group must be one variable or two different ones joined by '*'; got \"{}\"", group),
                           {{"parameter", "group"}});
  }
  std::string cohort = Param(params, "cohort");
  if (cohort != "" && cohort != "school_year" && cohort != "none") {
    return InvalidArgument(fmt::format("cohort must be school_year or none; got \"{}\"", cohort), {{"parameter", "cohort"}});
  }
  r.by_cohort = cohort != "none";
  if (auto v = Param(params, "from"); !v.empty()) {
    PL_ASSIGN_OR_RETURN(r.from, ParseYear("from", v));
  }
  if (auto v = Param(params, "to"); !v.empty()) {
    PL_ASSIGN_OR_RETURN(r.to, ParseYear("to", v));
  }
  if (r.from && r.to && *r.from > *r.to) {
    return InvalidArgument("from must not be after to", {{"parameter", "from"}});
  }
  r.region = Param(params, "region");
  r.county = Param(params, "county");
  r.organization = Param(params, "organization");
  r.sector = Param(params, "sector");
  r.pathway = Param(params, "pathway");
  std::string method = Param(params, "method");
  if (method.empty() || method == "ppg") {
    r.method = Method::kPpg;
  } else if (method == "prop-index") {
    r.method = Method::kPropIndex;
  } else if (method == "80-index") {
    r.method = Method::kIndex80;
  } else {
    return InvalidArgument(fmt::format("method must be ppg, prop-index or 80-index; got \"{}\"", method),
                           {{"parameter", "method"}});
  }
  r.reference = Param(params, "reference");
  if (auto v = Param(params, "min_moe"); !v.empty()) {
    PL_ASSIGN_OR_RETURN(r.min_moe, ParseDouble("min_moe", v, 0, 1));
  }
  if (auto v = Param(params, "use_prop_in_moe"); !v.empty()) {
    if (v != "true" && v != "false") {
      return InvalidArgument("use_prop_in_moe must be true or false", {{"parameter", "use_prop_in_moe"}});
    }
    r.use_prop_in_moe = v == "true";
  }
  if (auto v = Param(params, "cutoff"); !v.empty()) {
    PL_ASSIGN_OR_RETURN(r.cutoff, ParseDouble("cutoff", v, 0, 1));
  }
  if (auto v = Param(params, "min_n"); !v.empty()) {
    PL_ASSIGN_OR_RETURN(double min_n, ParseDouble("min_n", v, 0, 1e9));
    r.min_n = min_n;
  }
  if (auto v = Param(params, "by"); !v.empty()) {
    if (v != "region" && v != "county") {
      return InvalidArgument(fmt::format("by must be region or county; got \"{}\"", v), {{"parameter", "by"}});
    }
    r.places = v == "region" ? Dim::kRegion : Dim::kCounty;
  }
  return r;
}

Result<nlohmann::json> EquityReport(const engine::Snapshot& snapshot, const Labels& labels,
                                    const EquityRequest& request, const Viewer& viewer,
                                    const privacy::SuppressionPolicy& policy) {
  // Default years: the last five with data.
  const auto& years = snapshot.dictionary(Dim::kSchoolYear);
  if (years.values.empty()) return FailedPrecondition("there is no student-year data yet");
  int last = std::stoi(years.values.back());
  int first = std::stoi(years.values[years.values.size() >= 5 ? years.values.size() - 5 : 0]);
  int from = request.from.value_or(request.to ? *request.to - 4 : first);
  int to = request.to.value_or(request.from ? std::max(*request.from, last) : last);
  const double min_n = request.min_n.value_or(static_cast<double>(policy.min_n));

  std::vector<Dim> leading;
  if (request.by_cohort) leading.push_back(Dim::kSchoolYear);
  PL_ASSIGN_OR_RETURN(internal::Gated gated, internal::RunGated(snapshot, labels, Spec(request, leading, from, to),
                                                                viewer, policy, 0));
  std::vector<Cell> cells = Cells(gated, labels, leading.size(), true, request.outcome);
  PL_ASSIGN_OR_RETURN(auto answers, RunMethod(cells, request, min_n));

  std::map<equity::OptString, std::vector<const Cell*>> by_cohort;
  for (const auto& c : cells) by_cohort[c.cohort].push_back(&c);
  nlohmann::json cohorts = nlohmann::json::array();
  bool reference_hidden = false;
  for (const auto& [cohort, group_cells] : by_cohort) {
    Published published = PublishGroups(group_cells, answers, gated, min_n, request);
    reference_hidden = reference_hidden || published.reference_hidden;
    cohorts.push_back({{"cohort", cohort ? *cohort : ""},
                       {"overall", Overall(group_cells, gated, policy)},
                       {"groups", std::move(published.groups)}});
  }

  nlohmann::json population = {{"from", SchoolYearLabel(from)}, {"to", SchoolYearLabel(to)}};
  for (auto [name, value] : {std::pair{"region", &request.region}, {"county", &request.county},
                             {"organization", &request.organization}, {"sector", &request.sector},
                             {"pathway", &request.pathway}}) {
    if (!value->empty()) population[name] = *value;
  }
  std::string group_code, group_label;
  for (std::size_t i = 0; i < request.group.size(); ++i) {
    group_code += (i ? "*" : "") + std::string(engine::DimName(request.group[i]));
    group_label += (i ? " × " : "") + DimLabel(request.group[i]);
  }
  nlohmann::json notes = nlohmann::json::array();
  notes.push_back(fmt::format("Groups under {} students are not flagged.", min_n));
  notes.push_back(fmt::format("Counts under {} students, and cells that would reveal them, are withheld.", policy.min_n));
  if (!gated.rows.complementary) notes.push_back("This table was too large for complementary suppression.");
  if (reference_hidden) notes.push_back("Where the reference group is withheld, the reference and the gap are not shown.");

  nlohmann::json out = {{"data_version", snapshot.data_version()},
                        {"min_n", policy.min_n},
                        {"method", MethodName(request.method)},
                        {"reference", ReferenceName(request)},
                        {"outcome", {{"code", std::string(engine::OutcomeName(request.outcome))},
                                     {"label", OutcomeLabel(request.outcome)}}},
                        {"group", {{"code", group_code}, {"label", group_label}}},
                        {"population", std::move(population)},
                        {"cohorts", std::move(cohorts)},
                        {"notes", std::move(notes)}};

  if (request.places) {
    // The last year's groups within each place, each place its own population.
    PL_ASSIGN_OR_RETURN(internal::Gated by_place, internal::RunGated(snapshot, labels,
                                                                     Spec(request, {*request.places}, to, to), viewer,
                                                                     policy, 0));
    std::vector<Cell> place_cells = Cells(by_place, labels, 1, false, request.outcome);
    PL_ASSIGN_OR_RETURN(auto place_answers, RunMethod(place_cells, request, min_n));
    std::map<equity::OptString, std::vector<const Cell*>> by_code;
    for (const auto& c : place_cells) by_code[c.cohort].push_back(&c);
    nlohmann::json places = nlohmann::json::array();
    for (const auto& [code, group_cells] : by_code) {
      if (!code || code->empty()) continue;  // rows without a place
      Published published = PublishGroups(group_cells, place_answers, by_place, min_n, request);
      nlohmann::json groups = nlohmann::json::array();
      for (auto& g : published.groups) {
        groups.push_back({{"group", g["group"]}, {"label", g["label"]}, {"gap", g["gap"]}, {"flag", g["flag"]},
                          {"suppressed", g["suppressed"]}, {"reason", g["reason"]}});
      }
      places.push_back({{"level", *request.places == Dim::kRegion ? "region" : "county"},
                        {"code", *code},
                        {"name", labels.Label(*request.places, *code)},
                        {"groups", std::move(groups)}});
    }
    out["places"] = std::move(places);
  }
  return out;
}

}  // namespace pl::analytics
