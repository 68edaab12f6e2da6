// The gap table and the occupation report as people and programs read them:
// JSON (the API contract, docs/openapi.yaml), CSV and a text table (CLI).
// Numbers are rounded for display only (2 decimals; ratios and weights 4);
// unknown values are null (JSON) or empty (CSV), never NaN or infinity.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.hpp"
#include "labor/data.hpp"
#include "labor/gap.hpp"
#include "labor/request.hpp"
#include "privacy/access.hpp"
#include "privacy/privacy.hpp"

namespace pl::labor {

// One answered gap request.
struct GapResult {
  GapRequest request;
  GapTable table;
  std::vector<Id> selected;     // every occupation the filter selects (totals are over these)
  std::vector<Id> occupations;  // `selected`, sorted and cut to the limit
  Totals totals;
  std::vector<ProgramRow> program_view;
  // Sector filter: its pathways; no filter: every sector; else empty.
  enum class RollUpBy { kNone, kSector, kPathway } rollup_by = RollUpBy::kNone;
  std::vector<RollUpRow> rollup;
};

// Computes the table for `request` and what it shows. InvalidArgument as
// ComputeGap (national_scaled without employment to scale by).
Result<GapResult> RunGap(const LaborData& data, const GapRequest& request);

// The response body of GET /api/v1/labor/gap.
nlohmann::json GapJson(const LaborData& data, const GapResult& result, std::string_view data_version);
// One line per shown occupation, with a header line; programs and flags as
// ';'-separated lists. Totals are not rows (they would read as an occupation).
std::string GapCsv(const LaborData& data, const GapResult& result);
// A fixed-width table for a terminal, with the area, sources and totals.
std::string GapText(const LaborData& data, const GapResult& result);

// Who sees institution award counts exactly: state analysts everything,
// regional analysts the institutions in their regions' counties,
// institution analysts their organizations. Everyone else (the public, API
// tokens) sees them through the privacy gate.
using Viewer = privacy::ExactScope;

// The body of GET /api/v1/labor/occupations/{soc}: the occupation, its BLS
// national projection (in persons, converted from thousands) and, for every
// region of the scheme, demand, wages, the living wage, supply, gap and the
// programs that lead to it with each institution's mean awards. Institution
// means are counts of students: small ones are withheld for viewers without
// exact access, and others next to them so that none can be recovered from
// the region's program mean (privacy::Suppress). NotFound for an unknown SOC.
Result<nlohmann::json> OccupationReport(const LaborData& data, std::string_view soc, const Viewer& viewer,
                                        const privacy::SuppressionPolicy& policy, std::string_view data_version);

}  // namespace pl::labor
