// tanh as explicit SIMD on f32 batches of any arch: tanh(x) = sign(x) (-m) / (2 + m) with
// m = expm1(-2|x|), tanh'(x) = 4e / (1 + e)^2 with e = e^-2|x|, g(y) = (1 - y)(1 + y).
#pragma once

#include "simd/arch.h"
#include "simd/exp.h"

namespace actbench::simd {

// tanh/{rr1,rr2}-expm1-pN-{div,nr1,nr2,rcp}/ISA/f32 (approx-exp family).
//   value:   m = expm1(-2|x|) (simd/exp.h: no cancellation, full relative accuracy near 0),
//            tanh|x| = -m / (2 + m) by the division method kDiv, sign bit of x put back (odd,
//            -0 -> -0). |x| is clamped at kSat = 9.1, past which tanh rounds to 1; there m is
//            -1 and the quotient exactly 1 for kDiv = div; the estimate-based quotients are
//            set to 1 by a select, so every variant saturates exactly (and rcp, whose estimate
//            may land above 1, is capped at 1).
//   grad_x:  4e / (1 + e)^2 from the input: 4e = 2^(n+2) e^r from the same reduction (the 4
//            goes into the exponent or the polynomial, exactly), (1 + e)^2 = fma(e, e + 2, 1).
//   grad_y:  (1 - y)(1 + y): what frameworks do; 0 once y rounds to 1 (no accuracy claim).
//   range:   tanh'(x) is subnormal for |x| > 64 ln2 = 44.36: generic ISAs flush it to 0 there
//            (quirk subnormal-flushed); AVX-512 scales by vscalefps and gets it right down to
//            2^-128 (|x| < 45.05). tanh itself has no subnormal results other than x itself.
//   special: NaN -> NaN; +-inf -> +-1, gradient 0; +-0 -> +-0, gradient 1; odd to the bit.
//            Monotonic for p4 and p6; p3 has reversals.
//   The -nt ids (Streamed<...>) compute exactly the same values. The registry entries carry
//   these figures with a 5% margin as the kernels' claims.
//   Measured max ULP over normal results (f32: all 2^32 inputs, actbench-accuracy --mode
//   exhaustive; f64: 1.16M-point sample; AMD EPYC Zen 4; 'lost': the error reaches the
//   size of the result, as y (1 - y) does once y rounds to 1):
//   id                                       value  grad_x grad_y
//   tanh/rr2-expm1-p6-div/sse4.2/f32           2.5    2.49   lost
//   tanh/rr2-expm1-p6-div/avx2/f32             2.5    2.38   lost
//   tanh/rr2-expm1-p6-div/avx512/f32           2.5    2.38   lost
//   tanh/rr2-expm1-p6-nr2/sse4.2/f32          3.12    3.71   lost
//   tanh/rr2-expm1-p6-nr2/avx2/f32               3    2.87   lost
//   tanh/rr2-expm1-p6-nr1/avx512/f32             3    2.87   lost
//   tanh/rr2-expm1-p4-div/sse4.2/f32           371    44.1   lost
//   tanh/rr1-expm1-p4-div/avx2/f32             371    46.4   lost
//   tanh/rr1-expm1-p4-rcp/avx512/f32           893     913   lost
//   tanh/rr2-expm1-p3-div/sse4.2/f32       7.14e+03 1.35e+03   lost
//   tanh/rr1-expm1-p3-div/avx2/f32         7.14e+03 1.35e+03   lost
//   tanh/rr1-expm1-p3-rcp/avx512/f32       7.12e+03 1.84e+03   lost
template <Exp kExp, int kDegree, Div kDiv>
struct TanhExpm1 {
  static constexpr float kSat = 9.1f;

  template <class B>
  static constexpr bool kScalef = kIsAvx512<typename B::arch_type>;
  // Where 4 e^-2|x| leaves the normal range (generic), or a bound past which it underflows to 0.
  template <class B>
  static constexpr float kGradClamp = kScalef<B> ? 55.0f : ExpConst::Ln2Times(64);

  template <class B>
  static B value(const B& x) {
    const B z = xsimd::min(B(kSat), xsimd::abs(x));
    const B m = Expm1FromReduction<kDegree>(Reduce<kExp, -2>(z));
    B t = Divide<kDiv>(xsimd::abs(m), B(2.0f) + m);  // |m| = -m, and +0 (not -0) at x = 0
    static_assert(kDiv != Div::kRcp || kScalef<B>, "the bare reciprocal estimate needs rcp14");
    if constexpr (kDiv == Div::kRcp) t = xsimd::min(B(1.0f), t);  // the estimate may exceed 1
    if constexpr (kDiv != Div::kDiv) t = xsimd::select(z == B(kSat), B(1.0f), t);
    return t | xsimd::bitofsign(x);
  }

  template <class B>
  static B backward_x(const B& x, const B& dy) {
    const B ax = xsimd::abs(x);
    const B z = xsimd::min(B(kGradClamp<B>), ax);
    const B e4 = ExpFromReduction<kDegree, 2>(Reduce<kExp, -2, 2>(z));  // 4 e^-2|x|
    const B e = e4 * B(0.25f);
    const B d2 = Fma(e, e + B(2.0f), B(1.0f));  // (1 + e)^2
    B g = Divide<kDiv>(e4, d2);
    if constexpr (!kScalef<B>) g = xsimd::select(ax > B(kGradClamp<B>), B(0.0f), g);
    return dy * g;
  }

  template <class B>
  static B backward_y(const B& y, const B& dy) {
    return dy * ((B(1.0f) - y) * (B(1.0f) + y));
  }
};

// tanh/rr2-expm1-p7-adj/{avx2,avx512}/f32 (approx-exp family, the accurate tier)
//   value:   the same -m / (2 + m), m = expm1(-2|x|), carried in double-float so that little
//            more than the last rounding is left: r + (r^2/2 + r^3 c(r)) by Fast2Sum (degree 7,
//            c[0..2] = 0, 1, 1/2 exactly, scripts/gen-coeffs) with r^2's rounding error kept,
//            2^n - 1 split exactly (Fast2Sum with -1), then 2 + m likewise; the quotient
//            q0 = -m_hi / (2 + m)_hi is corrected by its exact residual (FMA) and the low parts
//            times a reciprocal estimate. |x| is clamped at 9.5 (tanh(9.5) = 1 - 1.1e-8 rounds
//            to 1 with a third of an ULP to spare). Needs exact FMAs: AVX2 and AVX-512 only.
//   grad_x, grad_y: as rr2-expm1-p6-div (TanhExpm1).
//   special: as TanhExpm1: NaN -> NaN, +-inf -> +-1, +-0 -> +-0 (gradient 1), odd.
//   Measured max ULP over normal results (all 2^32 inputs, actbench-accuracy --mode
//   exhaustive; AMD EPYC Zen 4; 99.94% correctly rounded):
//   id                                       value  grad_x grad_y
//   tanh/rr2-expm1-p7-adj/avx2/f32            0.66    2.38   lost
//   tanh/rr2-expm1-p7-adj/avx512/f32          0.66    2.38   lost
template <int kDegree>
struct TanhExpm1Adj {
  static constexpr float kSat = 9.5f;
  using Grad = TanhExpm1<Exp::kRr2, 6, Div::kDiv>;

  template <class B>
  static B value(const B& x) {
    static_assert(kHasFma<typename B::arch_type>, "the exact residuals need a fused multiply-add");
    const B z = xsimd::min(B(kSat), xsimd::abs(x));
    const auto red = Reduce<Exp::kRr2, -2>(z);
    const B r = red.rho * B(-2.0f);  // exact
    const B s = Pow2(red);
    // P = r + u, u = r^2/2 + r^3 c(r), as ph + pl: u rounds once (about 0.1 ULP of P at most:
    // u <= 0.07), r + u is a Fast2Sum, and the rounding error of r^2 goes into pl.
    const B rr = r * r;
    const B rr_lo = Fma(r, r, -rr);
    const B u = Fma(rr * r, Horner<3, 1>(r, coeffs::kExpm1HalfF32<kDegree>), B(0.5f) * rr);
    const B ph = r + u;
    const B pl = Fma(B(0.5f), rr_lo, (r - ph) + u);
    // m = (2^n - 1) + 2^n P as mh + ml; s ph and s pl are exact (s a power of two).
    const B s1 = s - B(1.0f);
    const B s1_lo = (B(-1.0f) - s1) + s;  // Fast2Sum(-1, s): exact for any n <= 0
    const B sp = s * ph;
    const B mh = s1 + sp;
    const B ml = ((s1 - mh) + sp) + Fma(s, pl, s1_lo);
    // tanh|x| = -m / (2 + m): numerator nh + nl, denominator dh + dl, both exact splits.
    const B nh = B(0.0f) - mh;  // +0 at x = 0
    const B dh = B(2.0f) + mh;
    const B dl = ((B(2.0f) - dh) + mh) + ml;
    const B q0 = nh / dh;
    B res = Fnma(q0, dh, nh);  // exact
    res = Fnma(q0, dl, res - ml);
    const B t = Fma(res, RcpEstimate(dh), q0);
    return t | xsimd::bitofsign(x);
  }

  template <class B>
  static B backward_x(const B& x, const B& dy) {
    return Grad::backward_x(x, dy);
  }

  template <class B>
  static B backward_y(const B& y, const B& dy) {
    return Grad::backward_y(y, dy);
  }
};

}  // namespace actbench::simd
