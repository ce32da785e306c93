// SLEEF kernels at AVX-512 (sleef_kernels.inc), compiled with the AVX-512 flags
// (kernels/peer/CMakeLists.txt), on SLEEF's AVX-512 entry points Sleef_<fn>f16_<ulp>avx512f
// and Sleef_<fn>d8_<ulp>avx512f.
#define ACTBENCH_PEER_ISA kAvx512
#define ACTBENCH_PEER_AT_kAvx512 ACTBENCH_PEER_INSTANTIATE
#define ACTBENCH_SLEEF_F32(fn, ulp) Sleef_##fn##f16_##ulp##avx512f
#define ACTBENCH_SLEEF_F64(fn, ulp) Sleef_##fn##d8_##ulp##avx512f
#include "peer/sleef_kernels.inc"
