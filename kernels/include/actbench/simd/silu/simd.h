// SiLU as explicit SIMD on f32 and f64 batches of any arch: f(x) = x s(x),
// f'(x) = s(x) + x e/(1+e)^2, e = e^-|x|.
#pragma once

#include <limits>

#include "actbench/simd/grad_roots.h"
#include "actbench/simd/silu/algorithms.h"
#include "actbench/simd/arch.h"
#include "actbench/simd/exp.h"
#include "actbench/simd/root_patch.h"

namespace actbench::simd {

// silu/rr2-p6-{div,nr1}/ISA/f32, silu/rr2-p11-div/ISA/f64 (approx-exp family)
//   e:       E = 2^K e^-|x| (K = p + 1: 24 for f32, 53 for f64) from the Cody-Waite reduction
//            and the minimax exp (simd/exp.h, ExpShiftedFromReduction), so that x s(x), which
//            is a normal number down to x = -92.6 (f32) while e^-|x| is subnormal below -87.3,
//            keeps every bit; e = E 2^-K (exact where it matters: 1 + e).
//   value:   x / (1 + e) for x >= 0; (x (E / (1 + e))) 2^-K for x < 0: one quotient (kDiv)
//            and no cancellation anywhere.
//   grad_x:  (A (1 + e) + x t) / (1 + e)^2 with A, t = 1, e (x >= 0) or E, E (x < 0, then
//            times 2^-K): s + x e/(1+e)^2 in one quotient; within 0.5 of the root of f'
//            (x = -1.2785), where the two terms cancel, h P(h) instead (simd/root_patch.h).
//   range:   |x| is clamped where 2^(n + K) would leave the normal exponents (103.3 in f32,
//            744 in f64; AVX-512 scales by vscalef and clamps at 110 / 750 only to keep inf
//            out); below -clamp the result is subnormal or 0 and is flushed to 0.
//   special: NaN -> NaN; +inf -> +inf, -inf -> 0; gradients 1 (f' = 1 beyond the clamp) and 0.
template <int kDegree, Div kDiv>
struct SiluExp {
  template <class B>
  using T = typename B::value_type;
  template <class B>
  static constexpr T<B> kClamp = ScaledExpNeg<B>::kClamp;
  template <class B>
  static constexpr T<B> kUnshift = ScaledExpNeg<B>::kUnshift;

  template <class B>
  struct Parts {
    B big_e, e, d;  // 2^K e^-|x|, e^-|x|, 1 + e
  };
  template <class B>
  static Parts<B> parts(const B& x) {
    const B big_e = ScaledExpNeg<B>::template Of<kDegree>(xsimd::abs(x));
    const B e = big_e * B(kUnshift<B>);
    return {big_e, e, B(T<B>(1)) + e};
  }

  template <class B>
  static B value(const B& x) {
    const Parts<B> p = parts(x);
    const auto neg = x < B(T<B>(0));
    const B q = Divide<kDiv>(xsimd::select(neg, p.big_e, B(T<B>(1))), p.d);
    const B y = (x * q) * xsimd::select(neg, B(kUnshift<B>), B(T<B>(1)));
    return xsimd::select(x < B(-kClamp<B>), B(T<B>(0)), y);
  }

  template <class B>
  static B backward_x(const B& x, const B& dy) {
    const Parts<B> p = parts(x);
    const auto neg = x < B(T<B>(0));
    const B a = xsimd::select(neg, p.big_e, B(T<B>(1)));
    const B t = xsimd::select(neg, p.big_e, p.e);
    const B d2 = Fma(p.e, p.e + B(T<B>(2)), B(T<B>(1)));
    B g = Divide<kDiv>(Fma(x, t, a * p.d), d2) * xsimd::select(neg, B(kUnshift<B>), B(T<B>(1)));
    g = WithRootPatch<actbench::detail::SiluGradRoot<T<B>>>(x, g);
    // beyond the clamp: f' = 1 (x * e would be inf * 0 at +inf) or flushed
    g = xsimd::select(x > B(kClamp<B>), B(T<B>(1)), g);
    return dy * xsimd::select(x < B(-kClamp<B>), B(T<B>(0)), g);
  }
};

// silu/rr2-p6-dw-div/ISA/f32, silu/rr2-p11-dw-div/ISA/f64 (approx-exp family, accurate tier)
//   e:       E = 2^K e^-|x| as hi + lo (ScaledExpNeg::OfSplitFine: the polynomial's error and
//            about 0.03 ULP remain), e = E 2^-K.
//   value:   x / (1 + e) or x E / (1 + e) 2^-K with the numerator and 1 + e as pairs and the
//            quotient corrected by its residual (XTimesScaledSigmoid, simd/exp.h). Off by its
//            last rounding and e's error, which 1 + e scales down: under 1 ULP.
//   grad_x:  (1 + e + x e) / d^2 for x >= 0; E ((1 + x) + e) / d^2 for x < 0, where 1 + x is
//            exact and (1 + x) + e cancels exactly (Sterbenz) near the root; d^2 from d + d_lo.
//            Within 0.5 of the root x = -1.2785, h P(h) (simd/root_patch.h), as rr2-p6-div.
//   range:   as SiluExp: beyond the clamp f = x (x > 0) or 0, f' = 1 or 0.
//   special: NaN -> NaN; +-inf -> +inf, 0; -0 -> -0.
template <int kDegree>
struct SiluExpDw {
  template <class B>
  using T = typename B::value_type;
  template <class B>
  static constexpr T<B> kClamp = ScaledExpNeg<B>::kClamp;
  template <class B>
  static constexpr T<B> kUnshift = ScaledExpNeg<B>::kUnshift;

  template <class B>
  struct Parts {
    typename ScaledExpNeg<B>::Split big;  // 2^K e^-|x|
    B e, e_lo, d, d_lo;                   // e^-|x| and 1 + e, as pairs
  };
  template <class B>
  static Parts<B> parts(const B& x) {
    static_assert(kHasFma<typename B::arch_type>, "the pairs need a fused multiply-add");
    const B one(T<B>(1));
    Parts<B> p{ScaledExpNeg<B>::template OfSplitFine<kDegree>(xsimd::abs(x)), {}, {}, {}, {}};
    p.e = p.big.hi * B(kUnshift<B>);
    p.e_lo = p.big.lo * B(kUnshift<B>);
    p.d = one + p.e;  // e <= 1: Fast2Sum
    p.d_lo = ((one - p.d) + p.e) + p.e_lo;
    return p;
  }

  template <class B>
  static B value(const B& x) {
    const auto big = ScaledExpNeg<B>::template OfSplitFine<kDegree>(xsimd::abs(x));
    const B y = XTimesScaledSigmoid<Div::kDiv>(x, big.hi, big.lo);
    return xsimd::select(x < B(-kClamp<B>), B(T<B>(0)), xsimd::select(x > B(kClamp<B>), x, y));
  }

  template <class B>
  static B backward_x(const B& x, const B& dy) {
    const Parts<B> p = parts(x);
    const B one(T<B>(1)), zero(T<B>(0));
    const auto neg = x < zero;
    const B c = ((one + x) + p.e) + p.e_lo;
    const B num = xsimd::select(neg, Fma(p.big.hi, c, p.big.lo * c), Fma(x, p.e, p.d));
    const B den = Fma(p.d, p.d, B(T<B>(2)) * p.d * p.d_lo);
    B g = (num / den) * xsimd::select(neg, B(kUnshift<B>), one);
    g = WithRootPatch<actbench::detail::SiluGradRoot<T<B>>>(x, g);
    g = xsimd::select(x > B(kClamp<B>), one, g);
    return dy * xsimd::select(x < B(-kClamp<B>), zero, g);
  }
};

// silu/exp2-p3-rcp/ISA/bf16, silu/exp2-p4-nr1/ISA/f16 (approx-exp family; AVX-512, float inside,
// rounded once to the 16-bit output)
//   e:       E = 2^24 e^-|x| = Exp2Lean of -|x| log2(e) shifted by 24 (degree kExpDegree: 1.0e-4
//            relative at 3, 2.8e-6 at 4), e = E 2^-24 in 1 + e; E keeps x E normal in float where e^-|x| is
//            subnormal (x < -87.3; SiLU is normal down to -92.6).
//   value:   x / (1 + e) for x >= 0, (x E / (1 + e)) 2^-24 for x < 0, the reciprocal by kDiv.
//   grad_x:  (1 + e + x e) / (1 + e)^2 for x >= 0, E ((1 + x) + e) / (1 + e)^2 2^-24 for x < 0,
//            1 + x exact near the root x = -1.2785, where (1 + x) + e cancels: no bf16 input lies
//            closer than 2.7e-3 (a cancellation of about 50, which turns the degree-3 fit's
//            1.0e-4 into a quarter ULP: 0.75 ULP measured), f16 ones do: kPatch takes SiluExp's
//            float Taylor patch within 1/2 of the root.
//   range:   below x = -100 SiLU is under 2^-137, 0 in both 16-bit formats: f = 0, f' = 0 (x E
//            would be -inf * 0); above 100, f' = 1 (x e would be inf * 0).
//   special: NaN -> NaN; +inf -> +inf, -inf -> 0; gradients 1 and 0; -0 -> -0.
template <int kExpDegree, Div kDiv, bool kPatch>
struct SiluLean16 {
  static constexpr float kClampX = 100.0f;
  static constexpr float kUnshift = 0x1p-24f;
  static constexpr float kMinusLog2e = -0x1.715476p0f;

  template <class B>
  struct Parts {
    B big_e, e, r;  // 2^24 e^-|x|, e^-|x|, 1/(1 + e)
  };
  template <class B>
  static Parts<B> parts(const B& x) {
    static_assert(std::is_same_v<typename B::value_type, float>, "16-bit outputs, float inside");
    const B big_e = Exp2Lean<kExpDegree, 24>(xsimd::abs(x) * B(kMinusLog2e));
    const B e = big_e * B(kUnshift);
    return {big_e, e, Divide<kDiv>(B(1.0f), B(1.0f) + e)};
  }

  template <class B>
  static B value(const B& x) {
    const Parts<B> p = parts(x);
    const auto neg = x < B(0.0f);
    const B y = ((x * xsimd::select(neg, p.big_e, B(1.0f))) * p.r) *
                xsimd::select(neg, B(kUnshift), B(1.0f));
    return xsimd::select(x < B(-kClampX), B(0.0f), y);
  }

  template <class B>
  static B backward_x(const B& x, const B& dy) {
    const Parts<B> p = parts(x);
    const B one(1.0f);
    const auto neg = x < B(0.0f);
    const B num = xsimd::select(neg, p.big_e * ((one + x) + p.e), Fma(x, p.e, one + p.e));
    B g = (num * (p.r * p.r)) * xsimd::select(neg, B(kUnshift), one);
    if constexpr (kPatch) g = WithRootPatch<actbench::detail::SiluGradRoot<float>>(x, g);
    g = xsimd::select(x > B(kClampX), one, g);
    return dy * xsimd::select(x < B(-kClampX), B(0.0f), g);
  }
};

}  // namespace actbench::simd
