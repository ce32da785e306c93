// SiLU (Swish-1): x s(x), s the logistic.
//   value  x/(1+e^-x) for x >= 0, x e^x/(1+e^x) for x < 0: no overflow, no cancellation
//   f'(x)  s(x) (1 + x s(-x)) = s(x) + x e/(1+e)^2, e = e^-|x|; the terms cancel at its root
//          r = -1.27846 (the minimum), evaluated there through its Taylor series (GradRoot)
//   no f' through y: SiLU is not injective (PyTorch's silu_backward takes the input)
#pragma once

#include <array>
#include <cmath>

#include "actbench/activations/descriptor.h"

namespace actbench::activations {

struct Silu {
  static constexpr std::string_view kName = "silu";

  template <class R>
  static R Value(R x) {
    using std::exp, std::isinf;
    if (isinf(x)) return x > 0 ? x : R(0);
    if (x >= 0) return x / (R(1) + exp(-x));
    const R e = exp(x);
    return x * e / (R(1) + e);
  }
  template <class R>
  static R Grad(R x) {
    using std::exp, std::fabs, std::isinf;
    if (isinf(x)) return x > 0 ? R(1) : R(0);
    if (kRoot.Near(x)) return kRoot.Eval(x);
    const R e = exp(-fabs(x));
    const R d = R(1) + e;
    const R s = x >= 0 ? R(1) / d : e / d;
    return s + x * e / (d * d);
  }

  static constexpr bool kHasGradFromY = false;

  // scripts/gen_grad_roots.py
  static constexpr GradRoot kRoot = {
      .r_hi = -0x1.474973c84120bp+0,
      .r_lo = -0x1.f8d74bc9ac154p-54,
      .radius = 0.0625,
      .c = {0x1.be1410460527fp-3, 0x1.2c563458cc0adp-3, 0x1.353eb573ca457p-6, -0x1.f2d0e32bc2994p-7,
            -0x1.b0f82c498fd2fp-8, 0x1.098e92b8f076dp-13, 0x1.a2a7caf0ee747p-11,
            0x1.8574d136d4cb4p-13, -0x1.57238dca12615p-15, -0x1.f2d8976600f6fp-16,
            -0x1.8af40fd30a2bcp-19}};
  static constexpr std::array<double, 1> kBends = {0.0};
  static constexpr std::array<double, 1> kGradZeros = {kRoot.r_hi};
  static constexpr ActivationInfo kInfo = {
      .name = kName,
      .range_lo = -0.278464556,  // min f = f(r) = -0.27846454276, below its float rounding
      .range_hi = kInf,
      .symmetry = Symmetry::kXDifference,
      .monotonic_from = -1.2784645,
      .bend_radius = 20.0,
      .bend_points = kBends,
      .max_grad = 1.0998393,  // f'(2.3994)
      .has_grad_from_y = kHasGradFromY,
      .params = {},
      .grad_zeros = kGradZeros};
};

}  // namespace actbench::activations
