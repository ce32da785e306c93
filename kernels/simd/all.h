// Everything an ISA translation unit instantiates: the loops and every SIMD algorithm.
#pragma once

#include "simd/loops.h"
#include "simd/relu.h"
#include "simd/sigmoid.h"
#include "simd/rational.h"
#include "simd/tanh.h"
#include "simd/xsimd_math.h"
