#include "labor/store_loader.hpp"

#include <fmt/format.h>

#include "labor/row_reader.hpp"
#include "store/query.hpp"

namespace pl::labor {
namespace {

using internal::ForEachRow;
using internal::Row;
using store::Param;

const std::string& Str(const Row& r, std::size_t i) { return r[i].text; }
double Num(const Row& r, std::size_t i) { return r[i].null ? kMissing : r[i].number; }
long long Int(const Row& r, std::size_t i) { return r[i].null ? 0 : static_cast<long long>(r[i].number); }

Result<CodeSystem> System(const std::string& text, std::string_view table) {
  auto s = ParseCodeSystem(text);
  if (!s) return InvalidArgument(fmt::format("{}: unknown code_system: {}", table, text));
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
  PL_RETURN_IF_ERROR(ForEachRow(db,
                                "SELECT c.county_fips, c.name, r.region_code, r.region_name, r.source "
                                "FROM county c LEFT JOIN region_assignment r "
                                "ON r.county_fips = c.county_fips AND r.scheme_code = :p0",
                                {Param::Text(scheme)}, [&](const Row& r) {
                                  in.counties.push_back({Str(r, 0), Str(r, 1), Str(r, 2), Str(r, 3), Str(r, 4)});
                                  return Status::Ok();
                                }));
  PL_RETURN_IF_ERROR(ForEachRow(db, "SELECT sector_code, name, source FROM cte_sector", {}, [&](const Row& r) {
    in.sectors.push_back({Str(r, 0), Str(r, 1), Str(r, 2)});
    return Status::Ok();
  }));
  PL_RETURN_IF_ERROR(
      ForEachRow(db, "SELECT pathway_code, sector_code, name, source FROM cte_pathway", {}, [&](const Row& r) {
        in.pathways.push_back({Str(r, 0), Str(r, 1), Str(r, 2), Str(r, 3)});
        return Status::Ok();
      }));
  PL_RETURN_IF_ERROR(ForEachRow(db, "SELECT soc_code, title, definition FROM soc_occupation WHERE level = 'detailed'",
                                {}, [&](const Row& r) {
                                  in.occupations.push_back({Str(r, 0), Str(r, 1), Str(r, 2)});
                                  return Status::Ok();
                                }));
  PL_RETURN_IF_ERROR(ForEachRow(db,
                                "SELECT soc_code, title, occupation_type, employment_base, employment_projected, "
                                "change_count, annual_openings, median_wage, median_wage_top_coded, entry_education "
                                "FROM occupation_projection",
                                {}, [&](const Row& r) {
                                  ProjectionRow p;
                                  p.soc = Str(r, 0);
                                  p.title = Str(r, 1);
                                  p.line_item = Str(r, 2) == "line_item";
                                  p.employment_base_thousands = Num(r, 3);
                                  p.employment_projected_thousands = Num(r, 4);
                                  p.change_thousands = Num(r, 5);
                                  p.openings_thousands = Num(r, 6);
                                  p.median_annual_wage = Num(r, 7);
                                  p.median_wage_top_coded = Int(r, 8) != 0;
                                  p.entry_education = Str(r, 9);
                                  in.projections.push_back(std::move(p));
                                  return Status::Ok();
                                }));
  // Each crosswalk row links its TOP code and its CIP code to the SOC.
  PL_RETURN_IF_ERROR(ForEachRow(db, "SELECT top_code, cip_code, soc_code, entry_education FROM top_cip_soc", {},
                                [&](const Row& r) {
                                  in.mapping.push_back({CodeSystem::kTop, Str(r, 0), Str(r, 2), Str(r, 3)});
                                  in.mapping.push_back({CodeSystem::kCip, Str(r, 1), Str(r, 2), Str(r, 3)});
                                  return Status::Ok();
                                }));
  PL_RETURN_IF_ERROR(ForEachRow(db, "SELECT top_code, title FROM top_code", {}, [&](const Row& r) {
    in.program_titles.push_back({CodeSystem::kTop, Str(r, 0), Str(r, 1)});
    return Status::Ok();
  }));
  PL_RETURN_IF_ERROR(ForEachRow(db, "SELECT cip_code, title FROM cip_program", {}, [&](const Row& r) {
    in.program_titles.push_back({CodeSystem::kCip, Str(r, 0), Str(r, 1)});
    return Status::Ok();
  }));
  return ForEachRow(db, "SELECT file_name, checksum FROM reference_version WHERE code_set = 'top_cip_soc'", {},
                    [&](const Row& r) {
                      in.crosswalk_edition = fmt::format("COE TOP-CIP-SOC crosswalk ({}, sha256 {})", Str(r, 0),
                                                         Str(r, 1).substr(0, 12));
                      return Status::Ok();
                    });
}

Status ReadLabor(store::Database& db, LaborInputs& in) {
  PL_RETURN_IF_ERROR(ForEachRow(db,
                                "SELECT code_system, program_code, soc_code, action, note "
                                "FROM program_occupation_edit",
                                {}, [&](const Row& r) -> Status {
                                  PL_ASSIGN_OR_RETURN(CodeSystem system, System(Str(r, 0), "program_occupation_edit"));
                                  in.mapping_edits.push_back({system, Str(r, 1), Str(r, 2), Str(r, 3) == "add", Str(r, 4)});
                                  return Status::Ok();
                                }));
  PL_RETURN_IF_ERROR(ForEachRow(db, "SELECT pathway_code, code_system, program_code, source FROM pathway_program", {},
                                [&](const Row& r) -> Status {
                                  PL_ASSIGN_OR_RETURN(CodeSystem system, System(Str(r, 1), "pathway_program"));
                                  in.pathway_programs.push_back({Str(r, 0), system, Str(r, 2), Str(r, 3)});
                                  return Status::Ok();
                                }));
  PL_RETURN_IF_ERROR(ForEachRow(db,
                                "SELECT area_type, area_code, soc_code, base_year, projected_year, employment_base, "
                                "employment_projected, openings_annual, openings_growth, openings_exits, "
                                "openings_transfers, wage_median_hourly, wage_p25_hourly, entry_education, source "
                                "FROM labor_demand",
                                {}, [&](const Row& r) -> Status {
                                  DemandRow d;
                                  PL_ASSIGN_OR_RETURN(d.area_type, ParseAreaType(Str(r, 0)));
                                  d.area_code = Str(r, 1);
                                  d.soc = Str(r, 2);
                                  d.base_year = static_cast<int>(Int(r, 3));
                                  d.projected_year = static_cast<int>(Int(r, 4));
                                  d.employment_base = Num(r, 5);
                                  d.employment_projected = Num(r, 6);
                                  d.openings_annual = Num(r, 7);
                                  d.openings_growth = Num(r, 8);
                                  d.openings_exits = Num(r, 9);
                                  d.openings_transfers = Num(r, 10);
                                  d.wage_median_hourly = Num(r, 11);
                                  d.wage_p25_hourly = Num(r, 12);
                                  d.entry_education = Str(r, 13);
                                  d.source = Str(r, 14);
                                  in.demand.push_back(std::move(d));
                                  return Status::Ok();
                                }));
  // The supply years: the last three academic years with any awards.
  std::vector<long long> years;
  PL_RETURN_IF_ERROR(ForEachRow(db,
                                "SELECT DISTINCT academic_year FROM program_awards "
                                "ORDER BY academic_year DESC LIMIT 3",
                                {}, [&](const Row& r) {
                                  years.push_back(Int(r, 0));
                                  return Status::Ok();
                                }));
  if (!years.empty()) {
    const Param first = Param::Integer(years.back());
    PL_RETURN_IF_ERROR(ForEachRow(db,
                                  "SELECT org_id, code_system, program_code, award_level, academic_year, awards, "
                                  "source FROM program_awards WHERE academic_year >= :p0",
                                  {first}, [&](const Row& r) -> Status {
                                    AwardRow a;
                                    a.org_id = Str(r, 0);
                                    PL_ASSIGN_OR_RETURN(a.system, System(Str(r, 1), "program_awards"));
                                    a.program_code = Str(r, 2);
                                    auto level = ParseAwardLevel(Str(r, 3));
                                    if (!level) {
                                      return InvalidArgument(fmt::format(
                                          "program_awards: unknown award_level: {} (expected noncredit_certificate, "
                                          "certificate_short, certificate_long, associate, bachelor, graduate)",
                                          Str(r, 3)));
                                    }
                                    a.level = *level;
                                    a.academic_year = static_cast<int>(Int(r, 4));
                                    a.awards = Int(r, 5);
                                    a.source = Str(r, 6);
                                    in.awards.push_back(std::move(a));
                                    return Status::Ok();
                                  }));
    PL_RETURN_IF_ERROR(ForEachRow(db,
                                  "SELECT org_id, name, county_fips FROM organization WHERE org_id IN "
                                  "(SELECT DISTINCT org_id FROM program_awards WHERE academic_year >= :p0)",
                                  {first}, [&](const Row& r) {
                                    in.institutions.push_back({Str(r, 0), Str(r, 1), Str(r, 2)});
                                    return Status::Ok();
                                  }));
  }
  return ForEachRow(db, "SELECT county_fips, household_type, hourly_wage, year, source FROM living_wage", {},
                    [&](const Row& r) {
                      in.living_wages.push_back(
                          {Str(r, 0), Str(r, 1), Num(r, 2), static_cast<int>(Int(r, 3)), Str(r, 4)});
                      return Status::Ok();
                    });
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
  {
    std::lock_guard lock(mu_);
    if (data_ && data_version == version_) return data_;
  }
  PL_ASSIGN_OR_RETURN(auto data, LoadLaborData(db, region_scheme_));
  std::lock_guard lock(mu_);
  version_ = data_version;
  data_ = data;
  return data;
}

}  // namespace pl::labor
