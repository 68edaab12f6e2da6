#include "cli/database_setup.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "core/progress.hpp"
#include "ingest/importer.hpp"
#include "ingest/reference_data.hpp"
#include "store/query.hpp"

namespace pl::cli {

Result<std::unique_ptr<store::Database>> OpenPrepared(const DatabaseOptions& options) {
  PL_ASSIGN_OR_RETURN(auto db, store::Database::Open(options.db_url));
  PL_RETURN_IF_ERROR(db->Migrate());
  TerminalProgress progress;
  PL_ASSIGN_OR_RETURN(auto loads, ingest::LoadReferenceData(*db, options.data_dir, "var/imports", &progress));
  for (const auto& load : loads) {
    if (!load.loaded) continue;
    std::string rejected;
    if (load.report.rows_rejected > 0) {
      rejected = fmt::format(", {} rejected (see {})", load.report.rows_rejected, load.report.rejects_file);
    }
    fmt::print(stderr, "reference data: loaded {} ({} rows{})\n", load.code_set, load.report.rows_stored, rejected);
  }
  return db;
}

Result<synthetic::ReferenceInput> SyntheticReferenceInput(store::Database& db) {
  synthetic::ReferenceInput input;
  PL_ASSIGN_OR_RETURN(auto counties, store::QueryJson(db,
                                                      "SELECT c.county_fips, c.name, r.region_code FROM county c "
                                                      "JOIN region_assignment r ON r.county_fips = c.county_fips "
                                                      "AND r.scheme_code = :p0 ORDER BY c.county_fips",
                                                      {store::Param::Text(ingest::kDefaultRegionScheme)}));
  for (const auto& c : counties) input.counties.push_back({c["county_fips"], c["name"], c["region_code"]});
  PL_ASSIGN_OR_RETURN(auto sectors, store::QueryJson(db, "SELECT sector_code FROM cte_sector ORDER BY 1"));
  for (const auto& s : sectors) input.sector_codes.push_back(s["sector_code"]);
  PL_ASSIGN_OR_RETURN(auto pathways,
                      store::QueryJson(db, "SELECT sector_code, pathway_code FROM cte_pathway ORDER BY 2"));
  for (const auto& p : pathways) input.pathways.push_back({p["sector_code"], p["pathway_code"]});
  PL_ASSIGN_OR_RETURN(auto projections,
                      store::QueryJson(db,
                                       "SELECT soc_code, employment_base, employment_projected, annual_openings, "
                                       "median_wage, entry_education FROM occupation_projection "
                                       "WHERE occupation_type = 'line_item' ORDER BY 1"));
  auto number = [](const nlohmann::json& v) { return v.is_number() ? v.get<double>() : 0.0; };
  for (const auto& p : projections) {
    input.projections.push_back({p["soc_code"], number(p["employment_base"]), number(p["employment_projected"]),
                                 number(p["annual_openings"]), number(p["median_wage"]),
                                 p["entry_education"].is_string() ? p["entry_education"].get<std::string>() : ""});
  }
  PL_ASSIGN_OR_RETURN(auto links,
                      store::QueryJson(db, "SELECT top_code, cip_code, soc_code FROM top_cip_soc ORDER BY 1, 2, 3"));
  for (const auto& l : links) input.crosswalk.push_back({l["top_code"], l["cip_code"], l["soc_code"]});
  PL_ASSIGN_OR_RETURN(auto programs, store::QueryJson(db,
                                                      "SELECT pathway_code, code_system, program_code "
                                                      "FROM pathway_program ORDER BY 1, 2, 3"));
  for (const auto& p : programs) input.pathway_programs.push_back({p["pathway_code"], p["code_system"], p["program_code"]});
  return input;
}

int ReportError(const Status& status) {
  fmt::print(stderr, "error: {}\n", status.message());
  return ingest::IsRefusal(status) ? kExitRefused : kExitError;
}

}  // namespace pl::cli
