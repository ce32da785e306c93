// softplus's explicit-SIMD algorithms, declared for the registry (defined in softplus/simd.h).
#pragma once

#include "actbench/simd/algorithm.h"

namespace actbench::simd {

// max(x, 0) + log1p(e^-|x|): e by Cody-Waite + degree-kExpDegree minimax, log1p(e) as
// 2 atanh(e / (2 + e)) by an odd series of kAtanhTerms terms.
template <int kExpDegree, int kAtanhTerms>
struct SoftplusExpAtanh;

// max(x, 0) + log1p(e^-|x|) through xsimd's exp and log1p.
struct SoftplusXsimd;

}  // namespace actbench::simd
