// hardsigmoid: relu6(x + 3) / 6 = 0 (x <= -3), (x + 3) / 6 (|x| < 3), 1 (x >= 3).
//   f'(x)  1/6 for -3 < x < 3, else 0: hardsigmoid_backward gives 0 at the kinks
//   f'(x) = 1/6 for 0 < y < 1, else 0, through y = f(x)
#pragma once

#include <array>

#include "actbench/activations/descriptor.h"

namespace actbench::activations {

struct Hardsigmoid {
  static constexpr std::string_view kName = "hardsigmoid";

  template <class R>
  static R Value(R x) {
    if (x <= R(-3)) return R(0);
    if (x >= R(3)) return R(1);
    return (x + R(3)) / R(6);
  }
  template <class R>
  static R Grad(R x) {
    return x > R(-3) && x < R(3) ? R(1) / R(6) : R(0);
  }

  static constexpr bool kHasGradFromY = true;
  template <class R>
  static R GradFromY(R y) {
    return y > R(0) && y < R(1) ? R(1) / R(6) : R(0);
  }
  // No framework computes it from y (hardsigmoid_backward takes the input); the same test on y,
  // as that kernel writes it: dy * (1/6).
  template <class T>
  static T BackwardFromY(T y, T dy) {
    return y > T(0) && y < T(1) ? dy * (T(1) / T(6)) : T(0);
  }

  static constexpr std::array<double, 2> kBends = {-3.0, 3.0};
  static constexpr ActivationInfo kInfo = {.name = kName,
                                           .range_lo = 0.0,
                                           .range_hi = 1.0,
                                           .symmetry = Symmetry::kComplement,
                                           .monotonic_from = -kInf,
                                           .bend_radius = 4.0,
                                           .bend_points = kBends,
                                           .max_grad = 1.0 / 6.0,
                                           .has_grad_from_y = kHasGradFromY,
                                           .params = {}};
};

}  // namespace actbench::activations
