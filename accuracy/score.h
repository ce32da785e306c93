// How the sweep scores results (accuracy/sweep.cc runs it): per element type, the reference
// tier and the bit helpers; accumulators (maxima with the input where they occur, failure
// counts) that merge across threads independently of the thread count; and the scoring of
// values and gradients against the reference, symmetry, range and monotonicity.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>

#include "accuracy/activation.h"
#include "accuracy/gold.h"
#include "accuracy/sweep.h"
#include "accuracy/ulp.h"
#include "util/splitmix64.h"

namespace actbench::acc::detail {

// The sweep's choices per element type, on top of its dtype traits: Ref, the reference tier
// it scores against, and Wide, where sums and differences of two results (symmetry) are exact
// or nearly.
template <class T>
struct SweepTier;
template <>
struct SweepTier<float> {
  using Ref = double;  // the fast tier; tests/test_reference.cc bounds its error
  using Wide = double;
};
template <>
struct SweepTier<double> {
  using Ref = Gold;
  using Wide = long double;
};
// 16-bit dtypes: 65,536 inputs, few enough for the gold tier itself; sums of two results are
// exact in double.
template <class H>
  requires kIsHalf16<H>
struct SweepTier<H> {
  using Ref = Gold;
  using Wide = double;
};

template <class T>
struct Traits : SweepTier<T> {
  using UInt = typename DTypeTraits<T>::Bits;
  static constexpr int kMantissaBits = DTypeTraits<T>::kP - 1;
  static constexpr UInt kMaxBiasedExponent =
      (UInt{1} << (DTypeTraits<T>::kBits - DTypeTraits<T>::kP)) - 1;
};

template <class T>
T FromBits(typename Traits<T>::UInt b) {
  return std::bit_cast<T>(b);
}
template <class T>
typename Traits<T>::UInt ToBits(T x) {
  return std::bit_cast<typename Traits<T>::UInt>(x);
}

// A seed names the same sample everywhere.
using Rng = SplitMix64;

// ---- accumulation: MaxAt, Failures, Acc (accuracy/accum.h) ----

// Error of one finite-input result against the reference.
struct PointError {
  double ulp, abs, rel;
  bool normal, flushed;
};

inline PointError ErrorOf(float y, double r) {
  const double d = std::fabs(static_cast<double>(y) - r);
  const double ar = std::fabs(r);
  const bool normal = r == 0 || ar >= static_cast<double>(std::numeric_limits<float>::min());
  return {UlpErrorF32(y, r), d, d == 0 ? 0.0 : d / ar, normal,
          y == 0 && !normal && ar >= static_cast<double>(std::numeric_limits<float>::denorm_min())};
}

inline PointError ErrorOf(double y, const Gold& r) {
  PointError e{UlpError<double>(y, r), 0, 0, IsNormalResult<double>(r), false};
  if (!std::isfinite(y)) return e;
  const Gold d = abs(Gold(y) - r);
  e.abs = static_cast<double>(d);
  e.rel = d == 0   ? 0.0
          : r == 0 ? std::numeric_limits<double>::infinity()
                   : static_cast<double>(d / abs(r));
  e.flushed = y == 0 && !e.normal && abs(r) >= Gold(std::numeric_limits<double>::denorm_min());
  return e;
}

// A 16-bit result against the gold reference: ULP of the 16-bit format (its p and emin).
template <class H>
  requires kIsHalf16<H>
PointError ErrorOf(H y, const Gold& r) {
  PointError e{UlpError<H>(y, r), 0, 0, IsNormalResult<H>(r), false};
  if (!std::isfinite(y)) return e;
  const Gold d = abs(Gold(static_cast<float>(y)) - r);
  e.abs = static_cast<double>(d);
  e.rel = d == 0   ? 0.0
          : r == 0 ? std::numeric_limits<double>::infinity()
                   : static_cast<double>(d / abs(r));
  e.flushed = static_cast<float>(y) == 0 && !e.normal &&
              abs(r) >= Gold(static_cast<float>(std::numeric_limits<H>::denorm_min()));
  return e;
}

// Whether a 16-bit result that is not correctly rounded is r rounded first to float, then to
// 16 bits: what a perfect float kernel followed by a rounding to 16 bits gives. (No other type
// rounds twice.)
template <class T, class R>
bool DoubleRounded(T y, const R& r) {
  if constexpr (kIsHalf16<T>) {
    const T twice(static_cast<float>(static_cast<double>(r)));
    return twice.bits == y.bits;
  } else {
    (void)y, (void)r;
    return false;
  }
}

// Scores n results of one quantity: error statistics over finite inputs, special values and
// NaN propagation. Returns the sum of ULP errors over results that are numbers.
template <class T, class R>
double ScoreErrors(bool odd_zero, const T* x, const T* y, const R* r, std::size_t n,
                          std::uint64_t key0, Acc& a) {
  constexpr T kMinNormal = std::numeric_limits<T>::min();
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const T xi = x[i], yi = y[i];
    if (!std::isfinite(xi)) {
      if (std::isnan(xi)) {
        ++a.nan_inputs;
        if (!std::isnan(yi)) a.nan_propagation.Add(static_cast<double>(xi), key0 + i);
      } else if (!(AsReal<R>(yi) == r[i])) {  // r is the limit at +-inf
        a.specials.Add(static_cast<double>(xi), key0 + i);
      }
      continue;
    }
    ++a.points;
    const PointError e = ErrorOf(yi, r[i]);
    const double xd = static_cast<double>(xi);
    a.ulp.Update(e.ulp, xd, key0 + i);
    if (e.normal) a.ulp_normal.Update(e.ulp, xd, key0 + i);
    if (e.ulp <= 0.5)
      ++a.correctly_rounded;
    else
      a.double_rounded += DoubleRounded(yi, r[i]);
    if (std::isfinite(yi)) {
      ++a.numbers;
      sum += e.ulp;
      a.abs.Update(e.abs, xd, key0 + i);
      a.rel.Update(e.rel, xd, key0 + i);
      a.flushed += e.flushed;
    } else if (std::isnan(yi)) {
      ++a.nan_mismatch;
    } else {
      ++a.inf_mismatch;
    }
    if (std::fabs(xi) < kMinNormal) {
      const bool sign_ok = !(odd_zero && xi == 0 && std::signbit(xi) != std::signbit(yi));
      if (!(e.ulp <= 0.5) || !sign_ok) a.specials.Add(xd, key0 + i);
    }
  }
  return sum;
}

// Gradients near a root r of f' (|x - r| <= kNearRootRadius), where the textbook sum of f'
// cancels and a result can be far off in ULP while close in absolute terms: both maxima,
// over finite inputs (a NaN or inf result scores inf ULP and no absolute error).
template <class T, class R>
void ScoreNearRoots(std::span<const double> zeros, const T* x, const T* g, const R* r,
                    std::size_t n, std::uint64_t key0, Acc& a) {
  for (std::size_t i = 0; i < n; ++i) {
    const double xd = static_cast<double>(x[i]);
    bool near = false;
    for (const double z : zeros) near |= std::fabs(xd - z) <= kNearRootRadius;
    if (!near) continue;
    const PointError e = ErrorOf(g[i], r[i]);
    a.root_ulp.Update(e.ulp, xd, key0 + i);
    if (std::isfinite(g[i])) a.root_abs.Update(e.abs, xd, key0 + i);
  }
}

// The symmetry deviation of a pair p = f(m), q = f(-m): (p - shift) + sign q - xcoef m is
// p + q for an odd function (tanh), (p - 1) + q for a complement one (sigmoid), p - q - m for
// f(x) - f(-x) = x; their derivatives: p - q (even) for the first two, (p - 1) + q for the
// third. All exact or rounded once in double for float pairs, in ULP of max(|p|, |q|) as
// ScoreSymmetry measures it.
struct SymmetryForm {
  double shift, sign, xcoef;
};
inline SymmetryForm FormOf(Symmetry kind, bool gradient) {
  switch (kind) {
    case Symmetry::kOdd:
    case Symmetry::kComplement:
      if (gradient) return {0.0, -1.0, 0.0};
      return kind == Symmetry::kOdd ? SymmetryForm{0.0, 1.0, 0.0} : SymmetryForm{1.0, 1.0, 0.0};
    case Symmetry::kXDifference:
      return gradient ? SymmetryForm{1.0, 1.0, 0.0} : SymmetryForm{0.0, -1.0, 1.0};
    case Symmetry::kNone: break;
  }
  return {0.0, 0.0, 0.0};
}
inline double SymmetryUlpsF32(SymmetryForm f, float m, float yp, float yn) {
  const double p = yp, q = yn;
  // (The plain path sees finite inputs only, so xcoef m is 0 when xcoef is.)
  const double dev = (p - f.shift) + f.sign * q - f.xcoef * static_cast<double>(m);
  const double scale = std::max(std::fabs(p), std::fabs(q));
  return std::fabs(dev) * InvUlpF32(scale);
}

// Whether every input is finite with |x| >= FLT_MIN: the first condition of a plain chunk
// (no special-value case can occur), checked once per chunk for every kernel.
inline bool PlainInputs(const float* x, std::size_t n) {
  std::uint32_t bad = 0;
  for (std::size_t i = 0; i < n; ++i)
    bad |= static_cast<std::uint32_t>((std::bit_cast<std::uint32_t>(x[i]) & 0x7fffffffu) -
                                          0x00800000u >=
                                      0x7f000000u);
  return bad == 0;
}

// The reference of a chunk of float results with what scoring needs of it, computed once per
// chunk and shared by every kernel and quantity: r, 1/ulp(r) (InvUlpF32) and 1/|r| (inf for
// r = 0), which bounds the relative error well enough to tell whether a chunk can hold a new
// maximum (the maximum itself is then computed with a division).
struct RefChunkF32 {
  const double* r;
  const double* inv_ulp;
  const double* inv_abs;
};

// One quantity of a chunk of c pairs of float results (y[k] at x = +mags[k], y[c + k] at -mags[k],
// the sweep's layout) with plain inputs: the error figures of ScoreErrors and, when `sym` is
// given, the symmetry of ScoreSymmetry, in one branch-free pass, with the same figures (same
// errors, first input of a maximum) at a fraction of the cost: the exhaustive sweep scores 2^32
// results per kernel and quantity. The ULP errors are summed in eight lanes (element i to lane
// i mod 8, positive side before negative) added up in a fixed order, so the sum has the same
// bits whatever vector width the machine has. Returns false, with `a` and `sum` untouched,
// when a result is not finite: then the general scorers take the chunk.
bool ScorePairsF32(const float* x, const float* mags, const float* y, const RefChunkF32& ref,
                   std::size_t c, const SymmetryForm* sym, std::uint64_t key0, Acc& a,
                   double& sum);
// Its builds per vector target (score_pairs.h), which ScorePairsF32 picks from; the AVX
// ones only on a CPU that has the instructions (AVX-512 F, DQ, VL and BW; AVX2 and FMA).
bool ScorePairsF32_baseline(const float* x, const float* mags, const float* y,
                            const RefChunkF32& ref, std::size_t c, const SymmetryForm* sym,
                            std::uint64_t key0, Acc& a, double& sum);
bool ScorePairsF32_avx2(const float* x, const float* mags, const float* y, const RefChunkF32& ref,
                        std::size_t c, const SymmetryForm* sym, std::uint64_t key0, Acc& a,
                        double& sum);
bool ScorePairsF32_avx512(const float* x, const float* mags, const float* y,
                          const RefChunkF32& ref, std::size_t c, const SymmetryForm* sym,
                          std::uint64_t key0, Acc& a, double& sum);

// Largest SymmetryUlpsF32 over c pairs of finite floats, vectorised.
double MaxSymmetryUlpsF32(SymmetryForm f, const float* mags, const float* yp, const float* yn,
                          std::size_t c);

inline bool AllFinite(const float* v, std::size_t n) {
  std::uint32_t bad = 0;
  for (std::size_t i = 0; i < n; ++i)
    bad |= static_cast<std::uint32_t>((std::bit_cast<std::uint32_t>(v[i]) & 0x7fffffffu) >=
                                      0x7f800000u);
  return bad == 0;
}

// Symmetry between results at +m (yp) and -m (yn), in ULP of the larger of the two (the
// result at +m for sigmoid; either for tanh): a gradient that is 0 on one side and tiny on the
// other is off by its own size, not by 2^100 ULP of zero.
template <class T>
void ScoreSymmetry(Symmetry kind, bool gradient, const T* mags, const T* yp, const T* yn,
                   std::size_t c, std::uint64_t key0, Acc& a) {
  using W = typename Traits<T>::Wide;
  const SymmetryForm form = FormOf(kind, gradient);
  if constexpr (std::is_same_v<T, float>) {
    // Plain chunk: only walk it when it holds a new maximum.
    if (AllFinite(mags, c) && AllFinite(yp, c) && AllFinite(yn, c)) {
      if (MaxSymmetryUlpsF32(form, mags, yp, yn, c) > a.symmetry.v)
        for (std::size_t i = 0; i < c; ++i)
          a.symmetry.Update(SymmetryUlpsF32(form, mags[i], yp[i], yn[i]),
                            static_cast<double>(mags[i]), key0 + i);
      return;
    }
  }
  for (std::size_t k = 0; k < c; ++k) {
    if (std::isnan(mags[k]) || std::isnan(yp[k]) || std::isnan(yn[k])) continue;
    // f(x) - f(-x) = x at x = inf reads inf - 0 - inf: the limits are the special-value
    // test's business.
    if (form.xcoef != 0 && std::isinf(mags[k])) continue;
    const W p = yp[k], q = yn[k];
    W dev = (p - W(form.shift)) + W(form.sign) * q;
    if (form.xcoef != 0) dev -= W(form.xcoef) * W(mags[k]);  // mags[k] may be inf
    double ulps = std::numeric_limits<double>::infinity();
    const W scale = std::max(std::fabs(p), std::fabs(q));
    if (std::isfinite(dev))
      ulps = static_cast<double>(std::ldexp(std::fabs(dev), -UlpExponent<T>(scale)));
    a.symmetry.Update(ulps, static_cast<double>(mags[k]), key0 + k);
  }
}

struct Carry {  // last value along each sign, for monotonicity across calls
  bool pos_valid = false, neg_valid = false;
  double pos = 0, neg = 0;
};

// monotonic_from: the value is checked to be non-decreasing on [monotonic_from, inf) (the
// activation's descriptor; -inf: everywhere, NaN: nowhere).
template <class T>
void ScoreValueShape(const ref::Range& range, double monotonic_from, const T* x, const T* y,
                     std::size_t c, std::uint64_t key0, Carry& carry, Acc& a) {
  // Range: every result that is a number, against the bounds rounded to T: a correctly rounded
  // result of a value within [lo, hi] lies within [RN(lo), RN(hi)] (rounding is monotonic), and
  // may lie outside [lo, hi] (SiLU's minimum -0.27846 is -0.2793 in bf16). Counted branch-free,
  // located only when needed.
  const double lo = static_cast<double>(T(range.lo)), hi = static_cast<double>(T(range.hi));
  std::size_t outside = 0;
  if constexpr (std::is_same_v<T, float>) {  // the same comparisons, in float
    const float lo_f = T(range.lo), hi_f = T(range.hi);
    for (std::size_t k = 0; k < 2 * c; ++k) outside += (y[k] < lo_f) | (y[k] > hi_f);
  } else {
    for (std::size_t k = 0; k < 2 * c; ++k) {
      const double v = static_cast<double>(y[k]);
      outside += (v < lo) | (v > hi);
    }
  }
  if (outside > 0) {
    for (std::size_t k = 0; k < 2 * c; ++k) {
      const double v = static_cast<double>(y[k]);
      if (v < lo || v > hi) a.range.Add(static_cast<double>(x[k]), key0 + k);
    }
  }
  if (std::isnan(monotonic_from)) return;
  // Monotonicity. x[0, c) = +m ascending, x[c, 2c) = -m: f non-decreasing in x means
  // non-increasing in m on the negative side. Fast check (monotonic everywhere): no NaN
  // anywhere and every pair in order (a NaN makes a comparison false, so it also sends the
  // chunk to the careful loop).
  const bool everywhere = monotonic_from == -std::numeric_limits<double>::infinity();
  std::size_t unordered = everywhere ? 0 : 1;
  for (std::size_t k = 1; k < c; ++k) {
    unordered += !(y[k - 1] <= y[k]);
    unordered += !(y[c + k - 1] >= y[c + k]);
  }
  for (std::size_t k = 0; k < c; ++k) unordered += std::isnan(x[k]);
  if (unordered == 0 && c > 0 && !std::isnan(y[0]) && !std::isnan(y[c])) {
    if (carry.pos_valid && static_cast<double>(y[0]) < carry.pos)
      a.monotonic.Add(static_cast<double>(x[0]), key0);
    if (carry.neg_valid && static_cast<double>(y[c]) > carry.neg)
      a.monotonic.Add(static_cast<double>(x[c]), key0 + c);
    carry.pos = static_cast<double>(y[c - 1]), carry.pos_valid = true;
    carry.neg = static_cast<double>(y[2 * c - 1]), carry.neg_valid = true;
    return;
  }
  // Careful loop: skips NaN inputs and results, and inputs below monotonic_from, comparing
  // with the last number seen.
  for (std::size_t k = 0; k < c; ++k) {
    if (std::isnan(x[k])) continue;
    const T p = y[k], n = y[c + k];
    if (!std::isnan(p) && static_cast<double>(x[k]) >= monotonic_from) {
      if (carry.pos_valid && static_cast<double>(p) < carry.pos)
        a.monotonic.Add(static_cast<double>(x[k]), key0 + k);
      carry.pos = static_cast<double>(p), carry.pos_valid = true;
    }
    if (!std::isnan(n) && static_cast<double>(x[c + k]) >= monotonic_from) {
      if (carry.neg_valid && static_cast<double>(n) > carry.neg)
        a.monotonic.Add(static_cast<double>(x[c + k]), key0 + c + k);
      carry.neg = static_cast<double>(n), carry.neg_valid = true;
    }
  }
}

}  // namespace actbench::acc::detail
