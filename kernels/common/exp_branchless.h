// exp and expm1 without data-dependent branches, for the scalar `branchless` family: plain
// arithmetic, compares that become selects, integer bit tricks, so that a compiler can
// vectorise a loop over them (no libm call in the loop).
//
// Algorithm: k = round(x / ln2) by the round-to-nearest "magic number" addition; Cody-Waite
// reduction r = x - k*ln2_hi - k*ln2_lo with ln2_hi short enough that k*ln2_hi is exact;
// e^r from its Taylor series (|r| <= ln2/2); result scaled by 2^k in two steps so that
// subnormal results are rounded once and overflow gives +inf. NaN propagates.
//
// Every constant below is derived at compile time from std::numbers and factorials; nothing
// is typed in. Taylor degree 8 (float) / 14 (double) leaves a truncation error under 0.01 ULP,
// so the error is dominated by rounding in the evaluation.
#pragma once

#include <array>
#include <bit>
#include <numbers>
#include <type_traits>
#include <utility>

#include "common/float_bits.h"

namespace actbench::detail {

// Per element type: the Taylor degree that reaches full precision on |r| <= ln2/2, and the
// input clamps of exp (below: 0, above: +inf) that keep the two-step 2^k scaling inside
// normal exponents.
template <class T>
struct BranchlessExpParams;
template <>
struct BranchlessExpParams<float> {
  static constexpr int kDegree = 8;
  static constexpr float kUnderflowClamp = -110, kOverflowClamp = 90;
};
template <>
struct BranchlessExpParams<double> {
  static constexpr int kDegree = 14;
  static constexpr double kUnderflowClamp = -760, kOverflowClamp = 720;
};

template <class T>
struct ExpConstants {
  using Bits = FloatBits<T>;
  using UInt = typename Bits::UInt;
  static constexpr int kDegree = BranchlessExpParams<T>::kDegree;

  // Clear enough low bits of ln2 that k*ln2_hi is exact for |k| < 2^11.
  static constexpr T kLn2Hi = std::bit_cast<T>(std::bit_cast<UInt>(std::numbers::ln2_v<T>) &
                                                ~((UInt{1} << 12) - 1));
  static constexpr T kLn2Lo =
      static_cast<T>(std::numbers::ln2_v<long double> - static_cast<long double>(kLn2Hi));
  static constexpr T kLog2e = std::numbers::log2e_v<T>;
  // Adding 1.5 * 2^mantissa rounds to an integer held in the low mantissa bits.
  static constexpr T kRoundMagic = T(1.5) * static_cast<T>(UInt{1} << Bits::kMantissaBits);

  static constexpr T kUnderflowClamp = BranchlessExpParams<T>::kUnderflowClamp;
  static constexpr T kOverflowClamp = BranchlessExpParams<T>::kOverflowClamp;

  // 1/i! for i = 0..kDegree, computed in long double then rounded once.
  static constexpr std::array<T, kDegree + 1> kInvFactorial = [] {
    std::array<T, kDegree + 1> c{};
    long double f = 1.0L;
    for (int i = 0; i <= kDegree; ++i) {
      if (i > 0) f *= i;
      c[i] = static_cast<T>(1.0L / f);
    }
    return c;
  }();
};

// Splits x into k and r with x = k*ln2 + r, |r| <= ln2/2 (approximately). k is returned as a
// two's-complement integer in an unsigned type; it is garbage (but harmless) for NaN.
template <class T>
inline T ReduceLn2(T x, typename FloatBits<T>::UInt& k_bits) {
  using C = ExpConstants<T>;
  const T shifted = x * C::kLog2e + C::kRoundMagic;
  const T k = shifted - C::kRoundMagic;
  k_bits = std::bit_cast<typename C::UInt>(shifted) - std::bit_cast<typename C::UInt>(C::kRoundMagic);
  T r = x - k * C::kLn2Hi;
  r = r - k * C::kLn2Lo;
  return r;
}

// Horner evaluation of sum_{i=first}^{degree} r^(i-first) / i!.
// Unrolled at compile time (a fold), so the caller's loop has no inner loop to vectorise around.
template <class T, int kFirst>
inline T TaylorTail(T r) {
  using C = ExpConstants<T>;
  return [&]<int... kI>(std::integer_sequence<int, kI...>) {
    T p = C::kInvFactorial[C::kDegree];
    ((p = p * r + C::kInvFactorial[C::kDegree - 1 - kI]), ...);
    return p;
  }(std::make_integer_sequence<int, C::kDegree - kFirst>{});
}

template <class T>
inline T BranchlessExp(T x) {
  using C = ExpConstants<T>;
  using UInt = typename C::UInt;
  using Int = std::make_signed_t<UInt>;
  constexpr UInt kBias = FloatBits<T>::kBias;
  x = x < C::kUnderflowClamp ? C::kUnderflowClamp : x;  // comparisons keep NaN
  x = x > C::kOverflowClamp ? C::kOverflowClamp : x;
  UInt k_bits;
  const T r = ReduceLn2(x, k_bits);
  const T p = TaylorTail<T, 0>(r);
  const Int k = static_cast<Int>(k_bits);
  const Int k1 = k >> 1;
  const Int k2 = k - k1;
  return p * Pow2<T>(static_cast<UInt>(k1) + kBias) * Pow2<T>(static_cast<UInt>(k2) + kBias);
}

// expm1(x) = 2^k * (expm1(r) + 1) - 1 = 2^k * expm1(r) + (2^k - 1): exact for k = 0, and
// free of cancellation otherwise. Valid for x in [-60, 60]; inputs are clamped there.
template <class T>
inline T BranchlessExpm1(T x) {
  using C = ExpConstants<T>;
  using UInt = typename C::UInt;
  constexpr UInt kBias = FloatBits<T>::kBias;
  x = x < T(-60) ? T(-60) : x;
  x = x > T(60) ? T(60) : x;
  UInt k_bits;
  const T r = ReduceLn2(x, k_bits);
  const T q = r + r * r * TaylorTail<T, 2>(r);  // expm1(r)
  const T scale = Pow2<T>(k_bits + kBias);
  return scale * q + (scale - T(1));
}

}  // namespace actbench::detail
