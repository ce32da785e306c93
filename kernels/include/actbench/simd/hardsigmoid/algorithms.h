// hardsigmoid's explicit-SIMD algorithms, declared for the registry (defined in
// hardsigmoid/simd.h).
#pragma once

#include "actbench/simd/algorithm.h"

namespace actbench::simd {

// clamp(x/6 + 1/2, 0, 1) by one FMA; f' 1/6 on (-3, 3).
struct HardsigmoidFma;

// clamp((x + 3) * (1/6), 0, 1): x + 3 exact near -3; f' as HardsigmoidFma.
struct HardsigmoidAddMul;

}  // namespace actbench::simd
