// Every registered kernel against its declared claim (its kernel list): a sampled sweep
// (fewer points than actbench-accuracy's default, so the suite stays quick under sanitizers)
// must find no error above the claim for the value, grad_x and grad_y, and no NaN or inf for
// a finite input unless the kernel declares that quirk. Claims come from exhaustive float32
// sweeps and large float64 samples, so a smaller sample finding more means a claim is wrong.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "accuracy/sweep.h"
#include "actbench/ftz.h"
#include "kernel_params.h"

namespace actbench::tests {
namespace {

using acc::Quantity;
using acc::QuantityResult;

class Claims : public ::testing::TestWithParam<Kernel> {};

TEST_P(Claims, SampledSweepStaysWithinClaim) {
  const Kernel& k = GetParam();
  ACTBENCH_SKIP_IF_UNSUPPORTED(k);
  acc::SweepOptions options;
  options.points = 32;  // per binade for float32, 4 for float64
  const std::vector<const Kernel*> one = {&k};
  const acc::KernelResult r = acc::Sweep(one, options).at(0);
  for (Quantity q : acc::kQuantities) {
    const QuantityResult& m = r[q];
    SCOPED_TRACE(std::string(k.id) + " " + std::string(acc::Name(q)));
    if (q == Quantity::kGradY && !k.has_backward_y()) {
      EXPECT_EQ(m.status, acc::Status::kNoBackwardY);
      continue;
    }
    ASSERT_EQ(m.status, acc::Status::kOk);
    ASSERT_GT(m.points, 10000u);
    const double claim = acc::ClaimFor(k, q);
    EXPECT_LE(m.max_ulp_normal, claim)
        << "max ULP over normal results " << m.max_ulp_normal << " at x = " << m.max_ulp_normal_x
        << " exceeds the claim " << claim << " (re-measure with actbench-accuracy --mode "
        << "exhaustive --kernels " << k.id << ")";
    if (!(k.quirks & kNanFromFinite)) {
      EXPECT_EQ(m.nan_mismatch, 0u) << "NaN for finite inputs, undeclared (kNanFromFinite)";
    }
    if (!(k.quirks & kInfWrong)) {
      EXPECT_EQ(m.inf_mismatch, 0u) << "inf for finite inputs, undeclared (kInfWrong)";
    }
  }
}

// The same under FTZ/DAZ for the kernels that declare claims there (kernels/ftz.inc: every
// 16-bit and float64 kernel, and the float32 kernels swept exhaustively in that environment).
TEST_P(Claims, SampledSweepUnderFtzStaysWithinFtzClaim) {
  const Kernel& k = GetParam();
  ACTBENCH_SKIP_IF_UNSUPPORTED(k);
  const FtzDeclaration ftz = FtzDeclared(k);
  const Claim& c = ftz.claim;
  if (c.value == kNoClaim && c.grad_x == kNoClaim && c.grad_y == kNoClaim)
    GTEST_SKIP() << "no claim under FTZ/DAZ";
  acc::SweepOptions options;
  options.points = 32;
  options.fp_env = acc::FpEnv::kFtz;
  const std::vector<const Kernel*> one = {&k};
  const acc::KernelResult r = acc::Sweep(one, options).at(0);
  for (Quantity q : acc::kQuantities) {
    const QuantityResult& m = r[q];
    SCOPED_TRACE(std::string(k.id) + " " + std::string(acc::Name(q)) + " (ftz)");
    if (m.status != acc::Status::kOk) continue;
    const double claim = acc::ClaimFor(k, q, acc::FpEnv::kFtz);
    EXPECT_LE(m.max_ulp_normal, claim)
        << "max ULP over normal results " << m.max_ulp_normal << " at x = " << m.max_ulp_normal_x
        << " exceeds the FTZ claim " << claim << " (re-measure with actbench-accuracy --fp-env "
        << "ftz --mode exhaustive --kernels " << k.id << ")";
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, Claims, RegistryKernels(), KernelTestName);

}  // namespace
}  // namespace actbench::tests
