// Random numbers for the synthetic generator: xoshiro256** seeded through
// splitmix64, plus the few distributions the model needs.
//
// std::mt19937 and std::*_distribution are avoided on purpose: the standard
// leaves the distributions' algorithms to the library, so the same seed could
// give different files with another standard library. Everything here is
// specified bit for bit (floating-point results depend only on IEEE-754
// doubles and std::exp/std::log/std::sqrt/std::cos).
//
// Not thread-safe: one Rng per stream.
#pragma once

#include <cmath>
#include <cstdint>
#include <initializer_list>

namespace pl::synthetic {

// splitmix64 finaliser: a bijective 64-bit mix used to derive stream seeds.
constexpr std::uint64_t Mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A seed for an independent stream identified by `parts` under `seed`
// (e.g. {kind, county index, cohort year}): streams never share state, so a
// county's data does not depend on how much was drawn for another county.
inline std::uint64_t StreamSeed(std::uint64_t seed, std::initializer_list<std::uint64_t> parts) {
  std::uint64_t h = Mix64(seed);
  for (std::uint64_t p : parts) h = Mix64(h ^ Mix64(p + 0x632be59bd9b4e019ULL));
  return h;
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    std::uint64_t x = seed;
    for (auto& s : s_) {
      x += 0x9e3779b97f4a7c15ULL;
      s = Mix64(x);
    }
  }

  std::uint64_t Next() {
    const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, n); n > 0. Lemire's multiply-shift (the tiny bias
  // for huge n is irrelevant here and keeps it branch-free).
  std::uint32_t Below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((Next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
  }

  bool Bernoulli(double p) { return Uniform() < p; }

  // Bernoulli with probability 1 / (1 + exp(-logit)).
  bool Logit(double logit) { return Uniform() * (1.0 + std::exp(-logit)) < 1.0; }

  // Standard normal (Box-Muller, one value per call; the second is dropped
  // to keep the stream position independent of call history).
  double Normal() {
    const double u1 = 1.0 - Uniform();  // (0, 1]
    const double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  static constexpr std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

// Logistic function.
inline double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace pl::synthetic
