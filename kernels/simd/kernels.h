// The explicit-SIMD kernels as the registry sees them: what the algorithms share and the per-ISA
// entry points, with no xsimd in sight. The algorithms themselves are templates over the xsimd
// arch (actbench/simd/<activation>/simd.h and the files beside it); each ISA's translation unit
// (isa_*.cc, compiled with that ISA's flags) instantiates the entry points below for every
// ACTBENCH_SIMD variant of its ISA in the kernel lists (kernels/<activation>/kernels.inc). Code
// outside those TUs only takes their addresses, so nothing ISA-specific runs before CpuSupports()
// says it may.
#pragma once

#include <cstddef>

#include "actbench/kernel.h"
#include "actbench/simd/algorithm.h"

namespace actbench::simd {

// The algorithms themselves and what they share (Div, Exp, Streamed, Widened) are public:
// actbench/simd/algorithm.h and actbench/simd/<activation>/.

// ---- entry points, instantiated per ISA in isa_*.cc ----

template <class Algo, Isa kIsa, class T>
void Forward(const T* x, T* y, std::size_t n);
template <class Algo, Isa kIsa, class T>
void BackwardX(const T* x, const T* dy, T* dx, std::size_t n);
template <class Algo, Isa kIsa, class T>
void BackwardY(const T* y, const T* dy, T* dx, std::size_t n);

}  // namespace actbench::simd
