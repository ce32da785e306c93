// gelu-tanh as explicit SIMD on f32 and f64 batches of any arch: f(x) = x s(z), z = 2u =
// 2 sqrt(2/pi) (x + 0.044715 x^3), f'(x) = s(z) + x s'(z) z'(x).
#pragma once

#include <limits>

#include "actbench/simd/grad_roots.h"
#include "actbench/simd/gelu/simd.h"
#include "actbench/simd/gelu_tanh/algorithms.h"
#include "actbench/simd/arch.h"
#include "actbench/simd/exp.h"
#include "actbench/simd/root_patch.h"

namespace actbench::simd {

// gelu-tanh/rr2-p6-dw-div/ISA/f32, gelu-tanh/rr2-p11-dw-div/ISA/f64 (approx-exp family)
//   z:       2u as z_hi + z_lo: x^2 exact (TwoSquare), c x^2 with c = 0.044715 split in two,
//            1 + c x^2 by TwoSum, times x and 2 sqrt(2/pi) (also split) with FMA residuals. A z
//            rounded to T alone would be off by |z| 2^-p, which e^z turns into |z| ULP: 87 ULP at x
//            = -10 in f32, where f is still a normal number.
//   e:       E = 2^K e^-|z_hi| (K = p + 1) as a pair (ScaledExpNeg::OfSplitFine), times
//            (1 -+ z_lo): e^-|z| to the polynomial's accuracy.
//   value:   x / (1 + e) for x >= 0, (x E / (1 + e)) 2^-K for x < 0 (the scaling keeps normal
//            results whole where e^-|z| is subnormal), with the numerator and 1 + e as pairs
//            and the quotient corrected by its residual (XTimesScaledSigmoid, simd/exp.h).
//   grad_x:  ((1 + e) A + x t z') / (1 + e)^2, A, t = 1, e (x >= 0) or E, E (x < 0, times 2^-K),
//            z' = 2 sqrt(2/pi) (1 + 3c x^2); h P(h) within 0.5 of the root x = -0.7525.
//   range:   |x| clamped at 12 (f32; |z| > 142) or 22 (f64; |z| > 795), where e underflows;
//            beyond it f = x or 0, f' = 1 or 0. Needs a real FMA (AVX2, AVX-512).
//   special: NaN -> NaN; +inf -> +inf, -inf -> 0; gradients 1 and 0.
template <int kDegree, Div kDiv>
struct GeluTanhExp {
  static_assert(kDegree > 0);
  template <class B>
  using T = typename B::value_type;
  template <class B>
  static constexpr T<B> kUnshift = ScaledExpNeg<B>::kUnshift;
  // |z(x)| beyond ScaledExpNeg's clamp past it: 142 at 12 (f32), 795 at 22 (f64)
  template <class B>
  static constexpr T<B> kClampX = T<B>(std::is_same_v<T<B>, float> ? 12 : 22);
  static constexpr long double kC = 0.044715L;
  static constexpr long double kK2 = 1.59576912160573071175978423973752747390L;  // 2 sqrt(2/pi)
  template <class B>
  static constexpr T<B> kCHi = static_cast<T<B>>(kC);
  template <class B>
  static constexpr T<B> kCLo = static_cast<T<B>>(kC - static_cast<long double>(kCHi<B>));
  template <class B>
  static constexpr T<B> kK2Hi = static_cast<T<B>>(kK2);
  template <class B>
  static constexpr T<B> kK2Lo = static_cast<T<B>>(kK2 - static_cast<long double>(kK2Hi<B>));

  template <class B>
  struct Parts {
    B big_e, e, d, dz;  // 2^K e^-|z|, e^-|z|, 1 + e, z'
    B big_hi, big_lo;   // 2^K e^-|z| as a pair
  };
  template <class B>
  static Parts<B> parts(const B& x) {
    const B one(T<B>(1));
    static_assert(kHasFma<typename B::arch_type>, "the residuals need a fused multiply-add");
    const B xc = xsimd::min(B(kClampX<B>), xsimd::max(B(-kClampX<B>), x));
    B p, q;
    TwoSquare(xc, p, q);
    // w = c x^2 = w_hi + w_lo
    const B w_hi = Mul(B(kCHi<B>), p);
    const B w_lo = Fma(B(kCHi<B>), p, -w_hi) + Fma(B(kCLo<B>), p, B(kCHi<B>) * q);
    // s = 1 + w (TwoSum: w may exceed 1)
    const B s_hi = one + w_hi;
    const B bv = s_hi - one;
    const B s_lo = ((one - (s_hi - bv)) + (w_hi - bv)) + w_lo;
    // v = x s, z = k2 v
    const B v_hi = Mul(xc, s_hi);
    const B v_lo = Fma(xc, s_hi, -v_hi) + xc * s_lo;
    const B z_hi = Mul(B(kK2Hi<B>), v_hi);
    const B z_lo = Fma(B(kK2Hi<B>), v_hi, -z_hi) + Fma(B(kK2Lo<B>), v_hi, B(kK2Hi<B>) * v_lo);
    // e^-|z| = e^-|z_hi| (1 - sign(z) z_lo)
    const auto e0 = ScaledExpNeg<B>::template OfSplitFine<kDegree>(xsimd::abs(z_hi));
    const B corr = xsimd::select(z_hi < B(T<B>(0)), z_lo, -z_lo);
    const B big_lo = Fma(e0.hi, corr, e0.lo);
    const B big_e = e0.hi + big_lo;
    const B e = big_e * B(kUnshift<B>);
    const B dz = B(kK2Hi<B>) * Fma(B(T<B>(3) * kCHi<B>), p, one);
    return {big_e, e, one + e, dz, e0.hi, big_lo};
  }

  template <class B>
  static B value(const B& x) {
    const Parts<B> p = parts(x);
    const B y = XTimesScaledSigmoid<kDiv>(x, p.big_hi, p.big_lo);
    return xsimd::select(x < B(-kClampX<B>), B(T<B>(0)), xsimd::select(x > B(kClampX<B>), x, y));
  }

  template <class B>
  static B backward_x(const B& x, const B& dy) {
    const Parts<B> p = parts(x);
    const auto neg = x < B(T<B>(0));
    const B a = xsimd::select(neg, p.big_e, B(T<B>(1)));
    const B t = xsimd::select(neg, p.big_e, p.e);
    const B d2 = Fma(p.e, p.e + B(T<B>(2)), B(T<B>(1)));
    B g = Divide<kDiv>(Fma(x * t, p.dz, a * p.d), d2) *
          xsimd::select(neg, B(kUnshift<B>), B(T<B>(1)));
    g = WithRootPatch<actbench::detail::GeluTanhGradRoot<T<B>>>(x, g);
    g = xsimd::select(x > B(kClampX<B>), B(T<B>(1)), g);
    return dy * xsimd::select(x < B(-kClampX<B>), B(T<B>(0)), g);
  }
};

}  // namespace actbench::simd
