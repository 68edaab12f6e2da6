#include "synthetic/labor_market.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "core/code_sets.hpp"
#include "synthetic/csv_file.hpp"
#include "synthetic/random.hpp"

namespace pl::synthetic {
namespace {

// ---------------------------------------------------------------------------
// The model's numbers (docs/synthetic-data.md, "Labor-market files"). All
// invented to look plausible; none is an estimate.

// United States resident population, approximate (2024): a region's share
// of the national projections is its share of this.
constexpr double kUsPopulation = 340e6;
// Spread of a region's employment in an occupation around its population
// share (log-normal sigma), on top of the region's sector preferences.
constexpr double kEmploymentLogSd = 0.15;
// Ten-year growth: the national rate, plus this much per point of the
// region's labor index, plus normal noise of this sd (both in growth-rate
// units over the whole period).
constexpr double kGrowthPerLaborIndex = 0.06;
constexpr double kGrowthSd = 0.03;
// Separations (exits + transfers): the national rate times log-normal noise.
constexpr double kSeparationsLogSd = 0.05;
// Share of separations that are labor-force exits (the rest are
// occupational transfers) by BLS typical entry education: occupations
// entered young and without a credential see more transfers.
struct ExitShare {
  std::string_view entry_education;
  double share;
};
constexpr ExitShare kExitShares[] = {
    {"No formal educational credential", 0.36}, {"High school diploma or equivalent", 0.40},
    {"Some college, no degree", 0.42},          {"Postsecondary nondegree award", 0.44},
    {"Associate's degree", 0.46},               {"Bachelor's degree", 0.48},
    {"Master's degree", 0.52},                  {"Doctoral or professional degree", 0.55},
};
constexpr double kExitShareDefault = 0.42;
constexpr double kExitShareSd = 0.03;
// Hourly wages: national median / 2,080 hours × the region's wage
// multiplier × log-normal noise; the 25th percentile is this fraction of
// the median plus a uniform draw of the given width.
constexpr double kHoursPerYear = 2080;
constexpr double kWageLogSd = 0.05;
constexpr double kP25Fraction = 0.72, kP25FractionWidth = 0.10;

// Award levels of community-college completions, by the typical entry
// education of the occupations the TOP code leads to (its most common
// one): noncredit, short certificate, long certificate, associate.
constexpr const char* kCollegeLevels[4] = {"noncredit_certificate", "certificate_short", "certificate_long",
                                           "associate"};
constexpr std::array<double, 4> kLevelsEntryLevel = {0.15, 0.45, 0.15, 0.25};  // none, high school, some college
constexpr std::array<double, 4> kLevelsNondegree = {0.05, 0.35, 0.35, 0.25};   // postsecondary nondegree award
constexpr std::array<double, 4> kLevelsAssociate = {0.02, 0.10, 0.18, 0.70};   // associate's degree
constexpr std::array<double, 4> kLevelsTransfer = {0.02, 0.15, 0.13, 0.70};    // bachelor's or more, unknown
// How unevenly an institution spreads completions over the program codes
// of a pathway (log-normal sigma of its per-code weight).
constexpr double kProgramMixLogSd = 0.7;
// High-school concentrators and completers entering a four-year
// institution who earn a bachelor's degree in a related program
// kBachelorYears later.
constexpr double kBachelorInFieldRate = 0.45;

// Living wage for one adult, no children: this base × the region's wage
// multiplier ^ exponent × (1 + urban premium × (1 − rurality)) × log-normal
// noise; the other household types are multiples of it (two-adult wages
// are per working adult).
constexpr double kLivingWageBase = 22.0;
constexpr double kLivingWageRegionExponent = 0.9;
constexpr double kLivingWageUrbanPremium = 0.08;
constexpr double kLivingWageLogSd = 0.04;
struct HouseholdFactor {
  const char* type;
  double factor, width;  // multiple of 1a0c: factor + uniform(0, width)
};
constexpr HouseholdFactor kHouseholds[] = {{"1a0c", 1.0, 0.0}, {"1a1c", 1.85, 0.15}, {"2a2c", 1.22, 0.08}};

// Stream identifiers (see StreamSeed).
constexpr std::uint64_t kDemandStream = 0x6c61626f72;   // "labor"
constexpr std::uint64_t kCollegeStream = 0x636f6c6c;    // "coll"
constexpr std::uint64_t kUniversityStream = 0x756e6976;  // "univ"
constexpr std::uint64_t kMixStream = 0x6d6978;           // "mix"
constexpr std::uint64_t kWageStream = 0x6c7767;          // "lwg"

constexpr const char* kSource = "synthetic";

// FNV-1a: a stable stream identifier from a code.
std::uint64_t Hash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

// Binomial(n, p) by n Bernoulli draws (n is small: completions of one place
// and year).
std::uint32_t Binomial(std::uint32_t n, double p, Rng& rng) {
  std::uint32_t k = 0;
  for (std::uint32_t i = 0; i < n; ++i) k += rng.Bernoulli(p) ? 1 : 0;
  return k;
}

template <std::size_t N>
int PickIndex(const std::array<double, N>& weights, Rng& rng) {
  double total = 0;
  for (double w : weights) total += w;
  double u = rng.Uniform() * total;
  for (std::size_t i = 0; i < N; ++i) {
    if (u < weights[i]) return static_cast<int>(i);
    u -= weights[i];
  }
  return static_cast<int>(N) - 1;
}

// What the three writers share: the input's codes resolved to indices.
struct LaborModel {
  std::vector<std::string> regions;               // sorted region codes of the input counties
  std::vector<double> region_population;          // residents of the input counties of each region
  std::vector<const OccupationProjection*> occupations;  // reachable, by SOC code
  std::vector<std::vector<double>> region_mix;    // [region][occupation] sector-preference multiplier
  std::vector<std::vector<std::string>> pathway_top;  // [pathway] TOP codes
  std::vector<std::vector<std::string>> pathway_cip;  // [pathway] CIP codes (direct and via the crosswalk)
  std::unordered_map<std::string, const std::array<double, 4>*> top_levels;  // TOP -> award level weights
};

bool IsBachelorOrMore(std::string_view education) {
  return education == "Bachelor's degree" || education == "Master's degree" ||
         education == "Doctoral or professional degree";
}

const std::array<double, 4>& LevelWeights(std::string_view education) {
  if (education == "Postsecondary nondegree award") return kLevelsNondegree;
  if (education == "Associate's degree") return kLevelsAssociate;
  if (education.empty() || IsBachelorOrMore(education)) return kLevelsTransfer;
  return kLevelsEntryLevel;
}

double ExitShareFor(std::string_view education) {
  for (const auto& e : kExitShares) {
    if (e.entry_education == education) return e.share;
  }
  return kExitShareDefault;
}

LaborModel BuildModel(const ReferenceInput& input, const Directory& directory) {
  LaborModel model;
  std::map<std::string, double> population;
  for (std::size_t c = 0; c < input.counties.size(); ++c) {
    population[input.counties[c].region_code] += directory.counties[c].profile->population;
  }
  for (const auto& [code, people] : population) {
    model.regions.push_back(code);
    model.region_population.push_back(people);
  }

  std::unordered_map<std::string, int> pathway_index;
  for (std::size_t p = 0; p < input.pathways.size(); ++p) pathway_index[input.pathways[p].pathway_code] = static_cast<int>(p);
  // Links by program code, each once (the COE file repeats a few rows), so
  // the output does not depend on the order or repeats of the input.
  std::unordered_map<std::string, std::vector<const CrosswalkLink*>> by_top, by_cip;
  std::set<std::tuple<std::string_view, std::string_view, std::string_view>> distinct;
  for (const auto& link : input.crosswalk) {
    if (!distinct.emplace(link.top_code, link.cip_code, link.soc_code).second) continue;
    by_top[link.top_code].push_back(&link);
    by_cip[link.cip_code].push_back(&link);
  }
  std::unordered_map<std::string, const OccupationProjection*> projection;
  for (const auto& p : input.projections) projection[p.soc_code] = &p;

  // Pathway programs, and the occupations (and so sectors) each leads to.
  // Code lists are sorted sets: institutions' draws over them must not
  // depend on input order.
  std::vector<std::set<std::string>> tops(input.pathways.size()), cips(input.pathways.size());
  std::unordered_map<std::string, std::set<int>> soc_sectors;
  for (const auto& pp : input.pathway_programs) {
    const int p = pathway_index.at(pp.pathway_code);
    const int sector = directory.pathway_sector[p];
    const auto& links = pp.code_system == "TOP" ? by_top[pp.program_code] : by_cip[pp.program_code];
    (pp.code_system == "TOP" ? tops : cips)[p].insert(pp.program_code);
    for (const CrosswalkLink* link : links) {
      soc_sectors[link->soc_code].insert(sector);
      if (pp.code_system == "TOP") cips[p].insert(link->cip_code);
    }
  }
  for (std::size_t p = 0; p < input.pathways.size(); ++p) {
    model.pathway_top.emplace_back(tops[p].begin(), tops[p].end());
    model.pathway_cip.emplace_back(cips[p].begin(), cips[p].end());
  }

  // Occupations: every crosswalk SOC with a BLS line item (the pathways'
  // occupations are among them), in code order.
  std::set<std::string> reachable;
  for (const auto& link : input.crosswalk) {
    if (projection.count(link.soc_code)) reachable.insert(link.soc_code);
  }
  for (const auto& soc : reachable) model.occupations.push_back(projection.at(soc));

  // A region's preference for the sectors leading to an occupation shifts
  // its employment there (geometric mean of the preferences, square root).
  const ModelParameters& m = Parameters();
  model.region_mix.assign(model.regions.size(), std::vector<double>(model.occupations.size(), 1.0));
  for (std::size_t r = 0; r < model.regions.size(); ++r) {
    for (std::size_t o = 0; o < model.occupations.size(); ++o) {
      auto it = soc_sectors.find(model.occupations[o]->soc_code);
      if (it == soc_sectors.end()) continue;
      double log_sum = 0;
      for (int sector : it->second) {
        for (const auto& pref : m.region_sector_preferences) {
          if (pref.region_code == model.regions[r] && pref.sector_code == input.sector_codes[sector]) {
            log_sum += std::log(pref.multiplier);
          }
        }
      }
      model.region_mix[r][o] = std::exp(0.5 * log_sum / static_cast<double>(it->second.size()));
    }
  }

  // Award levels of a TOP code: from the most common entry education of the
  // occupations it leads to (ties: the first in BLS order).
  for (const auto& [top, links] : by_top) {
    std::map<std::string, int> counts;
    for (const CrosswalkLink* link : links) {
      auto p = projection.find(link->soc_code);
      if (p != projection.end()) ++counts[p->second->entry_education];
    }
    std::string modal;
    int best = 0;
    for (const auto& e : kExitShares) {  // BLS order
      auto it = counts.find(std::string(e.entry_education));
      if (it != counts.end() && it->second > best) {
        best = it->second;
        modal = it->first;
      }
    }
    model.top_levels[top] = &LevelWeights(modal);
  }
  return model;
}

// Cents of a non-negative amount, rounded.
std::int64_t ToCents(double value) { return std::llround(value * 100); }

Status WriteDemand(const ReferenceInput& input, const LaborModel& model, const ScaleParameters& scale,
                   const Options& options, const std::string& path, Progress& progress, Summary& summary) {
  PL_ASSIGN_OR_RETURN(std::unique_ptr<CsvFile> file, CsvFile::Create(path));
  for (auto h : {"area_type", "area_code", "soc_code", "base_year", "projected_year", "employment_base",
                 "employment_projected", "openings_annual", "openings_growth", "openings_exits", "openings_transfers",
                 "wage_median_hourly", "wage_p25_hourly", "entry_education", "source"}) {
    file->Plain(h);
  }
  file->EndRow();
  const FixedCodeSet* educations = FindFixedCodeSet("entry_education");
  auto known_education = [&](const std::string& e) {
    for (const auto& v : educations->values) {
      if (v.code == e) return true;
    }
    return false;
  };
  const double years = input.projection_years;
  progress.Begin("writing labor demand", model.regions.size() * model.occupations.size(), "region-occupations");
  std::uint64_t done = 0;
  for (std::size_t r = 0; r < model.regions.size(); ++r) {
    const RegionParameters& region = FindRegion(model.regions[r]);
    const double share = model.region_population[r] / kUsPopulation * scale.population_factor;
    for (std::size_t o = 0; o < model.occupations.size(); ++o) {
      const OccupationProjection& p = *model.occupations[o];
      Rng rng(StreamSeed(options.seed, {kDemandStream, Hash(model.regions[r]), Hash(p.soc_code)}));
      // Employment, in tenths of a job (the file's precision).
      const double e0 = p.employment_base * 1000 * share * model.region_mix[r][o] *
                        std::exp(kEmploymentLogSd * rng.Normal());
      const double national_growth =
          p.employment_base > 0 ? (p.employment_projected - p.employment_base) / p.employment_base : 0;
      const double growth = std::max(-0.9, national_growth + kGrowthPerLaborIndex * region.labor +
                                                kGrowthSd * rng.Normal());
      const std::int64_t base_tenths = std::llround(e0 * 10);
      const std::int64_t projected_tenths = std::llround(e0 * (1 + growth) * 10);
      // Separations: the national annual rate (openings less the annual
      // change, per job in the base year) on the period's mean employment.
      const double national_separations =
          p.annual_openings - (p.employment_projected - p.employment_base) / years;
      const double separation_rate =
          p.employment_base > 0 ? std::max(0.0, national_separations / p.employment_base) : 0;
      const double mean_employment = (base_tenths + projected_tenths) / 20.0;
      const double separations = separation_rate * mean_employment * std::exp(kSeparationsLogSd * rng.Normal());
      const double exit_share =
          std::clamp(ExitShareFor(p.entry_education) + kExitShareSd * rng.Normal(), 0.2, 0.7);
      // Components in cents of an opening; the total is their sum, so the
      // file adds up exactly whatever the rounding.
      std::int64_t growth_c = ToCents((projected_tenths - base_tenths) / 10.0 / years);
      const std::int64_t exits_c = ToCents(separations * exit_share);
      const std::int64_t transfers_c = ToCents(separations * (1 - exit_share));
      // A steep decline cannot open negative jobs: BLS caps at no openings.
      if (growth_c + exits_c + transfers_c < 0) growth_c = -(exits_c + transfers_c);
      const std::int64_t total_c = growth_c + exits_c + transfers_c;

      file->Plain("region");
      file->Plain(model.regions[r]);
      file->Plain(p.soc_code);
      file->Unsigned(static_cast<std::uint64_t>(input.projection_base_year));
      file->Unsigned(static_cast<std::uint64_t>(input.projection_base_year + input.projection_years));
      file->Tenths(static_cast<std::uint64_t>(base_tenths));
      file->Tenths(static_cast<std::uint64_t>(projected_tenths));
      file->Cents(static_cast<std::uint64_t>(total_c));
      file->Decimal(static_cast<double>(growth_c) / 100, 2);
      file->Cents(static_cast<std::uint64_t>(exits_c));
      file->Cents(static_cast<std::uint64_t>(transfers_c));
      if (p.median_annual_wage > 0) {
        const std::int64_t median_c =
            std::max<std::int64_t>(1, ToCents(p.median_annual_wage / kHoursPerYear * region.wage_multiplier *
                                              std::exp(kWageLogSd * rng.Normal())));
        const std::int64_t p25_c = std::clamp<std::int64_t>(
            ToCents(median_c / 100.0 * (kP25Fraction + kP25FractionWidth * rng.Uniform())), 1, median_c);
        file->Cents(static_cast<std::uint64_t>(median_c));
        file->Cents(static_cast<std::uint64_t>(p25_c));
      } else {
        file->Empty();
        file->Empty();
      }
      if (known_education(p.entry_education)) {
        file->Text(p.entry_education);
      } else {
        file->Empty();
      }
      file->Plain(kSource);
      file->EndRow();
    }
    progress.Update(done += model.occupations.size());
    PL_RETURN_IF_ERROR(file->status());
  }
  progress.End();
  summary.labor_demand = file->rows() - 1;
  summary.bytes_written += file->bytes();
  return file->Finish();
}

// An institution's awards in one academic year: (program code, level) ->
// count, written in code order.
using AwardCounts = std::map<std::pair<std::string, int>, std::uint32_t>;

// An institution's weight for each program code (how much of a pathway's
// completions it confers in that code), fixed per institution and code.
double ProgramWeight(std::uint64_t seed, const std::string& org_id, const std::string& code) {
  Rng rng(StreamSeed(seed, {kMixStream, Hash(org_id), Hash(code)}));
  return std::exp(kProgramMixLogSd * rng.Normal());
}

int PickCode(const std::vector<double>& cdf, Rng& rng) { return Pick(cdf, rng.Uniform()); }

std::vector<double> CodeCdf(std::uint64_t seed, const std::string& org_id, const std::vector<std::string>& codes) {
  std::vector<double> cdf;
  double running = 0;
  for (const auto& code : codes) cdf.push_back(running += ProgramWeight(seed, org_id, code));
  return cdf;
}

void WriteAwardRows(CsvFile& file, const std::string& org_id, const char* system, int ending_year,
                    const AwardCounts& counts, const char* const* levels) {
  for (const auto& [key, n] : counts) {
    file.Plain(org_id);
    file.Plain(system);
    file.Plain(key.first);
    file.Plain(levels[key.second]);
    file.Unsigned(static_cast<std::uint64_t>(ending_year));
    file.Unsigned(n);
    file.Plain(kSource);
    file.EndRow();
  }
}

Status WriteAwards(const ReferenceInput& input, const Directory& directory, const LaborModel& model,
                   const Options& options, const CompletionTally& tally, const std::string& path,
                   Progress& progress, Summary& summary) {
  PL_ASSIGN_OR_RETURN(std::unique_ptr<CsvFile> file, CsvFile::Create(path));
  for (auto h : {"org_id", "code_system", "program_code", "award_level", "academic_year", "awards", "source"}) {
    file->Plain(h);
  }
  file->EndRow();
  const int end_year = options.first_year + options.years;  // the last ending year
  const int first_award_year = std::max(options.first_year + 1, end_year - kAwardYears + 1);
  const std::size_t pathways = input.pathways.size();
  progress.Begin("writing program awards", directory.colleges.size() + directory.universities.size(),
                 "institutions");
  std::uint64_t done = 0;

  // Colleges: each completion is one award in one of the pathway's TOP
  // codes, at a level drawn for that code.
  for (std::size_t k = 0; k < directory.colleges.size(); ++k) {
    const std::string& org_id = directory.colleges[k].org_id;
    std::vector<std::vector<double>> cdfs(pathways);
    for (int year = first_award_year; year <= end_year; ++year) {
      AwardCounts counts;
      for (std::size_t p = 0; p < pathways; ++p) {
        const std::uint32_t n = tally.college_completions(static_cast<int>(k), static_cast<int>(p), year);
        const auto& codes = model.pathway_top[p];
        if (n == 0 || codes.empty()) continue;
        if (cdfs[p].empty()) cdfs[p] = CodeCdf(options.seed, org_id, codes);
        Rng rng(StreamSeed(options.seed, {kCollegeStream, Hash(org_id), p, static_cast<std::uint64_t>(year)}));
        for (std::uint32_t i = 0; i < n; ++i) {
          const std::string& code = codes[PickCode(cdfs[p], rng)];
          auto levels = model.top_levels.find(code);
          ++counts[{code, PickIndex(levels != model.top_levels.end() ? *levels->second : kLevelsTransfer, rng)}];
        }
      }
      WriteAwardRows(*file, org_id, "TOP", year, counts, kCollegeLevels);
    }
    progress.Update(++done);
    PL_RETURN_IF_ERROR(file->status());
  }

  // Universities: entrants of a county's region graduate kBachelorYears
  // later at one of the region's universities (any, when the region has
  // none), in one of the pathway's CIP codes.
  const std::size_t universities = directory.universities.size();
  std::vector<std::map<int, AwardCounts>> by_university(universities);
  if (universities > 0) {
    std::map<std::string, std::vector<int>> region_universities;
    for (std::size_t u = 0; u < universities; ++u) {
      region_universities[input.counties[directory.universities[u].county].region_code].push_back(
          static_cast<int>(u));
    }
    std::vector<int> all(universities);
    for (std::size_t u = 0; u < universities; ++u) all[u] = static_cast<int>(u);
    std::vector<std::vector<std::vector<double>>> cdfs(universities, std::vector<std::vector<double>>(pathways));
    static const char* const kBachelor[] = {"bachelor"};
    for (std::size_t c = 0; c < input.counties.size(); ++c) {
      auto it = region_universities.find(input.counties[c].region_code);
      const std::vector<int>& choices = it != region_universities.end() ? it->second : all;
      for (std::size_t p = 0; p < pathways; ++p) {
        const auto& codes = model.pathway_cip[p];
        if (codes.empty()) continue;
        for (int year = first_award_year; year <= end_year; ++year) {
          const std::uint32_t entrants =
              tally.university_entrants(static_cast<int>(c), static_cast<int>(p), year - kBachelorYears);
          if (entrants == 0) continue;
          Rng rng(StreamSeed(options.seed, {kUniversityStream, Hash(input.counties[c].fips), p,
                                            static_cast<std::uint64_t>(year)}));
          const std::uint32_t graduates = Binomial(entrants, kBachelorInFieldRate, rng);
          for (std::uint32_t i = 0; i < graduates; ++i) {
            const int u = choices[rng.Below(static_cast<std::uint32_t>(choices.size()))];
            auto& cdf = cdfs[u][p];
            if (cdf.empty()) cdf = CodeCdf(options.seed, directory.universities[u].org_id, codes);
            ++by_university[u][year][{codes[PickCode(cdf, rng)], 0}];
          }
        }
      }
    }
    for (std::size_t u = 0; u < universities; ++u) {
      for (const auto& [year, counts] : by_university[u]) {
        WriteAwardRows(*file, directory.universities[u].org_id, "CIP", year, counts, kBachelor);
      }
      progress.Update(++done);
    }
  }
  progress.End();
  summary.program_awards = file->rows() - 1;
  summary.bytes_written += file->bytes();
  return file->Finish();
}

Status WriteLivingWages(const ReferenceInput& input, const Directory& directory, const Options& options,
                        const std::string& path, Progress& progress, Summary& summary) {
  PL_ASSIGN_OR_RETURN(std::unique_ptr<CsvFile> file, CsvFile::Create(path));
  for (auto h : {"county_fips", "household_type", "hourly_wage", "year", "source"}) file->Plain(h);
  file->EndRow();
  progress.Begin("writing living wages", input.counties.size(), "counties");
  for (std::size_t c = 0; c < input.counties.size(); ++c) {
    const CountyPlace& place = directory.counties[c];
    Rng rng(StreamSeed(options.seed, {kWageStream, Hash(input.counties[c].fips)}));
    const double single = kLivingWageBase * std::pow(place.region->wage_multiplier, kLivingWageRegionExponent) *
                          (1 + kLivingWageUrbanPremium * (1 - place.rurality)) *
                          std::exp(kLivingWageLogSd * rng.Normal());
    for (const auto& household : kHouseholds) {
      const double factor = household.factor + household.width * rng.Uniform();
      file->Plain(input.counties[c].fips);
      file->Plain(household.type);
      file->Cents(static_cast<std::uint64_t>(std::max<std::int64_t>(1, ToCents(single * factor))));
      file->Unsigned(static_cast<std::uint64_t>(input.projection_base_year));
      file->Plain(kSource);
      file->EndRow();
    }
    progress.Update(c + 1);
  }
  progress.End();
  summary.living_wage = file->rows() - 1;
  summary.bytes_written += file->bytes();
  return file->Finish();
}

}  // namespace

CompletionTally::CompletionTally(int colleges, int counties, int pathways, int first_year, int years)
    : pathways_(pathways),
      first_year_(first_year),
      years_(years),
      // High-school classes are simulated from eight years before the
      // window, so entrants go back that far.
      entrant_first_year_(first_year - 8),
      entrant_years_(years + 8),
      college_(static_cast<std::size_t>(colleges) * pathways * years, 0),
      entrants_(static_cast<std::size_t>(counties) * pathways * (years + 8), 0) {}

void CompletionTally::CollegeCompletion(int college, int pathway, int year) {
  if (year < first_year_ || year >= first_year_ + years_) return;
  ++college_[(static_cast<std::size_t>(college) * pathways_ + pathway) * years_ + (year - first_year_)];
}

void CompletionTally::UniversityEntrant(int county, int pathway, int year) {
  if (year < entrant_first_year_ || year >= entrant_first_year_ + entrant_years_) return;
  ++entrants_[(static_cast<std::size_t>(county) * pathways_ + pathway) * entrant_years_ +
              (year - entrant_first_year_)];
}

std::uint32_t CompletionTally::college_completions(int college, int pathway, int ending_year) const {
  const int year = ending_year - 1;
  if (year < first_year_ || year >= first_year_ + years_) return 0;
  return college_[(static_cast<std::size_t>(college) * pathways_ + pathway) * years_ + (year - first_year_)];
}

std::uint32_t CompletionTally::university_entrants(int county, int pathway, int year) const {
  if (year < entrant_first_year_ || year >= entrant_first_year_ + entrant_years_) return 0;
  return entrants_[(static_cast<std::size_t>(county) * pathways_ + pathway) * entrant_years_ +
                   (year - entrant_first_year_)];
}

Status ValidateLaborInput(const ReferenceInput& input) {
  if (input.projection_years < 1 || input.projection_years > 50) {
    return InvalidArgument(fmt::format("projection_years must be between 1 and 50: {}", input.projection_years));
  }
  if (input.projection_base_year < 1990 || input.projection_base_year > 2100) {
    return InvalidArgument(
        fmt::format("projection_base_year must be between 1990 and 2100: {}", input.projection_base_year));
  }
  std::set<std::string> seen;
  for (const auto& p : input.projections) {
    if (p.soc_code.empty()) return InvalidArgument("empty SOC code in the projections");
    if (!seen.insert(p.soc_code).second) return InvalidArgument(fmt::format("duplicate projection: {}", p.soc_code));
    if (!(p.employment_base >= 0) || !(p.employment_projected >= 0) || !(p.annual_openings >= 0) ||
        !(p.median_annual_wage >= 0)) {
      return InvalidArgument(fmt::format("negative or missing number in the projection of {}", p.soc_code));
    }
  }
  std::set<std::string> pathways;
  for (const auto& p : input.pathways) pathways.insert(p.pathway_code);
  for (const auto& pp : input.pathway_programs) {
    if (!pathways.count(pp.pathway_code)) {
      return InvalidArgument(fmt::format("pathway program of an unknown pathway: {}", pp.pathway_code));
    }
    if (pp.code_system != "TOP" && pp.code_system != "CIP") {
      return InvalidArgument(fmt::format("pathway program of {} with code system {}: expected TOP or CIP",
                                         pp.pathway_code, pp.code_system));
    }
  }
  return Status::Ok();
}

Status WriteLaborMarket(const ReferenceInput& input, const Directory& directory, const ScaleParameters& scale,
                        const Options& options, const CompletionTally& tally, const std::string& dir,
                        Progress& progress, Summary& summary) {
  const LaborModel model = BuildModel(input, directory);
  PL_RETURN_IF_ERROR(WriteDemand(input, model, scale, options, dir + "/labor_demand.csv", progress, summary));
  PL_RETURN_IF_ERROR(
      WriteAwards(input, directory, model, options, tally, dir + "/program_awards.csv", progress, summary));
  return WriteLivingWages(input, directory, options, dir + "/living_wage.csv", progress, summary);
}

}  // namespace pl::synthetic
