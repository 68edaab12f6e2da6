// A gap request as the API and the CLI take it: named text parameters
// (region, county, sector, pathway, program, soc, split, education, demand,
// household, limit, sort), checked against the data. Every refusal is
// InvalidArgument with details {"parameter": name} and a message saying what
// was expected ("unknown region: XX (expected one of BA, CVML, ...)").
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/status.hpp"
#include "labor/codes.hpp"
#include "labor/data.hpp"
#include "labor/gap.hpp"

namespace pl::labor {

struct GapRequest {
  Area area;
  Filter filter;
  GapOptions options;
  EducationFilter education = EducationFilter::kSubBaccalaureate;
  SortKey sort = SortKey::kGap;
  std::optional<std::size_t> limit;
  std::string household_type = "1a0c";  // as asked (or the default)
};

// The names ParseGapRequest reads; any other name is ignored.
inline constexpr const char* kGapParameters[] = {"region", "county", "sector", "pathway", "program", "soc",
                                                 "split", "education", "demand", "household", "limit", "sort"};

// Parses and resolves `params` (absent or empty = default):
//   region=BA | county=06019[,06039]   neither: statewide
//   at most one of sector=HSM, pathway=HSM-04, program=TOP:1230.10|CIP:51.3801, soc=29-1141
//   split=openings|equal|employment|full, education=sub_baccalaureate|bachelor_plus|all,
//   demand=regional|national_scaled, household=1a0c, limit=N (>= 1), sort=gap|demand|supply|wage
// A household type the data lacks is refused when asked for; the default
// "1a0c" simply gives no living wage when the data has none.
Result<GapRequest> ParseGapRequest(const LaborData& data, const std::map<std::string, std::string>& params);

}  // namespace pl::labor
