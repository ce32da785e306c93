// gelu's explicit-SIMD algorithms, declared for the registry (defined in gelu/xsimd.h).
#pragma once

#include "actbench/simd/algorithm.h"

namespace actbench::simd {

// x/2 erfc(-x/sqrt 2) through xsimd's erfc; f' with the Taylor patch at its root.
struct GeluXsimd;

// GeluXsimd with |x| clamped at 40 (beyond it f = x or 0, f' = 1 or 0): for the widened
// float kernel, whose inputs then stay where xsimd's double erfc is defined.
struct GeluXsimdClamped;

// Phi(-a) = e^(-a^2/2) Q(a) with e^(-a^2/2) from the exact a^2 and the minimax exp, Q by a
// degree-11 polynomial in 2/(2 + a) (quotient by kDiv); float only.
template <Div kDiv>
struct GeluErfcx;

// GeluErfcx's formulas in double (the exp of degree 11, Q's float fit), for float batches
// through Widened: the accurate tier.
struct GeluErfcxWide;

// 16-bit outputs (bf16, f16; AVX-512, float inside): Phi(-a) = e^(-a^2/2) Q(a) with
// e^(-a^2/2) by Exp2Lean (degree kExpDegree), Q by a fit in t = 2/(2 + a): degree kQValue and t
// by kDivValue for the value, kQGrad and kDivGrad for f'; kPatch: the Taylor patch at f''s root.
template <int kExpDegree, int kQValue, Div kDivValue, int kQGrad, Div kDivGrad, bool kPatch>
struct GeluLean16;

}  // namespace actbench::simd
