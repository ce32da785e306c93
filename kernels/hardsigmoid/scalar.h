// Scalar hardsigmoid families: f(x) = relu6(x + 3) / 6; f'(x) = 1/6 on (-3, 3), else 0
// (hardsigmoid_backward); g(y) = 1/6 for 0 < y < 1. Each is a class template over the element
// type with value / grad_x / grad_y; measured accuracy and special-value behaviour are stated
// in kernels/hardsigmoid/kernels.inc.
#pragma once

#include <cmath>

namespace actbench::hardsigmoid {

template <class T>
inline constexpr T kSixth = T(1.0L / 6);

template <class T>
inline T Clamp(T v, T lo, T hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}
template <class T>
inline T GradX(T x) {
  return x > T(-3) && x < T(3) ? kSixth<T> : T(0);
}
template <class T>
inline T GradY(T y) {
  return y > T(0) && y < T(1) ? kSixth<T> : T(0);
}

// PyTorch's formula: min(max(x + 3, 0), 6) / 6 (x + 3 rounds for tiny x).
template <class T>
struct Naive {
  static T value(T x) { return Clamp(x + T(3), T(0), T(6)) / T(6); }
  static T grad_x(T x) { return GradX(x); }
  static T grad_y(T y) { return GradY(y); }
};

// The form SIMD libraries use: clamp(x * (1/6) + 1/2, 0, 1) with one fused multiply-add.
template <class T>
struct Fma {
  static T value(T x) { return Clamp(std::fma(x, kSixth<T>, T(0.5)), T(0), T(1)); }
  static T grad_x(T x) { return GradX(x); }
  static T grad_y(T y) { return GradY(y); }
};

}  // namespace actbench::hardsigmoid
