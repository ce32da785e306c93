// softplus (beta = 1) as explicit SIMD on f32 and f64 batches of any arch:
// f(x) = max(x, 0) + log1p(e^-|x|), f'(x) = s(x), g(y) = -expm1(-y).
#pragma once

#include <array>

#include "actbench/simd/arch.h"
#include "actbench/simd/exp.h"
#include "actbench/simd/softplus/algorithms.h"

namespace actbench::simd {

// softplus/rr2-p6-atanh8/ISA/f32, softplus/rr2-p11-atanh17/ISA/f64 (approx-exp family)
//   value:   e = e^-|x| (Cody-Waite + minimax exp, simd/exp.h); log1p(e) = 2 atanh(s) with
//            s = e / (2 + e) in [0, 1/3]: 2s (1 + s^2/3 + s^4/5 + ...), kAtanhTerms terms of
//            the series (truncation below 2^-26 of the result in f32 with 8, 2^-55 in f64 with
//            17); one division, no 1 + e to round, full relative accuracy for x << 0 where
//            softplus ~ e^x. Then max(x, 0) + that.
//   grad_x:  s(x) = (x >= 0 ? 1 : e) / (1 + e).
//   grad_y:  -expm1(-y) (simd/exp.h, Expm1FromReduction): keeps the small gradients of
//            x << 0, where 1 - e^-y cancels.
//   range:   generic ISAs clamp |x| at (bias - 1) ln2 and flush e beyond it (softplus and s are
//            subnormal there: quirk subnormal-flushed); AVX-512 scales by vscalef and keeps
//            them.
//   special: NaN -> NaN; +inf -> +inf (gradient 1), -inf -> 0 (gradient 0).
template <int kExpDegree, int kAtanhTerms>
struct SoftplusExpAtanh {
  template <class B>
  using T = typename B::value_type;
  template <class B>
  static constexpr bool kScalef = kIsAvx512<typename B::arch_type>;
  template <class B>
  static constexpr T<B> kClamp = kScalef<B>
                                     ? static_cast<T<B>>(std::is_same_v<T<B>, float> ? 110 : 750)
                                     : ExpConstT<T<B>>::Ln2Times(ExpConstT<T<B>>::kBias - 1);
  // 1/(2k + 1), k = 1..kAtanhTerms - 1: the series of atanh(s)/s - 1 in s^2.
  template <class B>
  static constexpr std::array<T<B>, kAtanhTerms - 1> kOdd = [] {
    std::array<T<B>, kAtanhTerms - 1> c{};
    for (int k = 1; k < kAtanhTerms; ++k) c[k - 1] = static_cast<T<B>>(1.0L / (2 * k + 1));
    return c;
  }();

  // e^-|x|, flushed beyond the clamp on the generic ISAs.
  template <class B>
  static B ExpNegAbs(const B& x) {
    const B ax = xsimd::abs(x);
    B e = ExpFromReduction<kExpDegree>(Reduce<Exp::kRr2, -1>(xsimd::min(B(kClamp<B>), ax)));
    if constexpr (!kScalef<B>) e = xsimd::select(ax > B(kClamp<B>), B(T<B>(0)), e);
    return e;
  }

  template <class B>
  static B value(const B& x) {
    const B e = ExpNegAbs(x);
    const B s = e / (B(T<B>(2)) + e);
    const B s2 = s * s;
    B p(kOdd<B>.back());
    for (std::size_t k = kOdd<B>.size() - 1; k-- > 0;) p = Fma(p, s2, B(kOdd<B>[k]));
    const B two_s = s + s;
    return xsimd::max(B(T<B>(0)), x) + Fma(two_s * s2, p, two_s);
  }
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    const B e = ExpNegAbs(x);
    return dy * (xsimd::select(x >= B(T<B>(0)), B(T<B>(1)), e) / (B(T<B>(1)) + e));
  }
  template <class B>
  static B backward_y(const B& y, const B& dy) {
    constexpr T<B> kEdge = ExpConstT<T<B>>::Ln2Times(ExpConstT<T<B>>::kBias - 1);
    const B yc = xsimd::min(B(kEdge), xsimd::max(B(T<B>(0)), y));
    return dy * -Expm1FromReduction < kExpDegree == 6 ? 6 : 12 > (Reduce<Exp::kRr2, -1>(yc));
  }
};

}  // namespace actbench::simd
