// The reference: what each activation *is*, apart from any kernel, evaluated in a real type R
// (the fast tier: double for f32 kernels, long double for f64 kernels in tests; the gold tier:
// Boost.Multiprecision, accuracy/gold.h). The formulas live in the activations' descriptors
// (actbench/activations/*.h); this header only looks them up by enumerator.
#pragma once

#include <cmath>

#include "actbench/activation.h"

namespace actbench::ref {

template <class R>
R Value(Activation act, R x) {
  using std::isnan;
  if (isnan(x)) return x;
  return VisitActivation(act, [&](auto d) -> R { return decltype(d)::template Value<R>(x); });
}

template <class R>
R GradX(Activation act, R x) {
  using std::isnan;
  if (isnan(x)) return x;
  return VisitActivation(act, [&](auto d) -> R { return decltype(d)::template Grad<R>(x); });
}

// f'(x) written through y = f(x), as a backward-from-output kernel computes it; NaN for an
// activation that has no such formula.
template <class R>
R GradFromY(Activation act, R y) {
  return VisitActivation(act, [&](auto d) -> R {
    using D = decltype(d);
    if constexpr (D::kHasGradFromY)
      return D::template GradFromY<R>(y);
    else
      return std::numeric_limits<R>::quiet_NaN();
  });
}

// Closed range of the value, used by the range property check.
struct Range {
  double lo, hi;
};
inline Range ValueRange(Activation act) { return {Info(act).range_lo, Info(act).range_hi}; }

inline Symmetry SymmetryOf(Activation act) { return Info(act).symmetry; }

// Inputs outside [-BendRadius, BendRadius] are in saturation (or linear); sweeps put a dense
// grid inside.
inline double BendRadius(Activation act) { return Info(act).bend_radius; }

}  // namespace actbench::ref
