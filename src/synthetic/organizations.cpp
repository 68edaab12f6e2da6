#include "synthetic/organizations.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <numeric>
#include <string_view>

#include <fmt/format.h>

#include "synthetic/csv_file.hpp"
#include "synthetic/place_names.hpp"
#include "synthetic/random.hpp"

namespace pl::synthetic {
namespace {

// California's bounding box; every generated site is clamped into it.
constexpr double kLatitudeMin = 32.5, kLatitudeMax = 42.0;
constexpr double kLongitudeMin = -124.4, kLongitudeMax = -114.1;

// Sacramento, where both state agencies sit.
constexpr double kCapitolLatitude = 38.5767, kCapitolLongitude = -121.4934;

// Leading 9s keep synthetic codes out of the ranges real CDS district and
// school codes and IPEDS unit ids use, so nobody mistakes one for a real
// institution.
constexpr int kCountyOfficeDistrictCode = 90000;
constexpr int kFirstDistrictCode = 90001;
constexpr int kFirstSchoolCode = 9000001;
constexpr int kFirstCollegeIpeds = 900001;
constexpr int kFirstUniversityIpeds = 950001;

int CountyNumber(std::string_view fips) {
  int n = 0;
  std::from_chars(fips.data() + 2, fips.data() + fips.size(), n);
  return n;
}

// The 2-digit county code CDS codes start with: counties in alphabetical
// order, which is also FIPS order (FIPS county numbers are odd: 001, 003...).
int CdsCountyCode(std::string_view fips) { return (CountyNumber(fips) - 1) / 2 + 1; }

// Largest-remainder apportionment of `total` over `weights`, giving each
// positive-weight entry at least `minimum` (the sum may then exceed total).
std::vector<int> Apportion(const std::vector<double>& weights, int total, int minimum) {
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<int> counts(weights.size(), 0);
  std::vector<std::pair<double, std::size_t>> remainders;
  int assigned = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0 || sum <= 0) continue;
    const double quota = total * weights[i] / sum;
    counts[i] = std::max(minimum, static_cast<int>(quota));
    assigned += counts[i];
    if (counts[i] == static_cast<int>(quota)) remainders.emplace_back(quota - counts[i], i);
  }
  // Ties broken by index so the result never depends on sort stability.
  std::sort(remainders.begin(), remainders.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  for (std::size_t k = 0; k < remainders.size() && assigned < total; ++k, ++assigned) {
    ++counts[remainders[k].second];
  }
  return counts;
}

Cdf Cumulative(const std::vector<double>& weights) {
  Cdf cdf(weights.size());
  double running = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) cdf[i] = running += weights[i];
  return cdf;
}

struct Location {
  double latitude;
  double longitude;
};

Location Near(const CountyProfile& profile, Rng& rng) {
  const double r = profile.scatter_degrees;
  const double lat = profile.latitude + (2 * rng.Uniform() - 1) * r;
  // A degree of longitude is shorter than a degree of latitude at these
  // latitudes; widen the scatter so sites spread roughly evenly.
  const double lon = profile.longitude + (2 * rng.Uniform() - 1) * r * 1.25;
  return {std::clamp(lat, kLatitudeMin, kLatitudeMax), std::clamp(lon, kLongitudeMin, kLongitudeMax)};
}

// One organizations.csv row. Empty strings become empty fields.
struct OrgRow {
  std::string_view org_id;
  std::string_view org_type;
  std::string_view name;
  std::string_view county_fips;
  std::string_view parent_org_id;
  std::string_view cds_code;
  std::string_view ipeds_id;
  Location location;
};

class OrgWriter {
 public:
  explicit OrgWriter(CsvFile& file) : file_(file) {
    for (auto h : {"org_id", "org_type", "name", "county_fips", "parent_org_id", "cds_code",
                   "ipeds_id", "latitude", "longitude"}) {
      file_.Plain(h);
    }
    file_.EndRow();
  }
  void Write(const OrgRow& row) {
    file_.Plain(row.org_id);
    file_.Plain(row.org_type);
    file_.Text(row.name);
    file_.Plain(row.county_fips);
    file_.Plain(row.parent_org_id);
    file_.Plain(row.cds_code);
    file_.Plain(row.ipeds_id);
    file_.Decimal(row.location.latitude, 4);
    file_.Decimal(row.location.longitude, 4);
    file_.EndRow();
    ++count_;
  }
  std::uint64_t count() const { return count_; }

 private:
  CsvFile& file_;
  std::uint64_t count_ = 0;
};

// Sector weights a site offers, for female, male and other students.
std::array<Cdf, 3> SectorCdfs(const std::vector<double>& base_weights, const std::vector<bool>& offered,
                              const std::vector<const SectorParameters*>& sectors) {
  std::array<Cdf, 3> result;
  for (int g = 0; g < 3; ++g) {
    std::vector<double> w(base_weights.size(), 0.0);
    for (std::size_t s = 0; s < w.size(); ++s) {
      if (!offered[s]) continue;
      const double tilt = sectors[s]->female_tilt / 2;
      w[s] = base_weights[s] * (g == 0 ? std::exp(tilt) : g == 1 ? std::exp(-tilt) : 1.0);
    }
    result[g] = Cumulative(w);
  }
  return result;
}

// Picks `count` distinct sectors, more popular ones first in expectation.
std::vector<bool> OfferedSectors(const std::vector<double>& base_weights, int count, Rng& rng) {
  std::vector<bool> offered(base_weights.size(), false);
  std::vector<double> w = base_weights;
  count = std::min<int>(count, static_cast<int>(w.size()));
  for (int k = 0; k < count; ++k) {
    const Cdf cdf = Cumulative(w);
    if (cdf.empty() || cdf.back() <= 0) break;
    const int s = Pick(cdf, rng.Uniform());
    offered[s] = true;
    w[s] = 0;
  }
  return offered;
}

}  // namespace

int Pick(const Cdf& cdf, double u) {
  const double target = u * cdf.back();
  const auto it = std::upper_bound(cdf.begin(), cdf.end(), target);
  return static_cast<int>(std::min<std::ptrdiff_t>(it - cdf.begin(), static_cast<std::ptrdiff_t>(cdf.size()) - 1));
}

Result<Directory> WriteOrganizations(const ReferenceInput& input, const ScaleParameters& scale,
                                     std::uint64_t seed, const std::string& path,
                                     Progress& progress, std::uint64_t& bytes_written) {
  const ModelParameters& model = Parameters();
  Rng rng(StreamSeed(seed, {0x6f7267 /* "org" */}));
  PlaceNames names;
  Directory dir;

  const std::size_t county_count = input.counties.size();
  const std::size_t sector_count = input.sector_codes.size();

  // --- Places ---------------------------------------------------------------
  dir.counties.resize(county_count);
  std::vector<double> k12(county_count), population(county_count);
  for (std::size_t c = 0; c < county_count; ++c) {
    CountyPlace& place = dir.counties[c];
    place.profile = FindCountyProfile(input.counties[c].fips);
    place.region = &FindRegion(input.counties[c].region_code);
    const double lo = std::log(model.rural_population_low), hi = std::log(model.rural_population_high);
    place.rurality = std::clamp((hi - std::log(place.profile->population)) / (hi - lo), 0.0, 1.0);
    place.k12_weight = place.profile->population * place.profile->k12_per_100_residents / 100;
    k12[c] = place.k12_weight;
    population[c] = place.profile->population;
  }

  // Regions in order of first appearance; each one's most populous county
  // hosts its consortium and intermediaries.
  std::vector<std::string> regions;
  std::map<std::string, std::size_t> region_seat;
  for (std::size_t c = 0; c < county_count; ++c) {
    const std::string& code = input.counties[c].region_code;
    auto [it, inserted] = region_seat.emplace(code, c);
    if (inserted) {
      regions.push_back(code);
    } else if (population[c] > population[it->second]) {
      it->second = c;
    }
  }
  auto region_name = [&](const std::string& code) {
    const RegionParameters& r = FindRegion(code);
    return r.name.empty() ? std::string(code) : std::string(r.name);
  };

  // --- Sectors and pathways -------------------------------------------------
  std::vector<const SectorParameters*> sectors(sector_count);
  for (std::size_t s = 0; s < sector_count; ++s) sectors[s] = &FindSector(input.sector_codes[s]);
  dir.sector_pathways.assign(sector_count, {});
  dir.pathway_sector.assign(input.pathways.size(), -1);
  std::vector<std::vector<double>> pathway_weights(sector_count);
  for (std::size_t p = 0; p < input.pathways.size(); ++p) {
    const auto sector_it = std::find(input.sector_codes.begin(), input.sector_codes.end(),
                                     input.pathways[p].sector_code);
    const int s = static_cast<int>(sector_it - input.sector_codes.begin());
    dir.pathway_sector[p] = s;
    dir.sector_pathways[s].push_back(static_cast<int>(p));
    double w = 1.0;
    for (const auto& pw : model.pathway_weights) {
      if (pw.pathway_code == input.pathways[p].pathway_code) w = pw.weight;
    }
    pathway_weights[s].push_back(w);
  }
  for (auto& w : pathway_weights) dir.pathway_cdf.push_back(Cumulative(w));

  // Sector popularity in a region.
  auto sector_weights_for = [&](const std::string& region_code) {
    std::vector<double> w(sector_count);
    for (std::size_t s = 0; s < sector_count; ++s) {
      w[s] = sectors[s]->popularity;
      for (const auto& pref : model.region_sector_preferences) {
        if (pref.region_code == region_code && pref.sector_code == input.sector_codes[s]) w[s] *= pref.multiplier;
      }
    }
    return w;
  };

  // --- Counts ---------------------------------------------------------------
  std::vector<int> schools_per_county = Apportion(k12, scale.schools, 1);
  std::vector<int> districts_per_county = Apportion(k12, scale.districts, 1);
  for (std::size_t c = 0; c < county_count; ++c) {
    districts_per_county[c] = std::min(districts_per_county[c], schools_per_county[c]);
  }
  std::vector<int> colleges_per_county = Apportion(population, scale.colleges, 0);
  for (const std::string& code : regions) {
    int in_region = 0;
    for (std::size_t c = 0; c < county_count; ++c) {
      if (input.counties[c].region_code == code) in_region += colleges_per_county[c];
    }
    if (in_region == 0) colleges_per_county[region_seat[code]] = 1;
  }
  std::vector<double> college_weights(colleges_per_county.begin(), colleges_per_county.end());
  std::vector<int> college_districts_per_county = Apportion(college_weights, scale.college_districts, 1);
  for (std::size_t c = 0; c < county_count; ++c) {
    college_districts_per_county[c] = std::min(college_districts_per_county[c], colleges_per_county[c]);
  }
  const std::vector<int> universities_per_county = Apportion(population, scale.universities, 0);
  const std::vector<int> employers_per_county = Apportion(population, scale.employers, 0);
  const std::vector<int> cbos_per_county = Apportion(population, scale.cbos, 0);

  std::uint64_t expected = 2 + regions.size() * (1 + scale.intermediaries_per_region) + county_count;
  for (std::size_t c = 0; c < county_count; ++c) {
    expected += schools_per_county[c] + districts_per_county[c] + colleges_per_county[c] +
                college_districts_per_county[c] + universities_per_county[c] + employers_per_county[c] +
                cbos_per_county[c];
  }
  progress.Begin("writing organizations", expected, "organizations");

  PL_ASSIGN_OR_RETURN(std::unique_ptr<CsvFile> file, CsvFile::Create(path));
  OrgWriter out(*file);
  const Location capitol = {kCapitolLatitude, kCapitolLongitude};

  // --- State agencies and regional consortia ----------------------------------
  out.Write({"CDE", "state_agency", "California Department of Education", "", "", "", "", capitol});
  out.Write({"CCCCO", "state_agency", "California Community Colleges Chancellor's Office", "", "", "", "",
             capitol});
  for (const std::string& code : regions) {
    const std::size_t seat = region_seat[code];
    out.Write({fmt::format("CONS-{}", code), "consortium", region_name(code) + " Regional Consortium",
               input.counties[seat].fips, "CCCCO", "", "", Near(*dir.counties[seat].profile, rng)});
  }

  // --- K-12: county offices, districts, high schools ---------------------------
  int next_school_code = kFirstSchoolCode;
  for (std::size_t c = 0; c < county_count; ++c) {
    const County& county = input.counties[c];
    CountyPlace& place = dir.counties[c];
    const int cds_county = CdsCountyCode(county.fips);
    const std::string coe_id = fmt::format("COE-{}", county.fips);
    out.Write({coe_id, "county_office", county.name + " County Office of Education", county.fips, "CDE",
               fmt::format("{:02d}{:05d}0000000", cds_county, kCountyOfficeDistrictCode), "",
               Near(*place.profile, rng)});

    const int district_count = districts_per_county[c];
    const int school_count = schools_per_county[c];
    // Every district runs at least one high school; the rest go mostly to
    // the first districts (a Zipf-like 1/rank share), so each county has a
    // large district or two and several small ones.
    std::vector<int> school_district(school_count);
    std::vector<double> zipf(district_count);
    for (int d = 0; d < district_count; ++d) zipf[d] = 1.0 / (d + 1);
    const Cdf zipf_cdf = Cumulative(zipf);
    for (int s = 0; s < school_count; ++s) school_district[s] = s < district_count ? s : Pick(zipf_cdf, rng.Uniform());

    const std::vector<double> base_sector_weights = sector_weights_for(county.region_code);
    for (int d = 0; d < district_count; ++d) {
      const std::string stem = names.Next(rng);
      const int district_code = kFirstDistrictCode + d;
      const std::string district_cds = fmt::format("{:02d}{:05d}", cds_county, district_code);
      const std::string district_id = "DIST-" + district_cds;
      const double kind = rng.Uniform();
      const char* suffix = kind < 0.7 ? " Unified School District"
                           : kind < 0.9 ? " Joint Union High School District"
                                        : " Union High School District";
      out.Write({district_id, "district", stem + suffix, county.fips, coe_id, district_cds + "0000000", "",
                 Near(*place.profile, rng)});
      bool first = true;
      for (int s = 0; s < school_count; ++s) {
        if (school_district[s] != d) continue;
        const std::string school_name = (first ? stem : names.Next(rng)) + " High School";
        first = false;
        const std::string cds = fmt::format("{}{:07d}", district_cds, next_school_code++);
        Site site;
        site.org_id = "SCH-" + cds;
        site.county = static_cast<int>(c);
        site.size = std::exp(model.school_size_log_sd * rng.Normal());
        site.effect = rng.Normal();
        // Bigger schools offer more sectors; a small rural school may offer
        // two or three, which is itself an access gap the data should show.
        const int offered = std::clamp(
            static_cast<int>(std::lround(model.school_sectors_base + model.school_sectors_per_size * site.size +
                                         model.school_sectors_sd * rng.Normal() +
                                         model.school_sectors_rural * place.rurality)),
            std::min(2, static_cast<int>(sector_count)), static_cast<int>(sector_count));
        site.sector_cdf = SectorCdfs(base_sector_weights, OfferedSectors(base_sector_weights, offered, rng), sectors);
        out.Write({site.org_id, "school", school_name, county.fips, district_id, cds, "", Near(*place.profile, rng)});
        place.schools.push_back(static_cast<int>(dir.schools.size()));
        dir.schools.push_back(std::move(site));
      }
    }
    std::vector<double> sizes;
    for (int s : place.schools) sizes.push_back(dir.schools[s].size);
    place.school_cdf = Cumulative(sizes);
    progress.Update(out.count());
  }

  // --- Community college districts and colleges --------------------------------
  int college_district_serial = 0;
  int next_ipeds = kFirstCollegeIpeds;
  for (std::size_t c = 0; c < county_count; ++c) {
    const int college_count = colleges_per_county[c];
    if (college_count == 0) continue;
    const County& county = input.counties[c];
    CountyPlace& place = dir.counties[c];
    const int district_count = college_districts_per_county[c];
    std::vector<int> college_district(college_count);
    for (int k = 0; k < college_count; ++k) college_district[k] = k % district_count;
    const std::vector<double> base_sector_weights = sector_weights_for(county.region_code);
    for (int d = 0; d < district_count; ++d) {
      const std::string stem = names.Next(rng);
      const std::string district_id = fmt::format("CCD-{:03d}", ++college_district_serial);
      out.Write({district_id, "college_district", stem + " Community College District", county.fips, "CCCCO", "",
                 "", Near(*place.profile, rng)});
      bool first = true;
      for (int k = 0; k < college_count; ++k) {
        if (college_district[k] != d) continue;
        const std::string college_name =
            first ? stem + " College" : names.Next(rng) + (rng.Bernoulli(0.5) ? " College" : " Community College");
        first = false;
        const int ipeds = next_ipeds++;
        Site site;
        site.org_id = fmt::format("COL-{}", ipeds);
        site.county = static_cast<int>(c);
        site.size = std::exp(model.college_size_log_sd * rng.Normal());
        site.effect = rng.Normal();
        const int offered = std::clamp(
            static_cast<int>(std::lround(
                sector_count * (model.college_sector_share_base + model.college_sector_share_per_size * site.size) +
                model.college_sectors_sd * rng.Normal())),
            std::min<int>(5, static_cast<int>(sector_count)), static_cast<int>(sector_count));
        site.sector_cdf = SectorCdfs(base_sector_weights, OfferedSectors(base_sector_weights, offered, rng), sectors);
        out.Write({site.org_id, "college", college_name, county.fips, district_id, "", std::to_string(ipeds),
                   Near(*place.profile, rng)});
        place.home_colleges.push_back(static_cast<int>(dir.colleges.size()));
        dir.colleges.push_back(std::move(site));
      }
    }
    progress.Update(out.count());
  }
  // Which colleges serve each county: its own, else (and for the students
  // who travel) those of its region, else any.
  for (std::size_t c = 0; c < county_count; ++c) {
    CountyPlace& place = dir.counties[c];
    std::vector<double> home, region;
    for (int k : place.home_colleges) home.push_back(dir.colleges[k].size);
    for (std::size_t k = 0; k < dir.colleges.size(); ++k) {
      if (input.counties[dir.colleges[k].county].region_code == input.counties[c].region_code) {
        place.region_colleges.push_back(static_cast<int>(k));
        region.push_back(dir.colleges[k].size);
      }
    }
    if (place.region_colleges.empty()) {
      for (std::size_t k = 0; k < dir.colleges.size(); ++k) {
        place.region_colleges.push_back(static_cast<int>(k));
        region.push_back(dir.colleges[k].size);
      }
    }
    place.home_college_cdf = Cumulative(home);
    place.region_college_cdf = Cumulative(region);
  }

  // --- Universities, employers, CBOs, intermediaries -----------------------------
  int next_university_ipeds = kFirstUniversityIpeds;
  for (std::size_t c = 0; c < county_count; ++c) {
    for (int k = 0; k < universities_per_county[c]; ++k) {
      const int ipeds = next_university_ipeds++;
      const std::string stem = names.Next(rng);
      dir.universities.push_back({fmt::format("UNIV-{}", ipeds), static_cast<int>(c)});
      out.Write({dir.universities.back().org_id, "university",
                 rng.Bernoulli(0.7) ? stem + " State University" : "University of " + stem, input.counties[c].fips,
                 "", "", std::to_string(ipeds), Near(*dir.counties[c].profile, rng)});
    }
  }
  // Employer names hint at the sectors students train for; one pattern has
  // a comma so the file exercises RFC 4180 quoting.
  static constexpr std::string_view kEmployerKinds[] = {
      " Regional Medical Center", " Health Partners", " Software", " Logistics", " Manufacturing Co.",
      " Builders", " Farms, Inc.", " Credit Union", " Hospitality Group", " Energy Cooperative",
      " Media Studios", " Auto Group", " Design Studio", " Dental Group", " Engineering"};
  int employer_serial = 0;
  for (std::size_t c = 0; c < county_count; ++c) {
    for (int k = 0; k < employers_per_county[c]; ++k) {
      const std::string_view kind = kEmployerKinds[rng.Below(std::size(kEmployerKinds))];
      out.Write({fmt::format("EMP-{:05d}", ++employer_serial), "employer", names.Next(rng) + std::string(kind),
                 input.counties[c].fips, "", "", "", Near(*dir.counties[c].profile, rng)});
    }
  }
  static constexpr std::string_view kCboKinds[] = {" Youth Alliance", " Family Resource Center",
                                                   " Community Foundation", " Career Pathways Network",
                                                   " Neighborhood Center"};
  int cbo_serial = 0;
  for (std::size_t c = 0; c < county_count; ++c) {
    for (int k = 0; k < cbos_per_county[c]; ++k) {
      const std::string_view kind = kCboKinds[rng.Below(std::size(kCboKinds))];
      out.Write({fmt::format("CBO-{:04d}", ++cbo_serial), "cbo", names.Next(rng) + std::string(kind),
                 input.counties[c].fips, "", "", "", Near(*dir.counties[c].profile, rng)});
    }
  }
  for (const std::string& code : regions) {
    const std::size_t seat = region_seat[code];
    for (int k = 1; k <= scale.intermediaries_per_region; ++k) {
      const std::string name = k == 1 ? region_name(code) + " Work-Based Learning Intermediary"
                                      : names.Next(rng) + " Workforce Development Board";
      out.Write({fmt::format("INT-{}-{}", code, k), "intermediary", name, input.counties[seat].fips, "", "", "",
                 Near(*dir.counties[seat].profile, rng)});
    }
  }

  progress.Update(out.count());
  progress.End();
  dir.organizations = out.count();
  bytes_written += file->bytes();
  PL_RETURN_IF_ERROR(file->Finish());
  return dir;
}

}  // namespace pl::synthetic
