// GradFromOutput at AVX-512: the only instantiation of these loops, compiled with the AVX-512
// flags (kernels/peer/CMakeLists.txt) so GCC vectorises them with 512-bit registers.
#define ACTBENCH_PEER_GRAD_DEFINITIONS kAvx512
#include "peer/grad_from_output.h"
