// Eigen kernels at AVX2 (eigen_kernels.inc), compiled with the AVX2+FMA flags
// (kernels/peer/CMakeLists.txt), so Eigen's packets are 256 bits (Packet8f, Packet4d).
#define ACTBENCH_PEER_ISA kAvx2
#define ACTBENCH_PEER_AT_kAvx2 ACTBENCH_PEER_INSTANTIATE
#include "peer/eigen_kernels.inc"
