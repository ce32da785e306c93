// ELU with alpha = 1: x for x > 0, alpha (e^x - 1) otherwise.
//   value  expm1(x) for x <= 0: no cancellation near 0
//   f'(x)  1 for x > 0, alpha e^x for x <= 0; ELU'(0) = alpha = 1 (elu_backward's x <= 0 branch)
//   f'(x) = y + alpha for y <= 0 through y = f(x) (elu_backward with is_result)
#pragma once

#include <array>
#include <cmath>

#include "actbench/activations/descriptor.h"

namespace actbench::activations {

struct Elu {
  static constexpr std::string_view kName = "elu";

  template <class R>
  static R Value(R x) {
    using std::expm1;
    return x > 0 ? x : expm1(x);
  }
  template <class R>
  static R Grad(R x) {
    using std::exp;
    return x > 0 ? R(1) : exp(x);
  }

  static constexpr bool kHasGradFromY = true;
  template <class R>
  static R GradFromY(R y) {
    return y > 0 ? R(1) : y + R(1);
  }
  // elu_backward(dy, alpha=1, scale=1, input_scale=1, is_result=true, y):
  // y <= 0 ? dy * input_scale * (y + alpha) : dy * scale.
  template <class T>
  static T BackwardFromY(T y, T dy) {
    return y <= T(0) ? dy * (y + T(1)) : dy;
  }

  static constexpr std::array<double, 1> kBends = {0.0};
  static constexpr std::array<Param, 1> kParams = {Param{"alpha", 1.0}};
  static constexpr ActivationInfo kInfo = {.name = kName,
                                           .range_lo = -1.0,
                                           .range_hi = kInf,
                                           .symmetry = Symmetry::kNone,
                                           .monotonic_from = -kInf,
                                           .bend_radius = 20.0,
                                           .bend_points = kBends,
                                           .max_grad = 1.0,
                                           .has_grad_from_y = kHasGradFromY,
                                           .params = kParams};
};

}  // namespace actbench::activations
