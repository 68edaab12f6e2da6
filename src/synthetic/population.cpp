#include "synthetic/population.hpp"

#include <algorithm>
#include <numeric>

#include "synthetic/model_parameters.hpp"

namespace pl::synthetic {
namespace {

// A slice of the population with its share and the part of a group's logit
// that is not the intercept.
struct Cell {
  double weight;
  double offset;
};

// The intercept a with Σ weight·σ(a + offset) = target·Σ weight. The left
// side increases with a, so bisection converges; 80 halvings of [-30, 30]
// are far below double precision.
double Calibrate(const std::vector<Cell>& cells, double target) {
  double total = 0;
  for (const Cell& c : cells) total += c.weight;
  double lo = -30, hi = 30;
  for (int i = 0; i < 80; ++i) {
    const double mid = (lo + hi) / 2;
    double rate = 0;
    for (const Cell& c : cells) rate += c.weight * Sigmoid(mid + c.offset);
    (rate / total < target ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

bool IsNative(int race) { return race == kAmericanIndianAlaskaNative || race == kNativeHawaiianPacificIslander; }

// The race/ethnicity shares (summing to 1, RaceEthnicity order) a profile
// implies; see county_profiles.cpp for how the remainder is split.
void RaceShares(const CountyProfile& p, double shares[9]) {
  shares[kHispanicLatino] = p.hispanic;
  shares[kAmericanIndianAlaskaNative] = p.american_indian > 0 ? p.american_indian : 0.5;
  shares[kAsian] = p.asian;
  shares[kBlackAfricanAmerican] = p.black;
  shares[kFilipino] = p.filipino;
  shares[kNativeHawaiianPacificIslander] = 0.4;
  shares[kWhite] = p.white;
  shares[kNotReported] = 0.8;
  double listed = 0;
  for (int r = 0; r < kRaceCount; ++r) {
    if (r != kTwoOrMore) listed += shares[r];
  }
  shares[kTwoOrMore] = std::max(1.0, 100.0 - listed);
  const double sum = listed + shares[kTwoOrMore];
  for (int r = 0; r < kRaceCount; ++r) shares[r] /= sum;
}

}  // namespace

Population::Population(const std::vector<const CountyProfile*>& profiles, const std::vector<double>& k12_weights) {
  const ModelParameters& m = Parameters();
  const double weight_sum = std::accumulate(k12_weights.begin(), k12_weights.end(), 0.0);
  std::vector<Cell> disability_cells, foster_cells, homeless_cells, first_gen_cells;

  for (std::size_t c = 0; c < profiles.size(); ++c) {
    const CountyProfile& p = *profiles[c];
    CountyModel model{};
    double shares[9];
    RaceShares(p, shares);
    double running = 0;
    for (int r = 0; r < kRaceCount; ++r) model.race_cdf[r] = running += shares[r];

    std::vector<Cell> cells;
    for (int r = 0; r < kRaceCount; ++r) cells.push_back({shares[r], m.sed_race_shift[r]});
    model.sed_intercept = Calibrate(cells, p.socioeconomically_disadvantaged / 100);
    double sed_given_race[9];
    for (int r = 0; r < kRaceCount; ++r) sed_given_race[r] = Sigmoid(model.sed_intercept + m.sed_race_shift[r]);

    cells.clear();
    for (int r = 0; r < kRaceCount; ++r) {
      cells.push_back({shares[r] * sed_given_race[r], m.el_race_shift[r] + m.el_sed_shift});
      cells.push_back({shares[r] * (1 - sed_given_race[r]), m.el_race_shift[r]});
    }
    model.el_intercept = Calibrate(cells, p.english_learner / 100);

    cells.clear();
    for (int r = 0; r < kRaceCount; ++r) {
      const double hispanic = r == kHispanicLatino ? m.migrant_hispanic_shift : 0;
      cells.push_back({shares[r] * sed_given_race[r], hispanic + m.migrant_sed_shift});
      cells.push_back({shares[r] * (1 - sed_given_race[r]), hispanic});
    }
    model.migrant_intercept = Calibrate(cells, p.migrant / 100);

    // Statewide groups: this county's cells, weighted by its share of
    // students, join the state's calibration sets.
    const double w = weight_sum > 0 ? k12_weights[c] / weight_sum : 1.0 / profiles.size();
    for (int r = 0; r < kRaceCount; ++r) {
      for (int sed = 0; sed <= 1; ++sed) {
        const double ws = w * shares[r] * (sed ? sed_given_race[r] : 1 - sed_given_race[r]);
        for (int male = 0; male <= 1; ++male) {
          disability_cells.push_back({ws * (male ? m.male_share : 1 - m.male_share),
                                      male * m.disability_male_shift + sed * m.disability_sed_shift});
        }
        foster_cells.push_back({ws, sed * m.foster_sed_shift + (IsNative(r) || r == kBlackAfricanAmerican
                                                                    ? m.foster_black_native_shift
                                                                    : 0)});
        homeless_cells.push_back({ws, sed * m.homeless_sed_shift});
        const double el = Sigmoid(model.el_intercept + m.el_race_shift[r] + sed * m.el_sed_shift);
        const double base = sed * m.first_gen_sed_shift + (r == kHispanicLatino ? m.first_gen_hispanic_shift : 0);
        first_gen_cells.push_back({ws * el, base + m.first_gen_el_shift});
        first_gen_cells.push_back({ws * (1 - el), base});
      }
    }
    counties_.push_back(model);
  }
  disability_intercept_ = Calibrate(disability_cells, m.disability_target);
  foster_intercept_ = Calibrate(foster_cells, m.foster_target);
  homeless_intercept_ = Calibrate(homeless_cells, m.homeless_target);
  first_gen_intercept_ = Calibrate(first_gen_cells, m.first_gen_target);
}

StudentAttributes Population::Draw(int county, Rng& rng) const {
  const ModelParameters& m = Parameters();
  const CountyModel& model = counties_[county];
  StudentAttributes a;

  const double g = rng.Uniform();
  a.gender = g < m.female_share                                      ? 'F'
             : g < m.female_share + m.male_share                     ? 'M'
             : g < m.female_share + m.male_share + m.nonbinary_share ? 'X'
                                                                     : 'U';
  const double r = rng.Uniform() * model.race_cdf[kRaceCount - 1];
  a.race = kRaceCount - 1;
  for (int k = 0; k < kRaceCount; ++k) {
    if (r < model.race_cdf[k]) {
      a.race = k;
      break;
    }
  }
  const bool hispanic = a.race == kHispanicLatino;
  a.sed = rng.Logit(model.sed_intercept + m.sed_race_shift[a.race]);
  a.english_learner = rng.Logit(model.el_intercept + m.el_race_shift[a.race] + a.sed * m.el_sed_shift);
  a.migrant = rng.Logit(model.migrant_intercept + hispanic * m.migrant_hispanic_shift + a.sed * m.migrant_sed_shift);
  a.disability = rng.Logit(disability_intercept_ + (a.gender == 'M') * m.disability_male_shift +
                           a.sed * m.disability_sed_shift);
  a.foster = rng.Logit(foster_intercept_ + a.sed * m.foster_sed_shift +
                       ((IsNative(a.race) || a.race == kBlackAfricanAmerican) ? m.foster_black_native_shift : 0));
  a.homeless = rng.Logit(homeless_intercept_ + a.sed * m.homeless_sed_shift);
  if (rng.Bernoulli(m.first_gen_unknown_share)) {
    a.first_gen = -1;
  } else {
    a.first_gen = rng.Logit(first_gen_intercept_ + a.sed * m.first_gen_sed_shift +
                            a.english_learner * m.first_gen_el_shift + hispanic * m.first_gen_hispanic_shift);
  }
  return a;
}

}  // namespace pl::synthetic
