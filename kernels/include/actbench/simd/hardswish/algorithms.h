// hardswish's explicit-SIMD algorithms, declared for the registry (defined in hardswish/simd.h).
#pragma once

#include "actbench/simd/algorithm.h"

namespace actbench::simd {

// x * clamp(x/6 + 1/2, 0, 1) by one FMA; f' (2x + 3)/6 on [-3, 3].
struct HardswishFma;

// x * clamp((x + 3) * (1/6), 0, 1): x + 3 exact near -3; f' as HardswishFma.
struct HardswishAddMul;

}  // namespace actbench::simd
