// Run-time selection (actbench/select.h) against the checked-in speed ranking
// (kernels/select/ranking.inc): for each of the report's ULP tiers, the kernel selection picks
// on this CPU is the one the reference run's report recommends at this CPU's ISA level, and
// with AVX-512 treated as missing, the one it recommends at the AVX2 level; it never picks a
// kernel the CPU cannot run, and says why when nothing meets the budget.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "actbench/ftz.h"
#include "actbench/registry.h"
#include "actbench/select.h"

namespace actbench {
namespace {

struct Recommendation {
  const char* activation;
  const char* dtype;
  const char* tier;
  double value, grad;
  const char* level;
  const char* kernel;
};

#define ACTBENCH_RANKING_SOURCE(...)
#define ACTBENCH_RANK(...)
#define ACTBENCH_RECOMMEND(act, dtype, tier, value, grad, level, kernel) \
  Recommendation{act, dtype, tier, value, grad, level, kernel},
const std::vector<Recommendation> kRecommendations = {
#include "select/ranking.inc"
};
#undef ACTBENCH_RANKING_SOURCE
#undef ACTBENCH_RANK
#undef ACTBENCH_RECOMMEND

// The most capable ISA this CPU runs that is not in `skip`.
Isa TopIsa(std::uint32_t skip) {
  Isa top = Isa::kScalar;
  for (Isa isa : kAllIsas)
    if (CpuSupports(isa) && !(skip & IsaBit(isa))) top = isa;
  return top;
}

SelectRequest Request(const Recommendation& r, std::uint32_t skip) {
  SelectRequest q;
  q.activation = *ParseActivation(r.activation);
  q.dtype = *ParseDType(r.dtype);
  q.max_value_ulp = r.value;
  q.max_grad_ulp = r.grad;
  q.skip_isas = skip;
  return q;
}

void ExpectReportsPick(std::uint32_t skip) {
  const std::string level(Name(TopIsa(skip)));
  int checked = 0;
  for (const Recommendation& r : kRecommendations) {
    if (level != r.level) continue;
    const Selection s = SelectKernel(Request(r, skip));
    const std::string what = std::string(r.activation) + " " + r.dtype + " " + r.tier;
    if (*r.kernel == '\0') {
      EXPECT_EQ(s.kernel, nullptr) << what << ": " << s.reason;
      EXPECT_EQ(s.status, SelectStatus::kNoneMeetsBudget) << what;
    } else {
      ASSERT_NE(s.kernel, nullptr) << what << ": " << s.reason;
      EXPECT_EQ(s.kernel->id, r.kernel) << what << ": " << s.reason;
    }
    ++checked;
  }
  // Every activation has f32/f64 tiers (2 each) and bf16/f16 tiers (3 each) in the ranking.
  EXPECT_GE(checked, static_cast<int>(kAllActivations.size()) * 2 * 2) << level;
}

TEST(Select, PicksTheReportsRecommendationAtThisCpusLevel) {
  if (Ranking().cpu.empty()) GTEST_SKIP() << "no ranking checked in";
  ExpectReportsPick(0);
}

TEST(Select, WithoutAvx512PicksTheAvx2Recommendation) {
  if (Ranking().cpu.empty()) GTEST_SKIP() << "no ranking checked in";
  if (!CpuSupports(Isa::kAvx2)) GTEST_SKIP() << "no AVX2 on this CPU";
  ExpectReportsPick(IsaBit(Isa::kAvx512) | IsaBit(Isa::kAvx512Bf16));
}

// Whatever the request, the pick runs here, is not a peer, meets the budget and is the
// fastest ranked kernel that does.
TEST(Select, PicksOnlyRunnableKernelsThatMeetTheBudget) {
  const double budgets[][2] = {{0.5, 0.5}, {1, 4}, {4, 16}, {1e6, 1e6}, {kNoClaim, kNoClaim}};
  const std::uint32_t skips[] = {0, IsaBit(Isa::kAvx512) | IsaBit(Isa::kAvx512Bf16),
                                 IsaBit(Isa::kAvx2) | IsaBit(Isa::kAvx512) |
                                     IsaBit(Isa::kAvx512Bf16)};
  int picked = 0;
  for (const auto& info : kAllActivations)
    for (DType dtype : {DType::kF32, DType::kF64, DType::kBf16, DType::kF16})
      for (Direction dir : {Direction::kForward, Direction::kBackwardX, Direction::kBackwardY})
        for (const auto& b : budgets)
          for (std::uint32_t skip : skips) {
            SelectRequest q;
            q.activation = *ParseActivation(info.name);
            q.dtype = dtype;
            q.direction = dir;
            q.max_value_ulp = b[0];
            q.max_grad_ulp = b[1];
            q.skip_isas = skip;
            const Selection s = SelectKernel(q);
            EXPECT_FALSE(s.reason.empty());
            if (s.kernel == nullptr) continue;
            ++picked;
            const Kernel& k = *s.kernel;
            ASSERT_TRUE(CpuSupports(k) && !(skip & IsaBit(k.isa))) << k.id;
            EXPECT_NE(k.family, "peer");
            EXPECT_TRUE(k.activation == q.activation && k.dtype == dtype) << k.id;
            const double grad = dir == Direction::kBackwardY ? k.claim.grad_y : k.claim.grad_x;
            EXPECT_TRUE(k.claim.value <= b[0] && grad <= b[1]) << k.id;
            if (dir == Direction::kBackwardY) {
              EXPECT_TRUE(k.has_backward_y()) << k.id;
            }
            // No faster ranked kernel that qualifies was passed over.
            for (const Kernel& o : AllKernels()) {
              if (o.activation != k.activation || o.dtype != dtype || o.family == "peer" ||
                  !CpuSupports(o) || (skip & IsaBit(o.isa)) ||
                  (dir == Direction::kBackwardY && !o.has_backward_y()))
                continue;
              const double og = dir == Direction::kBackwardY ? o.claim.grad_y : o.claim.grad_x;
              const bool bounded = b[0] != kNoClaim || b[1] != kNoClaim;
              const bool ok = o.claim.value <= b[0] && og <= b[1] &&
                              !(bounded && (o.quirks & (kNanFromFinite | kInfFromFinite)));
              if (ok && !std::isnan(RankedSpeed(o, dir))) {
                EXPECT_LE(RankedSpeed(o, dir), s.ranked_speed) << o.id << " over " << k.id;
              }
            }
          }
  EXPECT_GT(picked, 100);
}

TEST(Select, SaysWhyWhenNothingMeetsTheBudget) {
  SelectRequest q;
  q.activation = Activation::kSigmoid;
  q.max_value_ulp = 0;
  q.max_grad_ulp = 0;
  Selection s = SelectKernel(q);
  EXPECT_EQ(s.kernel, nullptr);
  EXPECT_EQ(s.status, SelectStatus::kNoneMeetsBudget);
  EXPECT_NE(s.reason.find("sigmoid f32 forward"), std::string::npos) << s.reason;

  q.skip_isas = ~0u;
  s = SelectKernel(q);
  EXPECT_EQ(s.status, SelectStatus::kNoKernel) << s.reason;

  q = SelectRequest{};
  q.activation = Activation::kGelu;
  q.direction = Direction::kBackwardY;  // GELU's derivative is not a function of its value
  EXPECT_EQ(SelectKernel(q).status, SelectStatus::kNoKernel);
}

// FTZ+DAZ: kernels are judged by their declarations for it (kernels/ftz.inc); a kernel that
// was not measured there claims nothing, so a finite budget that no candidate declares under
// FTZ is refused as such, and an unbounded one still picks.
TEST(Select, FtzUsesTheFtzDeclarations) {
  for (const auto& info : kAllActivations)
    for (DType dtype : {DType::kF32, DType::kF64, DType::kBf16, DType::kF16}) {
      SelectRequest q;
      q.activation = *ParseActivation(info.name);
      q.dtype = dtype;
      q.fp_env = FpEnv::kFtz;
      q.max_value_ulp = 4;
      q.max_grad_ulp = 16;
      const Selection s = SelectKernel(q);
      bool any_claim = false, any_meets = false;
      for (const Kernel& k : AllKernels()) {
        if (k.activation != q.activation || k.dtype != dtype || k.family == "peer" ||
            !CpuSupports(k))
          continue;
        const FtzDeclaration d = FtzDeclared(k);
        any_claim |= d.listed && (d.claim.value != kNoClaim || d.claim.grad_x != kNoClaim);
        any_meets |= d.listed && d.claim.value <= 4 && d.claim.grad_x <= 16 &&
                     !(d.quirks & (kNanFromFinite | kInfFromFinite));
      }
      const std::string what = std::string(info.name) + " " + std::string(Name(dtype));
      if (any_meets) {
        ASSERT_NE(s.kernel, nullptr) << what << ": " << s.reason;
        const FtzDeclaration d = FtzDeclared(*s.kernel);
        EXPECT_TRUE(d.listed && d.claim.value <= 4 && d.claim.grad_x <= 16) << s.kernel->id;
      } else {
        EXPECT_EQ(s.kernel, nullptr) << what;
        EXPECT_EQ(s.status, any_claim ? SelectStatus::kNoneMeetsBudget
                                      : SelectStatus::kNoClaimsForFpEnv)
            << what << ": " << s.reason;
        EXPECT_NE(s.reason.find("ftz"), std::string::npos) << s.reason;
      }
      q.max_value_ulp = q.max_grad_ulp = kNoClaim;
      EXPECT_NE(SelectKernel(q).kernel, nullptr) << what;
    }
}

TEST(Select, ParsesIsaLists) {
  EXPECT_EQ(ParseIsaList("avx512,avx512bf16"),
            IsaBit(Isa::kAvx512) | IsaBit(Isa::kAvx512Bf16));
  EXPECT_EQ(ParseIsaList(""), 0u);
  EXPECT_EQ(ParseIsaList("avx2,avx1024"), std::nullopt);
}

}  // namespace
}  // namespace actbench
