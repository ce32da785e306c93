// The gold tier: the activations of accuracy/activation.h evaluated in Boost.Multiprecision
// over MPFR at 134 bits (40 decimal digits), 81 bits more than double. It is the reference for
// float64 kernels and the judge of the faster tier (double) used by float32 sweeps; see
// tests/test_reference.cc for how closely each agrees with MPFR's own functions.
//
// Stack-allocated limbs (no malloc per temporary) and no expression templates: about 2 us for
// a value and a gradient, which sampled float64 sweeps can afford.
#pragma once

#include <boost/multiprecision/mpfr.hpp>

#include "accuracy/activation.h"

namespace actbench {

using Gold = boost::multiprecision::number<
    boost::multiprecision::mpfr_float_backend<40, boost::multiprecision::allocate_stack>,
    boost::multiprecision::et_off>;

namespace gold {

inline Gold Value(Activation act, Gold x) { return ref::Value<Gold>(act, x); }
inline Gold GradX(Activation act, Gold x) { return ref::GradX<Gold>(act, x); }
inline Gold GradFromY(Activation act, Gold y) { return ref::GradFromY<Gold>(act, y); }

// MPFR keeps per-thread caches (constants, exp tables) that a thread's exit does not free:
// call this at the end of every thread, other than the main one, that evaluated Gold values.
inline void ReleaseThreadCaches() { mpfr_free_cache(); }

}  // namespace gold
}  // namespace actbench
