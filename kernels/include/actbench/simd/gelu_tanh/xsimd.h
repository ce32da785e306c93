// gelu-tanh through xsimd's own tanh (the `simd` family), f32 and f64 on any arch.
#pragma once

#include "actbench/simd/gelu_tanh/algorithms.h"
#include "actbench/simd/arch.h"

namespace actbench::simd {

// gelu-tanh/xsimd-tanh/ISA/{f32,f64} (simd family)
//   value:   0.5 x (1 + tanh(k (x + c x^3))) with xsimd::tanh, PyTorch's formula: 1 + tanh
//            cancels for x << 0.
//   grad_x:  0.5 (1 + t) + 0.5 x (1 - t^2) k (1 + 3c x^2), PyTorch's order: cancels at its root
//            and for x << 0.
struct GeluTanhXsimd {
  template <class B>
  static B inner(const B& x) {
    using T = typename B::value_type;
    return B(T(0.79788456080286535588L)) * Fma(B(T(0.044715L)) * x, x * x, x);
  }
  template <class B>
  static B value(const B& x) {
    using T = typename B::value_type;
    return (B(T(0.5)) * x) * (B(T(1)) + xsimd::tanh(inner(x)));
  }
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    using T = typename B::value_type;
    const B t = xsimd::tanh(inner(x));
    const B left_derivative = B(T(0.5)) * (B(T(1)) + t);
    const B inner_derivative =
        B(T(0.79788456080286535588L)) * Fma(B(T(3 * 0.044715L)) * x, x, B(T(1)));
    const B right_derivative = (B(T(0.5)) * x) * (B(T(1)) - t * t) * inner_derivative;
    return dy * (left_derivative + right_derivative);
  }
};

}  // namespace actbench::simd
