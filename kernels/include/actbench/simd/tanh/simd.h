// tanh as explicit SIMD on f32 (TanhExpm1: also f64) batches of any arch:
// tanh(x) = sign(x) (-m) / (2 + m) with m = expm1(-2|x|), tanh'(x) = 4e / (1 + e)^2 with
// e = e^-2|x|, g(y) = (1 - y)(1 + y).
#pragma once

#include <array>
#include <tuple>
#include <type_traits>

#include "actbench/simd/arch.h"
#include "actbench/simd/exp.h"
#include "actbench/simd/tanh/algorithms.h"

namespace actbench::simd {

// tanh/{rr1,rr2}-expm1-pN-{div,nr1,nr2,rcp}/ISA/f32, tanh/rr2-expm1-p12-div/ISA/f64 (approx-exp
// family; the f64 ids are the same template on double batches).
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
//   f64:     the same with double's edges: kSat = 19.1; tanh'(x) is subnormal for
//            |x| > 512 ln2 = 354.9, flushed there by the generic ISAs, right down to the
//            smallest subnormal with AVX-512 (vscalefpd; clamp at 380, where 4 e^-760
//            underflows to 0). Monotonic on the samples below. The degree, 12, is the first
//            whose expm1 fit (3.0e-19) leaves no trace: degree 11 (2.0e-17) has the same maximum
//            but 1.80 ULP instead of 1.69 on (0, 0.17]; the gradient uses the degree-12 exp
//            fit. The worst values (2.5 ULP) are where tanh is near 1 (x ~ 5.6 and 9.3): m is
//            near -1 and its last-bit error moves -m / (2 + m) by twice as many ULPs, as in
//            f32. An rcp14pd + 2 Newton steps quotient measured 17-22% slower than vdivpd
//            (AVX-512, 2K elements, forward and backward_x) and less accurate (2.97 ULP on a
//            2.3M-input sample), so there is no f64 nr id.
//   The -nt ids (Streamed<...>) compute exactly the same values. The registry entries carry
//   these figures with a 5% margin as the kernels' claims.
//   Measured error: the claims of its ids in the kernel list (kernels/<activation>/kernels.inc,
//   measured with a small margin) and, per run, reports/accuracy.csv.
template <Exp kExp, int kDegree, Div kDiv>
struct TanhExpm1 {
  template <class B>
  using T = typename B::value_type;
  // Past kSat, tanh rounds to 1: 1 - tanh z ~ 2 e^-2z is below half an ULP of 1 from
  // z = 13 ln2 = 9.01 (float) and 27.5 ln2 = 19.06 (double) on.
  template <class B>
  static constexpr T<B> kSat = sizeof(T<B>) == 4 ? T<B>(9.1f) : T<B>(19.1);

  template <class B>
  static constexpr bool kScalef = kIsAvx512<typename B::arch_type>;
  // Where 4 e^-2|x| leaves the normal range (generic: (bias + 1)/2 ln2, 64 ln2 for float and
  // 512 ln2 for double), or a bound past which it underflows to 0 (float 55, double 380).
  template <class B>
  static constexpr T<B> kGradClamp = kScalef<B>
                                         ? static_cast<T<B>>(sizeof(T<B>) == 4 ? 55 : 380)
                                         : ExpConstT<T<B>>::Ln2Times((ExpConstT<T<B>>::kBias + 1) /
                                                                     2);

  template <class B>
  static B value(const B& x) {
    const B z = xsimd::min(B(kSat<B>), xsimd::abs(x));
    const B m = Expm1FromReduction<kDegree>(Reduce<kExp, -2>(z));
    B t = Divide<kDiv>(xsimd::abs(m), B(2.0f) + m);  // |m| = -m, and +0 (not -0) at x = 0
    static_assert(kDiv != Div::kRcp || kScalef<B>, "the bare reciprocal estimate needs rcp14");
    if constexpr (kDiv == Div::kRcp) t = xsimd::min(B(1.0f), t);  // the estimate may exceed 1
    if constexpr (kDiv != Div::kDiv) t = xsimd::select(z == B(kSat<B>), B(1.0f), t);
    return t | xsimd::bitofsign(x);
  }

  template <class B>
  static B backward_x(const B& x, const B& dy) {
    const B ax = xsimd::abs(x);
    const B z = xsimd::min(B(kGradClamp<B>), ax);
    const B e4 = ExpFromReduction<kDegree, 2>(Reduce<kExp, -2, 2>(z));  // 4 e^-2|x|
    const B e = e4 * B(0.25f);
    B g = OverOnePlusSquared<kDiv>(e4, e);
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
//   Measured error: the claims of its ids in the kernel list (kernels/<activation>/kernels.inc,
//   measured with a small margin) and, per run, reports/accuracy.csv.
template <int kDegree>
struct TanhExpm1Adj : GradientsOf<TanhExpm1<Exp::kRr2, 6, Div::kDiv>> {
  static constexpr float kSat = 9.5f;

  template <class B>
  static B value(const B& x) {
    static_assert(kHasFma<typename B::arch_type>, "the exact residuals need a fused multiply-add");
    const B z = xsimd::min(B(kSat), xsimd::abs(x));
    const auto red = Reduce<Exp::kRr2, -2>(z);
    const B r = red.rho * B(-2.0f);  // exact
    const B s = Pow2(red);
    const auto [ph, pl] = Expm1DoubleFloat<kDegree>(r);  // P = e^r - 1
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
};

// The derivatives of the kernels whose forward pass costs less than an exponential (pw16,
// rational): tanh'(x) = 4e / (1 + e)^2, e = e^-2|x|, on AVX-512 through the table exponential
// (ExpLut32, the 4 folded into the table), as fast as their forward pass (the polynomial
// exponential of TanhExpm1 left them at 0.65 of it); accurate down to the subnormal range
// (|x| = 44.4, vscalefps); |x| clamped at 55, where 4e has underflowed to 0; NaN -> NaN.
// Elsewhere as TanhExpm1. backward_y: (1 - y)(1 + y), as TanhExpm1.
struct TanhGradFast {
  using Generic = TanhExpm1<Exp::kRr2, 6, Div::kDiv>;
  static constexpr float kClamp = 55.0f;

  template <class B>
  static B backward_x(const B& x, const B& dy) {
    if constexpr (kIsAvx512<typename B::arch_type>) {
      const B e4 = ExpLut32<-2, 2>(xsimd::min(B(kClamp), xsimd::abs(x)));  // 4 e^-2|x|
      const B e = e4 * B(0.25f);
      return dy * OverOnePlusSquared<Div::kDiv>(e4, e);
    } else {
      return Generic::backward_x(x, dy);
    }
  }

  template <class B>
  static B backward_y(const B& y, const B& dy) {
    return Generic::backward_y(y, dy);
  }
};

// tanh/pw16-p6/avx512/f32 (lut family): a piecewise polynomial whose pieces sit in registers.
//   value:   z = min(|x|, 10); slot s = max(bits(z) >> 22, bits(1/16) >> 22) mod 16 (the
//            exponent's low 3 bits and the top significand bit: two pieces per binade on
//            [1/8, 16), one piece for [0, 1/8)); the piece's seven coefficients and left end
//            are read by one vpermps each from 8 zmm registers, and tanh z = P_s(z - left_s)
//            by Horner's rule (degree 6, scripts/gen-coeffs: kTanhPw16F32P6). z - left is
//            exact. The piece at 0 has c0 = 0, c1 = 1 (tiny x -> x, -0 -> -0); the last piece
//            reaches the clamp, where it rounds to 1 (exact saturation). No exponential, no
//            division: 6 FMAs. Sign bit of x put back (odd to the bit). NaN: z - left is NaN.
//            A 32-slot version (4 pieces per binade, degree 5, vpermt2ps from register pairs)
//            measured slower on Zen 4: its two-source permutes cost more than the extra FMA.
//   grad_x:  4e / (1 + e)^2 by the table exponential (TanhGradFast): the pieces approximate
//            tanh, not 1 - tanh^2, whose relative accuracy needs e^-2|x| out to |x| = 45.
//   grad_y:  (1 - y)(1 + y), as TanhExpm1 (no claim).
//   special: NaN -> NaN, +-inf -> +-1, +-0 -> +-0 (gradient 1). Not monotonic: the last
//            FMA multiplies t by a rounded 1 - t^2/3 + ..., whose one-ULP steps can step the
//            result back by one ULP (seen at x = 0.1246).
//   Measured error: the claims of its ids in the kernel list (kernels/<activation>/kernels.inc,
//   measured with a small margin) and, per run, reports/accuracy.csv.
//   The -nt id (Streamed<TanhPw16>) computes exactly the same values.
struct TanhPw16 : TanhGradFast {
  static constexpr float kClamp = 10.0f;
  static constexpr int kSlotOfSixteenth = 0x3d800000 >> 22;  // bits(1/16) >> 22

  template <class B>
  static B value(const B& x) {
    static_assert(kIsAvx512<typename B::arch_type>, "16-entry register tables need vpermps");
    const auto& c = coeffs::kTanhPw16F32P6;
    constexpr int kDegree = std::tuple_size_v<std::remove_cvref_t<decltype(c)>> - 1;
    const B z = xsimd::min(B(kClamp), xsimd::abs(x));  // (vrangeps would drop NaNs)
    const __m512i slot = _mm512_max_epi32(_mm512_srli_epi32(_mm512_castps_si512(z), 22),
                                          _mm512_set1_epi32(kSlotOfSixteenth));
    auto lookup = [&](const std::array<float, 16>& table) -> B {
      return _mm512_permutexvar_ps(slot, _mm512_loadu_ps(table.data()));
    };
    const B t = z - lookup(coeffs::kTanhPw16Left);
    B p = lookup(c[kDegree]);
    for (int i = kDegree - 1; i >= 0; --i) p = Fma(p, t, lookup(c[i]));
    return p | xsimd::bitofsign(x);
  }
};

// Contract (tanh/exp2-p3-rcp for bf16, exp2-p4-rcp for f16; AVX-512, float inside):
//   |x| >= 1/2: tanh|x| = 1 - 2 e r, e = 2^(-2|x| log2 e) in (0, 1/e] (Exp2Lean), r = rcp14(1 + e):
//   absolute error about 2^-14 + 2 e (the 2^f fit's 1.0e-4 / 2.8e-6), against tanh|x| >= 0.46.
//   |x| < 1/2, where that cancels: |x| + |x|^3 P(x^2) (coeffs::kTanhSmallF32, 6.4e-7 relative).
//   The sign comes back by copysign, so tanh(-0) = -0 and odd symmetry is exact.
//   grad from x: 1 - tanh^2 = 4 e r^2 everywhere (no cancellation; exact 1 at 0: rcp14(2) = 1/2).
//   grad from y: 1 - y^2, as the float kernels.
//   Specials: NaN -> NaN, +-inf -> +-1 (e = 0).
template <int kDegree>
struct TanhLean16 {
  static constexpr float kMinus2Log2e = -0x1.715476p1f;

  template <class B>
  static B value(const B& x) {
    const B a = xsimd::abs(x);
    const B e = Exp2Lean<kDegree>(a * B(kMinus2Log2e));
    const B big = Fnma(B(2.0f) * e, RcpEstimate(B(1.0f) + e), B(1.0f));
    const auto& c = coeffs::kTanhSmallF32<7>;
    const B a2 = a * a;
    const B p = Fma(Fma(B(c[7]), a2, B(c[5])), a2, B(c[3]));
    const B small = Fma(p, a2 * a, a);
    return xsimd::copysign(xsimd::select(a < B(0.5f), small, big), x);
  }

  template <class B>
  static B backward_x(const B& x, const B& dy) {
    const B e = Exp2Lean<kDegree>(xsimd::abs(x) * B(kMinus2Log2e));
    const B r = RcpEstimate(B(1.0f) + e);
    return dy * ((B(4.0f) * e) * (r * r));
  }

  template <class B>
  static B backward_y(const B& y, const B& dy) {
    return dy * Fnma(y, y, B(1.0f));
  }
};

// tanh/rational-5-4-rcp/ISA/bf16, tanh/rational-7-6-div/ISA/f16 (rational family; AVX-512,
// float inside, rounded once to the 16-bit output)
//   value:   tanh x ~ z P(z^2) / Q(z^2), z = min(|x|, c), the sign of x put back by its bit: a
//            direct K/M rational (scripts/gen-coeffs: bf16 5/4, 6.8e-6 relative, c = 3.6, past
//            3.466 where tanh rounds to 1 in bf16; f16 7/6, 7.8e-8, c = 4.6, past 4.506), the
//            quotient by kDiv (bf16: the bare rcp14, 2^-14; f16: a division, which measured
//            faster than rcp14 and a Newton step on Zen 4: 7.9 against 6.5 elements/ns at 2K).
//            Float's roundings (a few 2^-24) and the fit are far below 8 or 11 bits, so where
//            the float kernels need the doubling formula (tanh/rational.h) the direct form does;
//            the clamp needs no select: the rational at c rounds to 1, and +-inf and NaN go
//            through min and the sign bit (NaN stays NaN: min returns its second operand).
//   grad:    TanhLean16's (4 e r^2 from the input, 1 - y^2 from the output): 1 - t^2 from the
//            rational would cancel where tanh nears 1, and be 0 beyond c.
//   special: NaN -> NaN, +-inf -> +-1, +-0 -> +-0 (odd to the bit).
template <bool kF16>
struct TanhRational16Fit {  // the fits of scripts/gen-coeffs for each format
  static constexpr float kClamp = coeffs::kTanhRational16Bf16Clamp;
  static constexpr auto& kP = coeffs::kTanhRational16Bf16P;
  static constexpr auto& kQ = coeffs::kTanhRational16Bf16Q;
};
template <>
struct TanhRational16Fit<true> {
  static constexpr float kClamp = coeffs::kTanhRational16F16Clamp;
  static constexpr auto& kP = coeffs::kTanhRational16F16P;
  static constexpr auto& kQ = coeffs::kTanhRational16F16Q;
};

template <bool kF16, Div kDiv>
struct TanhRational16 : TanhLean16<kF16 ? 4 : 3> {
  template <class B>
  static B value(const B& x) {
    static_assert(std::is_same_v<typename B::value_type, float>, "16-bit outputs, float inside");
    using Fit = TanhRational16Fit<kF16>;
    const B z = xsimd::min(B(Fit::kClamp), xsimd::abs(x));
    const B s = z * z;
    return Divide<kDiv>(z * Horner<0, 1>(s, Fit::kP), Horner<0, 1>(s, Fit::kQ)) |
           xsimd::bitofsign(x);
  }
};

}  // namespace actbench::simd
