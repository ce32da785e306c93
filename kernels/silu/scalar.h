// Scalar SiLU families: f(x) = x s(x), f'(x) = s(x) (1 + x (1 - s(x))) = s + x e/(1+e)^2,
// e = e^-|x|. Each is a class template over the element type with value / grad_x; measured
// accuracy and special-value behaviour are stated in kernels/silu/kernels.inc.
#pragma once

#include <cmath>

#include "common/at_inf.h"
#include "common/exp_branchless.h"
#include "common/grad_root.h"

namespace actbench::silu {

using detail::GradAtInf;
using detail::ValueAtInf;

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

// Sign split: x / (1 + e) for x >= 0; for x < 0, (x h) h / (1 + e) with h = e^(x/2), e = h^2:
// x s(x) is a normal number down to x = -92.6 (f32) while e^x is subnormal below -87.3, and
// multiplying by h twice keeps every intermediate normal. f' = s + x e/(1+e)^2, for x < 0 as
// (h (1 + e + x)) h / (1 + e)^2; h P(h) within 0.5 of its root (common/grad_root.h).
template <class T>
struct Stable {
  static T value(T x) {
    if (x >= T(0)) return x / (T(1) + std::exp(-x));
    const T h = std::exp(x / T(2));
    return ValueAtInf(x, (x * h) * h / (T(1) + h * h));
  }
  static T grad_x(T x) {
    using Root = detail::SiluGradRoot<T>;
    if (detail::NearRoot<Root>(x)) return detail::RootPatch<Root>(x);
    if (x >= T(0)) {
      const T e = std::exp(-x);
      const T d = T(1) + e;
      return GradAtInf(x, std::fma(x, e / (d * d), T(1) / d));
    }
    const T h = std::exp(x / T(2));
    const T d = std::fma(h, h, T(1));
    return GradAtInf(x, (h * (d + x)) * h / (d * d));
  }
};

// The stable formulas without branches and with the inline exp (vectorisable): h = e^(-|x|/2),
// e = h^2, numerator x or (x h) h by select, one division; the root patch selected.
template <class T>
struct Branchless {
  static T value(T x) {
    const T h = detail::BranchlessExp(-std::fabs(x) / T(2));
    const T num = x >= T(0) ? x : (x * h) * h;
    return ValueAtInf(x, num / std::fma(h, h, T(1)));
  }
  static T grad_x(T x) {
    using Root = detail::SiluGradRoot<T>;
    const T h = detail::BranchlessExp(-std::fabs(x) / T(2));
    const T e = h * h;
    const T d = T(1) + e;
    // x >= 0: 1/d + x e/d^2; x < 0: (h (d + x)) h / d^2
    const T g = x >= T(0) ? std::fma(x, e / (d * d), T(1) / d) : (h * (d + x)) * h / (d * d);
    const T patch = detail::RootPatch<Root>(x);
    return GradAtInf(x, detail::NearRoot<Root>(x) ? patch : g);
  }
};

}  // namespace actbench::silu
