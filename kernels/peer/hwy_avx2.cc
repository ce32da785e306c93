// Highway kernels at AVX2 (hwy_kernels.inc), by static dispatch: compiled with the AVX2 flags
// plus FMA, BMI2, F16C, which Highway's AVX2 target requires and every AVX2+FMA CPU has
// (kernels/peer/CMakeLists.txt), so Highway's static target is HWY_AVX2.
#define ACTBENCH_PEER_ISA kAvx2
#define ACTBENCH_PEER_AT_kAvx2 ACTBENCH_PEER_INSTANTIATE
#include "peer/hwy_kernels.inc"
