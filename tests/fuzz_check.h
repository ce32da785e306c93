// The kernel fuzzer's checks, shared by the time-boxed GoogleTest (test_fuzz.cc, run by
// scripts/test) and the libFuzzer binary (fuzz_main.cc, ACTBENCH_FUZZ=ON with clang). No gtest
// assertions: a case goes in, messages describing every failed check come out.
//
// A case is one call of one entry point (forward, backward_x, backward_y) of one kernel on n
// elements, each buffer at its own misaligned offset, out of place or in place on either input.
// The checks are those random sizes, offsets, bit patterns and dy values add to the contract
// and special-value tests (test_contract.cc, test_specials.cc), which run fixed inputs:
//   - no write outside [0, n) (canary-filled guard zones), inputs untouched;
//   - position independence: every element, bit for bit, as the same kernel computes it in a
//     second slicing of the same inputs (random chunk lengths and order, other alignments);
//     for a kernel that declares position-dependent, in place and out of place agree;
//   - on a sample of the elements, the special-value rules of special_values.h (range, NaN in
//     -> NaN out, signs, limits, flushing: a misbehaviour the kernel does not declare as a
//     quirk fails), with dy = 1 as there; on the plain finite inputs that random inputs add,
//     a wrong sign or a value past an attained minimum that the kernel's accuracy claim allows
//     is declared by that claim (CaseChecker::Explained);
//   - the activation's symmetry (descriptor) within what the kernel's claim allows: if f(m) and
//     f(-m) are both within c ULP of the truth, f(m) + f(-m) (odd) or f(m) + f(-m) - 1
//     (complement) or f(m) - f(-m) - m (x-difference) is within c ULP(f(m)) + c ULP(f(-m));
//     the same for the derivatives (even, or f'(m) + f'(-m) = 1);
//   - random dy values (and dy = +-0) through the special-value rules for dy (ClassifyDy: NaN
//     and inf dy, zero dy, flushing, sign), and what they leave out: dx = dy * g is odd in dy
//     and scales exactly with a power-of-two dy (results far from underflow and overflow),
//     which the accuracy sweep (dy = 1) cannot see either.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <new>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#include "accuracy/ulp.h"
#include "guarded_buffers.h"
#include "kernel_params.h"
#include "special_values.h"
#include "util/splitmix64.h"

namespace actbench::fuzz {

using tests::Bits;
using tests::BitsOf;
using tests::SameResult;
using tests::Show;

enum class Direction : std::uint8_t { kForward, kBackwardX, kBackwardY };

inline std::string_view Name(Direction d) {
  switch (d) {
    case Direction::kForward: return "forward";
    case Direction::kBackwardX: return "backward_x";
    case Direction::kBackwardY: return "backward_y";
  }
  return "?";
}

// The entry points a kernel has, in a fixed order.
inline std::vector<Direction> DirectionsOf(const Kernel& k) {
  std::vector<Direction> d = {Direction::kForward, Direction::kBackwardX};
  if (k.has_backward_y()) d.push_back(Direction::kBackwardY);
  return d;
}

// Where the output goes: its own buffer, or over the first input (y == x, dx == v), or over dy.
enum class Placement : std::uint8_t { kOutOfPlace, kOverV, kOverDy };

inline std::string_view Name(Placement p) {
  switch (p) {
    case Placement::kOutOfPlace: return "out-of-place";
    case Placement::kOverV: return "in-place over v";
    case Placement::kOverDy: return "in-place over dy";
  }
  return "?";
}

using tests::guarded::kLanes;

// How the case is laid out; the inputs come apart (Inputs).
struct Layout {
  Direction dir = Direction::kForward;
  std::size_t n = 0;
  std::size_t off_v = 0, off_dy = 0, off_out = 0;  // elements past a 64-byte boundary
  Placement placement = Placement::kOutOfPlace;
  std::uint64_t slicing = 0;  // seed of the second slicing and of the property sample
};

template <class T>
struct Inputs {
  std::vector<T> v;   // x (forward, backward_x) or y (backward_y); n elements
  std::vector<T> dy;  // backward: n elements
  // backward_y: when not empty, v[i] is the kernel's own forward(x[i]), so the special-value
  // rules and the symmetry can judge grad_y against f'(x[i]).
  std::vector<T> x;
};

// "seed 7 case 12: n=37 v@3 dy@0 out@5 out-of-place" and how to run that case again.
inline std::string DescribeLayout(const Layout& c) {
  return std::string(Name(c.dir)) + " n=" + std::to_string(c.n) + " offsets v@" +
         std::to_string(c.off_v) + " dy@" + std::to_string(c.off_dy) + " out@" +
         std::to_string(c.off_out) + " " + std::string(Name(c.placement)) + " slicing=" +
         std::to_string(c.slicing);
}

namespace detail {

using tests::guarded::GuardedInput;
using tests::guarded::GuardedOutput;

template <class T>
T Negate(T v) {
  return -v;  // the 16-bit types flip the sign bit, as float and double do
}

template <class T>
long double AsLong(T v) {
  return AsReal<long double>(v);
}

}  // namespace detail

// Runs and checks one case; the messages of the failed checks go to `failures` (at most a few
// per check, so one broken kernel does not drown the output).
template <class T>
class CaseChecker {
 public:
  CaseChecker(const Kernel& k, const Layout& c, const Inputs<T>& in,
              std::vector<std::string>& failures)
      : k_(k), ops_(k.ops<T>()), c_(c), in_(in), failures_(failures) {}

  void Run() {
    if (c_.n == 0) {
      RunEmpty();
      return;
    }
    std::vector<T> got(c_.n);
    if (!RunMain(got)) return;
    CheckSlicing(got);
    CheckSample();
  }

 private:
  bool Binary() const { return c_.dir != Direction::kForward; }

  void Call(const T* v, const T* dy, T* out, std::size_t n) const {
    switch (c_.dir) {
      case Direction::kForward: ops_.forward(v, out, n); return;
      case Direction::kBackwardX: ops_.backward_x(v, dy, out, n); return;
      case Direction::kBackwardY: ops_.backward_y(v, dy, out, n); return;
    }
  }

  // The kernel on a few elements (out of place, guarded), for the property checks.
  std::vector<T> CallPacked(Direction dir, const std::vector<T>& v, const std::vector<T>& dy) {
    const std::size_t m = v.size();
    detail::GuardedInput<T> gv(v.data(), m, 1), gdy(dy.data(), dy.size(), 2);
    detail::GuardedOutput<T> out(m, 3);
    switch (dir) {
      case Direction::kForward: ops_.forward(gv.data(), out.data(), m); break;
      case Direction::kBackwardX: ops_.backward_x(gv.data(), gdy.data(), out.data(), m); break;
      case Direction::kBackwardY: ops_.backward_y(gv.data(), gdy.data(), out.data(), m); break;
    }
    GuardCheck(out, std::string("packed ") + std::string(Name(dir)) + " call of " +
                        std::to_string(m) + " sampled elements");
    return std::vector<T>(out.data(), out.data() + m);
  }

  void Fail(const std::string& check, const std::string& msg) {
    if (++count_[check] > kPerCheck) return;
    failures_.push_back(std::string(k_.id) + " " + DescribeLayout(c_) + ": [" + check + "] " +
                        msg);
  }

  void GuardCheck(detail::GuardedOutput<T>& out, const std::string& where) {
    const std::string clobbered = out.ClobberedGuard();
    if (!clobbered.empty()) Fail("bounds", where + " wrote outside [0, n): " + clobbered);
  }

  std::string Element(std::size_t i) const {
    std::string s = "element " + std::to_string(i) + ": v " + Show(in_.v[i]);
    if (Binary()) s += ", dy " + Show(in_.dy[i]);
    if (!in_.x.empty()) s += " (v = forward(x), x " + Show(in_.x[i]) + ")";
    return s;
  }

  // n = 0: nothing may be written, even with every pointer valid.
  void RunEmpty() {
    const T one = T(1);
    detail::GuardedInput<T> v(&one, 1, c_.off_v), dy(&one, 1, c_.off_dy);
    detail::GuardedOutput<T> out(0, c_.off_out);
    Call(v.data(), dy.data(), out.data(), 0);
    GuardCheck(out, "n=0");
  }

  // The case as laid out; false when its result cannot be trusted for further checks.
  bool RunMain(std::vector<T>& got) {
    const std::size_t n = c_.n;
    detail::GuardedInput<T> v(in_.v.data(), n, c_.off_v);
    detail::GuardedInput<T> dy(Binary() ? in_.dy.data() : in_.v.data(), n, c_.off_dy);
    detail::GuardedOutput<T> out(n, c_.placement == Placement::kOverV    ? c_.off_v
                                    : c_.placement == Placement::kOverDy ? c_.off_dy
                                                                         : c_.off_out);
    const T* pv = v.data();
    const T* pdy = Binary() ? dy.data() : nullptr;
    if (c_.placement == Placement::kOverV) {
      out.Fill(in_.v.data());
      pv = out.data();
    } else if (c_.placement == Placement::kOverDy) {
      out.Fill(in_.dy.data());
      pdy = out.data();
    }
    Call(pv, pdy, out.data(), n);
    got.assign(out.data(), out.data() + n);
    const std::size_t failed = failures_.size();
    GuardCheck(out, "the call");
    if (!v.Unchanged(in_.v.data()) || (Binary() && !dy.Unchanged(in_.dy.data())))
      Fail("inputs", "an input buffer was modified (it is not the output)");
    return failures_.size() == failed;
  }

  // The same inputs in chunks of random lengths, called in random order (a store past a
  // chunk's end lands on a finished chunk and shows), from buffers at other alignments.
  void CheckSlicing(const std::vector<T>& got) {
    if (Declared() & kPositionDependent) {
      CheckSameWindow(got);
      return;
    }
    const std::size_t n = c_.n;
    SplitMix64 rng{c_.slicing};
    std::vector<std::pair<std::size_t, std::size_t>> chunks;  // (start, length)
    for (std::size_t start = 0; start < n;) {
      std::size_t len;
      switch (rng.Below(4)) {
        case 0: len = 1; break;
        case 1: len = 1 + rng.Below(2 * kLanes<T> + 3); break;
        case 2: len = kLanes<T> * (1 + rng.Below(4)) + rng.Below(3); break;
        default: len = 1 + rng.Below(n); break;
      }
      len = std::min(len, n - start);
      chunks.push_back({start, len});
      start += len;
    }
    for (std::size_t i = chunks.size(); i > 1; --i) std::swap(chunks[i - 1], chunks[rng.Below(i)]);
    detail::GuardedInput<T> v(in_.v.data(), n, (c_.off_v + 1 + rng.Below(kLanes<T>)) % kLanes<T>);
    detail::GuardedInput<T> dy(Binary() ? in_.dy.data() : in_.v.data(), n,
                               (c_.off_dy + 1 + rng.Below(kLanes<T>)) % kLanes<T>);
    detail::GuardedOutput<T> out(n, (c_.off_out + 1 + rng.Below(kLanes<T>)) % kLanes<T>);
    for (const auto& [start, len] : chunks)
      Call(v.data() + start, Binary() ? dy.data() + start : nullptr, out.data() + start, len);
    GuardCheck(out, "the second slicing");
    const T* ref = out.data();
    for (std::size_t i = 0; i < n; ++i) {
      if (SameResult(got[i], ref[i])) continue;
      std::size_t cs = 0, cl = 0;
      for (const auto& [start, len] : chunks)
        if (i >= start && i < start + len) cs = start, cl = len;
      // The element alone arbitrates between the two.
      const std::vector<T> one_v = {in_.v[i]};
      const std::vector<T> one_dy = {Binary() ? in_.dy[i] : T(0)};
      const T alone = CallPacked(c_.dir, one_v, one_dy)[0];
      Fail("position", Element(i) + ": got " + Show(got[i]) + " in this call, " + Show(ref[i]) +
                           " in a chunk [" + std::to_string(cs) + ", " +
                           std::to_string(cs + cl) + "), " + Show(alone) + " alone (n=1)");
      return;  // one mismatch locates the problem
    }
  }

  // A kernel that declares position-dependent (as test_contract.cc holds it): the same window
  // in place where the case was out of place, or the reverse, gives the same bits.
  void CheckSameWindow(const std::vector<T>& got) {
    const std::size_t n = c_.n;
    const bool case_in_place = c_.placement != Placement::kOutOfPlace;
    detail::GuardedInput<T> v(in_.v.data(), n, c_.off_v);
    detail::GuardedInput<T> dy(Binary() ? in_.dy.data() : in_.v.data(), n, c_.off_dy);
    detail::GuardedOutput<T> out(n, case_in_place ? c_.off_out : c_.off_v);
    const T* pv = v.data();
    if (!case_in_place) {
      out.Fill(in_.v.data());
      pv = out.data();
    }
    Call(pv, Binary() ? dy.data() : nullptr, out.data(), n);
    const std::string how = case_in_place ? "out of place" : "in place over v";
    GuardCheck(out, "the same window " + how);
    for (std::size_t i = 0; i < n; ++i) {
      if (SameResult(got[i], out.data()[i])) continue;
      Fail("position", Element(i) + ": got " + Show(got[i]) + " in this call, " +
                           Show(out.data()[i]) + " in the same window " + how +
                           " (the kernel declares position-dependent)");
      return;
    }
  }

  // Sampled elements: special-value rules, symmetry, dy.
  void CheckSample() {
    const std::size_t n = c_.n;
    std::vector<std::size_t> idx;
    if (n <= kSample) {
      idx.resize(n);
      std::iota(idx.begin(), idx.end(), std::size_t{0});
    } else {
      SplitMix64 rng{c_.slicing ^ 0x5851f42d4c957f2dull};
      idx = {0, n - 1};
      while (idx.size() < kSample) idx.push_back(rng.Below(n));
    }
    const std::size_t m = idx.size();
    std::vector<T> v(m), dy(m, T(1)), ones(m, T(1));
    for (std::size_t j = 0; j < m; ++j) {
      v[j] = in_.v[idx[j]];
      if (Binary()) dy[j] = in_.dy[idx[j]];
    }
    // The quantity at dy = 1 on the sample, as special_values.h defines it. Every property
    // compares calls of the same length and layout, so that a position-dependent kernel is
    // judged on one position.
    const special::Quantity q = c_.dir == Direction::kForward     ? special::Quantity::kValue
                                : c_.dir == Direction::kBackwardX ? special::Quantity::kGradX
                                                                  : special::Quantity::kGradY;
    const std::vector<T> at_one = CallPacked(c_.dir, v, ones);
    const bool judged = c_.dir != Direction::kBackwardY || !in_.x.empty();
    if (judged) {
      std::vector<T> x(m);
      for (std::size_t j = 0; j < m; ++j) x[j] = in_.x.empty() ? v[j] : in_.x[idx[j]];
      for (std::size_t j = 0; j < m; ++j) Classify(q, idx[j], x[j], v[j], at_one[j]);
      CheckSymmetry(q, idx, x, at_one);
    }
    if (Binary()) CheckDy(q, idx, v, dy, at_one);
  }

  // special::Classify on one element; its events are failures unless the kernel declares them
  // (a quirk, or for a plain finite input its accuracy claim: see Explained).
  void Classify(special::Quantity q, std::size_t i, T x, T y, T out) {
    std::vector<special::Event> events;
    special::Classify(k_.activation, q, special::Probe<T>{x, "fuzzed"}, y, out, events);
    for (const special::Event& e : events) {
      if (e.quirk != 0 && (Declared() & e.quirk)) continue;
      if (Explained(q, x, out, e.quirk)) continue;
      Fail("special", Element(i) + ": " + e.message +
                          (e.quirk ? " (undeclared quirk " + QuirkNames(e.quirk) + ")"
                                   : " (no quirk covers this)") +
                          ClaimNote(q, x, out));
    }
  }

  double ClaimOf(special::Quantity q) const {
    return q == special::Quantity::kValue   ? k_.claim.value
           : q == special::Quantity::kGradX ? k_.claim.grad_x
                                            : k_.claim.grad_y;
  }

  // The exact result a claim is judged against (grad_y: f'(x), end to end), or NaN when the
  // claim says nothing there: an input that is not finite, is zero (the special values'
  // territory), or whose exact result is not a normal number.
  long double ClaimedExact(special::Quantity q, T x) const {
    using L = long double;
    const L lx = detail::AsLong(x), nan = std::numeric_limits<L>::quiet_NaN();
    if (!std::isfinite(lx) || lx == 0) return nan;
    const L e = q == special::Quantity::kValue ? ref::Value<L>(k_.activation, lx)
                                               : ref::GradX<L>(k_.activation, lx);
    const bool normal =
        std::isfinite(e) && std::fabs(e) >= detail::AsLong(std::numeric_limits<T>::min()) &&
        std::fabs(e) <= detail::AsLong(std::numeric_limits<T>::max());
    return normal ? e : nan;
  }

  // The probes never meet a plain finite input that the claim covers; random inputs do. There
  // a wrong sign is a large error, and a kernel whose claim allows that error declares it.
  // The range is judged as the sweep judges it (accuracy/score.h), against the bounds rounded
  // to T: a correctly rounded result of a value in [lo, hi] lies in [RN(lo), RN(hi)]. A bound
  // that f attains where f' vanishes (the minimum of GELU, SiLU, Mish, hardswish) a kernel may
  // pass by its claimed error; a bound f only approaches (sigmoid's 1, softplus's 0) it may not.
  bool Explained(special::Quantity q, T x, T out, std::uint32_t quirk) const {
    using L = long double;
    if (quirk != 0 && quirk != kOutOfRange) return false;
    const L lo = detail::AsLong(out);
    if (!std::isfinite(lo)) return false;
    if (quirk == kOutOfRange) {
      const ref::Range r = ref::ValueRange(k_.activation);
      const L rlo = detail::AsLong(static_cast<T>(r.lo)), rhi = detail::AsLong(static_cast<T>(r.hi));
      if (lo >= rlo && lo <= rhi) return true;
      if (!AttainedAtGradZero(lo < rlo ? r.lo : r.hi)) return false;
    }
    const L e = ClaimedExact(q, x);
    return !std::isnan(e) && UlpError<T>(out, e) <= ClaimOf(q);
  }

  bool AttainedAtGradZero(double bound) const {
    for (double z : Info(k_.activation).grad_zeros) {
      const long double v = ref::Value<long double>(k_.activation, z);
      if (std::fabs(v - bound) <= 1e-6L * std::max(1.0L, std::fabs(static_cast<long double>(bound))))
        return true;
    }
    return false;
  }

  // The error against the claim, for a failure message.
  std::string ClaimNote(special::Quantity q, T x, T out) const {
    const long double e = ClaimedExact(q, x);
    if (std::isnan(e)) return "";
    char buf[96];
    std::snprintf(buf, sizeof buf, "; %.3g ULP from the exact value, claim %g",
                  UlpError<T>(out, e), ClaimOf(q));
    return buf;
  }

  // The descriptor's symmetry relation between the results at m = |x| and -m, within the
  // kernel's claim (dy = 1).
  void CheckSymmetry(special::Quantity q, const std::vector<std::size_t>& idx,
                     const std::vector<T>& x, const std::vector<T>& at_x) {
    const Symmetry sym = ref::SymmetryOf(k_.activation);
    const double claim = ClaimOf(q);
    if (sym == Symmetry::kNone || !std::isfinite(claim)) return;
    const std::size_t m = x.size();
    std::vector<T> neg(m), ones(m, T(1));
    for (std::size_t j = 0; j < m; ++j) neg[j] = detail::Negate(x[j]);
    std::vector<T> at_neg;
    switch (q) {
      case special::Quantity::kValue: at_neg = CallPacked(Direction::kForward, neg, ones); break;
      case special::Quantity::kGradX:
        at_neg = CallPacked(Direction::kBackwardX, neg, ones);
        break;
      case special::Quantity::kGradY:
        at_neg = CallPacked(Direction::kBackwardY, CallPacked(Direction::kForward, neg, ones),
                            ones);
        break;
    }
    const bool gradient = q != special::Quantity::kValue;
    // (p - shift) + sign q - xcoef m, as the sweep's symmetry score (accuracy/score.h).
    const double shift = sym == Symmetry::kComplement && !gradient   ? 1
                         : sym == Symmetry::kXDifference && gradient ? 1
                                                                     : 0;
    const double sign = gradient && sym != Symmetry::kXDifference   ? -1
                        : !gradient && sym == Symmetry::kXDifference ? -1
                                                                     : 1;
    const double xcoef = !gradient && sym == Symmetry::kXDifference ? 1 : 0;
    using L = long double;
    const L min_normal = detail::AsLong(std::numeric_limits<T>::min());
    const L max_finite = detail::AsLong(std::numeric_limits<T>::max());
    for (std::size_t j = 0; j < m; ++j) {
      const L xj = detail::AsLong(x[j]);
      if (!std::isfinite(xj) || xj == 0) continue;
      // Results at +m (p) and -m (q).
      const bool pos = xj > 0;
      const T p = pos ? at_x[j] : at_neg[j], r = pos ? at_neg[j] : at_x[j];
      const L mag = std::fabs(xj);
      auto exact = [&](L at) {
        return gradient ? ref::GradX<L>(k_.activation, at) : ref::Value<L>(k_.activation, at);
      };
      const L ep = exact(mag), en = exact(-mag);
      // The claim covers results whose exact value is normal (or zero) and finite.
      auto covered = [&](L e) {
        return std::isfinite(e) && (e == 0 || (std::fabs(e) >= min_normal && std::fabs(e) <= max_finite));
      };
      if (!covered(ep) || !covered(en)) continue;
      const L lp = detail::AsLong(p), lr = detail::AsLong(r);
      if (!std::isfinite(lp) || !std::isfinite(lr)) continue;  // the special-value rules judge
      const L dev = std::fabs((lp - L(shift)) + L(sign) * lr - L(xcoef) * mag);
      const L bound = L(claim) * (std::ldexp(L(1), UlpExponent<T>(ep)) +
                                  std::ldexp(L(1), UlpExponent<T>(en)));
      // Slack for the rounding of dev itself (long double) and of the claim's margin.
      const L slack = (std::fabs(lp) + std::fabs(lr) + mag + 1) *
                      std::ldexp(L(1), 2 - std::numeric_limits<L>::digits);
      if (dev <= bound * L(1.0001) + slack) continue;
      char buf[160];
      std::snprintf(buf, sizeof buf,
                    "deviation %.3Lg exceeds %.3Lg = claim %g x (ULP(f(m)) + ULP(f(-m))); "
                    "errors %.3g and %.3g ULP",
                    dev, bound, claim, UlpError<T>(p, ep), UlpError<T>(r, en));
      Fail("symmetry", Element(idx[j]) + ": " + std::string(special::Name(q)) + " at m = " +
                           Show(pos ? x[j] : neg[j]) + " is " + Show(p) + ", at -m " + Show(r) +
                           " (" + std::string(actbench::Name(sym)) + "): " + buf);
    }
  }

  // The random dy values through special_values.h's rules for dy (ClassifyDy: NaN and inf
  // dy, zero dy, flushing, sign against dy * g), dy = +-0 always among them; and what those
  // rules leave out: dx = dy g(v) is odd in dy and scales exactly with a power-of-two dy.
  void CheckDy(special::Quantity q, const std::vector<std::size_t>& idx,
               const std::vector<T>& v, const std::vector<T>& dy, const std::vector<T>& at_one) {
    const std::size_t m = v.size();
    using L = long double;
    using C = typename DTypeTraits<T>::Compute;
    const L min_normal = detail::AsLong(std::numeric_limits<T>::min());
    const L max_finite = detail::AsLong(std::numeric_limits<T>::max());
    // Far enough above the compute type's underflow that no intermediate of dy g rounds as a
    // subnormal (a subnormal intermediate does not scale exactly).
    const L floor = std::max(2 * min_normal, std::ldexp(L(std::numeric_limits<C>::min()), 40));
    std::vector<T> neg(m), scaled(m), zero(m);
    std::vector<L> factor(m);
    for (std::size_t j = 0; j < m; ++j) {
      neg[j] = detail::Negate(dy[j]);
      const L d = detail::AsLong(dy[j]);
      factor[j] = std::fabs(d) >= 1 ? L(0.5) : L(2);
      scaled[j] = static_cast<T>(d * factor[j]);
      zero[j] = j % 2 ? detail::Negate(T(0)) : T(0);
    }
    const std::vector<T> base = CallPacked(c_.dir, v, dy);
    const std::vector<T> at_neg = CallPacked(c_.dir, v, neg);
    const std::vector<T> at_scaled = CallPacked(c_.dir, v, scaled);
    const std::vector<T> at_zero = CallPacked(c_.dir, v, zero);
    for (std::size_t j = 0; j < m; ++j) {
      std::vector<special::Event> events;
      const special::Probe<T> input{v[j], "fuzzed"};
      special::detail::ClassifyDy(q, input, special::Probe<T>{dy[j], "fuzzed"}, at_one[j],
                                  base[j], events);
      special::detail::ClassifyDy(q, input, special::Probe<T>{zero[j], Show(zero[j])},
                                  at_one[j], at_zero[j], events);
      for (const special::Event& e : events) {
        if (e.quirk != 0 && (Declared() & e.quirk)) continue;
        Fail("dy", Element(idx[j]) + ": " + e.message +
                       (e.quirk ? " (undeclared quirk " + QuirkNames(e.quirk) + ")"
                                : " (no quirk covers this)"));
      }
      const T b = base[j];
      const std::string where = Element(idx[j]) + ": dx " + Show(b);
      const bool odd = (std::isnan(b) && std::isnan(at_neg[j])) ||
                       (b == T(0) && at_neg[j] == T(0)) ||
                       Bits(at_neg[j]) == Bits(detail::Negate(b));
      if (!odd)
        Fail("dy", where + ", but with dy " + Show(neg[j]) + " " + Show(at_neg[j]) +
                       " (dx is odd in dy)");
      const L d = detail::AsLong(dy[j]), ds = d * factor[j], lb = detail::AsLong(b);
      const bool normal_dy = std::fabs(d) >= min_normal && std::fabs(ds) >= min_normal &&
                             std::fabs(d) <= max_finite && std::fabs(ds) <= max_finite;
      const bool normal_dx = std::isfinite(lb) && std::fabs(lb) >= floor &&
                             std::fabs(lb * factor[j]) >= floor &&
                             std::fabs(lb * factor[j]) <= max_finite / 4;
      if (normal_dy && normal_dx && detail::AsLong(at_scaled[j]) != lb * factor[j])
        Fail("dy", where + ", but with dy " + Show(scaled[j]) + " " + Show(at_scaled[j]) +
                       " (a power-of-two dy scales dx exactly)");
    }
  }

  std::uint32_t Declared() const { return k_.quirks; }

  static constexpr std::size_t kSample = 16;
  static constexpr int kPerCheck = 3;

  const Kernel& k_;
  const Ops<T> ops_;
  const Layout& c_;
  const Inputs<T>& in_;
  std::vector<std::string>& failures_;
  std::map<std::string, int> count_;
};

// Runs one case (the kernel's ISA must be supported) and appends its failures.
template <class T>
void CheckCase(const Kernel& k, const Layout& c, const Inputs<T>& in,
               std::vector<std::string>& failures) {
  CaseChecker<T>(k, c, in, failures).Run();
}

}  // namespace actbench::fuzz
