// Mish as explicit SIMD on f32 and f64 batches of any arch: f(x) = x tanh(softplus x),
// f'(x) = tanh(sp) + x s(x) sech^2(sp).
#pragma once

#include <limits>

#include "actbench/simd/grad_roots.h"
#include "actbench/simd/mish/algorithms.h"
#include "actbench/simd/arch.h"
#include "actbench/simd/exp.h"
#include "actbench/simd/root_patch.h"

namespace actbench::simd {

// mish/rr2-p6-rational/ISA/f32, mish/rr2-p11-rational/ISA/f64 (approx-exp family)
//   e:       E = 2^K e^-|x| (K = 24 / 53, as silu's: Mish ~ x e^x is a normal number down to
//            x = -92.6 in f32 while e^-|x| is subnormal below -87.3), e = E 2^-K.
//   value:   tanh(softplus x) = n / (n + 2), n = e (e + 2), for x <= 0 (computed as
//            (E (e + 2)) / (n + 2) then times 2^-K), and (1 + 2e) / (1 + 2e (1 + e)) for
//            x > 0; times x. One division, nothing cancels or overflows. With FMA (AVX2,
//            AVX-512) the numerator x E (e + 2) is rounded once: E as a pair
//            (ScaledExpNeg::OfSplit), x E and e + 2 as exact pairs.
//   grad_x:  num/den + 4x e (1 + e) (x <= 0 ? 1 : e) / den^2 as one quotient
//            (num den + slope) / den^2, scaled likewise for x <= 0; within 0.5 of the root of f'
//            (x = -1.1924), where the terms cancel, h P(h) instead (simd/root_patch.h).
//   range:   |x| clamped as silu's (103.3 / 744 generic, 110 / 750 AVX-512); below -clamp the
//            result is subnormal or 0 and is flushed to 0.
//   special: NaN -> NaN; +inf -> +inf, -inf -> 0; gradients 1 (f' = 1 beyond the clamp) and 0.
template <int kDegree>
struct MishExpRational {
  template <class B>
  using T = typename B::value_type;
  template <class B>
  static constexpr T<B> kClamp = ScaledExpNeg<B>::kClamp;
  template <class B>
  static constexpr T<B> kUnshift = ScaledExpNeg<B>::kUnshift;

  template <class B>
  struct Parts {
    B num, den, scale, big_e, e;  // num (scaled by 2^K for x <= 0), den, and 2^-K or 1
  };
  template <class B>
  static Parts<B> parts(const B& x) {
    const B one(T<B>(1)), two(T<B>(2));
    const B big_e = ScaledExpNeg<B>::template Of<kDegree>(xsimd::abs(x));
    const B e = big_e * B(kUnshift<B>);
    const auto neg = x <= B(T<B>(0));
    const B num = xsimd::select(neg, big_e * (e + two), Fma(two, e, one));
    const B den = xsimd::select(neg, Fma(e, e + two, two), Fma(e + e, one + e, one));
    return {num, den, xsimd::select(neg, B(kUnshift<B>), one), big_e, e};
  }

  template <class B>
  static B value(const B& x) {
    if constexpr (kHasFma<typename B::arch_type>) {
      const B one(T<B>(1)), two(T<B>(2));
      const auto big_e = ScaledExpNeg<B>::template OfSplit<kDegree>(xsimd::abs(x));
      const B e = big_e.hi * B(kUnshift<B>);
      const auto neg = x <= B(T<B>(0));
      // x <= 0: x E (e + 2) / (e (e + 2) + 2) with E = hi + lo, e + 2 = s + s_lo (exact, as
      // 2 >= e) and x E = u + u_lo, so that the numerator is rounded once
      const B s = e + two;
      const B s_lo = ((two - s) + e) + big_e.lo * B(kUnshift<B>);
      const B u = Mul(x, big_e.hi);
      const B u_lo = Fma(x, big_e.hi, -u) + x * big_e.lo;
      const B num_neg = Fma(u, s, Fma(u, s_lo, u_lo * s));
      const B num = xsimd::select(neg, num_neg, x * Fma(two, e, one));
      const B den = xsimd::select(neg, Fma(e, s, two), Fma(e + e, one + e, one));
      const B y = (num / den) * xsimd::select(neg, B(kUnshift<B>), one);
      return xsimd::select(x < B(-kClamp<B>), B(T<B>(0)), y);
    } else {
      const Parts<B> p = parts(x);
      const B y = (x * (p.num / p.den)) * p.scale;
      return xsimd::select(x < B(-kClamp<B>), B(T<B>(0)), y);
    }
  }

  template <class B>
  static B backward_x(const B& x, const B& dy) {
    const Parts<B> p = parts(x);
    const B one(T<B>(1));
    // 4x E (1 + e) for x <= 0 (scaled), 4x e^2 (1 + e) for x > 0
    const B t = xsimd::select(x <= B(T<B>(0)), p.big_e, p.e * p.e);
    const B slope = x * (B(T<B>(4)) * t * (one + p.e));  // x last: max * 0 = 0, not inf * 0
    B g = (Fma(p.num, p.den, slope) / (p.den * p.den)) * p.scale;
    g = WithRootPatch<actbench::detail::MishGradRoot<T<B>>>(x, g);
    // beyond the clamp: f' = 1 (x * e^2 would be inf * 0 at +inf) or flushed
    g = xsimd::select(x > B(kClamp<B>), one, g);
    return dy * xsimd::select(x < B(-kClamp<B>), B(T<B>(0)), g);
  }
};

}  // namespace actbench::simd
