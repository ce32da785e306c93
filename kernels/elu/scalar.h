// Scalar ELU families (alpha = 1): f(x) = x (x > 0), e^x - 1; f'(x) = 1 (x > 0), e^x;
// g(y) = y + 1 for y <= 0 (elu_backward with is_result). Each is a class template over the
// element type with value / grad_x / grad_y; measured accuracy and special-value behaviour are
// stated in kernels/elu/kernels.inc.
#pragma once

#include <cmath>

#include "common/exp_branchless.h"

namespace actbench::elu {

template <class T>
inline T GradFromY(T y) {
  return y > T(0) ? T(1) : y + T(1);
}

// The textbook formula: e^x - 1 cancels near 0 (relative error ~ ulp(1) / |x|).
template <class T>
struct Naive {
  static T value(T x) { return x > T(0) ? x : std::exp(x) - T(1); }
  static T grad_x(T x) { return x > T(0) ? T(1) : std::exp(x); }
  static T grad_y(T y) { return GradFromY(y); }
};

// std::expm1, as PyTorch's CPU kernel does.
template <class T>
struct Libm {
  static T value(T x) { return x > T(0) ? x : std::expm1(x); }
  static T grad_x(T x) { return x > T(0) ? T(1) : std::exp(x); }
  static T grad_y(T y) { return GradFromY(y); }
};

// The inline expm1 and exp (common/exp_branchless.h) and selects: vectorisable.
template <class T>
struct Branchless {
  static T value(T x) {
    const T m = detail::BranchlessExpm1(x);
    return x > T(0) ? x : m;
  }
  static T grad_x(T x) {
    const T e = detail::BranchlessExp(x);
    return x > T(0) ? T(1) : e;
  }
  static T grad_y(T y) { return GradFromY(y); }
};

}  // namespace actbench::elu
