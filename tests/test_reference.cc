// The references the accuracy figures rest on:
//  - the gold tier (accuracy/gold.h: ref::Value / GradX / GradFromY in 134-bit MPFR through
//    Boost.Multiprecision) against MPFR's own functions called directly at 256 bits
//    (mpfr_tanh, mpfr_exp, mpfr_cosh), ~300 points per activation;
//  - the fast tier (the same formulas in double, used for float32 sweeps) against gold on
//    millions of float inputs, hard regions included: its error must stay far below what the
//    sweep reports (< 1e-6 float ULP).
#include <gtest/gtest.h>
#include <mpfr.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "accuracy/activation.h"
#include "accuracy/gold.h"
#include "accuracy/ulp.h"
#include "util/splitmix64.h"

namespace actbench {
namespace {

// ---- gold against MPFR's C API --------------------------------------------------------

// A 256-bit MPFR number with RAII.
struct Mp {
  mpfr_t v;
  Mp() { mpfr_init2(v, 256); }
  explicit Mp(double x) : Mp() { mpfr_set_d(v, x, MPFR_RNDN); }
  ~Mp() { mpfr_clear(v); }
  Mp(const Mp&) = delete;
  Mp& operator=(const Mp&) = delete;
};

// f and f' of each activation written the way MPFR computes them best, independent of the
// descriptors: sigmoid = 1/(1+e^-x), sigmoid' = 1/(4 cosh^2(x/2)), tanh' = 1/cosh^2(x). Every
// activation of the list needs one here (the test says which is missing).
struct Oracle {
  void (*value)(double x, Mp& out);
  void (*grad)(double x, Mp& out);
};

void ReluValue(double x, Mp& out) { mpfr_set_d(out.v, x > 0 ? x : 0.0, MPFR_RNDN); }
void ReluGrad(double x, Mp& out) { mpfr_set_d(out.v, x > 0 ? 1.0 : 0.0, MPFR_RNDN); }

void SigmoidValue(double x, Mp& out) {
  Mp t;
  mpfr_set_d(t.v, -x, MPFR_RNDN);
  mpfr_exp(t.v, t.v, MPFR_RNDN);
  mpfr_add_ui(t.v, t.v, 1, MPFR_RNDN);
  mpfr_ui_div(out.v, 1, t.v, MPFR_RNDN);
}
void SigmoidGrad(double x, Mp& out) {
  Mp t;
  mpfr_set_d(t.v, x / 2, MPFR_RNDN);  // x/2 is exact
  mpfr_cosh(t.v, t.v, MPFR_RNDN);
  mpfr_sqr(t.v, t.v, MPFR_RNDN);
  mpfr_mul_ui(t.v, t.v, 4, MPFR_RNDN);
  mpfr_ui_div(out.v, 1, t.v, MPFR_RNDN);
}

void TanhValue(double x, Mp& out) {
  Mp t;
  mpfr_set_d(t.v, x, MPFR_RNDN);
  mpfr_tanh(out.v, t.v, MPFR_RNDN);
}
void TanhGrad(double x, Mp& out) {
  Mp t;
  mpfr_set_d(t.v, x, MPFR_RNDN);
  mpfr_cosh(t.v, t.v, MPFR_RNDN);
  mpfr_sqr(t.v, t.v, MPFR_RNDN);
  mpfr_ui_div(out.v, 1, t.v, MPFR_RNDN);
}

const Oracle* OracleFor(std::string_view name) {
  static const std::map<std::string_view, Oracle> kOracles = {
      {"relu", {ReluValue, ReluGrad}},
      {"sigmoid", {SigmoidValue, SigmoidGrad}},
      {"tanh", {TanhValue, TanhGrad}},
  };
  const auto it = kOracles.find(name);
  return it == kOracles.end() ? nullptr : &it->second;
}

// |gold - expected| / |expected| (0 when both are 0), computed at 256 bits.
double RelativeDifference(const Gold& gold, const Mp& expected) {
  Mp g, d;
  mpfr_set(g.v, gold.backend().data(), MPFR_RNDN);
  if (mpfr_zero_p(expected.v)) return mpfr_zero_p(g.v) ? 0.0 : 1.0;
  mpfr_sub(d.v, g.v, expected.v, MPFR_RNDN);
  mpfr_div(d.v, d.v, expected.v, MPFR_RNDN);
  return std::fabs(mpfr_get_d(d.v, MPFR_RNDN));
}

std::vector<double> GoldCheckPoints() {
  std::vector<double> xs = {0.0,   -0.0,   1e-300, -1e-300, 1e-30, -1e-30, 1e-8,  -1e-8, 0.5,
                            -0.5,  1.0,    -1.0,   20.0,    -20.0, 40.0,   -40.0, 88.7,  -88.7,
                            103.9, -103.9, 354.9,  -354.9,  700.0, -700.0, 1e4,   -1e4};
  for (int i = 0; i < 274; ++i) xs.push_back(-60.0 + 120.0 * i / 273.0 + 1e-3 * (i % 7));
  return xs;
}

TEST(GoldReference, AgreesWithMpfrFunctions) {
  for (std::size_t ai = 0; ai < kAllActivations.size(); ++ai) {
    const auto act = static_cast<Activation>(ai);
    const Oracle* oracle = OracleFor(Name(act));
    if (!oracle) {
      ADD_FAILURE() << "no MPFR oracle for activation " << Name(act);
      continue;
    }
    double worst_value = 0, worst_grad = 0;
    for (double x : GoldCheckPoints()) {
      Mp v, g;
      oracle->value(x, v);
      oracle->grad(x, g);
      const double dv = RelativeDifference(gold::Value(act, Gold(x)), v);
      const double dg = RelativeDifference(gold::GradX(act, Gold(x)), g);
      EXPECT_LT(dv, 1e-30) << Name(act) << " value at x = " << x;
      EXPECT_LT(dg, 1e-30) << Name(act) << " f' at x = " << x;
      worst_value = std::max(worst_value, dv);
      worst_grad = std::max(worst_grad, dg);
      // g(y) = f'(f^-1(y)) loses relative accuracy where y nears its limit (1 - y cancels);
      // below |x| = 3 the 134 bits leave far more than 1e-30.
      if (std::fabs(x) <= 3) {
        const double dy = RelativeDifference(gold::GradFromY(act, gold::Value(act, Gold(x))), g);
        EXPECT_LT(dy, 1e-30) << Name(act) << " g(f(x)) at x = " << x;
      }
    }
    std::printf("gold vs MPFR functions, %s: max relative difference value %.3g, f' %.3g\n",
                std::string(Name(act)).c_str(), worst_value, worst_grad);
  }
}

TEST(GoldReference, SpecialInputs) {
  // (EXPECT_TRUE: gtest would print Gold values through Boost's formatting on failure only,
  // but instantiating it trips a GCC 12 false positive.)
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_TRUE(gold::Value(Activation::kSigmoid, Gold(inf)) == 1);
  EXPECT_TRUE(gold::Value(Activation::kSigmoid, Gold(-inf)) == 0);
  EXPECT_TRUE(gold::Value(Activation::kTanh, Gold(inf)) == 1);
  EXPECT_TRUE(gold::Value(Activation::kTanh, Gold(-inf)) == -1);
  EXPECT_TRUE(gold::GradX(Activation::kTanh, Gold(-inf)) == 0);
  EXPECT_TRUE(gold::GradX(Activation::kSigmoid, Gold(inf)) == 0);
  EXPECT_TRUE(gold::GradX(Activation::kRelu, Gold(0.0)) == 0);  // relu'(0) = 0
  EXPECT_TRUE(gold::Value(Activation::kSigmoid, Gold(0.0)) == Gold(0.5));
  EXPECT_TRUE(isnan(gold::Value(Activation::kTanh, Gold(std::nan("")))));
  EXPECT_TRUE(isnan(gold::GradX(Activation::kSigmoid, Gold(std::nan("")))));
}

// ---- the fast tier (double) against gold ------------------------------------------------

// Float inputs, deterministic, covering: random bit patterns (every binade), saturation,
// subnormal outputs (sigmoid below -87, tanh' beyond 43), near zero (tanh ~ x, cancellation
// in 1 - e^-2x for naive formulas), and the bend region.
std::vector<float> FastTierInputs(std::size_t n) {
  std::vector<float> xs;
  xs.reserve(n);
  SplitMix64 rng{12345};
  auto next = [&] { return rng.Next(); };
  auto uniform = [&](double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(next() >> 11) * 0x1p-53;
  };
  while (xs.size() < n) {
    const std::uint64_t u = next();
    const double sign = (u & 1) ? -1.0 : 1.0;
    float x;
    switch (u % 6) {
      case 0: {  // any finite bit pattern
        do x = std::bit_cast<float>(static_cast<std::uint32_t>(next()));
        while (!std::isfinite(x));
        break;
      }
      case 1: x = static_cast<float>(sign * uniform(5, 120)); break;  // saturation
      case 2: x = static_cast<float>(uniform(-105, -85)); break;      // sigmoid subnormal
      case 3: x = static_cast<float>(sign * uniform(42, 54)); break;  // tanh' subnormal
      case 4: x = static_cast<float>(sign * std::exp2(uniform(-40, -1))); break;  // near zero
      default: x = static_cast<float>(uniform(-20, 20)); break;                   // bend region
    }
    xs.push_back(x);
  }
  return xs;
}

// |fast - gold| in float ULP of gold: how much the fast tier can move any reported error.
double FastTierError(double fast, const Gold& gold) {
  const Gold diff = abs(Gold(fast) - gold);
  return static_cast<double>(ldexp(diff, -UlpExponent<float>(gold)));
}

std::size_t PointsFromEnv(const char* name, std::size_t fallback) {
  const char* v = std::getenv(name);
  if (!v) return fallback;
  const long n = std::atol(v);
  return n > 0 ? static_cast<std::size_t>(n) : fallback;
}

TEST(FastTier, AgreesWithGoldOnFloatInputs) {
  // 2^20 inputs per activation by default (3M evaluations of each tier in all);
  // ACTBENCH_REFERENCE_POINTS raises it for a longer check.
  const std::size_t n = PointsFromEnv("ACTBENCH_REFERENCE_POINTS", std::size_t{1} << 20);
  const std::vector<float> xs = FastTierInputs(n);
  const unsigned threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  for (Activation act : {Activation::kRelu, Activation::kSigmoid, Activation::kTanh}) {
    std::vector<double> worst_value(threads, 0), worst_grad(threads, 0);
    std::vector<float> at_value(threads, 0), at_grad(threads, 0);
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        for (std::size_t i = t; i < xs.size(); i += threads) {
          const float x = xs[i];
          const Gold gx(x);
          const double ev = FastTierError(ref::Value<double>(act, x), gold::Value(act, gx));
          const double eg = FastTierError(ref::GradX<double>(act, x), gold::GradX(act, gx));
          if (!(ev <= worst_value[t])) worst_value[t] = ev, at_value[t] = x;
          if (!(eg <= worst_grad[t])) worst_grad[t] = eg, at_grad[t] = x;
        }
        gold::ReleaseThreadCaches();
      });
    }
    for (auto& th : pool) th.join();
    const auto v = std::max_element(worst_value.begin(), worst_value.end()) - worst_value.begin();
    const auto g = std::max_element(worst_grad.begin(), worst_grad.end()) - worst_grad.begin();
    std::printf(
        "fast tier vs gold, %s, %zu float inputs: max %.3g float ULP (value, x = %.9g),"
        " %.3g (f', x = %.9g)\n",
        std::string(Name(act)).c_str(), xs.size(), worst_value[v], static_cast<double>(at_value[v]),
        worst_grad[g], static_cast<double>(at_grad[g]));
    EXPECT_LT(worst_value[v], 1e-6) << Name(act) << " value at x = " << at_value[v];
    EXPECT_LT(worst_grad[g], 1e-6) << Name(act) << " f' at x = " << at_grad[g];
  }
}

}  // namespace
}  // namespace actbench
