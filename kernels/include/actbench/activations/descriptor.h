// The shape of an activation descriptor: the facts about an activation that do not depend on
// any kernel, as a struct the reports, the sweep's property checks and the scripts read
// (actbench-kernels --json). Each activation's header (relu.h, sigmoid.h, ...) defines one
// descriptor type with:
//   kName                          the id's first token
//   Value<R>(x), Grad<R>(x)        the exact value and f'(x), written for a real type R
//                                  (double, long double, Gold) in numerically careful form
//   kHasGradFromY                  whether f'(x) can be written through y = f(x); then
//   GradFromY<R>(y)                that formula, exact in R, and
//   BackwardFromY<T>(y, dy)        dx as PyTorch's *_backward computes it in T (its order of
//                                  operations: the gradient a framework gets from a saved y)
//   kInfo                          the ActivationInfo below
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <type_traits>

namespace actbench {

// How f(x) and f(-x) relate; the sweep measures the deviation of kernels from it.
enum class Symmetry : std::uint8_t {
  kNone,
  kOdd,          // f(-x) = -f(x)                 (tanh); f' is even
  kComplement,   // f(x) + f(-x) = 1               (sigmoid); f' is even
  kXDifference,  // f(x) - f(-x) = x               (relu, SiLU, GELU); f'(x) + f'(-x) = 1
};
std::string_view Name(Symmetry s);

// A parameter of the activation with PyTorch's default (ELU's alpha, LeakyReLU's slope); a
// kernel built for another value records it in its id.
struct Param {
  std::string_view name;
  double default_value;
};

inline constexpr double kInf = std::numeric_limits<double>::infinity();

struct ActivationInfo {
  std::string_view name;
  double range_lo, range_hi;  // closed range of the value
  Symmetry symmetry;
  // f is non-decreasing on [monotonic_from, inf): -inf for everywhere; NaN for nowhere.
  double monotonic_from;
  // Where f bends: a dense sampling grid covers [-bend_radius, bend_radius]; outside, f is in
  // saturation or linear. bend_points are where its curvature sits (for plots and sampling).
  double bend_radius;
  std::span<const double> bend_points;
  double max_grad;  // max |f'(x)|: scales absolute gradient tiers
  bool has_grad_from_y;
  std::span<const Param> params;
  // Where f' changes sign (the minimum of GELU, SiLU, Mish, hardswish): there f' is a sum of
  // terms that cancel, and the sweeps sample densely around it.
  std::span<const double> grad_zeros = {};
};

// f' near a root r of f', where the textbook sum cancels: its Taylor series at r in
// h = (x - r_hi) - r_lo (x - r_hi is exact near r, so h keeps full relative accuracy),
// f'(x) = h (c[0] + h (c[1] + ...)). The coefficients come from scripts/gen_grad_roots.py
// (relative error of the truncated series below 1e-17 for |h| <= radius). Used by the fast
// reference tiers (double, long double); gold's 134 bits absorb the cancellation.
struct GradRoot {
  double r_hi, r_lo, radius;
  std::array<double, 11> c;

  template <class R>
  bool Near(R x) const {
    if constexpr (std::is_floating_point_v<R>)
      return std::fabs(x - R(r_hi)) <= R(radius);
    else
      return false;
  }
  template <class R>
  R Eval(R x) const {
    const R h = (x - R(r_hi)) - R(r_lo);
    R p = R(c.back());
    for (std::size_t k = c.size() - 1; k-- > 0;) p = p * h + R(c[k]);
    return p * h;
  }
};

// The working type of a reference formula whose arguments need more than double's 53 bits
// (x^3 in gelu-tanh, x / sqrt 2 in erfc): long double for the fast tier's double, else R.
template <class R>
using WorkType = std::conditional_t<std::is_same_v<R, double>, long double, R>;

// pi in R (Gold included).
template <class R>
R Pi() {
  using std::atan;
  return R(4) * atan(R(1));
}

}  // namespace actbench
