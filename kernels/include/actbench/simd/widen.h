// Float batches through a double algorithm: each float batch is widened to two double batches
// of the same arch (exact), the double algorithm runs on them, and the results are rounded
// back to float once. With a double algorithm accurate to a few double ULP, the float result
// is the correctly rounded one except where the exact value lies within ~2^-28 ULP of a
// rounding boundary: the accurate tier (<= 1 ULP) at about twice the cost of the double kernel.
#pragma once

#include "actbench/simd/arch.h"

namespace actbench::simd {

template <class Arch>
struct WidenOps;

#if XSIMD_WITH_SSE4_2
template <>
struct WidenOps<xsimd::sse4_2> {
  using F = xsimd::batch<float, xsimd::sse4_2>;
  using D = xsimd::batch<double, xsimd::sse4_2>;
  static D Lo(const F& x) { return _mm_cvtps_pd(x); }
  static D Hi(const F& x) { return _mm_cvtps_pd(_mm_movehl_ps(x, x)); }
  static F Join(const D& lo, const D& hi) {
    return _mm_movelh_ps(_mm_cvtpd_ps(lo), _mm_cvtpd_ps(hi));
  }
};
#endif
#if XSIMD_WITH_FMA3_AVX2
template <>
struct WidenOps<xsimd::fma3<xsimd::avx2>> {
  using A = xsimd::fma3<xsimd::avx2>;
  using F = xsimd::batch<float, A>;
  using D = xsimd::batch<double, A>;
  static D Lo(const F& x) { return _mm256_cvtps_pd(_mm256_castps256_ps128(x)); }
  static D Hi(const F& x) { return _mm256_cvtps_pd(_mm256_extractf128_ps(x, 1)); }
  static F Join(const D& lo, const D& hi) {
    return _mm256_set_m128(_mm256_cvtpd_ps(hi), _mm256_cvtpd_ps(lo));
  }
};
#endif
#if XSIMD_WITH_AVX512BW
template <>
struct WidenOps<xsimd::avx512bw> {
  using F = xsimd::batch<float, xsimd::avx512bw>;
  using D = xsimd::batch<double, xsimd::avx512bw>;
  static D Lo(const F& x) { return _mm512_cvtps_pd(_mm512_castps512_ps256(x)); }
  static D Hi(const F& x) {
    return _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(x), 1)));
  }
  static F Join(const D& lo, const D& hi) {
    return _mm512_castpd_ps(
        _mm512_insertf64x4(_mm512_castps_pd(_mm512_castps256_ps512(_mm512_cvtpd_ps(lo))),
                           _mm256_castps_pd(_mm512_cvtpd_ps(hi)), 1));
  }
};
#endif

// Algo's double entry points on float batches (float only: a double batch is not widened).
template <class Algo>
struct Widened {
  template <class B>
  static B value(const B& x) {
    static_assert(std::is_same_v<typename B::value_type, float>, "widens float batches");
    using W = WidenOps<typename B::arch_type>;
    return W::Join(Algo::value(W::Lo(x)), Algo::value(W::Hi(x)));
  }
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    using W = WidenOps<typename B::arch_type>;
    return W::Join(Algo::backward_x(W::Lo(x), W::Lo(dy)), Algo::backward_x(W::Hi(x), W::Hi(dy)));
  }
  template <class B>
  requires requires(const typename WidenOps<typename B::arch_type>::D& d) {
    Algo::backward_y(d, d);
  }
  static B backward_y(const B& y, const B& dy) {
    using W = WidenOps<typename B::arch_type>;
    return W::Join(Algo::backward_y(W::Lo(y), W::Lo(dy)), Algo::backward_y(W::Hi(y), W::Hi(dy)));
  }
};

}  // namespace actbench::simd
