// Scalar hardswish families: f(x) = x relu6(x + 3) / 6; f'(x) = 0 (x < -3), x/3 + 1/2
// (-3 <= x <= 3), 1 (x > 3), as hardswish_backward. Each is a class template over the element
// type with value / grad_x; measured accuracy and special-value behaviour are stated in
// kernels/hardswish/kernels.inc.
#pragma once

#include <cmath>

namespace actbench::hardswish {

template <class T>
inline T Clamp(T v, T lo, T hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}

template <class T>
inline T GradX(T x) {
  if (x < T(-3)) return T(0);
  if (x <= T(3)) return x / T(3) + T(0.5);
  return T(1);
}

// PyTorch's formulas: x * min(max(x + 3, 0), 6) / 6 (three roundings), and x/3 + 1/2 on
// [-3, 3], which cancels at the root of f' (x = -1.5): relative accuracy is lost there.
template <class T>
struct Naive {
  static T value(T x) { return x * Clamp(x + T(3), T(0), T(6)) / T(6); }
  static T grad_x(T x) { return GradX(x); }
};

// The same value; f' as (2x + 3) / 6, exact up to the last rounding near the root (2x + 3 is
// exact there, Sterbenz).
template <class T>
struct Stable {
  static T value(T x) { return x * Clamp(x + T(3), T(0), T(6)) / T(6); }
  static T grad_x(T x) {
    if (x < T(-3)) return T(0);
    if (x <= T(3)) return (T(2) * x + T(3)) / T(6);
    return T(1);
  }
};

// The form SIMD libraries use: x * clamp(x * (1/6) + 1/2, 0, 1), one fused multiply-add and
// 1/6 rounded to T.
template <class T>
struct Fma {
  static T value(T x) { return x * Clamp(std::fma(x, T(1.0L / 6), T(0.5)), T(0), T(1)); }
  static T grad_x(T x) {
    const T g = std::fma(x, T(1.0L / 3), T(0.5));
    return x < T(-3) ? T(0) : (x <= T(3) ? g : T(1));
  }
};

}  // namespace actbench::hardswish
