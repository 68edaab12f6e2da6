// Pathway grids and student plans: start here.
//
//   grid.hpp      the grid model, its JSON, the checks that need no database
//   plan.hpp      student plans (4, 6 or 10 years), JSON and CSV
//   pathways.hpp  (this file) grids in the store: read, generated drafts,
//                 validation against reference data, versioned saves, history,
//                 and the occupations' regional figures
//
// A grid belongs to a pathway (cte_pathway) and a region (a region_code of a
// region scheme, the server's default 'ccc'). Every save is a new version;
// the highest is the current grid. A pathway nobody has written yet gets a
// generated draft built from the data (status "draft_generated", version 0).
//
// Functions take a Database (one per thread) and are otherwise stateless.
// Those that show occupations also take the labor engine's data
// (labor::LaborData, loaded for the same region scheme): the server passes
// the one it shares with the labor routes (labor::DataCache, one load per
// data version), so a grid request never loads it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.hpp"
#include "labor/data.hpp"
#include "pathways/grid.hpp"
#include "pathways/plan.hpp"
#include "store/store.hpp"

namespace pl::pathways {

// The pathway with this code (as written, e.g. "HSM-04"). NotFound
// {"parameter": "code"} when there is none.
Result<PathwayRef> FindPathway(store::Database& db, const std::string& code);

// The region of `scheme` with this code, in any case ("ba" finds "BA"), with
// its counties. InvalidArgument {"parameter": "region"} for an empty or
// unknown code: the region is a query parameter, so it is a bad request.
Result<RegionRef> FindRegion(store::Database& db, const std::string& scheme, const std::string& code);

// The current grid of a pathway in a region: its latest saved version, or a
// generated draft when none was saved. Names of colleges and occupations and
// the occupations' regional figures are read now, not stored.
// NotFound (pathway), InvalidArgument (region).
Result<Grid> GetGrid(store::Database& db, const labor::LaborData& labor, const std::string& pathway_code,
                     const std::string& region_code, const std::string& scheme = "ccc");

// A draft built from the data for a pathway and region:
//  - program codes from pathway_program (TOP and CIP, widened through the
//    TOP-CIP-SOC crosswalk), occupations through top_cip_soc with the edits
//    of program_occupation_edit applied;
//  - college courses from the catalog at the region's colleges in those TOP
//    codes (with their prerequisites), else generic placeholders;
//  - high-school courses from the catalog for the pathway, else a generic
//    introductory / concentrator / capstone sequence named from the pathway;
//  - awards that the region's colleges reported in program_awards;
//  - transfer options from universities' bachelor's awards in the CIP codes
//    (else a general CSU/UC option);
//  - the four work-based-learning steps of the continuum.
// Everything invented is marked (course "generated": true) and explained in
// `notes`, as are the occupations shown without a regional projection (their
// demand and gap are null). Deterministic for the same data.
Result<Grid> GenerateDraft(store::Database& db, const labor::LaborData& labor, const PathwayRef& pathway,
                           const RegionRef& region);

// Who saves a version: the account (null for tools) and the display name
// shown with the version.
struct Editor {
  std::optional<long long> user_id;
  std::string name;
};

// Saves an edited grid as a new version. `body` holds the editable parts
// (grid.hpp), "base_version" (the version the edit started from: 0 for a
// generated draft) and an optional "summary" of the change. Courses given
// by catalog id alone ({"id": "..."}) are completed from the course catalog.
// Returns the grid as now stored (GetGrid).
// InvalidArgument with details {"errors": [{"field", "message"}]} listing
// every problem (unknown course ids, prerequisite cycles, bad units, unknown
// colleges or codes, ...); FailedPrecondition with details
// {"current_version"} when base_version is not the latest version (someone
// saved in between: reload and apply the edit again); NotFound (pathway),
// InvalidArgument (region).
Result<Grid> SaveGrid(store::Database& db, const labor::LaborData& labor, const std::string& pathway_code,
                      const std::string& region_code, const std::string& scheme, const nlohmann::json& body,
                      const Editor& editor);

// [{"version", "updated_at", "updated_by", "summary"}], newest first; empty
// when nothing was saved. NotFound (pathway), InvalidArgument (region).
Result<nlohmann::json> GridHistory(store::Database& db, const std::string& pathway_code,
                                   const std::string& region_code, const std::string& scheme = "ccc");

// Checks of an edited grid against the database: colleges are colleges of
// the region, award codes are known TOP or CIP codes, occupations are SOC
// codes. Every problem found.
Result<std::vector<Problem>> CheckReferences(store::Database& db, const RegionRef& region, const GridContent& content);

// Completes courses named by catalog id alone (no "title") from the course
// catalog, in place: title, units, prerequisites, flags, course number,
// college and TOP code, each unless the course gives it. Problems name
// course ids the catalog does not know and catalog courses listed at the
// wrong level.
Result<std::vector<Problem>> ExpandCatalogCourses(store::Database& db, nlohmann::json& body);

// The occupations with their titles, typical entry education and regional
// figures from the labor engine, exactly as GET
// /api/v1/labor/gap?region=R&soc=S reports them with the default options
// (openings-weighted split, regional demand, household 1a0c; every entry
// education): demand (annual openings), supply, gap = demand - supply,
// hourly wages (25th percentile, median), the region's living wage and both
// wages against it. Where the engine reports demand 0 for want of a
// projection (flag no_demand), demand and gap are null here. This is the one
// place the grid reads labor data. Internal when `labor` does not hold the
// region with the same counties (data loaded for another scheme).
Result<std::vector<Occupation>> RegionalOccupations(store::Database& db, const labor::LaborData& labor,
                                                    const RegionRef& region, const std::vector<std::string>& socs);

// Whether any of `org_ids` lies in one of the region's counties (for
// coordinators, whose accounts are scoped to their district or college).
Result<bool> OrganizationsInRegion(store::Database& db, const RegionRef& region, const std::vector<std::string>& org_ids);

}  // namespace pl::pathways
