// ELU through xsimd's own expm1 and exp (the `simd` family), f32 and f64.
#pragma once

#include "actbench/simd/elu/algorithms.h"
#include "actbench/simd/arch.h"

namespace actbench::simd {

// elu/xsimd-expm1/ISA/{f32,f64} (simd family)
//   value:   select(x > 0, x, expm1(x)); grad_x select(x > 0, dy, dy e^x); grad_y dy (y + 1) for
//            y <= 0.
struct EluXsimd {
  template <class B>
  static B value(const B& x) {
    using T = typename B::value_type;
    return xsimd::select(x > B(T(0)), x, xsimd::expm1(x));
  }
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    using T = typename B::value_type;
    return dy * xsimd::select(x > B(T(0)), B(T(1)), xsimd::exp(x));
  }
  template <class B>
  static B backward_y(const B& y, const B& dy) {
    using T = typename B::value_type;
    return dy * xsimd::select(y > B(T(0)), B(T(1)), y + B(T(1)));
  }
};

}  // namespace actbench::simd
