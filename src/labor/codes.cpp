#include "labor/codes.hpp"

#include <array>
#include <cctype>
#include <string>

namespace pl::labor {
namespace {

std::string Normalized(std::string_view text) {
  // Lower case, letters and digits only: "Associate's degree", "Associate
  // degree" and "associates  degree" all become "associatesdegree" or
  // "associatedegree", which the table below lists.
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out += static_cast<char>(std::tolower(u));
  }
  return out;
}

constexpr std::array<std::string_view, kAwardLevelCount> kAwardLevelCodes = {
    "noncredit_certificate", "certificate_short", "certificate_long", "associate", "bachelor", "graduate"};

}  // namespace

std::optional<AwardLevel> ParseAwardLevel(std::string_view code) {
  for (int i = 0; i < kAwardLevelCount; ++i) {
    if (kAwardLevelCodes[i] == code) return static_cast<AwardLevel>(i);
  }
  return std::nullopt;
}

std::string_view AwardLevelCode(AwardLevel level) { return kAwardLevelCodes[static_cast<int>(level)]; }

EntryEducation ParseEntryEducation(std::string_view text) {
  const std::string n = Normalized(text);
  if (n == "noformaleducationalcredential") return EntryEducation::kNoFormalCredential;
  if (n == "highschooldiplomaorequivalent") return EntryEducation::kHighSchool;
  if (n == "somecollegenodegree") return EntryEducation::kSomeCollege;
  if (n == "postsecondarynondegreeaward") return EntryEducation::kPostsecondaryNondegree;
  if (n == "associatesdegree" || n == "associatedegree") return EntryEducation::kAssociate;
  if (n == "bachelorsdegree" || n == "bachelordegree") return EntryEducation::kBachelor;
  if (n == "mastersdegree" || n == "masterdegree") return EntryEducation::kMaster;
  if (n == "doctoralorprofessionaldegree") return EntryEducation::kDoctoral;
  return EntryEducation::kUnknown;
}

std::string_view EntryEducationText(EntryEducation e) {
  switch (e) {
    case EntryEducation::kNoFormalCredential: return "No formal educational credential";
    case EntryEducation::kHighSchool: return "High school diploma or equivalent";
    case EntryEducation::kSomeCollege: return "Some college, no degree";
    case EntryEducation::kPostsecondaryNondegree: return "Postsecondary nondegree award";
    case EntryEducation::kAssociate: return "Associate's degree";
    case EntryEducation::kBachelor: return "Bachelor's degree";
    case EntryEducation::kMaster: return "Master's degree";
    case EntryEducation::kDoctoral: return "Doctoral or professional degree";
    case EntryEducation::kUnknown: return "";
  }
  return "";
}

bool LevelFits(AwardLevel level, EntryEducation entry) {
  const bool certificate = level == AwardLevel::kNoncreditCertificate || level == AwardLevel::kCertificateShort ||
                           level == AwardLevel::kCertificateLong;
  switch (entry) {
    case EntryEducation::kNoFormalCredential:
    case EntryEducation::kHighSchool:
    case EntryEducation::kSomeCollege:
    case EntryEducation::kPostsecondaryNondegree: return certificate;
    case EntryEducation::kAssociate: return level == AwardLevel::kAssociate;
    case EntryEducation::kBachelor: return level == AwardLevel::kBachelor;
    case EntryEducation::kMaster:
    case EntryEducation::kDoctoral: return level == AwardLevel::kGraduate;
    case EntryEducation::kUnknown: return false;
  }
  return false;
}

std::optional<EducationFilter> ParseEducationFilter(std::string_view code) {
  if (code == "sub_baccalaureate") return EducationFilter::kSubBaccalaureate;
  if (code == "bachelor_plus") return EducationFilter::kBachelorPlus;
  if (code == "all") return EducationFilter::kAll;
  return std::nullopt;
}

std::string_view EducationFilterCode(EducationFilter f) {
  switch (f) {
    case EducationFilter::kSubBaccalaureate: return "sub_baccalaureate";
    case EducationFilter::kBachelorPlus: return "bachelor_plus";
    case EducationFilter::kAll: return "all";
  }
  return "";
}

bool EducationPasses(EducationFilter filter, EntryEducation entry) {
  switch (filter) {
    case EducationFilter::kAll: return true;
    case EducationFilter::kSubBaccalaureate: return entry <= EntryEducation::kAssociate;
    case EducationFilter::kBachelorPlus:
      return entry == EntryEducation::kBachelor || entry == EntryEducation::kMaster ||
             entry == EntryEducation::kDoctoral;
  }
  return false;
}

std::optional<Split> ParseSplit(std::string_view code) {
  if (code == "openings") return Split::kOpenings;
  if (code == "equal") return Split::kEqual;
  if (code == "employment") return Split::kEmployment;
  if (code == "full") return Split::kFull;
  return std::nullopt;
}

std::string_view SplitCode(Split split) {
  switch (split) {
    case Split::kOpenings: return "openings";
    case Split::kEqual: return "equal";
    case Split::kEmployment: return "employment";
    case Split::kFull: return "full";
  }
  return "";
}

std::optional<DemandMode> ParseDemandMode(std::string_view code) {
  if (code == "regional") return DemandMode::kRegional;
  if (code == "national_scaled") return DemandMode::kNationalScaled;
  return std::nullopt;
}

std::string_view DemandModeCode(DemandMode mode) {
  return mode == DemandMode::kRegional ? "regional" : "national_scaled";
}

std::optional<CodeSystem> ParseCodeSystem(std::string_view code) {
  const std::string n = Normalized(code);
  if (n == "top") return CodeSystem::kTop;
  if (n == "cip") return CodeSystem::kCip;
  return std::nullopt;
}

std::string_view CodeSystemCode(CodeSystem system) { return system == CodeSystem::kTop ? "TOP" : "CIP"; }

double AnnualOpenings(double employment_base, double employment_projected, double exits_total,
                      double transfers_total, double years) {
  return (employment_projected - employment_base) / years + (exits_total + transfers_total) / years;
}

double AnnualOpeningsFromRates(double employment_base, double employment_projected, double exit_rate,
                               double transfer_rate, double years) {
  const double mean_employment = (employment_base + employment_projected) / 2.0;
  return (employment_projected - employment_base) / years + (exit_rate + transfer_rate) * mean_employment;
}

}  // namespace pl::labor
