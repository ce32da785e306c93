// The sweep's input plans (see sweep.h): the stratified sample and every bit pattern.
#include <algorithm>
#include <cmath>
#include <vector>

#include "accuracy/score.h"
#include "accuracy/sweep.h"

namespace actbench::acc {

using namespace detail;

template <class T>
InputPlan<T> SamplePlan(Activation act, std::uint32_t points, std::uint64_t seed) {
  using Tr = Traits<T>;
  using UInt = typename Tr::UInt;
  // A dtype that can be swept exhaustively is cheap to sample densely; a wide one gets fewer
  // points per binade and a seed of its own.
  constexpr bool kDense = DTypeTraits<T>::kExhaustive;
  points = std::max<std::uint32_t>(points, 1);
  const std::uint64_t per_binade = kDense ? points : std::max<std::uint32_t>(4, points / 8);
  const std::uint64_t grid_n = (kDense ? 40 : 8) * std::uint64_t{points};
  const std::uint64_t run_len = kDense ? points : std::max<std::uint32_t>(8, points / 4);
  const int random_runs = kDense ? 64 : 32;
  Rng rng{seed ^ (0x51ed2701u * (static_cast<std::uint64_t>(act) + 1)) ^
          (kDense ? 0 : 0xd1b54a32d192ed03ull)};

  InputPlan<T> plan;
  auto add_sorted = [&](std::vector<T> v) {
    std::sort(v.begin(), v.end(), [](T a, T b) { return ToBits(a) < ToBits(b); });
    v.erase(std::unique(v.begin(), v.end(), [](T a, T b) { return ToBits(a) == ToBits(b); }),
            v.end());
    plan.lists.push_back(std::move(v));
  };

  // Every binade: subnormal ones by the leading mantissa bit, then every exponent.
  std::vector<T> binades;
  for (int k = 0; k < Tr::kMantissaBits; ++k) {
    const UInt lo = UInt{1} << k;
    for (std::uint64_t j = 0; j < per_binade; ++j)
      binades.push_back(FromBits<T>(lo + static_cast<UInt>(rng.Below(lo))));
  }
  for (UInt e = 1; e < Tr::kMaxBiasedExponent; ++e) {
    const UInt lo = e << Tr::kMantissaBits;
    for (std::uint64_t j = 0; j < per_binade; ++j)
      binades.push_back(
          FromBits<T>(lo + static_cast<UInt>(rng.Below(UInt{1} << Tr::kMantissaBits))));
  }
  add_sorted(std::move(binades));

  // A dense grid where the function bends.
  const double radius = ref::BendRadius(act);
  std::vector<T> grid;
  for (std::uint64_t i = 0; i <= grid_n; ++i)
    grid.push_back(static_cast<T>(radius * static_cast<double>(i) / static_cast<double>(grid_n)));
  add_sorted(std::move(grid));

  // Runs of consecutive floats: from 0, at random places in the bend region and its edge,
  // and across binade edges (where the spacing of floats doubles).
  auto run_at = [&](UInt start) {
    std::vector<T> run;
    for (std::uint64_t i = 0; i < run_len; ++i)
      run.push_back(FromBits<T>(start + static_cast<UInt>(i)));
    plan.lists.push_back(std::move(run));
  };
  run_at(0);
  for (int i = 0; i < random_runs; ++i) {
    const UInt s = ToBits(static_cast<T>(rng.Unit() * 1.5 * radius));
    run_at(s - std::min<UInt>(s, static_cast<UInt>(run_len / 2)));
  }
  for (int e = -20; std::ldexp(1.0, e) <= 1.5 * radius; ++e)
    run_at(ToBits(std::ldexp(T(1), e)) - static_cast<UInt>(run_len / 2));

  // Around each root r of f' (GELU, SiLU, Mish...), where f' cancels: a grid over
  // kNearRootRadius on either side and a run of consecutive floats through r.
  for (const double z : Info(act).grad_zeros) {
    const double m = std::fabs(z);
    std::vector<T> near;
    const std::uint64_t near_n = grid_n / 4;
    for (std::uint64_t i = 0; i <= near_n; ++i)
      near.push_back(static_cast<T>(m + kNearRootRadius * (2.0 * static_cast<double>(i) /
                                                               static_cast<double>(near_n) -
                                                           1.0)));
    add_sorted(std::move(near));
    run_at(ToBits(static_cast<T>(m)) - static_cast<UInt>(run_len / 2));
  }

  // The seed notebook's grid, numpy.arange(-10, 10, 0.1): -10 + 0.1 i, i < 200.
  std::vector<T> seed_grid;
  for (int i = 0; i < 200; ++i) seed_grid.push_back(static_cast<T>(std::fabs(-10.0 + 0.1 * i)));
  add_sorted(std::move(seed_grid));

  // Special values; NaNs (signalling, quiet, with a payload) sort last by their bits.
  constexpr UInt kInf = Tr::kMaxBiasedExponent << Tr::kMantissaBits;
  constexpr UInt kQuiet = UInt{1} << (Tr::kMantissaBits - 1);
  add_sorted({T(0), std::numeric_limits<T>::denorm_min(), FromBits<T>(kQuiet),
              FromBits<T>((UInt{1} << Tr::kMantissaBits) - 1), std::numeric_limits<T>::min(),
              std::numeric_limits<T>::max(), std::numeric_limits<T>::infinity(),
              FromBits<T>(kInf | 1), FromBits<T>(kInf | kQuiet),
              FromBits<T>(kInf | kQuiet | 0x12345)});
  return plan;
}

template <class T>
InputPlan<T> ExhaustivePlan() {
  static_assert(DTypeTraits<T>::kExhaustive);
  InputPlan<T> plan;
  plan.range_begin = 0;
  plan.range_end = std::uint64_t{1} << (DTypeTraits<T>::kBits - 1);
  return plan;
}

template InputPlan<float> ExhaustivePlan<float>();
template InputPlan<bf16> ExhaustivePlan<bf16>();
template InputPlan<f16> ExhaustivePlan<f16>();
template InputPlan<float> SamplePlan<float>(Activation, std::uint32_t, std::uint64_t);
template InputPlan<double> SamplePlan<double>(Activation, std::uint32_t, std::uint64_t);

}  // namespace actbench::acc
