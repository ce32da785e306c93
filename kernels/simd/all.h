// Everything an ISA translation unit instantiates: the loops and every activation's SIMD
// algorithms (their headers, from the list of kernel lists).
#pragma once

#include "simd/loops.h"
#include "actbench/simd/widen.h"

#define ACTBENCH_KERNEL_SIMD_HEADERS
#include "kernels.inc"
#undef ACTBENCH_KERNEL_SIMD_HEADERS
