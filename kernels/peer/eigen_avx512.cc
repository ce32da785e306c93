// Eigen kernels at AVX-512 (eigen_kernels.inc), compiled with the AVX-512 flags
// (kernels/peer/CMakeLists.txt), so Eigen's packets are 512 bits (Packet16f, Packet8d).
#define ACTBENCH_PEER_ISA kAvx512
#define ACTBENCH_PEER_AT_kAvx512 ACTBENCH_PEER_INSTANTIATE
#include "peer/eigen_kernels.inc"
