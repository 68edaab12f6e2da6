#include "synthetic/place_names.hpp"

#include <array>
#include <string_view>

namespace pl::synthetic {
namespace {

// Three parts give 26 x 8 x 20 = 4,160 stems, plenty for the ~3,000
// named organizations of a state-scale run. The middle part always adds a
// vowel sound, which keeps most stems away from real town names
// ("Belmont" cannot occur, "Belamont" can).
constexpr std::array<std::string_view, 26> kStarts = {
    "Al",  "Bel", "Cor", "Dal", "Esc", "Fal", "Gran", "Hal", "Ira", "Jun", "Kel", "Lor", "Mar",
    "Nor", "Ol",  "Pal", "Quin", "Ros", "Sol", "Tam", "Ur",  "Ver", "Wil", "Yar", "Zan", "Cal"};
constexpr std::array<std::string_view, 8> kMiddles = {"a", "e", "i", "o", "en", "ar", "el", "ino"};
constexpr std::array<std::string_view, 20> kEnds = {
    "vista", "mont", "dale", "wood", "ridge", "crest", "field", "haven", "brook", "sa",
    "ta",    "lino", "mesa", "view", "grove", "port",  "land",  "ford",  "rra",   "via"};

}  // namespace

std::string PlaceNames::Next(Rng& rng) {
  static constexpr std::array<std::string_view, 6> kPrefixes = {"North ", "South ", "East ",
                                                                "West ",  "Upper ", "Lower "};
  for (int attempt = 0;; ++attempt) {
    std::string name;
    // Once the stems run thin, a directional prefix multiplies the space.
    if (attempt >= 8) name.append(kPrefixes[rng.Below(kPrefixes.size())]);
    name.append(kStarts[rng.Below(kStarts.size())]);
    name.append(kMiddles[rng.Below(kMiddles.size())]);
    name.append(kEnds[rng.Below(kEnds.size())]);
    if (attempt >= 64) name.append(" ").append(std::to_string(attempt));
    if (used_.insert(name).second) return name;
  }
}

}  // namespace pl::synthetic
