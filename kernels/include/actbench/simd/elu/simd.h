// ELU (alpha = 1) as explicit SIMD on f32 and f64 batches of any arch.
#pragma once

#include "actbench/simd/elu/algorithms.h"
#include "actbench/simd/arch.h"
#include "actbench/simd/exp.h"

namespace actbench::simd {

// elu/rr2-expm1-p6/ISA/f32, elu/rr2-expm1-p12/ISA/f64 (approx-exp family)
//   value:   x for x > 0, else expm1(x) = (2^n - 1) + 2^n (r + r^2 c(r)) (simd/exp.h,
//            Expm1FromReduction): nothing cancels near 0, where the result is r + r^2 c(r)
//            with the polynomial's relative accuracy. x is clamped to [-(bias - 1) ln2, 0]
//            first (2^n stays normal; expm1 is -1 long before).
//   grad_x:  dy for x > 0, else dy e^x (ExpFromReduction): generic ISAs clamp at
//            -(bias - 1) ln2 and flush the subnormal e^x below it to 0; AVX-512 scales by
//            vscalef and keeps them.
//   grad_y:  dy for y > 0, else dy (y + 1): elu_backward from the result; y + 1 loses the
//            gradient once y rounds to -1 (x < -17.3 in f32), where e^x is still normal.
//   NaN propagates (max/min return the NaN operand, comparisons select the exp branch).
template <int kExpm1Degree, int kExpDegree>
struct EluExpm1 {
  template <class B>
  using T = typename B::value_type;
  template <class B>
  static constexpr T<B> kNormalEdge = -ExpConstT<T<B>>::Ln2Times(ExpConstT<T<B>>::kBias - 1);
  template <class B>
  static constexpr T<B> kBig = static_cast<T<B>>(std::is_same_v<T<B>, float> ? -110 : -750);

  template <class B>
  static B value(const B& x) {
    const B xc = xsimd::min(B(T<B>(0)), xsimd::max(B(kNormalEdge<B>), x));
    const B m = Expm1FromReduction<kExpm1Degree>(Reduce<Exp::kRr2, 1>(xc));
    return xsimd::select(x > B(T<B>(0)), x, m);
  }
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    constexpr bool kScalef = kIsAvx512<typename B::arch_type>;
    constexpr T<B> kLo = kScalef ? kBig<B> : kNormalEdge<B>;
    const B xc = xsimd::min(B(T<B>(0)), xsimd::max(B(kLo), x));
    B e = ExpFromReduction<kExpDegree>(Reduce<Exp::kRr2, 1>(xc));
    if constexpr (!kScalef) e = xsimd::select(x < B(kLo), B(T<B>(0)), e);
    return dy * xsimd::select(x > B(T<B>(0)), B(T<B>(1)), e);
  }
  template <class B>
  static B backward_y(const B& y, const B& dy) {
    return dy * xsimd::select(y > B(T<B>(0)), B(T<B>(1)), y + B(T<B>(1)));
  }
};

}  // namespace actbench::simd
