// Which xsimd arch each actbench ISA means, and the few operations xsimd 8.1 lacks or maps
// differently per arch (reciprocal estimate, exponent scaling). In the library, included only by
// the per-ISA translation units, so every xsimd arch used here is enabled by that TU's
// compiler flags; a program that includes it uses the archs its own flags enable.
#pragma once

#include <immintrin.h>

#include <cstdint>
#include <type_traits>
#include <xsimd/xsimd.hpp>

#include "actbench/kernel.h"
#include "actbench/simd/algorithm.h"

namespace actbench::simd {

template <Isa kIsa>
struct ArchOf;  // defined only in the TU whose flags enable the ISA
#if XSIMD_WITH_SSE4_2
template <>
struct ArchOf<Isa::kSse42> {
  using type = xsimd::sse4_2;
};
#endif
#if XSIMD_WITH_FMA3_AVX2
template <>
struct ArchOf<Isa::kAvx2> {
  using type = xsimd::fma3<xsimd::avx2>;
};
#endif
#if XSIMD_WITH_AVX512BW
template <>
struct ArchOf<Isa::kAvx512> {
  using type = xsimd::avx512bw;
};
#endif
#if XSIMD_WITH_AVX512BW && defined(__AVX512BF16__)
template <>
struct ArchOf<Isa::kAvx512Bf16> {  // the same arithmetic; bf16 stores by vcvtne2ps2bf16
  using type = xsimd::avx512bw;
};
#endif

template <class Arch>
inline constexpr bool kIsAvx512 = std::is_base_of_v<xsimd::avx512f, Arch>;
template <class Arch>
inline constexpr bool kIsAvx = std::is_base_of_v<xsimd::avx, Arch> && !kIsAvx512<Arch>;
// Whether xsimd::fma is a real fused multiply-add (single rounding) on this arch; on SSE4.2 it
// is x*y+z with two roundings, which the error analysis of each kernel must allow for.
template <class Arch>
inline constexpr bool kHasFma =
    std::is_base_of_v<xsimd::fma3<xsimd::avx2>, Arch> || kIsAvx512<Arch>;

template <class T, class Arch>
using Int = xsimd::batch<std::make_signed_t<typename DTypeTraits<T>::Bits>, Arch>;

// Fused multiply-adds that stay fused whatever the compiler's contraction setting: xsimd 8.1
// has no AVX-512 kernel for them and falls back to x * y + z. On SSE4.2 they are two
// roundings, which each kernel's measured error includes.
template <class T, class Arch>
inline xsimd::batch<T, Arch> Fma(const xsimd::batch<T, Arch>& a, const xsimd::batch<T, Arch>& b,
                                 const xsimd::batch<T, Arch>& c) {  // a b + c
  if constexpr (kIsAvx512<Arch> && std::is_same_v<T, float>)
    return _mm512_fmadd_ps(a, b, c);
  else if constexpr (kIsAvx512<Arch>)
    return _mm512_fmadd_pd(a, b, c);
  else
    return xsimd::fma(a, b, c);
}
template <class T, class Arch>
inline xsimd::batch<T, Arch> Fnma(const xsimd::batch<T, Arch>& a, const xsimd::batch<T, Arch>& b,
                                  const xsimd::batch<T, Arch>& c) {  // c - a b
  if constexpr (kIsAvx512<Arch> && std::is_same_v<T, float>)
    return _mm512_fnmadd_ps(a, b, c);
  else if constexpr (kIsAvx512<Arch>)
    return _mm512_fnmadd_pd(a, b, c);
  else
    return xsimd::fnma(a, b, c);
}

// a b rounded once, as a fused multiply-add with -0 (which keeps the sign of a zero product)
// that the compiler cannot contract into a following addition (GCC contracts across xsimd
// operations): error-free transformations need each product rounded on its own. On SSE4.2 it
// is a plain product.
template <class T, class Arch>
inline xsimd::batch<T, Arch> Mul(const xsimd::batch<T, Arch>& a, const xsimd::batch<T, Arch>& b) {
  return Fma(a, b, xsimd::batch<T, Arch>(T(-0.0)));
}

// Hardware reciprocal estimate: rcpps (relative error <= 1.5 * 2^-12) on SSE/AVX, rcp14ps
// (<= 2^-14) on AVX-512. Neither is specified bit-exactly across CPU vendors, so kernels that
// use it may differ in the last bits between an Intel and an AMD machine.
template <class Arch>
inline xsimd::batch<float, Arch> RcpEstimate(const xsimd::batch<float, Arch>& d) {
  if constexpr (kIsAvx512<Arch>)
    return _mm512_rcp14_ps(d);
  else if constexpr (kIsAvx<Arch>)
    return _mm256_rcp_ps(d);
  else
    return _mm_rcp_ps(d);
}
// Double: rcp14pd (<= 2^-14) on AVX-512 only (SSE/AVX have no double estimate).
template <class Arch>
inline xsimd::batch<double, Arch> RcpEstimate(const xsimd::batch<double, Arch>& d) {
  static_assert(kIsAvx512<Arch>, "a double reciprocal estimate needs AVX-512 (rcp14pd)");
  return _mm512_rcp14_pd(d);
}

// a / b by the method the kernel's name says. The kernels call it with b >= 1 and finite
// (an infinite b would make the Newton step 0 * inf = NaN).
template <Div kDiv, class T, class Arch>
inline xsimd::batch<T, Arch> Divide(const xsimd::batch<T, Arch>& a,
                                    const xsimd::batch<T, Arch>& b) {
  using B = xsimd::batch<T, Arch>;
  if constexpr (kDiv == Div::kDiv) {
    return a / b;
  } else {
    const B one(T(1));
    B r = RcpEstimate(b);
    if constexpr (kDiv == Div::kNr1 || kDiv == Div::kNr2) r = Fma(r, Fnma(r, b, one), r);
    if constexpr (kDiv == Div::kNr2) r = Fma(r, Fnma(r, b, one), r);
    return a * r;
  }
}

// num / (1 + e)^2, (1 + e)^2 = fma(e, e + 2, 1) with one rounding: the logistic-shaped
// derivatives, sigmoid'(x) = e / (1 + e)^2 (e = e^-|x|) and tanh'(x) = 4e / (1 + e)^2
// (e = e^-2|x|), which stay accurate wherever e is.
template <Div kDiv, class T, class Arch>
inline xsimd::batch<T, Arch> OverOnePlusSquared(const xsimd::batch<T, Arch>& num,
                                                const xsimd::batch<T, Arch>& e) {
  using B = xsimd::batch<T, Arch>;
  return Divide<kDiv>(num, Fma(e, e + B(T(2)), B(T(1))));
}

// Base of an algorithm whose derivatives are those of algorithm Grad: its backward_x and
// backward_y, unchanged.
template <class Grad>
struct GradientsOf {
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    return Grad::backward_x(x, dy);
  }
  template <class B>
  static B backward_y(const B& y, const B& dy) {
    return Grad::backward_y(y, dy);
  }
};

// Bit-level reinterpretation between same-width float and integer batches.
template <class To, class From, class Arch>
inline xsimd::batch<To, Arch> Bits(const xsimd::batch<From, Arch>& v) {
  return xsimd::bitwise_cast<xsimd::batch<To, Arch>>(v);
}

}  // namespace actbench::simd
