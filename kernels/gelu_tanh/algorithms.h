// gelu-tanh's explicit-SIMD algorithms, declared for the registry (defined in gelu_tanh/xsimd.h).
#pragma once

#include "simd/kernels.h"

namespace actbench::simd {

// PyTorch's formulas through xsimd's tanh.
struct GeluTanhXsimd;

}  // namespace actbench::simd
