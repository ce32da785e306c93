// The loops behind every SIMD entry point: full vectors, then the tail through the same vector
// code on a zero-padded stack copy. An element's result therefore never depends on where it
// sits or on n (the contract test checks bit-identity), nothing outside [0, n) is read or
// written, and out may alias in (each vector is loaded before it is stored).
//
// An algorithm is a class with static member templates over a batch type B: value(x),
// backward_x(x, dy) = dy * f'(x) and backward_y(y, dy) = dy * g(y).
#pragma once

#include <cstddef>

#include "simd/arch.h"
#include "simd/kernels.h"

namespace actbench::simd {

namespace detail {

template <class Arch, class T, class F>
inline void Map1(const T* x, T* y, std::size_t n, F f) {
  using B = xsimd::batch<T, Arch>;
  constexpr std::size_t kW = B::size;
  std::size_t i = 0;
  // Two vectors per iteration: halves the loop overhead, and the two chains are independent.
  for (; i + 2 * kW <= n; i += 2 * kW) {
    const B a = B::load_unaligned(x + i);
    const B b = B::load_unaligned(x + i + kW);
    f(a).store_unaligned(y + i);
    f(b).store_unaligned(y + i + kW);
  }
  for (; i + kW <= n; i += kW) f(B::load_unaligned(x + i)).store_unaligned(y + i);
  if (i < n) {
    alignas(B::arch_type::alignment()) T buf[kW] = {};
    const std::size_t m = n - i;
    for (std::size_t j = 0; j < m; ++j) buf[j] = x[i + j];
    f(B::load_aligned(buf)).store_aligned(buf);
    for (std::size_t j = 0; j < m; ++j) y[i + j] = buf[j];
  }
}

template <class Arch, class T, class F>
inline void Map2(const T* v, const T* w, T* out, std::size_t n, F f) {
  using B = xsimd::batch<T, Arch>;
  constexpr std::size_t kW = B::size;
  std::size_t i = 0;
  for (; i + 2 * kW <= n; i += 2 * kW) {
    const B a0 = B::load_unaligned(v + i), b0 = B::load_unaligned(w + i);
    const B a1 = B::load_unaligned(v + i + kW), b1 = B::load_unaligned(w + i + kW);
    f(a0, b0).store_unaligned(out + i);
    f(a1, b1).store_unaligned(out + i + kW);
  }
  for (; i + kW <= n; i += kW)
    f(B::load_unaligned(v + i), B::load_unaligned(w + i)).store_unaligned(out + i);
  if (i < n) {
    alignas(B::arch_type::alignment()) T bv[kW] = {};
    alignas(B::arch_type::alignment()) T bw[kW] = {};
    const std::size_t m = n - i;
    for (std::size_t j = 0; j < m; ++j) bv[j] = v[i + j], bw[j] = w[i + j];
    f(B::load_aligned(bv), B::load_aligned(bw)).store_aligned(bv);
    for (std::size_t j = 0; j < m; ++j) out[i + j] = bv[j];
  }
}

}  // namespace detail

template <class Algo, Isa kIsa, class T>
void Forward(const T* x, T* y, std::size_t n) {
  using Arch = typename ArchOf<kIsa>::type;
  detail::Map1<Arch>(x, y, n, [](const auto& v) { return Algo::value(v); });
}

template <class Algo, Isa kIsa, class T>
void BackwardX(const T* x, const T* dy, T* dx, std::size_t n) {
  using Arch = typename ArchOf<kIsa>::type;
  detail::Map2<Arch>(x, dy, dx, n,
                     [](const auto& v, const auto& g) { return Algo::backward_x(v, g); });
}

template <class Algo, Isa kIsa, class T>
void BackwardY(const T* y, const T* dy, T* dx, std::size_t n) {
  using Arch = typename ArchOf<kIsa>::type;
  detail::Map2<Arch>(y, dy, dx, n,
                     [](const auto& v, const auto& g) { return Algo::backward_y(v, g); });
}

}  // namespace actbench::simd
