// f' around its root, per lane (the SIMD form of common/grad_root.h): h P(h) with
// h = (x - r_hi) - r_lo and P from common/grad_roots.h, blended in where |x - r_hi| <= window.
#pragma once

#include "common/grad_roots.h"
#include "simd/arch.h"

namespace actbench::simd {

template <class Root, class B>
inline B RootPatch(const B& x) {
  const B h = (x - B(Root::kHi)) - B(Root::kLo);
  B p(Root::kC.back());
  for (std::size_t k = Root::kC.size() - 1; k-- > 0;) p = Fma(p, h, B(Root::kC[k]));
  return p * h;
}

// g where x is outside the patch's window, h P(h) inside it.
template <class Root, class B>
inline B WithRootPatch(const B& x, const B& g) {
  return xsimd::select(xsimd::abs(x - B(Root::kHi)) <= B(Root::kWindow), RootPatch<Root>(x), g);
}

}  // namespace actbench::simd
