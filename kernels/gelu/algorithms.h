// gelu's explicit-SIMD algorithms, declared for the registry (defined in gelu/xsimd.h).
#pragma once

#include "simd/kernels.h"

namespace actbench::simd {

// x/2 erfc(-x/sqrt 2) through xsimd's erfc; f' with the Taylor patch at its root.
struct GeluXsimd;

}  // namespace actbench::simd
