// GELU through xsimd's own erfc and exp (the `simd` family), f32 and f64 on any arch.
#pragma once

#include "actbench/simd/grad_roots.h"
#include "actbench/simd/gelu/algorithms.h"
#include "actbench/simd/arch.h"
#include "actbench/simd/root_patch.h"

namespace actbench::simd {

// gelu/xsimd-erfc/ISA/{f32,f64} (simd family)
//   value:   x Phi(x), Phi(x) = erfc(-x/sqrt 2)/2 with xsimd::erfc: no cancellation for
//            x << 0, but x/sqrt 2 is rounded and erfc amplifies that by ~2z^2 (z = x/sqrt 2).
//            For |x| < 1, Phi = 1/2 + erf(x/sqrt 2)/2 instead: xsimd's float erfc(0) is
//            1 - 2^-23, which would make f'(0) 2 ULP below 1/2.
//   grad_x:  erfc(-x/sqrt 2)/2 + x e^(-x^2/2)/sqrt(2 pi), with h P(h) within 0.5 of the root
//            x = -0.7518 where the two terms cancel (simd/root_patch.h).
//   special: whatever xsimd's erfc and exp do at the ends (measured: see the kernel list).
struct GeluXsimd {
  template <class B>
  static B Cdf(const B& x) {
    using T = typename B::value_type;
    const B z = x * B(T(0.70710678118654752440L));
    const B half(T(0.5));
    return xsimd::select(xsimd::abs(x) < B(T(1)), Fma(half, xsimd::erf(z), half),
                         half * xsimd::erfc(-z));
  }
  template <class B>
  static B value(const B& x) {
    return x * Cdf(x);
  }
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    using T = typename B::value_type;
    const B cdf = Cdf(x);
    const B pdf = xsimd::exp(B(T(-0.5)) * x * x) * B(T(0.39894228040143267794L));
    const B g = Fma(x, pdf, cdf);
    return dy * WithRootPatch<actbench::detail::GeluGradRoot<T>>(x, g);
  }
};

// gelu/f64-xsimd-erfc/ISA/f32 (simd family, through Widened: simd/widen.h)
//   GeluXsimd in double on |x| <= 40 (xsimd's double erfc gives NaN for huge arguments); x or
//   0 beyond, gradients 1 or 0. In double the rounding of x/sqrt 2 costs 2z^2 2^-53, far below
//   a float ULP, and so do the two terms of f' near its root (the patch is there as well).
struct GeluXsimdClamped {
  template <class B>
  static B value(const B& x) {
    using T = typename B::value_type;
    const B xc = xsimd::min(B(T(40)), xsimd::max(B(T(-40)), x));
    const B v = GeluXsimd::value(xc);
    return xsimd::select(x > B(T(40)), x, xsimd::select(x < B(T(-40)), B(T(0)), v));
  }
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    using T = typename B::value_type;
    const B xc = xsimd::min(B(T(40)), xsimd::max(B(T(-40)), x));
    const B g = GeluXsimd::backward_x(xc, B(T(1)));
    return dy * xsimd::select(x > B(T(40)), B(T(1)), xsimd::select(x < B(T(-40)), B(T(0)), g));
  }
};

}  // namespace actbench::simd
