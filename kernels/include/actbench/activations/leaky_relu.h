// LeakyReLU with negative_slope = 0.01: x for x > 0, 0.01 x otherwise. The slope is the real
// number 0.01 (1/100): a kernel that multiplies by 0.01 rounded to its type is measured
// against x / 100.
//   f'(x)  1 for x > 0, 0.01 for x <= 0; LeakyReLU'(0) = slope (leaky_relu_backward: x > 0 ? dy
//          : dy * slope)
//   f'(x) the same through y (y > 0 iff x > 0)
#pragma once

#include <array>

#include "actbench/activations/descriptor.h"

namespace actbench::activations {

struct LeakyRelu {
  static constexpr std::string_view kName = "leaky-relu";

  template <class R>
  static R Value(R x) {
    return x > 0 ? x : x / R(100);
  }
  template <class R>
  static R Grad(R x) {
    return x > 0 ? R(1) : R(1) / R(100);
  }

  static constexpr bool kHasGradFromY = true;
  template <class R>
  static R GradFromY(R y) {
    return Grad(y);
  }
  // leaky_relu_backward(dy, y, 0.01, is_result=true): y > 0 ? dy : dy * 0.01.
  template <class T>
  static T BackwardFromY(T y, T dy) {
    return y > T(0) ? dy : dy * T(0.01);
  }

  static constexpr std::array<double, 1> kBends = {0.0};
  static constexpr std::array<Param, 1> kParams = {Param{"negative_slope", 0.01}};
  static constexpr ActivationInfo kInfo = {.name = kName,
                                           .range_lo = -kInf,
                                           .range_hi = kInf,
                                           .symmetry = Symmetry::kNone,
                                           .monotonic_from = -kInf,
                                           .bend_radius = 1.0,
                                           .bend_points = kBends,
                                           .max_grad = 1.0,
                                           .has_grad_from_y = kHasGradFromY,
                                           .params = kParams};
};

}  // namespace actbench::activations
