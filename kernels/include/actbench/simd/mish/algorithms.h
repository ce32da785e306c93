// mish's explicit-SIMD algorithms, declared for the registry (defined in mish/simd.h).
#pragma once

#include "actbench/simd/algorithm.h"

namespace actbench::simd {

// x tanh(softplus x) as a rational function of e = e^-|x| (Cody-Waite + degree-kDegree
// minimax exp), one quotient.
template <int kDegree>
struct MishExpRational;

// PyTorch's formulas through xsimd's exp, log1p and tanh.
struct MishXsimd;

}  // namespace actbench::simd
