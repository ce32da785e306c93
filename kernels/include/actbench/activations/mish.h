// Mish: x tanh(softplus(x)).
//   value  with t = e^x and n = t (t + 2) = (1 + t)^2 - 1, tanh(log(1 + t)) = n / (n + 2);
//          for x > 0 the same in q = e^-x: (1 + 2q) / (1 + 2q + 2q^2). No overflow, no
//          cancellation.
//   f'(x)  tanh(sp) + x sech^2(sp) s(x) = n/(n+2) + 4x t (1 + t)/(n+2)^2 (x > 0: (1+2q)/D +
//          4x q^2 (1+q)/D^2, D = 1 + 2q + 2q^2); the terms cancel at its root r = -1.19243
//          (the minimum), evaluated there through its Taylor series (GradRoot)
//   no f' through y: Mish is not injective
#pragma once

#include <array>
#include <cmath>

#include "actbench/activations/descriptor.h"

namespace actbench::activations {

struct Mish {
  static constexpr std::string_view kName = "mish";

  template <class R>
  static R Value(R x) {
    using std::exp, std::isinf;
    if (isinf(x)) return x > 0 ? x : R(0);
    if (x <= 0) {
      const R t = exp(x);
      const R n = t * (t + R(2));
      return x * n / (n + R(2));
    }
    const R q = exp(-x);
    return x * (R(1) + R(2) * q) / (R(1) + R(2) * q * (R(1) + q));
  }
  template <class R>
  static R Grad(R x) {
    using std::exp, std::isinf;
    if (isinf(x)) return x > 0 ? R(1) : R(0);
    if (kRoot.Near(x)) return kRoot.Eval(x);
    if (x <= 0) {
      const R t = exp(x);
      const R n = t * (t + R(2));
      const R d = n + R(2);
      return n / d + R(4) * x * t * (R(1) + t) / (d * d);
    }
    const R q = exp(-x);
    const R d = R(1) + R(2) * q * (R(1) + q);
    return (R(1) + R(2) * q) / d + R(4) * x * q * q * (R(1) + q) / (d * d);
  }

  static constexpr bool kHasGradFromY = false;

  // scripts/gen_grad_roots.py
  static constexpr GradRoot kRoot = {
      .r_hi = -0x1.31432c0d12d84p+0,
      .r_lo = -0x1.bf319154da210p-55,
      .radius = 0.0625,
      .c = {0x1.115acb42500bbp-2, 0x1.a34a251d8ad7bp-3, 0x1.574f121a868dbp-5, -0x1.4c222fe64d4fbp-6,
            -0x1.03369d4ac90fap-6, -0x1.b87ddfb51b745p-9, 0x1.1e5e184a0fe00p-10,
            0x1.03799182b217fp-10, 0x1.0a7954e868670p-12, -0x1.5fffa067220abp-15,
            -0x1.d453aef9813d0p-15}};
  static constexpr std::array<double, 1> kBends = {0.0};
  static constexpr std::array<double, 1> kGradZeros = {kRoot.r_hi};
  static constexpr ActivationInfo kInfo = {
      .name = kName,
      .range_lo = -0.308843434,  // min f = f(r) = -0.30884341302, below its float rounding
      .range_hi = kInf,
      .symmetry = Symmetry::kNone,
      .monotonic_from = -1.1924312,
      .bend_radius = 20.0,
      .bend_points = kBends,
      .max_grad = 1.0884982,  // f'(1.4906)
      .has_grad_from_y = kHasGradFromY,
      .params = {},
      .grad_zeros = kGradZeros};
};

}  // namespace actbench::activations
