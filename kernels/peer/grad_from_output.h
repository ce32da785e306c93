// The gradient frameworks compute from a saved output, dx = dy * g(y), for the peer libraries
// that have no derivative of their own (SLEEF, Eigen, Highway, XNNPACK). Written in PyTorch's
// order of operations: relu threshold_backward (y <= 0 ? 0 : dy), sigmoid_backward
// dy * (1 - y) * y, tanh_backward dy * (1 - y * y); TensorFlow's ReluGrad / SigmoidGrad /
// TanhGrad give the same numbers for dy = 1. No fused multiply-add (the build keeps a*b+c as
// two roundings).
//
// Instantiated once per ISA in grad_avx512.cc / grad_avx2.cc (compiled with that ISA's flags,
// so the loop vectorises at its width); everyone else sees only the extern declarations.
#pragma once

#include <cstddef>

#include "actbench/kernel.h"

namespace actbench::peer {

template <Isa isa, Activation act, class T>
void GradFromOutput(const T* y, const T* dy, T* dx, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if constexpr (act == Activation::kRelu)
      dx[i] = y[i] <= T(0) ? T(0) : dy[i];
    else if constexpr (act == Activation::kSigmoid)
      dx[i] = dy[i] * (T(1) - y[i]) * y[i];
    else
      dx[i] = dy[i] * (T(1) - y[i] * y[i]);
  }
}

#define ACTBENCH_PEER_GRAD(extern_, isa)                                                          \
  extern_ template void GradFromOutput<isa, Activation::kRelu, float>(const float*, const float*, \
                                                                      float*, std::size_t);       \
  extern_ template void GradFromOutput<isa, Activation::kSigmoid, float>(                         \
      const float*, const float*, float*, std::size_t);                                           \
  extern_ template void GradFromOutput<isa, Activation::kTanh, float>(const float*, const float*, \
                                                                      float*, std::size_t);       \
  extern_ template void GradFromOutput<isa, Activation::kSigmoid, double>(                        \
      const double*, const double*, double*, std::size_t);                                        \
  extern_ template void GradFromOutput<isa, Activation::kTanh, double>(                           \
      const double*, const double*, double*, std::size_t);

#ifndef ACTBENCH_PEER_GRAD_DEFINITIONS
ACTBENCH_PEER_GRAD(extern, Isa::kAvx512)
ACTBENCH_PEER_GRAD(extern, Isa::kAvx2)
#endif

}  // namespace actbench::peer
