// The explicit-SIMD kernels as the registry sees them: what the algorithms share and the per-ISA
// entry points, with no xsimd in sight. The algorithms themselves are templates over the xsimd
// arch (kernels/<activation>/simd.h and the files beside it); each ISA's translation unit
// (isa_*.cc, compiled with that ISA's flags) instantiates the entry points below for every
// ACTBENCH_SIMD variant of its ISA in the kernel lists (kernels/<activation>/kernels.inc). Code
// outside those TUs only takes their addresses, so nothing ISA-specific runs before CpuSupports()
// says it may.
#pragma once

#include <cstddef>

#include "actbench/kernel.h"

namespace actbench::simd {

// ---- what the algorithms of every activation share ----
// (Each activation declares its algorithms in kernels/<activation>/algorithms.h and defines
// them in its simd.h and the files beside it.)

// How a quotient a / b is formed.
enum class Div : int {
  kDiv,  // true division, correctly rounded
  kNr1,  // hardware reciprocal estimate + one Newton-Raphson step (FMA form), then a * r
  kNr2,  // estimate + two Newton-Raphson steps
  kRcp,  // the bare estimate (12 bits with SSE/AVX, 14 with AVX-512): cheap and inaccurate
};

// How e^t is formed.
enum class Exp : int {
  kRr1,          // one-constant ln2 reduction (exact only with FMA) + minimax polynomial
  kRr2,          // Cody-Waite two-constant reduction + minimax polynomial
  kSchraudolph,  // e^t ~ bits(int(2^23/ln2 t) + bias): the bit trick, a few % off
};

// Algo with non-temporal stores: the same results, written around the cache (for outputs that
// do not fit in it). Ids carry the token `nt`.
template <class Algo>
struct Streamed : Algo {};
template <class Algo>
inline constexpr bool kStreamed = false;

// A double algorithm run on float batches: widened, computed in double, rounded once
// (simd/widen.h). Ids carry the token `f64`.
template <class Algo>
struct Widened;
template <class Algo>
inline constexpr bool kStreamed<Streamed<Algo>> = true;

// ---- entry points, instantiated per ISA in isa_*.cc ----

template <class Algo, Isa kIsa, class T>
void Forward(const T* x, T* y, std::size_t n);
template <class Algo, Isa kIsa, class T>
void BackwardX(const T* x, const T* dy, T* dx, std::size_t n);
template <class Algo, Isa kIsa, class T>
void BackwardY(const T* y, const T* dy, T* dx, std::size_t n);

}  // namespace actbench::simd
