// The references the accuracy figures rest on:
//  - the gold tier (accuracy/gold.h: ref::Value / GradX / GradFromY in 134-bit MPFR through
//    Boost.Multiprecision) against MPFR's own functions called directly at 256 bits
//    (mpfr_tanh, mpfr_exp, mpfr_cosh, mpfr_erfc, mpfr_log1p, mpfr_expm1), ~300 points per
//    activation;
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

// The activations added after the seed, each straight from its definition at 256 bits (MPFR
// has neither overflow nor underflow at these inputs, so no stable rewriting is needed).
void Sigma(const Mp& z, Mp& out) {  // 1 / (1 + e^-z)
  Mp t;
  mpfr_neg(t.v, z.v, MPFR_RNDN);
  mpfr_exp(t.v, t.v, MPFR_RNDN);
  mpfr_add_ui(t.v, t.v, 1, MPFR_RNDN);
  mpfr_ui_div(out.v, 1, t.v, MPFR_RNDN);
}

void GeluPhi(double x, Mp& out) {  // Phi(x) = erfc(-x / sqrt 2) / 2
  Mp t;
  mpfr_sqrt_ui(out.v, 2, MPFR_RNDN);
  mpfr_set_d(t.v, -x, MPFR_RNDN);
  mpfr_div(t.v, t.v, out.v, MPFR_RNDN);
  mpfr_erfc(out.v, t.v, MPFR_RNDN);
  mpfr_div_ui(out.v, out.v, 2, MPFR_RNDN);
}
void GeluValue(double x, Mp& out) {
  GeluPhi(x, out);
  mpfr_mul_d(out.v, out.v, x, MPFR_RNDN);
}
void GeluGrad(double x, Mp& out) {  // Phi(x) + x exp(-x^2/2) / sqrt(2 pi)
  Mp pdf, t;
  mpfr_set_d(pdf.v, x, MPFR_RNDN);
  mpfr_sqr(pdf.v, pdf.v, MPFR_RNDN);
  mpfr_div_si(pdf.v, pdf.v, -2, MPFR_RNDN);
  mpfr_exp(pdf.v, pdf.v, MPFR_RNDN);
  mpfr_const_pi(t.v, MPFR_RNDN);
  mpfr_mul_ui(t.v, t.v, 2, MPFR_RNDN);
  mpfr_sqrt(t.v, t.v, MPFR_RNDN);
  mpfr_div(pdf.v, pdf.v, t.v, MPFR_RNDN);
  mpfr_mul_d(pdf.v, pdf.v, x, MPFR_RNDN);
  GeluPhi(x, out);
  mpfr_add(out.v, out.v, pdf.v, MPFR_RNDN);
}

// gelu-tanh: z = 2u = 2 sqrt(2/pi) (x + 0.044715 x^3), u' = sqrt(2/pi) (1 + 3 * 0.044715 x^2);
// 0.5 x (1 + tanh u) = x / (1 + e^-2u).
void GeluTanhZ(double x, Mp& z, Mp& dz) {
  Mp k, c, x2;
  mpfr_const_pi(k.v, MPFR_RNDN);
  mpfr_ui_div(k.v, 2, k.v, MPFR_RNDN);
  mpfr_sqrt(k.v, k.v, MPFR_RNDN);
  mpfr_set_ui(c.v, 44715, MPFR_RNDN);
  mpfr_div_ui(c.v, c.v, 1000000, MPFR_RNDN);
  mpfr_set_d(x2.v, x, MPFR_RNDN);
  mpfr_sqr(x2.v, x2.v, MPFR_RNDN);
  mpfr_mul(z.v, c.v, x2.v, MPFR_RNDN);  // c x^2
  mpfr_mul_ui(dz.v, z.v, 3, MPFR_RNDN);
  mpfr_add_ui(dz.v, dz.v, 1, MPFR_RNDN);
  mpfr_mul(dz.v, dz.v, k.v, MPFR_RNDN);
  mpfr_mul_ui(dz.v, dz.v, 2, MPFR_RNDN);  // 2u'
  mpfr_add_ui(z.v, z.v, 1, MPFR_RNDN);
  mpfr_mul_d(z.v, z.v, x, MPFR_RNDN);
  mpfr_mul(z.v, z.v, k.v, MPFR_RNDN);
  mpfr_mul_ui(z.v, z.v, 2, MPFR_RNDN);  // 2u
}
void GeluTanhValue(double x, Mp& out) {
  Mp z, dz;
  GeluTanhZ(x, z, dz);
  Sigma(z, out);
  mpfr_mul_d(out.v, out.v, x, MPFR_RNDN);
}
void GeluTanhGrad(double x, Mp& out) {  // s + x s (1 - s) 2u'
  Mp z, dz, s, t;
  GeluTanhZ(x, z, dz);
  Sigma(z, s);
  mpfr_ui_sub(t.v, 1, s.v, MPFR_RNDN);
  mpfr_mul(t.v, t.v, s.v, MPFR_RNDN);
  mpfr_mul(t.v, t.v, dz.v, MPFR_RNDN);
  mpfr_mul_d(t.v, t.v, x, MPFR_RNDN);
  mpfr_add(out.v, s.v, t.v, MPFR_RNDN);
}

void SiluValue(double x, Mp& out) {
  SigmoidValue(x, out);
  mpfr_mul_d(out.v, out.v, x, MPFR_RNDN);
}
void SiluGrad(double x, Mp& out) {  // s (1 + x (1 - s))
  Mp s, t;
  SigmoidValue(x, s);
  mpfr_ui_sub(t.v, 1, s.v, MPFR_RNDN);
  mpfr_mul_d(t.v, t.v, x, MPFR_RNDN);
  mpfr_add_ui(t.v, t.v, 1, MPFR_RNDN);
  mpfr_mul(out.v, s.v, t.v, MPFR_RNDN);
}

void SoftplusValue(double x, Mp& out) {  // log1p(e^x)
  mpfr_set_d(out.v, x, MPFR_RNDN);
  mpfr_exp(out.v, out.v, MPFR_RNDN);
  mpfr_log1p(out.v, out.v, MPFR_RNDN);
}

void MishValue(double x, Mp& out) {  // x tanh(log1p(e^x))
  SoftplusValue(x, out);
  mpfr_tanh(out.v, out.v, MPFR_RNDN);
  mpfr_mul_d(out.v, out.v, x, MPFR_RNDN);
}
void MishGrad(double x, Mp& out) {  // t + x s (1 - t^2), t = tanh(softplus x)
  Mp t, s, u;
  SoftplusValue(x, t);
  mpfr_tanh(t.v, t.v, MPFR_RNDN);
  SigmoidValue(x, s);
  mpfr_sqr(u.v, t.v, MPFR_RNDN);
  mpfr_ui_sub(u.v, 1, u.v, MPFR_RNDN);
  mpfr_mul(u.v, u.v, s.v, MPFR_RNDN);
  mpfr_mul_d(u.v, u.v, x, MPFR_RNDN);
  mpfr_add(out.v, t.v, u.v, MPFR_RNDN);
}

void EluValue(double x, Mp& out) {
  mpfr_set_d(out.v, x, MPFR_RNDN);
  if (x <= 0) mpfr_expm1(out.v, out.v, MPFR_RNDN);
}
void EluGrad(double x, Mp& out) {
  mpfr_set_d(out.v, x > 0 ? 0.0 : x, MPFR_RNDN);
  mpfr_exp(out.v, out.v, MPFR_RNDN);  // e^0 = 1 for x > 0
}

void LeakyReluValue(double x, Mp& out) {
  mpfr_set_d(out.v, x, MPFR_RNDN);
  if (x <= 0) mpfr_div_ui(out.v, out.v, 100, MPFR_RNDN);
}
void LeakyReluGrad(double x, Mp& out) {
  mpfr_set_ui(out.v, 1, MPFR_RNDN);
  if (x <= 0) mpfr_div_ui(out.v, out.v, 100, MPFR_RNDN);
}

void Relu6Shifted(double x, Mp& out) {  // min(max(x + 3, 0), 6)
  mpfr_set_d(out.v, x, MPFR_RNDN);
  mpfr_add_ui(out.v, out.v, 3, MPFR_RNDN);
  if (mpfr_sgn(out.v) < 0) mpfr_set_ui(out.v, 0, MPFR_RNDN);
  if (mpfr_cmp_ui(out.v, 6) > 0) mpfr_set_ui(out.v, 6, MPFR_RNDN);
}
void HardswishValue(double x, Mp& out) {
  Relu6Shifted(x, out);
  mpfr_mul_d(out.v, out.v, x, MPFR_RNDN);
  mpfr_div_ui(out.v, out.v, 6, MPFR_RNDN);
}
void HardswishGrad(double x, Mp& out) {  // hardswish_backward: 0 | x/3 + 1/2 on [-3, 3] | 1
  if (x < -3) return (void)mpfr_set_ui(out.v, 0, MPFR_RNDN);
  if (x > 3) return (void)mpfr_set_ui(out.v, 1, MPFR_RNDN);
  mpfr_set_d(out.v, x, MPFR_RNDN);
  mpfr_div_ui(out.v, out.v, 3, MPFR_RNDN);
  mpfr_add_d(out.v, out.v, 0.5, MPFR_RNDN);
}
void HardsigmoidValue(double x, Mp& out) {
  Relu6Shifted(x, out);
  mpfr_div_ui(out.v, out.v, 6, MPFR_RNDN);
}
void HardsigmoidGrad(double x, Mp& out) {  // hardsigmoid_backward: 1/6 on (-3, 3), else 0
  mpfr_set_ui(out.v, x > -3 && x < 3 ? 1 : 0, MPFR_RNDN);
  mpfr_div_ui(out.v, out.v, 6, MPFR_RNDN);
}

const Oracle* OracleFor(std::string_view name) {
  static const std::map<std::string_view, Oracle> kOracles = {
      {"relu", {ReluValue, ReluGrad}},
      {"sigmoid", {SigmoidValue, SigmoidGrad}},
      {"tanh", {TanhValue, TanhGrad}},
      {"gelu", {GeluValue, GeluGrad}},
      {"gelu-tanh", {GeluTanhValue, GeluTanhGrad}},
      {"silu", {SiluValue, SiluGrad}},
      {"softplus", {SoftplusValue, SigmoidValue}},
      {"mish", {MishValue, MishGrad}},
      {"elu", {EluValue, EluGrad}},
      {"leaky-relu", {LeakyReluValue, LeakyReluGrad}},
      {"hardswish", {HardswishValue, HardswishGrad}},
      {"hardsigmoid", {HardsigmoidValue, HardsigmoidGrad}},
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
      if (Info(act).has_grad_from_y && std::fabs(x) <= 3) {
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
// in 1 - e^-2x for naive formulas), the bend region, and the activation's own hard places:
// the roots of f' (where its terms cancel) and the kinks.
std::vector<float> FastTierInputs(Activation act, std::size_t n) {
  const ActivationInfo& info = Info(act);
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
    switch (u % 8) {
      case 0: {  // any finite bit pattern
        do x = std::bit_cast<float>(static_cast<std::uint32_t>(next()));
        while (!std::isfinite(x));
        break;
      }
      case 1: x = static_cast<float>(sign * uniform(5, 120)); break;  // saturation
      case 2: x = static_cast<float>(uniform(-105, -85)); break;      // sigmoid subnormal
      case 3: x = static_cast<float>(sign * uniform(42, 54)); break;  // tanh' subnormal
      case 4: x = static_cast<float>(sign * std::exp2(uniform(-40, -1))); break;  // near zero
      case 6: {  // within 1/16 of a root of f', or within 2^-12 of one (denser still)
        if (info.grad_zeros.empty()) continue;
        const double r = info.grad_zeros[next() % info.grad_zeros.size()];
        x = static_cast<float>(r + sign * uniform(0, (next() & 1) ? 0.07 : 0x1p-12));
        break;
      }
      case 7: {  // around a kink or bend point
        const double b = info.bend_points[next() % info.bend_points.size()];
        x = static_cast<float>(b + sign * std::exp2(uniform(-30, 0)));
        break;
      }
      default: x = static_cast<float>(uniform(-20, 20)); break;  // bend region
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
  // 2^20 inputs per activation by default (12M evaluations of each tier in all);
  // ACTBENCH_REFERENCE_POINTS raises it for a longer check.
  const std::size_t n = PointsFromEnv("ACTBENCH_REFERENCE_POINTS", std::size_t{1} << 20);
  const unsigned threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  for (std::size_t ai = 0; ai < kAllActivations.size(); ++ai) {
    const auto act = static_cast<Activation>(ai);
    const std::vector<float> xs = FastTierInputs(act, n);
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
