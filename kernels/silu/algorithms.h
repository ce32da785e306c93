// silu's explicit-SIMD algorithms, declared for the registry (defined in silu/simd.h).
#pragma once

#include "simd/kernels.h"

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

}  // namespace actbench::simd
