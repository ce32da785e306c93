// silu's explicit-SIMD algorithms, declared for the registry (defined in silu/simd.h).
#pragma once

#include "actbench/simd/algorithm.h"

namespace actbench::simd {

// x s(x) through e = e^-|x| (Cody-Waite + degree-kDegree minimax), quotient by kDiv.
template <int kDegree, Div kDiv>
struct SiluExp;

// SiluExp with e as a double-word and the quotient corrected by its residual: the result is
// rounded about once (the accurate tier, in the element type's own arithmetic; needs FMA).
template <int kDegree>
struct SiluExpDw;

// x s(x) through xsimd's exp; f' with the Taylor patch at its root.
struct SiluXsimd;

// 16-bit outputs (bf16, f16; AVX-512, float inside): x/(1 + e) or x E/(1 + E), e = 2^(-x log2 e),
// E = 2^(-|x| log2 e) by Exp2Lean (degree kExpDegree), the quotient by kDiv; kPatch: the
// Taylor patch at f''s root.
template <int kExpDegree, Div kDiv, bool kPatch>
struct SiluLean16;

}  // namespace actbench::simd
