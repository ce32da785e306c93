// f' around its root for the scalar kernels (the SIMD ones blend the same patch per lane):
// the cancellation in the textbook sum of f' (Phi + x phi, s + x s', ...) near the minimum of
// GELU, gelu-tanh, SiLU and Mish is replaced by h P(h), h = (x - r_hi) - r_lo, whose relative
// error is that of P (the coefficients are in grad_roots.h, generated).
#pragma once

#include <cmath>
#include <cstddef>

#include "actbench/simd/grad_roots.h"

namespace actbench::detail {

template <class Root, class T>
inline bool NearRoot(T x) {
  return std::fabs(x - Root::kHi) <= Root::kWindow;
}

// h P(h) by Horner; x - kHi is exact within the window (Sterbenz), so h is the distance to the
// root to within one rounding.
template <class Root, class T>
inline T RootPatch(T x) {
  const T h = (x - Root::kHi) - Root::kLo;
  T p = Root::kC.back();
  for (std::size_t k = Root::kC.size() - 1; k-- > 0;) p = std::fma(p, h, Root::kC[k]);
  return p * h;
}

}  // namespace actbench::detail
