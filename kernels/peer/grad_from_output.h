// The gradient frameworks compute from a saved output, dx = dy * g(y), for the peer libraries
// that have no derivative of their own (SLEEF, Eigen, Highway, XNNPACK): each activation's
// descriptor writes it in PyTorch's order of operations (BackwardFromY: relu threshold_backward,
// sigmoid_backward, tanh_backward; TensorFlow's ReluGrad / SigmoidGrad / TanhGrad give the
// same numbers for dy = 1). No fused multiply-add (the build keeps a*b+c as two roundings).
//
// Instantiated once per ISA in grad_avx512.cc / grad_avx2.cc (compiled with that ISA's flags,
// so the loop vectorises at its width) for every activation and dtype of the lists; everyone
// else sees only the extern declarations.
#pragma once

#include <cstddef>
#include <cstdlib>

#include "actbench/kernel.h"

namespace actbench::peer {

// dx = dy * g(y) for activation act, by its descriptor's BackwardFromY. The activation is
// chosen once per call; each loop is specialised for it and vectorised.
template <Isa isa, class T>
void GradFromOutput(Activation act, const T* y, const T* dy, T* dx, std::size_t n) {
  VisitActivation(act, [&](auto d) {
    using D = decltype(d);
    if constexpr (D::kHasGradFromY) {
      using C = typename DTypeTraits<T>::Compute;  // 16-bit dtypes: in float, rounded once
      for (std::size_t i = 0; i < n; ++i) dx[i] = T(D::BackwardFromY(C(y[i]), C(dy[i])));
    } else {
      // Unreachable: the peer kernels that call this assert that their activation has a
      // derivative through y (a library without one needs its own derivative).
      std::abort();
    }
  });
}

// The instantiations: in grad_<isa>.cc (ACTBENCH_PEER_GRAD_DEFINITIONS set to its Isa
// enumerator) the definitions for that ISA, everywhere else extern declarations.
#define ACTBENCH_PEER_GRAD_INSTANCE(extern_, isa, type)                                  \
  extern_ template void GradFromOutput<Isa::isa, type>(Activation, const type*, const type*, \
                                                       type*, std::size_t);
#ifdef ACTBENCH_PEER_GRAD_DEFINITIONS
#define ACTBENCH_PEER_GRAD_DEFINE(tag, type) \
  ACTBENCH_PEER_GRAD_INSTANCE(, ACTBENCH_PEER_GRAD_DEFINITIONS, type)
ACTBENCH_DTYPES(ACTBENCH_PEER_GRAD_DEFINE)
#else
#define ACTBENCH_PEER_GRAD_EXTERN(tag, type)            \
  ACTBENCH_PEER_GRAD_INSTANCE(extern, kAvx512, type) \
  ACTBENCH_PEER_GRAD_INSTANCE(extern, kAvx2, type)
ACTBENCH_DTYPES(ACTBENCH_PEER_GRAD_EXTERN)
#endif

}  // namespace actbench::peer
