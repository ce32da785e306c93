// Highway kernels at AVX-512 (hwy_kernels.inc), by static dispatch: compiled with the AVX-512
// flags (kernels/peer/CMakeLists.txt), so Highway's static target is HWY_AVX3.
#define ACTBENCH_PEER_ISA kAvx512
#define ACTBENCH_PEER_AT_kAvx512 ACTBENCH_PEER_INSTANTIATE
#include "peer/hwy_kernels.inc"
