// leaky-relu as explicit SIMD, any element type and arch (negative_slope = 0.01).
#pragma once

#include "actbench/simd/leaky_relu/algorithms.h"
#include "actbench/simd/arch.h"
#include "actbench/simd/piecewise.h"

namespace actbench::simd {

// leaky-relu/select-mul/ISA/{f32,f64}, leaky-relu/select-div100/ISA/{f32,f64} (simd family)
//   value:   select(x > 0, x, x * 0.01) (PyTorch's and oneDNN's; 0.01 rounded to T, so not
//            always the correctly rounded x/100), or with x / 100 (correctly rounded).
//   grads:   select(v > 0, dy, dy * 0.01) with v = x or y; LeakyReLU'(0) = slope. NaN: the
//            value and the gradients stay NaN (NaN * 0.01, dy * NaN-select).
struct LeakyReluBase {
  template <class B>
  static B Slope() {
    using T = typename B::value_type;
    return B(T(0.01));
  }
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    // x + 0 * x: NaN for NaN (and for inf, where the select takes dy or dy * slope anyway)
    return xsimd::select(x > B(0), dy, dy * Slope<B>()) + ZeroOrNan(x);
  }
  template <class B>
  static B backward_y(const B& y, const B& dy) {
    return backward_x(y, dy);
  }
};

template <bool kDivide>
struct LeakyReluSelect : LeakyReluBase {
  template <class B>
  static B value(const B& x) {
    using T = typename B::value_type;
    if constexpr (kDivide)
      return xsimd::select(x > B(T(0)), x, x / B(T(100)));
    else
      return xsimd::select(x > B(T(0)), x, x * Slope<B>());
  }
};

}  // namespace actbench::simd
