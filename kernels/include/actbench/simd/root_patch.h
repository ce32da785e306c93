// f' around its root, per lane (the SIMD form of common/grad_root.h): h P(h) with
// h = (x - r_hi) - r_lo and P from grad_roots.h, blended in where |x - r_hi| <= window.
#pragma once

#include "actbench/simd/grad_roots.h"
#include "actbench/simd/arch.h"

namespace actbench::simd {

// P(h) as E(h^2) + h O(h^2): two independent Horner chains of half the length, so that the
// patch adds half the latency of one chain.
template <class Root, class B>
inline B RootPatch(const B& x) {
  constexpr std::size_t n = Root::kC.size();
  const B h = (x - B(Root::kHi)) - B(Root::kLo);
  const B h2 = h * h;
  constexpr std::size_t last_even = (n - 1) & ~std::size_t{1};
  constexpr std::size_t last_odd = (n - 1) | 1;  // may be n (no such term)
  B even(Root::kC[last_even]);
  for (std::size_t k = last_even; k >= 2; k -= 2) even = Fma(even, h2, B(Root::kC[k - 2]));
  B odd(last_odd < n ? Root::kC[last_odd] : Root::kC[last_odd - 2]);
  for (std::size_t k = last_odd < n ? last_odd : last_odd - 2; k >= 3; k -= 2)
    odd = Fma(odd, h2, B(Root::kC[k - 2]));
  return Fma(h, odd, even) * h;
}

// g where x is outside the patch's window, h P(h) inside it. (Always evaluated: skipping it
// when no lane is near measured slower on uniform inputs, where half the vectors need it and
// the branch mispredicts.)
template <class Root, class B>
inline B WithRootPatch(const B& x, const B& g) {
  return xsimd::select(xsimd::abs(x - B(Root::kHi)) <= B(Root::kWindow), RootPatch<Root>(x), g);
}

}  // namespace actbench::simd
