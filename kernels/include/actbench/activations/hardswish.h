// hardswish: x relu6(x + 3) / 6 = 0 (x <= -3), x (x + 3) / 6 (|x| < 3), x (x >= 3).
//   f'(x)  0 for x < -3, x/3 + 1/2 for -3 <= x <= 3, 1 for x > 3: at the kinks
//          hardswish_backward takes the middle piece, so f'(-3) = -1/2 and f'(3) = 3/2
//   no f' through y: not injective
#pragma once

#include <array>

#include "actbench/activations/descriptor.h"

namespace actbench::activations {

struct Hardswish {
  static constexpr std::string_view kName = "hardswish";

  template <class R>
  static R Value(R x) {
    if (x <= R(-3)) return R(0);
    if (x >= R(3)) return x;
    return x * (x + R(3)) / R(6);
  }
  template <class R>
  static R Grad(R x) {
    if (x < R(-3)) return R(0);
    if (x <= R(3)) return (R(2) * x + R(3)) / R(6);  // x/3 + 1/2 without cancellation at -1.5
    return R(1);
  }

  static constexpr bool kHasGradFromY = false;

  static constexpr std::array<double, 2> kBends = {-3.0, 3.0};
  static constexpr std::array<double, 1> kGradZeros = {-1.5};
  static constexpr ActivationInfo kInfo = {.name = kName,
                                           .range_lo = -0.375,  // f(-1.5)
                                           .range_hi = kInf,
                                           .symmetry = Symmetry::kXDifference,
                                           .monotonic_from = -1.5,
                                           .bend_radius = 4.0,
                                           .bend_points = kBends,
                                           .max_grad = 1.5,
                                           .has_grad_from_y = kHasGradFromY,
                                           .params = {},
                                           .grad_zeros = kGradZeros};
};

}  // namespace actbench::activations
