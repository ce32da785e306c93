// Scalar softplus families: f(x) = log(1 + e^x), f'(x) = s(x), g(y) = 1 - e^-y. Each is a
// class template over the element type with value / grad_x / grad_y; measured accuracy and
// special-value behaviour are stated in kernels/softplus/kernels.inc.
#pragma once

#include <cmath>

namespace actbench::softplus {

// The textbook formulas as written: log(1 + e^x), e^x / (1 + e^x), 1 - e^-y. e^x overflows
// above x = 88.7 (f32): the value becomes +inf and the gradient inf/inf = NaN; log(1 + e^x)
// loses everything once e^x < half an ulp of 1 (x < -16.6 in f32: 0 where softplus ~ e^x);
// 1 - e^-y cancels for small y.
template <class T>
struct Naive {
  static T value(T x) { return std::log(T(1) + std::exp(x)); }
  static T grad_x(T x) {
    const T e = std::exp(x);
    return e / (T(1) + e);
  }
  static T grad_y(T y) { return T(1) - std::exp(-y); }
};

// PyTorch's softplus (beta = 1, threshold = 20): x above the threshold, else log1p(e^x);
// softplus_backward: dy where x > 20, else dy z / (z + 1), z = e^x. In f32 the threshold costs
// nothing (e^-20 is below half an ulp of 20); in f64 it drops e^-x where it is still
// thousands of ulps of x. grad_y: -expm1(-y).
template <class T>
struct Threshold20 {
  static T value(T x) { return x > T(20) ? x : std::log1p(std::exp(x)); }
  static T grad_x(T x) {
    const T z = std::exp(x);
    return x > T(20) ? T(1) : z / (z + T(1));
  }
  static T grad_y(T y) { return -std::expm1(-y); }
};

// max(x, 0) + log1p(e^-|x|): no overflow, full relative accuracy for x << 0; s(x) by the sign
// split; -expm1(-y) keeps the small gradients that 1 - e^-y cancels away.
template <class T>
struct Stable {
  static T value(T x) { return std::fmax(x, T(0)) + std::log1p(std::exp(-std::fabs(x))); }
  static T grad_x(T x) {
    const T e = std::exp(-std::fabs(x));
    return (x >= T(0) ? T(1) : e) / (T(1) + e);
  }
  static T grad_y(T y) { return -std::expm1(-y); }
};

}  // namespace actbench::softplus
