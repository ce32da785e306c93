// What the explicit-SIMD algorithms share: how a quotient and an exponential are formed (the
// template arguments of the algorithms, and the tokens of their kernel ids), and the
// adaptors that run an algorithm with streaming stores or through double.
//
// An algorithm is a class with static member templates over an xsimd batch type B
// (xsimd::batch<float, Arch> or xsimd::batch<double, Arch>):
//   static B value(const B& x);                    f(x) lane by lane
//   static B backward_x(const B& x, const B& dy);  dy * f'(x)
//   static B backward_y(const B& y, const B& dy);  dy * g(y), y = f(x), where the activation
//                                                  allows it
// Each activation's algorithms are declared in actbench/simd/<activation>/algorithms.h and
// defined beside it; the array kernels of the registry run exactly these functions.
#pragma once

namespace actbench::simd {

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
// (actbench/simd/widen.h). Ids carry the token `f64`.
template <class Algo>
struct Widened;
template <class Algo>
inline constexpr bool kStreamed<Streamed<Algo>> = true;

}  // namespace actbench::simd
