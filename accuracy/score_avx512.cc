// ScorePairsF32 for AVX-512 (F, DQ, VL, BW) machines (score_pairs.h; flags in CMakeLists.txt).
#include "accuracy/score_pairs.h"

namespace actbench::acc::detail {

bool ScorePairsF32_avx512(const float* x, const float* mags, const float* y, const RefChunkF32& ref,
                        std::size_t c, const SymmetryForm* sym, std::uint64_t key0, Acc& a,
                        double& sum) {
  return ScorePairs(x, mags, y, ref, c, sym, key0, a, sum);
}

}  // namespace actbench::acc::detail
