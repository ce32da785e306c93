// softplus with beta = 1: log(1 + e^x), exactly (PyTorch returns x above its threshold of 20;
// that is a kernel's choice, measured as such, not part of the definition).
//   value  max(x, 0) + log1p(e^-|x|): no overflow, full relative accuracy for x << 0
//   f'(x)  s(x), the logistic
//   f'(x) = 1 - e^-y = -expm1(-y) through y = f(x)
#pragma once

#include <array>
#include <cmath>

#include "actbench/activations/descriptor.h"

namespace actbench::activations {

struct Softplus {
  static constexpr std::string_view kName = "softplus";

  template <class R>
  static R Value(R x) {
    using std::exp, std::fabs, std::isinf, std::log1p;
    if (isinf(x)) return x > 0 ? x : R(0);
    return (x > 0 ? x : R(0)) + log1p(exp(-fabs(x)));
  }
  template <class R>
  static R Grad(R x) {
    using std::exp;
    if (x >= 0) return R(1) / (R(1) + exp(-x));
    const R e = exp(x);
    return e / (R(1) + e);
  }

  static constexpr bool kHasGradFromY = true;
  template <class R>
  static R GradFromY(R y) {
    using std::expm1;
    return -expm1(-y);
  }
  // No framework computes it from y (PyTorch's softplus_backward takes the input): the careful
  // formula, dy * -expm1(-y).
  template <class T>
  static T BackwardFromY(T y, T dy) {
    using std::expm1;
    return dy * -expm1(-y);
  }

  static constexpr std::array<double, 1> kBends = {0.0};
  static constexpr ActivationInfo kInfo = {.name = kName,
                                           .range_lo = 0.0,
                                           .range_hi = kInf,
                                           .symmetry = Symmetry::kXDifference,
                                           .monotonic_from = -kInf,
                                           .bend_radius = 20.0,
                                           .bend_points = kBends,
                                           .max_grad = 1.0,
                                           .has_grad_from_y = kHasGradFromY,
                                           .params = {}};
};

}  // namespace actbench::activations
