// sigmoid through xsimd's own exp (the `simd` family), f32 and f64 on any arch: the accurate
// baseline an xsimd user gets without writing an exponential.
#pragma once

#include "actbench/simd/sigmoid/algorithms.h"
#include "actbench/simd/arch.h"

namespace actbench::simd {

// sigmoid/xsimd-exp-div/ISA/{f32,f64} (simd family)
//   value:   e = xsimd::exp(-|x|), s = (x >= 0 ? 1 : e) / (1 + e): the sign split keeps exp
//            from overflowing and gives s(x) for x < 0 with full relative accuracy.
//   grad_x:  e / (1 + e)^2, (1 + e)^2 = fma(e, e + 2, 1), from the input.
//   grad_y:  y (1 - y) (no accuracy claim: 0 once y rounds to 1).
//   special: whatever xsimd::exp does at the ends (measured: see its kernel list entry); NaN
//            propagates through exp and the select (x >= 0 is false for NaN, numerator e).
//   Measured error: the claims of its ids in the kernel list (kernels/<activation>/kernels.inc,
//   measured with a small margin) and, per run, reports/accuracy.csv.
struct SigmoidXsimd {
  template <class B>
  static B value(const B& x) {
    using T = typename B::value_type;
    const B e = xsimd::exp(-xsimd::abs(x));
    return xsimd::select(x >= B(T(0)), B(T(1)), e) / (B(T(1)) + e);
  }
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    using T = typename B::value_type;
    const B e = xsimd::exp(-xsimd::abs(x));
    return dy * (e / Fma(e, e + B(T(2)), B(T(1))));
  }
  template <class B>
  static B backward_y(const B& y, const B& dy) {
    using T = typename B::value_type;
    return dy * (y * (B(T(1)) - y));
  }
};

}  // namespace actbench::simd
