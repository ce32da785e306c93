// The SIMD algorithms instantiated for AVX-512 with the BF16 extension: the bf16 kernels that
// round to bf16 with vcvtne2ps2bf16 (simd/convert.h). Compiled with the AVX-512 flags plus
// -mavx512bf16 (simd/sources.cmake); the float arithmetic is the AVX-512 level's.
#include "simd/all.h"

#define ACTBENCH_SIMD_AT_kSse42(algo, T)
#define ACTBENCH_SIMD_AT_kAvx2(algo, T)
#define ACTBENCH_SIMD_AT_kAvx512(algo, T)
#define ACTBENCH_SIMD_AT_kAvx512Bf16(algo, T) ACTBENCH_SIMD_INSTANTIATE(algo, Isa::kAvx512Bf16, T)
#include "simd/instantiate.inc"
