// Scalar gelu-tanh families: f(x) = x/2 (1 + tanh u) = x s(2u), u = k (x + c x^3),
// k = sqrt(2/pi), c = 0.044715; f'(x) = s(2u) + x s'(2u) 2u', u' = k (1 + 3c x^2). Each is a
// class template over the element type with value / grad_x; measured accuracy and special-value
// behaviour are stated in kernels/gelu_tanh/kernels.inc.
#pragma once

#include <cmath>
#include <type_traits>

#include "common/at_inf.h"
#include "common/exp_branchless.h"
#include "common/grad_root.h"
#include "common/wide.h"

namespace actbench::gelu_tanh {

using detail::GradAtInf;
using detail::ValueAtInf;

template <class T>
inline constexpr T kK = T(0.79788456080286535587989211986876373695L);  // sqrt(2/pi)
template <class T>
inline constexpr T kC = T(0.044715L);

// PyTorch's formulas (approximate='tanh'), in its order: 0.5 x (1 + tanh(inner)), and
// 0.5 (1 + t) + 0.5 x (1 - t^2) inner'. 1 + tanh cancels for x << 0, and 1 - t^2 once t
// rounds to +-1.
template <class T>
struct Naive {
  static T value(T x) {
    const T inner = kK<T> * (x + kC<T> * (x * x * x));
    return T(0.5) * x * (T(1) + std::tanh(inner));
  }
  static T grad_x(T x) {
    const T x_sq = x * x;
    const T inner = kK<T> * (x + kC<T> * (x_sq * x));
    const T t = std::tanh(inner);
    const T left = T(0.5) * x;
    const T right = T(1) + t;
    const T left_derivative = T(0.5) * right;
    const T tanh_derivative = T(1) - t * t;
    const T inner_derivative = kK<T> * (T(1) + T(3) * kC<T> * x_sq);
    return left_derivative + left * tanh_derivative * inner_derivative;
  }
};

// x s(2u) with s split by the sign of u (no cancellation, no overflow), evaluated in a wider
// type (double for f32, long double for f64: u's x^3 and e^2u's conditioning need the bits) and
// rounded once; for f64, f' within 0.5 of its root is h P(h) (common/grad_root.h).
template <class T>
struct WideSigmoid {
  using W = detail::Wide<T>;
  static T value(T x) {
    const W w = x;
    const W z = W(2) * kK<W> * (w + kC<W> * w * w * w);
    if (!(z < 0)) return static_cast<T>(w / (W(1) + std::exp(-z)));
    const W e = std::exp(z);
    return ValueAtInf(x, static_cast<T>(w * e / (W(1) + e)));
  }
  static T grad_x(T x) {
    if constexpr (std::is_same_v<T, double>) {
      using Root = detail::GeluTanhGradRoot<T>;
      if (detail::NearRoot<Root>(x)) return static_cast<T>(detail::RootPatch<Root>(W(x)));
    }
    const W w = x;
    const W z = W(2) * kK<W> * (w + kC<W> * w * w * w);
    const W e = std::exp(-std::fabs(z));
    const W d = W(1) + e;
    const W s = z < 0 ? e / d : W(1) / d;
    return GradAtInf(
        x, static_cast<T>(s + w * (e / (d * d)) * W(2) * kK<W> * (W(1) + W(3) * kC<W> * w * w)));
  }
};

// The same split in T, without branches: e = e^-|2u| by the inline exp, numerator selected by
// sign, one division. u is rounded in T, and e^2u amplifies that for x << 0; f' within 0.5 of
// its root is h P(h), selected.
template <class T>
struct Branchless {
  static T z_of(T x) { return T(2) * kK<T> * std::fma(kC<T> * x, x * x, x); }
  static T value(T x) {
    const T z = z_of(x);
    const T e = detail::BranchlessExp(-std::fabs(z));
    const T num = z >= T(0) ? x : x * e;
    return ValueAtInf(x, num / (T(1) + e));
  }
  static T grad_x(T x) {
    using Root = detail::GeluTanhGradRoot<T>;
    const T z = z_of(x);
    const T e = detail::BranchlessExp(-std::fabs(z));
    const T d = T(1) + e;
    const T s = (z >= T(0) ? T(1) : e) / d;
    const T du = T(2) * kK<T> * std::fma(T(3) * kC<T> * x, x, T(1));
    // e = 0 (|2u| beyond the exp's clamp): the term is 0, where x and u' may be inf
    const T g = e == T(0) ? s : std::fma(x * (e / (d * d)), du, s);
    const T patch = detail::RootPatch<Root>(x);
    return GradAtInf(x, detail::NearRoot<Root>(x) ? patch : g);
  }
};

}  // namespace actbench::gelu_tanh
