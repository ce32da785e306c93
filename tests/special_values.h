// Special-value probes and the classification of a kernel's behaviour on them into the
// documented quirks (kernel.h `Quirk`). One place for both, free of gtest, so the special-value
// test and the accuracy engine's property report use the same inputs and the same rules.
//
// Probes: NaN (both signs, a quiet NaN with a payload, a signalling NaN), +-inf, +-0, +-min and +-max subnormal, +-min normal, a tiny normal,
// +-20, large finite inputs, +-max finite, and "subnormal-result probes": inputs whose exact value
// or exact derivative is a subnormal well above the smallest one, found by bisection on the
// reference definitions (accuracy/activation.h) in long double.
//
// Quantities: value = forward(x); grad_x = backward_x(x, dy = 1); grad_y = backward_y(y, dy = 1)
// with y = the kernel's own forward(x). Rules (an observation is either a quirk or a failure):
//   kNanDropped        NaN input, non-NaN output (any quantity).
//   kNanFromFinite     finite input, NaN output (for grad_y only where y was not NaN: a NaN y is
//                      the value's fault and is reported there).
//   kInfWrong          +-inf input whose output is not the exact limit (NaN counts).
//   kSignedZeroLost    an odd function's value at -0 comes out +0.
//   kSubnormalFlushed  output exactly 0 where the exact result is a subnormal of at least
//                      4 * denorm_min. For grad_y the exact result is g(y) at the kernel's own y:
//                      when y rounds to +-1 the information is gone before backward_y runs, and
//                      that saturation is every backward-from-output kernel's accuracy, which the
//                      accuracy sweep reports, not a special-value quirk.
//   kInfFromFinite     finite input, +-inf output where the exact result is finite (an
//                      intermediate overflowed: log(1 + e^x), x * 6 / 6).
//   kSubnormalWrongSign  output of the wrong sign where the exact result is a subnormal of at
//                      least 4 * denorm_min (two subnormal terms that flush at different x).
//   kOutOfRange        a value outside the activation's range (descriptor).
//   kZeroInexact       +-0 not giving f(0) (or f'(0)) exactly, or a neighbour of it where it is
//                      not representable (softplus: ln 2).
//   failures           anything else on a probe: a wrong sign where the exact result is
//                      normal, +0 and -0 swapped for an odd function.
//                      (How far a finite output is from the exact one is the accuracy sweep's
//                      business, not this table's.)
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "accuracy/activation.h"
#include "accuracy/fpenv.h"
#include "accuracy/ulp.h"
#include "actbench/kernel.h"

namespace actbench::special {

enum class Quantity { kValue, kGradX, kGradY };

inline std::string_view Name(Quantity q) {
  switch (q) {
    case Quantity::kValue: return "value";
    case Quantity::kGradX: return "grad_x";
    case Quantity::kGradY: return "grad_y";
  }
  return "?";
}

template <class T>
struct Probe {
  T x;
  std::string label;
};

// The smallest exact magnitude that counts as a "large" subnormal result.
template <class T>
constexpr long double kFlushThreshold = 4.0L * std::numeric_limits<T>::denorm_min();

namespace detail {

using Real = long double;  // reference tier: wide enough for f64 subnormals and inputs

// std::nextafter and std::copysign for every dtype (the 16-bit ones by their bits).
template <class T>
T NextAfter(T v, T toward) {
  if constexpr (kIsHalf16<T>) {
    const float a = v, b = toward;
    if (std::isnan(a) || std::isnan(b)) return a != a ? v : toward;
    if (a == b) return toward;
    if (a == 0) return T::FromBits(static_cast<std::uint16_t>((b < 0 ? 0x8000u : 0u) | 1u));
    const bool away = (a < b) == (a > 0);  // away from zero
    return T::FromBits(static_cast<std::uint16_t>(away ? v.bits + 1 : v.bits - 1));
  } else {
    return std::nextafter(v, toward);
  }
}
// A quiet NaN with a payload in its low bits, and a signalling NaN with one: kernels must give
// NaN for every NaN, not only for the default one.
template <class T>
T PayloadNaN(bool signalling) {
  using L = std::numeric_limits<T>;
  using U = typename DTypeTraits<T>::Bits;
  const U base = std::bit_cast<U>(signalling ? L::signaling_NaN() : L::quiet_NaN());
  return std::bit_cast<T>(static_cast<U>(base | 0x5u));
}
template <class T>
Real AsReal(T v) {
  if constexpr (kIsHalf16<T>)
    return static_cast<Real>(static_cast<float>(v));
  else
    return static_cast<Real>(v);
}
template <class T>
T CopySign(T magnitude, T sign) {
  if constexpr (kIsHalf16<T>)
    return T::FromBits(static_cast<std::uint16_t>((magnitude.bits & 0x7fffu) | (sign.bits & 0x8000u)));
  else
    return std::copysign(magnitude, sign);
}
  // reference tier: wide enough for f64 subnormals and inputs

inline Real Exact(Activation act, Quantity q, Real x) {
  return q == Quantity::kValue ? ref::Value<Real>(act, x) : ref::GradX<Real>(act, x);
}

// Inputs x whose exact |value| or |derivative| equals each target magnitude, on tails where it
// decays to 0 as |x| grows (sigmoid's value for x -> -inf, both derivatives on both sides).
// Found by doubling |x| until the result falls below the flush threshold, then bisecting.
template <class T>
void AppendSubnormalResultProbes(Activation act, std::vector<Probe<T>>& out) {
  constexpr Real kMinNormal = std::numeric_limits<T>::min();
  constexpr Real kDenormMin = std::numeric_limits<T>::denorm_min();
  // Top of the subnormal range, its geometric middle, 16 denorm_min, and 5 denorm_min (just
  // above the flush threshold: a gradient computed as a product of two small terms may lose
  // the last few subnormal steps, as GELU's erfc-based gradients do around x = -14.4 in float).
  const Real targets[] = {kMinNormal / 2, std::sqrt(kMinNormal * kDenormMin), 16 * kDenormMin,
                          5 * kDenormMin};
  const char* const target_names[] = {"min_normal/2", "sqrt(min_normal*denorm_min)",
                                      "16*denorm_min", "5*denorm_min"};
  for (Quantity q : {Quantity::kValue, Quantity::kGradX}) {
    for (int side : {-1, 1}) {
      auto mag = [&](Real a) { return std::fabs(Exact(act, q, side * a)); };
      // Bracket the subnormal band: lo = the last power of 2 with mag >= min normal, hi = the
      // first one after it with mag below the flush threshold.
      Real lo = 0, hi = 0;
      for (int k = 0; k < 40 && hi == 0; ++k) {
        const Real a = std::ldexp(Real(1), k);
        if (mag(a) >= kMinNormal)
          lo = a;
        else if (lo > 0 && mag(a) < kFlushThreshold<T>)
          hi = a;
      }
      if (hi == 0) continue;  // no decaying tail on this side
      for (std::size_t t = 0; t < std::size(targets); ++t) {
        Real a = lo, b = hi;  // mag(a) >= target > mag(b); mag decreases on [a, b]
        for (int it = 0; it < 200 && a < b; ++it) {
          const Real mid = (a + b) / 2;
          if (mid == a || mid == b) break;
          (mag(mid) >= targets[t] ? a : b) = mid;
        }
        const T x = static_cast<T>(side * a);
        const Real r = std::fabs(Exact(act, q, static_cast<Real>(x)));
        if (!(r >= kFlushThreshold<T> && r < kMinNormal)) continue;  // cannot happen on a tail
        out.push_back({x, std::string(Name(q)) + "=" + target_names[t]});
      }
    }
  }
}

}  // namespace detail

// Magnitudes of the probes per element type: tiny (far below every bend, its square
// underflows), huge (far into saturation, near the top of the range) and three large inputs
// beyond where exp(-x) underflows. Defined per dtype, so a new dtype must choose its own.
template <class T>
struct ProbeScale;
template <>
struct ProbeScale<float> {
  static constexpr float kTiny = 1e-30f, kHuge = 1e30f, kLarge[3] = {50, 100, 1000};
};
template <>
struct ProbeScale<double> {
  static constexpr double kTiny = 1e-300, kHuge = 1e300, kLarge[3] = {400, 800, 1e4};
};
// The 16-bit dtypes compute in float; their probes are what their own format can hold (f16:
// normals from 6.1e-5 to 65504).
template <>
struct ProbeScale<bf16> {
  static constexpr float kTiny = 1e-30f, kHuge = 1e30f, kLarge[3] = {50, 100, 1000};
};
template <>
struct ProbeScale<f16> {
  static constexpr float kTiny = 1e-4f, kHuge = 6e4f, kLarge[3] = {50, 100, 1000};
};

// Every probe input for an activation in element type T.
template <class T>
std::vector<Probe<T>> Probes(Activation act) {
  using L = std::numeric_limits<T>;
  const T max_subnormal = detail::NextAfter(L::min(), T(0));
  using S = ProbeScale<T>;
  const T tiny = static_cast<T>(S::kTiny);
  const T huge = static_cast<T>(S::kHuge);
  const T large[3] = {static_cast<T>(S::kLarge[0]), static_cast<T>(S::kLarge[1]),
                      static_cast<T>(S::kLarge[2])};
  std::vector<Probe<T>> p = {
      {L::quiet_NaN(), "nan"},
      {-L::quiet_NaN(), "-nan"},
      {detail::PayloadNaN<T>(false), "nan(payload)"},
      {detail::PayloadNaN<T>(true), "snan(payload)"},
      {L::infinity(), "+inf"},
      {-L::infinity(), "-inf"},
      {T(0), "+0"},
      {-T(0), "-0"},
  };
  const std::pair<T, const char*> symmetric[] = {
      {L::denorm_min(), "denorm_min"},
      {max_subnormal, "max_subnormal"},
      {L::min(), "min_normal"},
      {tiny, "tiny"},
      // An ordinary input well past every bend: its result is a plain number, but a kernel that
      // clamps or polynomial-fits its tail may leave the range there (oneDNN's softplus gives
      // -2^-19 at -20).
      {static_cast<T>(20), "moderate"},
      {large[0], "large"},
      {large[1], "larger"},
      {large[2], "largest"},
      // Between 1000 and max: range reductions that overflow an intermediate (XNNPACK's sigmoid
      // gives NaN for float32 |x| in [4.9e26, 3e38) while +-max is fine).
      {huge, "huge"},
      {L::max(), "max"},
  };
  for (const auto& [v, name] : symmetric) {
    p.push_back({v, std::string("+") + name});
    p.push_back({-v, std::string("-") + name});
  }
  detail::AppendSubnormalResultProbes<T>(act, p);
  return p;
}

// One observed departure from the ideal on a probe: a quirk (quirk != 0) or a failure that
// no quirk covers (quirk == 0).
struct Event {
  std::uint32_t quirk = 0;
  Quantity quantity = Quantity::kValue;
  std::string message;
  // For a wrong sign where the exact result is a normal number: the output's error in ULP. That
  // is an accuracy failure, which the kernel's accuracy claim may already declare (a claim of
  // 1e39 ULP covers -2^-19 for 2e-9); NaN for every other event.
  double error_ulp = std::numeric_limits<double>::quiet_NaN();
};

namespace detail {

template <class T>
std::string ShowNumber(T v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g (%a)", DTypeTraits<T>::kPrintDigits, static_cast<double>(v),
                static_cast<double>(v));
  return buf;
}

template <class T>
std::string Describe(Quantity q, const Probe<T>& p, T out, const std::string& what) {
  return std::string(Name(q)) + " at x=" + p.label + " " + ShowNumber(p.x) + ": got " +
         ShowNumber(out) + ": " + what;
}

}  // namespace detail

// Classifies one output. `y` is the kernel's forward output for p.x (used for grad_y).
template <class T>
void Classify(Activation act, Quantity q, const Probe<T>& p, T y, T out,
              std::vector<Event>& events) {
  using detail::Real;
  auto add = [&](std::uint32_t quirk, const std::string& what) {
    events.push_back({quirk, q, detail::Describe(q, p, out, what)});
  };
  const T x = p.x;
  // The truth, f(x) or f'(x); grad_y is judged against f'(x) except for flushing (see above).
  const Real exact = detail::Exact(act, q == Quantity::kValue ? q : Quantity::kGradX, x);

  if (std::isnan(x)) {
    if (!std::isnan(out)) add(kNanDropped, "NaN input gives a non-NaN result");
    return;
  }
  if (std::isinf(x)) {
    const T limit = static_cast<T>(exact);
    if (!(out == limit)) add(kInfWrong, "expected the limit " + detail::ShowNumber(limit));
    return;
  }
  if (std::isnan(out)) {
    if (q == Quantity::kGradY && std::isnan(y)) return;  // reported on the value
    add(kNanFromFinite, "finite input gives NaN");
    return;
  }
  if (x == 0) {
    const bool odd_value = q == Quantity::kValue && ref::SymmetryOf(act) == Symmetry::kOdd;
    // f(0) exactly where it is representable (0, 1/2, 1/4, 1, 1/6 in a kernel's own rounding
    // is not: see below); an odd function keeps the sign of zero.
    const T f0 = odd_value ? detail::CopySign(static_cast<T>(exact), x) : static_cast<T>(exact);
    if (odd_value && std::signbit(x) && out == 0 && !std::signbit(out)) {
      add(kSignedZeroLost, "-0 gives +0 for an odd function");
      return;
    }
    // f(0) not representable (softplus: ln 2, mish': tanh ln 2): either neighbour of it.
    auto at_zero = [](T v, Real e) {
      const T r = static_cast<T>(e);
      if (detail::AsReal(r) == e) return v == r;
      const T inf = std::numeric_limits<T>::infinity();
      const T lo = detail::AsReal(r) < e ? r : detail::NextAfter(r, -inf);
      return v == lo || v == detail::NextAfter(lo, inf);
    };
    if (q == Quantity::kGradY && !at_zero(y, detail::Exact(act, Quantity::kValue, x)))
      return;  // forward(0) is wrong: reported on the value
    if (!at_zero(out, exact))
      add(kZeroInexact, "+-0 must give f(0) = " + detail::ShowNumber(f0) +
                            " (exactly, or a neighbour where f(0) is not representable)");
    else if (odd_value && std::signbit(out) != std::signbit(f0))
      add(0, "+-0 must keep its sign for an odd function");
    return;
  }
  const Real flush_ref =
      q == Quantity::kGradY ? ref::GradFromY<Real>(act, detail::AsReal(y)) : exact;
  if (out == 0 && std::fabs(flush_ref) >= kFlushThreshold<T> &&
      std::fabs(flush_ref) < detail::AsReal(std::numeric_limits<T>::min())) {
    add(kSubnormalFlushed, "exact result " + detail::ShowNumber(static_cast<T>(flush_ref)) +
                               " is subnormal but the output is 0");
    return;
  }
  if (std::isinf(out) && std::isfinite(exact)) {
    add(kInfFromFinite, "infinite output where the exact result is finite");
    return;
  }
  if ((exact > 0 && out < 0) || (exact < 0 && out > 0)) {
    const bool subnormal = std::fabs(exact) >= kFlushThreshold<T> &&
                           std::fabs(exact) < detail::AsReal(std::numeric_limits<T>::min());
    add(subnormal ? std::uint32_t{kSubnormalWrongSign} : 0u,
        "wrong sign; exact result " + detail::ShowNumber(static_cast<T>(exact)));
    const bool normal = std::fabs(exact) >= detail::AsReal(std::numeric_limits<T>::min()) &&
                        std::fabs(exact) <= detail::AsReal(std::numeric_limits<T>::max());
    if (normal) events.back().error_ulp = UlpError<T>(out, exact);
  }
  if (q == Quantity::kValue) {
    const ref::Range range = ref::ValueRange(act);
    if (out < range.lo || out > range.hi)
      add(kOutOfRange, "outside the range [" + detail::ShowNumber(range.lo) + ", " +
                           detail::ShowNumber(range.hi) + "]");
  }
}

// What a kernel does on the probes.
struct Report {
  std::uint32_t observed = 0;  // union of the quirk bits seen
  std::vector<Event> events;
  std::size_t probes = 0;
};

// The entry points of `ops` called in the floating-point environment `env`: each call sets
// MXCSR for its own duration. The entry points are plain function pointers, so the wrapped
// ones are static functions reading `inner`: one kernel at a time per program (the tests and
// actbench-quirks evaluate kernels one after another, on one thread).
template <class T, acc::FpEnv kEnv>
struct EnvCalls {
  static inline Ops<T> inner;
  static void Forward(const T* x, T* y, std::size_t n) {
    const acc::ScopedFpEnv scope(kEnv);
    inner.forward(x, y, n);
  }
  static void BackwardX(const T* x, const T* dy, T* dx, std::size_t n) {
    const acc::ScopedFpEnv scope(kEnv);
    inner.backward_x(x, dy, dx, n);
  }
  static void BackwardY(const T* y, const T* dy, T* dx, std::size_t n) {
    const acc::ScopedFpEnv scope(kEnv);
    inner.backward_y(y, dy, dx, n);
  }
};
template <class T>
Ops<T> InEnv(const Ops<T>& ops, acc::FpEnv env) {
  if (env == acc::FpEnv::kDefault) return ops;
  using W = EnvCalls<T, acc::FpEnv::kFtz>;
  W::inner = ops;
  Ops<T> o;
  o.forward = &W::Forward;
  o.backward_x = &W::BackwardX;
  o.backward_y = ops.backward_y ? &W::BackwardY : nullptr;
  return o;
}

// Runs the kernel (which this CPU must support) on every probe and classifies every output.
// The kernel runs in the floating-point environment `env` (its calls only: the reference and
// the classification run in the default one).
template <class T>
Report Evaluate(const Kernel& k, acc::FpEnv env = acc::FpEnv::kDefault) {
  const Ops<T> ops = InEnv(k.ops<T>(), env);
  const std::vector<Probe<T>> probes = Probes<T>(k.activation);
  const std::size_t n = probes.size();
  std::vector<T> x(n), y(n), gx(n), gy(n), ones(n, T(1));
  for (std::size_t i = 0; i < n; ++i) x[i] = probes[i].x;
  ops.forward(x.data(), y.data(), n);
  ops.backward_x(x.data(), ones.data(), gx.data(), n);
  if (ops.backward_y) ops.backward_y(y.data(), ones.data(), gy.data(), n);

  Report r;
  r.probes = n;
  for (std::size_t i = 0; i < n; ++i) {
    Classify(k.activation, Quantity::kValue, probes[i], y[i], y[i], r.events);
    Classify(k.activation, Quantity::kGradX, probes[i], y[i], gx[i], r.events);
    if (ops.backward_y) Classify(k.activation, Quantity::kGradY, probes[i], y[i], gy[i], r.events);
  }
  // Each probe again in a call of its own (n = 1): where a kernel computes its array in a
  // vector body and a scalar tail, the calls above exercise the body and these the tail, and a
  // quirk of either is the kernel's (ATen's elu and hardswish gradients drop a NaN x in the
  // tail only). A kernel that is not position-dependent gives the same bits both ways.
  if (k.quirks & kPositionDependent) {
    for (std::size_t i = 0; i < n; ++i) {
      const T one = T(1);
      T y1, gx1, gy1;
      ops.forward(&x[i], &y1, 1);
      ops.backward_x(&x[i], &one, &gx1, 1);
      const Probe<T> alone{probes[i].x, probes[i].label + " (alone)"};
      Classify(k.activation, Quantity::kValue, alone, y1, y1, r.events);
      Classify(k.activation, Quantity::kGradX, alone, y1, gx1, r.events);
      if (ops.backward_y) {
        ops.backward_y(&y1, &one, &gy1, 1);
        Classify(k.activation, Quantity::kGradY, alone, y1, gy1, r.events);
      }
    }
  }
  for (const Event& e : r.events) r.observed |= e.quirk;
  return r;
}

// ---- special dy ----
//
// backward_x(x, dy) and backward_y(y, dy) return dy times the kernel's own gradient g (its
// output at dy = 1). Special dy values must come through that product as IEEE multiplication
// carries them (a NaN gradient from an upstream layer must not turn into a number):
//   kDyNanDropped   NaN dy (any sign, payload, signalling) gives a non-NaN result: the
//                   gradient was selected where g = 0 (relu for x < 0) instead of multiplied.
//   kDyInfWrong     +-inf dy does not give dy*g: +-inf with the product's sign where g is
//                   finite and non-zero; NaN (or an infinity: a g that underflowed after dy
//                   was applied) where g = 0, not a finite number.
//   kSubnormalFlushed  a subnormal dy whose product with g is a subnormal of at least
//                   4 * denorm_min gives 0.
//   failures        a zero dy that gives anything but a zero where g is finite; a result of
//                   the wrong sign for a subnormal dy.
template <class T>
std::vector<Probe<T>> DyProbes() {
  using L = std::numeric_limits<T>;
  return {{L::quiet_NaN(), "nan"},
          {-L::quiet_NaN(), "-nan"},
          {detail::PayloadNaN<T>(false), "nan(payload)"},
          {detail::PayloadNaN<T>(true), "snan(payload)"},
          {L::infinity(), "+inf"},
          {-L::infinity(), "-inf"},
          {T(0), "+0"},
          {-T(0), "-0"},
          {detail::NextAfter(L::min(), T(0)), "+max_subnormal"},
          {detail::CopySign(detail::NextAfter(L::min(), T(0)), T(-1)), "-max_subnormal"}};
}

namespace detail {

// One backward output for a special dy, against dy * g (g: the same entry point at dy = 1).
template <class T>
void ClassifyDy(Quantity q, const Probe<T>& input, const Probe<T>& dy, T g, T out,
                std::vector<Event>& events) {
  auto add = [&](std::uint32_t quirk, const std::string& what) {
    events.push_back({quirk, q,
                      std::string(Name(q)) + " at " + (q == Quantity::kGradY ? "y=" : "x=") +
                          input.label + " " + ShowNumber(input.x) + " with dy=" + dy.label +
                          ": got " + ShowNumber(out) + " (g at dy=1: " + ShowNumber(g) +
                          "): " + what});
  };
  if (std::isnan(g)) return;  // the input's own NaN: the special-value table's business
  const Real d = AsReal(dy.x), gr = AsReal(g);
  if (std::isnan(d)) {
    if (!std::isnan(out)) add(kDyNanDropped, "a NaN dy must give NaN");
    return;
  }
  if (std::isinf(d)) {
    // Where g is 0 the product is NaN; an infinity is as good when the kernel's g only
    // underflowed (its dy * e^-x came first). A finite number means dy was not multiplied.
    const bool ok = gr == 0 ? !std::isfinite(out)
                            : std::isinf(out) && std::signbit(out) == std::signbit(d * gr);
    if (!ok)
      add(kDyInfWrong, gr == 0 ? "inf * 0 must give NaN (or inf where g underflowed)"
                               : "must give inf with the sign of dy*g");
    return;
  }
  if (std::isinf(g)) return;  // a finite dy times an infinite g: the value table covers g
  if (d == 0) {
    if (!(out == 0)) add(0, "a zero dy must give a zero");
    return;
  }
  const Real exact = d * gr;  // exact in long double: 11/24/53-bit operands
  if (out == 0 && std::fabs(exact) >= kFlushThreshold<T>) {
    add(kSubnormalFlushed, "dy*g = " + ShowNumber(static_cast<T>(exact)) + " is not 0");
    return;
  }
  if ((exact > 0 && out < 0) || (exact < 0 && out > 0)) add(0, "wrong sign");
}

}  // namespace detail

// Runs both backward entry points on every special dy at every probe input.
template <class T>
Report EvaluateDy(const Kernel& k, acc::FpEnv env = acc::FpEnv::kDefault) {
  const Ops<T> ops = InEnv(k.ops<T>(), env);
  const std::vector<Probe<T>> inputs = Probes<T>(k.activation);
  const std::vector<Probe<T>> dys = DyProbes<T>();
  const std::size_t n = inputs.size(), m = n * dys.size();
  std::vector<T> x(n), y(n), ones(n, T(1)), gx(n), gy(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = inputs[i].x;
  ops.forward(x.data(), y.data(), n);
  ops.backward_x(x.data(), ones.data(), gx.data(), n);
  if (ops.backward_y) ops.backward_y(y.data(), ones.data(), gy.data(), n);
  // Every (input, dy) pair in one call per entry point: element i * |dys| + j.
  std::vector<T> xs(m), ys(m), dy(m), outx(m), outy(m);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < dys.size(); ++j)
      xs[i * dys.size() + j] = x[i], ys[i * dys.size() + j] = y[i], dy[i * dys.size() + j] = dys[j].x;
  ops.backward_x(xs.data(), dy.data(), outx.data(), m);
  if (ops.backward_y) ops.backward_y(ys.data(), dy.data(), outy.data(), m);

  Report r;
  r.probes = m;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(x[i])) continue;
    for (std::size_t j = 0; j < dys.size(); ++j) {
      const std::size_t e = i * dys.size() + j;
      detail::ClassifyDy(Quantity::kGradX, inputs[i], dys[j], gx[i], outx[e], r.events);
      if (ops.backward_y && !std::isnan(y[i]))
        detail::ClassifyDy(Quantity::kGradY, Probe<T>{y[i], "f(" + inputs[i].label + ")"}, dys[j],
                           gy[i], outy[e], r.events);
    }
  }
  for (const Event& e : r.events) r.observed |= e.quirk;
  return r;
}

}  // namespace actbench::special
