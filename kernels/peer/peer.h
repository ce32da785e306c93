// Production libraries wrapped as kernels (family `peer`): the entry points the registry
// points at. Only declarations live here, so the registry includes no library header; each
// entry point is defined (explicitly instantiated) in the library's translation unit for its
// ISA, compiled with that ISA's flags, from the kernel lists: an ACTBENCH_PEER_VEC or
// ACTBENCH_PEER_RT entry names the library and its recipe (which function, and how the
// activation is built on it). See kernels/peer/README.md.
#pragma once

#include <cstddef>

#include "actbench/kernel.h"

namespace actbench::peer {

// Libraries that give only a forward vector function (SLEEF, Eigen, Highway). The kernel runs
// that function block by block. For an activation whose derivative can be written through y,
// the gradients use the formula frameworks apply to a saved output (the activation's
// descriptor, BackwardFromY): backward_x feeds it this library's own forward of x, backward_y
// the given y. For one without (GELU, SiLU), the entry's recipe also gives f'(x) built from
// the same library's functions, the way a framework writes its backward from the input, and
// backward_x runs that; there is no backward_y. Fn is a tag, one per ACTBENCH_PEER_VEC entry,
// that knows its activation.
template <class Fn, Isa isa, class T>
struct VecKernel {
  static constexpr Isa kIsa = isa;
  using Type = T;
  static void Forward(const T* x, T* y, std::size_t n);
  static void BackwardX(const T* x, const T* dy, T* dx, std::size_t n);
  static void BackwardY(const T* y, const T* dy, T* dx,
                        std::size_t n) requires DescriptorOf<Fn::kActivation>::kHasGradFromY;
};

#define ACTBENCH_SCALAR(...)
#define ACTBENCH_SIMD(...)
#define ACTBENCH_PEER_RT(...)
#define ACTBENCH_PEER_VEC(name, ...)                                    \
  struct name {                                                         \
    static constexpr Activation kActivation = Activation::ACTBENCH_ACT; \
  };
#include "kernels.inc"
#undef ACTBENCH_SCALAR
#undef ACTBENCH_SIMD
#undef ACTBENCH_PEER_RT
#undef ACTBENCH_PEER_VEC

// Libraries that pick their code at run time (oneDNN, XNNPACK), float32 only. On an AVX-512 CPU
// they run their AVX-512 code, which is what these kernels measure, so they declare AVX-512
// (and are skipped without it).
struct RuntimeDispatchF32 {
  static constexpr Isa kIsa = Isa::kAvx512;
  using Type = float;
};

// oneDNN eltwise primitives, forward and backward (from src and, where oneDNN has a
// *_use_dst_for_bwd algorithm, from dst), single-threaded; `jit:avx512_core` on an AVX-512 CPU.
// backward_y exists only for an activation whose derivative can be written through y.
template <Activation act>
struct DnnlKernel : RuntimeDispatchF32 {
  static void Forward(const float* x, float* y, std::size_t n);
  static void BackwardX(const float* x, const float* dy, float* dx, std::size_t n);
  static void BackwardY(const float* y, const float* dy, float* dx,
                        std::size_t n) requires DescriptorOf<act>::kHasGradFromY;
};

// XNNPACK operators, no thread pool; XNNPACK picks its microkernel at initialisation, on an
// AVX-512 CPU the avx512f one. It has no derivative: gradients from the output as for
// VecKernel; for an activation without a derivative through y (hardswish), backward_x is the
// framework's formula from x in plain C++, not XNNPACK's (xnn_kernels.cc).
template <Activation act>
struct XnnKernel : RuntimeDispatchF32 {
  static void Forward(const float* x, float* y, std::size_t n);
  static void BackwardX(const float* x, const float* dy, float* dx, std::size_t n);
  static void BackwardY(const float* y, const float* dy, float* dx,
                        std::size_t n) requires DescriptorOf<act>::kHasGradFromY;
};

}  // namespace actbench::peer
