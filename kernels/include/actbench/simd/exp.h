// Our own exponential for the approx-exp family, on f32 and f64 batches of any arch, as the
// pieces the sigmoid and tanh kernels assemble: the range reduction t = n ln2 + r, a minimax
// polynomial for e^r or expm1(r) (coefficients from scripts/gen-coeffs, rounded to the element
// type), and the scaling by 2^n. Written once over the element type T; p below is T's
// significand width minus one (23 for float, 52 for double) and bias its exponent bias (127,
// 1023).
//
//   reduction  of t = kMul u (kMul = 1, -1 or -2, so that callers never spend an instruction
//              on negating or doubling): n = round(t log2e) by adding the magic number
//              1.5 * 2^p (+ exponent bias, so that the bits of the sum, shifted left by p,
//              are 2^n);
//              then rho = r / kMul = u - n (ln2 / kMul), and the polynomial is evaluated in
//              rho with coefficients c_i kMul^i (all exact scalings), so r is never formed.
//              kRr2: ln2 = ln2_hi + ln2_lo, ln2_hi short enough that n ln2_hi is exact even
//                    without an FMA (Cody-Waite): no reduction error to speak of.
//              kRr1: ln2 rounded to float, one FMA: off by 1.9e-9 n in r (2 ULP of e^t at
//                    n = 126, negligible below n = 8). (f32 only: no kernel uses it on f64.)
//   scaling    2^n from the magic sum's bits: n must stay in the normal exponent range, so
//              callers clamp t and flush results below it themselves. On AVX-512,
//              vscalefps/vscalefpd(p, n) scales with a single rounding, subnormal and
//              overflowed results included.
//   kSchraudolph  2^23 (t log2e + 127) truncated to an integer, read back as float bits: a
//              piecewise-linear 2^x, exact at t = 0 (so s(0) = 1/2 exactly) and up to 6.1% too
//              large elsewhere (scripts/gen-coeffs computes the bound).
//
// NaN propagates through every step (arithmetic on u; the callers' clamps are max(bound, u)
// and min(bound, u), which return u when u is NaN).
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <limits>
#include <numbers>
#include <type_traits>

#include "actbench/simd/arch.h"
#include "actbench/simd/coeffs.h"

namespace actbench::simd {

// The reduction's constants for element type T (float or double).
template <class T>
struct ExpConstT {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>);
  using UInt = typename DTypeTraits<T>::Bits;
  using Int = std::make_signed_t<UInt>;
  static constexpr int kMantBits = std::numeric_limits<T>::digits - 1;    // 23, 52
  static constexpr int kBias = std::numeric_limits<T>::max_exponent - 1;  // 127, 1023
  static constexpr T kLog2e = std::numbers::log2e_v<T>;
  static constexpr T kLn2 = std::numbers::ln2_v<T>;
  // ln2 with its low 12 significand bits cleared: n * kLn2Hi is exact for |n| < 2^12.
  static constexpr T kLn2Hi = std::bit_cast<T>(std::bit_cast<UInt>(kLn2) & ~UInt{0xfff});
  // ln2 - kLn2Hi, rounded to T. Long double holds ln2 to 64 bits, more than the ~36 that
  // float's low part needs; double's needs about 94 and comes from Sollya (scripts/gen-coeffs).
  static constexpr T kLn2Lo = [] {
    if constexpr (std::is_same_v<T, float>)
      return static_cast<float>(std::numbers::ln2_v<long double> -
                                static_cast<long double>(kLn2Hi));
    else
      return coeffs::kLn2LoF64;
  }();
  // Adding 1.5 * 2^p rounds a T in (-2^(p-1), 2^(p-1)) to an integer held in the low
  // significand bits; the extra `bias` puts n + bias there directly.
  static constexpr T Magic(int bias) {
    return T(1.5) * static_cast<T>(UInt{1} << kMantBits) + static_cast<T>(bias);
  }
  // ln(2^k): the t at which n reaches k.
  static constexpr T Ln2Times(int k) {
    return static_cast<T>(k * std::numbers::ln2_v<long double>);
  }
};
static_assert(ExpConstT<double>::kLn2Hi == coeffs::kLn2HiF64,
              "scripts/gen-coeffs splits ln2 at the same bit as ExpConstT<double>");
using ExpConst = ExpConstT<float>;

// The generated coefficient tables of element type T (float: kExpF32, kExpm1F32; double:
// kExpF64, kExpm1F64). A degree the generator does not fit for T is an all-zero table.
template <class T, int kDegree>
constexpr const auto& ExpCoeffs() {
  constexpr const auto& c = []() -> const auto& {
    if constexpr (std::is_same_v<T, float>)
      return coeffs::kExpF32<kDegree>;
    else
      return coeffs::kExpF64<kDegree>;
  }
  ();
  static_assert(c[kDegree] != 0, "scripts/gen-coeffs has no e^r polynomial of this degree");
  return c;
}
template <class T, int kDegree>
constexpr const auto& Expm1Coeffs() {
  constexpr const auto& c = []() -> const auto& {
    if constexpr (std::is_same_v<T, float>)
      return coeffs::kExpm1F32<kDegree>;
    else
      return coeffs::kExpm1F64<kDegree>;
  }
  ();
  static_assert(c[kDegree] != 0, "scripts/gen-coeffs has no expm1 polynomial of this degree");
  return c;
}

// a 2^floor(n) with a single rounding (AVX-512 vscalefps/vscalefpd): subnormal and overflowed
// results come out right.
template <class T, class Arch>
inline xsimd::batch<T, Arch> Scalef(const xsimd::batch<T, Arch>& a,
                                    const xsimd::batch<T, Arch>& n) {
  static_assert(kIsAvx512<Arch>);
  if constexpr (std::is_same_v<T, float>)
    return _mm512_scalef_ps(a, n);
  else
    return _mm512_scalef_pd(a, n);
}

// t = kMul u = n ln2 + kMul rho. `v` is the magic-number sum whose bits hold n + bias + kExtra.
template <int kMul, class B>
struct Reduction {
  B n, rho, v;
};

template <Exp kExp, int kMul = 1, int kExtra = 0, class B>
inline Reduction<kMul, B> Reduce(const B& u) {
  using Arch = typename B::arch_type;
  using T = typename B::value_type;
  using C = ExpConstT<T>;
  static_assert(kExp != Exp::kSchraudolph);
  static_assert(kMul == 1 || kMul == -1 || kMul == -2, "scalings must stay exact");
  constexpr T kInvMul = T(1) / kMul;
  const B magic(C::Magic(C::kBias + kExtra));
  Reduction<kMul, B> red;
  red.v = Fma(u, B(kMul * C::kLog2e), magic);
  red.n = red.v - magic;
  if constexpr (kExp == Exp::kRr1) {
    static_assert(kHasFma<Arch>, "the one-constant reduction needs a fused multiply-add");
    red.rho = Fnma(red.n, B(kInvMul * C::kLn2), u);
  } else {
    red.rho = Fnma(red.n, B(kInvMul * C::kLn2Hi), u);
    red.rho = Fnma(red.n, B(kInvMul * C::kLn2Lo), red.rho);
  }
  return red;
}

// 2^(n + kExtra) from the magic sum's bits; n + bias + kExtra must lie in [1, 2 bias].
template <int kMul, class B>
inline B Pow2(const Reduction<kMul, B>& red) {
  using T = typename B::value_type;
  using C = ExpConstT<T>;
  return Bits<T>(Bits<typename C::Int>(red.v) << C::kMantBits);
}

// Horner's rule in rho over kScale c[i] kMul^i, i = first..N, divided by kMul^first: the
// polynomial sum_i c[i] r^(i-first) of r = kMul rho, times kScale. Every factor is a power of
// two (or -1), so the scaled coefficients are exact.
template <int kFirst, int kMul, int kScale = 1, class B, class T, std::size_t kN>
inline B Horner(const B& rho, const std::array<T, kN>& c) {
  static_assert(std::is_same_v<T, typename B::value_type>, "coefficients of the batch's type");
  constexpr auto kCoef = [](std::size_t i, const std::array<T, kN>& cc) {
    T k = static_cast<T>(kScale) * cc[i];
    for (std::size_t j = kFirst; j < i; ++j) k *= static_cast<T>(kMul);
    return k;
  };
  B p(kCoef(kN - 1, c));
  for (std::size_t i = kN - 1; i-- > static_cast<std::size_t>(kFirst);)
    p = Fma(p, rho, B(kCoef(i, c)));
  return p;
}

// 2^kExtra e^t from its reduction: e^r = 1 + r q(r) = 1 + rho (kMul q). Generic: the caller
// keeps n + bias + kExtra in [1, 2 bias]; AVX-512: any n (vscalef), kExtra 0 or 2.
template <int kDegree, int kExtra = 0, int kMul, class B>
inline B ExpFromReduction(const Reduction<kMul, B>& red) {
  using Arch = typename B::arch_type;
  using T = typename B::value_type;
  constexpr auto& c = ExpCoeffs<T, kDegree>();
  if constexpr (kIsAvx512<Arch>) {
    constexpr int kScale = 1 << kExtra;
    const B q = Horner<1, kMul, kScale * kMul>(red.rho, c);
    return Scalef(Fma(red.rho, q, B(static_cast<T>(kScale))), red.n);
  } else {
    const B s = Pow2(red);
    const B q = Horner<1, kMul, kMul>(red.rho, c);
    return Fma(red.rho * s, q, s);  // rho s is exact: s is a power of two
  }
}

// 2^kShift e^t, for results that would be subnormal unscaled: the caller multiplies the
// finished result by 2^-kShift, so that a normal result keeps all its bits. The reduction
// carries the shift (Reduce<kExp, kMul, kShift>): the generic scaling reads n + bias + kShift
// from its bits (n + bias + kShift must lie in [1, 2 bias]); AVX-512 scales by n + kShift with
// vscalef.
template <int kDegree, int kShift, int kMul, class B>
inline B ExpShiftedFromReduction(const Reduction<kMul, B>& red) {
  using Arch = typename B::arch_type;
  using T = typename B::value_type;
  if constexpr (kIsAvx512<Arch>) {
    const B q = Horner<1, kMul, kMul>(red.rho, ExpCoeffs<T, kDegree>());
    return Scalef(Fma(red.rho, q, B(T(1))), red.n + B(T(kShift)));
  } else {
    return ExpFromReduction<kDegree>(red);
  }
}

// e^-z for z >= 0 as E = 2^K e^-z, K = p + 1 (24 for float, 53 for double), for the
// x f(x)-shaped activations (SiLU, Mish, GELU, gelu-tanh) that are normal numbers well below
// the x where e^-z turns subnormal: the caller multiplies its result by kUnshift last. z is
// clamped at kClamp: where 2^(n + K) would leave the normal exponents (generic), or where
// e^-z underflows anyway (AVX-512, whose vscalef scales any n); beyond it, results are
// subnormal or 0 and the callers flush them.
template <class B>
struct ScaledExpNeg {
  using T = typename B::value_type;
  static constexpr int kShift = std::numeric_limits<T>::digits;
  static constexpr T kClamp = kIsAvx512<typename B::arch_type>
                                  ? static_cast<T>(std::is_same_v<T, float> ? 110 : 750)
                                  : ExpConstT<T>::Ln2Times(ExpConstT<T>::kBias + kShift - 2);
  static constexpr T kUnshift = T(1) / static_cast<T>(1ULL << kShift);

  template <int kDegree>
  static B Of(const B& z) {
    return ExpShiftedFromReduction<kDegree, kShift>(
        Reduce<Exp::kRr2, -1, kShift>(xsimd::min(B(kClamp), z)));
  }

  // E as hi + lo, for callers that carry it into an error-free product: hi is Of's result and
  // lo the rounding of e^r = 1 + r q(r) to h (1 - h is exact, h being in [1/2, 2]), so that
  // hi + lo is off by the polynomial's own error and the rounding of q only.
  struct Split {
    B hi, lo;
  };
  // (h + l) 2^(n + K) from the reduction, each part scaled exactly
  static Split Scaled(const B& h, const B& l, const Reduction<-1, B>& red) {
    if constexpr (kIsAvx512<typename B::arch_type>) {
      const B k = red.n + B(T(kShift));
      return {Scalef(h, k), Scalef(l, k)};
    } else {
      const B s = Pow2(red);
      return {h * s, l * s};
    }
  }
  template <int kDegree>
  static Split OfSplit(const B& z) {
    const auto red = Reduce<Exp::kRr2, -1, kShift>(xsimd::min(B(kClamp), z));
    const B one(T(1));
    const B q = Horner<1, -1, -1>(red.rho, ExpCoeffs<T, kDegree>());
    const B h = Fma(red.rho, q, one);
    const B l = Fma(red.rho, q, one - h);
    return Scaled(h, l, red);
  }

  // OfSplit without the rounding of the linear term: e^r = 1 + r + r^2 q2(r) with 1 + r as an
  // exact pair (Fast2Sum, |r| <= ln2/2) and only r^2 q2(r), at most 0.06, rounded: hi + lo is
  // off by the polynomial's error and about 0.03 ULP.
  template <int kDegree>
  static Split OfSplitFine(const B& z) {
    constexpr auto& c = ExpCoeffs<T, kDegree>();
    static_assert(c[1] == 1, "the fit keeps the linear coefficient at 1");
    const auto red = Reduce<Exp::kRr2, -1, kShift>(xsimd::min(B(kClamp), z));
    const B one(T(1));
    const B r = -red.rho;
    const B w = (r * r) * Horner<2, -1>(red.rho, c);
    const B h0 = one + r;
    const B l0 = ((one - h0) + r) + w;
    const B h = h0 + l0;  // normalised (Fast2Sum): hi is e^r rounded, lo its rounding error
    const B l = (h0 - h) + l0;
    return Scaled(h, l, red);
  }
};

// x s for the x s(z)-shaped activations (SiLU, gelu-tanh), rounded about once: s = 1/(1 + e)
// for x >= 0 and E/(1 + e) 2^-K for x < 0, where E = 2^K e = big_hi + big_lo (ScaledExpNeg,
// scaled by kUnshift = 2^-K). The numerator x (or x E) and 1 + e are carried as pairs (FMA
// products, Fast2Sum: e <= 1), the quotient q = n/d (kDiv) is corrected by its residual
// (n + n_lo - q (d + d_lo)) / d, divided by a reciprocal estimate (the residual is 2^-p of q;
// double before AVX-512: a second division). -0 stays -0. Needs a real FMA.
template <Div kDiv, class B>
inline B XTimesScaledSigmoid(const B& x, const B& big_hi, const B& big_lo) {
  using T = typename B::value_type;
  using Arch = typename B::arch_type;
  static_assert(kHasFma<Arch>, "the pairs need a fused multiply-add");
  const B one(T(1)), zero(T(0)), unshift(ScaledExpNeg<B>::kUnshift);
  const B e = big_hi * unshift;
  const B d = one + e;
  const B d_lo = ((one - d) + e) + big_lo * unshift;
  const auto neg = x < zero;
  const B m = xsimd::select(neg, big_hi, one);
  const B m_lo = xsimd::select(neg, big_lo, zero);
  const B n = Mul(x, m);
  const B n_lo = Fma(x, m, -n) + x * m_lo;
  const B q = Divide<kDiv>(n, d);
  const B r = Fnma(q, d, n) + Fnma(q, d_lo, n_lo);
  B y;
  if constexpr (std::is_same_v<T, double> && !kIsAvx512<Arch>)
    y = q + r / d;
  else
    y = Fma(r, RcpEstimate(d), q);
  y = xsimd::select(neg, y * unshift, y);
  return xsimd::select(x == zero, x, y);  // r = +0 would turn q = -0 into +0
}

// 1 + e^t, with one rounding where the generic scaling allows: 1 + s + s r q(r) is one FMA
// (1 + s is exact for |n| <= p, and beyond it the 1 or the s r q term is below half an ULP).
template <int kDegree, int kMul, class B>
inline B OnePlusExpFromReduction(const Reduction<kMul, B>& red) {
  using Arch = typename B::arch_type;
  using T = typename B::value_type;
  if constexpr (kIsAvx512<Arch>) {
    return B(T(1)) + ExpFromReduction<kDegree>(red);
  } else {
    const B s = Pow2(red);
    const B q = Horner<1, kMul, kMul>(red.rho, ExpCoeffs<T, kDegree>());
    return Fma(red.rho * s, q, B(T(1)) + s);
  }
}

// expm1(t) from its reduction, for n in [1 - bias, 0]: (2^n - 1) + 2^n (r + r^2 c(r)). 2^n - 1
// is exact for n >= -(p + 1), so nothing cancels, and for |t| < ln2/2 (n = 0) the result is
// r + r^2 c(r) with the polynomial's full relative accuracy.
template <int kDegree, int kMul, class B>
inline B Expm1FromReduction(const Reduction<kMul, B>& red) {
  using T = typename B::value_type;
  const B s = Pow2(red);
  // s (r + r^2 c(r)) with r = kMul rho: kMul w (1 + rho c'), w = rho s (exact, s a power of
  // two), c' = kMul c(kMul rho); the final FMA multiplies by kMul exactly and adds 2^n - 1
  // with a single rounding.
  const B c = Horner<2, kMul, kMul>(red.rho, Expm1Coeffs<T, kDegree>());
  const B w = red.rho * s;
  return Fma(Fma(c * red.rho, w, w), B(static_cast<T>(kMul)), s - B(T(1)));
}

// e^r - 1 = r + r^2/2 + r^3 c(r) as ph + pl, for the accurate-tier kernels: u = r^2/2 + r^3 c(r)
// rounds once (about 0.1 ULP of the sum at most: u <= 0.07 on |r| <= ln2), r + u is a Fast2Sum,
// and the rounding error of r^2 (exact by FMA) goes into pl. Needs a real FMA.
template <class B>
struct DoubleFloat {
  B hi, lo;
};
template <int kDegree, class B>
inline DoubleFloat<B> Expm1DoubleFloat(const B& r) {
  static_assert(kHasFma<typename B::arch_type>, "the exact residuals need a fused multiply-add");
  const B rr = r * r;
  const B rr_lo = Fma(r, r, -rr);
  const B u = Fma(rr * r, Horner<3, 1>(r, coeffs::kExpm1HalfF32<kDegree>), B(0.5f) * rr);
  const B ph = r + u;
  return {ph, Fma(B(0.5f), rr_lo, (r - ph) + u)};
}

// AVX-512 only: e^t, t = kMul u, by a 32-entry table held in two registers. n = round(32 t
// log2e) / 32 by the magic number 1.5 * 2^18, whose low 5 bits index 2^(k/32) through one
// vpermt2ps; then r = t - n ln2 (|r| <= ln2/64; FMA keeps n ln2_hi exact enough: the sum
// cancels to at most 12 significant bits), e^r = 1 + r q(r) with a degree-2 minimax polynomial,
// e^t = scalef(T (1 + r q), floor(n)). Needs |t| < 2^16; any t in that range scales right,
// subnormal and overflowed results included.
// kExtra: 2^kExtra e^t, the power of two folded into the table (exact), so that results near
// the bottom of the normal range keep their bits.
template <int kExtra = 0>
inline constexpr std::array<float, 32> kExp2Lut32Scaled = [] {
  std::array<float, 32> t = coeffs::kExp2Lut32F32;
  for (float& e : t) e *= static_cast<float>(1 << kExtra);
  return t;
}();

template <int kMul, int kExtra = 0, class B>
inline B ExpLut32(const B& u) {
  static_assert(kIsAvx512<typename B::arch_type>, "in-register table lookups need AVX-512");
  static_assert(kExtra >= 0 && kExtra < 8);
  using C = ExpConst;
  constexpr float kInvMul = 1.0f / kMul;
  const auto& t = kExp2Lut32Scaled<kExtra>;
  const B lo = _mm512_loadu_ps(t.data());
  const B hi = _mm512_loadu_ps(t.data() + 16);
  const B magic(0x1.8p18f);
  const B v = Fma(u, B(kMul * C::kLog2e), magic);
  const B table = _mm512_permutex2var_ps(lo, _mm512_castps_si512(v), hi);
  const B n = v - magic;
  B rho = Fnma(n, B(kInvMul * C::kLn2Hi), u);
  rho = Fnma(n, B(kInvMul * C::kLn2Lo), rho);
  const B q = Horner<1, kMul, kMul>(rho, coeffs::kExpLut32F32<2>);
  return _mm512_scalef_ps(Fma(table * rho, q, table), n);
}

// Schraudolph's e^t, t = kMul u in [-87.34, 87.34] (or NaN): the bits of
// 2^23 (t log2e + 127 + kExtra), truncated. Without the usual error-centring shift, so that
// e^0 = 1 exactly (every kernel must give f(0) exactly).
template <int kMul = 1, int kExtra = 0, class B>
inline B SchraudolphExp(const B& u) {
  static_assert(std::is_same_v<typename B::value_type, float>, "float bit layout only");
  using C = ExpConst;
  constexpr float kScale = 0x1p23f * C::kLog2e * kMul;
  constexpr float kBias = 0x1p23f * (127.0f + kExtra);
  const auto i = xsimd::to_int(Fma(u, B(kScale), B(kBias)));  // truncates; i > 0
  // The conversion turns NaN into INT_MIN (-0.0f); u * 0 + e brings the NaN back.
  return Fma(u, B(0.0f), Bits<float>(i));
}

// 2^t for the 16-bit kernels (AVX-512, float): n = round(t) by vrndscaleps, f = t - n by
// vreduceps (exact, |f| <= 1/2; +-inf give f = 0), 2^f by a degree-kDegree fit
// (coeffs::kExp2F32: 1.0e-4 relative at degree 3, 0.026 bf16 ULP; 2.8e-6 at degree 4, 0.006
// f16 ULP), scaled by vscalefps, which takes any n: no clamp, overflow to inf, underflow
// through the subnormals to 0, NaN kept. Five instructions for degree 3.
// kShift > 0 gives 2^(t + kShift) with t's own reduction (no rounding of t + kShift): a
// result that would be subnormal keeps its bits, for a caller that scales back after a product.
template <int kDegree, int kShift = 0, class Arch>
inline xsimd::batch<float, Arch> Exp2Lean(const xsimd::batch<float, Arch>& t) {
  static_assert(kIsAvx512<Arch>, "vreduceps and vscalefps are AVX-512");
  using B = xsimd::batch<float, Arch>;
  B n = _mm512_roundscale_ps(t, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  const B f = _mm512_reduce_ps(t, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  if constexpr (kShift != 0) n = n + B(static_cast<float>(kShift));
  return _mm512_scalef_ps(Horner<0, 1>(f, coeffs::kExp2F32<kDegree>), n);
}

}  // namespace actbench::simd
