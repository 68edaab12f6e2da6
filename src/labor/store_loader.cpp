#include "labor/store_loader.hpp"

#include <fmt/format.h>

#include "store/query.hpp"

namespace pl::labor {
namespace {

using nlohmann::json;
using store::Param;

std::string Str(const json& v) { return v.is_string() ? v.get<std::string>() : ""; }
double Num(const json& v) { return v.is_number() ? v.get<double>() : kMissing; }
long long Int(const json& v) { return v.is_number() ? v.get<long long>() : 0; }

Result<CodeSystem> System(const json& v, std::string_view table) {
  auto s = ParseCodeSystem(Str(v));
  if (!s) return InvalidArgument(fmt::format("{}: unknown code_system: {}", table, Str(v)));
  return *s;
}

Result<AreaType> ParseAreaType(const std::string& text) {
  if (text == "county") return AreaType::kCounty;
  if (text == "region") return AreaType::kRegion;
  if (text == "state") return AreaType::kState;
  if (text == "nation") return AreaType::kNation;
  return InvalidArgument("labor_demand: unknown area_type: " + text);
}

Status ReadReference(store::Database& db, const std::string& scheme, LaborInputs& in) {
  PL_ASSIGN_OR_RETURN(json counties, store::QueryJson(db,
                                                      "SELECT c.county_fips, c.name, r.region_code, r.region_name, "
                                                      "r.source FROM county c LEFT JOIN region_assignment r "
                                                      "ON r.county_fips = c.county_fips AND r.scheme_code = :p0",
                                                      {Param::Text(scheme)}));
  for (const auto& r : counties) {
    in.counties.push_back({Str(r["county_fips"]), Str(r["name"]), Str(r["region_code"]), Str(r["region_name"]),
                           Str(r["source"])});
  }
  PL_ASSIGN_OR_RETURN(json sectors, store::QueryJson(db, "SELECT sector_code, name, source FROM cte_sector"));
  for (const auto& r : sectors) in.sectors.push_back({Str(r["sector_code"]), Str(r["name"]), Str(r["source"])});
  PL_ASSIGN_OR_RETURN(json pathways,
                      store::QueryJson(db, "SELECT pathway_code, sector_code, name, source FROM cte_pathway"));
  for (const auto& r : pathways) {
    in.pathways.push_back({Str(r["pathway_code"]), Str(r["sector_code"]), Str(r["name"]), Str(r["source"])});
  }
  PL_ASSIGN_OR_RETURN(json occupations, store::QueryJson(db,
                                                         "SELECT soc_code, title, definition FROM soc_occupation "
                                                         "WHERE level = 'detailed'"));
  for (const auto& r : occupations) {
    in.occupations.push_back({Str(r["soc_code"]), Str(r["title"]), Str(r["definition"])});
  }
  PL_ASSIGN_OR_RETURN(json projections, store::QueryJson(db,
                                                         "SELECT soc_code, title, occupation_type, employment_base, "
                                                         "employment_projected, change_count, annual_openings, "
                                                         "median_wage, median_wage_top_coded, entry_education "
                                                         "FROM occupation_projection"));
  for (const auto& r : projections) {
    ProjectionRow p;
    p.soc = Str(r["soc_code"]);
    p.title = Str(r["title"]);
    p.line_item = Str(r["occupation_type"]) == "line_item";
    p.employment_base_thousands = Num(r["employment_base"]);
    p.employment_projected_thousands = Num(r["employment_projected"]);
    p.change_thousands = Num(r["change_count"]);
    p.openings_thousands = Num(r["annual_openings"]);
    p.median_annual_wage = Num(r["median_wage"]);
    p.median_wage_top_coded = Int(r["median_wage_top_coded"]) != 0;
    p.entry_education = Str(r["entry_education"]);
    in.projections.push_back(std::move(p));
  }
  // Each crosswalk row links its TOP code and its CIP code to the SOC.
  PL_ASSIGN_OR_RETURN(json crosswalk,
                      store::QueryJson(db, "SELECT top_code, cip_code, soc_code, entry_education FROM top_cip_soc"));
  for (const auto& r : crosswalk) {
    in.mapping.push_back({CodeSystem::kTop, Str(r["top_code"]), Str(r["soc_code"]), Str(r["entry_education"])});
    in.mapping.push_back({CodeSystem::kCip, Str(r["cip_code"]), Str(r["soc_code"]), Str(r["entry_education"])});
  }
  PL_ASSIGN_OR_RETURN(json tops, store::QueryJson(db, "SELECT top_code, title FROM top_code"));
  for (const auto& r : tops) in.program_titles.push_back({CodeSystem::kTop, Str(r["top_code"]), Str(r["title"])});
  PL_ASSIGN_OR_RETURN(json cips, store::QueryJson(db, "SELECT cip_code, title FROM cip_program"));
  for (const auto& r : cips) in.program_titles.push_back({CodeSystem::kCip, Str(r["cip_code"]), Str(r["title"])});
  PL_ASSIGN_OR_RETURN(json edition, store::QueryJson(db,
                                                     "SELECT file_name, checksum FROM reference_version "
                                                     "WHERE code_set = 'top_cip_soc'"));
  if (!edition.empty()) {
    std::string checksum = Str(edition[0]["checksum"]);
    in.crosswalk_edition =
        fmt::format("COE TOP-CIP-SOC crosswalk ({}, sha256 {})", Str(edition[0]["file_name"]), checksum.substr(0, 12));
  }
  return Status::Ok();
}

Status ReadLabor(store::Database& db, LaborInputs& in) {
  PL_ASSIGN_OR_RETURN(json edits, store::QueryJson(db,
                                                   "SELECT code_system, program_code, soc_code, action, note "
                                                   "FROM program_occupation_edit"));
  for (const auto& r : edits) {
    PL_ASSIGN_OR_RETURN(CodeSystem system, System(r["code_system"], "program_occupation_edit"));
    in.mapping_edits.push_back(
        {system, Str(r["program_code"]), Str(r["soc_code"]), Str(r["action"]) == "add", Str(r["note"])});
  }
  PL_ASSIGN_OR_RETURN(json pathway_programs, store::QueryJson(db,
                                                              "SELECT pathway_code, code_system, program_code, "
                                                              "source FROM pathway_program"));
  for (const auto& r : pathway_programs) {
    PL_ASSIGN_OR_RETURN(CodeSystem system, System(r["code_system"], "pathway_program"));
    in.pathway_programs.push_back({Str(r["pathway_code"]), system, Str(r["program_code"]), Str(r["source"])});
  }
  PL_ASSIGN_OR_RETURN(json demand, store::QueryJson(db,
                                                    "SELECT area_type, area_code, soc_code, base_year, "
                                                    "projected_year, employment_base, employment_projected, "
                                                    "openings_annual, openings_growth, openings_exits, "
                                                    "openings_transfers, wage_median_hourly, wage_p25_hourly, "
                                                    "entry_education, source FROM labor_demand"));
  for (const auto& r : demand) {
    DemandRow d;
    PL_ASSIGN_OR_RETURN(d.area_type, ParseAreaType(Str(r["area_type"])));
    d.area_code = Str(r["area_code"]);
    d.soc = Str(r["soc_code"]);
    d.base_year = static_cast<int>(Int(r["base_year"]));
    d.projected_year = static_cast<int>(Int(r["projected_year"]));
    d.employment_base = Num(r["employment_base"]);
    d.employment_projected = Num(r["employment_projected"]);
    d.openings_annual = Num(r["openings_annual"]);
    d.openings_growth = Num(r["openings_growth"]);
    d.openings_exits = Num(r["openings_exits"]);
    d.openings_transfers = Num(r["openings_transfers"]);
    d.wage_median_hourly = Num(r["wage_median_hourly"]);
    d.wage_p25_hourly = Num(r["wage_p25_hourly"]);
    d.entry_education = Str(r["entry_education"]);
    d.source = Str(r["source"]);
    in.demand.push_back(std::move(d));
  }
  // The supply years: the last three academic years with any awards.
  PL_ASSIGN_OR_RETURN(json years, store::QueryJson(db,
                                                   "SELECT DISTINCT academic_year FROM program_awards "
                                                   "ORDER BY academic_year DESC LIMIT 3"));
  if (!years.empty()) {
    const long long first = Int(years.back()["academic_year"]);
    PL_ASSIGN_OR_RETURN(json awards, store::QueryJson(db,
                                                      "SELECT org_id, code_system, program_code, award_level, "
                                                      "academic_year, awards, source FROM program_awards "
                                                      "WHERE academic_year >= :p0",
                                                      {Param::Integer(first)}));
    for (const auto& r : awards) {
      AwardRow a;
      a.org_id = Str(r["org_id"]);
      PL_ASSIGN_OR_RETURN(a.system, System(r["code_system"], "program_awards"));
      a.program_code = Str(r["program_code"]);
      auto level = ParseAwardLevel(Str(r["award_level"]));
      if (!level) {
        return InvalidArgument(fmt::format("program_awards: unknown award_level: {} (expected noncredit_certificate, "
                                           "certificate_short, certificate_long, associate, bachelor, graduate)",
                                           Str(r["award_level"])));
      }
      a.level = *level;
      a.academic_year = static_cast<int>(Int(r["academic_year"]));
      a.awards = Int(r["awards"]);
      a.source = Str(r["source"]);
      in.awards.push_back(std::move(a));
    }
    PL_ASSIGN_OR_RETURN(json orgs, store::QueryJson(db,
                                                    "SELECT org_id, name, county_fips FROM organization "
                                                    "WHERE org_id IN (SELECT DISTINCT org_id FROM program_awards "
                                                    "WHERE academic_year >= :p0)",
                                                    {Param::Integer(first)}));
    for (const auto& r : orgs) in.institutions.push_back({Str(r["org_id"]), Str(r["name"]), Str(r["county_fips"])});
  }
  PL_ASSIGN_OR_RETURN(json wages, store::QueryJson(db,
                                                   "SELECT county_fips, household_type, hourly_wage, year, source "
                                                   "FROM living_wage"));
  for (const auto& r : wages) {
    in.living_wages.push_back({Str(r["county_fips"]), Str(r["household_type"]), Num(r["hourly_wage"]),
                               static_cast<int>(Int(r["year"])), Str(r["source"])});
  }
  return Status::Ok();
}

}  // namespace

Result<LaborInputs> ReadLaborInputs(store::Database& db, const std::string& region_scheme) {
  LaborInputs in;
  PL_RETURN_IF_ERROR(ReadReference(db, region_scheme, in));
  PL_RETURN_IF_ERROR(ReadLabor(db, in));
  return in;
}

Result<std::shared_ptr<const LaborData>> LoadLaborData(store::Database& db, const std::string& region_scheme) {
  PL_ASSIGN_OR_RETURN(LaborInputs in, ReadLaborInputs(db, region_scheme));
  PL_ASSIGN_OR_RETURN(LaborData data, BuildLaborData(std::move(in)));
  return std::make_shared<const LaborData>(std::move(data));
}

Result<std::shared_ptr<const LaborData>> DataCache::Get(store::Database& db, const std::string& data_version) {
  PL_ASSIGN_OR_RETURN(json counts, store::QueryJson(db,
                                                    "SELECT (SELECT count(*) FROM labor_demand) AS d, "
                                                    "(SELECT count(*) FROM program_awards) AS a, "
                                                    "(SELECT count(*) FROM living_wage) AS w, "
                                                    "(SELECT count(*) FROM pathway_program) AS p, "
                                                    "(SELECT count(*) FROM program_occupation_edit) AS e, "
                                                    "(SELECT count(*) FROM program_occupation_edit "
                                                    "WHERE action = 'add') AS ea"));
  std::string key = data_version + "|" + counts.dump();
  {
    std::lock_guard lock(mu_);
    if (data_ && key == key_) return data_;
  }
  PL_ASSIGN_OR_RETURN(auto data, LoadLaborData(db, region_scheme_));
  std::lock_guard lock(mu_);
  key_ = key;
  data_ = data;
  return data;
}

}  // namespace pl::labor
