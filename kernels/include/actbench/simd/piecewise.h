// Helpers of the piecewise activations' SIMD kernels (leaky-relu, hardswish, hardsigmoid, elu).
#pragma once

#include "actbench/simd/arch.h"

namespace actbench::simd {

// 0 for every number, NaN for NaN (inf included: min(0, |inf|) = 0): the "else 0" of a
// piecewise derivative that keeps a NaN input NaN. minps returns its second operand when either
// is NaN.
template <class B>
inline B ZeroOrNan(const B& x) {
  using T = typename B::value_type;
  return xsimd::min(B(T(0)), xsimd::abs(x));
}

// min(hi, max(lo, v)), NaN kept (maxps/minps return the second operand on NaN).
template <class B>
inline B ClampKeepNan(const B& v, typename B::value_type lo, typename B::value_type hi) {
  return xsimd::min(B(hi), xsimd::max(B(lo), v));
}

}  // namespace actbench::simd
