// Scalar GELU families (exact erf): f(x) = x Phi(x) = x/2 erfc(-x/sqrt 2),
// f'(x) = Phi(x) + x phi(x). Each is a class template over the element type with value /
// grad_x; measured accuracy and special-value behaviour are stated in kernels/gelu/kernels.inc.
#pragma once

#include <cmath>
#include <type_traits>

#include "common/at_inf.h"
#include "common/grad_root.h"
#include "common/wide.h"

namespace actbench::gelu {

using detail::GradAtInf;
using detail::ValueAtInf;

template <class T>
inline constexpr T kSqrtHalf = T(0.70710678118654752440084436210484903928L);
template <class T>
inline constexpr T kInvSqrt2Pi = T(0.39894228040143267793994605993438186848L);

// The textbook formula as PyTorch writes it (approximate='none'): x/2 (1 + erf(x/sqrt 2)) and
// cdf + x pdf. 1 + erf cancels for x << 0: the value keeps no correct digit below about x = -5
// (f32), where GELU is still a normal number down to -13.2; Phi + x phi also cancels at the
// root of f' (x = -0.7518).
template <class T>
struct Naive {
  static T value(T x) { return x * T(0.5) * (T(1) + std::erf(x * kSqrtHalf<T>)); }
  static T grad_x(T x) {
    const T cdf = T(0.5) * (T(1) + std::erf(x * kSqrtHalf<T>));
    const T pdf = std::exp(T(-0.5) * x * x) * kInvSqrt2Pi<T>;
    return cdf + x * pdf;
  }
};

// Through the C++ library's erfc: Phi(x) = erfc(-x/sqrt 2)/2 has no cancellation, but the
// rounding of x/sqrt 2 is amplified by erfc's steepness (relative error ~ 2z^2 times it), and
// Phi + x phi still cancels at the root of f'.
template <class T>
struct Libm {
  static T value(T x) { return T(0.5) * x * std::erfc(-x * kSqrtHalf<T>); }
  static T grad_x(T x) {
    return T(0.5) * std::erfc(-x * kSqrtHalf<T>) + x * std::exp(-x * x / T(2)) * kInvSqrt2Pi<T>;
  }
};

// The erfc formulas evaluated in a wider type (double for f32, long double for f64) and rounded
// once; for f64, f' within 0.5 of its root is h P(h) (common/grad_root.h), where long double's
// 11 extra bits do not cover the cancellation.
template <class T>
struct WideErfc {
  using W = detail::Wide<T>;
  static T value(T x) {
    const W w = x;
    return ValueAtInf(x, static_cast<T>(W(0.5) * w * std::erfc(-w * kSqrtHalf<W>)));
  }
  static T grad_x(T x) {
    if constexpr (std::is_same_v<T, double>) {
      using Root = detail::GeluGradRoot<T>;
      if (detail::NearRoot<Root>(x)) return static_cast<T>(detail::RootPatch<Root>(W(x)));
    }
    const W w = x;
    return GradAtInf(x, static_cast<T>(W(0.5) * std::erfc(-w * kSqrtHalf<W>) +
                                       w * std::exp(-w * w / W(2)) * kInvSqrt2Pi<W>));
  }
};

}  // namespace actbench::gelu
