// SplitMix64: small, fast and fully specified, so a seed names the same sequence on every
// platform (the <random> distributions differ between standard libraries). Used for every
// sample the project draws: sweep plans, benchmark inputs, tests.
#pragma once

#include <cstdint>

namespace actbench {

struct SplitMix64 {
  std::uint64_t state;

  std::uint64_t Next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); the modulo bias is below n / 2^64.
  std::uint64_t Below(std::uint64_t n) { return Next() % n; }
  // Uniform on [0, 1) with 53 random bits.
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1p-53; }
};

}  // namespace actbench
