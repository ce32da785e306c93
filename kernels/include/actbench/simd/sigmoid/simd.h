// sigmoid as explicit SIMD on f32 (SigmoidExp: also f64) batches of any arch:
// s(x) = 1 / (1 + e^-x), s'(x) = e / (1 + e)^2 with e = e^-|x|, g(y) = y (1 - y).
#pragma once

#include "actbench/simd/sigmoid/algorithms.h"
#include "actbench/simd/arch.h"
#include "actbench/simd/exp.h"

namespace actbench::simd {

// sigmoid/{rr1,rr2}-pN-{div,nr1,nr2,rcp}/ISA/f32, sigmoid/schraudolph-*/ISA/f32,
// sigmoid/rr2-p11-div/ISA/f64 (approx-exp; the f64 ids are the same template on double batches).
//   value:   1 / (1 + E), E = e^-x, for both signs: no sign split, no select, and no
//            cancellation anywhere (E >= 0). 1 + E is formed by one FMA from the reduction
//            (simd/exp.h), then one quotient by the method kDiv. s = 1 exactly once 1 + E
//            rounds to 1 (x > 16.6), so the value saturates exactly (rcp, the bare estimate,
//            only on AVX-512: rcp14 is exact at 1, 2 and 4).
//   grad_x:  e / (1 + e)^2 with e = e^-|x| and (1 + e)^2 = fma(e, e + 2, 1), one rounding:
//            from the input, never from a rounded s, so it stays accurate where s rounds to 1.
//   grad_y:  y (1 - y): what frameworks do; 0 once y rounds to 1 (no accuracy claim).
//   range:   generic ISAs clamp x to [-87.34, 87.34] (2^n must stay normal) and flush to 0
//            the results whose exact value is subnormal: s(x) for x < -87.34 and s'(x) for
//            |x| > 87.34 (quirk subnormal-flushed). AVX-512 scales by vscalefps and clamps
//            at 110 only to keep inf out: s'(x) is right into the subnormals, s(x) down to
//            2^-128 (x > -88.72), below which E overflows and s(x) is flushed to 0 (and with
//            the estimate-based quotients, below -87.34 as on the generic ISAs).
//   special: NaN -> NaN (value and gradients); +inf -> 1, -inf -> 0, gradients 0; +-0 -> 1/2
//            and 1/4 exactly. Not monotonic to the last ULP (1-ULP reversals near x = 0.06).
//   f64:     the same with double's edges: s = 1 exactly for x > 36.7; generic ISAs clamp at
//            1022 ln2 = 708.4 and flush s(x) below -708.4 and s'(x) beyond 708.4; AVX-512
//            (vscalefpd) clamps at 750 (e^-750 underflows to 0), s'(x) is right into the
//            subnormals and s(x) down to 2^-1024 (x > -709.78), below which E overflows and s
//            is flushed to 0. 1-ULP reversals near x = 0.0625 and 0.125. The degree, 11, is the
//            first whose fit (4.5e-18) is well below the roundings: on a 2.3M-input sample
//            degree 10 (2.2e-16) measured up to 3.4 ULP (value) and 3.6 (grad_x), degree 12 no
//            better than 11. The worst values sit near x = -36.74, where E = 2^53 and 1 + 2^n
//            is no longer exact. An rcp14pd + 2 Newton steps quotient measured 19-23% slower
//            than vdivpd (AVX-512, 2K elements, forward and backward_x), so there is no f64
//            nr id.
//   The -nt ids (Streamed<...>) compute exactly the same values. The registry entries carry
//   these figures with a 5% margin as the kernels' claims.
//   Measured error: the claims of its ids in the kernel list (kernels/<activation>/kernels.inc,
//   measured with a small margin) and, per run, reports/accuracy.csv.
template <Exp kExp, int kDegree, Div kDiv>
struct SigmoidExp {
  // The bare estimate only with rcp14 (AVX-512), which is exact at 1, 2 and 4: rcpps(1) is
  // 1 - 2^-13 on AMD Zen 4 and would break s(0) = 1/2, s'(0) = 1/4 and the saturation at 1.
  template <class B>
  static constexpr bool kRcpOk = kDiv != Div::kRcp || kIsAvx512<typename B::arch_type>;
  // Whether 2^n goes through vscalefps (AVX-512, polynomial exp) or the exponent bits.
  template <class B>
  static constexpr bool kScalef = kIsAvx512<typename B::arch_type>&& kExp != Exp::kSchraudolph;
  // The value keeps subnormal results only with vscalefps and a true division (1 / inf = 0;
  // the reciprocal estimate flushes and its Newton step turns inf into NaN).
  template <class B>
  static constexpr bool kWideValue = kScalef<B>&& kDiv == Div::kDiv;
  // Clamps: kBig keeps inf out of the reduction and still underflows e^-kBig to 0 (float:
  // e^-110 < 2^-149; double: e^-750 < 2^-1074); (bias - 1) ln2 keeps 2^n normal (126 ln2 for
  // float, 1022 ln2 for double).
  template <class B>
  using T = typename B::value_type;
  template <class B>
  static constexpr T<B> kBig = static_cast<T<B>>(sizeof(T<B>) == 4 ? 110 : 750);
  template <class B>
  static constexpr T<B> kNormalEdge = ExpConstT<T<B>>::Ln2Times(ExpConstT<T<B>>::kBias - 1);
  template <class B>
  static constexpr T<B> kClampValue = kWideValue<B> ? kBig<B> : kNormalEdge<B>;
  template <class B>
  static constexpr T<B> kClampGrad = kScalef<B> ? kBig<B> : kNormalEdge<B>;

  template <class B>
  static B value(const B& x) {
    static_assert(kRcpOk<B>, "the bare reciprocal estimate needs rcp14 (AVX-512)");
    const B xc = xsimd::min(B(kClampValue<B>), xsimd::max(B(-kClampValue<B>), x));
    B d;
    if constexpr (kExp == Exp::kSchraudolph) {
      d = B(1.0f) + SchraudolphExp<-1>(xc);
    } else {
      d = OnePlusExpFromReduction<kDegree>(Reduce<kExp, -1>(xc));
    }
    B f = Divide<kDiv>(B(1.0f), d);
    if constexpr (!kWideValue<B>) f = xsimd::select(x < B(-kClampValue<B>), B(0.0f), f);
    return f;
  }

  template <class B>
  static B backward_x(const B& x, const B& dy) {
    static_assert(kRcpOk<B>, "the bare reciprocal estimate needs rcp14 (AVX-512)");
    const B ax = xsimd::abs(x);
    const B z = xsimd::min(B(kClampGrad<B>), ax);
    B e;  // e^-|x|
    if constexpr (kExp == Exp::kSchraudolph)
      e = SchraudolphExp<-1>(z);
    else
      e = ExpFromReduction<kDegree>(Reduce<kExp, -1>(z));
    B g = OverOnePlusSquared<kDiv>(e, e);
    if constexpr (!kScalef<B>) g = xsimd::select(ax > B(kClampGrad<B>), B(0.0f), g);
    return dy * g;
  }

  template <class B>
  static B backward_y(const B& y, const B& dy) {
    return dy * (y * (B(1.0f) - y));
  }
};

// sigmoid/rr2-lut32-p2-{div,nr1}/avx512/f32 (lut family)
//   The same formulas as SigmoidExp, with e^t from a 32-entry table of 2^(k/32) held in two
//   zmm registers (one vpermt2ps per vector) and a degree-2 polynomial on |r| <= ln2/64
//   (simd/exp.h, ExpLut32): one polynomial step fewer than rr2-p5 for similar accuracy, and
//   vscalefps, so subnormal results are kept down to 2^-128 as in the AVX-512 approx-exp
//   kernels. Clamp at 110 keeps inf out (e^-110 underflows to 0). Monotonic (the table
//   absorbs the reduction boundaries).
//   Measured error: the claims of its ids in the kernel list (kernels/<activation>/kernels.inc,
//   measured with a small margin) and, per run, reports/accuracy.csv.
template <Div kDiv>
struct SigmoidLut32 {
  static constexpr float kClamp = 110.0f;

  template <class B>
  static B value(const B& x) {
    const B xc = xsimd::min(B(kClamp), xsimd::max(B(-kClamp), x));
    B f = Divide<kDiv>(B(1.0f), B(1.0f) + ExpLut32<-1>(xc));
    // The Newton step would turn 1 / inf into NaN: flush where the result is subnormal anyway.
    if constexpr (kDiv != Div::kDiv) f = xsimd::select(x < B(-ExpConst::Ln2Times(126)), B(0.0f), f);
    return f;
  }

  template <class B>
  static B backward_x(const B& x, const B& dy) {
    const B e = ExpLut32<-1>(xsimd::min(B(kClamp), xsimd::abs(x)));  // e^-|x|
    return dy * OverOnePlusSquared<kDiv>(e, e);
  }

  template <class B>
  static B backward_y(const B& y, const B& dy) {
    return dy * (y * (B(1.0f) - y));
  }
};

// sigmoid/rr2-p7-adj/{avx2,avx512}/f32 (approx-exp family, the accurate tier)
//   value:   1 / D, D = 1 + 2^n e^r carried in double-float so that little more than the last
//            rounding is left: e^r - 1 = r + (r^2/2 + r^3 c(r)) by Fast2Sum (degree 7, c[0..2]
//            = 0, 1, 1/2 exactly) with r^2's rounding error kept, 1 + 2^n split exactly
//            (Fast2Sum on max/min), D = (1 + 2^n) + 2^n (e^r - 1) likewise; q0 = 1 / D_hi is
//            then corrected by its exact residual 1 - q0 D_hi - q0 D_lo (FMAs). Edges as the
//            generic approx-exp kernels: clamp at 126 ln2, results below it flushed to 0.
//   grad_x, grad_y: as rr2-p6-div (SigmoidExp).
//   Measured error: the claims of its ids in the kernel list (kernels/<activation>/kernels.inc,
//   measured with a small margin) and, per run, reports/accuracy.csv.
template <int kDegree>
struct SigmoidExpAdj : GradientsOf<SigmoidExp<Exp::kRr2, 6, Div::kDiv>> {
  static constexpr float kClamp = ExpConst::Ln2Times(126);

  template <class B>
  static B value(const B& x) {
    static_assert(kHasFma<typename B::arch_type>, "the exact residuals need a fused multiply-add");
    const B xc = xsimd::min(B(kClamp), xsimd::max(B(-kClamp), x));
    const auto red = Reduce<Exp::kRr2, -1>(xc);
    const B r = -red.rho;
    const B s = Pow2(red);
    const auto [ph, pl] = Expm1DoubleFloat<kDegree>(r);  // e^r - 1
    // D = 1 + s + s ph + s pl as dh + dl (s ph, s pl exact: s is a power of two).
    const B big = xsimd::max(B(1.0f), s), small = xsimd::min(B(1.0f), s);
    const B a = big + small;
    const B a_lo = (big - a) + small;
    const B sp = s * ph;
    const B dh = a + sp;
    const B dl = ((a - dh) + sp) + Fma(s, pl, a_lo);
    // 1 / (dh + dl): q0 = 1 / dh, then one correction by the exact residual.
    const B q0 = B(1.0f) / dh;
    const B res = Fnma(q0, dl, Fnma(q0, dh, B(1.0f)));
    const B f = Fma(res, q0, q0);
    return xsimd::select(x < B(-kClamp), B(0.0f), f);
  }
};

// Contract (sigmoid/exp2-p3-rcp for bf16, exp2-p4-rcp for f16; AVX-512, float inside):
//   8 (bf16) or 11 (f16) bits need neither the Cody-Waite reduction, the clamps, the sign split
//   nor the division of the float kernels: e = 2^(-x log2 e) (Exp2Lean: 1.0e-4 / 2.8e-6
//   relative), s = rcp14(1 + e) (2^-14 relative; exact at 1 and 2, so s(0) = 1/2, s(+inf) = 1,
//   s(-inf) = rcp14(inf) = 0). The rounding of t = -x log2 e costs 2^-24 |t| relative in e,
//   under 0.002 bf16 ULP where s is not saturated.
//   grad from x: e / (1 + e)^2 = e r r with e = 2^(-|x| log2 e), r = rcp14(1 + e): relative
//   accuracy on both tails. grad from y: y (1 - y), as the float kernels.
//   Specials: NaN -> NaN; +-inf -> the limits. Below x = -88.7, 2^t overflows and s comes out
//   0 where it is still a (subnormal) float: the kernel flushes those results.
//   Accuracy, all 65,536 inputs: see the claims in sigmoid/kernels.inc.
template <int kDegree>
struct SigmoidLean16 {
  static constexpr float kMinusLog2e = -0x1.715476p0f;

  template <class B>
  static B value(const B& x) {
    const B e = Exp2Lean<kDegree>(x * B(kMinusLog2e));
    return RcpEstimate(B(1.0f) + e);
  }

  template <class B>
  static B backward_x(const B& x, const B& dy) {
    const B e = Exp2Lean<kDegree>(xsimd::abs(x) * B(kMinusLog2e));
    const B r = RcpEstimate(B(1.0f) + e);
    return dy * ((e * r) * r);
  }

  template <class B>
  static B backward_y(const B& y, const B& dy) {
    return dy * (y * (B(1.0f) - y));
  }
};

}  // namespace actbench::simd
