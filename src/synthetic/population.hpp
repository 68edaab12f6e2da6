// Who the synthetic students are: draws a student's demographic attributes
// for a county from the county profile and the group model in
// model_parameters, with each group's logit intercept calibrated so the
// county (SED, English learner, migrant) or the state (the other groups)
// lands on its target rate.
#pragma once

#include <vector>

#include "synthetic/county_profiles.hpp"
#include "synthetic/random.hpp"

namespace pl::synthetic {

struct StudentAttributes {
  char gender = 'U';  // F, M, X (nonbinary), U (not reported)
  int race = 0;       // RaceEthnicity
  bool sed = false;
  bool disability = false;
  bool english_learner = false;
  bool foster = false;
  bool homeless = false;
  bool migrant = false;
  int first_gen = 0;  // 1 yes, 0 no, -1 unknown
};

class Population {
 public:
  // `profiles[c]` is the profile of input county c; `k12_weights[c]` its
  // relative number of students (for the statewide calibrations).
  Population(const std::vector<const CountyProfile*>& profiles, const std::vector<double>& k12_weights);

  // One student of county c.
  StudentAttributes Draw(int county, Rng& rng) const;

 private:
  struct CountyModel {
    double race_cdf[9];
    double sed_intercept;
    double el_intercept;
    double migrant_intercept;
  };
  std::vector<CountyModel> counties_;
  double disability_intercept_ = 0;
  double foster_intercept_ = 0;
  double homeless_intercept_ = 0;
  double first_gen_intercept_ = 0;
};

}  // namespace pl::synthetic
