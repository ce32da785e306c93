// silu's explicit-SIMD algorithms, declared for the registry (defined in silu/simd.h).
#pragma once

#include "simd/kernels.h"

namespace actbench::simd {

// x s(x) through e = e^-|x| (Cody-Waite + degree-kDegree minimax), quotient by kDiv.
template <int kDegree, Div kDiv>
struct SiluExp;

// x s(x) through xsimd's exp; f' with the Taylor patch at its root.
struct SiluXsimd;

}  // namespace actbench::simd
