// tanh through xsimd's own tanh (the `simd` family), f32 and f64 on any arch: the accurate
// baseline an xsimd user gets from the library.
#pragma once

#include "actbench/simd/arch.h"
#include "actbench/simd/tanh/algorithms.h"

namespace actbench::simd {

// tanh/xsimd-tanh/ISA/{f32,f64} (simd family)
//   value:   xsimd::tanh(x).
//   grad_x:  4e / (1 + e)^2 with 4e = (2 xsimd::exp(-|x|))^2, from the input.
//   grad_y:  (1 - y)(1 + y) (no accuracy claim).
//   Measured error: the claims of its ids in the kernel list (kernels/<activation>/kernels.inc,
//   measured with a small margin) and, per run, reports/accuracy.csv.
struct TanhXsimd {
  template <class B>
  static B value(const B& x) {
    return xsimd::tanh(x);
  }
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    using T = typename B::value_type;
    // 4e = (2 e^-|x|)^2: e^-2|x| itself would be flushed by xsimd::exp where 4e is still normal
    // (|x| in [43.7, 44.4] for f32), and exp(ln4 - 2|x|) would round the argument.
    const B h = B(T(2)) * xsimd::exp(-xsimd::abs(x));
    const B e4 = h * h;
    const B e = e4 * B(T(0.25));
    return dy * (e4 / Fma(e, e + B(T(2)), B(T(1))));
  }
  template <class B>
  static B backward_y(const B& y, const B& dy) {
    using T = typename B::value_type;
    return dy * ((B(T(1)) - y) * (B(T(1)) + y));
  }
};

}  // namespace actbench::simd
