// Scalar LeakyReLU families (negative_slope = 0.01): f(x) = x (x > 0), 0.01 x; f'(x) = 1
// (x > 0), 0.01 (x <= 0); the same through y. Each is a class template over the element type
// with value / grad_x / grad_y; measured accuracy and special-value behaviour are stated in
// kernels/leaky_relu/kernels.inc.
#pragma once

namespace actbench::leaky_relu {

template <class T>
inline constexpr T kSlope = T(0.01);

// PyTorch's formula: x * 0.01 with 0.01 rounded to T, so the product is rounded twice in effect
// (0.01f is 2.2e-10 below 0.01): not always the correctly rounded x/100.
template <class T>
struct Naive {
  static T value(T x) { return x > T(0) ? x : x * kSlope<T>; }
  static T grad_x(T x) { return x > T(0) ? T(1) : kSlope<T>; }
  static T grad_y(T y) { return y > T(0) ? T(1) : kSlope<T>; }
};

// x / 100: one correctly rounded operation.
template <class T>
struct Div {
  static T value(T x) { return x > T(0) ? x : x / T(100); }
  static T grad_x(T x) { return x > T(0) ? T(1) : kSlope<T>; }
  static T grad_y(T y) { return y > T(0) ? T(1) : kSlope<T>; }
};

// max(x, 0.01 x): one multiply and one max, no compare-and-select.
template <class T>
struct Max {
  static T value(T x) {
    const T s = x * kSlope<T>;
    return x > s ? x : s;
  }
  static T grad_x(T x) { return x > T(0) ? T(1) : kSlope<T>; }
  static T grad_y(T y) { return y > T(0) ? T(1) : kSlope<T>; }
};

}  // namespace actbench::leaky_relu
