// relu's explicit-SIMD algorithms, declared for the registry (defined in relu/simd.h).
#pragma once

#include "actbench/simd/algorithm.h"

namespace actbench::simd {

struct ReluMax;  // max(0, x); gradients by compare, NaN kept

}  // namespace actbench::simd
