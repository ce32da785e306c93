// Scalar Mish families: f(x) = x tanh(softplus(x)), f'(x) = tanh(sp) + x s(x) sech^2(sp).
// Each is a class template over the element type with value / grad_x; measured accuracy and
// special-value behaviour are stated in kernels/mish/kernels.inc.
#pragma once

#include <cmath>

#include "common/at_inf.h"
#include "common/exp_branchless.h"
#include "common/grad_root.h"

namespace actbench::mish {

using detail::GradAtInf;
using detail::ValueAtInf;

// PyTorch's formulas: x tanh(log1p(e^x)), and mish_backward's
// tanh_sp + x s (1 - tanh_sp^2). tanh_sp + x s sech^2 cancels at the root of f' (x = -1.1924),
// and 1 - tanh_sp^2 is 0 once tanh_sp rounds to 1.
template <class T>
struct Naive {
  static T value(T x) { return x * std::tanh(std::log1p(std::exp(x))); }
  static T grad_x(T x) {
    const T s = T(1) / (T(1) + std::exp(-x));
    const T t = std::tanh(std::log1p(std::exp(x)));
    return t + x * s * (T(1) - t * t);
  }
};

// tanh(softplus x) as a rational function of e = e^-|x|: with n = e (e + 2), n / (n + 2) for
// x <= 0; (1 + 2e) / (1 + 2e + 2e^2) for x > 0 (no overflow, no cancellation);
// f' = (num den + 4x e (1 + e) (x <= 0 ? 1 : e)) / den^2, and h P(h) within 0.5 of its root
// (common/grad_root.h). For x <= 0, e = h^2 with h = e^(x/2) and the products that carry e
// take h twice, so that they stay normal where Mish is (down to x = -92.6 in f32) though e is
// subnormal.
template <class T>
struct Rational {
  struct Parts {
    T value, grad;  // f and f' before the root patch and the limits at +-inf
  };
  static Parts parts(T x, T h) {
    const T e = h * h;
    if (x <= T(0)) {
      const T den = std::fma(e, e + T(2), T(2));
      // f = x n / den, n = e (e + 2): ((x h) h) (e + 2) / den
      const T value = ((x * h) * h) * (e + T(2)) / den;
      // f' = (n den + 4x e (1 + e)) / den^2 = ((h (e + 2)) den + 4 (1 + e) (x h)) h / den^2
      // (x h, not 4x: at x = -max, h = 0 and 4x would be inf * 0)
      const T grad = std::fma(h * (e + T(2)), den, T(4) * (T(1) + e) * (x * h)) * h / (den * den);
      return {value, grad};
    }
    const T num = std::fma(T(2), e, T(1));
    const T den = std::fma(T(2) * e, T(1) + e, T(1));
    // x last: for x = max, e = 0 and the product is 0 (4x first would overflow to inf * 0)
    const T slope = T(4) * e * e * (T(1) + e) * x;
    return {x * num / den, std::fma(num, den, slope) / (den * den)};
  }
  static T value(T x) { return ValueAtInf(x, parts(x, std::exp(-std::fabs(x) / T(2))).value); }
  static T grad_x(T x) {
    using Root = detail::MishGradRoot<T>;
    if (detail::NearRoot<Root>(x)) return detail::RootPatch<Root>(x);
    return GradAtInf(x, parts(x, std::exp(-std::fabs(x) / T(2))).grad);
  }
};

// Rational with the inline exp (the sign test becomes a select), the root patch selected.
template <class T>
struct Branchless {
  static T value(T x) {
    const auto p = Rational<T>::parts(x, detail::BranchlessExp(-std::fabs(x) / T(2)));
    return ValueAtInf(x, p.value);
  }
  static T grad_x(T x) {
    using Root = detail::MishGradRoot<T>;
    const T g = Rational<T>::parts(x, detail::BranchlessExp(-std::fabs(x) / T(2))).grad;
    const T patch = detail::RootPatch<Root>(x);
    return GradAtInf(x, detail::NearRoot<Root>(x) ? patch : g);
  }
};

}  // namespace actbench::mish
