// softplus through xsimd's own exp, log1p and expm1 (the `simd` family), f32 and f64.
#pragma once

#include "actbench/simd/arch.h"
#include "actbench/simd/softplus/algorithms.h"

namespace actbench::simd {

// softplus/xsimd-log1p/ISA/{f32,f64} (simd family)
//   value:   max(x, 0) + log1p(exp(-|x|)); grad_x the sign-split sigmoid; grad_y -expm1(-y).
struct SoftplusXsimd {
  template <class B>
  static B value(const B& x) {
    using T = typename B::value_type;
    return xsimd::max(B(T(0)), x) + xsimd::log1p(xsimd::exp(-xsimd::abs(x)));
  }
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    using T = typename B::value_type;
    const B e = xsimd::exp(-xsimd::abs(x));
    return dy * (xsimd::select(x >= B(T(0)), B(T(1)), e) / (B(T(1)) + e));
  }
  template <class B>
  static B backward_y(const B& y, const B& dy) {
    return dy * -xsimd::expm1(-y);
  }
};

}  // namespace actbench::simd
