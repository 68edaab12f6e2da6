// Invented place-like names ("Corvessa", "Palendale") for synthetic
// organizations.
//
// Names are built from syllables that sound Californian without copying
// real places; a few combinations may still match a real name by chance,
// which is harmless because no code, location or record ties them to it.
// Every name handed out by one PlaceNames is distinct. Not thread-safe.
#pragma once

#include <string>
#include <unordered_set>

#include "synthetic/random.hpp"

namespace pl::synthetic {

class PlaceNames {
 public:
  // A new name never returned before by this object.
  std::string Next(Rng& rng);

 private:
  std::unordered_set<std::string> used_;
};

}  // namespace pl::synthetic
