// Scalar ReLU families: relu(x) = max(x, 0); relu'(x) = 1 for x > 0, else 0 (relu'(0) = 0, as
// PyTorch); from the output, g(y) = 1 for y > 0, else 0 (what frameworks store to save memory).
// NaN handling differs between the two and is what tells them apart.
#pragma once

#include <algorithm>
#include <cmath>

namespace actbench::relu {

// The formula as written: std::max(x, 0), which returns x when x is NaN (x < 0 is false).
// Gradient by comparison, multiplied by dy, so NaN x gives dy * 0 = 0 unless dy is not finite.
template <class T>
struct Naive {
  static T value(T x) { return std::max(x, T(0)); }
  static T grad_x(T x) { return x > T(0) ? T(1) : T(0); }
  static T grad_y(T y) { return y > T(0) ? T(1) : T(0); }
};

// A select on the sign, x > 0 ? x : 0 (a single maxps/maxpd after vectorisation, which
// returns 0 for NaN); the gradient keeps NaN: x != x selects x itself.
template <class T>
struct Branchless {
  static T value(T x) { return x > T(0) ? x : T(0); }
  static T grad_x(T x) {
    const T g = x > T(0) ? T(1) : T(0);
    return x != x ? x : g;
  }
  static T grad_y(T y) {
    const T g = y > T(0) ? T(1) : T(0);
    return y != y ? y : g;
  }
};

}  // namespace actbench::relu
