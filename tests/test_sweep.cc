// The sweep engine (accuracy/sweep.h) against brute force computed here, one input at a time
// with the gold reference; its property checks against kernels with planted defects; the
// sample plan's coverage; determinism across thread counts; the command line; the report.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "accuracy/activation.h"
#include "accuracy/gold.h"
#include "accuracy/options.h"
#include "accuracy/report.h"
#include "accuracy/score.h"
#include "accuracy/shard.h"
#include "util/run_info.h"
#include "accuracy/sweep.h"
#include "accuracy/ulp.h"
#include "actbench/registry.h"
#include "util/splitmix64.h"

namespace actbench::acc {
namespace {

// The sweep's run options for a test: threads and mode, the rest as defaults.
RunOptions Opts(unsigned threads, Mode mode) {
  RunOptions o;
  o.threads = threads;
  o.mode = mode;
  return o;
}

template <class T>
using UInt = typename DTypeTraits<T>::Bits;

// ---- brute force -------------------------------------------------------------------------

// What the sweep reports for one quantity, recomputed element by element with gold.
struct Brute {
  std::uint64_t points = 0, cr = 0, nan_mismatch = 0, inf_mismatch = 0, flushed = 0;
  std::uint64_t monotonic_failures = 0;
  double max_ulp = -1, max_ulp_normal = -1, max_abs = -1, sum = 0, symmetry = -1;
  std::uint64_t numbers = 0;
};

template <class T>
struct BruteResult {
  Brute q[3];
};

template <class T>
T One(typename Ops<T>::Forward f, T x) {
  T y;
  f(&x, &y, 1);
  return y;
}
template <class T>
T OneBack(typename Ops<T>::Backward f, T v) {
  const T dy = 1;
  T dx;
  f(&v, &dy, &dx, 1);
  return dx;
}

template <class T>
void Score(Brute& b, T y, const Gold& r) {
  ++b.points;
  const double e = UlpError<T>(y, r);
  b.max_ulp = std::max(b.max_ulp, e);
  if (IsNormalResult<T>(r)) b.max_ulp_normal = std::max(b.max_ulp_normal, e);
  if (e <= 0.5) ++b.cr;
  if (std::isnan(y)) {
    ++b.nan_mismatch;
  } else if (std::isinf(y)) {
    ++b.inf_mismatch;
  } else {
    ++b.numbers;
    b.sum += e;
    b.max_abs = std::max(b.max_abs, static_cast<double>(abs(Gold(y) - r)));
    if (y == 0 && !IsNormalResult<T>(r) && abs(r) >= Gold(std::numeric_limits<T>::denorm_min()))
      ++b.flushed;
  }
}

// Brute force over magnitudes with bit patterns [lo, hi) (finite, ascending), both signs.
template <class T>
BruteResult<T> BruteForce(const Kernel& k, UInt<T> lo, UInt<T> hi) {
  const Ops<T>& ops = k.ops<T>();
  BruteResult<T> out;
  const bool sym = ref::SymmetryOf(k.activation) != Symmetry::kNone;
  T prev_pos = 0, prev_neg = 0;
  for (UInt<T> b = lo; b < hi; ++b) {
    const T m = std::bit_cast<T>(b);
    T y[2], gx[2], gy[2];
    for (int s = 0; s < 2; ++s) {
      const T x = s ? -m : m;
      const Gold gxr(x);
      const Gold rv = gold::Value(k.activation, gxr), rg = gold::GradX(k.activation, gxr);
      y[s] = One<T>(ops.forward, x);
      gx[s] = OneBack<T>(ops.backward_x, x);
      Score(out.q[0], y[s], rv);
      Score(out.q[1], gx[s], rg);
      if (ops.backward_y) {
        gy[s] = OneBack<T>(ops.backward_y, y[s]);
        Score(out.q[2], gy[s], rg);
      }
    }
    if (b > lo) {
      out.q[0].monotonic_failures += y[0] < prev_pos;
      out.q[0].monotonic_failures += y[1] > prev_neg;
    }
    prev_pos = y[0], prev_neg = y[1];
    if (sym) {
      // Deviation from symmetry in ULP of max(|f(m)|, |f(-m)|), computed in gold.
      auto dev = [&](T p, T q, bool odd_or_even, bool even) {
        Gold d = even ? Gold(p) - Gold(q) : odd_or_even ? Gold(p) + Gold(q) : Gold(p) + Gold(q) - 1;
        const Gold scale = std::max(abs(Gold(p)), abs(Gold(q)));
        return static_cast<double>(ldexp(abs(d), -UlpExponent<T>(scale)));
      };
      const bool odd = ref::SymmetryOf(k.activation) == Symmetry::kOdd;
      out.q[0].symmetry = std::max(out.q[0].symmetry, dev(y[0], y[1], odd, false));
      out.q[1].symmetry = std::max(out.q[1].symmetry, dev(gx[0], gx[1], true, true));
      if (ops.backward_y)
        out.q[2].symmetry = std::max(out.q[2].symmetry, dev(gy[0], gy[1], true, true));
    }
  }
  return out;
}

struct RangeCase {
  const char* kernel;
  double from;      // first magnitude
  std::uint64_t n;  // consecutive magnitudes
};

// Errors of the double tier (float kernels) against gold are < 1e-6 ULP
// (tests/test_reference.cc); for float64 kernels both sides use gold.
constexpr double kTierSlack = 1e-6;

template <class T>
void CompareWithBruteForce(const RangeCase& c) {
  const Kernel* k = FindKernel(c.kernel);
  ASSERT_NE(k, nullptr) << c.kernel;
  if (!CpuSupports(*k)) GTEST_SKIP() << "ISA not supported";
  InputPlan<T> plan;
  plan.range_begin = std::bit_cast<UInt<T>>(static_cast<T>(c.from));
  plan.range_end = plan.range_begin + c.n;
  const std::vector<const Kernel*> ks = {k};
  const auto res =
      SweepPlan<T>(k->activation, ks, plan, Opts(1, Mode::kSample));
  ASSERT_EQ(res.size(), 1u);
  const BruteResult<T> brute = BruteForce<T>(*k, static_cast<UInt<T>>(plan.range_begin),
                                             static_cast<UInt<T>>(plan.range_end));
  for (int qi = 0; qi < 3; ++qi) {
    const QuantityResult& m = res[0].q[qi];
    const Brute& b = brute.q[qi];
    SCOPED_TRACE(std::string(c.kernel) + " " + std::string(Name(kQuantities[qi])));
    if (qi == 2 && !k->has_backward_y()) {
      EXPECT_EQ(m.status, Status::kNoBackwardY);
      continue;
    }
    ASSERT_EQ(m.status, Status::kOk);
    EXPECT_EQ(m.points, b.points);
    EXPECT_EQ(m.nan_mismatch, b.nan_mismatch);
    EXPECT_EQ(m.inf_mismatch, b.inf_mismatch);
    EXPECT_EQ(m.subnormal_flushed, b.flushed);
    EXPECT_NEAR(m.correctly_rounded, static_cast<double>(b.cr) / static_cast<double>(b.points),
                1e-12);
    auto near = [](double got, double want) {
      if (std::isinf(want)) return got == want;
      return std::fabs(got - want) <= kTierSlack * std::max(1.0, want);
    };
    EXPECT_PRED2(near, m.max_ulp, b.max_ulp);
    EXPECT_PRED2(near, m.max_ulp_normal, b.max_ulp_normal);
    EXPECT_PRED2(near, m.mean_ulp, b.sum / static_cast<double>(b.numbers));
    EXPECT_NEAR(m.max_abs, b.max_abs, 1e-15 * std::max(1.0, b.max_abs));
    // The reported input really has the reported error.
    if (std::isfinite(m.max_ulp) && !std::isnan(m.max_ulp_x)) {
      const T x = static_cast<T>(m.max_ulp_x);
      const Gold xr(x);
      T v;
      const Ops<T>& ops = k->ops<T>();
      if (qi == 0)
        v = One<T>(ops.forward, x);
      else if (qi == 1)
        v = OneBack<T>(ops.backward_x, x);
      else
        v = OneBack<T>(ops.backward_y, One<T>(ops.forward, x));
      const Gold r = qi == 0 ? gold::Value(k->activation, xr) : gold::GradX(k->activation, xr);
      EXPECT_PRED2(near, UlpError<T>(v, r), m.max_ulp) << "at x = " << m.max_ulp_x;
    }
    if (qi == 0) {
      ASSERT_TRUE(m.monotonic.applies);
      EXPECT_EQ(m.monotonic.failures, b.monotonic_failures);
      EXPECT_TRUE(m.range.applies && m.range.ok());
    }
    if (m.symmetry_applies) {
      EXPECT_PRED2(near, m.symmetry_max_ulp, b.symmetry);
    }
    EXPECT_TRUE(m.specials.ok());  // no zero, subnormal or infinite input in these ranges
  }
}

TEST(SweepVsBruteForce, Float32Ranges) {
  const RangeCase cases[] = {
      // Where consecutive results of tanh round to 1 (monotonicity failures appear here).
      {"tanh/expm1-div/scalar/f32", 8.7, 3000},
      // Across the overflow of e^-2x: NaN on the negative side.
      {"tanh/exp-div/scalar/f32", 44.35, 3000},
      // Subnormal results of sigmoid(-x) and their flushing.
      {"sigmoid/exp-div/scalar/f32", 87.0, 4000},
      {"sigmoid/split-exp-div/scalar/f32", 0.999, 2500},
      // More than one block (65536 magnitudes): monotonicity across the block boundary.
      {"sigmoid/sel-taylor-div/scalar/f32", 16.0, 70000},
      {"relu/max/scalar/f32", 1e-3, 2000},
  };
  for (const RangeCase& c : cases) CompareWithBruteForce<float>(c);
}

TEST(SweepVsBruteForce, Float64Ranges) {
  const RangeCase cases[] = {
      {"sigmoid/split-exp-div/scalar/f64", 1.0, 2000},
      {"tanh/std/scalar/f64", 19.0, 1500},
      {"tanh/exp-div/scalar/f64", 354.8, 100},
  };
  for (const RangeCase& c : cases) CompareWithBruteForce<double>(c);
}

// ---- planted defects -----------------------------------------------------------------------

// A nearly correctly rounded float kernel from the double tier; each fake below plants one
// defect in it, and the sweep must flag exactly that.
template <Activation A>
float Good(float x) {
  return static_cast<float>(ref::Value<double>(A, x));
}
template <Activation A>
float GoodGrad(float x) {
  return static_cast<float>(ref::GradX<double>(A, x));
}

float NanAbove5(float x) {
  return x > 5 ? std::numeric_limits<float>::quiet_NaN() : Good<Activation::kSigmoid>(x);
}
float DipAt2(float x) {
  const float y = Good<Activation::kSigmoid>(x);
  return x == 2.0f ? std::nextafter(std::nextafter(std::nextafter(y, 0.0f), 0.0f), 0.0f) : y;
}
float AboveOneBeyond8(float x) {
  return x > 8 ? std::nextafter(1.0f, 2.0f) : Good<Activation::kSigmoid>(x);
}
float DropsNan(float x) { return std::isnan(x) ? 0.5f : Good<Activation::kSigmoid>(x); }
float WrongAtInf(float x) { return std::isinf(x) && x > 0 ? 0.75f : Good<Activation::kSigmoid>(x); }
float FlushesBelowMinus87(float x) { return x < -87.5f ? 0.0f : Good<Activation::kSigmoid>(x); }
float TanhLopsided(float x) {
  const float y = Good<Activation::kTanh>(x);
  return x < 0 && x > -5 ? std::nextafter(y, 0.0f) : y;
}
float TanhPositiveZero(float x) { return x == 0 ? 0.0f : Good<Activation::kTanh>(x); }

template <float (*F)(float)>
void Forward(const float* x, float* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = F(x[i]);
}
template <float (*G)(float)>
void BackwardX(const float* x, const float* dy, float* dx, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) dx[i] = dy[i] * G(x[i]);
}

template <Activation A, float (*F)(float)>
Kernel Fake(std::string_view id) {
  Ops<float> ops;
  ops.forward = &Forward<F>;
  ops.backward_x = &BackwardX<GoodGrad<A>>;
  return MakeKernel(id, A, "test", Isa::kScalar, ops, {1, 1, 1}, kNoQuirks, "planted defect");
}

KernelResult RunFake(const Kernel& k) {
  const InputPlan<float> plan = SamplePlan<float>(k.activation, 24, 99);
  const std::vector<const Kernel*> ks = {&k};
  return SweepPlan<float>(k.activation, ks, plan,
                          Opts(2, Mode::kSample))[0];
}

TEST(SweepChecks, CleanKernelPassesEverything) {
  const Kernel k = Fake<Activation::kSigmoid, Good<Activation::kSigmoid>>("fake/good");
  const KernelResult r = RunFake(k);
  const QuantityResult& v = r[Quantity::kValue];
  EXPECT_LE(v.max_ulp, 0.5 + 1e-6);
  EXPECT_GT(v.correctly_rounded, 0.999);
  EXPECT_EQ(v.nan_mismatch + v.inf_mismatch + v.subnormal_flushed, 0u);
  EXPECT_TRUE(v.range.ok() && v.monotonic.ok() && v.specials.ok() && v.nan_propagation.ok());
  EXPECT_LE(v.symmetry_max_ulp, 1.0);
  EXPECT_TRUE(ClaimOk(r, Quantity::kValue));
  EXPECT_EQ(r[Quantity::kGradY].status, Status::kNoBackwardY);
  EXPECT_TRUE(ClaimOk(r, Quantity::kGradY));
}

TEST(SweepChecks, NanOnFiniteInputs) {
  const Kernel k = Fake<Activation::kSigmoid, NanAbove5>("fake/nan");
  const KernelResult r = RunFake(k);
  const QuantityResult& v = r[Quantity::kValue];
  EXPECT_GT(v.nan_mismatch, 0u);
  EXPECT_EQ(v.max_ulp, std::numeric_limits<double>::infinity());
  EXPECT_GT(v.max_ulp_x, 5.0);
  EXPECT_FALSE(ClaimOk(r, Quantity::kValue));
  EXPECT_TRUE(std::isfinite(v.mean_ulp));  // over results that are numbers
  EXPECT_TRUE(ClaimOk(r, Quantity::kGradX));
}

TEST(SweepChecks, MonotonicityDip) {
  const Kernel k = Fake<Activation::kSigmoid, DipAt2>("fake/dip");
  const KernelResult v_run = RunFake(k);
  const QuantityResult& v = v_run[Quantity::kValue];
  EXPECT_EQ(v.monotonic.failures, 1u);
  EXPECT_EQ(v.monotonic.first_x, 2.0);
}

TEST(SweepChecks, OutOfRange) {
  const KernelResult v_run = RunFake(Fake<Activation::kSigmoid, AboveOneBeyond8>("fake/range"));
  const QuantityResult& v = v_run[Quantity::kValue];
  EXPECT_FALSE(v.range.ok());
  EXPECT_GT(v.range.first_x, 8.0);
}

TEST(SweepChecks, NanPropagation) {
  const KernelResult v_run = RunFake(Fake<Activation::kSigmoid, DropsNan>("fake/dropnan"));
  const QuantityResult& v = v_run[Quantity::kValue];
  EXPECT_GT(v.nan_inputs, 0u);
  EXPECT_FALSE(v.nan_propagation.ok());
  EXPECT_TRUE(v.specials.ok());
}

TEST(SweepChecks, SpecialValues) {
  const KernelResult v_run = RunFake(Fake<Activation::kSigmoid, WrongAtInf>("fake/inf"));
  const QuantityResult& v = v_run[Quantity::kValue];
  EXPECT_FALSE(v.specials.ok());
  EXPECT_EQ(v.specials.first_x, std::numeric_limits<double>::infinity());
  const KernelResult z_run = RunFake(Fake<Activation::kTanh, TanhPositiveZero>("fake/zero"));
  const QuantityResult& z = z_run[Quantity::kValue];
  EXPECT_FALSE(z.specials.ok());
  EXPECT_EQ(z.specials.first_x, 0.0);
  EXPECT_TRUE(std::signbit(z.specials.first_x));  // -0 is the input that failed
}

TEST(SweepChecks, SubnormalFlush) {
  const Kernel k = Fake<Activation::kSigmoid, FlushesBelowMinus87>("fake/flush");
  const InputPlan<float> plan = SamplePlan<float>(k.activation, 24, 99);
  // Expected: inputs below -87.5 whose exact sigmoid is subnormal but at least the smallest.
  std::uint64_t expected = 0;
  for (const auto& list : plan.lists)
    for (float m : list) {
      const float x = -m;
      if (!(x < -87.5f)) continue;
      const double r = ref::Value<double>(Activation::kSigmoid, x);
      expected +=
          r < std::numeric_limits<float>::min() && r >= std::numeric_limits<float>::denorm_min();
    }
  ASSERT_GT(expected, 0u);
  const KernelResult v_run = RunFake(k);
  const QuantityResult& v = v_run[Quantity::kValue];
  EXPECT_EQ(v.subnormal_flushed, expected);
  EXPECT_LE(v.max_ulp_normal, 0.5 + 1e-6);  // flushing only hits subnormal results
  EXPECT_GT(v.max_ulp, 1.0);
}

TEST(SweepChecks, Symmetry) {
  const KernelResult v_run = RunFake(Fake<Activation::kTanh, TanhLopsided>("fake/lopsided"));
  const QuantityResult& v = v_run[Quantity::kValue];
  EXPECT_GE(v.symmetry_max_ulp, 1.0);
  EXPECT_LE(v.symmetry_max_ulp, 2.0);
  const KernelResult g_run = RunFake(Fake<Activation::kTanh, Good<Activation::kTanh>>("fake/tanh"));
  const QuantityResult& g = g_run[Quantity::kValue];
  EXPECT_EQ(g.symmetry_max_ulp, 0.0);  // float(tanh) is exactly odd
}

// ---- plans, determinism ----------------------------------------------------------------------

TEST(SamplePlan, CoversEveryBinadeTheSeedGridAndSpecials) {
  const InputPlan<float> plan = SamplePlan<float>(Activation::kTanh, 16, 5);
  std::set<int> exponents, subnormal_tops;
  std::set<std::uint32_t> bits;
  for (const auto& list : plan.lists) {
    for (float m : list) {
      const std::uint32_t b = std::bit_cast<std::uint32_t>(m);
      bits.insert(b);
      EXPECT_FALSE(std::signbit(m));
      if (b >= 0x7f800000u) continue;
      if (b >> 23)
        exponents.insert(static_cast<int>(b >> 23));
      else if (b)
        subnormal_tops.insert(std::bit_width(b));
    }
    // Sorted by bit pattern, which is what the monotonicity check walks.
    EXPECT_TRUE(std::is_sorted(list.begin(), list.end(), [](float a, float b) {
      return std::bit_cast<std::uint32_t>(a) < std::bit_cast<std::uint32_t>(b);
    }));
  }
  EXPECT_EQ(exponents.size(), 254u);      // every normal binade
  EXPECT_EQ(subnormal_tops.size(), 23u);  // every subnormal "binade"
  for (int i = 0; i < 200; ++i) {
    const float x = static_cast<float>(-10.0 + 0.1 * i);
    EXPECT_TRUE(bits.count(std::bit_cast<std::uint32_t>(std::fabs(x)))) << x;
  }
  for (float s :
       {0.0f, std::numeric_limits<float>::denorm_min(), std::numeric_limits<float>::infinity()})
    EXPECT_TRUE(bits.count(std::bit_cast<std::uint32_t>(s))) << s;
  EXPECT_TRUE(std::any_of(bits.begin(), bits.end(), [](std::uint32_t b) {
    return b > 0x7f800000u;  // a NaN
  }));
  // Same seed, same plan; another seed, another sample (compared by bits: NaNs are in it).
  auto bits_of = [](const InputPlan<float>& p) {
    std::vector<std::vector<std::uint32_t>> out;
    for (const auto& list : p.lists) {
      out.emplace_back();
      for (float m : list) out.back().push_back(std::bit_cast<std::uint32_t>(m));
    }
    return out;
  };
  EXPECT_TRUE(bits_of(SamplePlan<float>(Activation::kTanh, 16, 5)) == bits_of(plan));
  EXPECT_FALSE(bits_of(SamplePlan<float>(Activation::kTanh, 16, 6)) == bits_of(plan));
}

// Around a root of f' the textbook gradient cancels: PyTorch's Phi + x phi for GELU is off by
// millions of ULP there but only a few 1e-8 in absolute terms; the careful kernel is not. The
// bounds are the measured figures (points = 64) with a small margin.
TEST(SweepChecks, GradientNearTheRootInUlpAndAbsolute) {
  SweepOptions o;
  o.points = 64;
  const std::vector<KernelResult> res =
      Sweep(MatchKernels("gelu/erf/scalar/f32,gelu/erfc-wide/scalar/f32,silu/exp-div/scalar/f32"),
            o);
  ASSERT_EQ(res.size(), 3u);
  const QuantityResult& naive = res[0][Quantity::kGradX];
  const QuantityResult& wide = res[1][Quantity::kGradX];
  ASSERT_TRUE(naive.near_root_applies && wide.near_root_applies);
  EXPECT_FALSE(res[0][Quantity::kValue].near_root_applies);
  EXPECT_GT(naive.near_root_max_ulp, 1e6);  // measured 2.0e7
  EXPECT_NEAR(naive.near_root_max_ulp_x, -0.7518, 0.25);
  EXPECT_LT(naive.near_root_max_abs, 6e-8);  // measured 4.9e-8
  EXPECT_LE(wide.near_root_max_ulp, 0.61);   // its claim
  EXPECT_LT(wide.near_root_max_abs, 8e-9);   // measured 7.4e-9
  // x sigma(x)'s textbook gradient at SiLU's root, -1.2785
  const QuantityResult& silu = res[2][Quantity::kGradX];
  EXPECT_GT(silu.near_root_max_ulp, 1e6);
  EXPECT_NEAR(silu.near_root_max_ulp_x, -1.2785, 0.25);
  // The sample runs through the root itself: its float and both neighbours are in it.
  const InputPlan<float> plan = SamplePlan<float>(Activation::kSilu, 64, kDefaultSeed);
  const std::uint32_t root = std::bit_cast<std::uint32_t>(1.2784645f);
  for (std::uint32_t b : {root - 1, root, root + 1}) {
    EXPECT_TRUE(std::any_of(plan.lists.begin(), plan.lists.end(), [&](const auto& list) {
      return std::find(list.begin(), list.end(), std::bit_cast<float>(b)) != list.end();
    })) << std::bit_cast<float>(b);
  }
  // No root, no figure.
  SweepOptions one;
  one.points = 4;
  EXPECT_FALSE(Sweep(MatchKernels("relu/max/scalar/f32"), one)[0][Quantity::kGradX]
                   .near_root_applies);
}

TEST(SamplePlan, Float64IsSmallerButCoversBinades) {
  const InputPlan<double> plan = SamplePlan<double>(Activation::kSigmoid, 64, 1);
  std::set<std::uint64_t> exponents;
  std::size_t total = 0;
  for (const auto& list : plan.lists) {
    total += list.size();
    for (double m : list) {
      const std::uint64_t b = std::bit_cast<std::uint64_t>(m);
      if (b < 0x7ff0000000000000ull && (b >> 52)) exponents.insert(b >> 52);
    }
  }
  EXPECT_EQ(exponents.size(), 2046u);
  EXPECT_LT(total, 100000u);
}

TEST(Sweep, ResultsDoNotDependOnThreads) {
  std::vector<const Kernel*> ks =
      MatchKernels("tanh/*/scalar/f32,sigmoid/split-exp-div/scalar/f64");
  ASSERT_GE(ks.size(), 2u);
  SweepOptions one;
  one.points = 16, one.threads = 1;
  SweepOptions three = one;
  three.threads = 3;
  const auto a = Sweep(ks, one), b = Sweep(ks, three);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (int q = 0; q < 3; ++q) {
      const QuantityResult &x = a[i].q[q], &y = b[i].q[q];
      EXPECT_EQ(x.points, y.points);
      EXPECT_EQ(std::bit_cast<std::uint64_t>(x.max_ulp), std::bit_cast<std::uint64_t>(y.max_ulp));
      EXPECT_EQ(std::bit_cast<std::uint64_t>(x.max_ulp_x),
                std::bit_cast<std::uint64_t>(y.max_ulp_x));
      EXPECT_EQ(std::bit_cast<std::uint64_t>(x.mean_ulp), std::bit_cast<std::uint64_t>(y.mean_ulp));
      EXPECT_EQ(std::bit_cast<std::uint64_t>(x.max_abs_x),
                std::bit_cast<std::uint64_t>(y.max_abs_x));
      EXPECT_EQ(x.monotonic.failures, y.monotonic.failures);
      EXPECT_EQ(std::bit_cast<std::uint64_t>(x.monotonic.first_x),
                std::bit_cast<std::uint64_t>(y.monotonic.first_x));
      EXPECT_EQ(std::bit_cast<std::uint64_t>(x.symmetry_x),
                std::bit_cast<std::uint64_t>(y.symmetry_x));
    }
  }
}

TEST(Sweep, RangeThroughInfinityAndNan) {
  // The top of the float range: largest finites, +inf, then NaN patterns, as the exhaustive
  // sweep's last blocks see them.
  const Kernel* k = FindKernel("tanh/std/scalar/f32");
  ASSERT_NE(k, nullptr);
  InputPlan<float> plan;
  plan.range_begin = 0x7f7ff000u;
  plan.range_end = 0x7f801000u;
  const std::vector<const Kernel*> ks = {k};
  const KernelResult r =
      SweepPlan<float>(k->activation, ks, plan,
                       Opts(2, Mode::kExhaustive))[0];
  const QuantityResult& v = r[Quantity::kValue];
  EXPECT_EQ(v.points, 2u * 0x1000u);  // finite magnitudes, both signs
  EXPECT_EQ(v.nan_inputs, 2u * 0xfffu);
  EXPECT_TRUE(v.specials.ok());         // tanh(+-inf) = +-1
  EXPECT_TRUE(v.nan_propagation.ok());  // std::tanh keeps NaN
  EXPECT_TRUE(v.monotonic.ok());
  EXPECT_EQ(v.max_ulp, 0.0);  // +-1 everywhere up there
  EXPECT_EQ(r.mode, Mode::kExhaustive);
}

TEST(Sweep, ExhaustivePlanIsEveryFloat) {
  const InputPlan<float> plan = ExhaustivePlan<float>();
  EXPECT_TRUE(plan.lists.empty());
  EXPECT_EQ(plan.range_begin, 0u);
  EXPECT_EQ(plan.range_end, std::uint64_t{1} << 31);  // every magnitude, each with both signs
}

// ---- command line ----------------------------------------------------------------------------

std::string Parse(std::vector<std::string> args, CliOptions* o) {
  args.insert(args.begin(), "actbench-accuracy");
  return ParseCli(args, o);
}

TEST(Cli, AcceptsEveryOption) {
  CliOptions o;
  EXPECT_EQ(
      Parse({"--mode", "exhaustive", "--kernels", "tanh/*", "--out=/tmp/x.csv", "--threads", "3",
             "--points=64", "--seed", "7", "--machine", "m1", "--check-claims", "--quiet"},
            &o),
      "");
  EXPECT_EQ(o.sweep.mode, Mode::kExhaustive);
  EXPECT_EQ(o.kernels, "tanh/*");
  EXPECT_EQ(o.out, "/tmp/x.csv");
  EXPECT_EQ(o.sweep.threads, 3u);
  EXPECT_EQ(o.sweep.points, 64u);
  EXPECT_EQ(o.sweep.seed, 7u);
  EXPECT_EQ(o.machine, "m1");
  EXPECT_TRUE(o.check_claims && o.quiet);
  CliOptions d;
  EXPECT_EQ(Parse({}, &d), "");
  EXPECT_EQ(d.sweep.mode, Mode::kSample);
  EXPECT_EQ(d.out, "reports/accuracy.csv");
  EXPECT_EQ(d.sweep.points, kDefaultPoints);
  CliOptions h;
  EXPECT_EQ(Parse({"--help"}, &h), "");
  EXPECT_TRUE(h.help);
}

TEST(Cli, ExplainsMistakes) {
  auto error = [](std::vector<std::string> args) {
    CliOptions o;
    return Parse(std::move(args), &o);
  };
  EXPECT_NE(error({"--mode", "fast"}).find("use sample or exhaustive"), std::string::npos);
  EXPECT_NE(error({"--threads", "0"}).find("from 1 to 1024"), std::string::npos);
  EXPECT_NE(error({"--threads", "two"}).find("got 'two'"), std::string::npos);
  EXPECT_NE(error({"--points", "-5"}).find("--points wants"), std::string::npos);
  EXPECT_NE(error({"--seed"}).find("--seed wants"), std::string::npos);
  EXPECT_NE(error({"--bogus"}).find("unknown argument '--bogus'"), std::string::npos);
  EXPECT_NE(error({"--quiet=1"}).find("unknown argument"), std::string::npos);
  // A glob with no match names close ids; every glob of a list must match.
  const std::string e = error({"--kernels", "tanh/std/scalar/f33"});
  EXPECT_NE(e.find("no kernel id matches 'tanh/std/scalar/f33'"), std::string::npos);
  EXPECT_NE(e.find("tanh/std/scalar/f32"), std::string::npos);
  EXPECT_NE(error({"--kernels", "relu/*,nosuch*"}).find("'nosuch*'"), std::string::npos);
  EXPECT_EQ(error({"--kernels", "relu/*,tanh/std/*"}), "");
  // An empty term is an error, not "everything" (',') or ignored ('relu/*,').
  EXPECT_NE(error({"--kernels", ","}).find("empty term"), std::string::npos);
  EXPECT_NE(error({"--kernels=relu/*,"}).find("empty term"), std::string::npos);
  // The machine key follows scripts/collect-bench's rule.
  EXPECT_NE(error({"--machine", "a,b"}).find("without commas"), std::string::npos);
  EXPECT_NE(error({"--machine", " "}).find("non-empty"), std::string::npos);
}

TEST(Cli, ShardAndMergeOptions) {
  auto error = [](std::vector<std::string> args, CliOptions* o) { return Parse(std::move(args), o); };
  CliOptions o;
  EXPECT_EQ(error({"--shard", "3/8"}, &o), "");
  EXPECT_EQ(o.sweep.shard.index, 3u);
  EXPECT_EQ(o.sweep.shard.count, 8u);
  EXPECT_EQ(o.out, "reports/accuracy.shard-3-of-8");
  for (const char* bad : {"0/2", "3/2", "2", "a/b", "1/0", "/"}) {
    CliOptions b;
    EXPECT_NE(error({"--shard", bad}, &b).find("--shard wants K/N"), std::string::npos) << bad;
  }
  CliOptions m;
  EXPECT_EQ(error({"--merge", "a", "b"}, &m), "");
  EXPECT_EQ(m.merge_files, (std::vector<std::string>{"a", "b"}));
  CliOptions x;
  EXPECT_NE(error({"a"}, &x).find("files are read only with --merge"), std::string::npos);
  CliOptions y;
  EXPECT_NE(error({"--merge"}, &y).find("needs the shard files"), std::string::npos);
  CliOptions z;
  EXPECT_NE(error({"--merge", "--kernels", "relu/*", "a"}, &z).find("--kernels does not apply"),
            std::string::npos);
  CliOptions w;
  EXPECT_NE(error({"--merge", "--shard", "1/2", "a"}, &w).find("do not go together"),
            std::string::npos);
}

// The kernels run in the environment asked for, and only they: the same sweep under FTZ/DAZ
// finds what frameworks built that way see (the gradient of sigmoid at x = 86.88, exactly
// 1.86e-38 and normal, computed through flushed subnormal intermediates), and the process's
// own MXCSR does not leak into the default sweep.
TEST(FpEnv, KernelsRunInTheRequestedEnvironment) {
  const std::vector<const Kernel*> ks = {FindKernel("sigmoid/rr2-p5-div/avx2/f32"),
                                         FindKernel("relu/max/scalar/f32")};
  ASSERT_TRUE(ks[0] && ks[1]);
  if (!CpuSupports(*ks[0])) GTEST_SKIP() << "no AVX2";
  SweepOptions o;
  o.points = 64, o.threads = 2;
  const std::vector<KernelResult> ieee = Sweep(ks, o);
  o.fp_env = FpEnv::kFtz;
  const std::vector<KernelResult> ftz = Sweep(ks, o);
  EXPECT_LE(ieee[0][Quantity::kGradX].max_ulp_normal, ks[0]->claim.grad_x);
  EXPECT_GT(ftz[0][Quantity::kGradX].max_ulp_normal, 1e6);
  // relu under DAZ reads the smallest subnormal as 0: its gradient there is 0, not 1.
  EXPECT_EQ(ieee[1][Quantity::kGradX].max_ulp_normal, 0);
  EXPECT_GT(ftz[1][Quantity::kGradX].max_ulp_normal, 1e6);
  // A process running with FTZ/DAZ set gets the default sweep all the same.
  {
    const ScopedFpEnv process(FpEnv::kFtz);
    o.fp_env = FpEnv::kDefault;
    const std::vector<KernelResult> again = Sweep(ks, o);
    EXPECT_EQ(again[0][Quantity::kGradX].max_ulp_normal, ieee[0][Quantity::kGradX].max_ulp_normal);
  }
  RunMeta meta;
  EXPECT_NE(ToCsv(ieee, meta).find(",default (mxcsr 0x1f80),"), std::string::npos);
  meta.fp_env = FpEnv::kFtz;
  EXPECT_NE(ToCsv(ftz, meta).find(",ftz (mxcsr 0x9fc0),"), std::string::npos);
}

// float64 cannot be swept exhaustively: the search around the worst sampled inputs of an
// activation's kernels finds what the sample misses. Mish through xsimd's tanh(log1p(exp))
// near x = -713.6 is off by 8.8e15 ULP (the exact value is a normal number just above
// float64's smallest); the sample does not see it, but PyTorch's Mish has its worst sampled
// input at -714.4, and the search around it, run for every kernel of the activation, lands
// there. The result records where the search started and counts its inputs.
TEST(WorstCaseSearch, FindsWhatTheSampleMisses) {
  const Kernel* k = FindKernel("mish/xsimd-tanh-log1p-exp/sse4.2/f64");
  const Kernel* lead = FindKernel("mish/torch/avx2/f64");
  ASSERT_NE(k, nullptr);
  if (lead == nullptr) GTEST_SKIP() << "needs the torch peer (a build with libtorch)";
  if (!CpuSupports(*lead)) GTEST_SKIP() << "no AVX2";
  const std::vector<const Kernel*> ks = {lead, k};
  const std::size_t i = 1;
  SweepOptions o;
  o.threads = 2;
  o.search_rounds = 0;
  const KernelResult sampled = Sweep(ks, o)[i];
  o.search_rounds = 3;
  const KernelResult searched = Sweep(ks, o)[i];
  const QuantityResult &a = sampled[Quantity::kValue], &b = searched[Quantity::kValue];
  EXPECT_TRUE(std::isnan(a.search_from));
  EXPECT_EQ(b.search_from, a.max_ulp_normal);
  EXPECT_LT(a.max_ulp_normal, 10);
  EXPECT_GT(b.max_ulp_normal, 1e15);
  EXPECT_LT(b.max_ulp_normal_x, -700);
  EXPECT_GT(b.search_points, 1000u);
  EXPECT_EQ(b.points, a.points + b.search_points);
  EXPECT_LE(b.max_ulp_normal, k->claim.value);  // the claim includes it
}

// ---- exact sums and shards ----------------------------------------------------------------

// ---- the first float32 scorer ---------------------------------------------------------------

// Everything an accumulator holds, bit for bit.
std::vector<std::uint64_t> AccBits(const detail::Acc& a) {
  std::vector<std::uint64_t> v = {a.points, a.numbers, a.correctly_rounded, a.flushed,
                                  a.nan_mismatch, a.inf_mismatch, a.specials.n};
  for (const detail::MaxAt* m : {&a.ulp, &a.ulp_normal, &a.abs, &a.rel, &a.symmetry})
    v.insert(v.end(), {std::bit_cast<std::uint64_t>(m->v), std::bit_cast<std::uint64_t>(m->x),
                       m->key});
  return v;
}

// Chunks of c pairs with results close to, equal to, far from and flushed below references
// of every kind (zero, subnormal, normal, huge), the sweep's layout (+m then -m).
struct PairChunk {
  std::vector<float> x, mags, y;
  std::vector<double> r, inv_ulp, inv_abs;
  detail::RefChunkF32 Ref() const { return {r.data(), inv_ulp.data(), inv_abs.data()}; }
};
PairChunk MakePairChunk(std::size_t c, std::uint64_t seed) {
  SplitMix64 rng{seed};
  PairChunk p;
  p.mags.resize(c);
  for (float& m : p.mags) m = std::ldexp(static_cast<float>(1 + rng.Unit()), static_cast<int>(rng.Below(40)) - 20);
  p.x.resize(2 * c);
  for (std::size_t k = 0; k < c; ++k) p.x[k] = p.mags[k], p.x[c + k] = -p.mags[k];
  p.r.resize(2 * c), p.y.resize(2 * c);
  for (std::size_t i = 0; i < 2 * c; ++i) {
    const int kind = static_cast<int>(rng.Below(6));
    const double r = kind == 0   ? 0.0
                     : kind == 1 ? std::ldexp(rng.Unit(), -140)  // subnormal in float
                     : kind == 2 ? std::ldexp(rng.Unit() + 1, 100)
                                 : (rng.Unit() - 0.5) * 4;
    p.r[i] = r;
    const float near = static_cast<float>(r);
    const int how = static_cast<int>(rng.Below(4));
    p.y[i] = how == 0   ? near
             : how == 1 ? std::nextafter(near, 10.0f)
             : how == 2 ? 0.0f
                        : near * static_cast<float>(1 + (rng.Unit() - 0.5) * 1e-3);
  }
  for (std::size_t i = 0; i < 2 * c; ++i) {
    p.inv_ulp.push_back(InvUlpF32(p.r[i]));
    p.inv_abs.push_back(1 / std::fabs(p.r[i]));
  }
  return p;
}

TEST(ScorePairs, EveryTargetGivesTheSameBits) {
  using Fn = decltype(&detail::ScorePairsF32_baseline);
  std::vector<std::pair<const char*, Fn>> targets = {{"baseline", &detail::ScorePairsF32_baseline}};
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    targets.emplace_back("avx2", &detail::ScorePairsF32_avx2);
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw"))
    targets.emplace_back("avx512", &detail::ScorePairsF32_avx512);
  if (targets.size() < 2) GTEST_SKIP() << "one vector target on this CPU: nothing to compare";
  const detail::SymmetryForm form = detail::FormOf(Symmetry::kComplement, false);
  for (std::size_t c : {std::size_t{2048}, std::size_t{13}, std::size_t{1}, std::size_t{40}}) {
    const PairChunk p = MakePairChunk(c, 7 + c);
    for (const detail::SymmetryForm* sym : {&form, static_cast<const detail::SymmetryForm*>(nullptr)}) {
      std::vector<std::uint64_t> first;
      std::uint64_t first_sum = 0;
      for (const auto& [name, fn] : targets) {
        SCOPED_TRACE(std::string(name) + " c=" + std::to_string(c));
        detail::Acc a;
        double sum = -1;
        ASSERT_TRUE(fn(p.x.data(), p.mags.data(), p.y.data(), p.Ref(), c, sym, 0, a, sum));
        if (first.empty()) {
          first = AccBits(a), first_sum = std::bit_cast<std::uint64_t>(sum);
          continue;
        }
        EXPECT_EQ(AccBits(a), first);
        EXPECT_EQ(std::bit_cast<std::uint64_t>(sum), first_sum);
      }
    }
  }
}

TEST(ScorePairs, AgreesWithTheGeneralScorers) {
  const detail::SymmetryForm form = detail::FormOf(Symmetry::kComplement, false);
  for (std::size_t c : {std::size_t{2048}, std::size_t{13}}) {
    const PairChunk p = MakePairChunk(c, 99 + c);
    detail::Acc fast, general;
    double sum = -1;
    ASSERT_TRUE(detail::ScorePairsF32(p.x.data(), p.mags.data(), p.y.data(), p.Ref(), c, &form,
                                      5, fast, sum));
    const double general_sum =
        detail::ScoreErrors(false, p.x.data(), p.y.data(), p.r.data(), 2 * c, 5, general);
    detail::ScoreSymmetry(Symmetry::kComplement, false, p.mags.data(), p.y.data(),
                          p.y.data() + c, c, 5, general);
    EXPECT_EQ(AccBits(fast), AccBits(general)) << "c=" << c;
    EXPECT_NEAR(sum, general_sum, 1e-12 * general_sum);  // the same terms, in another order
    // A result that is not finite hands the chunk to the general scorers, untouched.
    PairChunk bad = p;
    bad.y[c / 2] = std::numeric_limits<float>::infinity();
    detail::Acc untouched;
    double s2 = -1;
    EXPECT_FALSE(detail::ScorePairsF32(bad.x.data(), bad.mags.data(), bad.y.data(), bad.Ref(),
                                       c, &form, 5, untouched, s2));
    EXPECT_EQ(AccBits(untouched), AccBits(detail::Acc{}));
    EXPECT_EQ(s2, -1);
  }
}

TEST(ExactSum, IsExactAndOrderIndependent) {
  ExactSum a;
  a.Add(1.0);
  a.Add(0x1p-53);  // a tie: rounds to even, 1
  EXPECT_EQ(a.Value(), 1.0);
  a.Add(0x1p-1074);  // now just above the tie
  EXPECT_EQ(a.Value(), 1.0 + 0x1p-52);
  ExactSum b;
  b.Add(0x1p-1074);
  b.Add(0x1p-1074);
  EXPECT_EQ(b.Value(), 0x1p-1073);  // subnormal, exact
  ExactSum c;
  c.Add(1e308);
  c.Add(1e308);  // the sum overflows double: inf when read, exact inside
  EXPECT_TRUE(std::isinf(c.Value()));
  // Many terms of every size: the same bits in any order, and the exact sum (long double
  // holds it here: 64-bit mantissa, terms from 2^-20 to 2^20 with 20-bit mantissas).
  SplitMix64 rng{7};
  std::vector<double> terms;
  long double exact = 0;
  for (int i = 0; i < 4000; ++i) {
    const double t = std::ldexp(static_cast<double>(rng.Below(1u << 20)), static_cast<int>(rng.Below(41)) - 40);
    terms.push_back(t);
    exact += t;
  }
  ExactSum fwd, rev, halves, other;
  for (double t : terms) fwd.Add(t);
  for (auto it = terms.rbegin(); it != terms.rend(); ++it) rev.Add(*it);
  for (std::size_t i = 0; i < terms.size(); ++i) (i % 2 ? halves : other).Add(terms[i]);
  halves.Merge(other);
  EXPECT_EQ(fwd, rev);
  EXPECT_EQ(fwd, halves);
  EXPECT_EQ(fwd.Value(), static_cast<double>(exact));
  ExactSum back;
  ASSERT_TRUE(back.FromHex(fwd.ToHex()));
  EXPECT_EQ(back, fwd);
  EXPECT_FALSE(back.FromHex("12g"));
  EXPECT_FALSE(back.FromHex(""));
}

std::string CsvOf(std::vector<KernelResult> rs) {
  for (KernelResult& r : rs) r.seconds = 0;  // the only figure that is a time
  RunMeta meta;
  meta.machine = "m";
  return ToCsv(rs, meta);
}

// Three shards of a sweep (float32 and float64 samples, every bf16 input), merged, give the
// single run's report to the byte, through the shard file and directly.
TEST(Shards, MergeIntoExactlyTheSingleRun) {
  const std::vector<const Kernel*> ks = MatchKernels(
      "tanh/*/scalar/f32,sigmoid/split-exp-div/scalar/f64,silu/*/scalar/bf16,gelu/erf/scalar/f32");
  ASSERT_GE(ks.size(), 4u);
  SweepOptions whole;
  whole.points = 16, whole.threads = 2;
  const std::string expected = CsvOf(Sweep(ks, whole));
  std::vector<ShardFile> files;
  std::vector<KernelResult> direct;
  for (unsigned k : {2u, 3u, 1u}) {  // any order
    SweepOptions o = whole;
    o.shard = Shard{k, 3};
    const std::vector<KernelResult> part = Sweep(ks, o);
    if (direct.empty()) {
      direct = part;
    } else {
      for (std::size_t i = 0; i < part.size(); ++i) MergeInto(direct[i], part[i]);
    }
    ShardHeader h;
    h.shard = o.shard;
    h.points = 16;
    h.seed = o.seed;
    h.revision = "r";
    ShardFile f;
    std::string error;
    ASSERT_TRUE(ParseShardFile("s" + std::to_string(k), ToShardFile(part, h), &f, &error)) << error;
    files.push_back(f);
  }
  // The float64 worst-case search runs on the merged sample, as at the end of a single run.
  WorstCaseSearch(direct, whole);
  EXPECT_EQ(CsvOf(direct), expected);
  std::vector<KernelResult> merged;
  ShardHeader header;
  std::string error;
  ASSERT_TRUE(MergeShards(files, &merged, &header, &error)) << error;
  WorstCaseSearch(merged, whole);
  EXPECT_EQ(CsvOf(merged), expected);
  // A shard's own figures are not the run's: shard 1 alone misses inputs.
  EXPECT_NE(CsvOf(files[2].results), expected);

  // What the merge refuses, naming the files.
  auto refuse = [&](std::vector<ShardFile> fs, const std::string& needle) {
    std::vector<KernelResult> out;
    ShardHeader h;
    std::string e;
    EXPECT_FALSE(MergeShards(fs, &out, &h, &e)) << needle;
    EXPECT_NE(e.find(needle), std::string::npos) << e;
  };
  refuse({files[0], files[1]}, "shards missing: 1 of 3");
  refuse({files[0], files[1], files[1]}, "given twice");
  std::vector<ShardFile> other_seed = files;
  other_seed[1].header.seed = 99;
  refuse(other_seed, "is not a shard of the sweep of s2: sample (points, seed)");
  std::vector<ShardFile> skipped = files;
  skipped[2].results[0].skipped = true;
  refuse(skipped, "was skipped by s1");
  // A cut file and a foreign one are refused with their line.
  ShardHeader h;
  h.shard = Shard{1, 3};
  const std::string text = ToShardFile(files[0].results, h);
  ShardFile f;
  std::string e;
  EXPECT_FALSE(ParseShardFile("cut", text.substr(0, text.size() / 2), &f, &e));
  EXPECT_NE(e.find("cut:"), std::string::npos) << e;
  EXPECT_FALSE(ParseShardFile("csv", "kernel,activation\n", &f, &e));
  EXPECT_NE(e.find("not an actbench-accuracy shard file"), std::string::npos) << e;
}

// A report that cannot be written is refused with the options, before any sweep (it used to
// be found out when the sweep, hours long with --mode exhaustive, was over).
TEST(Cli, RefusesAnUnwritableReportBeforeTheSweep) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("actbench-cli-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "folder");
  { std::ofstream(dir / "file") << "x"; }
  CliOptions o;
  const std::string below_file = (dir / "file" / "accuracy.csv").string();
  EXPECT_NE(Parse({"--out", below_file}, &o).find(below_file), std::string::npos);
  EXPECT_NE(Parse({"--out", (dir / "folder").string()}, &o).find("Is a directory"),
            std::string::npos);
  EXPECT_NE(Parse({"--out", "/proc/actbench/accuracy.csv"}, &o), "");
  // A new folder is made; nothing is left in it.
  EXPECT_EQ(Parse({"--out", (dir / "new" / "accuracy.csv").string()}, &o), "");
  EXPECT_TRUE(fs::is_empty(dir / "new"));
  EXPECT_EQ(Parse({"--out", "/dev/null"}, &o), "");
  fs::remove_all(dir);
}

// ---- report --------------------------------------------------------------------------------

std::vector<std::string> SplitCsvLine(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
        out.back() += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

TEST(Report, CsvHasTheDocumentedColumnsAndOneRowPerQuantity) {
  std::vector<const Kernel*> ks = MatchKernels("relu/max/scalar/f32,tanh/std/scalar/f64");
  SweepOptions o;
  o.points = 8;
  std::vector<KernelResult> res = Sweep(ks, o);
  // A kernel this CPU "lacks", to see the skipped rows.
  KernelResult skipped = res[0];
  skipped.skipped = true;
  for (auto& q : skipped.q) q.status = Status::kSkipped;
  res.push_back(skipped);
  RunMeta meta = CollectRunMeta("test-machine");
  meta.command = "actbench-accuracy --kernels \"a,b\"";
  std::istringstream csv(ToCsv(res, meta));
  std::string line;
  std::getline(csv, line);
  const std::vector<std::string> header = SplitCsvLine(line);
  const std::vector<std::string> required = {"kernel",
                                             "activation",
                                             "family",
                                             "isa",
                                             "dtype",
                                             "quantity",
                                             "mode",
                                             "status",
                                             "points",
                                             "max_ulp",
                                             "max_ulp_x",
                                             "max_ulp_normal",
                                             "max_ulp_normal_x",
                                             "mean_ulp",
                                             "max_abs",
                                             "max_abs_x",
                                             "max_rel",
                                             "correctly_rounded",
                                             "nan_mismatch",
                                             "inf_mismatch",
                                             "subnormal_flushed",
                                             "claim_ulp",
                                             "claim_ok",
                                             "range_ok",
                                             "monotonic_ok",
                                             "symmetry_max_ulp",
                                             "specials_ok",
                                             "nan_propagation_ok",
                                             "machine",
                                             "cpu",
                                             "compiler",
                                             "revision",
                                             "date",
                                             "seconds"};
  ASSERT_GE(header.size(), required.size());
  for (std::size_t i = 0; i < required.size(); ++i) EXPECT_EQ(header[i], required[i]);
  std::vector<std::vector<std::string>> rows;
  while (std::getline(csv, line)) rows.push_back(SplitCsvLine(line));
  ASSERT_EQ(rows.size(), 3 * res.size());
  auto col = [&](const std::vector<std::string>& row, const std::string& name) {
    return row[static_cast<std::size_t>(std::find(header.begin(), header.end(), name) -
                                        header.begin())];
  };
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), header.size());
    EXPECT_EQ(col(row, "machine"), "test-machine");
    EXPECT_EQ(col(row, "command"), meta.command);  // commas and quotes survive
  }
  EXPECT_EQ(col(rows[0], "kernel"), "relu/max/scalar/f32");
  EXPECT_EQ(col(rows[0], "quantity"), "value");
  EXPECT_EQ(col(rows[0], "status"), "ok");
  EXPECT_EQ(col(rows[0], "max_ulp"), "0");
  EXPECT_EQ(col(rows[0], "range_ok"), "1");
  EXPECT_EQ(col(rows[0], "symmetry_max_ulp"), "");  // relu has no symmetry
  EXPECT_EQ(col(rows[1], "monotonic_ok"), "");      // checked on the value only
  EXPECT_EQ(col(rows[3], "dtype"), "f64");
  EXPECT_NE(col(rows[3], "symmetry_max_ulp"), "");
  EXPECT_EQ(col(rows[1], "near_root_max_ulp"), "");  // relu' has no root
  EXPECT_EQ(col(rows[6], "status"), "skipped");
  EXPECT_EQ(col(rows[6], "max_ulp"), "");
  EXPECT_EQ(col(rows[6], "claim_ulp"), "0");
  EXPECT_FALSE(ToTable(res).empty());
}

TEST(RunInfo, AtomicWriteReplacesAndCleansUp) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("actbench-runinfo-" + std::to_string(getpid()));
  fs::remove_all(dir);
  const std::string path = (dir / "sub" / "report.csv").string();
  std::string error;
  ASSERT_TRUE(runinfo::WriteFileAtomic(path, "first\n", &error)) << error;
  ASSERT_TRUE(runinfo::WriteFileAtomic(path, "second\n", &error)) << error;
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "second\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir / "sub"), fs::directory_iterator()), 1);
  // A path below a regular file cannot be written: a message, no exception, no debris.
  const std::string bad = (dir / "sub" / "report.csv" / "x.csv").string();
  EXPECT_FALSE(runinfo::WriteFileAtomic(bad, "x", &error));
  EXPECT_NE(error.find("report.csv"), std::string::npos) << error;
  EXPECT_EQ(std::distance(fs::directory_iterator(dir / "sub"), fs::directory_iterator()), 1);
  fs::remove_all(dir);
}

// A report path that is not a regular file is never replaced: a symbolic link stays a link
// (the file it names gets the report), a device or FIFO is written through, a directory is an
// error. (Renaming over them turned /dev/null, a link or a FIFO into a regular file.)
TEST(RunInfo, AtomicWriteKeepsLinksDevicesAndFifos) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("actbench-paths-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto read = [](const fs::path& p) {
    std::ifstream in(p);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  std::string error;

  // A link to a regular file, relative as `ln -s` makes it.
  {
    std::ofstream(dir / "target.csv") << "old\n";
  }
  fs::create_symlink("target.csv", dir / "link.csv");
  ASSERT_TRUE(runinfo::WriteFileAtomic((dir / "link.csv").string(), "new\n", &error)) << error;
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir / "link.csv")));
  EXPECT_EQ(read(dir / "target.csv"), "new\n");

  // A link to /dev/null (the device itself is never at risk here: only the link could be
  // replaced).
  fs::create_symlink("/dev/null", dir / "null");
  ASSERT_TRUE(runinfo::WriteFileAtomic((dir / "null").string(), "gone\n", &error)) << error;
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir / "null")));
  EXPECT_TRUE(fs::is_character_file(fs::status("/dev/null")));

  // A FIFO: written through to its reader.
  const fs::path fifo = dir / "fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0) << std::strerror(errno);
  std::string got;
  std::thread reader([&] { got = read(fifo); });
  const bool wrote = runinfo::WriteFileAtomic(fifo.string(), "through\n", &error);
  reader.join();
  EXPECT_TRUE(wrote) << error;
  EXPECT_EQ(got, "through\n");
  EXPECT_TRUE(fs::is_fifo(fs::symlink_status(fifo)));

  // A directory: an error that names it, and it stays a directory.
  fs::create_directories(dir / "reports");
  EXPECT_FALSE(runinfo::WriteFileAtomic((dir / "reports").string(), "x", &error));
  EXPECT_NE(error.find("reports"), std::string::npos) << error;
  EXPECT_TRUE(fs::is_directory(dir / "reports"));

  // Nothing left behind: the five entries made above and no temporary file.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 5);
  fs::remove_all(dir);
}

TEST(RunInfo, Metadata) {
  EXPECT_FALSE(runinfo::Hostname().empty());
  EXPECT_FALSE(runinfo::CpuModel().empty());
  EXPECT_NE(runinfo::Compiler().find_first_of("0123456789"), std::string::npos);
  EXPECT_FALSE(runinfo::GitRevision().empty());
  const std::string date = runinfo::IsoDateUtc();
  ASSERT_EQ(date.size(), 20u);
  EXPECT_EQ(date[10], 'T');
  EXPECT_EQ(date.back(), 'Z');
  EXPECT_EQ(runinfo::CsvField("plain"), "plain");
  EXPECT_EQ(runinfo::CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(runinfo::CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
}

}  // namespace
}  // namespace actbench::acc
