// SLEEF kernels at AVX2: the ISA-specific entry points (Sleef_*f8_*avx2,
// Sleef_*d4_*avx2), not the dispatcher, so the ISA in the kernel id is the code that runs.
// Compiled with the AVX2+FMA flags (kernels/peer/CMakeLists.txt).
#include <immintrin.h>
#include <sleef.h>

#include "peer/sleef_blocks.h"
#include "peer/vec_kernel_impl.h"

namespace actbench::peer {
namespace sleef_avx2 {

struct F32 {
  using T = float;
  using V = __m256;
  static constexpr std::size_t kLanes = 8;
  static V Load(const float* p) { return _mm256_loadu_ps(p); }
  static void Store(float* p, V v) { _mm256_storeu_ps(p, v); }
  static V Set1(float a) { return _mm256_set1_ps(a); }
  static V Add(V a, V b) { return _mm256_add_ps(a, b); }
  static V Div(V a, V b) { return _mm256_div_ps(a, b); }
  static V Neg(V a) { return _mm256_xor_ps(a, _mm256_set1_ps(-0.0f)); }
  static V ExpU10(V a) { return Sleef_expf8_u10avx2(a); }
  static V TanhU10(V a) { return Sleef_tanhf8_u10avx2(a); }
  static V TanhU35(V a) { return Sleef_tanhf8_u35avx2(a); }
};

struct F64 {
  using T = double;
  using V = __m256d;
  static constexpr std::size_t kLanes = 4;
  static V Load(const double* p) { return _mm256_loadu_pd(p); }
  static void Store(double* p, V v) { _mm256_storeu_pd(p, v); }
  static V Set1(double a) { return _mm256_set1_pd(a); }
  static V Add(V a, V b) { return _mm256_add_pd(a, b); }
  static V Div(V a, V b) { return _mm256_div_pd(a, b); }
  static V Neg(V a) { return _mm256_xor_pd(a, _mm256_set1_pd(-0.0)); }
  static V ExpU10(V a) { return Sleef_expd4_u10avx2(a); }
  static V TanhU10(V a) { return Sleef_tanhd4_u10avx2(a); }
  static V TanhU35(V a) { return Sleef_tanhd4_u35avx2(a); }
};

}  // namespace sleef_avx2

constexpr Isa kIsa = Isa::kAvx2;

template <>
struct Block<VecFn::kSleefSigmoidExpU10, kIsa, float> : SleefSigmoidExpU10Block<sleef_avx2::F32> {};
template <>
struct Block<VecFn::kSleefTanhU10, kIsa, float> : SleefTanhU10Block<sleef_avx2::F32> {};
template <>
struct Block<VecFn::kSleefTanhU35, kIsa, float> : SleefTanhU35Block<sleef_avx2::F32> {};
template <>
struct Block<VecFn::kSleefSigmoidExpU10, kIsa, double> : SleefSigmoidExpU10Block<sleef_avx2::F64> {
};
template <>
struct Block<VecFn::kSleefTanhU10, kIsa, double> : SleefTanhU10Block<sleef_avx2::F64> {};
template <>
struct Block<VecFn::kSleefTanhU35, kIsa, double> : SleefTanhU35Block<sleef_avx2::F64> {};

template struct VecKernel<VecFn::kSleefSigmoidExpU10, kIsa, float>;
template struct VecKernel<VecFn::kSleefTanhU10, kIsa, float>;
template struct VecKernel<VecFn::kSleefTanhU35, kIsa, float>;
template struct VecKernel<VecFn::kSleefSigmoidExpU10, kIsa, double>;
template struct VecKernel<VecFn::kSleefTanhU10, kIsa, double>;
template struct VecKernel<VecFn::kSleefTanhU35, kIsa, double>;

}  // namespace actbench::peer
