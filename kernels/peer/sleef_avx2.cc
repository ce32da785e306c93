// SLEEF kernels at AVX2 (sleef_kernels.inc), compiled with the AVX2+FMA flags
// (kernels/peer/CMakeLists.txt), on SLEEF's AVX2 entry points Sleef_<fn>f8_<ulp>avx2 and
// Sleef_<fn>d4_<ulp>avx2.
#define ACTBENCH_PEER_ISA kAvx2
#define ACTBENCH_PEER_AT_kAvx2 ACTBENCH_PEER_INSTANTIATE
#define ACTBENCH_SLEEF_F32(fn, ulp) Sleef_##fn##f8_##ulp##avx2
#define ACTBENCH_SLEEF_F64(fn, ulp) Sleef_##fn##d4_##ulp##avx2
#include "peer/sleef_kernels.inc"
