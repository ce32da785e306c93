// The limits of x f(x)-shaped activations (GELU, gelu-tanh, SiLU, Mish) at +-inf, where x times
// a vanishing factor would give inf * 0 = NaN: f -> x at +inf and 0 at -inf, f' -> 1 and 0.
#pragma once

#include <cmath>

namespace actbench::detail {

template <class T>
inline T ValueAtInf(T x, T v) {
  return std::isinf(x) ? (x > T(0) ? x : T(0)) : v;
}
template <class T>
inline T GradAtInf(T x, T g) {
  return std::isinf(x) ? (x > T(0) ? T(1) : T(0)) : g;
}

}  // namespace actbench::detail
