// tanh's explicit-SIMD algorithms, declared for the registry (defined in tanh/simd.h,
// rational.h and xsimd.h).
#pragma once

#include "actbench/simd/algorithm.h"

namespace actbench::simd {

// tanh through m = expm1(-2|x|): tanh|x| = -m / (2 + m), sign restored.
template <Exp kExp, int kDegree, Div kDiv>
struct TanhExpm1;

// tanh through a double-float expm1 and a residual-corrected quotient (the accurate tier).
template <int kDegree>
struct TanhExpm1Adj;

// tanh as a piecewise polynomial, pieces chosen by the top bits of |x| (AVX-512 only).
struct TanhPw16;

// tanh through a 5/6 rational for tanh(x/2) and the doubling formula 2t/(1+t^2), one
// quotient (tanh/rational.h).
struct TanhRational;

// tanh as xsimd's own tanh.
struct TanhXsimd;

// tanh for the 16-bit dtypes (AVX-512): 1 - 2 e/(1 + e), e = 2^(-2|x| log2 e), with a
// degree-kDegree 2^f and the rcp14 estimate; an odd polynomial below |x| = 1/2.
template <int kDegree>
struct TanhLean16;

// 16-bit outputs (bf16, f16; AVX-512, float inside): a direct rational x P(x^2)/Q(x^2) fitted
// for the format (kF16: the f16 fit, else the bf16 one), the quotient by kDiv; TanhLean16's
// gradients.
template <bool kF16, Div kDiv>
struct TanhRational16;

}  // namespace actbench::simd
