// Production libraries wrapped as kernels (family `peer`): the entry points the registry
// points at. Only declarations live here, so kernels/registry.cc includes no library header;
// each entry point is defined (explicitly instantiated) in the library's translation unit for
// its ISA, compiled with that ISA's flags. See kernels/peer/README.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "actbench/kernel.h"

namespace actbench::peer {

// Libraries that give only a forward vector function (SLEEF, Eigen, Highway). The kernel runs
// that function block by block; the gradients use the formula frameworks apply to a saved
// output, g(y) = y (1 - y) for sigmoid and 1 - y^2 for tanh: backward_x feeds it this
// library's own forward of x, backward_y the given y.
enum class VecFn : std::uint8_t {
  kSleefSigmoidExpU10,  // 1 / (1 + Sleef_exp*_u10(-x))
  kSleefTanhU10,        // Sleef_tanh*_u10
  kSleefTanhU35,        // Sleef_tanh*_u35
  kEigenLogistic,       // Eigen ArrayBase::logistic()
  kEigenTanh,           // Eigen ArrayBase::tanh()
  kHwySigmoidExp,       // 1 / (1 + hn::Exp(-x))
  kHwyTanh,             // hn::Tanh
};

template <VecFn fn, Isa isa, class T>
struct VecKernel {
  static constexpr Isa kIsa = isa;
  using Type = T;
  static void Forward(const T* x, T* y, std::size_t n);
  static void BackwardX(const T* x, const T* dy, T* dx, std::size_t n);
  static void BackwardY(const T* y, const T* dy, T* dx, std::size_t n);
};

// Short names for the registry.
template <Isa isa, class T>
using SleefSigmoidExpU10 = VecKernel<VecFn::kSleefSigmoidExpU10, isa, T>;
template <Isa isa, class T>
using SleefTanhU10 = VecKernel<VecFn::kSleefTanhU10, isa, T>;
template <Isa isa, class T>
using SleefTanhU35 = VecKernel<VecFn::kSleefTanhU35, isa, T>;
template <Isa isa, class T>
using EigenLogistic = VecKernel<VecFn::kEigenLogistic, isa, T>;
template <Isa isa, class T>
using EigenTanh = VecKernel<VecFn::kEigenTanh, isa, T>;
template <Isa isa, class T>
using HwySigmoidExp = VecKernel<VecFn::kHwySigmoidExp, isa, T>;
template <Isa isa, class T>
using HwyTanh = VecKernel<VecFn::kHwyTanh, isa, T>;

// Libraries that pick their code at run time (oneDNN, XNNPACK), float32 only. On an AVX-512 CPU
// they run their AVX-512 code, which is what these kernels measure, so they declare AVX-512
// (and are skipped without it).
struct RuntimeDispatchF32 {
  static constexpr Isa kIsa = Isa::kAvx512;
  using Type = float;
};

// oneDNN eltwise primitives, forward and backward (from src and from dst), single-threaded;
// `jit:avx512_core` on an AVX-512 CPU.
template <Activation act>
struct DnnlKernel : RuntimeDispatchF32 {
  static void Forward(const float* x, float* y, std::size_t n);
  static void BackwardX(const float* x, const float* dy, float* dx, std::size_t n);
  static void BackwardY(const float* y, const float* dy, float* dx, std::size_t n);
};

// XNNPACK operators (sigmoid; relu as clamp to [0, +inf]), no thread pool; XNNPACK picks its
// microkernel at initialisation, on an AVX-512 CPU the avx512f one. It has no derivative:
// gradients as for VecKernel.
template <Activation act>
struct XnnKernel : RuntimeDispatchF32 {
  static void Forward(const float* x, float* y, std::size_t n);
  static void BackwardX(const float* x, const float* dy, float* dx, std::size_t n);
  static void BackwardY(const float* y, const float* dy, float* dx, std::size_t n);
};

// A registry entry for one of the kernels above: ISA and dtype come from the type, so they are
// stated once.
template <class K>
constexpr Kernel Entry(std::string_view id, Activation act, Claim claim, std::uint32_t quirks,
                       std::string_view description) {
  using T = typename K::Type;
  Kernel k{.id = id,
           .activation = act,
           .family = "peer",
           .isa = K::kIsa,
           .dtype = std::is_same_v<T, float> ? DType::kF32 : DType::kF64,
           .f32 = {},
           .f64 = {},
           .claim = claim,
           .quirks = quirks,
           .description = description};
  Ops<T> ops;
  ops.forward = &K::Forward;
  ops.backward_x = &K::BackwardX;
  ops.backward_y = &K::BackwardY;
  if constexpr (std::is_same_v<T, float>)
    k.f32 = ops;
  else
    k.f64 = ops;
  return k;
}

}  // namespace actbench::peer
