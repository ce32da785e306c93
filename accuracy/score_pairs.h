// The first scorer of the float32 sweep, ScorePairsF32 (score.h), written once over eight
// lanes of GCC vector types and compiled once per vector target (score_avx512.cc,
// score_avx2.cc, score.cc): one AVX-512 register, two AVX2 or four SSE registers hold the same
// eight lanes and give the same lane-by-lane results, so the sums, counts and maxima have the
// same bits on every machine. Each including file gets its own copy (internal linkage), built
// with its own flags; -ffp-contract=off keeps every product rounded as the scalar code rounds it.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "accuracy/score.h"

namespace actbench::acc::detail {
namespace {

constexpr std::size_t kLanes = 8;
using F8 = float __attribute__((vector_size(32)));
using D8 = double __attribute__((vector_size(64)));
using M8 = std::int64_t __attribute__((vector_size(64)));

template <class V, class E>
[[gnu::always_inline]] inline V Load(const E* p) {
  V v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
[[gnu::always_inline]] inline D8 Splat(double v) { return D8{} + v; }
[[gnu::always_inline]] inline D8 Abs(D8 v) { return (D8)((M8)v & 0x7fffffffffffffffll); }
[[gnu::always_inline]] inline D8 Max(D8 a, D8 b) { return a > b ? a : b; }
[[gnu::always_inline]] inline D8 Widen(F8 v) { return __builtin_convertvector(v, D8); }

// InvUlpF32 on eight lanes (the same bit operations).
[[gnu::always_inline]] inline D8 InvUlp(D8 r) {
  const D8 binade = (D8)((M8)r & 0x7ff0000000000000ll);
  const D8 p = Max(binade, Splat(0x1p-126));
  return (D8)(0x7fe0000000000000ll - (M8)p) * 0x1p23;
}

// What the first pass keeps per lane: the ULP sum, the counts (as doubles: exact far beyond a
// chunk) and the maxima, which only tell whether the chunk may beat a running maximum (the
// second pass finds the maxima and their inputs).
struct Lanes {
  D8 sum{}, err = Splat(-1), normal = Splat(-1), abs = Splat(-1), rel = Splat(-1),
     sym = Splat(-1), cr{}, flushed{};
};

// The lanes that count (1) and those that do not (0).
struct Valid {
  D8 one;
};

// Eight results at y[i].
// x where the lane counts, else `fill` (every lane counts outside the tail).
template <bool kTail>
[[gnu::always_inline]] inline D8 Keep(const Valid& v, D8 x, D8 fill) {
  if constexpr (kTail) return v.one > 0 ? x : fill;
  return x;
}

template <bool kTail>
[[gnu::always_inline]] inline void Score(const float* y, const RefChunkF32& ref, std::size_t i, const Valid& v,
                  Lanes& l) {
  constexpr double kMin = std::numeric_limits<float>::min();
  constexpr double kDenormMin = std::numeric_limits<float>::denorm_min();
  const D8 zero{}, none = Splat(-1);
  const D8 r = Load<D8>(ref.r + i), yd = Widen(Load<F8>(y + i));
  const D8 ar = Abs(r), d = Abs(yd - r);
  const D8 err = d * Load<D8>(ref.inv_ulp + i);
  // Within 2^-52 (relative) of d / |r|: enough for the test; the second pass divides.
  const D8 rel = d == 0 ? zero : d * Load<D8>(ref.inv_abs + i);
  const D8 in = Keep<kTail>(v, err, none);
  l.err = Max(l.err, in);
  l.normal = Max(l.normal, ar >= kMin ? in : (r == 0 ? in : none));  // normal or zero exact
  l.abs = Max(l.abs, Keep<kTail>(v, d, none));
  l.rel = Max(l.rel, Keep<kTail>(v, rel, none));
  l.sum += Keep<kTail>(v, err, zero);
  l.cr += err <= 0.5 ? v.one : zero;
  // Flushed: 0 where the exact result is subnormal and at least the smallest subnormal.
  const D8 tiny = ar < kMin ? (ar >= kDenormMin ? v.one : zero) : zero;
  l.flushed += yd == 0 ? tiny : zero;
}

// Eight pairs at k: both results, and their symmetry (SymmetryUlpsF32) when `sym` is given.
// The two sides have lanes of their own: shorter chains of dependent additions and maxima.
template <bool kTail>
[[gnu::always_inline]] inline void Pairs(const float* mags, const float* y,
                                         const RefChunkF32& ref, std::size_t c,
                                         const SymmetryForm* sym, std::size_t k, const Valid& v,
                                         Lanes& l, Lanes& neg) {
  Score<kTail>(y, ref, k, v, l);
  Score<kTail>(y, ref, c + k, v, neg);
  if (sym != nullptr) {
    const D8 p = Widen(Load<F8>(y + k)), q = Widen(Load<F8>(y + c + k));
    const D8 dev = (p - sym->shift) + sym->sign * q - sym->xcoef * Widen(Load<F8>(mags + k));
    const D8 u = Abs(dev) * InvUlp(Max(Abs(p), Abs(q)));
    l.sym = Max(l.sym, Keep<kTail>(v, u, Splat(-1)));
  }
}

[[gnu::always_inline]] inline double Largest(D8 v) {
  double m = v[0];
  for (std::size_t j = 1; j < kLanes; ++j) m = v[j] > m ? v[j] : m;
  return m;
}

// ScorePairsF32 (score.h).
bool ScorePairs(const float* x, const float* mags, const float* y, const RefChunkF32& ref,
                std::size_t c, const SymmetryForm* sym, std::uint64_t key0, Acc& a,
                double& sum) {
  Lanes l, neg;
  const Valid all{Splat(1)};
  const std::size_t body = c - c % kLanes;
  for (std::size_t k = 0; k < body; k += kLanes) Pairs<false>(mags, y, ref, c, sym, k, all, l, neg);
  if (body < c) {
    // The last pairs, from copies padded with zeros to eight lanes.
    const std::size_t t = c - body;
    float ty[2 * kLanes] = {}, tm[kLanes] = {};
    double tr[2 * kLanes] = {}, tu[2 * kLanes] = {}, ta[2 * kLanes] = {};
    Valid some{D8{}};
    for (std::size_t j = 0; j < t; ++j) {
      tm[j] = mags[body + j];
      some.one[j] = 1;
      for (std::size_t h = 0; h < 2; ++h) {
        const std::size_t from = h * c + body + j, to = h * kLanes + j;
        ty[to] = y[from], tr[to] = ref.r[from], tu[to] = ref.inv_ulp[from];
        ta[to] = ref.inv_abs[from];
      }
    }
    Pairs<true>(tm, ty, RefChunkF32{tr, tu, ta}, kLanes, sym, 0, some, l, neg);
  }
  // The negative side into the positive one, lane by lane.
  l.sum += neg.sum, l.cr += neg.cr, l.flushed += neg.flushed;
  l.err = Max(l.err, neg.err), l.normal = Max(l.normal, neg.normal);
  l.abs = Max(l.abs, neg.abs), l.rel = Max(l.rel, neg.rel);
  double cr = 0, flushed = 0, s = 0;
  for (std::size_t j = 0; j < kLanes; ++j) cr += l.cr[j], flushed += l.flushed[j], s += l.sum[j];
  // Every result is finite exactly when the sum is: for finite y and r, the error is below
  // 2^300 (|y - r| < 2^129, 1/ulp(r) <= 2^172), and a NaN or an infinity carries into the sum.
  if (!std::isfinite(s)) return false;
  sum = s;
  a.points += 2 * c, a.numbers += 2 * c;
  a.correctly_rounded += static_cast<std::uint64_t>(cr);
  a.flushed += static_cast<std::uint64_t>(flushed);
  // Inputs of new maxima: a second pass over this chunk, only when it beats a running
  // maximum. The first pass's relative errors are approximate: when they come within their
  // margin of the running maximum (a chunk of results like those before it gives the same
  // maximum), the exact one decides.
  constexpr double kMin = std::numeric_limits<float>::min();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const std::size_t n = 2 * c;
  bool rel_beats = false;
  if (Largest(l.rel) * (1 + 0x1p-50) > a.rel.v) {
    double m = -1;
    for (std::size_t i = 0; i < n; ++i) {
      const double ar = std::fabs(ref.r[i]);
      const double d = std::fabs(static_cast<double>(y[i]) - ref.r[i]);
      const double rel = d == 0 ? 0.0 : ar == 0 ? kInf : d / ar;
      m = rel > m ? rel : m;
    }
    rel_beats = m > a.rel.v;
  }
  if (Largest(l.err) > a.ulp.v || Largest(l.normal) > a.ulp_normal.v ||
      Largest(l.abs) > a.abs.v || rel_beats) {
    for (std::size_t i = 0; i < n; ++i) {
      const double ri = ref.r[i], ar = std::fabs(ri);
      const double d = std::fabs(static_cast<double>(y[i]) - ri);
      const double err = d * ref.inv_ulp[i];
      const double xd = static_cast<double>(x[i]);
      a.ulp.Update(err, xd, key0 + i);
      if (ri == 0 || ar >= kMin) a.ulp_normal.Update(err, xd, key0 + i);
      a.abs.Update(d, xd, key0 + i);
      a.rel.Update(d == 0 ? 0.0 : ar == 0 ? kInf : d / ar, xd, key0 + i);
    }
  }
  if (sym != nullptr && Largest(l.sym) > a.symmetry.v)
    for (std::size_t k = 0; k < c; ++k)
      a.symmetry.Update(SymmetryUlpsF32(*sym, mags[k], y[k], y[c + k]),
                        static_cast<double>(mags[k]), key0 + k);
  return true;
}

}  // namespace
}  // namespace actbench::acc::detail
