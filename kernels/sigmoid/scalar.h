// Scalar sigmoid families: s(x) = 1 / (1 + e^-x), s'(x) = s(x) s(-x), g(y) = y (1 - y).
// Each is a class template over the element type with value / grad_x / grad_y; measured
// accuracy and special-value behaviour are stated in kernels/sigmoid/kernels.inc.
#pragma once

#include <cmath>

#include "common/exp_branchless.h"

namespace actbench::sigmoid {

// The seed's formula as written, and the textbook derivative s (1 - s). e^-x overflows below
// x = -88.7 (f32), flushing results that should be subnormal; s (1 - s) is 0 once s rounds
// to 1 (x > 16.6 in f32), where the true gradient is still ~e^-x.
template <class T>
struct Naive {
  static T value(T x) { return T(1) / (T(1) + std::exp(-x)); }
  static T grad_x(T x) {
    const T s = value(x);
    return s * (T(1) - s);
  }
  static T grad_y(T y) { return y * (T(1) - y); }
};

// Through the C++ library's tanh: s(x) = (1 + tanh(x/2)) / 2, s'(x) = sech^2(x/2) / 4.
// Adding 1 to a tanh near -1 cancels: relative accuracy is lost for x << 0.
template <class T>
struct Libm {
  static T value(T x) { return T(0.5) * std::tanh(T(0.5) * x) + T(0.5); }
  static T grad_x(T x) {
    const T sech = T(1) / std::cosh(T(0.5) * x);
    return T(0.25) * sech * sech;
  }
  static T grad_y(T y) { return y * (T(1) - y); }
};

// Sign split: e = e^-|x| never overflows, and for x < 0 the result is e / (1 + e) with full
// relative accuracy down to the subnormal range. s'(x) = e / (1 + e)^2, accurate for every x.
template <class T>
struct Stable {
  static T value(T x) {
    if (x >= T(0)) return T(1) / (T(1) + std::exp(-x));
    const T e = std::exp(x);
    return e / (T(1) + e);
  }
  static T grad_x(T x) {
    const T e = std::exp(-std::fabs(x));
    const T d = T(1) + e;
    return e / (d * d);
  }
  static T grad_y(T y) { return y * (T(1) - y); }
};

// The stable formulas without branches and with an inline exp, so loops vectorise:
// numerator selected by sign, one division.
template <class T>
struct Branchless {
  static T value(T x) {
    const T e = detail::BranchlessExp(-std::fabs(x));
    const T num = x >= T(0) ? T(1) : e;
    return num / (T(1) + e);
  }
  static T grad_x(T x) {
    const T e = detail::BranchlessExp(-std::fabs(x));
    const T d = T(1) + e;
    return e / (d * d);
  }
  static T grad_y(T y) { return y * (T(1) - y); }
};

}  // namespace actbench::sigmoid
