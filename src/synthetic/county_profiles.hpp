// Built-in, approximate profiles of California's 58 counties: the data that
// sizes and places the synthetic population.
//
// Every number here is APPROXIMATE (rounded from general knowledge of the
// 2020 census and of CDE enrollment shares, not copied from an official
// file) and exists only to make the synthetic data look Californian: sizes
// in proportion to population, schools placed near where people live,
// demographic mixes that differ between, say, Imperial and Santa Clara.
// Nothing reads these numbers as facts about a real county.
#pragma once

#include <span>
#include <string_view>

namespace pl::synthetic {

struct CountyProfile {
  std::string_view fips;
  double population;  // 2020 census count, approximate
  double k12_per_100_residents;  // public K-12 enrollment per 100 residents
  // Approximate centre of where people live (not the geometric centroid:
  // San Bernardino's is in the Mojave) and how far, in degrees, generated
  // sites may scatter around it.
  double latitude;
  double longitude;
  double scatter_degrees;
  // Approximate K-12 enrollment shares, in percent. American Indian /
  // Alaska Native is listed only where it is notable; Pacific Islander,
  // two-or-more and not-reported make up the remainder (see
  // county_profiles.cpp).
  double hispanic;
  double white;
  double asian;
  double black;
  double filipino;
  double american_indian;
  // Approximate rates, in percent of K-12 students.
  double socioeconomically_disadvantaged;
  double english_learner;
  double migrant;
};

// All 58 profiles, ordered by FIPS code.
std::span<const CountyProfile> CountyProfiles();

// The profile for a 5-digit FIPS code, or nullptr when there is none.
const CountyProfile* FindCountyProfile(std::string_view fips);

}  // namespace pl::synthetic
