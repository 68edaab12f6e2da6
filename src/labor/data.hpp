// The inputs of labor-market alignment, in two forms:
//
//  * LaborInputs: plain rows, as the store holds them (store_loader.cpp reads
//    them; tests and benchmarks write them by hand).
//  * LaborData: the same, interned to dense ids and laid out in flat arrays
//    for the gap computation (gap.hpp): demand per area in CSR form, each
//    institution's award means over the supply years, the program ->
//    occupation mapping after local edits, split by award level.
//
// BuildLaborData validates the rows (unknown codes, duplicate keys, negative
// counts) and returns InvalidArgument naming the table, the row and the
// field. A LaborData is immutable once built: share it between threads
// (std::shared_ptr<const LaborData>).
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.hpp"
#include "labor/codes.hpp"

namespace pl::labor {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
inline bool IsMissing(double v) { return std::isnan(v); }

enum class AreaType : std::uint8_t { kCounty, kRegion, kState, kNation };

// ---- Rows ------------------------------------------------------------------

struct CountyRow {
  std::string fips;
  std::string name;
  std::string region_code;  // "" when the scheme leaves the county out
  std::string region_name;
  std::string region_source;
};
struct SectorRow {
  std::string code;
  std::string name;
  std::string source;
};
struct PathwayRow {
  std::string code;
  std::string sector_code;
  std::string name;
  std::string source;
};
// A detailed SOC 2018 occupation (soc_occupation).
struct OccupationRow {
  std::string soc;
  std::string title;
  std::string definition;
};
// BLS national projections (occupation_projection): thousands, annual USD.
struct ProjectionRow {
  std::string soc;
  std::string title;
  bool line_item = true;  // false for summary rows (00-0000, groups)
  double employment_base_thousands = kMissing;
  double employment_projected_thousands = kMissing;
  double change_thousands = kMissing;
  double openings_thousands = kMissing;
  double median_annual_wage = kMissing;
  bool median_wage_top_coded = false;
  std::string entry_education;
};
// One program -> occupation link of the crosswalk (top_cip_soc gives a TOP
// link and a CIP link per row), with the crosswalk's entry education.
struct MappingRow {
  CodeSystem system = CodeSystem::kTop;
  std::string program_code;
  std::string soc;
  std::string entry_education;
};
// program_occupation_edit.
struct MappingEditRow {
  CodeSystem system = CodeSystem::kTop;
  std::string program_code;
  std::string soc;
  bool add = true;  // false: remove
  std::string note;
};
// Titles of program codes (top_code, cip_program).
struct ProgramTitleRow {
  CodeSystem system = CodeSystem::kTop;
  std::string code;
  std::string title;
};
struct PathwayProgramRow {
  std::string pathway_code;
  CodeSystem system = CodeSystem::kTop;
  std::string program_code;
  std::string source;
};
// labor_demand: annual figures; wages hourly.
struct DemandRow {
  AreaType area_type = AreaType::kRegion;
  std::string area_code;  // county FIPS, region code, "CA", "US"
  std::string soc;
  int base_year = 0;
  int projected_year = 0;
  double employment_base = kMissing;
  double employment_projected = kMissing;
  double openings_annual = 0;
  double openings_growth = kMissing;
  double openings_exits = kMissing;
  double openings_transfers = kMissing;
  double wage_median_hourly = kMissing;
  double wage_p25_hourly = kMissing;
  std::string entry_education;
  std::string source;
};
// An organization that confers awards.
struct InstitutionRow {
  std::string org_id;
  std::string name;
  std::string county_fips;  // "" when unknown
};
// program_awards.
struct AwardRow {
  std::string org_id;
  CodeSystem system = CodeSystem::kTop;
  std::string program_code;
  AwardLevel level = AwardLevel::kCertificateShort;
  int academic_year = 0;  // ending year: 2024 = 2023-24
  long long awards = 0;
  std::string source;
};
struct LivingWageRow {
  std::string county_fips;
  std::string household_type;  // "1a0c"
  double hourly = 0;
  int year = 0;
  std::string source;
};

struct LaborInputs {
  std::vector<CountyRow> counties;
  std::vector<SectorRow> sectors;
  std::vector<PathwayRow> pathways;
  std::vector<OccupationRow> occupations;
  std::vector<ProjectionRow> projections;
  std::vector<MappingRow> mapping;
  std::vector<MappingEditRow> mapping_edits;
  std::vector<ProgramTitleRow> program_titles;
  std::vector<PathwayProgramRow> pathway_programs;
  std::vector<DemandRow> demand;
  std::vector<InstitutionRow> institutions;
  std::vector<AwardRow> awards;
  std::vector<LivingWageRow> living_wages;
  // Which edition of the crosswalk the mapping comes from (file and checksum).
  std::string crosswalk_edition;
};

// ---- Dense form --------------------------------------------------------------

using Id = std::uint32_t;
inline constexpr Id kNoId = std::numeric_limits<Id>::max();

struct Occupation {
  std::string soc;
  std::string title;
  std::string definition;
  EntryEducation entry = EntryEducation::kUnknown;
  // BLS national projection (NaN when the occupation has none).
  bool national_line_item = false;
  double national_employment_base_k = kMissing;
  double national_employment_projected_k = kMissing;
  double national_change_k = kMissing;
  double national_openings_k = kMissing;
  double national_median_annual_wage = kMissing;
};
struct Program {
  CodeSystem system = CodeSystem::kTop;
  std::string code;
  std::string title;
};
// An award level of a program: the unit the crosswalk split works on.
struct Unit {
  Id program = kNoId;
  AwardLevel level = AwardLevel::kCertificateShort;
};
struct County {
  std::string fips;
  std::string name;
  Id region = kNoId;
};
struct Region {
  std::string code;
  std::string name;
  std::string source;
  std::vector<Id> counties;
};
struct Sector {
  std::string code;
  std::string name;
  std::string source;
  std::vector<Id> pathways;
};
struct Pathway {
  std::string code;
  std::string name;
  std::string source;
  Id sector = kNoId;
  std::vector<Id> programs;
  std::vector<std::string> program_sources;  // one per program
};
struct Institution {
  std::string org_id;
  std::string name;
  Id county = kNoId;
};

// One occupation's figures in one area (annual; hourly wages; NaN = not given).
struct DemandFigures {
  double openings = 0;
  double growth = kMissing;
  double exits = kMissing;
  double transfers = kMissing;
  double employment = kMissing;
  double wage_p25 = kMissing;
  double wage_median = kMissing;
};

// An institution's awards in one unit over the supply years: their sum and
// how many of the supply years the institution reported (any program).
struct InstitutionAward {
  Id institution = kNoId;
  Id unit = kNoId;
  long long sum = 0;
  std::uint8_t years = 0;  // 1..3
  double mean() const { return static_cast<double>(sum) / years; }
};

class LaborData {
 public:
  // Dictionaries (dense ids are indexes).
  std::vector<Occupation> occupations;
  std::vector<Program> programs;
  std::vector<Unit> units;
  std::vector<County> counties;
  std::vector<Region> regions;  // in name order
  std::vector<Sector> sectors;  // in code order
  std::vector<Pathway> pathways;
  std::vector<Institution> institutions;
  std::vector<std::string> sources;          // interned source texts of demand rows
  std::vector<std::string> household_types;  // living_wage.household_type

  // Lookups; kNoId when unknown. Region codes match any case.
  Id FindOccupation(std::string_view soc) const;
  Id FindProgram(CodeSystem system, std::string_view code) const;
  Id FindCounty(std::string_view fips) const;
  Id FindRegion(std::string_view code) const;
  Id FindSector(std::string_view code) const;
  Id FindPathway(std::string_view code) const;
  Id FindHousehold(std::string_view type) const;

  // ---- Demand: rows per area in CSR form ----
  // Area index: counties [0, C), regions [C, C+R), state C+R, nation C+R+1.
  std::size_t CountyArea(Id county) const { return county; }
  std::size_t RegionArea(Id region) const { return counties.size() + region; }
  std::size_t StateArea() const { return counties.size() + regions.size(); }
  std::size_t NationArea() const { return StateArea() + 1; }
  std::size_t AreaCount() const { return StateArea() + 2; }
  std::vector<std::uint32_t> demand_offsets;  // AreaCount()+1
  std::vector<Id> demand_occupation;
  std::vector<DemandFigures> demand_figures;
  std::vector<Id> demand_source;
  // Whether an area has any labor_demand row (its '00-0000' total included):
  // such an area's own rows are its figures (gap.cpp, DemandAreas).
  std::vector<std::uint8_t> area_has_rows;
  // Each area's total employment: its '00-0000' row when it has one, else
  // the sum of employment_base over its rows (0 without rows). The weights of
  // a multi-county living wage, and the area's share for national scaling.
  std::vector<double> area_total_employment;
  // Total national employment (00-0000 of the BLS projections), thousands;
  // NaN when absent.
  double national_total_employment_k = kMissing;

  // ---- Supply ----
  // The last three academic years present in program_awards, ascending
  // (fewer when the data has fewer).
  std::vector<int> supply_years;
  // Institution award means, grouped by county in CSR form: county c's rows
  // are [award_offsets[c], award_offsets[c+1]); institutions without a county
  // come last, [award_offsets[C], award_offsets[C+1]).
  std::vector<std::uint32_t> award_offsets;
  std::vector<InstitutionAward> awards;

  // ---- Mapping (crosswalk + edits) ----
  // program -> occupations (any level), CSR.
  std::vector<std::uint32_t> program_occ_offsets;
  std::vector<Id> program_occ;
  // unit -> occupations whose entry education the unit's level fits, CSR.
  std::vector<std::uint32_t> unit_occ_offsets;
  std::vector<Id> unit_occ;
  // occupation -> units feeding it (the reverse of unit_occ), CSR.
  std::vector<std::uint32_t> occ_unit_offsets;
  std::vector<Id> occ_unit;
  // program -> its units, CSR.
  std::vector<std::uint32_t> program_unit_offsets;
  std::vector<Id> program_unit;
  std::string crosswalk_edition;
  int edits_added = 0;    // program_occupation_edit rows applied
  int edits_removed = 0;

  // ---- Living wage: hourly per household type x county (NaN = none) ----
  std::vector<double> living_wage;  // [household * counties + county]
  std::vector<Id> living_wage_source;  // interned into `sources`
  std::vector<int> living_wage_year;

  double LivingWage(Id household, Id county) const { return living_wage[household * counties.size() + county]; }
  std::size_t OccupationCount() const { return occupations.size(); }

  // Name -> id indexes.
  std::unordered_map<std::string, Id> occupation_index;
  std::unordered_map<std::string, Id> program_index;  // "TOP:1230.10"
  std::unordered_map<std::string, Id> county_index;
  std::unordered_map<std::string, Id> region_index;  // upper-case code
  std::unordered_map<std::string, Id> sector_index;
  std::unordered_map<std::string, Id> pathway_index;
  std::unordered_map<std::string, Id> household_index;
};

// Interns, validates and lays out `inputs`. InvalidArgument names the first
// bad row ("labor_demand row 12: unknown county FIPS: 06999"). Crosswalk
// links to the placeholder 99-9999 ("NO MATCH") are dropped.
Result<LaborData> BuildLaborData(LaborInputs inputs);

// "TOP:1230.10"
std::string ProgramKey(CodeSystem system, std::string_view code);

}  // namespace pl::labor
