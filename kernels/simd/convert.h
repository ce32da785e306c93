// Loads and stores between a dtype's storage and the batch its arithmetic runs in: plain loads
// and stores for float and double; for the 16-bit dtypes, widening to float on load (exact) and
// rounding to nearest even on store.
//
//   f16 <-> float: F16C's vcvtph2ps / vcvtps2ph (AVX2 and AVX-512), rounding to nearest even,
//     subnormals kept; a vector of float's width at a time (half a register of f16).
//   bf16: a full register at a time (Bf16Pairs): its 32-bit lanes hold two bf16 each, whose
//     floats are the lane shifted left by 16 (even elements) and the lane with its low half
//     cleared (odd ones); a float result is rounded to nearest even in integer arithmetic (add
//     0x7fff plus the lowest kept bit; NaN made quiet), exact for every input including
//     subnormals, and its high half goes back in place: no widening or narrowing instruction.
//     (The AVX-512 BF16 instruction vcvtneps2bf16 rounds the same way but treats subnormal
//     inputs as zero, and is not part of the AVX-512 level here.)
// SSE4.2 has no F16C: 16-bit dtypes are built for AVX2 and AVX-512 only.
#pragma once

#include <immintrin.h>

#include <type_traits>

#include "actbench/dtype.h"
#include "actbench/simd/arch.h"

namespace actbench::simd {

// The batch a dtype's kernels compute in.
template <class T, class Arch>
using ComputeBatch = xsimd::batch<typename DTypeTraits<T>::Compute, Arch>;

namespace detail {

// float -> the same float rounded to bf16 precision (nearest even) in the high half of each
// lane; the low half is left over. NaN: made quiet (sign and leading payload kept).
template <class Arch>
inline xsimd::batch<std::uint32_t, Arch> Bf16RoundHigh(const xsimd::batch<float, Arch>& v) {
  using U = xsimd::batch<std::uint32_t, Arch>;
  using F = xsimd::batch<float, Arch>;
  const U u = xsimd::bitwise_cast<U>(v);
  const U rounded = u + (U(0x7fffu) + ((u >> 16) & U(1u)));
  const U quiet = u | U(0x00400000u);
  return xsimd::bitwise_cast<U>(
      xsimd::select(xsimd::isnan(v), xsimd::bitwise_cast<F>(quiet), xsimd::bitwise_cast<F>(rounded)));
}

}  // namespace detail

// bf16 a full register at a time: 2 kW elements read as kW 32-bit lanes. The even elements
// are the low halves (as floats: the lane shifted left by 16), the odd ones the high halves
// (the lane with its low half cleared); results go back to the same halves. The elements of a
// register are processed in another order than memory's, which element-wise code never sees.
// kNative (the avx512bf16 ISA level): the two result vectors are rounded by one
// vcvtne2ps2bf16 and put back in order by vpermw; a register with a subnormal result (which
// the instruction would make zero) is rounded in integer arithmetic instead.
template <class Arch, bool kNative = false>
struct Bf16Pairs {
  using U = xsimd::batch<std::uint32_t, Arch>;
  using F = xsimd::batch<float, Arch>;
  static constexpr std::size_t kElements = 2 * F::size;

  static U Load(const bf16* p) { return U::load_unaligned(reinterpret_cast<const std::uint32_t*>(p)); }
  static void Store(bf16* p, const U& v) { v.store_unaligned(reinterpret_cast<std::uint32_t*>(p)); }
  static F Even(const U& v) { return xsimd::bitwise_cast<F>(v << 16); }
  static F Odd(const U& v) { return xsimd::bitwise_cast<F>(v & U(0xffff0000u)); }
  static U Join(const F& even, const F& odd) {
    if constexpr (kNative) {
#if defined(__AVX512BF16__)
      // vcvtne2ps2bf16 treats subnormal floats as zero (its inputs are DAZ, whatever MXCSR
      // says), and a float result rounds to a bf16 subnormal exactly when it is a subnormal
      // float: a register holding one takes the integer rounding below. Results that small are
      // rare in a tensor, so the branch is almost never taken and costs two vfpclassps.
      constexpr int kDenormal = 0x20;
      if (!(_mm512_fpclass_ps_mask(even, kDenormal) | _mm512_fpclass_ps_mask(odd, kDenormal)))
          [[likely]] {
        // cvtne2ps puts even's 16 results in the low half and odd's in the high half; word 2j
        // takes even_j, word 2j + 1 takes odd_j.
        const __m512i interleave = _mm512_set_epi16(
            31, 15, 30, 14, 29, 13, 28, 12, 27, 11, 26, 10, 25, 9, 24, 8, 23, 7, 22, 6, 21, 5,
            20, 4, 19, 3, 18, 2, 17, 1, 16, 0);
        return _mm512_permutexvar_epi16(interleave, (__m512i)_mm512_cvtne2ps_pbh(odd, even));
      }
#else
      static_assert(!kNative, "vcvtne2ps2bf16 needs the avx512bf16 translation unit");
#endif
    }
    return (detail::Bf16RoundHigh(odd) & U(0xffff0000u)) | (detail::Bf16RoundHigh(even) >> 16);
  }
};

template <class Arch, class T>
inline ComputeBatch<T, Arch> LoadAs(const T* p, bool aligned) {
  using B = ComputeBatch<T, Arch>;
  if constexpr (!kIsHalf16<T>) {
    return aligned ? B::load_aligned(p) : B::load_unaligned(p);
  } else if constexpr (std::is_same_v<T, bf16>) {
    static_assert(!std::is_same_v<T, bf16>, "bf16 goes a register at a time: Bf16Pairs");
  } else if constexpr (kIsAvx512<Arch>) {
    return _mm512_cvtph_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)));
  } else if constexpr (kIsAvx<Arch>) {
    return _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
  } else {
    static_assert(kIsAvx512<Arch> || kIsAvx<Arch>, "16-bit dtypes need AVX2 or AVX-512");
  }
}

template <class Arch, class T>
inline void StoreAs(T* p, const ComputeBatch<T, Arch>& v, bool aligned) {
  if constexpr (!kIsHalf16<T>) {
    aligned ? v.store_aligned(p) : v.store_unaligned(p);
  } else if constexpr (std::is_same_v<T, bf16>) {
    static_assert(!std::is_same_v<T, bf16>, "bf16 goes a register at a time: Bf16Pairs");
  } else if constexpr (kIsAvx512<Arch>) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(p),
                        _mm512_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
  } else if constexpr (kIsAvx<Arch>) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p),
                     _mm256_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
  } else {
    static_assert(kIsAvx512<Arch> || kIsAvx<Arch>, "16-bit dtypes need AVX2 or AVX-512");
  }
}

}  // namespace actbench::simd
