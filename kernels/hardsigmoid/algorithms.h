// hardsigmoid's explicit-SIMD algorithms, declared for the registry (defined in
// hardsigmoid/simd.h).
#pragma once

#include "simd/kernels.h"

namespace actbench::simd {

// clamp(x/6 + 1/2, 0, 1) by one FMA; f' 1/6 on (-3, 3).
struct HardsigmoidFma;

}  // namespace actbench::simd
