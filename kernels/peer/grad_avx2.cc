// GradFromOutput at AVX2: the only instantiation of these loops, compiled with the AVX2+FMA
// flags (kernels/peer/CMakeLists.txt) so GCC vectorises them with 256-bit registers.
#define ACTBENCH_PEER_GRAD_DEFINITIONS kAvx2
#include "peer/grad_from_output.h"
