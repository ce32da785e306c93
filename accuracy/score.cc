// The branch-free float32 scorers of score.h: the exhaustive sweep scores 2^32 results per
// kernel and quantity through them. ScorePairsF32 is built once per vector target
// (score_pairs.h) and picked when first called; MaxSymmetryUlpsF32 is cloned by GCC.
#include "accuracy/score.h"
#include "accuracy/score_pairs.h"

namespace actbench::acc::detail {

// The vectoriser needs 256-bit (or 512-bit) vectors for this mix of float and double; the
// binary stays portable: GCC builds one clone per target and picks one when the program loads.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__)
#define ACTBENCH_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define ACTBENCH_VECTOR_CLONES
#endif

bool ScorePairsF32_baseline(const float* x, const float* mags, const float* y,
                            const RefChunkF32& ref, std::size_t c, const SymmetryForm* sym,
                            std::uint64_t key0, Acc& a, double& sum) {
  return ScorePairs(x, mags, y, ref, c, sym, key0, a, sum);
}

namespace {
using PairsFn = decltype(&ScorePairsF32_baseline);
PairsFn PickPairs() {
#if defined(__x86_64__) && defined(__GNUC__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw"))
    return &ScorePairsF32_avx512;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return &ScorePairsF32_avx2;
#endif
  return &ScorePairsF32_baseline;
}
}  // namespace

bool ScorePairsF32(const float* x, const float* mags, const float* y, const RefChunkF32& ref,
                   std::size_t c, const SymmetryForm* sym, std::uint64_t key0, Acc& a,
                   double& sum) {
  static const PairsFn pick = PickPairs();
  return pick(x, mags, y, ref, c, sym, key0, a, sum);
}

// Largest SymmetryUlpsF32 over c pairs of finite floats.
ACTBENCH_VECTOR_CLONES
double MaxSymmetryUlpsF32(SymmetryForm f, const float* mags, const float* yp, const float* yn,
                          std::size_t c) {
  double m = -1;
#pragma omp simd reduction(max : m)
  for (std::size_t k = 0; k < c; ++k) {
    const double u = SymmetryUlpsF32(f, mags[k], yp[k], yn[k]);
    m = u > m ? u : m;
  }
  return m;
}

}  // namespace actbench::acc::detail
