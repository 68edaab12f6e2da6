// Labor-market alignment: supply (program awards) against demand (annual job
// openings) per occupation, for a region, a set of counties or the state,
// with wages against the living wage. The method is docs/labor-method.md.
//
//   codes.hpp         award levels, entry education, the level match, split
//                     options, unit conversions (annual openings, hourly <-> annual)
//   data.hpp          LaborInputs (rows) -> LaborData (dense ids, flat arrays)
//   gap.hpp           ComputeGap: the gap table of an area; selection, totals,
//                     program view (two-sided allocation), roll-ups
//   request.hpp       ParseGapRequest: API/CLI parameters -> GapRequest
//   report.hpp        RunGap; JSON, CSV and text output; the occupation report
//                     with institution awards through the privacy gate
//   store_loader.hpp  LoadLaborData from SQLite or PostgreSQL; DataCache
#pragma once

#include "labor/codes.hpp"
#include "labor/data.hpp"
#include "labor/gap.hpp"
#include "labor/report.hpp"
#include "labor/request.hpp"
#include "labor/store_loader.hpp"
