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

#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

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
};

}  // namespace actbench
