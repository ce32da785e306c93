// elu's explicit-SIMD algorithms, declared for the registry (defined in elu/simd.h).
#pragma once

#include "actbench/simd/algorithm.h"

namespace actbench::simd {

// expm1 and exp by Cody-Waite reduction + minimax polynomials of the given degrees.
template <int kExpm1Degree, int kExpDegree>
struct EluExpm1;

// expm1 and exp from xsimd.
struct EluXsimd;

}  // namespace actbench::simd
