// What each activation *is*, apart from any kernel: its value, exact derivative, the
// backward-from-output map g(y) = f'(f^-1(y)), its range and symmetry. Written once as
// templates over the real type R, so the same definitions serve the fast tier (double for
// f32 kernels, long double for f64 kernels in tests) and the gold tier (Boost.Multiprecision,
// accuracy/gold.h).
//
// The formulas are the numerically careful ones (no cancellation, no overflow), so that in R
// each is accurate to a few units of R's last place everywhere:
//   sigmoid(x)  = 1/(1+e^-x) for x >= 0, e^x/(1+e^x) for x < 0
//   sigmoid'(x) = e/(1+e)^2 with e = e^-|x|
//   tanh(x)     = sign(x) m/(m+2), m = expm1(2|x|)
//   tanh'(x)    = 4e/(1+e)^2 with e = e^-2|x|
//   relu'(x)    = 1 for x > 0, else 0 (relu'(0) = 0, PyTorch's convention)
#pragma once

#include <cmath>
#include <limits>

#include "actbench/kernel.h"

namespace actbench::ref {

template <class R>
R Value(Activation act, R x) {
  using std::exp, std::expm1, std::fabs, std::isnan;
  if (isnan(x)) return x;
  switch (act) {
    case Activation::kRelu: return x > 0 ? x : R(0);
    case Activation::kSigmoid: {
      if (x >= 0) return R(1) / (R(1) + exp(-x));
      const R e = exp(x);
      return e / (R(1) + e);
    }
    case Activation::kTanh: {
      // Past a > (p + 2) ln2 / 2, 1 - tanh(a) ~ 2e^-2a is below half an ulp of 1 in R's
      // p-bit precision, so tanh rounds to +-1 in R; stopping there also keeps expm1(2a) far
      // from overflow (double's expm1 overflows beyond a = 354.9).
      const R a = fabs(x);
      const R saturation = R(std::numeric_limits<R>::digits + 2) * R(0.35);
      if (a > saturation) return x > 0 ? R(1) : R(-1);
      const R m = expm1(R(2) * a);
      const R t = m / (m + R(2));
      return x < 0 ? R(-t) : t;
    }
  }
  return std::numeric_limits<R>::quiet_NaN();
}

template <class R>
R GradX(Activation act, R x) {
  using std::exp, std::fabs, std::isnan;
  if (isnan(x)) return x;
  switch (act) {
    case Activation::kRelu: return x > 0 ? R(1) : R(0);
    case Activation::kSigmoid: {
      const R e = exp(-fabs(x));
      const R d = R(1) + e;
      return e / (d * d);
    }
    case Activation::kTanh: {
      const R e = exp(R(-2) * fabs(x));
      const R d = R(1) + e;
      return R(4) * e / (d * d);
    }
  }
  return std::numeric_limits<R>::quiet_NaN();
}

// f'(x) written through y = f(x), as a backward-from-output kernel computes it.
template <class R>
R GradFromY(Activation act, R y) {
  switch (act) {
    case Activation::kRelu: return y > 0 ? R(1) : R(0);
    case Activation::kSigmoid: return y * (R(1) - y);
    case Activation::kTanh: return (R(1) - y) * (R(1) + y);
  }
  return std::numeric_limits<R>::quiet_NaN();
}

// Closed range of the value, used by the range property check.
struct Range {
  double lo, hi;
};
inline Range ValueRange(Activation act) {
  switch (act) {
    case Activation::kRelu: return {0.0, std::numeric_limits<double>::infinity()};
    case Activation::kSigmoid: return {0.0, 1.0};
    case Activation::kTanh: return {-1.0, 1.0};
  }
  return {0, 0};
}

// Symmetry: tanh is odd (f(-x) = -f(x)); sigmoid is point-symmetric (f(-x) = 1 - f(x)).
enum class Symmetry { kNone, kOdd, kComplement };
inline Symmetry SymmetryOf(Activation act) {
  switch (act) {
    case Activation::kRelu: return Symmetry::kNone;
    case Activation::kSigmoid: return Symmetry::kComplement;
    case Activation::kTanh: return Symmetry::kOdd;
  }
  return Symmetry::kNone;
}

// Where the function bends: inputs outside [-kBendRadius, kBendRadius] are in saturation (or,
// for relu, linear). Sweeps put a dense grid inside.
inline double BendRadius(Activation act) {
  switch (act) {
    case Activation::kRelu: return 1.0;
    case Activation::kSigmoid: return 20.0;
    case Activation::kTanh: return 10.0;
  }
  return 1.0;
}

}  // namespace actbench::ref
