// The SIMD algorithms instantiated for AVX-512 (F, CD, DQ, BW, VL); this file alone is compiled
// with that ISA's flags (simd/sources.cmake), so its code runs only once CpuSupports() allows
// it.
#include "simd/all.h"

namespace actbench::simd {

#define ACTBENCH_SIMD(Algo, T)                                                         \
  template void Forward<Algo, Isa::kAvx512, T>(const T*, T*, std::size_t);             \
  template void BackwardX<Algo, Isa::kAvx512, T>(const T*, const T*, T*, std::size_t); \
  template void BackwardY<Algo, Isa::kAvx512, T>(const T*, const T*, T*, std::size_t);
#define ACTBENCH_SIMD_512(Algo, T) ACTBENCH_SIMD(Algo, T)
#define ACTBENCH_SIMD_NO512(Algo, T)
#define ACTBENCH_SIMD_FMA_NO512(Algo, T)
#define ACTBENCH_SIMD_SSE(Algo, T)
#define ACTBENCH_SIMD_FMA(Algo, T) ACTBENCH_SIMD(Algo, T)
#include "simd/algorithms.inc"

}  // namespace actbench::simd
