// hardswish as explicit SIMD, any element type and arch.
#pragma once

#include "actbench/simd/hardswish/algorithms.h"
#include "actbench/simd/arch.h"
#include "actbench/simd/piecewise.h"

namespace actbench::simd {

// hardswish/fma-clamp/ISA/{f32,f64} (simd family)
//   value:   x * clamp(fma(x, 1/6, 1/2), 0, 1): the form of XNNPACK and oneDNN, 1/6 rounded to
//            T. NaN kept.
//   grad_x:  0 for x < -3, (2x + 3) * (1/6) on [-3, 3] (hardswish_backward's x/3 + 1/2 without
//            its cancellation at the root x = -1.5: 2x + 3 is exact there), 1 for x > 3. NaN
//            kept.
struct HardswishFma {
  template <class B>
  static B value(const B& x) {
    using T = typename B::value_type;
    return x * ClampKeepNan(Fma(x, B(T(1.0L / 6)), B(T(0.5))), T(0), T(1));
  }
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    using T = typename B::value_type;
    const B mid = Fma(x, B(T(2)), B(T(3))) * B(T(1.0L / 6));
    const B g = xsimd::select(x < B(T(-3)), B(T(0)), xsimd::select(x > B(T(3)), B(T(1)), mid));
    return dy * (g + ZeroOrNan(x));
  }
};

// hardswish/add-mul-clamp/ISA/{f32,f64} (simd family)
//   value:   x * clamp((x + 3) * (1/6), 0, 1): x + 3 is exact where the result is small (x near
//            -3, Sterbenz), so the FMA form's cancellation (x/6 + 1/2 with 1/6 rounded) is gone;
//            0 below -3 by select (x * 0 would be NaN at -inf).
//   grad_x:  as fma-clamp.
struct HardswishAddMul {
  template <class B>
  static B value(const B& x) {
    using T = typename B::value_type;
    const B v = x * ClampKeepNan((x + B(T(3))) * B(T(1.0L / 6)), T(0), T(1));
    return xsimd::select(x <= B(T(-3)), B(T(0)), v);
  }
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    return HardswishFma::backward_x(x, dy);
  }
};

}  // namespace actbench::simd
