// GELU's tanh approximation (PyTorch approximate='tanh', "gelu_new"), measured against its own
// exact formula: 0.5 x (1 + tanh(u)), u = sqrt(2/pi) (x + 0.044715 x^3), both constants exact
// reals.
//   value  x s(2u), s the logistic (1 + tanh u = 2 s(2u)), split by the sign of u so that
//          nothing cancels or overflows
//   f'(x)  s(2u) + x s'(2u) 2u'(x), u'(x) = sqrt(2/pi) (1 + 3 * 0.044715 x^2); the terms
//          cancel at its root r = -0.75246 (the minimum), evaluated there through its Taylor
//          series (GradRoot)
//   no f' through y: not injective
#pragma once

#include <array>
#include <cmath>

#include "actbench/activations/descriptor.h"

namespace actbench::activations {

struct GeluTanh {
  static constexpr std::string_view kName = "gelu-tanh";

  template <class R>
  static R Kappa() {
    return R(44715) / R(1000000);
  }
  template <class R>
  static R Value(R x) {
    using std::exp, std::isinf, std::sqrt;
    if (isinf(x)) return x > 0 ? x : R(0);
    using W = WorkType<R>;
    const W w = x;
    const W z = W(2) * sqrt(W(2) / Pi<W>()) * (w + Kappa<W>() * w * w * w);  // 2u
    if (z >= 0) return R(w / (W(1) + exp(-z)));
    const W e = exp(z);
    return R(w * e / (W(1) + e));
  }
  template <class R>
  static R Grad(R x) {
    using std::exp, std::fabs, std::isinf, std::sqrt;
    if (isinf(x)) return x > 0 ? R(1) : R(0);
    if (kRoot.Near(x)) return kRoot.Eval(x);
    using W = WorkType<R>;
    const W w = x;
    const W k = sqrt(W(2) / Pi<W>());
    const W z = W(2) * k * (w + Kappa<W>() * w * w * w);
    const W e = exp(-fabs(z));
    const W s = z >= 0 ? W(1) / (W(1) + e) : e / (W(1) + e);
    const W ds = e / ((W(1) + e) * (W(1) + e));  // s'(z)
    return R(s + w * ds * W(2) * k * (W(1) + W(3) * Kappa<W>() * w * w));
  }

  static constexpr bool kHasGradFromY = false;

  // scripts/gen_grad_roots.py
  static constexpr GradRoot kRoot = {
      .r_hi = -0x1.81429f9e97e4dp-1,
      .r_lo = 0x1.4f523ed77dbdcp-55,
      .radius = 0.0625,
      .c = {0x1.b8bacd2c96b91p-2, 0x1.8cd1a2b2fff33p-2, -0x1.029615edb077ap-6,
            -0x1.d2b77346470abp-4, -0x1.104a83edc0ddcp-6, 0x1.427996dc249cep-6,
            0x1.58c9ed713486cp-8, -0x1.3d8d64170bb72p-9, -0x1.e63f294331885p-11,
            0x1.14bf895a69517p-12, 0x1.04936f0ef73dbp-13}};
  static constexpr std::array<double, 1> kBends = {0.0};
  static constexpr std::array<double, 1> kGradZeros = {kRoot.r_hi};
  static constexpr ActivationInfo kInfo = {
      .name = kName,
      .range_lo = -0.170040757,  // min f = f(r) = -0.17004075057, below its float rounding
      .range_hi = kInf,
      .symmetry = Symmetry::kXDifference,
      .monotonic_from = -0.7524614,
      .bend_radius = 12.0,
      .bend_points = kBends,
      .max_grad = 1.1289931,  // f'(1.4185)
      .has_grad_from_y = kHasGradFromY,
      .params = {},
      .grad_zeros = kGradZeros};
};

}  // namespace actbench::activations
