// Sigmoid (logistic): 1 / (1 + e^-x).
//   value  1/(1+e^-x) for x >= 0, e^x/(1+e^x) for x < 0: no overflow, no cancellation
//   f'(x)  e/(1+e)^2 with e = e^-|x|
//   f'(x) = y (1 - y) through y = f(x)
#pragma once

#include <array>
#include <cmath>

#include "actbench/activations/descriptor.h"

namespace actbench::activations {

struct Sigmoid {
  static constexpr std::string_view kName = "sigmoid";

  template <class R>
  static R Value(R x) {
    using std::exp;
    if (x >= 0) return R(1) / (R(1) + exp(-x));
    const R e = exp(x);
    return e / (R(1) + e);
  }
  template <class R>
  static R Grad(R x) {
    using std::exp, std::fabs;
    const R e = exp(-fabs(x));
    const R d = R(1) + e;
    return e / (d * d);
  }

  static constexpr bool kHasGradFromY = true;
  template <class R>
  static R GradFromY(R y) {
    return y * (R(1) - y);
  }
  // sigmoid_backward: dy * (1 - y) * y, left to right.
  template <class T>
  static T BackwardFromY(T y, T dy) {
    return dy * (T(1) - y) * y;
  }

  static constexpr std::array<double, 1> kBends = {0.0};
  static constexpr ActivationInfo kInfo = {.name = kName,
                                           .range_lo = 0.0,
                                           .range_hi = 1.0,
                                           .symmetry = Symmetry::kComplement,
                                           .monotonic_from = -kInf,
                                           .bend_radius = 20.0,
                                           .bend_points = kBends,
                                           .max_grad = 0.25,
                                           .has_grad_from_y = kHasGradFromY,
                                           .params = {}};
};

}  // namespace actbench::activations
