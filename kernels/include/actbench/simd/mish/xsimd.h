// Mish through xsimd's own exp, log1p and tanh (the `simd` family), f32 and f64.
#pragma once

#include "actbench/simd/mish/algorithms.h"
#include "actbench/simd/arch.h"

namespace actbench::simd {

// mish/xsimd-tanh-log1p-exp/ISA/{f32,f64} (simd family)
//   value:   x tanh(log1p(exp(x))) (PyTorch's formula); grad_x tanh_sp + x s (1 - tanh_sp^2)
//            (mish_backward's): cancels at its root x = -1.1924.
struct MishXsimd {
  template <class B>
  static B value(const B& x) {
    return x * xsimd::tanh(xsimd::log1p(xsimd::exp(x)));
  }
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    using T = typename B::value_type;
    const B s = B(T(1)) / (B(T(1)) + xsimd::exp(-x));
    const B t = xsimd::tanh(xsimd::log1p(xsimd::exp(x)));
    return dy * (t + x * s * (B(T(1)) - t * t));
  }
};

}  // namespace actbench::simd
