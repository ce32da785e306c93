// The loops behind every SIMD entry point: full vectors, then the tail through the same vector
// code on a zero-padded stack copy. An element's result therefore never depends on where it
// sits or on n (the contract test checks bit-identity), nothing outside [0, n) is read or
// written, and out may alias in (each vector is loaded before it is stored).
//
// Streamed<Algo> (simd/kernels.h) runs Algo with non-temporal stores (MapStream), for outputs
// that do not fit in the cache.
//
// An algorithm is a class with static member templates over a batch type B: value(x),
// backward_x(x, dy) = dy * f'(x) and backward_y(y, dy) = dy * g(y).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <type_traits>
#include <utility>

#include "actbench/simd/arch.h"
#include "simd/convert.h"
#include "simd/kernels.h"

// The loops inline the kernel's per-vector body and everything it calls: GCC's size heuristics
// otherwise leave the larger kernels (double-word arithmetic, widened ones) as a call per
// vector with the batch spilled to the stack, a 2-3x slowdown. (actbench-hash shows the same
// outputs for every kernel either way.) Not in sanitized builds, whose instrumentation of the
// flattened loops takes the compiler tens of minutes.
#if defined(__SANITIZE_ADDRESS__)
#define ACTBENCH_INLINE_ALL
#else
#define ACTBENCH_INLINE_ALL __attribute__((flatten))
#endif

namespace actbench::simd {

namespace detail {

// bf16: a full register of 2 kW elements per step, as two float batches (Bf16Pairs); the tail
// through the same code on a zero-padded copy.
template <class Arch, bool kNative, class F>
ACTBENCH_INLINE_ALL inline void Map1Bf16(const bf16* x, bf16* y, std::size_t n, F f) {
  using P = Bf16Pairs<Arch, kNative>;
  constexpr std::size_t kN = P::kElements;
  auto step = [&](const bf16* in, bf16* out) {
    const auto v = P::Load(in);
    P::Store(out, P::Join(f(P::Even(v)), f(P::Odd(v))));
  };
  std::size_t i = 0;
  for (; i + kN <= n; i += kN) step(x + i, y + i);
  if (i < n) {
    bf16 buf[kN] = {};
    const std::size_t m = n - i;
    for (std::size_t j = 0; j < m; ++j) buf[j] = x[i + j];
    step(buf, buf);
    for (std::size_t j = 0; j < m; ++j) y[i + j] = buf[j];
  }
}

template <class Arch, bool kNative, class F>
ACTBENCH_INLINE_ALL inline void Map2Bf16(const bf16* v, const bf16* w, bf16* out, std::size_t n,
                                         F f) {
  using P = Bf16Pairs<Arch, kNative>;
  constexpr std::size_t kN = P::kElements;
  auto step = [&](const bf16* a, const bf16* b, bf16* o) {
    const auto va = P::Load(a), vb = P::Load(b);
    P::Store(o, P::Join(f(P::Even(va), P::Even(vb)), f(P::Odd(va), P::Odd(vb))));
  };
  std::size_t i = 0;
  for (; i + kN <= n; i += kN) step(v + i, w + i, out + i);
  if (i < n) {
    bf16 bv[kN] = {}, bw[kN] = {};
    const std::size_t m = n - i;
    for (std::size_t j = 0; j < m; ++j) bv[j] = v[i + j], bw[j] = w[i + j];
    step(bv, bw, bv);
    for (std::size_t j = 0; j < m; ++j) out[i + j] = bv[j];
  }
}

// T is the storage type; the batches are of its compute type (ComputeBatch: float for the
// 16-bit dtypes, which LoadAs widens and StoreAs rounds, simd/convert.h). kNativeBf16: round
// bf16 by instruction (the avx512bf16 level).
template <class Arch, bool kNativeBf16 = false, class T, class F>
ACTBENCH_INLINE_ALL inline void Map1(const T* x, T* y, std::size_t n, F f) {
  if constexpr (std::is_same_v<T, bf16>) {
    Map1Bf16<Arch, kNativeBf16>(x, y, n, f);
  } else {
    using B = ComputeBatch<T, Arch>;
    constexpr std::size_t kW = B::size;
    std::size_t i = 0;
    // Two vectors per iteration: halves the loop overhead, and the two chains are independent.
    for (; i + 2 * kW <= n; i += 2 * kW) {
      const B a = LoadAs<Arch>(x + i, false);
      const B b = LoadAs<Arch>(x + i + kW, false);
      StoreAs<Arch>(y + i, f(a), false);
      StoreAs<Arch>(y + i + kW, f(b), false);
    }
    for (; i + kW <= n; i += kW) StoreAs<Arch>(y + i, f(LoadAs<Arch>(x + i, false)), false);
    if (i < n) {
      alignas(B::arch_type::alignment()) T buf[kW] = {};
      const std::size_t m = n - i;
      for (std::size_t j = 0; j < m; ++j) buf[j] = x[i + j];
      StoreAs<Arch>(buf, f(LoadAs<Arch>(buf, true)), true);
      for (std::size_t j = 0; j < m; ++j) y[i + j] = buf[j];
    }
  }
}

template <class Arch, bool kNativeBf16 = false, class T, class F>
ACTBENCH_INLINE_ALL inline void Map2(const T* v, const T* w, T* out, std::size_t n, F f) {
  if constexpr (std::is_same_v<T, bf16>) {
    Map2Bf16<Arch, kNativeBf16>(v, w, out, n, f);
  } else {
    using B = ComputeBatch<T, Arch>;
    constexpr std::size_t kW = B::size;
    std::size_t i = 0;
    for (; i + 2 * kW <= n; i += 2 * kW) {
      const B a0 = LoadAs<Arch>(v + i, false), b0 = LoadAs<Arch>(w + i, false);
      const B a1 = LoadAs<Arch>(v + i + kW, false), b1 = LoadAs<Arch>(w + i + kW, false);
      StoreAs<Arch>(out + i, f(a0, b0), false);
      StoreAs<Arch>(out + i + kW, f(a1, b1), false);
    }
    for (; i + kW <= n; i += kW)
      StoreAs<Arch>(out + i, f(LoadAs<Arch>(v + i, false), LoadAs<Arch>(w + i, false)), false);
    if (i < n) {
      alignas(B::arch_type::alignment()) T bv[kW] = {};
      alignas(B::arch_type::alignment()) T bw[kW] = {};
      const std::size_t m = n - i;
      for (std::size_t j = 0; j < m; ++j) bv[j] = v[i + j], bw[j] = w[i + j];
      StoreAs<Arch>(bv, f(LoadAs<Arch>(bv, true), LoadAs<Arch>(bw, true)), true);
      for (std::size_t j = 0; j < m; ++j) out[i + j] = bv[j];
    }
  }
}

// Non-temporal store of a full vector to a vector-aligned address: the line goes to memory
// without being read first and without evicting the cache (xsimd 8.1 has no such store).
template <class T, class Arch>
inline void StreamStore(T* p, const xsimd::batch<T, Arch>& v) {
  if constexpr (kIsAvx512<Arch>) {
    if constexpr (std::is_same_v<T, float>)
      _mm512_stream_ps(p, v);
    else
      _mm512_stream_pd(p, v);
  } else if constexpr (kIsAvx<Arch>) {
    if constexpr (std::is_same_v<T, float>)
      _mm256_stream_ps(p, v);
    else
      _mm256_stream_pd(p, v);
  } else {
    if constexpr (std::is_same_v<T, float>)
      _mm_stream_ps(p, v);
    else
      _mm_stream_pd(p, v);
  }
}

// bf16 with non-temporal stores: a full register of 2 kW elements per step (Bf16Pairs), the
// head up to the output's first register-aligned address and the tail through Map1Bf16 /
// Map2Bf16 (plain stores), the rest streamed.
template <class Arch, bool kNative, int kArity, class F>
ACTBENCH_INLINE_ALL inline void MapStreamBf16(bf16* out, std::size_t n, F f, const bf16* a,
                                              const bf16* b) {
  using P = Bf16Pairs<Arch, kNative>;
  constexpr std::size_t kN = P::kElements;
  constexpr std::size_t kAlign = Arch::alignment();
  auto plain = [&](std::size_t i, std::size_t m) {
    if constexpr (kArity == 1) {
      Map1Bf16<Arch, kNative>(a + i, out + i, m, f);
    } else {
      Map2Bf16<Arch, kNative>(a + i, b + i, out + i, m, f);
    }
  };
  const std::size_t misalign = reinterpret_cast<std::uintptr_t>(out) % kAlign;
  if (misalign % sizeof(bf16) != 0) {  // no vector store can be aligned
    plain(0, n);
    return;
  }
  std::size_t i = misalign == 0 ? 0 : (kAlign - misalign) / sizeof(bf16);
  if (i > n) i = n;
  if (i > 0) plain(0, i);
  for (; i + kN <= n; i += kN) {
    typename P::U r;
    if constexpr (kArity == 1) {
      const auto v = P::Load(a + i);
      r = P::Join(f(P::Even(v)), f(P::Odd(v)));
    } else {
      const auto va = P::Load(a + i), vb = P::Load(b + i);
      r = P::Join(f(P::Even(va), P::Even(vb)), f(P::Odd(va), P::Odd(vb)));
    }
    if constexpr (kIsAvx512<Arch>)
      _mm512_stream_si512(reinterpret_cast<__m512i*>(out + i), r);
    else
      _mm256_stream_si256(reinterpret_cast<__m256i*>(out + i), r);
  }
  if (i < n) plain(i, n - i);
  _mm_sfence();
}

// Map over one (kArity = 1: a) or two (a, b) input streams with non-temporal stores: a head
// of less than one vector (until the output is vector-aligned) and the tail go through the
// same vector code on a zero-padded stack copy, the middle is loaded unaligned and streamed
// out aligned; an sfence orders the streamed stores before whatever the caller does next.
// Inputs may alias the output as in Map1/Map2.
template <class Arch, int kArity, class T, class F>
ACTBENCH_INLINE_ALL inline void MapStreamWide(T* out, std::size_t n, F f, const T* a, const T* b) {
  static_assert(!kIsHalf16<T>, "float and double");
  using B = xsimd::batch<T, Arch>;
  constexpr std::size_t kW = B::size;
  constexpr std::size_t kAlign = B::arch_type::alignment();
  auto apply = [&](const T* pa, const T* pb, bool aligned) {
    if constexpr (kArity == 1) {
      (void)pb;
      return f(aligned ? B::load_aligned(pa) : B::load_unaligned(pa));
    } else {
      return f(aligned ? B::load_aligned(pa) : B::load_unaligned(pa),
               aligned ? B::load_aligned(pb) : B::load_unaligned(pb));
    }
  };
  alignas(kAlign) T ba[kW];
  alignas(kAlign) T bb[kW];
  // Plain loops rather than std::copy/std::fill: a library template instantiated in this TU
  // would be compiled with its ISA flags and could be picked by the linker for every TU.
  auto partial = [&](std::size_t i, std::size_t m) {
    for (std::size_t j = 0; j < kW; ++j) {
      ba[j] = j < m ? a[i + j] : T(0);
      if constexpr (kArity == 2) bb[j] = j < m ? b[i + j] : T(0);
    }
    apply(ba, bb, true).store_aligned(ba);
    for (std::size_t j = 0; j < m; ++j) out[i + j] = ba[j];
  };
  const std::size_t misalign = reinterpret_cast<std::uintptr_t>(out) % kAlign;
  std::size_t i = 0;
  if (misalign % sizeof(T) != 0) {
    // Not even element-aligned: no vector store can be aligned, so store unaligned.
    for (; i + kW <= n; i += kW) apply(a + i, b + i, false).store_unaligned(out + i);
  } else {
    std::size_t head = misalign == 0 ? 0 : (kAlign - misalign) / sizeof(T);
    if (head > n) head = n;
    if (head > 0) partial(0, head);
    for (i = head; i + kW <= n; i += kW) StreamStore(out + i, apply(a + i, b + i, false));
  }
  if (i < n) partial(i, n - i);
  _mm_sfence();
}

// Non-temporal stores for any dtype that has them (f16 goes half a register at a time through
// F16C, whose loop has no streaming variant).
template <class Arch, int kArity, bool kNativeBf16 = false, class T, class F>
ACTBENCH_INLINE_ALL inline void MapStream(T* out, std::size_t n, F f, const T* a, const T* b) {
  static_assert(!std::is_same_v<T, f16>, "non-temporal stores are for float, double and bf16");
  if constexpr (std::is_same_v<T, bf16>)
    MapStreamBf16<Arch, kNativeBf16, kArity>(out, n, f, a, b);
  else
    MapStreamWide<Arch, kArity>(out, n, f, a, b);
}

}  // namespace detail

template <class Algo, Isa kIsa, class T>
void Forward(const T* x, T* y, std::size_t n) {
  using Arch = typename ArchOf<kIsa>::type;
  auto f = [](const auto& v) { return Algo::value(v); };
  if constexpr (kStreamed<Algo>)
    detail::MapStream<Arch, 1, kIsa == Isa::kAvx512Bf16>(y, n, f, x, x);
  else
    detail::Map1<Arch, kIsa == Isa::kAvx512Bf16>(x, y, n, f);
}

template <class Algo, Isa kIsa, class T>
void BackwardX(const T* x, const T* dy, T* dx, std::size_t n) {
  using Arch = typename ArchOf<kIsa>::type;
  auto f = [](const auto& v, const auto& g) { return Algo::backward_x(v, g); };
  if constexpr (kStreamed<Algo>)
    detail::MapStream<Arch, 2, kIsa == Isa::kAvx512Bf16>(dx, n, f, x, dy);
  else
    detail::Map2<Arch, kIsa == Isa::kAvx512Bf16>(x, dy, dx, n, f);
}

// An algorithm of an activation whose derivative cannot be written through y has no
// backward_y; the registry then leaves the entry point empty and never takes this one.
template <class Algo, Isa kIsa, class T>
void BackwardY(const T* y, const T* dy, T* dx, std::size_t n) {
  using Arch = typename ArchOf<kIsa>::type;
  using B = ComputeBatch<T, Arch>;
  if constexpr (requires(const B& b) { Algo::backward_y(b, b); }) {
    auto f = [](const auto& v, const auto& g) { return Algo::backward_y(v, g); };
    if constexpr (kStreamed<Algo>)
      detail::MapStream<Arch, 2, kIsa == Isa::kAvx512Bf16>(dx, n, f, y, dy);
    else
      detail::Map2<Arch, kIsa == Isa::kAvx512Bf16>(y, dy, dx, n, f);
  } else {
    std::abort();
  }
}

}  // namespace actbench::simd
