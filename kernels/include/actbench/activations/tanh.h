// tanh.
//   value  sign(x) m/(m+2), m = expm1(2|x|): no cancellation near 0
//   f'(x)  4e/(1+e)^2 with e = e^-2|x|
//   f'(x) = (1 - y)(1 + y) through y = f(x)
#pragma once

#include <array>
#include <cmath>
#include <limits>

#include "actbench/activations/descriptor.h"

namespace actbench::activations {

struct Tanh {
  static constexpr std::string_view kName = "tanh";

  template <class R>
  static R Value(R x) {
    using std::expm1, std::fabs;
    // Past a > (p + 2) ln2 / 2, 1 - tanh(a) ~ 2e^-2a is below half an ulp of 1 in R's p-bit
    // precision, so tanh rounds to +-1 in R; stopping there also keeps expm1(2a) far from
    // overflow (double's expm1 overflows beyond a = 354.9).
    const R a = fabs(x);
    const R saturation = R(std::numeric_limits<R>::digits + 2) * R(0.35);
    if (a > saturation) return x > 0 ? R(1) : R(-1);
    const R m = expm1(R(2) * a);
    const R t = m / (m + R(2));
    return x < 0 ? R(-t) : t;
  }
  template <class R>
  static R Grad(R x) {
    using std::exp, std::fabs;
    const R e = exp(R(-2) * fabs(x));
    const R d = R(1) + e;
    return R(4) * e / (d * d);
  }

  static constexpr bool kHasGradFromY = true;
  template <class R>
  static R GradFromY(R y) {
    return (R(1) - y) * (R(1) + y);
  }
  // tanh_backward: dy * (1 - y * y).
  template <class T>
  static T BackwardFromY(T y, T dy) {
    return dy * (T(1) - y * y);
  }

  static constexpr std::array<double, 1> kBends = {0.0};
  static constexpr ActivationInfo kInfo = {.name = kName,
                                           .range_lo = -1.0,
                                           .range_hi = 1.0,
                                           .symmetry = Symmetry::kOdd,
                                           .monotonic_from = -kInf,
                                           .bend_radius = 10.0,
                                           .bend_points = kBends,
                                           .max_grad = 1.0,
                                           .has_grad_from_y = kHasGradFromY,
                                           .params = {}};
};

}  // namespace actbench::activations
