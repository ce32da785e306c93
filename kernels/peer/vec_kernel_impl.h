// The loops behind VecKernel (peer/peer.h): run a library's vector function block by block,
// and the framework gradient formula (peer/grad_from_output.h) on its output, or the recipe's
// own f'(x) block by block where the activation has no derivative through y. Included only by
// the libraries' kernel files (sleef_kernels.inc, eigen_kernels.inc, hwy_kernels.inc), each
// compiled once per ISA by a translation unit of its own (sleef_avx2.cc, ...) that defines
// ACTBENCH_PEER_ISA. They specialise Block for their (function, ISA, type) and explicitly
// instantiate VecKernel for them. Everything here is keyed by the ISA, so each instantiation
// exists in exactly one translation unit, compiled with that ISA's flags (no inline function
// compiled for AVX-512 can be merged into an AVX2 caller by the linker).
#pragma once

#include <array>
#include <cstddef>
#include <cstring>
#include <tuple>

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
// library's recipe in the kernel list (recipes.inc). A recipe that also gives the derivative
// adds ApplyGrad(x, dy, dx): dx = dy * f'(x) on kLanes elements, f' built from the same
// library's functions (dx may equal x or dy).
template <class Fn, Isa isa, class T>
struct Block;

// Whether the entry's recipe gives f'(x).
template <class B, class T>
concept HasRecipeGradient = requires(const T* x, const T* dy, T* dx) {
  B::ApplyGrad(x, dy, dx);
};

// Blocks of kLanes elements, then the tail through the same vector code on zero-padded copies
// of the inputs: never touches memory past n, and every element gets the same algorithm
// wherever it sits. apply(in..., out) computes kLanes elements (out may equal an input).
template <std::size_t kLanes, class T, class Apply, class... In>
void ForEachBlock(std::size_t n, Apply apply, T* out, const In*... in) {
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) apply(in + i..., out + i);
  if (i == n) return;
  const std::size_t m = n - i;
  const auto padded = [&](const T* p) {
    std::array<T, kLanes> buf{};
    std::memcpy(buf.data(), p + i, m * sizeof(T));
    return buf;
  };
  const std::tuple bufs{padded(in)...};
  std::array<T, kLanes> res;
  std::apply([&](const auto&... buf) { apply(buf.data()..., res.data()); }, bufs);
  std::memcpy(out + i, res.data(), m * sizeof(T));
}

// The entry points of a VecKernel variant of this file's ISA; the per-ISA file maps its
// ACTBENCH_PEER_AT_<isa> to this (recipes.inc).
#define ACTBENCH_PEER_INSTANTIATE(name, T) template struct VecKernel<name, kIsa, T>;

template <class Fn, Isa isa, class T>
void VecKernel<Fn, isa, T>::Forward(const T* x, T* y, std::size_t n) {
  using B = Block<Fn, isa, T>;
  ForEachBlock<B::kLanes>(
      n, [](const T* in, T* out) { B::Apply(in, out); }, y, x);
}

// Libraries without a derivative get the framework's gradient from y, which the activation's
// descriptor must define; an activation without one needs the recipe's own f'(x).
template <class Fn>
inline constexpr bool kHasFrameworkGradient = DescriptorOf<Fn::kActivation>::kHasGradFromY;

template <class Fn, Isa isa, class T>
void VecKernel<Fn, isa, T>::BackwardX(const T* x, const T* dy, T* dx, std::size_t n) {
  using B = Block<Fn, isa, T>;
  if constexpr (HasRecipeGradient<B, T>) {
    // f'(x) from the library's functions, as a framework's backward from the input writes it.
    // Only where the output cannot give it: both backward entry points of a kernel of an
    // activation with a derivative through y use the framework's formula from y.
    static_assert(!kHasFrameworkGradient<Fn>,
                  "this activation has a derivative through y: the recipe takes the framework's "
                  "gradient from the output, not its own");
    ForEachBlock<B::kLanes>(
        n, [](const T* xs, const T* dys, T* out) { B::ApplyGrad(xs, dys, out); }, dx, x, dy);
  } else {
    // The library's own forward of a chunk into a local buffer, then the output formula: what
    // a framework built on this library computes, without storing y.
    constexpr std::size_t kChunk = 256;
    static_assert(kChunk % B::kLanes == 0);
    static_assert(kHasFrameworkGradient<Fn>,
                  "this activation has no derivative through y: the recipe must give f'(x)");
    alignas(64) T y[kChunk];
    for (std::size_t i = 0; i < n; i += kChunk) {
      const std::size_t m = n - i < kChunk ? n - i : kChunk;
      Forward(x + i, y, m);
      GradFromOutput<isa>(Fn::kActivation, y, dy + i, dx + i, m);
    }
  }
}

template <class Fn, Isa isa, class T>
void VecKernel<Fn, isa, T>::BackwardY(const T* y, const T* dy, T* dx, std::size_t n) requires
    DescriptorOf<Fn::kActivation>::kHasGradFromY {
  // The constraint already excludes an activation without a derivative through y; clang 14
  // still instantiates this out-of-line definition under an explicit instantiation of the
  // class, hence the guard rather than an assertion.
  if constexpr (kHasFrameworkGradient<Fn>) GradFromOutput<isa>(Fn::kActivation, y, dy, dx, n);
}

}  // namespace actbench::peer
