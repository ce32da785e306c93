// The project's ULP error (DESIGN.md, "Accuracy methodology"): the error of a computed result
// y of type T against the exact real value r, in units of the last place of r:
//   err = |y - r| / ulp(r),  ulp(r) = 2^(max(floor(log2|r|), emin) - p + 1),
// with p = 24, emin = -126 (float) and p = 53, emin = -1022 (double); for r = 0, ulp is the
// smallest subnormal. Measured against r itself, not its rounding, so a correctly rounded
// result scores <= 0.5. R is the reference's real type (wider than T).
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "actbench/half.h"

namespace actbench {

// v as the real type R, exactly (a 16-bit type through float).
template <class R, class T>
R AsReal(T v) {
  if constexpr (kIsHalf16<T>)
    return static_cast<R>(static_cast<float>(v));
  else
    return static_cast<R>(v);
}

// floor(log2|r|) clamped below at emin, minus (p - 1): the exponent of ulp(r).
template <class T, class R>
int UlpExponent(R r) {
  using std::frexp, std::fabs;
  constexpr int p = std::numeric_limits<T>::digits;
  constexpr int emin = std::numeric_limits<T>::min_exponent - 1;  // -126, -1022
  if (r == 0) return emin - p + 1;
  int e;
  frexp(fabs(r), &e);  // |r| = m 2^e, m in [0.5, 1): floor(log2|r|) = e - 1
  const int floor_log2 = e - 1;
  return (floor_log2 > emin ? floor_log2 : emin) - p + 1;
}

// ULP error of y against r. Both NaN: 0. One NaN, or y infinite where r is finite (or the
// reverse, or infinities of opposite sign): +inf. Callers count those cases separately.
template <class T, class R>
double UlpError(T y, R r) {
  using std::isnan, std::isinf, std::ldexp, std::fabs;
  const bool yn = isnan(y), rn = isnan(r);
  if (yn || rn) return yn == rn ? 0.0 : std::numeric_limits<double>::infinity();
  if (isinf(y) || isinf(r)) {
    return (isinf(y) && isinf(r) && (y > 0) == (r > 0)) ? 0.0
                                                        : std::numeric_limits<double>::infinity();
  }
  const R diff = fabs(AsReal<R>(y) - r);
  return static_cast<double>(ldexp(diff, -UlpExponent<T>(r)));
}

// 1 / ulp(r) for float results of a finite double reference r, with bit operations only (no
// frexp/ldexp, no branches), so that loops over it vectorise: the exhaustive sweep scores
// billions of results with it.
inline double InvUlpF32(double r) {
  // 2^floor(log2|r|): r with its sign and mantissa cleared (0 for zero or a subnormal double,
  // both far below float's emin); then clamped to 2^emin as the definition says.
  constexpr std::uint64_t kExponentMask = 0x7ff0000000000000ull;
  const double binade = std::bit_cast<double>(std::bit_cast<std::uint64_t>(r) & kExponentMask);
  const double low = 0x1p-126;
  const double p = binade > low ? binade : low;
  // 1/p for a power of two p = 2^k: biased exponent 1023 + k becomes 1023 - k.
  const double inv_p =
      std::bit_cast<double>(0x7fe0000000000000ull - std::bit_cast<std::uint64_t>(p));
  return inv_p * 0x1p23;  // ulp(r) = p 2^-23
}

// UlpError<float>(y, r) for a finite double reference r, through InvUlpF32. A NaN or infinite
// y gives +inf, as UlpError does. tests/test_ulp.cc checks the two agree bit for bit.
inline double UlpErrorF32(float y, double r) {
  const double err = std::fabs(static_cast<double>(y) - r) * InvUlpF32(r);
  return err == err ? err : std::numeric_limits<double>::infinity();
}

// Whether the exact value r lies in T's normal range (or is zero): the "normal outputs" set
// over which claims are made. Results whose exact value is subnormal are reported apart.
template <class T, class R>
bool IsNormalResult(R r) {
  using std::fabs;
  return r == 0 || fabs(r) >= AsReal<R>(std::numeric_limits<T>::min());
}

}  // namespace actbench
