#include "labor/request.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace pl::labor {
namespace {

Status Refuse(std::string_view parameter, std::string message) {
  return InvalidArgument(std::move(message), {{"parameter", parameter}});
}

std::string Get(const std::map<std::string, std::string>& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

std::string RegionList(const LaborData& data) {
  std::vector<std::string> codes;
  for (const auto& r : data.regions) codes.push_back(r.code);
  std::sort(codes.begin(), codes.end());
  return codes.empty() ? "none loaded" : fmt::format("one of {}", fmt::join(codes, ", "));
}

std::string SectorList(const LaborData& data) {
  std::vector<std::string> codes;
  for (const auto& s : data.sectors) codes.push_back(s.code);
  return codes.empty() ? "none loaded" : fmt::format("one of {}", fmt::join(codes, ", "));
}

Result<Area> ParseArea(const LaborData& data, const std::string& region, const std::string& county) {
  Area area;
  if (!region.empty() && !county.empty()) {
    return Refuse("county", "give region or county, not both");
  }
  if (!region.empty()) {
    area.kind = Area::Kind::kRegion;
    area.region = data.FindRegion(region);
    if (area.region == kNoId) {
      return Refuse("region", fmt::format("unknown region: {} (expected {})", region, RegionList(data)));
    }
    return area;
  }
  if (!county.empty()) {
    area.kind = Area::Kind::kCounties;
    std::size_t start = 0;
    while (start <= county.size()) {
      std::size_t comma = county.find(',', start);
      if (comma == std::string::npos) comma = county.size();
      std::string fips = county.substr(start, comma - start);
      // "06019, 06039" as people type it.
      while (!fips.empty() && fips.front() == ' ') fips.erase(fips.begin());
      while (!fips.empty() && fips.back() == ' ') fips.pop_back();
      Id id = data.FindCounty(fips);
      if (id == kNoId) {
        return Refuse("county", fmt::format("unknown county FIPS: {} (expected 5-digit California county FIPS "
                                            "codes such as 06019, separated by commas)",
                                            fips.empty() ? "(empty)" : fips));
      }
      area.counties.push_back(id);
      start = comma + 1;
    }
    std::sort(area.counties.begin(), area.counties.end());
    area.counties.erase(std::unique(area.counties.begin(), area.counties.end()), area.counties.end());
  }
  return area;
}

Result<Filter> ParseFilter(const LaborData& data, const std::map<std::string, std::string>& params) {
  Filter filter;
  std::string first;
  for (const char* name : {"sector", "pathway", "program", "soc"}) {
    std::string value = Get(params, name);
    if (value.empty()) continue;
    if (!first.empty()) {
      return Refuse(name, fmt::format("give at most one of sector, pathway, program, soc; got {} and {}", first, name));
    }
    first = name;
    if (first == "sector") {
      filter = {FilterKind::kSector, data.FindSector(value)};
      if (filter.id == kNoId) {
        return Refuse(name, fmt::format("unknown sector: {} (expected {})", value, SectorList(data)));
      }
    } else if (first == "pathway") {
      filter = {FilterKind::kPathway, data.FindPathway(value)};
      if (filter.id == kNoId) {
        return Refuse(name, fmt::format("unknown pathway: {} (expected a pathway code such as HSM-04; "
                                        "see /api/v1/reference/sectors)",
                                        value));
      }
    } else if (first == "program") {
      auto colon = value.find(':');
      auto system = colon == std::string::npos ? std::nullopt : ParseCodeSystem(value.substr(0, colon));
      if (!system) {
        return Refuse(name, fmt::format("program must be TOP:CODE or CIP:CODE (e.g. TOP:1230.10, CIP:51.3801), "
                                        "got \"{}\"",
                                        value));
      }
      std::string code = value.substr(colon + 1);
      filter = {FilterKind::kProgram, data.FindProgram(*system, code)};
      if (filter.id == kNoId) {
        return Refuse(name, fmt::format("unknown program: {}:{} (no such {} code in the reference data, the "
                                        "crosswalk or the awards)",
                                        CodeSystemCode(*system), code, CodeSystemCode(*system)));
      }
    } else {
      filter = {FilterKind::kSoc, data.FindOccupation(value)};
      if (filter.id == kNoId) {
        return Refuse(name, fmt::format("unknown SOC code: {} (expected a detailed SOC 2018 occupation such as "
                                        "29-2061)",
                                        value));
      }
    }
  }
  return filter;
}

template <typename T, typename Parse>
Status Choice(const std::map<std::string, std::string>& params, const char* name, const char* expected, Parse parse,
              T& out) {
  std::string value = Get(params, name);
  if (value.empty()) return Status::Ok();
  auto parsed = parse(value);
  if (!parsed) return Refuse(name, fmt::format("{} must be one of {}, got \"{}\"", name, expected, value));
  out = *parsed;
  return Status::Ok();
}

std::optional<SortKey> ParseSort(std::string_view v) {
  if (v == "gap") return SortKey::kGap;
  if (v == "demand") return SortKey::kDemand;
  if (v == "supply") return SortKey::kSupply;
  if (v == "wage") return SortKey::kWage;
  return std::nullopt;
}

}  // namespace

Result<GapRequest> ParseGapRequest(const LaborData& data, const std::map<std::string, std::string>& params) {
  GapRequest r;
  PL_ASSIGN_OR_RETURN(r.area, ParseArea(data, Get(params, "region"), Get(params, "county")));
  PL_ASSIGN_OR_RETURN(r.filter, ParseFilter(data, params));
  PL_RETURN_IF_ERROR(Choice(params, "split", "openings, equal, employment, full", ParseSplit, r.options.split));
  PL_RETURN_IF_ERROR(Choice(params, "education", "sub_baccalaureate, bachelor_plus, all", ParseEducationFilter,
                            r.education));
  PL_RETURN_IF_ERROR(Choice(params, "demand", "regional, national_scaled", ParseDemandMode, r.options.demand));
  PL_RETURN_IF_ERROR(Choice(params, "sort", "gap, demand, supply, wage", ParseSort, r.sort));
  if (std::string limit = Get(params, "limit"); !limit.empty()) {
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(limit.data(), limit.data() + limit.size(), n);
    if (ec != std::errc() || end != limit.data() + limit.size() || n == 0) {
      return Refuse("limit", fmt::format("limit must be a whole number of at least 1, got \"{}\"", limit));
    }
    r.limit = n;
  }
  if (std::string household = Get(params, "household"); !household.empty()) {
    r.household_type = household;
    r.options.household = data.FindHousehold(household);
    if (r.options.household == kNoId) {
      return Refuse("household",
                    fmt::format("unknown household type: {} (expected {})", household,
                                data.household_types.empty()
                                    ? std::string("none: the data has no living wages")
                                    : fmt::format("one of {}", fmt::join(data.household_types, ", "))));
    }
  } else {
    r.options.household = data.FindHousehold(r.household_type);
  }
  return r;
}

}  // namespace pl::labor
