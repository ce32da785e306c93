// tanh through a minimax rational (the rational family), on f32 batches of any arch:
// tanh x = 2N / D with N = v Q, D = Q^2 + v^2, v = x P(x^2), Q = Q(x^2), where t = v / Q is a
// 5/6 rational for tanh(x/2) and tanh x = 2t / (1 + t^2) (the doubling formula), one division
// for both. sigmoid's rational kernel (sigmoid/rational.h) is built on the same N / D.
#pragma once

#include <array>
#include <cstddef>

#include "actbench/simd/arch.h"
#include "actbench/simd/coeffs.h"
#include "actbench/simd/tanh/algorithms.h"
#include "actbench/simd/tanh/simd.h"

namespace actbench::simd {

namespace rational {

// The coefficients of c0 p(k s), lowest degree first (k and c0 powers of two: exact).
template <std::size_t kN>
constexpr std::array<float, kN> ScaleArg(const std::array<float, kN>& c, float k, float c0) {
  std::array<float, kN> r{};
  float m = c0;
  for (std::size_t i = 0; i < kN; ++i) {
    r[i] = c[i] * m;
    m *= k;
  }
  return r;
}

template <class B, std::size_t kN>
inline B Horner(const B& s, const std::array<float, kN>& c) {
  B p(c[kN - 1]);
  for (std::size_t i = kN - 1; i-- > 0;) p = Fma(p, s, B(c[i]));
  return p;
}

// N = v Q, 2N and D = Q^2 + v^2 at z, and s = z^2. With an exact FMA, D = (Q - v)^2 + 2N for
// z >= 0 (so D >= 2N: no clamp needed, and D = 2N once (Q - v)^2 is below half an ulp of it);
// without, D = Q Q + v v (z of any sign). kHalfArg: of tanh(z/2) instead, the halving folded
// into the coefficients (powers of two: every intermediate is that of tanh at z/2 scaled
// exactly, so the roundings are the same).
template <class B>
struct NumDen {
  B n, n2, d, s;
};
template <bool kHalfArg, class B>
inline NumDen<B> TanhNumDen(const B& z) {
  constexpr float kK = kHalfArg ? 0.25f : 1.0f;
  constexpr auto kP = ScaleArg(coeffs::kTanhRationalP, kK, kHalfArg ? 0.5f : 1.0f);
  constexpr auto kQ = ScaleArg(coeffs::kTanhRationalQ, kK, 1.0f);
  const B s = z * z;
  const B p = Horner(s, kP);
  const B q = Horner(s, kQ);
  const B v = z * p;
  const B n = v * q;
  const B n2 = n + n;
  if constexpr (kHasFma<typename B::arch_type>) {
    const B u = q - v;
    return {n, n2, Fma(u, u, n2), s};
  } else {
    return {n, n2, q * q + v * v, s};
  }
}

}  // namespace rational

// tanh/rational-5-6-dbl-div/ISA/f32 (rational family)
//   value:   t = v / Q = z P(s) / Q(s), s = z^2, a 5/6 rational for tanh(z/2), and tanh z =
//            2t / (1 + t^2) = 2 v Q / (Q^2 + v^2): in x an 11/12 rational, evaluated in this
//            factored form with one division. z = |x| clamped at c = kTanhRationalClamp =
//            9.02, past which tanh rounds to 1 (from 9.0109 on). With FMA (AVX2, AVX-512) the
//            denominator is D = (Q - v)^2 + 2N, N = v Q: D >= 2N by construction, so |tanh| <= 1
//            needs no clamp, and D rounds to 2N at the clamp (the generator chose c so), so the
//            value is exactly +-1 from c on; the sign of x is put back on 2N (odd to the bit,
//            -0 -> -0). Without FMA (SSE4.2), D = Q Q + v v on the signed z (odd by itself),
//            the quotient clamped to [-1, 1]: the (Q - v)^2 form would add a rounding of
//            (Q - v)^2 and measures 4.0-4.4 ULP there (emulated).
//            Why doubled: the direct form x P(s) / Q(s) (as Eigen's 13/6) rounds each of its
//            Horner chains about 3 times at full weight where tanh x nears 1; with coefficients
//            fitted and rounded the same way (emulated, every 13th float of [2^-12, 9.1]) it
//            measures 4.8-5.2 ULP (9/8), 4.7-5.0 (13/6), 5.3-5.8 (11/6), while the rounded
//            rationals themselves are within 0.3-1.4 ULP of tanh. Through the doubling, every
//            error of t (fit and roundings alike) is damped by sech x, so the rational need
//            only be good where |x| is moderate (5/6: 0.14 ULP) and little more than the
//            roundings of 2N, D and the quotient is left. With FMA, (Q - v)^2 + 2N also makes
//            D's error follow 2N's where tanh nears 1 (1.7 ULP there) and saves the multiply
//            v v.
//            P(0) = lam/2, Q(0) = lam = 0.93 rather than 1: P, Q and D then sit at the top of
//            their binades for small |x|, with relative rounding errors about half as large
//            (lam = 1 measures 5.4 ULP, emulated); the price is that x P / Q no longer rounds
//            back to x for tiny x, so |x| < 2^-12 (where tanh x rounds to x) returns x itself
//            (subnormals included), and so does NaN.
//            Coefficients: scripts/gen-coeffs (a Lawson fit weighted by sech x, rounded
//            coefficient by coefficient with refits; lam and c chosen by the emulated float
//            evaluation: scripts/gen_coeffs_rational.py).
//            Costs (AVX-512): 9 multiplies/FMAs, 2 adds, 4 logic/compare operations and a
//            division; Eigen's 13/6: 11 multiplies/FMAs, 6 others and a division.
//   grad_x:  4e / (1 + e)^2, e = e^-2|x|, from the input (1 - t^2 from a rounded t would lose
//            all accuracy as t nears 1): on AVX-512 with the table exponential (TanhGradFast,
//            as fast as the forward pass), elsewhere as rr2-expm1-p6-div (TanhExpm1).
//   grad_y:  (1 - y)(1 + y): what frameworks do; 0 once y rounds to 1 (no accuracy claim).
//   special: NaN -> NaN, +-inf -> +-1 (gradient 0), +-0 -> +-0 (gradient 1). Not monotonic
//            to the last ULP (1-ULP reversals from the roundings, as in any rational form).
//   Reciprocal variants (rcp14 + quotient correction on AVX-512, rcpps + one Newton step on
//   SSE4.2/AVX2) were slower than the division on AMD Zen 4 (actbench-bench, 2K uniform
//   forward: 526 vs 451 ns on AVX-512, 755 vs 531 ns on AVX2) and no more accurate, so they
//   are not registered.
//   Measured error: the claims of its ids in the kernel list (kernels/<activation>/kernels.inc,
//   measured with a small margin) and, per run, reports/accuracy.csv.
//   The worst value errors are at small |x|: 0.015 with FMA, where D = (Q - v)^2 + 2N carries
//   the rounding of Q - v at weight 2, 0.03 without; from |x| = 3 on they are 1.7 at most with
//   FMA (emulated).
struct TanhRational : TanhGradFast {
  static constexpr float kClamp = coeffs::kTanhRationalClamp;
  static constexpr float kTiny = 0x1p-12f;  // tanh x rounds to x below

  template <class B>
  static B value(const B& x) {
    using Arch = typename B::arch_type;
    const B ax = xsimd::abs(x);
    if constexpr (kHasFma<Arch>) {
      const B z = xsimd::min(B(kClamp), ax);  // NaN stays NaN
      const auto nd = rational::TanhNumDen<false>(z);
      const B n2 = nd.n2 | (x ^ ax);  // with the sign of x
      if constexpr (kIsAvx512<Arch>) {
        const __mmask16 big = _mm512_cmp_ps_mask(ax, B(kTiny), _CMP_GE_OQ);  // false for NaN
        return _mm512_mask_div_ps(x, big, n2, nd.d);
      } else {
        return xsimd::select(ax < B(kTiny), x, n2 / nd.d);
      }
    } else {
      const B z = xsimd::min(B(kClamp), xsimd::max(B(-kClamp), x));  // NaN stays NaN
      const auto nd = rational::TanhNumDen<false>(z);
      const B t = xsimd::min(B(1.0f), xsimd::max(B(-1.0f), nd.n2 / nd.d));
      return xsimd::select(ax < B(kTiny), x, t);
    }
  }
};

}  // namespace actbench::simd
