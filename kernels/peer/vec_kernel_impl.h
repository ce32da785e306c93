// The loops behind VecKernel (peer/peer.h): run a library's vector function block by block,
// and the framework gradient formula (peer/grad_from_output.h) on its output. Included only by
// the libraries' kernel files (sleef_kernels.inc, eigen_kernels.inc, hwy_kernels.inc), each
// compiled once per ISA by a translation unit of its own (sleef_avx2.cc, ...) that defines
// ACTBENCH_PEER_ISA. They specialise Block for their (function, ISA, type) and explicitly
// instantiate VecKernel for them. Everything here is keyed by the ISA, so each instantiation
// exists in exactly one translation unit, compiled with that ISA's flags (no inline function
// compiled for AVX-512 can be merged into an AVX2 caller by the linker).
#pragma once

#include <cstddef>
#include <cstring>

#include "peer/grad_from_output.h"
#include "peer/peer.h"

#ifndef ACTBENCH_PEER_ISA
#error "define ACTBENCH_PEER_ISA (kAvx512, kAvx2) to the ISA of the translation unit's flags"
#endif

namespace actbench::peer {

// The ISA this translation unit is compiled for.
constexpr Isa kIsa = Isa::ACTBENCH_PEER_ISA;

// The library call for one (function, ISA, type): kLanes, and Apply(in, out) computing f on
// kLanes elements at element-aligned addresses (in may equal out). Specialised per ISA by the
// library's recipe in the kernel list (recipes.inc).
template <class Fn, Isa isa, class T>
struct Block;

// The entry points of a VecKernel variant of this file's ISA; the per-ISA file maps its
// ACTBENCH_PEER_AT_<isa> to this (recipes.inc).
#define ACTBENCH_PEER_INSTANTIATE(name, T) template struct VecKernel<name, kIsa, T>;

template <class Fn, Isa isa, class T>
void VecKernel<Fn, isa, T>::Forward(const T* x, T* y, std::size_t n) {
  using B = Block<Fn, isa, T>;
  std::size_t i = 0;
  for (; i + B::kLanes <= n; i += B::kLanes) B::Apply(x + i, y + i);
  if (i < n) {
    // The tail goes through the same vector code on a zero-padded copy: never touches memory
    // past n, and every element gets the same algorithm wherever it sits.
    T buf[B::kLanes] = {};
    std::memcpy(buf, x + i, (n - i) * sizeof(T));
    B::Apply(buf, buf);
    std::memcpy(y + i, buf, (n - i) * sizeof(T));
  }
}

// Libraries without a derivative get the framework's gradient from y, which the activation's
// descriptor must define.
template <class Fn>
inline constexpr bool kHasFrameworkGradient = DescriptorOf<Fn::kActivation>::kHasGradFromY;

template <class Fn, Isa isa, class T>
void VecKernel<Fn, isa, T>::BackwardX(const T* x, const T* dy, T* dx, std::size_t n) {
  // The library's own forward of a chunk into a local buffer, then the output formula: what a
  // framework built on this library computes, without storing y.
  constexpr std::size_t kChunk = 256;
  static_assert(kChunk % Block<Fn, isa, T>::kLanes == 0);
  static_assert(kHasFrameworkGradient<Fn>, "this activation has no derivative through y");
  alignas(64) T y[kChunk];
  for (std::size_t i = 0; i < n; i += kChunk) {
    const std::size_t m = n - i < kChunk ? n - i : kChunk;
    Forward(x + i, y, m);
    GradFromOutput<isa>(Fn::kActivation, y, dy + i, dx + i, m);
  }
}

template <class Fn, Isa isa, class T>
void VecKernel<Fn, isa, T>::BackwardY(const T* y, const T* dy, T* dx, std::size_t n) {
  static_assert(kHasFrameworkGradient<Fn>, "this activation has no derivative through y");
  GradFromOutput<isa>(Fn::kActivation, y, dy, dx, n);
}

}  // namespace actbench::peer
