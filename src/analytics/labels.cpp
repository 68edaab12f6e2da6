// Readable names of dimension values and the geography the gate needs.
#include <fmt/format.h>

#include "analytics/analytics.hpp"
#include "analytics/internal.hpp"
#include "core/code_sets.hpp"
#include "store/query.hpp"

namespace pl::analytics {
namespace {

using engine::Dim;

// The fixed code set that names a dimension's values, if any.
const char* CodeSetOf(Dim dim) {
  switch (dim) {
    case Dim::kRaceEthnicity: return "race_ethnicity";
    case Dim::kGender: return "gender";
    case Dim::kGradeLevel: return "grade_level";
    case Dim::kCteStatus: return "cte_status";
    case Dim::kWblType: return "wbl_type";
    default: return nullptr;
  }
}

bool IsYesNo(Dim dim) {
  switch (dim) {
    case Dim::kSocioeconomicallyDisadvantaged:
    case Dim::kDisability:
    case Dim::kEnglishLearner:
    case Dim::kFosterYouth:
    case Dim::kHomeless:
    case Dim::kMigrant:
    case Dim::kFirstGeneration: return true;
    default: return false;
  }
}

}  // namespace

std::string OutcomeLabel(engine::Outcome outcome) {
  switch (outcome) {
    case engine::Outcome::kConcentrator: return "CTE concentrator";
    case engine::Outcome::kCompleter: return "CTE completer";
    case engine::Outcome::kDualEnrollment: return "Dual enrollment";
    case engine::Outcome::kWbl: return "Work-based learning";
    case engine::Outcome::kCredential: return "Industry credential";
    case engine::Outcome::kGraduate: return "High-school graduate";
    case engine::Outcome::kPostsecondary: return "Enrolled in postsecondary";
    case engine::Outcome::kEmployed: return "Employed";
  }
  return std::string(engine::OutcomeName(outcome));
}

std::string DimLabel(Dim dim) {
  switch (dim) {
    case Dim::kSchoolYear: return "School year";
    case Dim::kCounty: return "County";
    case Dim::kRegion: return "Region";
    case Dim::kOrganization: return "Organization";
    case Dim::kGradeLevel: return "Grade level";
    case Dim::kSector: return "Industry sector";
    case Dim::kPathway: return "Pathway";
    case Dim::kCteStatus: return "CTE status";
    case Dim::kWblType: return "Work-based learning";
    case Dim::kRaceEthnicity: return "Race/ethnicity";
    case Dim::kGender: return "Gender";
    case Dim::kSocioeconomicallyDisadvantaged: return "Socioeconomically disadvantaged";
    case Dim::kDisability: return "Students with disabilities";
    case Dim::kEnglishLearner: return "English learners";
    case Dim::kFosterYouth: return "Foster youth";
    case Dim::kHomeless: return "Homeless";
    case Dim::kMigrant: return "Migrant";
    case Dim::kFirstGeneration: return "First generation";
  }
  return std::string(engine::DimName(dim));
}

Result<std::shared_ptr<const Labels>> Labels::Load(store::Database& db, const std::string& region_scheme) {
  auto labels = std::make_shared<Labels>();
  PL_ASSIGN_OR_RETURN(auto counties, store::QueryJson(db, "SELECT county_fips, name FROM county"));
  for (const auto& c : counties) labels->Add(Dim::kCounty, c["county_fips"], c["name"]);
  PL_ASSIGN_OR_RETURN(auto regions, store::QueryJson(db,
                                                     "SELECT region_code, region_name, county_fips FROM region_assignment "
                                                     "WHERE scheme_code = :p0",
                                                     {store::Param::Text(region_scheme)}));
  for (const auto& r : regions) {
    labels->Add(Dim::kRegion, r["region_code"], r["region_name"]);
    labels->AddRegionCounty(r["region_code"], r["county_fips"]);
  }
  PL_ASSIGN_OR_RETURN(auto orgs, store::QueryJson(db, "SELECT org_id, name, county_fips FROM organization"));
  for (const auto& o : orgs) {
    labels->Add(Dim::kOrganization, o["org_id"], o["name"]);
    if (o["county_fips"].is_string()) labels->AddOrganization(o["org_id"], o["county_fips"]);
  }
  PL_ASSIGN_OR_RETURN(auto sectors, store::QueryJson(db, "SELECT sector_code, name FROM cte_sector"));
  for (const auto& s : sectors) labels->Add(Dim::kSector, s["sector_code"], s["name"]);
  PL_ASSIGN_OR_RETURN(auto pathways, store::QueryJson(db, "SELECT pathway_code, name FROM cte_pathway"));
  for (const auto& p : pathways) labels->Add(Dim::kPathway, p["pathway_code"], p["name"]);
  return std::shared_ptr<const Labels>(std::move(labels));
}

std::string Labels::Label(Dim dim, const nlohmann::json& value) const {
  if (value.is_null()) return "Not reported";
  std::string code = internal::Text(value);
  if (dim == Dim::kSchoolYear) {
    int year = ParseSchoolYear(code);
    return year ? SchoolYearLabel(year) : code;
  }
  if (IsYesNo(dim)) return code == "1" ? "Yes" : code == "0" ? "No" : code;
  if (const char* set = CodeSetOf(dim)) {
    if (const auto* codes = FindFixedCodeSet(set)) {
      for (const auto& v : codes->values) {
        if (v.code == code) return v.label;
      }
    }
  }
  auto it = names_.find({dim, code});
  return it == names_.end() ? code : it->second;
}

std::string Labels::CountyOf(const std::string& org_id) const {
  auto it = org_county_.find(org_id);
  return it == org_county_.end() ? "" : it->second;
}

const std::set<std::string>& Labels::CountiesOf(const std::string& region_code) const {
  static const std::set<std::string> kNone;
  auto it = region_counties_.find(region_code);
  return it == region_counties_.end() ? kNone : it->second;
}

void Labels::Add(Dim dim, std::string code, std::string label) { names_[{dim, std::move(code)}] = std::move(label); }
void Labels::AddOrganization(std::string org_id, std::string county_fips) {
  org_county_[std::move(org_id)] = std::move(county_fips);
}
void Labels::AddRegionCounty(std::string region_code, std::string county_fips) {
  region_counties_[std::move(region_code)].insert(std::move(county_fips));
}

}  // namespace pl::analytics
