// di_iterate over the snapshot: the engine aggregates the population by every
// variable the iteration needs, and equity::Iterate runs on those counts with
// one weight column per outcome (the rows where the outcome is known).
#include <algorithm>

#include <fmt/format.h>

#include "analytics/analytics.hpp"
#include "core/code_sets.hpp"

namespace pl::analytics {
namespace {

using engine::Dim;

Result<Dim> DimNamed(const std::string& name, const std::string& role) {
  auto dim = engine::FindDim(name);
  if (!dim) {
    return InvalidArgument(fmt::format("{}: unknown variable \"{}\"; expected a dimension such as race_ethnicity, "
                                       "gender, socioeconomically_disadvantaged, school_year, region, county, sector",
                                       role, name),
                           {{"variable", name}});
  }
  return *dim;
}

}  // namespace

Result<equity::Frame> IterateFrame(const engine::Snapshot& snapshot, const IterateRequest& request,
                                   equity::IterateOptions* options) {
  if (!request.population.is_object()) return InvalidArgument("the query must be a JSON object");
  for (const auto& [key, value] : request.population.items()) {
    if (key != "filters") {
      return InvalidArgument(fmt::format("the query selects the population with \"filters\" only; \"{}\" is not "
                                         "allowed here (the variables come from --success, --group, --cohort and "
                                         "--scenario-by)",
                                         key),
                             {{"field", key}});
    }
  }
  if (request.success_vars.empty()) return InvalidArgument("--success: at least one outcome is needed");
  if (request.group_vars.empty()) return InvalidArgument("--group: at least one group variable is needed");

  std::vector<Dim> dims;
  auto use = [&](const std::string& name, const std::string& role) -> Status {
    PL_ASSIGN_OR_RETURN(Dim dim, DimNamed(name, role));
    if (std::find(dims.begin(), dims.end(), dim) == dims.end()) dims.push_back(dim);
    return Status::Ok();
  };
  if (!request.cohort_var.empty()) PL_RETURN_IF_ERROR(use(request.cohort_var, "--cohort"));
  for (const auto& v : request.scenario_vars) PL_RETURN_IF_ERROR(use(v, "--scenario-by"));
  for (const auto& g : request.group_vars) {
    for (const auto& part : equity::SplitGroupSpec(g)) PL_RETURN_IF_ERROR(use(part, "--group"));
  }
  if (dims.size() > static_cast<std::size_t>(engine::kMaxGroupBy)) {
    return InvalidArgument(fmt::format("at most {} distinct variables (cohort, scenarios and groups) together; got {}",
                                       engine::kMaxGroupBy, dims.size()));
  }
  nlohmann::json measures = nlohmann::json::array();
  for (const auto& s : request.success_vars) {
    if (!engine::FindOutcome(s)) {
      return InvalidArgument(fmt::format("--success: unknown outcome \"{}\"; expected concentrator, completer, "
                                         "dual_enrollment, wbl, credential, graduate, postsecondary or employed",
                                         s),
                             {{"variable", s}});
    }
    measures.push_back({{"op", "rate"}, {"outcome", s}});
  }
  nlohmann::json spec = request.population;
  spec["group_by"] = nlohmann::json::array();
  for (Dim d : dims) spec["group_by"].push_back(std::string(engine::DimName(d)));
  spec["measures"] = std::move(measures);
  PL_ASSIGN_OR_RETURN(engine::QuerySpec parsed, engine::ParseQuerySpec(spec, snapshot));
  PL_ASSIGN_OR_RETURN(engine::QueryResult result, engine::Execute(snapshot, parsed, {.threads = request.threads}));

  equity::Frame frame;
  for (std::size_t g = 0; g < dims.size(); ++g) {
    std::vector<equity::OptString> values(result.rows());
    for (std::uint64_t r = 0; r < result.rows(); ++r) {
      nlohmann::json v = result.DimValue(r, g);
      if (v.is_null()) continue;
      std::string text = v.is_string() ? v.get<std::string>() : v.dump();
      values[r] = dims[g] == Dim::kSchoolYear ? SchoolYearLabel(std::stoi(text)) : text;
    }
    PL_RETURN_IF_ERROR(frame.AddCategorical(std::string(engine::DimName(dims[g])), values));
  }
  options->success_vars = request.success_vars;
  options->outcome_weight_vars.clear();
  for (const auto& s : request.success_vars) {
    auto sum = result.FindColumn(s + "_sum");
    auto n = result.FindColumn(s + "_n");
    std::vector<std::optional<double>> successes(result.rows()), known(result.rows());
    for (std::uint64_t r = 0; r < result.rows(); ++r) {
      successes[r] = static_cast<double>(result.columns[*sum].ints[r]);
      known[r] = static_cast<double>(result.columns[*n].ints[r]);
    }
    PL_RETURN_IF_ERROR(frame.AddNumeric(s, std::move(successes)));
    PL_RETURN_IF_ERROR(frame.AddNumeric(s + "__n", std::move(known)));
    options->outcome_weight_vars.push_back(s + "__n");
  }
  options->group_vars = request.group_vars;
  options->cohort_vars.clear();
  if (!request.cohort_var.empty()) options->cohort_vars.push_back(request.cohort_var);
  options->scenario_repeat_by_vars = request.scenario_vars;
  return frame;
}

}  // namespace pl::analytics
