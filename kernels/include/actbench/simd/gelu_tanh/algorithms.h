// gelu-tanh's explicit-SIMD algorithms, declared for the registry (defined in gelu_tanh/xsimd.h).
#pragma once

#include "actbench/simd/algorithm.h"

namespace actbench::simd {

// PyTorch's formulas through xsimd's tanh.
struct GeluTanhXsimd;

// x s(2u) with 2u carried as a double-word, e^-|2u| by Cody-Waite + degree-kDegree minimax,
// quotient by kDiv.
template <int kDegree, Div kDiv>
struct GeluTanhExp;

}  // namespace actbench::simd
