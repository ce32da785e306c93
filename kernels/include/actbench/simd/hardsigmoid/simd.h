// hardsigmoid as explicit SIMD, any element type and arch.
#pragma once

#include "actbench/simd/hardsigmoid/algorithms.h"
#include "actbench/simd/arch.h"
#include "actbench/simd/piecewise.h"

namespace actbench::simd {

// hardsigmoid/fma-clamp/ISA/{f32,f64} (simd family)
//   value:   clamp(fma(x, 1/6, 1/2), 0, 1), 1/6 rounded to T (XNNPACK's and oneDNN's form).
//   grad_x:  dy * (1/6) on (-3, 3), else 0 (hardsigmoid_backward: 0 at the kinks); grad_y the same
//            on 0 < y < 1. NaN kept.
struct HardsigmoidFma {
  template <class B>
  static B value(const B& x) {
    using T = typename B::value_type;
    return ClampKeepNan(Fma(x, B(T(1.0L / 6)), B(T(0.5))), T(0), T(1));
  }
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    using T = typename B::value_type;
    const B g = xsimd::select(xsimd::abs(x) < B(T(3)), B(T(1.0L / 6)), ZeroOrNan(x));
    return dy * g;
  }
  template <class B>
  static B backward_y(const B& y, const B& dy) {
    using T = typename B::value_type;
    const B g = xsimd::select((y > B(T(0))) & (y < B(T(1))), B(T(1.0L / 6)), ZeroOrNan(y));
    return dy * g;
  }
};

// hardsigmoid/add-mul-clamp/ISA/{f32,f64} (simd family)
//   value:   clamp((x + 3) * (1/6), 0, 1): x + 3 is exact near -3 (Sterbenz), so the result
//            near 0 keeps its relative accuracy (the FMA form with 1/6 rounded leaves
//            0.5 - 3 * round(1/6) = 2.8e-17 at x = -3 in f64, where f is 0).
//   grads:   as fma-clamp.
struct HardsigmoidAddMul : GradientsOf<HardsigmoidFma> {
  template <class B>
  static B value(const B& x) {
    using T = typename B::value_type;
    return ClampKeepNan((x + B(T(3))) * B(T(1.0L / 6)), T(0), T(1));
  }
};

}  // namespace actbench::simd
