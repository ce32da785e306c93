// GELU with the exact erf (PyTorch approximate='none'): x Phi(x).
//   value  x/2 erfc(-x/sqrt 2): no cancellation for x << 0, where GELU is still a normal
//          number down to x = -13.2 (float32) and -37.5 (float64)
//   f'(x)  Phi(x) + x phi(x); the two terms cancel at its root r = -0.75179 (the minimum),
//          evaluated there through its Taylor series (GradRoot)
//   no f' through y: GELU is not injective
#pragma once

#include <array>
#include <cmath>

#include "actbench/activations/descriptor.h"

namespace actbench::activations {

struct Gelu {
  static constexpr std::string_view kName = "gelu";

  template <class R>
  static R Value(R x) {
    using std::erfc, std::isinf, std::sqrt;
    if (isinf(x)) return x > 0 ? x : R(0);
    using W = WorkType<R>;
    const W w = x;
    return R(W(0.5) * w * erfc(-w * sqrt(W(0.5))));
  }
  template <class R>
  static R Grad(R x) {
    using std::erfc, std::exp, std::isinf, std::sqrt;
    if (isinf(x)) return x > 0 ? R(1) : R(0);
    if (kRoot.Near(x)) return kRoot.Eval(x);
    using W = WorkType<R>;
    const W w = x;
    const W cdf = W(0.5) * erfc(-w * sqrt(W(0.5)));
    const W pdf = exp(-w * w / W(2)) / sqrt(W(2) * Pi<W>());
    return R(cdf + w * pdf);
  }

  static constexpr bool kHasGradFromY = false;

  // scripts/gen_grad_roots.py
  static constexpr GradRoot kRoot = {
      .r_hi = -0x1.80ead197f00b4p-1,
      .r_lo = 0x1.13e74c58cada8p-56,
      .radius = 0.0625,
      .c = {0x1.b9d98fa5a3215p-2, 0x1.8d9a941de3ac5p-2, -0x1.2a2ef9bb865aep-6,
            -0x1.d2fa4c17c7e84p-4, -0x1.e4088244f901dp-7, 0x1.3e346def42057p-6,
            0x1.297b9d6ffaacdp-8, -0x1.258a6d85633afp-9, -0x1.8680f74e6b6bap-11,
            0x1.86c863b66083cp-13, 0x1.69610924deba8p-14}};
  static constexpr std::array<double, 1> kBends = {0.0};
  static constexpr std::array<double, 1> kGradZeros = {kRoot.r_hi};
  static constexpr ActivationInfo kInfo = {
      .name = kName,
      .range_lo = -0.169971213,  // min f = f(r) = -0.16997120748, below its float rounding
      .range_hi = kInf,
      .symmetry = Symmetry::kXDifference,
      .monotonic_from = -0.7517915,
      .bend_radius = 14.0,
      .bend_points = kBends,
      .max_grad = 1.1289042,  // f'(sqrt 2)
      .has_grad_from_y = kHasGradFromY,
      .params = {},
      .grad_zeros = kGradZeros};
};

}  // namespace actbench::activations
