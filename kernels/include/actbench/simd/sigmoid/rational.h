// sigmoid through the rational of tanh/rational.h (the rational family), on f32 batches of any
// arch: sigmoid x = 1/2 + 1/2 tanh(x/2).
#pragma once

#include "actbench/simd/sigmoid/algorithms.h"
#include "actbench/simd/sigmoid/simd.h"
#include "actbench/simd/arch.h"
#include "actbench/simd/coeffs.h"
#include "actbench/simd/tanh/rational.h"

namespace actbench::simd {

// sigmoid/rational-5-6-dbl-div/ISA/f32 (rational family)
//   value:   1/2 + 1/2 tanh(x/2) with the tanh of TanhRational: 1/2 + N/D at z = x/2, the
//            halving folded into the coefficients (exactly). |N/D| <= 1/2 (with FMA by
//            construction, without by a clamp), and the value is exactly 0 and 1 from |x| = 2c
//            = 18.04 on. Accurate in absolute terms only: for x << 0 the result is the
//            difference 1/2 - |N/D|, which keeps the absolute error of tanh (about 2^-25) while
//            s(x) gets small, and it is 0 from x = -18.04 on, where s(x) is still 1.5e-8: a
//            cheap kernel for bfloat16-style budgets (absolute error), not a relative one.
//            On AMD Zen 4 it is not cheaper than the exponential kernels, which keep relative
//            accuracy (actbench-bench, 2K uniform forward: 445 ns against 413 for rr2-p5-div
//            on AVX-512; 525 against 595 for rr2-p5-div and 425 for rr1-p3-div on AVX2).
//   grad_x:  as rr2-p6-div (SigmoidExp): e / (1 + e)^2, e = e^-|x|, from the input: accurate
//            over the whole range (subnormal gradients flushed as that kernel does).
//   grad_y:  y (1 - y) (no accuracy claim).
//   special: NaN -> NaN; -inf -> 0, +inf -> 1; +-0 -> 1/2 (gradient 1/4). Results below 2^-126
//            (x < -87.3) are 0 (quirk subnormal-flushed), as is everything below x = -18.04.
//   Absolute accuracy only, no value claim: the relative error is largest where s(x) is about
//   1e-8 (x near -18.04), while the absolute error stays near 1e-7.
//   Measured error: the claims of its ids in the kernel list (kernels/<activation>/kernels.inc,
//   measured with a small margin) and, per run, reports/accuracy.csv.
struct SigmoidRational : GradientsOf<SigmoidExp<Exp::kRr2, 6, Div::kDiv>> {
  static constexpr float kClamp = 2 * coeffs::kTanhRationalClamp;  // exact

  template <class B>
  static B value(const B& x) {
    using Arch = typename B::arch_type;
    if constexpr (kHasFma<Arch>) {
      const B ax = xsimd::abs(x);
      const auto nd = rational::TanhNumDen<true>(xsimd::min(B(kClamp), ax));
      return (nd.n | (x ^ ax)) / nd.d + B(0.5f);
    } else {
      const B z = xsimd::min(B(kClamp), xsimd::max(B(-kClamp), x));
      const auto nd = rational::TanhNumDen<true>(z);
      return xsimd::min(B(0.5f), xsimd::max(B(-0.5f), nd.n / nd.d)) + B(0.5f);
    }
  }
};

}  // namespace actbench::simd
