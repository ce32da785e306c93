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

namespace actbench {

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
  const R diff = fabs(static_cast<R>(y) - r);
  return static_cast<double>(ldexp(diff, -UlpExponent<T>(r)));
}

// UlpError<float>(y, r) for a double reference r, with bit operations in place of frexp/ldexp
// (the exhaustive sweep scores billions of results with it). r must be finite; a NaN or
// infinite y gives +inf, as UlpError does. tests/test_ulp.cc checks the two agree bit for bit.
inline double UlpErrorF32(float y, double r) {
  // floor(log2|r|) is r's unbiased exponent for a normal double; a subnormal double (exponent
  // field 0) is far below float's emin and is clamped like any tiny r.
  const auto biased = static_cast<int>((std::bit_cast<std::uint64_t>(r) >> 52) & 0x7ff);
  int e = biased - 1023;
  e = e > -126 ? e : -126;
  // 1/ulp(r) = 2^(23 - e), built directly as a double; exact, so the product rounds once.
  const double inv_ulp = std::bit_cast<double>(static_cast<std::uint64_t>(1023 + 23 - e) << 52);
  const double err = std::fabs(static_cast<double>(y) - r) * inv_ulp;
  return err == err ? err : std::numeric_limits<double>::infinity();
}

// Whether the exact value r lies in T's normal range (or is zero): the "normal outputs" set
// over which claims are made. Results whose exact value is subnormal are reported apart.
template <class T, class R>
bool IsNormalResult(R r) {
  using std::fabs;
  return r == 0 || fabs(r) >= static_cast<R>(std::numeric_limits<T>::min());
}

}  // namespace actbench
