// sigmoid's explicit-SIMD algorithms, declared for the registry (defined in sigmoid/simd.h,
// rational.h and xsimd.h).
#pragma once

#include "actbench/simd/algorithm.h"

namespace actbench::simd {

// sigmoid through e = e^-|x|: s = num / (1 + e), num = 1 (x >= 0) or e (x < 0).
template <Exp kExp, int kDegree, Div kDiv>
struct SigmoidExp;

// sigmoid through a 32-entry 2^(k/32) table + degree-2 polynomial exp (AVX-512 only).
template <Div kDiv>
struct SigmoidLut32;

// sigmoid through a double-float 1 + e^-x and a residual-corrected reciprocal (accurate tier).
template <int kDegree>
struct SigmoidExpAdj;

// sigmoid as 1/2 + 1/2 tanh(x/2) through tanh's 5/6 rational (sigmoid/rational.h).
struct SigmoidRational;

// sigmoid through xsimd's own exp.
struct SigmoidXsimd;

// sigmoid for the 16-bit dtypes (AVX-512): 1 / (1 + 2^(-x log2 e)) with a degree-kDegree 2^f
// and the rcp14 estimate, no clamp and no sign split.
template <int kDegree>
struct SigmoidLean16;

}  // namespace actbench::simd
