// Everything an ISA translation unit instantiates: the loops and every SIMD algorithm.
#pragma once

#include "simd/loops.h"
#include "simd/relu.h"
