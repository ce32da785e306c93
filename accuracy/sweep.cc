// The accuracy sweep engine (see sweep.h): input plans, the shared per-block reference, and
// the per-kernel scoring, spread over threads with results that do not depend on the thread
// count (maxima tie-break on input order; sums are added block by block in order).
#include "accuracy/sweep.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <thread>
#include <type_traits>

#include "accuracy/activation.h"
#include "accuracy/gold.h"
#include "accuracy/ulp.h"
#include "actbench/registry.h"

namespace actbench::acc {

std::string_view Name(Mode m) { return m == Mode::kSample ? "sample" : "exhaustive"; }

std::string_view Name(Quantity q) {
  switch (q) {
    case Quantity::kValue: return "value";
    case Quantity::kGradX: return "grad_x";
    case Quantity::kGradY: return "grad_y";
  }
  return "?";
}

std::string_view Name(Status s) {
  switch (s) {
    case Status::kOk: return "ok";
    case Status::kSkipped: return "skipped";
    case Status::kNoBackwardY: return "no-backward-y";
  }
  return "?";
}

double ClaimFor(const Kernel& k, Quantity q) {
  switch (q) {
    case Quantity::kValue: return k.claim.value;
    case Quantity::kGradX: return k.claim.grad_x;
    case Quantity::kGradY: return k.claim.grad_y;
  }
  return kNoClaim;
}

bool ClaimOk(const KernelResult& r, Quantity q) {
  const QuantityResult& m = r[q];
  if (m.status != Status::kOk) return true;
  const double claim = ClaimFor(*r.kernel, q);
  if (!(m.max_ulp_normal <= claim)) return false;
  return claim == kNoClaim || (m.nan_mismatch == 0 && m.inf_mismatch == 0);
}

namespace {

using Clock = std::chrono::steady_clock;

template <class T>
struct Traits;
template <>
struct Traits<float> {
  using UInt = std::uint32_t;
  using Ref = double;   // the fast tier; tests/test_reference.cc bounds its error
  using Wide = double;  // sums and differences of two results (symmetry), exact or nearly
  static constexpr int kMantissaBits = 23;
  static constexpr UInt kMaxBiasedExponent = 0xff;
};
template <>
struct Traits<double> {
  using UInt = std::uint64_t;
  using Ref = Gold;
  using Wide = long double;
  static constexpr int kMantissaBits = 52;
  static constexpr UInt kMaxBiasedExponent = 0x7ff;
};

template <class T>
T FromBits(typename Traits<T>::UInt b) {
  return std::bit_cast<T>(b);
}
template <class T>
typename Traits<T>::UInt ToBits(T x) {
  return std::bit_cast<typename Traits<T>::UInt>(x);
}

// SplitMix64: small, fast, and the same sequence on every platform (unlike <random>'s
// distributions), so a seed names the same sample everywhere.
struct Rng {
  std::uint64_t state;
  std::uint64_t Next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  std::uint64_t Below(std::uint64_t n) { return Next() % n; }  // bias < 2^-40 for our n
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1p-53; }
};

constexpr std::size_t kBlock = std::size_t{1} << 16;  // magnitudes per block
constexpr std::size_t kChunk = 2048;                  // magnitudes per kernel call (x2 signs)
constexpr int kKeyShift = 20;                         // key = block << 20 | position

// ---- accumulation ---------------------------------------------------------------------

struct MaxAt {
  double v = -1, x = kNaN;
  std::uint64_t key = ~std::uint64_t{0};
  void Update(double value, double at, std::uint64_t k) {
    if (value > v) v = value, x = at, key = k;
  }
  void Merge(const MaxAt& o) {
    if (o.v > v || (o.v == v && o.key < key)) *this = o;
  }
};

struct Failures {
  std::uint64_t n = 0, key = ~std::uint64_t{0};
  double x = kNaN;
  void Add(double at, std::uint64_t k) {
    ++n;
    if (k < key) key = k, x = at;
  }
  void Merge(const Failures& o) {
    n += o.n;
    if (o.key < key) key = o.key, x = o.x;
  }
};

struct Acc {
  std::uint64_t points = 0, numbers = 0, correctly_rounded = 0, nan_mismatch = 0, inf_mismatch = 0,
                flushed = 0, nan_inputs = 0;
  MaxAt ulp, ulp_normal, abs, rel, symmetry;
  Failures range, monotonic, specials, nan_propagation;
  void Merge(const Acc& o) {
    points += o.points, numbers += o.numbers, correctly_rounded += o.correctly_rounded;
    nan_mismatch += o.nan_mismatch, inf_mismatch += o.inf_mismatch, flushed += o.flushed;
    nan_inputs += o.nan_inputs;
    ulp.Merge(o.ulp), ulp_normal.Merge(o.ulp_normal), abs.Merge(o.abs), rel.Merge(o.rel);
    symmetry.Merge(o.symmetry);
    range.Merge(o.range), monotonic.Merge(o.monotonic), specials.Merge(o.specials);
    nan_propagation.Merge(o.nan_propagation);
  }
};

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

// Scores n results of one quantity: error statistics over finite inputs, special values and
// NaN propagation. Returns the sum of ULP errors over results that are numbers.
template <class T, class R>
double ScoreErrorsGeneral(bool odd_zero, const T* x, const T* y, const R* r, std::size_t n,
                          std::uint64_t key0, Acc& a) {
  constexpr T kMinNormal = std::numeric_limits<T>::min();
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const T xi = x[i], yi = y[i];
    if (!std::isfinite(xi)) {
      if (std::isnan(xi)) {
        ++a.nan_inputs;
        if (!std::isnan(yi)) a.nan_propagation.Add(static_cast<double>(xi), key0 + i);
      } else if (!(R(yi) == r[i])) {  // r is the limit at +-inf
        a.specials.Add(static_cast<double>(xi), key0 + i);
      }
      continue;
    }
    ++a.points;
    const PointError e = ErrorOf(yi, r[i]);
    const double xd = static_cast<double>(xi);
    a.ulp.Update(e.ulp, xd, key0 + i);
    if (e.normal) a.ulp_normal.Update(e.ulp, xd, key0 + i);
    if (e.ulp <= 0.5) ++a.correctly_rounded;
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

// The vectoriser needs 256-bit (or 512-bit) vectors for this mix of float and double; the
// binary stays portable: GCC builds one clone per target and picks one when the program loads.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__)
#define ACTBENCH_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define ACTBENCH_VECTOR_CLONES
#endif

// Whether every input is finite with |x| >= FLT_MIN and every result is finite: then no
// special-value, NaN or mismatch case can occur and the branch-free scorer below applies.
inline bool PlainChunk(const float* x, const float* y, std::size_t n) {
  std::uint32_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t ax = std::bit_cast<std::uint32_t>(x[i]) & 0x7fffffffu;
    const std::uint32_t ay = std::bit_cast<std::uint32_t>(y[i]) & 0x7fffffffu;
    bad |= static_cast<std::uint32_t>(ax - 0x00800000u >= 0x7f000000u);
    bad |= static_cast<std::uint32_t>(ay >= 0x7f800000u);
  }
  return bad == 0;
}

// ScoreErrors for float results of a plain chunk, with the same figures as the general loop
// (same errors, same summation order, first input of a maximum) at a fraction of the cost:
// the exhaustive sweep scores 2^32 results per kernel and quantity. Maxima are found with
// selects; their inputs are looked up afterwards, only when the chunk beats the running max.
ACTBENCH_VECTOR_CLONES
double ScorePlainF32(const float* x, const float* y, const double* r, std::size_t n,
                     std::uint64_t key0, Acc& a) {
  // One pass of selects and arithmetic that the compiler vectorises (OpenMP SIMD reductions;
  // the lane order is fixed at compile time, so sums do not depend on threads or timing).
  constexpr double kMin = std::numeric_limits<float>::min();
  constexpr double kDenormMin = std::numeric_limits<float>::denorm_min();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  double m_err = -1, m_norm = -1, m_abs = -1, m_rel = -1, sum = 0;
  std::uint64_t cr = 0, flushed = 0;
#pragma omp simd reduction(max : m_err, m_norm, m_abs, m_rel) reduction(+ : sum, cr, flushed)
  for (std::size_t i = 0; i < n; ++i) {
    // Written without short-circuits so that it if-converts: every operand is computed.
    const double ri = r[i], ar = std::fabs(ri), yi = static_cast<double>(y[i]);
    const double d = std::fabs(yi - ri);
    const bool normal = (ri == 0) | (ar >= kMin);
    const double q = d / ar;
    const double rel = d == 0 ? 0.0 : (ar == 0 ? kInf : q);
    const double err = d * InvUlpF32(ri);
    m_err = err > m_err ? err : m_err;
    const double err_normal = normal ? err : -1.0;
    m_norm = err_normal > m_norm ? err_normal : m_norm;
    m_abs = d > m_abs ? d : m_abs;
    m_rel = rel > m_rel ? rel : m_rel;
    sum += err;
    cr += err <= 0.5 ? 1 : 0;
    flushed += ((yi == 0) & !normal & (ar >= kDenormMin)) ? 1 : 0;
  }
  a.points += n, a.numbers += n, a.correctly_rounded += cr, a.flushed += flushed;
  // Inputs of new maxima: a second pass over this chunk, only when it beats a running max.
  if (m_err > a.ulp.v || m_norm > a.ulp_normal.v || m_abs > a.abs.v || m_rel > a.rel.v) {
    for (std::size_t i = 0; i < n; ++i) {
      const double ri = r[i], ar = std::fabs(ri);
      const double d = std::fabs(static_cast<double>(y[i]) - ri);
      const double err = d * InvUlpF32(ri);
      const double xd = static_cast<double>(x[i]);
      a.ulp.Update(err, xd, key0 + i);
      if (ri == 0 || ar >= kMin) a.ulp_normal.Update(err, xd, key0 + i);
      a.abs.Update(d, xd, key0 + i);
      a.rel.Update(d == 0 ? 0.0 : ar == 0 ? kInf : d / ar, xd, key0 + i);
    }
  }
  return sum;
}

template <class T, class R>
double ScoreErrors(bool odd_zero, const T* x, const T* y, const R* r, std::size_t n,
                   std::uint64_t key0, Acc& a) {
  if constexpr (std::is_same_v<T, float> && std::is_same_v<R, double>) {
    if (PlainChunk(x, y, n)) return ScorePlainF32(x, y, r, n, key0, a);
  }
  return ScoreErrorsGeneral(odd_zero, x, y, r, n, key0, a);
}

// The symmetry deviation of a float pair: (p - shift) + sign q is p - q for an even function
// (gradients), p + q for an odd one (tanh) and (p - 1) + q for sigmoid's complement; all exact
// or rounded once in double, in ULP of max(|p|, |q|) as ScoreSymmetry measures it.
struct SymmetryForm {
  double shift, sign;
};
inline SymmetryForm FormOf(ref::Symmetry kind, bool gradient) {
  if (gradient) return {0.0, -1.0};
  return kind == ref::Symmetry::kOdd ? SymmetryForm{0.0, 1.0} : SymmetryForm{1.0, 1.0};
}
inline double SymmetryUlpsF32(SymmetryForm f, float yp, float yn) {
  const double p = yp, q = yn;
  const double dev = (p - f.shift) + f.sign * q;
  const double scale = std::max(std::fabs(p), std::fabs(q));
  return std::fabs(dev) * InvUlpF32(scale);
}

// Largest SymmetryUlpsF32 over c pairs of finite floats, vectorised like ScorePlainF32.
ACTBENCH_VECTOR_CLONES
double MaxSymmetryUlpsF32(SymmetryForm f, const float* yp, const float* yn, std::size_t c) {
  double m = -1;
#pragma omp simd reduction(max : m)
  for (std::size_t k = 0; k < c; ++k) {
    const double u = SymmetryUlpsF32(f, yp[k], yn[k]);
    m = u > m ? u : m;
  }
  return m;
}

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
void ScoreSymmetry(ref::Symmetry kind, bool gradient, const T* mags, const T* yp, const T* yn,
                   std::size_t c, std::uint64_t key0, Acc& a) {
  using W = typename Traits<T>::Wide;
  const SymmetryForm form = FormOf(kind, gradient);
  if constexpr (std::is_same_v<T, float>) {
    // Plain chunk: only walk it when it holds a new maximum.
    if (AllFinite(mags, c) && AllFinite(yp, c) && AllFinite(yn, c)) {
      if (MaxSymmetryUlpsF32(form, yp, yn, c) > a.symmetry.v)
        for (std::size_t i = 0; i < c; ++i)
          a.symmetry.Update(SymmetryUlpsF32(form, yp[i], yn[i]), static_cast<double>(mags[i]),
                            key0 + i);
      return;
    }
  }
  for (std::size_t k = 0; k < c; ++k) {
    if (std::isnan(mags[k]) || std::isnan(yp[k]) || std::isnan(yn[k])) continue;
    const W p = yp[k], q = yn[k];
    const W dev = (p - W(form.shift)) + W(form.sign) * q;
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

template <class T>
void ScoreValueShape(const ref::Range& range, const T* x, const T* y, std::size_t c,
                     std::uint64_t key0, Carry& carry, Acc& a) {
  // Range: every result that is a number. Counted branch-free, located only when needed.
  std::size_t outside = 0;
  for (std::size_t k = 0; k < 2 * c; ++k) {
    const double v = static_cast<double>(y[k]);
    outside += (v < range.lo) | (v > range.hi);
  }
  if (outside > 0) {
    for (std::size_t k = 0; k < 2 * c; ++k) {
      const double v = static_cast<double>(y[k]);
      if (v < range.lo || v > range.hi) a.range.Add(static_cast<double>(x[k]), key0 + k);
    }
  }
  // Monotonicity. x[0, c) = +m ascending, x[c, 2c) = -m: f non-decreasing in x means
  // non-increasing in m on the negative side. Fast check: no NaN anywhere and every pair in
  // order (a NaN makes a comparison false, so it also sends the chunk to the careful loop).
  std::size_t unordered = 0;
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
  // Careful loop: skips NaN inputs and results, comparing with the last number seen.
  for (std::size_t k = 0; k < c; ++k) {
    if (std::isnan(x[k])) continue;
    const T p = y[k], n = y[c + k];
    if (!std::isnan(p)) {
      if (carry.pos_valid && static_cast<double>(p) < carry.pos)
        a.monotonic.Add(static_cast<double>(x[k]), key0 + k);
      carry.pos = static_cast<double>(p), carry.pos_valid = true;
    }
    if (!std::isnan(n)) {
      if (carry.neg_valid && static_cast<double>(n) > carry.neg)
        a.monotonic.Add(static_cast<double>(x[c + k]), key0 + c + k);
      carry.neg = static_cast<double>(n), carry.neg_valid = true;
    }
  }
}

// ---- blocks -----------------------------------------------------------------------------

struct BlockRef {
  int list;  // index into plan.lists, or -1 for the bit range
  std::uint64_t begin, count;
};

template <class T>
std::vector<BlockRef> MakeBlocks(const InputPlan<T>& plan) {
  std::vector<BlockRef> blocks;
  for (std::size_t l = 0; l < plan.lists.size(); ++l)
    for (std::uint64_t b = 0; b < plan.lists[l].size(); b += kBlock)
      blocks.push_back(
          {static_cast<int>(l), b, std::min<std::uint64_t>(kBlock, plan.lists[l].size() - b)});
  for (std::uint64_t b = plan.range_begin; b < plan.range_end; b += kBlock)
    blocks.push_back({-1, b, std::min<std::uint64_t>(kBlock, plan.range_end - b)});
  return blocks;
}

template <class T>
struct Workspace {
  using R = typename Traits<T>::Ref;
  std::vector<T> mags, x, y, gx, gy, ones;
  std::vector<R> rv, rg;
  std::vector<Carry> carry;
  Workspace() : y(2 * kChunk), gx(2 * kChunk), gy(2 * kChunk), ones(2 * kChunk, T(1)) {}
};

template <class T>
class Engine {
 public:
  using R = typename Traits<T>::Ref;
  using UInt = typename Traits<T>::UInt;

  Engine(Activation act, std::vector<const Kernel*> kernels, const InputPlan<T>& plan)
      : act_(act), kernels_(std::move(kernels)), plan_(plan), blocks_(MakeBlocks(plan)) {
    sums_.assign(blocks_.size() * kernels_.size() * 3, 0.0);
  }

  std::size_t blocks() const { return blocks_.size(); }

  struct ThreadState {
    Workspace<T> ws;
    std::vector<Acc> acc;         // [kernel * 3 + quantity]
    std::vector<double> seconds;  // per kernel
  };
  ThreadState NewThreadState() const {
    ThreadState s;
    s.acc.resize(kernels_.size() * 3);
    s.seconds.assign(kernels_.size(), 0.0);
    s.ws.carry.resize(kernels_.size());
    return s;
  }

  void Process(std::size_t b, ThreadState& ts) {
    const BlockRef& blk = blocks_[b];
    Workspace<T>& ws = ts.ws;
    const std::size_t n = blk.count;
    ws.mags.resize(n);
    bool has_prev = false;
    T prev{};
    if (blk.list >= 0) {
      const auto& list = plan_.lists[static_cast<std::size_t>(blk.list)];
      std::copy_n(list.begin() + static_cast<std::ptrdiff_t>(blk.begin), n, ws.mags.begin());
      if (blk.begin > 0) has_prev = true, prev = list[blk.begin - 1];
    } else {
      for (std::size_t i = 0; i < n; ++i)
        ws.mags[i] = FromBits<T>(static_cast<UInt>(blk.begin + i));
      if (blk.begin > plan_.range_begin)
        has_prev = true, prev = FromBits<T>(static_cast<UInt>(blk.begin - 1));
    }
    // Layout per chunk j of c magnitudes: c inputs +m, then c inputs -m.
    ws.x.resize(2 * n);
    for (std::size_t s = 0; s < n; s += kChunk) {
      const std::size_t c = std::min(kChunk, n - s);
      for (std::size_t k = 0; k < c; ++k) {
        ws.x[2 * s + k] = ws.mags[s + k];
        ws.x[2 * s + c + k] = -ws.mags[s + k];
      }
    }
    ws.rv.resize(2 * n);
    ws.rg.resize(2 * n);
    for (std::size_t i = 0; i < 2 * n; ++i) {
      const R xr(ws.x[i]);
      ws.rv[i] = ref::Value<R>(act_, xr);
      ws.rg[i] = ref::GradX<R>(act_, xr);
    }

    for (std::size_t ki = 0; ki < kernels_.size(); ++ki) {
      ws.carry[ki] = Carry{};
      if (!has_prev) continue;
      T px[2] = {prev, -prev}, py[2];
      kernels_[ki]->template ops<T>().forward(px, py, 2);
      if (!std::isnan(py[0]))
        ws.carry[ki].pos = static_cast<double>(py[0]), ws.carry[ki].pos_valid = true;
      if (!std::isnan(py[1]))
        ws.carry[ki].neg = static_cast<double>(py[1]), ws.carry[ki].neg_valid = true;
    }

    const ref::Symmetry sym = ref::SymmetryOf(act_);
    const ref::Range range = ref::ValueRange(act_);
    const bool odd = sym == ref::Symmetry::kOdd;
    for (std::size_t s = 0; s < n; s += kChunk) {
      const std::size_t c = std::min(kChunk, n - s);
      const T* x = ws.x.data() + 2 * s;
      const T* mags = ws.mags.data() + s;
      const R* rv = ws.rv.data() + 2 * s;
      const R* rg = ws.rg.data() + 2 * s;
      const std::uint64_t key0 = (static_cast<std::uint64_t>(b) << kKeyShift) + 2 * s;
      for (std::size_t ki = 0; ki < kernels_.size(); ++ki) {
        const auto t0 = Clock::now();
        const Ops<T>& ops = kernels_[ki]->template ops<T>();
        T* y = ws.y.data();
        T* gx = ws.gx.data();
        T* gy = ws.gy.data();
        ops.forward(x, y, 2 * c);
        ops.backward_x(x, ws.ones.data(), gx, 2 * c);
        Acc* acc = &ts.acc[ki * 3];
        double* sums = &sums_[(ki * 3) * blocks_.size()];
        sums[b] += ScoreErrors(odd, x, y, rv, 2 * c, key0, acc[0]);
        ScoreValueShape(range, x, y, c, key0, ws.carry[ki], acc[0]);
        sums[blocks_.size() + b] += ScoreErrors(false, x, gx, rg, 2 * c, key0, acc[1]);
        if (sym != ref::Symmetry::kNone) {
          ScoreSymmetry(sym, false, mags, y, y + c, c, key0, acc[0]);
          ScoreSymmetry(sym, true, mags, gx, gx + c, c, key0, acc[1]);
        }
        if (ops.backward_y) {
          ops.backward_y(y, ws.ones.data(), gy, 2 * c);
          sums[2 * blocks_.size() + b] += ScoreErrors(false, x, gy, rg, 2 * c, key0, acc[2]);
          if (sym != ref::Symmetry::kNone)
            ScoreSymmetry(sym, true, mags, gy, gy + c, c, key0, acc[2]);
        }
        ts.seconds[ki] += std::chrono::duration<double>(Clock::now() - t0).count();
      }
    }
  }

  // Folds the thread states into one result per kernel (in kernel order).
  std::vector<KernelResult> Finish(const std::vector<ThreadState>& states, Mode mode) const {
    std::vector<KernelResult> out;
    for (std::size_t ki = 0; ki < kernels_.size(); ++ki) {
      KernelResult kr;
      kr.kernel = kernels_[ki];
      kr.mode = mode;
      for (const ThreadState& s : states) kr.seconds += s.seconds[ki];
      for (std::size_t qi = 0; qi < 3; ++qi) {
        Acc a;
        for (const ThreadState& s : states) a.Merge(s.acc[ki * 3 + qi]);
        double sum = 0;
        const double* sums = &sums_[(ki * 3 + qi) * blocks_.size()];
        for (std::size_t b = 0; b < blocks_.size(); ++b) sum += sums[b];
        kr.q[qi] = ToResult(a, sum, kQuantities[qi]);
        if (qi == 2 && !kernels_[ki]->template ops<T>().backward_y) {
          kr.q[qi] = QuantityResult{};
          kr.q[qi].quantity = Quantity::kGradY;
          kr.q[qi].status = Status::kNoBackwardY;
        }
      }
      out.push_back(kr);
    }
    return out;
  }

 private:
  QuantityResult ToResult(const Acc& a, double sum, Quantity q) const {
    QuantityResult r;
    r.quantity = q;
    r.points = a.points;
    if (a.points > 0) {
      r.max_ulp = a.ulp.v, r.max_ulp_x = a.ulp.x;
      if (a.ulp_normal.v >= 0)
        r.max_ulp_normal = a.ulp_normal.v, r.max_ulp_normal_x = a.ulp_normal.x;
      if (a.numbers > 0) {
        r.mean_ulp = sum / static_cast<double>(a.numbers);
        r.max_abs = a.abs.v, r.max_abs_x = a.abs.x;
        r.max_rel = a.rel.v, r.max_rel_x = a.rel.x;
      }
      r.correctly_rounded =
          static_cast<double>(a.correctly_rounded) / static_cast<double>(a.points);
    }
    r.nan_mismatch = a.nan_mismatch, r.inf_mismatch = a.inf_mismatch;
    r.subnormal_flushed = a.flushed;
    auto check = [](const Failures& f, bool applies) {
      QuantityResult::Check c;
      c.applies = applies;
      c.failures = applies ? f.n : 0;
      c.first_x = applies ? f.x : kNaN;
      return c;
    };
    r.range = check(a.range, q == Quantity::kValue);
    r.monotonic = check(a.monotonic, q == Quantity::kValue);
    r.specials = check(a.specials, true);
    r.nan_propagation = check(a.nan_propagation, a.nan_inputs > 0);
    r.nan_inputs = a.nan_inputs;
    r.symmetry_applies = ref::SymmetryOf(act_) != ref::Symmetry::kNone;
    if (r.symmetry_applies && a.symmetry.v >= 0)
      r.symmetry_max_ulp = a.symmetry.v, r.symmetry_x = a.symmetry.x;
    if (!r.symmetry_applies) r.symmetry_max_ulp = kNaN;
    return r;
  }

  Activation act_;
  std::vector<const Kernel*> kernels_;
  const InputPlan<T>& plan_;
  std::vector<BlockRef> blocks_;
  std::vector<double> sums_;  // [(kernel * 3 + quantity) * blocks + block]
};

std::string Duration(double s) {
  char buf[32];
  const long t = std::lround(s);
  if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, t / 60 % 60);
  else if (t >= 60)
    std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%lds", t);
  return buf;
}

void PrintProgress(std::string_view label, std::size_t done, std::size_t total, double elapsed,
                   bool tty, bool last) {
  const double pct = total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100;
  std::string eta = "?";
  if (done > 0)
    eta = Duration(elapsed * static_cast<double>(total - done) / static_cast<double>(done));
  std::fprintf(stderr, "%s%.*s: %5.1f%% (%zu/%zu blocks), %s elapsed, ETA %s%s", tty ? "\r" : "",
               static_cast<int>(label.size()), label.data(), pct, done, total,
               Duration(elapsed).c_str(), last ? "0s" : eta.c_str(), tty && !last ? "   " : "\n");
  std::fflush(stderr);
}

}  // namespace

// ---- plans ------------------------------------------------------------------------------

template <class T>
InputPlan<T> SamplePlan(Activation act, std::uint32_t points, std::uint64_t seed) {
  using Tr = Traits<T>;
  using UInt = typename Tr::UInt;
  constexpr bool kF32 = sizeof(T) == 4;
  points = std::max<std::uint32_t>(points, 1);
  const std::uint64_t per_binade = kF32 ? points : std::max<std::uint32_t>(4, points / 8);
  const std::uint64_t grid_n = (kF32 ? 40 : 8) * std::uint64_t{points};
  const std::uint64_t run_len = kF32 ? points : std::max<std::uint32_t>(8, points / 4);
  const int random_runs = kF32 ? 64 : 32;
  Rng rng{seed ^ (0x51ed2701u * (static_cast<std::uint64_t>(act) + 1)) ^
          (kF32 ? 0 : 0xd1b54a32d192ed03ull)};

  InputPlan<T> plan;
  auto add_sorted = [&](std::vector<T> v) {
    std::sort(v.begin(), v.end(), [](T a, T b) { return ToBits(a) < ToBits(b); });
    v.erase(std::unique(v.begin(), v.end(), [](T a, T b) { return ToBits(a) == ToBits(b); }),
            v.end());
    plan.lists.push_back(std::move(v));
  };

  // Every binade: subnormal ones by the leading mantissa bit, then every exponent.
  std::vector<T> binades;
  for (int k = 0; k < Tr::kMantissaBits; ++k) {
    const UInt lo = UInt{1} << k;
    for (std::uint64_t j = 0; j < per_binade; ++j)
      binades.push_back(FromBits<T>(lo + static_cast<UInt>(rng.Below(lo))));
  }
  for (UInt e = 1; e < Tr::kMaxBiasedExponent; ++e) {
    const UInt lo = e << Tr::kMantissaBits;
    for (std::uint64_t j = 0; j < per_binade; ++j)
      binades.push_back(
          FromBits<T>(lo + static_cast<UInt>(rng.Below(UInt{1} << Tr::kMantissaBits))));
  }
  add_sorted(std::move(binades));

  // A dense grid where the function bends.
  const double radius = ref::BendRadius(act);
  std::vector<T> grid;
  for (std::uint64_t i = 0; i <= grid_n; ++i)
    grid.push_back(static_cast<T>(radius * static_cast<double>(i) / static_cast<double>(grid_n)));
  add_sorted(std::move(grid));

  // Runs of consecutive floats: from 0, at random places in the bend region and its edge,
  // and across binade edges (where the spacing of floats doubles).
  auto run_at = [&](UInt start) {
    std::vector<T> run;
    for (std::uint64_t i = 0; i < run_len; ++i)
      run.push_back(FromBits<T>(start + static_cast<UInt>(i)));
    plan.lists.push_back(std::move(run));
  };
  run_at(0);
  for (int i = 0; i < random_runs; ++i) {
    const UInt s = ToBits(static_cast<T>(rng.Unit() * 1.5 * radius));
    run_at(s - std::min<UInt>(s, static_cast<UInt>(run_len / 2)));
  }
  for (int e = -20; std::ldexp(1.0, e) <= 1.5 * radius; ++e)
    run_at(ToBits(std::ldexp(T(1), e)) - static_cast<UInt>(run_len / 2));

  // The seed notebook's grid, numpy.arange(-10, 10, 0.1): -10 + 0.1 i, i < 200.
  std::vector<T> seed_grid;
  for (int i = 0; i < 200; ++i) seed_grid.push_back(static_cast<T>(std::fabs(-10.0 + 0.1 * i)));
  add_sorted(std::move(seed_grid));

  // Special values; NaNs (signalling, quiet, with a payload) sort last by their bits.
  constexpr UInt kInf = Tr::kMaxBiasedExponent << Tr::kMantissaBits;
  constexpr UInt kQuiet = UInt{1} << (Tr::kMantissaBits - 1);
  add_sorted({T(0), std::numeric_limits<T>::denorm_min(), FromBits<T>(kQuiet),
              FromBits<T>((UInt{1} << Tr::kMantissaBits) - 1), std::numeric_limits<T>::min(),
              std::numeric_limits<T>::max(), std::numeric_limits<T>::infinity(),
              FromBits<T>(kInf | 1), FromBits<T>(kInf | kQuiet),
              FromBits<T>(kInf | kQuiet | 0x12345)});
  return plan;
}

InputPlan<float> ExhaustivePlan() {
  InputPlan<float> plan;
  plan.range_begin = 0;
  plan.range_end = std::uint64_t{1} << 31;
  return plan;
}

// ---- running ----------------------------------------------------------------------------

template <class T>
std::vector<KernelResult> SweepPlan(Activation act, std::span<const Kernel* const> kernels,
                                    const InputPlan<T>& plan, const RunOptions& options) {
  std::vector<const Kernel*> runnable;
  for (const Kernel* k : kernels)
    if (CpuSupports(*k)) runnable.push_back(k);

  std::vector<KernelResult> measured;
  if (!runnable.empty()) {
    Engine<T> engine(act, runnable, plan);
    unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
    threads = static_cast<unsigned>(
        std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(engine.blocks(), 1)));
    std::vector<typename Engine<T>::ThreadState> states;
    for (unsigned t = 0; t < threads; ++t) states.push_back(engine.NewThreadState());
    std::atomic<std::size_t> next{0}, done{0};
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        for (std::size_t b; (b = next.fetch_add(1)) < engine.blocks();) {
          engine.Process(b, states[t]);
          done.fetch_add(1);
        }
        if constexpr (std::is_same_v<typename Traits<T>::Ref, Gold>) gold::ReleaseThreadCaches();
      });
    }
    // A log gets ten lines per exhaustive sweep; a terminal gets a live line for any sweep.
    const bool tty = isatty(STDERR_FILENO);
    if (options.progress && (tty || options.mode == Mode::kExhaustive)) {
      const auto start = Clock::now();
      auto last_print = start;
      int next_decile = 1;
      while (done.load() < engine.blocks()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const auto now = Clock::now();
        const std::size_t d = done.load();
        const bool decile = d * 10 >= static_cast<std::size_t>(next_decile) * engine.blocks();
        if ((tty && now - last_print > std::chrono::milliseconds(500)) ||
            (!tty && decile && d < engine.blocks())) {
          PrintProgress(options.label, d, engine.blocks(),
                        std::chrono::duration<double>(now - start).count(), tty, false);
          last_print = now;
          while (d * 10 >= static_cast<std::size_t>(next_decile) * engine.blocks()) ++next_decile;
        }
      }
      PrintProgress(options.label, engine.blocks(), engine.blocks(),
                    std::chrono::duration<double>(Clock::now() - start).count(), tty, true);
    }
    for (auto& w : workers) w.join();
    measured = engine.Finish(states, options.mode);
  }

  std::vector<KernelResult> out;
  std::size_t mi = 0;
  for (const Kernel* k : kernels) {
    if (mi < measured.size() && measured[mi].kernel == k) {
      out.push_back(measured[mi++]);
      continue;
    }
    KernelResult skipped;
    skipped.kernel = k;
    skipped.mode = options.mode;
    skipped.skipped = true;
    for (std::size_t qi = 0; qi < 3; ++qi) {
      skipped.q[qi].quantity = kQuantities[qi];
      skipped.q[qi].status = Status::kSkipped;
    }
    out.push_back(skipped);
  }
  return out;
}

template InputPlan<float> SamplePlan<float>(Activation, std::uint32_t, std::uint64_t);
template InputPlan<double> SamplePlan<double>(Activation, std::uint32_t, std::uint64_t);
template std::vector<KernelResult> SweepPlan<float>(Activation, std::span<const Kernel* const>,
                                                    const InputPlan<float>&, const RunOptions&);
template std::vector<KernelResult> SweepPlan<double>(Activation, std::span<const Kernel* const>,
                                                     const InputPlan<double>&, const RunOptions&);

std::vector<KernelResult> Sweep(std::span<const Kernel* const> kernels,
                                const SweepOptions& options) {
  struct Group {
    Activation act;
    DType dtype;
    std::vector<std::size_t> members;
  };
  std::vector<Group> groups;
  for (std::size_t i = 0; i < kernels.size(); ++i) {
    const Kernel& k = *kernels[i];
    auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
      return g.act == k.activation && g.dtype == k.dtype;
    });
    if (it == groups.end()) it = groups.insert(groups.end(), Group{k.activation, k.dtype, {}});
    it->members.push_back(i);
  }
  std::vector<KernelResult> out(kernels.size());
  for (const Group& g : groups) {
    std::vector<const Kernel*> ks;
    for (std::size_t i : g.members) ks.push_back(kernels[i]);
    const bool exhaustive = options.mode == Mode::kExhaustive && g.dtype == DType::kF32;
    const std::string label = std::string(Name(g.act)) + " " + std::string(Name(g.dtype)) + " " +
                              (exhaustive ? "exhaustive" : "sample") + " (" +
                              std::to_string(ks.size()) + " kernels)";
    RunOptions ro{options.threads, options.progress, label,
                  exhaustive ? Mode::kExhaustive : Mode::kSample};
    std::vector<KernelResult> res;
    if (g.dtype == DType::kF32) {
      const InputPlan<float> plan =
          exhaustive ? ExhaustivePlan() : SamplePlan<float>(g.act, options.points, options.seed);
      res = SweepPlan<float>(g.act, ks, plan, ro);
    } else {
      const InputPlan<double> plan = SamplePlan<double>(g.act, options.points, options.seed);
      res = SweepPlan<double>(g.act, ks, plan, ro);
    }
    for (std::size_t j = 0; j < g.members.size(); ++j) out[g.members[j]] = res[j];
  }
  return out;
}

}  // namespace actbench::acc
