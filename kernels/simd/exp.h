// Our own exponential for the approx-exp family, on f32 batches of any arch, as the pieces the
// sigmoid and tanh kernels assemble: the range reduction t = n ln2 + r, a minimax polynomial
// for e^r or expm1(r) (coefficients from scripts/gen-coeffs), and the scaling by 2^n.
//
//   reduction  of t = kMul u (kMul = 1, -1 or -2, so that callers never spend an instruction
//              on negating or doubling): n = round(t log2e) by adding the magic number
//              1.5 * 2^23 (+ exponent bias, so that the bits of the sum, shifted, are 2^n);
//              then rho = r / kMul = u - n (ln2 / kMul), and the polynomial is evaluated in
//              rho with coefficients c_i kMul^i (all exact scalings), so r is never formed.
//              kRr2: ln2 = ln2_hi + ln2_lo, ln2_hi short enough that n ln2_hi is exact even
//                    without an FMA (Cody-Waite): no reduction error to speak of.
//              kRr1: ln2 rounded to float, one FMA: off by 1.9e-9 n in r (2 ULP of e^t at
//                    n = 126, negligible below n = 8).
//   scaling    2^n from the magic sum's bits: n must stay in the normal exponent range, so
//              callers clamp t and flush results below it themselves. On AVX-512,
//              vscalefps(p, n) scales with a single rounding, subnormal and overflowed results
//              included.
//   kSchraudolph  2^23 (t log2e + 127) truncated to an integer, read back as float bits: a
//              piecewise-linear 2^x, exact at t = 0 (so s(0) = 1/2 exactly) and up to 6.1% too
//              large elsewhere (scripts/gen-coeffs computes the bound).
//
// NaN propagates through every step (arithmetic on u; the callers' clamps are max(bound, u)
// and min(bound, u), which return u when u is NaN).
#pragma once

#include <array>
#include <cstdint>
#include <numbers>

#include "simd/arch.h"
#include "simd/coeffs.h"

namespace actbench::simd {

struct ExpConst {
  static constexpr float kLog2e = std::numbers::log2e_v<float>;
  static constexpr float kLn2 = std::numbers::ln2_v<float>;
  // ln2 with its low 12 significand bits cleared: n * kLn2Hi is exact for |n| < 2^12.
  static constexpr float kLn2Hi =
      std::bit_cast<float>(std::bit_cast<std::uint32_t>(kLn2) & ~std::uint32_t{0xfff});
  static constexpr float kLn2Lo =
      static_cast<float>(std::numbers::ln2_v<long double> - static_cast<long double>(kLn2Hi));
  // Adding 1.5 * 2^23 rounds a float in (-2^22, 2^22) to an integer held in the low
  // significand bits; the extra `bias` puts n + bias there directly.
  static constexpr float Magic(int bias) { return 0x1.8p23f + static_cast<float>(bias); }
  // ln(2^k): the t at which n reaches k.
  static constexpr float Ln2Times(int k) {
    return static_cast<float>(k * std::numbers::ln2_v<long double>);
  }
};

// t = kMul u = n ln2 + kMul rho. `v` is the magic-number sum whose bits hold n + 127 + kExtra.
template <int kMul, class B>
struct Reduction {
  B n, rho, v;
};

template <Exp kExp, int kMul = 1, int kExtra = 0, class B>
inline Reduction<kMul, B> Reduce(const B& u) {
  using Arch = typename B::arch_type;
  using C = ExpConst;
  static_assert(kExp != Exp::kSchraudolph);
  static_assert(kMul == 1 || kMul == -1 || kMul == -2, "scalings must stay exact");
  constexpr float kInvMul = 1.0f / kMul;
  const B magic(C::Magic(127 + kExtra));
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

// 2^(n + kExtra) from the magic sum's bits; n + 127 + kExtra must lie in [1, 254].
template <int kMul, class B>
inline B Pow2(const Reduction<kMul, B>& red) {
  return Bits<float>(Bits<std::int32_t>(red.v) << 23);
}

// Horner's rule in rho over kScale c[i] kMul^i, i = first..N, divided by kMul^first: the
// polynomial sum_i c[i] r^(i-first) of r = kMul rho, times kScale. Every factor is a power of
// two (or -1), so the scaled coefficients are exact.
template <int kFirst, int kMul, int kScale = 1, class B, std::size_t kN>
inline B Horner(const B& rho, const std::array<float, kN>& c) {
  constexpr auto kCoef = [](std::size_t i, const std::array<float, kN>& cc) {
    float k = static_cast<float>(kScale) * cc[i];
    for (std::size_t j = kFirst; j < i; ++j) k *= static_cast<float>(kMul);
    return k;
  };
  B p(kCoef(kN - 1, c));
  for (std::size_t i = kN - 1; i-- > static_cast<std::size_t>(kFirst);)
    p = Fma(p, rho, B(kCoef(i, c)));
  return p;
}

// 2^kExtra e^t from its reduction: e^r = 1 + r q(r) = 1 + rho (kMul q). Generic: the caller
// keeps n + 127 + kExtra in [1, 254]; AVX-512: any n (vscalefps), kExtra 0 or 2.
template <int kDegree, int kExtra = 0, int kMul, class B>
inline B ExpFromReduction(const Reduction<kMul, B>& red) {
  using Arch = typename B::arch_type;
  constexpr auto& c = coeffs::kExpF32<kDegree>;
  if constexpr (kIsAvx512<Arch>) {
    constexpr int kScale = 1 << kExtra;
    const B q = Horner<1, kMul, kScale * kMul>(red.rho, c);
    return _mm512_scalef_ps(Fma(red.rho, q, B(kScale)), red.n);
  } else {
    const B s = Pow2(red);
    const B q = Horner<1, kMul, kMul>(red.rho, c);
    return Fma(red.rho * s, q, s);  // rho s is exact: s is a power of two
  }
}

// 1 + e^t, with one rounding where the generic scaling allows: 1 + s + s r q(r) is one FMA
// (1 + s is exact for |n| <= 23, and beyond it the 1 or the s r q term is below half an ULP).
template <int kDegree, int kMul, class B>
inline B OnePlusExpFromReduction(const Reduction<kMul, B>& red) {
  using Arch = typename B::arch_type;
  if constexpr (kIsAvx512<Arch>) {
    return B(1.0f) + ExpFromReduction<kDegree>(red);
  } else {
    const B s = Pow2(red);
    const B q = Horner<1, kMul, kMul>(red.rho, coeffs::kExpF32<kDegree>);
    return Fma(red.rho * s, q, B(1.0f) + s);
  }
}

// expm1(t) from its reduction, for n in [-126, 0]: (2^n - 1) + 2^n (r + r^2 c(r)). 2^n - 1 is
// exact for n >= -24, so nothing cancels, and for |t| < ln2/2 (n = 0) the result is
// r + r^2 c(r) with the polynomial's full relative accuracy.
template <int kDegree, int kMul, class B>
inline B Expm1FromReduction(const Reduction<kMul, B>& red) {
  const B s = Pow2(red);
  // s (r + r^2 c(r)) with r = kMul rho: kMul w (1 + rho c'), w = rho s (exact, s a power of
  // two), c' = kMul c(kMul rho); the final FMA multiplies by kMul exactly and adds 2^n - 1
  // with a single rounding.
  const B c = Horner<2, kMul, kMul>(red.rho, coeffs::kExpm1F32<kDegree>);
  const B w = red.rho * s;
  return Fma(Fma(c * red.rho, w, w), B(static_cast<float>(kMul)), s - B(1.0f));
}

// AVX-512 only: e^t, t = kMul u, by a 32-entry table held in two registers. n = round(32 t
// log2e) / 32 by the magic number 1.5 * 2^18, whose low 5 bits index 2^(k/32) through one
// vpermt2ps; then r = t - n ln2 (|r| <= ln2/64; FMA keeps n ln2_hi exact enough: the sum
// cancels to at most 12 significant bits), e^r = 1 + r q(r) with a degree-2 minimax polynomial,
// e^t = scalef(T (1 + r q), floor(n)). Needs |t| < 2^16; any t in that range scales right,
// subnormal and overflowed results included.
template <int kMul, class B>
inline B ExpLut32(const B& u) {
  static_assert(kIsAvx512<typename B::arch_type>, "in-register table lookups need AVX-512");
  using C = ExpConst;
  constexpr float kInvMul = 1.0f / kMul;
  const auto& t = coeffs::kExp2Lut32F32;
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
  using C = ExpConst;
  constexpr float kScale = 0x1p23f * C::kLog2e * kMul;
  constexpr float kBias = 0x1p23f * (127.0f + kExtra);
  const auto i = xsimd::to_int(Fma(u, B(kScale), B(kBias)));  // truncates; i > 0
  // The conversion turns NaN into INT_MIN (-0.0f); u * 0 + e brings the NaN back.
  return Fma(u, B(0.0f), Bits<float>(i));
}

}  // namespace actbench::simd
