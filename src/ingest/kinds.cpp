// The declarations of every importable kind. To add a kind: add a migration
// for its table, then a KindSpec here (docs/howto/add-importer.md).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "ingest/code_sets.hpp"
#include "ingest/fields.hpp"
#include "ingest/kind.hpp"
#include "ingest/reference_data.hpp"

namespace pl::ingest {
namespace {

// Openings split into components may differ from the total by rounding:
// 0.5% of the total, or this many openings when that is less.
constexpr double kOpeningsAbsoluteTolerance = 0.01;

// Column builders keep the declarations one line per column.
ColumnSpec Id(std::string name, bool required, std::string description, std::string example,
              int max_length = 64) {
  ColumnSpec c{.name = std::move(name), .type = ColumnType::kIdentifier, .required = required,
               .description = std::move(description), .example = std::move(example)};
  c.max_length = max_length;
  return c;
}
ColumnSpec Text(std::string name, bool required, std::string description, std::string example,
                int max_length = 200) {
  ColumnSpec c{.name = std::move(name), .type = ColumnType::kText, .required = required,
               .description = std::move(description), .example = std::move(example)};
  c.max_length = max_length;
  return c;
}
ColumnSpec Digits(std::string name, int digits, bool required, std::string description, std::string example) {
  ColumnSpec c{.name = std::move(name), .type = ColumnType::kDigits, .required = required,
               .description = std::move(description), .example = std::move(example)};
  c.digits = digits;
  return c;
}
ColumnSpec Integer(std::string name, double min, double max, bool required, std::string description,
                   std::string example) {
  ColumnSpec c{.name = std::move(name), .type = ColumnType::kInteger, .required = required,
               .description = std::move(description), .example = std::move(example)};
  c.min = min;
  c.max = max;
  return c;
}
ColumnSpec Decimal(std::string name, double min, double max, bool required, std::string description,
                   std::string example) {
  ColumnSpec c{.name = std::move(name), .type = ColumnType::kDecimal, .required = required,
               .description = std::move(description), .example = std::move(example)};
  c.min = min;
  c.max = max;
  return c;
}
ColumnSpec Boolean(std::string name, std::string description, std::string example = "N") {
  return ColumnSpec{.name = std::move(name), .type = ColumnType::kBoolean, .required = false,
                    .description = std::move(description), .example = std::move(example)};
}
ColumnSpec Code(std::string name, std::string code_set, bool required, std::string description,
                std::string example) {
  ColumnSpec c{.name = std::move(name), .type = ColumnType::kCode, .required = required,
               .description = std::move(description), .example = std::move(example)};
  c.code_set = std::move(code_set);
  return c;
}
ColumnSpec Reference(std::string name, std::string kind, bool required, std::string description,
                     std::string example) {
  ColumnSpec c{.name = std::move(name), .type = ColumnType::kReference, .required = required,
               .description = std::move(description), .example = std::move(example)};
  c.references = std::move(kind);
  return c;
}
ColumnSpec Stored(ColumnSpec c, std::string db_column) {
  c.db_column = std::move(db_column);
  return c;
}

// --- row checks shared by kinds -------------------------------------------

RowCheck PathwayMatchesSector(std::string sector_column, std::string pathway_column) {
  return [=](const RowView& row, const CodeSets& codes) -> std::optional<RowProblem> {
    const Cell& sector = row.Get(sector_column);
    const Cell& pathway = row.Get(pathway_column);
    if (pathway.is_null()) return std::nullopt;
    if (sector.is_null()) return RowProblem{pathway_column, "a pathway needs its sector_code"};
    auto it = codes.pathway_sector.find(pathway.text);
    if (it != codes.pathway_sector.end() && it->second != sector.text) {
      return RowProblem{pathway_column, fmt::format("pathway {} belongs to sector {}, not {}", pathway.text,
                                                    it->second, sector.text)};
    }
    return std::nullopt;
  };
}

RowCheck NotGreaterThan(std::string smaller, std::string larger) {
  return [=](const RowView& row, const CodeSets&) -> std::optional<RowProblem> {
    const Cell& a = row.Get(smaller);
    const Cell& b = row.Get(larger);
    if (a.is_null()) return std::nullopt;
    if (b.is_null()) return RowProblem{larger, fmt::format("required when {} is given", smaller)};
    if (a.real > b.real) return RowProblem{smaller, fmt::format("must not exceed {}", larger)};
    return std::nullopt;
  };
}

RowCheck OnlyWith(std::string dependent, std::string required) {
  return [=](const RowView& row, const CodeSets&) -> std::optional<RowProblem> {
    if (!row.Get(dependent).is_null() && row.Get(required).is_null()) {
      return RowProblem{dependent, fmt::format("given without {}", required)};
    }
    return std::nullopt;
  };
}

// The program code exists in its code system (TOP: top_code, CIP: cip).
RowCheck ProgramCodeInSystem(std::string system_column, std::string code_column) {
  return [=](const RowView& row, const CodeSets& codes) -> std::optional<RowProblem> {
    const Cell& system = row.Get(system_column);
    const Cell& code = row.Get(code_column);
    if (system.is_null() || code.is_null()) return std::nullopt;
    const char* set = system.text == "TOP" ? "top_code" : "cip";
    if (codes.Contains(set, code.text)) return std::nullopt;
    return RowProblem{code_column, fmt::format("unknown {} code {}: expected one of {}", system.text, code.text,
                                               codes.Describe(set))};
  };
}

// Both given: `smaller` must not exceed `larger` (either may be blank).
RowCheck AtMostWhenBoth(std::string smaller, std::string larger) {
  return [=](const RowView& row, const CodeSets&) -> std::optional<RowProblem> {
    const Cell& a = row.Get(smaller);
    const Cell& b = row.Get(larger);
    if (a.is_null() || b.is_null() || a.real <= b.real) return std::nullopt;
    return RowProblem{smaller, fmt::format("must not exceed {} ({} > {})", larger, a.real, b.real)};
  };
}

// --- kinds ------------------------------------------------------------------

KindSpec Counties() {
  return {
      .name = "counties",
      .table = "county",
      .description = "California counties with their FIPS codes (reference data).",
      .columns = {Digits("county_fips", 5, true, "County FIPS code (state 06 + county)", "06019"),
                  Stored(Text("county_name", true, "County name", "Fresno"), "name")},
      .key = {"county_fips"},
  };
}

KindSpec Regions() {
  return {
      .name = "regions",
      .table = "region_assignment",
      .description =
          "A grouping of counties into regions. Each scheme is one grouping; the shipped scheme `ccc` holds "
          "the community colleges' eight economic regions. Import a file with another scheme_code to add "
          "a grouping (for example workforce development boards).",
      .columns = {Id("scheme_code", true, "Grouping this assignment belongs to", "ccc", 32),
                  Code("county_fips", "county", true, "County FIPS code", "06019"),
                  Id("region_code", true, "Region code within the scheme", "CVML", 32),
                  Text("region_name", true, "Region name", "Central Valley/Mother Lode"),
                  Stored(Text("region_source", false, "Where the assignment comes from",
                              "general_knowledge_to_verify"),
                         "source")},
      .key = {"scheme_code", "county_fips"},
  };
}

KindSpec Sectors() {
  return {
      .name = "sectors",
      .table = "cte_sector",
      .description = "California's 15 CTE industry sectors (reference data).",
      .columns = {Id("sector_code", true, "Sector code (project-assigned)", "HSM", 16),
                  Stored(Text("sector_name", true, "Sector name", "Health Science and Medical Technology"),
                         "name"),
                  Text("source", true, "Provenance flag (see data/PROVENANCE.md)", "general_knowledge_to_verify")},
      .key = {"sector_code"},
  };
}

KindSpec Pathways() {
  return {
      .name = "pathways",
      .table = "cte_pathway",
      .description = "CTE pathways within the industry sectors (reference data).",
      .columns = {Code("sector_code", "sector", true, "Sector the pathway belongs to", "HSM"),
                  Id("pathway_code", true, "Pathway code (project-assigned)", "HSM-04", 16),
                  Stored(Text("pathway_name", true, "Pathway name", "Patient Care"), "name"),
                  Text("source", true, "Provenance flag (see data/PROVENANCE.md)", "partly_corroborated")},
      .key = {"pathway_code"},
  };
}

KindSpec Occupations() {
  return {
      .name = "occupations",
      .table = "soc_occupation",
      .description = "SOC 2018 occupation codes, all four levels (reference data).",
      .columns = {Id("soc_code", true, "SOC 2018 code", "29-1141", 7),
                  Code("level", "soc_level", true, "Level of the code", "detailed"),
                  Text("title", true, "Title", "Registered Nurses"),
                  Id("major_code", false, "Major group", "29-0000", 7),
                  Id("minor_code", false, "Minor group", "29-1000", 7),
                  Id("broad_code", false, "Broad occupation", "29-1140", 7),
                  Text("definition", false, "BLS definition", "Assess patient health problems...", 4000)},
      .key = {"soc_code"},
  };
}

KindSpec Programs() {
  return {
      .name = "programs",
      .table = "cip_program",
      .description = "CIP 2020 instructional program codes (reference data).",
      .columns = {Id("cip_code", true, "CIP 2020 code (2, 4 or 6 digits)", "51.3801", 7),
                  Integer("digits", 2, 6, true, "Number of digits of the code", "6"),
                  Id("cip_family", true, "Two-digit family", "51", 2),
                  Text("title", true, "Title", "Registered Nursing/Registered Nurse."),
                  Text("nces_action", false, "NCES 2020 action", "No substantive changes"),
                  Boolean("active_2020", "1 unless NCES moved or deleted the code in 2020", "1"),
                  Text("definition", false, "NCES definition", "A program that...", 4000)},
      .key = {"cip_code"},
  };
}

KindSpec TopCodes() {
  return {
      .name = "top_codes",
      .table = "top_code",
      .description = "California Community Colleges TOP codes found in the COE crosswalk (reference data).",
      .columns = {Id("top_code", true, "TOP code", "1230.10", 7),
                  Stored(Text("top_title", true, "Title", "Registered Nursing"), "title"),
                  Text("cte_flag", false, "CTE or not", "CTE"),
                  Text("ccc_sector", false, "CCC sector", "Health")},
      .key = {"top_code"},
  };
}

KindSpec TopCipSoc() {
  return {
      .name = "top_cip_soc",
      .table = "top_cip_soc",
      .description = "COE TOP-CIP-SOC crosswalk, February 2025 (reference data).",
      .columns = {Id("top_code", true, "TOP code", "1230.10", 7),
                  Stored(Id("cip2020_code", true, "CIP 2020 code", "51.3801", 7), "cip_code"),
                  Stored(Id("soc2018_code", true, "SOC 2018 code", "29-1141", 7), "soc_code"),
                  Stored(Text("typical_entry_education_bls", false, "BLS typical entry education",
                              "Bachelor's degree"),
                         "entry_education"),
                  Stored(Text("work_experience_bls", false, "BLS work experience", "None"), "work_experience"),
                  Stored(Text("on_the_job_training_bls", false, "BLS on-the-job training", "None"),
                         "on_the_job_training"),
                  Text("coe_skill_level", false, "COE skill level", "Middle-Skill"),
                  Text("notes", false, "COE notes", "Added by COE")},
      .key = {"top_code", "cip2020_code", "soc2018_code"},
  };
}

KindSpec Projections() {
  // BLS top-codes the highest wages as ">=$239,200": store the number and a flag.
  auto wage_number = [](const RowView& row) {
    std::string digits;
    for (char c : row.Raw("median_annual_wage_2024_usd")) {
      if (c >= '0' && c <= '9') digits += c;
    }
    Cell cell;
    if (!digits.empty() && digits.size() < 10) {
      cell.type = Cell::Type::kInteger;
      cell.integer = std::stoll(digits);
    }
    return cell;
  };
  auto wage_top_coded = [](const RowView& row) {
    Cell cell;
    cell.type = Cell::Type::kInteger;
    cell.integer = row.Raw("median_annual_wage_2024_usd").starts_with(">=") ? 1 : 0;
    return cell;
  };
  auto wage = Text("median_annual_wage_2024_usd", false, "Median annual wage 2024 (BLS top-codes as >=$N)",
                   "93600", 20);
  wage.stored = false;  // see the derived columns
  return {
      .name = "projections",
      .table = "occupation_projection",
      .description = "BLS Employment Projections 2024-34, national (reference data). Employment and "
                     "openings in thousands.",
      .columns = {Id("soc_code", true, "National Employment Matrix code", "29-1141", 7),
                  Text("title", true, "Title", "Registered nurses"),
                  Text("occupation_type", true, "line_item or summary", "line_item", 20),
                  Stored(Decimal("employment_2024_thousands", 0, 1e7, false, "Employment 2024 (thousands)", "3391.0"),
                         "employment_base"),
                  Stored(Decimal("employment_2034_thousands", 0, 1e7, false, "Employment 2034 (thousands)", "3533.0"),
                         "employment_projected"),
                  Stored(Decimal("employment_change_2024_34_thousands", -1e7, 1e7, false, "Change (thousands)", "142.0"),
                         "change_count"),
                  Stored(Decimal("employment_change_2024_34_percent", -100, 1000, false, "Change (percent)", "4.2"),
                         "change_percent"),
                  Stored(Decimal("percent_self_employed_2024", 0, 100, false, "Self-employed (percent)", "1.3"),
                         "self_employed_percent"),
                  Stored(Decimal("annual_openings_2024_34_thousands", 0, 1e6, false, "Annual openings (thousands)",
                                 "189.1"),
                         "annual_openings"),
                  wage,
                  Stored(Text("typical_entry_education", false, "Typical entry education", "Bachelor's degree"),
                         "entry_education"),
                  Text("work_experience", false, "Work experience", "None"),
                  Text("on_the_job_training", false, "On-the-job training", "None")},
      .key = {"soc_code"},
      .derived = {{"median_wage", wage_number}, {"median_wage_top_coded", wage_top_coded}},
  };
}

KindSpec Organizations() {
  auto county_unless_state = [](const RowView& row, const CodeSets&) -> std::optional<RowProblem> {
    if (row.Get("county_fips").is_null() && row.Get("org_type").text != "state_agency") {
      return RowProblem{"county_fips", "required for every organization except state agencies"};
    }
    return std::nullopt;
  };
  auto not_own_parent = [](const RowView& row, const CodeSets&) -> std::optional<RowProblem> {
    if (!row.Get("parent_org_id").is_null() && row.Get("parent_org_id").text == row.Get("org_id").text) {
      return RowProblem{"parent_org_id", "an organization cannot be its own parent"};
    }
    return std::nullopt;
  };
  return {
      .name = "organizations",
      .table = "organization",
      .description = "Schools, districts, county offices, colleges, employers and other partners. A parent "
                     "organization must be imported before (or earlier in the same file than) its children.",
      .columns = {Id("org_id", true, "Stable identifier of the organization", "SCH-1062166"),
                  Code("org_type", "org_type", true, "Kind of organization", "school"),
                  Text("name", true, "Name", "Roosevelt High School"),
                  Code("county_fips", "county", false,
                       "County (FIPS); required except for state agencies", "06019"),
                  Reference("parent_org_id", "organizations", false,
                            "The organization it belongs to (a school's district)", "DIST-1062166"),
                  Digits("cds_code", 14, false, "CDE County-District-School code", "10621661033153"),
                  Digits("ipeds_id", 6, false, "IPEDS unit id (colleges)", "114716"),
                  Decimal("latitude", 32.0, 42.5, false, "Latitude (WGS 84)", "36.7468"),
                  Decimal("longitude", -125.0, -114.0, false, "Longitude (WGS 84)", "-119.7726")},
      .key = {"org_id"},
      .checks = {county_unless_state, not_own_parent, OnlyWith("latitude", "longitude"),
                 OnlyWith("longitude", "latitude")},
  };
}

KindSpec Students() {
  return {
      .name = "students",
      .table = "student",
      .description = "Students, identified only by a pseudonymous key: no names, no state ids.",
      .columns = {Id("student_key", true, "Pseudonymous student key", "S0000012345"),
                  Integer("birth_year", 1900, 2030, false, "Year of birth", "2008"),
                  Code("gender", "gender", false, "Gender", "F"),
                  Code("race_ethnicity", "race_ethnicity", false, "Race/ethnicity category", "hispanic_latino"),
                  Boolean("socioeconomically_disadvantaged", "Socioeconomically disadvantaged", "Y"),
                  Boolean("disability", "Student with a disability"),
                  Boolean("english_learner", "English learner"),
                  Boolean("foster_youth", "Foster youth"),
                  Boolean("homeless", "Experiencing homelessness"),
                  Boolean("migrant", "Migrant"),
                  Boolean("first_generation", "First in family to attend college")},
      .key = {"student_key"},
  };
}

KindSpec StudentYears() {
  auto cte_fields_need_status = [](const RowView& row, const CodeSets&) -> std::optional<RowProblem> {
    if (!row.Get("sector_code").is_null() && row.Get("cte_status").is_null()) {
      return RowProblem{"cte_status", "required when sector_code is given"};
    }
    return std::nullopt;
  };
  return {
      .name = "student_years",
      .table = "student_year",
      .description = "One row per student, school year and organization attended: CTE participation, "
                     "dual enrollment, work-based learning and outcomes.",
      .columns = {Reference("student_key", "students", true, "Pseudonymous student key", "S0000012345"),
                  ColumnSpec{.name = "school_year", .type = ColumnType::kSchoolYear, .required = true,
                             .description = "School year (2023-24, or 2024 for its ending year)",
                             .example = "2023-24"},
                  Reference("org_id", "organizations", true, "School or college attended", "SCH-1062166"),
                  Code("grade_level", "grade_level", true, "Grade level", "11"),
                  Code("sector_code", "sector", false, "CTE industry sector", "HSM"),
                  Code("pathway_code", "pathway", false, "CTE pathway (within sector_code)", "HSM-04"),
                  Code("cte_status", "cte_status", false, "CTE status in the year", "concentrator"),
                  Decimal("de_units_attempted", 0, 60, false, "Dual-enrollment college units attempted", "3.0"),
                  Decimal("de_units_earned", 0, 60, false, "Dual-enrollment college units earned", "3.0"),
                  Code("wbl_type", "wbl_type", false, "Work-based-learning stage", "preparation"),
                  Integer("wbl_hours", 0, 3000, false, "Work-based-learning hours", "40"),
                  Boolean("industry_credential", "Earned an industry-recognized credential"),
                  Boolean("hs_graduate", "Graduated from high school this year"),
                  Boolean("postsecondary_enrolled", "Enrolled in postsecondary education"),
                  Boolean("employed", "Employed"),
                  Decimal("quarterly_wage", 0, 1e6, false, "Wage earned in the quarter (USD)", "5200.00")},
      .key = {"student_key", "school_year", "org_id"},
      .checks = {PathwayMatchesSector("sector_code", "pathway_code"), cte_fields_need_status,
                 NotGreaterThan("de_units_earned", "de_units_attempted"), OnlyWith("wbl_hours", "wbl_type"),
                 OnlyWith("quarterly_wage", "employed")},
  };
}

KindSpec LaborDemand() {
  // The area code names an area of the row's type.
  auto area_code_matches_type = [](const RowView& row, const CodeSets& codes) -> std::optional<RowProblem> {
    const Cell& type = row.Get("area_type");
    std::string_view code = row.Get("area_code").text;
    if (type.is_null()) return std::nullopt;
    if (type.text == "county" && !codes.Contains("county", code)) {
      return RowProblem{"area_code", fmt::format("unknown county FIPS code {} for area_type county: expected one of {}",
                                                 code, codes.Describe("county"))};
    }
    if (type.text == "region" && !codes.Contains("region", code)) {
      return RowProblem{"area_code", fmt::format("unknown region code {} for area_type region: expected one of {} "
                                                 "(regions of scheme {})",
                                                 code, codes.Describe("region"), kDefaultRegionScheme)};
    }
    if (type.text == "state" && code != "CA") {
      return RowProblem{"area_code", fmt::format("expected CA for area_type state; got {}", code)};
    }
    if (type.text == "nation" && code != "US") {
      return RowProblem{"area_code", fmt::format("expected US for area_type nation; got {}", code)};
    }
    return std::nullopt;
  };
  auto projection_after_base = [](const RowView& row, const CodeSets&) -> std::optional<RowProblem> {
    const Cell& base = row.Get("base_year");
    const Cell& projected = row.Get("projected_year");
    if (base.is_null() || projected.is_null() || projected.integer > base.integer) return std::nullopt;
    return RowProblem{"projected_year",
                      fmt::format("must be after base_year ({} <= {})", projected.integer, base.integer)};
  };
  // BLS: openings = growth + exits + transfers. Checked only when all three
  // are given; the tolerance absorbs rounding of published figures.
  auto openings_add_up = [](const RowView& row, const CodeSets&) -> std::optional<RowProblem> {
    const Cell& total = row.Get("openings_annual");
    const Cell& growth = row.Get("openings_growth");
    const Cell& exits = row.Get("openings_exits");
    const Cell& transfers = row.Get("openings_transfers");
    if (total.is_null() || growth.is_null() || exits.is_null() || transfers.is_null()) return std::nullopt;
    const double sum = growth.real + exits.real + transfers.real;
    const double tolerance = std::max(0.005 * std::fabs(total.real), kOpeningsAbsoluteTolerance);
    if (std::fabs(sum - total.real) <= tolerance) return std::nullopt;
    return RowProblem{"openings_annual",
                      fmt::format("openings_growth + openings_exits + openings_transfers = {:.4g} differs from "
                                  "openings_annual {:.4g} by more than 0.5%",
                                  sum, total.real)};
  };
  return {
      .name = "labor_demand",
      .table = "labor_demand",
      .description =
          "Annual demand for an occupation in an area: employment now and projected, average annual openings "
          "(optionally split into growth, labor-force exits and occupational transfers, as BLS and EDD publish "
          "them) and hourly wages. Rows with area_type nation are national figures and are labelled so "
          "wherever they are shown. docs/labor-method.md explains how demand is used.",
      .columns = {Code("area_type", "area_type", true, "Kind of area", "region"),
                  Id("area_code", true,
                     "County FIPS (county), region code of scheme ccc (region), CA (state) or US (nation)", "BA", 32),
                  Code("soc_code", "soc", true, "Occupation: a detailed SOC 2018 code or a BLS matrix line item",
                       "29-2061"),
                  Integer("base_year", 1990, 2100, true, "Base year of the projection", "2024"),
                  Integer("projected_year", 1990, 2110, true, "Projected year (after base_year)", "2034"),
                  Decimal("employment_base", 0, 1e9, false, "Employment in base_year (jobs, not thousands)", "5400"),
                  Decimal("employment_projected", 0, 1e9, false, "Employment in projected_year (jobs)", "5810"),
                  Decimal("openings_annual", 0, 1e8, true, "Average annual openings over the period; when growth, exits and transfers are all given they must add up to it within 0.5% (or 0.01)", "530.5"),
                  Decimal("openings_growth", -1e8, 1e8, false,
                          "Annual openings from employment change (negative when the occupation shrinks)", "41"),
                  Decimal("openings_exits", 0, 1e8, false, "Annual openings from labor-force exits", "210.2"),
                  Decimal("openings_transfers", 0, 1e8, false, "Annual openings from occupational transfers", "279.3"),
                  Decimal("wage_median_hourly", 0.01, 1000, false, "Median hourly wage (USD)", "33.10"),
                  Decimal("wage_p25_hourly", 0.01, 1000, false, "25th-percentile (entry-level) hourly wage (USD); not above the median",
                          "27.50"),
                  Code("entry_education", "entry_education", false, "BLS typical education needed for entry",
                       "Postsecondary nondegree award"),
                  Text("source", true, "Publisher and vintage, or synthetic", "EDD LTOP 2022-2032")},
      .key = {"area_type", "area_code", "soc_code", "base_year"},
      .checks = {area_code_matches_type, projection_after_base, openings_add_up,
                 AtMostWhenBoth("wage_p25_hourly", "wage_median_hourly")},
  };
}

KindSpec ProgramAwards() {
  return {
      .name = "program_awards",
      .table = "program_awards",
      .description =
          "Awards an institution conferred in one program code, award level and academic year (the supply side "
          "of the labor-market gap). TOP codes for community colleges, CIP 2020 codes for everyone else.",
      .columns = {Reference("org_id", "organizations", true, "Institution conferring the awards", "COL-900001"),
                  Code("code_system", "code_system", true, "Program code system", "TOP"),
                  Id("program_code", true, "TOP code (table top_code) or CIP code (table cip_program), by code_system", "1230.20", 7),
                  Code("award_level", "award_level", true, "Level of the award", "certificate_long"),
                  ColumnSpec{.name = "academic_year",
                             .type = ColumnType::kSchoolYear,
                             .required = true,
                             .description = "Academic year (2023-24, or 2024 for its ending year)",
                             .example = "2023-24"},
                  Integer("awards", 0, 1000000, true, "Number of awards", "95"),
                  Text("source", true, "Publisher and vintage, or synthetic", "CCCCO Data Mart 2025-01")},
      .key = {"org_id", "code_system", "program_code", "award_level", "academic_year"},
      .checks = {ProgramCodeInSystem("code_system", "program_code")},
  };
}

KindSpec LivingWage() {
  return {
      .name = "living_wage",
      .table = "living_wage",
      .description = "Hourly living wage for a household type in a county (full-time, 2,080 hours a year).",
      .columns = {Code("county_fips", "county", true, "County FIPS code", "06019"),
                  Code("household_type", "household_type", true, "Household type", "1a0c"),
                  Decimal("hourly_wage", 0.01, 1000, true, "Hourly living wage (USD)", "24.10"),
                  Integer("year", 2000, 2100, true, "Year the figure applies to", "2024"),
                  Text("source", true, "Calculator and vintage, or synthetic", "MIT Living Wage Calculator 2024")},
      .key = {"county_fips", "household_type"},
  };
}

KindSpec PathwayPrograms() {
  return {
      .name = "pathway_programs",
      .table = "pathway_program",
      .description = "Which program codes a CTE pathway rolls up in the labor-market views (sector roll-ups go "
                     "through the sector's pathways). Shipped as data/cte_pathway_programs.csv (to verify); "
                     "an administrator may add rows.",
      .columns = {Code("pathway_code", "pathway", true, "CTE pathway", "HSM-04"),
                  Code("code_system", "code_system", true, "Program code system", "TOP"),
                  Id("program_code", true, "TOP code (table top_code) or CIP code (table cip_program)", "1230.20", 7),
                  Text("source", true, "Provenance flag or who decided the mapping", "general_knowledge_to_verify")},
      .key = {"pathway_code", "code_system", "program_code"},
      .checks = {ProgramCodeInSystem("code_system", "program_code")},
  };
}

KindSpec ProgramOccupationEdits() {
  // Removing a link the crosswalk does not have would silently do nothing.
  auto removes_existing_link = [](const RowView& row, const CodeSets& codes) -> std::optional<RowProblem> {
    if (row.Get("action").text != "remove" || row.Get("code_system").is_null()) return std::nullopt;
    std::string_view system = row.Get("code_system").text;
    std::string link = fmt::format("{}|{}", row.Get("program_code").text, row.Get("soc_code").text);
    if (codes.Contains(system == "TOP" ? "top_soc_link" : "cip_soc_link", link)) return std::nullopt;
    return RowProblem{"action", fmt::format("the crosswalk has no link from {} {} to {} to remove", system,
                                            row.Get("program_code").text, row.Get("soc_code").text)};
  };
  return {
      .name = "program_occupation_edits",
      .table = "program_occupation_edit",
      .description = "Local edits of the COE TOP-CIP-SOC crosswalk used by the labor-market views: add a program "
                     "to occupation link the crosswalk lacks, or remove one it has. Results report the edits "
                     "applied.",
      .columns = {Code("code_system", "code_system", true, "Program code system", "TOP"),
                  Id("program_code", true, "TOP code (table top_code) or CIP code (table cip_program)", "1230.20", 7),
                  Code("soc_code", "soc", true, "Occupation: a detailed SOC 2018 code or a BLS matrix line item",
                       "31-1131"),
                  Code("action", "edit_action", true, "add, or remove (only a link the crosswalk has)", "add"),
                  Text("note", false, "Why", "Advisory committee, March 2025", 1000)},
      .key = {"code_system", "program_code", "soc_code"},
      .checks = {ProgramCodeInSystem("code_system", "program_code"), removes_existing_link},
  };
}

}  // namespace

std::string_view ColumnTypeName(ColumnType type) {
  switch (type) {
    case ColumnType::kIdentifier: return "identifier";
    case ColumnType::kText: return "text";
    case ColumnType::kDigits: return "digits";
    case ColumnType::kInteger: return "integer";
    case ColumnType::kDecimal: return "decimal";
    case ColumnType::kBoolean: return "boolean";
    case ColumnType::kCode: return "code";
    case ColumnType::kSchoolYear: return "school year";
    case ColumnType::kReference: return "reference";
  }
  return "unknown";
}

const ColumnSpec* KindSpec::Find(std::string_view column_name) const {
  for (const auto& c : columns) {
    if (EqualsIgnoreCase(c.name, column_name)) return &c;
  }
  return nullptr;
}

const std::vector<KindSpec>& Kinds() {
  static const std::vector<KindSpec> kKinds = {Counties(),   Regions(),   Sectors(),  Pathways(),
                                               Occupations(), Programs(), TopCodes(), TopCipSoc(),
                                               Projections(), Organizations(), Students(), StudentYears(),
                                               LaborDemand(), ProgramAwards(), LivingWage(), PathwayPrograms(),
                                               ProgramOccupationEdits()};
  return kKinds;
}

Result<const KindSpec*> FindKind(std::string_view name) {
  std::string known;
  for (const auto& kind : Kinds()) {
    if (kind.name == name) return &kind;
    known += (known.empty() ? "" : ", ") + kind.name;
  }
  return InvalidArgument(fmt::format("unknown kind: expected one of {}; got {}", known, name));
}

}  // namespace pl::ingest
