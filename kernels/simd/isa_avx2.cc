// The SIMD algorithms instantiated for AVX2 + FMA; this file alone is compiled with that ISA's
// flags (simd/sources.cmake), so its code runs only once CpuSupports() allows it.
#include "simd/all.h"

#define ACTBENCH_SIMD_AT_kSse42(algo, T)
#define ACTBENCH_SIMD_AT_kAvx2(algo, T) ACTBENCH_SIMD_INSTANTIATE(algo, Isa::kAvx2, T)
#define ACTBENCH_SIMD_AT_kAvx512(algo, T)
#define ACTBENCH_SIMD_AT_kAvx512Bf16(algo, T)
#include "simd/instantiate.inc"
