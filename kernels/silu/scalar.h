// Scalar SiLU families: f(x) = x s(x), f'(x) = s(x) (1 + x (1 - s(x))) = s + x e/(1+e)^2,
// e = e^-|x|. Each is a class template over the element type with value / grad_x; measured
// accuracy and special-value behaviour are stated in kernels/silu/kernels.inc.
#pragma once

#include <cmath>

#include "common/exp_branchless.h"
#include "common/grad_root.h"

namespace actbench::silu {

// The limits at +-inf (x and 1 at +inf, 0 and 0 at -inf), where x times a vanishing factor
// would give inf * 0 = NaN.
template <class T>
inline T ValueAtInf(T x, T v) {
  return std::isinf(x) ? (x > T(0) ? x : T(0)) : v;
}
template <class T>
inline T GradAtInf(T x, T g) {
  return std::isinf(x) ? (x > T(0) ? T(1) : T(0)) : g;
}

// The textbook formula, x / (1 + e^-x), and PyTorch's silu_backward, s (1 + x (1 - s)):
// e^-x overflows below x = -88.7 (f32) and the value goes to -0 where it is still a normal
// number; 1 - s is 0 once s rounds to 1, and s (1 + x (1 - s)) cancels at the root of f'
// (x = -1.2785).
template <class T>
struct Naive {
  static T value(T x) { return x / (T(1) + std::exp(-x)); }
  static T grad_x(T x) {
    const T s = T(1) / (T(1) + std::exp(-x));
    return s * (T(1) + x * (T(1) - s));
  }
};

// Sign split: x / (1 + e) or x e / (1 + e), e = e^-|x|, never overflows; f' = s + x e/(1+e)^2
// from e, and h P(h) within 0.5 of its root (common/grad_root.h).
template <class T>
struct Stable {
  static T value(T x) {
    if (x >= T(0)) return x / (T(1) + std::exp(-x));
    const T e = std::exp(x);
    return ValueAtInf(x, x * e / (T(1) + e));
  }
  static T grad_x(T x) {
    using Root = detail::SiluGradRoot<T>;
    if (detail::NearRoot<Root>(x)) return detail::RootPatch<Root>(x);
    const T e = std::exp(-std::fabs(x));
    const T d = T(1) + e;
    const T s = (x >= T(0) ? T(1) : e) / d;
    return GradAtInf(x, std::fma(x, e / (d * d), s));
  }
};

// The stable formulas without branches and with the inline exp (vectorisable): numerator by
// select, one division; the root patch selected.
template <class T>
struct Branchless {
  static T value(T x) {
    const T e = detail::BranchlessExp(-std::fabs(x));
    const T num = x >= T(0) ? x : x * e;
    return ValueAtInf(x, num / (T(1) + e));
  }
  static T grad_x(T x) {
    using Root = detail::SiluGradRoot<T>;
    const T e = detail::BranchlessExp(-std::fabs(x));
    const T d = T(1) + e;
    const T s = (x >= T(0) ? T(1) : e) / d;
    const T g = std::fma(x, e / (d * d), s);
    const T patch = detail::RootPatch<Root>(x);
    return GradAtInf(x, detail::NearRoot<Root>(x) ? patch : g);
  }
};

}  // namespace actbench::silu
