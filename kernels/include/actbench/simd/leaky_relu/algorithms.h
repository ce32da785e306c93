// leaky-relu's explicit-SIMD algorithms, declared for the registry (defined in
// leaky_relu/simd.h).
#pragma once

#include "actbench/simd/algorithm.h"

namespace actbench::simd {

// x > 0 ? x : x * slope by select (kDivide: x / 100); gradients by compare.
template <bool kDivide>
struct LeakyReluSelect;

}  // namespace actbench::simd
