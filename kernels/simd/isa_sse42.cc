// The SIMD algorithms instantiated for SSE4.2; this file alone is compiled with that ISA's
// flags (kernels/CMakeLists.txt), so its code runs only once CpuSupports() allows it.
#include "simd/all.h"

namespace actbench::simd {

#define ACTBENCH_SIMD(Algo, T)                                                        \
  template void Forward<Algo, Isa::kSse42, T>(const T*, T*, std::size_t);             \
  template void BackwardX<Algo, Isa::kSse42, T>(const T*, const T*, T*, std::size_t); \
  template void BackwardY<Algo, Isa::kSse42, T>(const T*, const T*, T*, std::size_t);
#include "simd/algorithms.inc"
#undef ACTBENCH_SIMD

}  // namespace actbench::simd
