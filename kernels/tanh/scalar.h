// Scalar tanh families: tanh(x), tanh'(x) = 1 - tanh^2(x) = 4 e^-2|x| / (1 + e^-2|x|)^2,
// g(y) = 1 - y^2. Each is a class template over the element type with value / grad_x /
// grad_y; measured accuracy and special-value behaviour are stated in kernels/tanh/kernels.inc.
#pragma once

#include <cmath>

#include "common/exp_branchless.h"

namespace actbench::tanh {

// The seed's formula as written: (1 - e^-2x) / (1 + e^-2x). e^-2x overflows for x < -44.4
// (f32), giving inf/inf = NaN; 1 - e^-2x cancels near 0. Derivative: 1 - t^2.
template <class T>
struct Naive {
  static T value(T x) {
    const T e = std::exp(T(-2) * x);
    return (T(1) - e) / (T(1) + e);
  }
  static T grad_x(T x) {
    const T t = value(x);
    return T(1) - t * t;
  }
  static T grad_y(T y) { return T(1) - y * y; }
};

// The C++ library's tanh; derivative sech^2(x) from std::cosh.
template <class T>
struct Libm {
  static T value(T x) { return std::tanh(x); }
  static T grad_x(T x) {
    const T sech = T(1) / std::cosh(x);
    return sech * sech;
  }
  static T grad_y(T y) { return (T(1) - y) * (T(1) + y); }
};

// Through expm1 on |x|: tanh|x| = m / (m + 2), m = expm1(2|x|), no cancellation anywhere;
// sign restored with copysign (keeps -0). Derivative 4e / (1 + e)^2, e = e^-2|x|.
// (1 - y)(1 + y) is exact-ish where 1 - y*y would round y*y first.
template <class T>
struct Stable {
  static T value(T x) {
    const T a = std::fabs(x);
    if (a > T(20)) return std::copysign(T(1), x);  // tanh rounds to 1 beyond 9 (f32), 19.1 (f64)
    const T m = std::expm1(T(2) * a);
    return std::copysign(m / (m + T(2)), x);
  }
  static T grad_x(T x) {
    const T e = std::exp(T(-2) * std::fabs(x));
    const T d = T(1) + e;
    return T(4) * e / (d * d);
  }
  static T grad_y(T y) { return (T(1) - y) * (T(1) + y); }
};

// The stable formulas without branches and with an inline expm1/exp, so loops vectorise.
template <class T>
struct Branchless {
  static T value(T x) {
    T a = std::fabs(x);
    a = a > T(20) ? T(20) : a;  // keeps NaN; tanh(20) rounds to 1 in both types
    const T m = detail::BranchlessExpm1(T(2) * a);
    return std::copysign(m / (m + T(2)), x);
  }
  static T grad_x(T x) {
    const T e = detail::BranchlessExp(T(-2) * std::fabs(x));
    const T d = T(1) + e;
    return T(4) * e / (d * d);
  }
  static T grad_y(T y) { return (T(1) - y) * (T(1) + y); }
};

}  // namespace actbench::tanh
