// GELU (exact erf) as explicit SIMD on f32 batches of any arch: f(x) = x Phi(x),
// f'(x) = Phi(x) + x phi(x).
#pragma once

#include <array>
#include <limits>

#include "actbench/simd/grad_roots.h"
#include "actbench/simd/gelu/algorithms.h"
#include "actbench/simd/arch.h"
#include "actbench/simd/coeffs.h"
#include "actbench/simd/exp.h"
#include "actbench/simd/root_patch.h"

namespace actbench::simd {

// x^2 = p + q exactly: q by one FMA, or without one by Dekker's product of the halves of x.
template <class B>
inline void TwoSquare(const B& x, B& p, B& q) {
  p = x * x;
  if constexpr (kHasFma<typename B::arch_type>) {
    q = Fma(x, x, -p);
  } else {
    using T = typename B::value_type;
    constexpr T kSplit = std::is_same_v<T, float> ? T(4097) : T(134217729);  // 2^s + 1
    const B c = x * B(kSplit);
    const B hi = c - (c - x);
    const B lo = x - hi;
    q = ((hi * hi - p) + B(T(2)) * hi * lo) + lo * lo;
  }
}

// gelu/rr2-p6-erfcx-{div,nr1}/ISA/f32 (approx-exp family)
//   Phi:     with a = |x|, Phi(-a) = E Q(a): E = e^(-a^2/2) from a^2 = p + q exact (TwoSquare),
//            e^(-p/2) by the Cody-Waite reduction and the degree-6 minimax exp as a pair
//            (ScaledExpNeg::OfSplitFine), times (1 - q/2) folded into the low part;
//            Q(a) = e^(a^2/2) erfc(a/sqrt2)/2 = t R(t - 9/16), t = 2/(2 + a) (one quotient by
//            kDiv), R the degree-11 fit of scripts/gen-coeffs (2.9e-9 relative on a in
//            [0, 13.2]); t carries its rounding residual (2 + a by TwoSum, the quotient by
//            FMA), folded into t R. Nothing is rounded before the exponential but x^2/2's
//            exact parts, so erfc's steepness (which multiplies the rounding of a/sqrt 2 by
//            a^2 in the libm formula) amplifies nothing. Phi(x) = E Q for x < 0, 1 - E Q for
//            x >= 0.
//            E is carried as 2^24 E (the exp is scaled by vscalef or the exponent bits), so that
//            x E Q, a normal number down to x = -13.2 where E is subnormal, keeps its bits.
//   value:   x E Q 2^-24 for x < 0, with x E, R's last Horner step and t R as pairs (FMA), so
//            that R's inner rounding, the fit and one rounding remain (SSE4.2: ((x E) Q)
//            2^-24); x (1 - E Q 2^-24) for x >= 0, with E Q and 1 - E Q as pairs.
//   grad_x:  E (Q + x/sqrt(2 pi)) 2^-24 for x < 0, 1 + E (x/sqrt(2 pi) - Q) 2^-24 for x >= 0;
//            within 0.5 of the root x = -0.7518, where the terms cancel, h P(h) instead
//            (simd/root_patch.h).
//   range:   |x| is clamped at 14.37 (generic; a^2/2 at 103.3, where 2^(n + 24) leaves the
//            normal exponents) or 14.83 (AVX-512); beyond it the value is x, or 0 (it is below
//            2^-149 there), and f' is 1 or 0.
//   special: NaN -> NaN; +inf -> +inf, -inf -> 0; gradients 1 and 0.
template <Div kDiv>
struct GeluErfcx {
  template <class B>
  using T = typename B::value_type;
  static constexpr float kUnshift = 0x1p-24f;
  // sqrt(2 ScaledExpNeg<B>::kClamp), rounded down
  template <class B>
  static constexpr float kClampX = kIsAvx512<typename B::arch_type> ? 14.83f : 14.37f;
  static constexpr float kInvSqrt2Pi = 0.398942280401432677940f;

  template <class B>
  struct Parts {
    B e, e_hi, e_lo;  // 2^24 e^(-x^2/2): e = e_hi + e_lo rounded
    B q, q_hi, q_lo;  // Q(|x|): q = q_hi + q_lo rounded
  };
  template <class B>
  static Parts<B> parts(const B& x) {
    static_assert(std::is_same_v<T<B>, float>, "the fit of Q is for float");
    // |x| beyond the clamp only needs e = e^(-clamp): keep x^2 finite so that q is its
    // rounding error and not -inf.
    // (and a finite divisor for the reciprocal estimate's Newton step)
    const B a = xsimd::min(B(kClampX<B> + 1.0f), xsimd::abs(x));
    B p, q;
    TwoSquare(a, p, q);
    static_assert(ScaledExpNeg<B>::kUnshift == kUnshift);
    // e^(-(p + q)/2) = e^(-p/2) (1 - q/2): the second factor goes into the low part
    const auto e = ScaledExpNeg<B>::template OfSplitFine<6>(B(0.5f) * p);
    const B e_lo = Fma(e.hi, B(-0.5f) * q, e.lo);
    // t = 2 / (2 + a) to about half an ULP: 2 + a as d + d_lo (TwoSum), and the quotient's
    // residual 2 - t d - t d_lo (FMA) folded in; Q = t R(t - 9/16).
    const B two(2.0f);
    const B d = two + a;
    const B bv = d - two;
    const B d_lo = (two - (d - bv)) + (a - bv);
    const B t0 = Divide<kDiv>(two, d);
    const B res = Fnma(t0, d_lo, Fnma(t0, d, two));
    const B t_lo = res * (B(0.5f) * t0);
    // R = c0 + s P(s) with its last rounding kept (c0 - R is exact: R stays within a factor of
    // 2 of c0 = 0.357), and Q = t R as a pair
    constexpr auto& c = coeffs::kGeluQF32<11>;
    const B s = t0 - B(0.5625f);
    const B pr = Horner<1, 1>(s, c);
    const B r_hi = Fma(pr, s, B(c[0]));
    const B r_lo = Fma(pr, s, B(c[0]) - r_hi);
    const B q_hi = Mul(t0, r_hi);
    const B q_lo = Fma(t0, r_hi, -q_hi) + Fma(t0, r_lo, t_lo * r_hi);
    return {e.hi + e_lo, e.hi, e_lo, q_hi + q_lo, q_hi, q_lo};
  }

  template <class B>
  static B value(const B& x) {
    const Parts<B> p = parts(x);
    B neg, pos;
    if constexpr (kHasFma<typename B::arch_type>) {
      // x E Q rounded once: x (e_hi + e_lo) = u + u_lo, times q_hi + q_lo
      const B u = Mul(x, p.e_hi);
      const B u_lo = Fma(x, p.e_hi, -u) + x * p.e_lo;
      neg = Fma(u, p.q_hi, Fma(u, p.q_lo, u_lo * p.q_hi)) * B(kUnshift);
      // x (1 - E Q) rounded once: E Q = m + m_lo, 1 - m by Fast2Sum (m <= 1/2)
      const B one(1.0f);
      const B m = Mul(p.e_hi, p.q_hi);
      const B m_lo = Fma(p.e_hi, p.q_hi, -m) + Fma(p.e_hi, p.q_lo, p.e_lo * p.q_hi);
      const B mh = m * B(kUnshift);
      const B w = one - mh;
      const B w_lo = ((one - w) - mh) - m_lo * B(kUnshift);
      pos = Fma(x, w, x * w_lo);
    } else {
      neg = ((x * p.e) * p.q) * B(kUnshift);
      pos = x * Fnma(p.e * p.q, B(kUnshift), B(1.0f));
    }
    B y = xsimd::select(x < B(0.0f), neg, pos);
    if constexpr (kHasFma<typename B::arch_type>) {
      y = xsimd::select(x > B(kClampX<B>), x, y);  // x w_lo would be inf * 0 at +inf
      y = xsimd::select(x == B(0.0f), x, y);       // and -0 * w_lo may be +0
    }
    return xsimd::select(x < B(-kClampX<B>), B(0.0f), y);
  }

  template <class B>
  static B backward_x(const B& x, const B& dy) {
    const Parts<B> p = parts(x);
    const auto neg = x < B(0.0f);
    const B d = Fma(x, B(kInvSqrt2Pi), xsimd::select(neg, p.q, -p.q));
    const B ed = p.e * d;
    B g = xsimd::select(neg, ed * B(kUnshift), Fma(ed, B(kUnshift), B(1.0f)));
    g = WithRootPatch<actbench::detail::GeluGradRoot<float>>(x, g);
    g = xsimd::select(x > B(kClampX<B>), B(1.0f), g);
    return dy * xsimd::select(x < B(-kClampX<B>), B(0.0f), g);
  }
};

// gelu/f64-rr2-p11-erfcx-div/ISA/f32 (approx-exp family, accurate tier, through Widened)
//   GeluErfcx's formulas on double batches of float inputs: a^2 is exact in double, e^(-a^2/2)
//   comes from the degree-11 exp (ScaledExpNeg<double>), t = 2/(2 + a) from one division, and
//   Q = t R(t - 9/16) from the same float fit (2.9e-9 relative), so that the float result is
//   off by its final rounding plus about 0.1 ULP. f' as GeluErfcx's, with the float-result patch
//   in double coefficients (GeluGradRoot<double, 24>) within 0.5 of the root.
//   range:   |x| clamped at 15: below -15 the value and f' round to 0 in float; above it they
//            are x and 1.
//   special: NaN -> NaN; +inf -> +inf, -inf -> 0; gradients 1 and 0.
struct GeluErfcxWide {
  static constexpr double kClampX = 15.0;
  static constexpr double kInvSqrt2Pi = 0.398942280401432677940;
  static constexpr auto kR = [] {
    constexpr auto& c = coeffs::kGeluQF32<11>;
    std::array<double, c.size()> d{};
    for (std::size_t i = 0; i < c.size(); ++i) d[i] = c[i];
    return d;
  }();

  template <class B>
  struct Parts {
    B e, q;  // 2^53 e^(-x^2/2), Q(|x|)
  };
  template <class B>
  static Parts<B> parts(const B& x) {
    static_assert(std::is_same_v<typename B::value_type, double>, "runs on widened floats");
    const B a = xsimd::min(B(kClampX), xsimd::abs(x));
    const B e = ScaledExpNeg<B>::template Of<11>(B(0.5) * (a * a));  // a^2 exact: a is a float
    const B t = B(2.0) / (B(2.0) + a);
    return {e, t * Horner<0, 1>(t - B(0.5625), kR)};
  }

  template <class B>
  static B value(const B& x) {
    const Parts<B> p = parts(x);
    const B eq = (p.e * p.q) * B(ScaledExpNeg<B>::kUnshift);
    const B y = xsimd::select(x < B(0.0), x * eq, x * (B(1.0) - eq));
    return xsimd::select(x < B(-kClampX), B(0.0), y);
  }

  template <class B>
  static B backward_x(const B& x, const B& dy) {
    const Parts<B> p = parts(x);
    const auto neg = x < B(0.0);
    const B d = Fma(x, B(kInvSqrt2Pi), xsimd::select(neg, p.q, -p.q));
    const B ed = (p.e * d) * B(ScaledExpNeg<B>::kUnshift);
    B g = xsimd::select(neg, ed, B(1.0) + ed);
    g = WithRootPatch<actbench::detail::GeluGradRoot<double, 24>>(x, g);
    g = xsimd::select(x > B(kClampX), B(1.0), g);
    return dy * xsimd::select(x < B(-kClampX), B(0.0), g);
  }
};

// gelu/exp2-p3-q5-rcp/ISA/bf16, gelu/exp2-p4-q7-nr1/ISA/f16 (approx-exp family; AVX-512, float
// inside, rounded once to the 16-bit output)
//   Phi:     with a = min(|x|, 14), Phi(-a) = E Q(a): E = 2^24 e^(-a^2/2) = Exp2Lean of
//            -a^2 log2(e)/2 shifted by 24 (degree kExpDegree; a^2 rounded: 2^-24 relative, 6e-6
//            in E at a = 14); Q(a) = t R(t - 9/16), t = 2/(2 + a), R a fit of scripts/gen-coeffs
//            (degree 5: 2.9e-5 relative, 0.007 bf16 ULP; 7: 1.9e-6). Phi(x) = E Q 2^-24 for
//            x < 0, 1 - E Q 2^-24 for x >= 0: no cancellation (E Q <= 1/2). E carries 2^24 so that
//            x E Q stays normal in float down to x = -14.
//   value:   (x E Q) 2^-24 for x < 0, x (1 - E Q 2^-24) for x >= 0; Q of degree kQValue, t by
//            kDivValue.
//   grad_x:  E (Q + x/sqrt(2 pi)) 2^-24 for x < 0, 1 + E (x/sqrt(2 pi) - Q) 2^-24 for x >= 0, Q of
//            degree kQGrad, t by kDivGrad. The two terms cancel at the root x = -0.7518: no bf16
//            input lies closer than 1.8e-3 (f' >= 7.8e-4, a cancellation of 2.9e2, which the
//            degree-7 Q and t to float precision (a division for bf16: as accurate as rcp14 and
//            a Newton step, and 8% faster on Zen 4) keep under 0.02 ULP; the bare rcp14 measured
//            2 ULP there), f16 ones lie within 1e-4: kPatch takes GeluErfcx's float Taylor patch
//            within 1/2 of the root.
//   range:   below x = -14 GELU is under 2^-133, 0 in both 16-bit formats: f = 0, f' = 0; above
//            14, f = x and f' = 1 (the formulas give that too, but inf * E would be NaN).
//   special: NaN -> NaN; +inf -> +inf, -inf -> 0; gradients 1 and 0; -0 -> -0.
template <int kExpDegree, int kQValue, Div kDivValue, int kQGrad, Div kDivGrad, bool kPatch>
struct GeluLean16 {
  static constexpr float kClampX = 14.0f;
  static constexpr float kUnshift = 0x1p-24f;
  static constexpr float kMinusHalfLog2e = -0x1.715476p-1f;
  static constexpr float kInvSqrt2Pi = 0.398942280401432677940f;

  template <class B>
  struct Parts {
    B e, q;  // 2^24 e^(-a^2/2), Q(a)
  };
  template <int kQDegree, Div kDiv, class B>
  static Parts<B> parts(const B& x) {
    static_assert(std::is_same_v<typename B::value_type, float>, "16-bit outputs, float inside");
    const B a = xsimd::min(B(kClampX), xsimd::abs(x));
    const B e = Exp2Lean<kExpDegree, 24>((a * a) * B(kMinusHalfLog2e));
    const B t = Divide<kDiv>(B(2.0f), B(2.0f) + a);
    return {e, t * Horner<0, 1>(t - B(0.5625f), coeffs::kGeluQF32<kQDegree>)};
  }

  template <class B>
  static B value(const B& x) {
    const Parts<B> p = parts<kQValue, kDivValue>(x);
    const B eq = p.e * p.q;
    const B y = xsimd::select(x < B(0.0f), (x * eq) * B(kUnshift),
                              x * Fnma(eq, B(kUnshift), B(1.0f)));
    return xsimd::select(x < B(-kClampX), B(0.0f), y);
  }

  template <class B>
  static B backward_x(const B& x, const B& dy) {
    const Parts<B> p = parts<kQGrad, kDivGrad>(x);
    const auto neg = x < B(0.0f);
    const B ed = p.e * Fma(x, B(kInvSqrt2Pi), xsimd::select(neg, p.q, -p.q));
    B g = xsimd::select(neg, ed * B(kUnshift), Fma(ed, B(kUnshift), B(1.0f)));
    if constexpr (kPatch) g = WithRootPatch<actbench::detail::GeluGradRoot<float>>(x, g);
    g = xsimd::select(x > B(kClampX), B(1.0f), g);
    return dy * xsimd::select(x < B(-kClampX), B(0.0f), g);
  }
};

}  // namespace actbench::simd
