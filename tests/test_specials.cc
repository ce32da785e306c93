// Special values (NaN, +-inf, +-0, subnormals, huge inputs) against each kernel's declared
// quirks: the quirks a kernel shows on the probes of special_values.h must be exactly those it
// declares in its kernel list. An undeclared misbehaviour fails, naming input, quantity and
// output; a declared quirk that never shows fails as a stale declaration.
#include <cmath>
#include <limits>
#include <string>

#include "actbench/ftz.h"
#include "kernel_params.h"
#include "special_values.h"

namespace actbench::tests {
namespace {

using special::Quantity;

constexpr Quirk kAllQuirks[] = {kNanDropped,         kNanFromFinite,    kInfWrong,
                                kSignedZeroLost,     kSubnormalFlushed, kInfFromFinite,
                                kSubnormalWrongSign, kOutOfRange,       kZeroInexact,
                                kDyNanDropped,       kDyInfWrong};

// The quirks and claim the kernel declares in an environment: its kernel list's in the default
// one, kernels/ftz.inc's under FTZ/DAZ.
struct Declared {
  Claim claim;
  std::uint32_t quirks;
};

template <class T>
void CheckQuirks(const Kernel& k, acc::FpEnv env, const Declared& declared_for_env) {
  // The probes of x (dy = 1) and the special dy values at every probe x.
  special::Report report = special::Evaluate<T>(k, env);
  const special::Report dy = special::EvaluateDy<T>(k, env);
  ASSERT_GT(report.probes, 0u);
  ASSERT_GT(dy.probes, 0u);
  report.events.insert(report.events.end(), dy.events.begin(), dy.events.end());
  report.observed |= dy.observed;
  // Misbehaviour that no quirk covers, unless it is an error the kernel's accuracy claim
  // already allows (a wrong sign where the exact result is normal), as the fuzzer judges it.
  const Claim& c = declared_for_env.claim;
  auto claim = [&](Quantity q) {
    return q == Quantity::kValue ? c.value : q == Quantity::kGradX ? c.grad_x : c.grad_y;
  };
  for (const special::Event& e : report.events)
    if (e.quirk == 0 && !(e.error_ulp <= claim(e.quantity)))
      ADD_FAILURE() << k.id << ": " << e.message;
  // position-dependent is the contract test's business (test_contract.cc), not a probe's.
  const std::uint32_t declared = declared_for_env.quirks & ~std::uint32_t{kPositionDependent};
  // Quirks shown but not declared, with every observation as evidence.
  for (Quirk q : kAllQuirks) {
    if (!(report.observed & q) || (declared & q)) continue;
    std::string evidence;
    for (const special::Event& e : report.events)
      if (e.quirk == q) evidence += "\n  " + e.message;
    ADD_FAILURE() << k.id << ": shows undeclared quirk " << QuirkNames(q) << ":" << evidence;
  }
  // Declared but never shown.
  for (Quirk q : kAllQuirks)
    if ((declared & q) && !(report.observed & q))
      ADD_FAILURE() << k.id << ": declares " << QuirkNames(q)
                    << " but never shows it on the special-value probes (stale declaration)";
  EXPECT_EQ(QuirkNames(report.observed), QuirkNames(declared)) << k.id << " observed vs declared";
}

class SpecialValues : public ::testing::TestWithParam<Kernel> {};

TEST_P(SpecialValues, ObservedQuirksAreDeclared) {
  const Kernel& k = GetParam();
  ACTBENCH_SKIP_IF_UNSUPPORTED(k);
  VisitDType(k.dtype, [&](auto zero) {
    CheckQuirks<decltype(zero)>(k, acc::FpEnv::kDefault, {k.claim, k.quirks});
  });
}

// The same under FTZ/DAZ, against the kernel's declarations for it (kernels/ftz.inc, which
// scripts/gen-ftz writes): the probes run the kernel in that environment, and a wrong sign on
// an input whose exact result is normal is judged against the kernel's FTZ claim.
TEST_P(SpecialValues, ObservedQuirksAreDeclaredUnderFtz) {
  const Kernel& k = GetParam();
  ACTBENCH_SKIP_IF_UNSUPPORTED(k);
  const FtzDeclaration ftz = FtzDeclared(k);
  ASSERT_TRUE(ftz.listed) << k.id << " has no entry in kernels/ftz.inc (scripts/gen-ftz)";
  EXPECT_EQ(ftz.quirks & kPositionDependent, k.quirks & kPositionDependent)
      << k.id << ": position-dependent does not depend on the environment";
  VisitDType(k.dtype, [&](auto zero) {
    CheckQuirks<decltype(zero)>(k, acc::FpEnv::kFtz, {ftz.claim, ftz.quirks});
  });
}

// Every entry point takes n = 0 with null pointers (an empty tensor's data pointer may be
// null) and touches nothing; the sanitizers of the test build see any access.
TEST_P(SpecialValues, EmptyCallsWithNullPointers) {
  const Kernel& k = GetParam();
  ACTBENCH_SKIP_IF_UNSUPPORTED(k);
  VisitDType(k.dtype, [&](auto zero) {
    using T = decltype(zero);
    const Ops<T> ops = k.ops<T>();
    ops.forward(nullptr, nullptr, 0);
    ops.backward_x(nullptr, nullptr, nullptr, 0);
    if (ops.backward_y) ops.backward_y(nullptr, nullptr, nullptr, 0);
  });
}

INSTANTIATE_TEST_SUITE_P(Kernels, SpecialValues, RegistryKernels(), KernelTestName);

// ---- the probe table itself ----

template <class T>
int CountSubnormalResultProbes(Activation act, Quantity q) {
  int count = 0;
  for (const auto& p : special::Probes<T>(act)) {
    if (!std::isfinite(p.x) || p.label.find('=') == std::string::npos) continue;
    const long double r = q == Quantity::kValue ? ref::Value<long double>(act, p.x)
                                                : ref::GradX<long double>(act, p.x);
    const bool in_band =
        std::fabs(r) >= special::kFlushThreshold<T> && std::fabs(r) < std::numeric_limits<T>::min();
    count += in_band && p.label.starts_with(special::Name(q));
  }
  return count;
}

// Bisection finds four probes per decaying tail, each with an exact result in the band that
// the flush rule looks at (sigmoid's value on the left; both derivatives on both sides).
template <class T>
void CheckProbeTable() {
  EXPECT_EQ(CountSubnormalResultProbes<T>(Activation::kSigmoid, Quantity::kValue), 4);
  EXPECT_EQ(CountSubnormalResultProbes<T>(Activation::kSigmoid, Quantity::kGradX), 8);
  EXPECT_EQ(CountSubnormalResultProbes<T>(Activation::kTanh, Quantity::kValue), 0);
  EXPECT_EQ(CountSubnormalResultProbes<T>(Activation::kTanh, Quantity::kGradX), 8);
  EXPECT_EQ(CountSubnormalResultProbes<T>(Activation::kRelu, Quantity::kValue), 0);
  EXPECT_EQ(CountSubnormalResultProbes<T>(Activation::kRelu, Quantity::kGradX), 0);
}

TEST(SpecialProbes, SubnormalResultProbesF32) { CheckProbeTable<float>(); }
TEST(SpecialProbes, SubnormalResultProbesF64) { CheckProbeTable<double>(); }

// The examples the probes are meant to hit: sigmoid(x) ~ e^x is subnormal in float near
// x = -95 and tanh'(x) ~ 4 e^-2|x| near |x| = 47.
TEST(SpecialProbes, LandWhereExpected) {
  for (const auto& p : special::Probes<float>(Activation::kSigmoid)) {
    if (p.label.starts_with("value=")) {
      EXPECT_TRUE(p.x > -104 && p.x < -87) << p.label << p.x;
    }
  }
  for (const auto& p : special::Probes<float>(Activation::kTanh)) {
    if (p.label.starts_with("grad_x=")) {
      EXPECT_TRUE(std::fabs(p.x) > 43 && std::fabs(p.x) < 52) << p.label << p.x;
    }
  }
  for (const auto& p : special::Probes<double>(Activation::kSigmoid)) {
    if (p.label.starts_with("value=")) {
      EXPECT_TRUE(p.x > -746 && p.x < -707) << p.label << p.x;
    }
  }
}

// The classifier on hand-made outputs, so that a rule cannot silently stop firing.
TEST(SpecialClassify, RulesFire) {
  using P = special::Probe<float>;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  auto classify = [](Activation act, Quantity q, const P& p, float y, float out) {
    std::vector<special::Event> events;
    special::Classify(act, q, p, y, out, events);
    std::uint32_t quirks = 0;
    bool failed = false;
    for (const auto& e : events) {
      quirks |= e.quirk;
      failed |= e.quirk == 0;
    }
    return std::pair{quirks, failed};
  };
  using R = std::pair<std::uint32_t, bool>;
  const auto S = Activation::kSigmoid, Th = Activation::kTanh, Re = Activation::kRelu;
  const auto V = Quantity::kValue, GX = Quantity::kGradX, GY = Quantity::kGradY;
  EXPECT_EQ(classify(S, V, P{nan, "nan"}, 0.f, 0.f), (R{kNanDropped, false}));
  EXPECT_EQ(classify(S, V, P{nan, "nan"}, nan, nan), (R{0, false}));
  EXPECT_EQ(classify(Th, GX, P{-50.f, "-50"}, nan, nan), (R{kNanFromFinite, false}));
  EXPECT_EQ(classify(Th, GY, P{-50.f, "-50"}, nan, nan), (R{0, false}));  // value's fault
  EXPECT_EQ(classify(Th, GY, P{-50.f, "-50"}, -1.f, nan), (R{kNanFromFinite, false}));
  EXPECT_EQ(classify(Th, V, P{-inf, "-inf"}, nan, nan), (R{kInfWrong, false}));
  EXPECT_EQ(classify(S, V, P{-inf, "-inf"}, 0.f, 0.f), (R{0, false}));
  EXPECT_EQ(classify(Re, GX, P{inf, "+inf"}, inf, 0.f), (R{kInfWrong, false}));
  EXPECT_EQ(classify(Th, V, P{-0.f, "-0"}, 0.f, 0.f), (R{kSignedZeroLost, false}));
  EXPECT_EQ(classify(Th, V, P{-0.f, "-0"}, -0.f, -0.f), (R{0, false}));
  EXPECT_EQ(classify(Th, V, P{0.f, "+0"}, -0.f, -0.f), (R{0, true}));
  EXPECT_EQ(classify(S, GX, P{0.f, "+0"}, 0.5f, 0.2499f), (R{kZeroInexact, false}));
  EXPECT_EQ(classify(S, V, P{-95.f, "-95"}, 0.f, 0.f), (R{kSubnormalFlushed, false}));
  EXPECT_EQ(classify(Th, GX, P{47.f, "47"}, 1.f, 0.f), (R{kSubnormalFlushed, false}));
  // grad_y from a y that rounded to 1 has nothing left to flush.
  EXPECT_EQ(classify(Th, GY, P{47.f, "47"}, 1.f, 0.f), (R{0, false}));
  EXPECT_EQ(classify(S, GY, P{-95.f, "-95"}, 5e-42f, 0.f), (R{kSubnormalFlushed, false}));
  EXPECT_EQ(classify(S, V, P{3.f, "3"}, 1.5f, 1.5f), (R{kOutOfRange, false}));     // out of range
  EXPECT_EQ(classify(Th, V, P{3.f, "3"}, -0.9f, -0.9f), (R{0, true}));             // wrong sign
  EXPECT_EQ(classify(S, GX, P{3.f, "3"}, 0.9f, inf), (R{kInfFromFinite, false}));  // overflow
  EXPECT_EQ(classify(Activation::kSilu, V, P{-100.f, "-100"}, 0.f, 1e-42f),
            (R{kSubnormalWrongSign, false}));
  EXPECT_EQ(classify(Activation::kSilu, V, P{-80.f, "-80"}, 0.f, 1e-35f),
            (R{0, true}));  // normal: wrong sign
  EXPECT_EQ(classify(Re, V, P{-3.f, "-3"}, -1e-3f, -1e-3f), (R{kOutOfRange, false}));  // below 0
  EXPECT_EQ(classify(S, V, P{3.f, "3"}, 0.95f, 0.95f), (R{0, false}));
}

// The special-dy rules on hand-made outputs: (input, dy, the gradient at dy = 1, output).
TEST(SpecialClassify, DyRulesFire) {
  using P = special::Probe<float>;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  const float sub = std::numeric_limits<float>::denorm_min() * 1000;
  auto classify = [](float x, float dy, float g, float out) {
    std::vector<special::Event> events;
    special::detail::ClassifyDy(Quantity::kGradX, P{x, "x"}, P{dy, "dy"}, g, out, events);
    std::uint32_t quirks = 0;
    bool failed = false;
    for (const auto& e : events) {
      quirks |= e.quirk;
      failed |= e.quirk == 0;
    }
    return std::pair{quirks, failed};
  };
  using R = std::pair<std::uint32_t, bool>;
  EXPECT_EQ(classify(-3, nan, 0, 0), (R{kDyNanDropped, false}));  // relu's select
  EXPECT_EQ(classify(-3, nan, 0, nan), (R{0, false}));
  EXPECT_EQ(classify(3, -nan, 1, -nan), (R{0, false}));
  EXPECT_EQ(classify(-3, inf, 0, 0), (R{kDyInfWrong, false}));
  EXPECT_EQ(classify(-3, inf, 0, nan), (R{0, false}));
  EXPECT_EQ(classify(-90, inf, 0, inf), (R{0, false}));  // g underflowed after dy was applied
  EXPECT_EQ(classify(3, -inf, 0.5f, -inf), (R{0, false}));
  EXPECT_EQ(classify(3, -inf, 0.5f, inf), (R{kDyInfWrong, false}));
  EXPECT_EQ(classify(3, inf, 0.5f, nan), (R{kDyInfWrong, false}));  // inf - inf inside
  EXPECT_EQ(classify(3, -0.f, 0.5f, 0.f), (R{0, false}));
  EXPECT_EQ(classify(3, 0.f, 0.5f, 1e-3f), (R{0, true}));
  EXPECT_EQ(classify(3, sub, 0.5f, 0), (R{kSubnormalFlushed, false}));
  EXPECT_EQ(classify(3, sub, 0.5f, sub / 2), (R{0, false}));
  EXPECT_EQ(classify(3, sub, 0.5f, -sub / 2), (R{0, true}));
  EXPECT_EQ(classify(nan, 1, nan, 0), (R{0, false}));  // the input's NaN: not this table's
}

}  // namespace
}  // namespace actbench::tests
