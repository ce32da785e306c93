// SLEEF kernels at AVX-512: the ISA-specific entry points (Sleef_*f16_*avx512f,
// Sleef_*d8_*avx512f), not the dispatcher, so the ISA in the kernel id is the code that runs.
// Compiled with the AVX-512 flags (kernels/peer/CMakeLists.txt).
#include <immintrin.h>
#include <sleef.h>

#include "peer/sleef_blocks.h"
#include "peer/vec_kernel_impl.h"

namespace actbench::peer {
namespace sleef_avx512 {

struct F32 {
  using T = float;
  using V = __m512;
  static constexpr std::size_t kLanes = 16;
  static V Load(const float* p) { return _mm512_loadu_ps(p); }
  static void Store(float* p, V v) { _mm512_storeu_ps(p, v); }
  static V Set1(float a) { return _mm512_set1_ps(a); }
  static V Add(V a, V b) { return _mm512_add_ps(a, b); }
  static V Div(V a, V b) { return _mm512_div_ps(a, b); }
  static V Neg(V a) { return _mm512_xor_ps(a, _mm512_set1_ps(-0.0f)); }
  static V ExpU10(V a) { return Sleef_expf16_u10avx512f(a); }
  static V TanhU10(V a) { return Sleef_tanhf16_u10avx512f(a); }
  static V TanhU35(V a) { return Sleef_tanhf16_u35avx512f(a); }
};

struct F64 {
  using T = double;
  using V = __m512d;
  static constexpr std::size_t kLanes = 8;
  static V Load(const double* p) { return _mm512_loadu_pd(p); }
  static void Store(double* p, V v) { _mm512_storeu_pd(p, v); }
  static V Set1(double a) { return _mm512_set1_pd(a); }
  static V Add(V a, V b) { return _mm512_add_pd(a, b); }
  static V Div(V a, V b) { return _mm512_div_pd(a, b); }
  static V Neg(V a) { return _mm512_xor_pd(a, _mm512_set1_pd(-0.0)); }
  static V ExpU10(V a) { return Sleef_expd8_u10avx512f(a); }
  static V TanhU10(V a) { return Sleef_tanhd8_u10avx512f(a); }
  static V TanhU35(V a) { return Sleef_tanhd8_u35avx512f(a); }
};

}  // namespace sleef_avx512

constexpr Isa kIsa = Isa::kAvx512;

template <>
struct Block<VecFn::kSleefSigmoidExpU10, kIsa, float> : SleefSigmoidExpU10Block<sleef_avx512::F32> {
};
template <>
struct Block<VecFn::kSleefTanhU10, kIsa, float> : SleefTanhU10Block<sleef_avx512::F32> {};
template <>
struct Block<VecFn::kSleefTanhU35, kIsa, float> : SleefTanhU35Block<sleef_avx512::F32> {};
template <>
struct Block<VecFn::kSleefSigmoidExpU10, kIsa, double>
    : SleefSigmoidExpU10Block<sleef_avx512::F64> {};
template <>
struct Block<VecFn::kSleefTanhU10, kIsa, double> : SleefTanhU10Block<sleef_avx512::F64> {};
template <>
struct Block<VecFn::kSleefTanhU35, kIsa, double> : SleefTanhU35Block<sleef_avx512::F64> {};

template struct VecKernel<VecFn::kSleefSigmoidExpU10, kIsa, float>;
template struct VecKernel<VecFn::kSleefTanhU10, kIsa, float>;
template struct VecKernel<VecFn::kSleefTanhU35, kIsa, float>;
template struct VecKernel<VecFn::kSleefSigmoidExpU10, kIsa, double>;
template struct VecKernel<VecFn::kSleefTanhU10, kIsa, double>;
template struct VecKernel<VecFn::kSleefTanhU35, kIsa, double>;

}  // namespace actbench::peer
