// The explicit-SIMD kernels as the registry sees them: algorithm names and per-ISA entry points,
// with no xsimd in sight. The algorithms themselves are templates over the xsimd arch
// (simd/relu.h, simd/sigmoid.h, simd/tanh.h); each ISA's translation unit (isa_*.cc, compiled
// with that ISA's flags) instantiates the entry points below for every ACTBENCH_SIMD variant
// of its ISA in the kernel lists (kernels/<activation>/kernels.inc). Code outside those TUs
// only takes their addresses, so nothing ISA-specific runs before CpuSupports() says it may.
#pragma once

#include <cstddef>

#include "actbench/kernel.h"

namespace actbench::simd {

// ---- algorithm names (defined in simd/*.h) ----

struct ReluMax;  // max(0, x); gradients by compare, NaN kept

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

// sigmoid through e = e^-|x|: s = num / (1 + e), num = 1 (x >= 0) or e (x < 0).
template <Exp kExp, int kDegree, Div kDiv>
struct SigmoidExp;
// tanh through m = expm1(-2|x|): tanh|x| = -m / (2 + m), sign restored.
template <Exp kExp, int kDegree, Div kDiv>
struct TanhExpm1;

// sigmoid through a 32-entry 2^(k/32) table + degree-2 polynomial exp (AVX-512 only).
template <Div kDiv>
struct SigmoidLut32;

// sigmoid through a double-float 1 + e^-x and a residual-corrected reciprocal (accurate tier).
template <int kDegree>
struct SigmoidExpAdj;
// tanh through a double-float expm1 and a residual-corrected quotient (the accurate tier).
template <int kDegree>
struct TanhExpm1Adj;

// tanh as a piecewise polynomial, pieces chosen by the top bits of |x| (AVX-512 only).
struct TanhPw16;

// tanh through a 5/6 rational for tanh(x/2) and the doubling formula 2t/(1+t^2), one
// quotient; sigmoid as 1/2 + 1/2 tanh(x/2) through the same (simd/rational.h).
struct TanhRational;
struct SigmoidRational;

// xsimd's own exp (sigmoid) and tanh.
struct SigmoidXsimd;
struct TanhXsimd;

// Algo with non-temporal stores: the same results, written around the cache (for outputs that
// do not fit in it). Ids carry the token `nt`.
template <class Algo>
struct Streamed : Algo {};
template <class Algo>
inline constexpr bool kStreamed = false;
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
