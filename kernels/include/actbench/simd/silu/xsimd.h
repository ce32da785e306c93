// SiLU through xsimd's own exp (the `simd` family), f32 and f64 on any arch.
#pragma once

#include "actbench/simd/grad_roots.h"
#include "actbench/simd/silu/algorithms.h"
#include "actbench/simd/arch.h"
#include "actbench/simd/root_patch.h"

namespace actbench::simd {

// silu/xsimd-exp-div/ISA/{f32,f64} (simd family)
//   value:   e = xsimd::exp(-|x|), x (x >= 0 ? 1 : e) / (1 + e): no overflow; e^-|x| is
//            subnormal where x s(x) is still normal (x in [-92.6, -87.3] in f32).
//   grad_x:  s + x e/(1+e)^2, h P(h) within 0.5 of the root x = -1.2785 (simd/root_patch.h).
struct SiluXsimd {
  template <class B>
  static B value(const B& x) {
    using T = typename B::value_type;
    const B e = xsimd::exp(-xsimd::abs(x));
    return x * (xsimd::select(x >= B(T(0)), B(T(1)), e) / (B(T(1)) + e));
  }
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    using T = typename B::value_type;
    const B e = xsimd::exp(-xsimd::abs(x));
    const B d = B(T(1)) + e;
    const B s = xsimd::select(x >= B(T(0)), B(T(1)), e) / d;
    const B g = Fma(x, e / Fma(e, e + B(T(2)), B(T(1))), s);
    return dy * WithRootPatch<actbench::detail::SiluGradRoot<T>>(x, g);
  }
};

}  // namespace actbench::simd
