// THE kernel list. Every kernel is declared here exactly once; the benchmark, the accuracy
// sweep, the tests and the reports enumerate this table. Adding a kernel = writing its code
// and adding one entry below.
//
// Claims are max ULP over finite inputs whose exact result is a normal number, measured by
// the accuracy sweep (`actbench-accuracy --mode exhaustive` for f32, sampled for f64) with a
// small margin; see reports/accuracy.csv for the figures behind them.
#include <array>

#include "actbench/registry.h"
#include "common/loops.h"
#include "peer/peer.h"
#include "relu/scalar.h"
#include "sigmoid/scalar.h"
#include "simd/kernels.h"
#include "tanh/scalar.h"

namespace actbench {
namespace {

using detail::ElementwiseOps;

template <template <class> class Impl>
constexpr Kernel Scalar(std::string_view id, Activation act, std::string_view family, DType dtype,
                        Claim claim, std::uint32_t quirks, std::string_view description) {
  Kernel k{.id = id,
           .activation = act,
           .family = family,
           .isa = Isa::kScalar,
           .dtype = dtype,
           .f32 = {},
           .f64 = {},
           .claim = claim,
           .quirks = quirks,
           .description = description};
  if (dtype == DType::kF32) k.f32 = ElementwiseOps<Impl<float>, float>();
  else k.f64 = ElementwiseOps<Impl<double>, double>();
  return k;
}

constexpr auto R = Activation::kRelu;
constexpr auto S = Activation::kSigmoid;
constexpr auto T = Activation::kTanh;
constexpr auto F32 = DType::kF32;
constexpr auto F64 = DType::kF64;

// clang-format off
const std::array kKernels = {
  // ---- relu ----
  Scalar<relu::Naive>("relu/max/scalar/f32", R, "naive", F32, {0, 0, 0}, kNanDropped,
      "std::max(x, 0); keeps NaN in the value, but gradients turn NaN into 0"),
  Scalar<relu::Naive>("relu/max/scalar/f64", R, "naive", F64, {0, 0, 0}, kNanDropped,
      "std::max(x, 0); keeps NaN in the value, but gradients turn NaN into 0"),
  Scalar<relu::Branchless>("relu/select/scalar/f32", R, "branchless", F32, {0, 0, 0}, kNanDropped,
      "x > 0 ? x : 0 (vectorises to max); the value turns NaN into 0, gradients keep NaN"),
  Scalar<relu::Branchless>("relu/select/scalar/f64", R, "branchless", F64, {0, 0, 0}, kNanDropped,
      "x > 0 ? x : 0 (vectorises to max); the value turns NaN into 0, gradients keep NaN"),

  // ---- sigmoid ----
  Scalar<sigmoid::Naive>("sigmoid/exp-div/scalar/f32", S, "naive", F32, {2.7, 1.8e7, 1.8e7}, kSubnormalFlushed,
      "1/(1+exp(-x)), grad s(1-s): flushes results below x=-88.7 to 0; grad is 0 once s rounds to 1"),
  Scalar<sigmoid::Naive>("sigmoid/exp-div/scalar/f64", S, "naive", F64, {2.1, 9.5e15, 9.5e15}, kSubnormalFlushed,
      "1/(1+exp(-x)), grad s(1-s): flushes results below x=-709.8 to 0; grad is 0 once s rounds to 1"),
  Scalar<sigmoid::Libm>("sigmoid/tanh-half/scalar/f32", S, "libm", F32, {1.8e7, 5.6, 1.8e7}, kSubnormalFlushed,
      "0.5*std::tanh(x/2)+0.5, grad sech^2(x/2)/4: loses relative accuracy for x << 0"),
  Scalar<sigmoid::Libm>("sigmoid/tanh-half/scalar/f64", S, "libm", F64, {9.5e15, 4.8, 9.5e15}, kSubnormalFlushed,
      "0.5*std::tanh(x/2)+0.5, grad sech^2(x/2)/4: loses relative accuracy for x << 0"),
  Scalar<sigmoid::Stable>("sigmoid/split-exp-div/scalar/f32", S, "stable", F32, {2.6, 4.5, 1.8e7}, kNoQuirks,
      "sign split: 1/(1+e^-x) or e^x/(1+e^x); grad e/(1+e)^2 with e=e^-|x|"),
  Scalar<sigmoid::Stable>("sigmoid/split-exp-div/scalar/f64", S, "stable", F64, {2.1, 3.6, 9.5e15}, kNoQuirks,
      "sign split: 1/(1+e^-x) or e^x/(1+e^x); grad e/(1+e)^2 with e=e^-|x|"),
  Scalar<sigmoid::Branchless>("sigmoid/sel-taylor-div/scalar/f32", S, "branchless", F32, {2.6, 4.5, 1.8e7}, kNoQuirks,
      "sign split by select, inline Cody-Waite exp with Taylor degree 8, one division; vectorisable"),
  Scalar<sigmoid::Branchless>("sigmoid/sel-taylor-div/scalar/f64", S, "branchless", F64, {2.1, 3.6, 9.5e15}, kNoQuirks,
      "sign split by select, inline Cody-Waite exp with Taylor degree 14, one division; vectorisable"),

  // ---- tanh ----
  Scalar<tanh::Naive>("tanh/exp-div/scalar/f32", T, "naive", F32, {},
      kNanFromFinite | kInfWrong | kSignedZeroLost | kSubnormalFlushed,
      "(1-e^-2x)/(1+e^-2x): NaN for x < -44.4 and at -inf; 0 for tiny |x| (+0 at -0); grad 1-t^2"),
  Scalar<tanh::Naive>("tanh/exp-div/scalar/f64", T, "naive", F64, {},
      kNanFromFinite | kInfWrong | kSignedZeroLost | kSubnormalFlushed,
      "(1-e^-2x)/(1+e^-2x): NaN for x < -354.9 and at -inf; 0 for tiny |x| (+0 at -0); grad 1-t^2"),
  Scalar<tanh::Libm>("tanh/std/scalar/f32", T, "libm", F32, {2.3, 5.6, 1.8e7}, kNoQuirks,
      "std::tanh; grad sech^2 from std::cosh"),
  Scalar<tanh::Libm>("tanh/std/scalar/f64", T, "libm", F64, {2.2, 5.2, 9.5e15}, kNoQuirks,
      "std::tanh; grad sech^2 from std::cosh"),
  Scalar<tanh::Stable>("tanh/expm1-div/scalar/f32", T, "stable", F32, {2.6, 4.5, 2.3e7}, kNoQuirks,
      "m/(m+2) with m=expm1(2|x|), sign by copysign; grad 4e/(1+e)^2 with e=e^-2|x|"),
  Scalar<tanh::Stable>("tanh/expm1-div/scalar/f64", T, "stable", F64, {2.5, 3.7, 1.1e16}, kNoQuirks,
      "m/(m+2) with m=expm1(2|x|), sign by copysign; grad 4e/(1+e)^2 with e=e^-2|x|"),
  Scalar<tanh::Branchless>("tanh/taylor-expm1-div/scalar/f32", T, "branchless", F32, {2.6, 4.5, 2.3e7}, kNoQuirks,
      "m/(m+2) with an inline branch-free expm1 (Taylor degree 8), clamped at |x|=20; vectorisable"),
  Scalar<tanh::Branchless>("tanh/taylor-expm1-div/scalar/f64", T, "branchless", F64, {2.5, 3.7, 9.5e15}, kNoQuirks,
      "m/(m+2) with an inline branch-free expm1 (Taylor degree 14), clamped at |x|=20; vectorisable"),

  // ---- explicit SIMD families (kernels/simd) ----
  simd::Entry<simd::ReluMax, Isa::kSse42, float>("relu/max/sse4.2/f32", R, "simd", {0, 0, 0}, kNoQuirks,
      "max(0, x) in one instruction, NaN kept; gradients select dy by x > 0, NaN kept"),
  simd::Entry<simd::ReluMax, Isa::kAvx2, float>("relu/max/avx2/f32", R, "simd", {0, 0, 0}, kNoQuirks,
      "max(0, x) in one instruction, NaN kept; gradients select dy by x > 0, NaN kept"),
  simd::Entry<simd::ReluMax, Isa::kAvx512, float>("relu/max/avx512/f32", R, "simd", {0, 0, 0}, kNoQuirks,
      "max(0, x) in one instruction, NaN kept; gradients select dy by x > 0, NaN kept"),
  simd::Entry<simd::ReluMax, Isa::kSse42, double>("relu/max/sse4.2/f64", R, "simd", {0, 0, 0}, kNoQuirks,
      "max(0, x) in one instruction, NaN kept; gradients select dy by x > 0, NaN kept"),
  simd::Entry<simd::ReluMax, Isa::kAvx2, double>("relu/max/avx2/f64", R, "simd", {0, 0, 0}, kNoQuirks,
      "max(0, x) in one instruction, NaN kept; gradients select dy by x > 0, NaN kept"),
  simd::Entry<simd::ReluMax, Isa::kAvx512, double>("relu/max/avx512/f64", R, "simd", {0, 0, 0}, kNoQuirks,
      "max(0, x) in one instruction, NaN kept; gradients select dy by x > 0, NaN kept"),
  simd::Entry<simd::SigmoidRr2P6Div, Isa::kSse42, float>("sigmoid/rr2-p6-div/sse4.2/f32", S, "approx-exp", {2.6, 2.7, kNoClaim}, kSubnormalFlushed,
      "1/(1+e^-x), Cody-Waite + degree-6 minimax exp, 2^n by exponent bits, division; grad e/(1+e)^2 from x"),
  simd::Entry<simd::SigmoidRr2P6Div, Isa::kAvx2, float>("sigmoid/rr2-p6-div/avx2/f32", S, "approx-exp", {2.6, 2.5, kNoClaim}, kSubnormalFlushed,
      "1/(1+e^-x), Cody-Waite + degree-6 minimax exp, 2^n by exponent bits, division; grad e/(1+e)^2 from x"),
  simd::Entry<simd::SigmoidRr2P6Div, Isa::kAvx512, float>("sigmoid/rr2-p6-div/avx512/f32", S, "approx-exp", {2.7, 2.5, kNoClaim}, kSubnormalFlushed,
      "1/(1+e^-x), Cody-Waite + degree-6 minimax exp, 2^n by vscalefps, division; grad e/(1+e)^2 from x"),
  simd::Entry<simd::SigmoidRr2P5Div, Isa::kSse42, float>("sigmoid/rr2-p5-div/sse4.2/f32", S, "approx-exp", {3.8, 4.0, kNoClaim}, kSubnormalFlushed,
      "1/(1+e^-x), Cody-Waite + degree-5 minimax exp, 2^n by exponent bits, division; grad e/(1+e)^2 from x"),
  simd::Entry<simd::SigmoidRr2P5Div, Isa::kAvx2, float>("sigmoid/rr2-p5-div/avx2/f32", S, "approx-exp", {3.7, 3.8, kNoClaim}, kSubnormalFlushed,
      "1/(1+e^-x), Cody-Waite + degree-5 minimax exp, 2^n by exponent bits, division; grad e/(1+e)^2 from x"),
  simd::Entry<simd::SigmoidRr2P5Div, Isa::kAvx512, float>("sigmoid/rr2-p5-div/avx512/f32", S, "approx-exp", {3.7, 3.8, kNoClaim}, kSubnormalFlushed,
      "1/(1+e^-x), Cody-Waite + degree-5 minimax exp, 2^n by vscalefps, division; grad e/(1+e)^2 from x"),
  simd::Entry<simd::SigmoidRr2P5Nr2, Isa::kSse42, float>("sigmoid/rr2-p5-nr2/sse4.2/f32", S, "approx-exp", {4.1, 5.2, kNoClaim}, kSubnormalFlushed,
      "as rr2-p5-div with rcpps + 2 Newton steps instead of the division"),
  simd::Entry<simd::SigmoidRr2P5Nr2, Isa::kAvx2, float>("sigmoid/rr2-p5-nr2/avx2/f32", S, "approx-exp", {3.7, 4.5, kNoClaim}, kSubnormalFlushed,
      "as rr2-p5-div with rcpps + 2 Newton steps instead of the division"),
  simd::Entry<simd::SigmoidRr2P5Nr1, Isa::kAvx512, float>("sigmoid/rr2-p5-nr1/avx512/f32", S, "approx-exp", {3.7, 4.5, kNoClaim}, kSubnormalFlushed,
      "as rr2-p5-div with rcp14 + 1 Newton step instead of the division"),
  simd::Entry<simd::SigmoidRr2P3Div, Isa::kSse42, float>("sigmoid/rr2-p3-div/sse4.2/f32", S, "approx-exp", {1500, 1500, kNoClaim}, kSubnormalFlushed,
      "cheap: degree-3 minimax exp (1e-4) and a division; saturates, keeps NaN"),
  simd::Entry<simd::SigmoidRr1P3Div, Isa::kAvx2, float>("sigmoid/rr1-p3-div/avx2/f32", S, "approx-exp", {1500, 1500, kNoClaim}, kSubnormalFlushed,
      "cheap: degree-3 minimax exp (1e-4) and a division; saturates, keeps NaN"),
  simd::Entry<simd::SigmoidRr1P3Rcp, Isa::kAvx512, float>("sigmoid/rr1-p3-rcp/avx512/f32", S, "approx-exp", {2000, 2000, kNoClaim}, kSubnormalFlushed,
      "cheap: degree-3 minimax exp (1e-4) and the rcp14 estimate; saturates, keeps NaN"),
  simd::Entry<simd::SigmoidSchraudolphDiv, Isa::kSse42, float>("sigmoid/schraudolph-div/sse4.2/f32", S, "approx-exp", {780000, 760000, kNoClaim}, kSubnormalFlushed,
      "cheapest: Schraudolph's bit-trick exp (up to 6% off) and a division; saturates, keeps NaN"),
  simd::Entry<simd::SigmoidSchraudolphDiv, Isa::kAvx2, float>("sigmoid/schraudolph-div/avx2/f32", S, "approx-exp", {780000, 760000, kNoClaim}, kSubnormalFlushed,
      "cheapest: Schraudolph's bit-trick exp (up to 6% off) and a division; saturates, keeps NaN"),
  simd::Entry<simd::SigmoidSchraudolphRcp, Isa::kAvx512, float>("sigmoid/schraudolph-rcp/avx512/f32", S, "approx-exp", {780000, 760000, kNoClaim}, kSubnormalFlushed,
      "cheapest: Schraudolph's bit-trick exp (up to 6% off) and the rcp14 estimate; saturates, keeps NaN"),
  simd::Entry<simd::TanhRr2Expm1P6Div, Isa::kSse42, float>("tanh/rr2-expm1-p6-div/sse4.2/f32", T, "approx-exp", {2.7, 2.7, kNoClaim}, kSubnormalFlushed,
      "-m/(2+m), m = expm1(-2|x|) by Cody-Waite + degree-6 minimax, division; grad 4e/(1+e)^2 from x"),
  simd::Entry<simd::TanhRr2Expm1P6Div, Isa::kAvx2, float>("tanh/rr2-expm1-p6-div/avx2/f32", T, "approx-exp", {2.7, 2.5, kNoClaim}, kSubnormalFlushed,
      "-m/(2+m), m = expm1(-2|x|) by Cody-Waite + degree-6 minimax, division; grad 4e/(1+e)^2 from x"),
  simd::Entry<simd::TanhRr2Expm1P6Div, Isa::kAvx512, float>("tanh/rr2-expm1-p6-div/avx512/f32", T, "approx-exp", {2.7, 2.5, kNoClaim}, kNoQuirks,
      "-m/(2+m), m = expm1(-2|x|) by Cody-Waite + degree-6 minimax, division; grad 4e/(1+e)^2 from x"),
  simd::Entry<simd::TanhRr2Expm1P6Nr2, Isa::kSse42, float>("tanh/rr2-expm1-p6-nr2/sse4.2/f32", T, "approx-exp", {3.3, 3.9, kNoClaim}, kSubnormalFlushed,
      "as rr2-expm1-p6-div with rcpps + 2 Newton steps instead of the division"),
  simd::Entry<simd::TanhRr2Expm1P6Nr2, Isa::kAvx2, float>("tanh/rr2-expm1-p6-nr2/avx2/f32", T, "approx-exp", {3.2, 3.1, kNoClaim}, kSubnormalFlushed,
      "as rr2-expm1-p6-div with rcpps + 2 Newton steps instead of the division"),
  simd::Entry<simd::TanhRr2Expm1P6Nr1, Isa::kAvx512, float>("tanh/rr2-expm1-p6-nr1/avx512/f32", T, "approx-exp", {3.2, 3.1, kNoClaim}, kNoQuirks,
      "as rr2-expm1-p6-div with rcp14 + 1 Newton step instead of the division"),
  simd::Entry<simd::TanhRr2Expm1P4Div, Isa::kSse42, float>("tanh/rr2-expm1-p4-div/sse4.2/f32", T, "approx-exp", {390, 47.0, kNoClaim}, kSubnormalFlushed,
      "cheap: degree-4 expm1 (2e-5) and a division; odd, saturates, keeps NaN"),
  simd::Entry<simd::TanhRr1Expm1P4Div, Isa::kAvx2, float>("tanh/rr1-expm1-p4-div/avx2/f32", T, "approx-exp", {390, 49.0, kNoClaim}, kSubnormalFlushed,
      "cheap: degree-4 expm1 (2e-5) and a division; odd, saturates, keeps NaN"),
  simd::Entry<simd::TanhRr1Expm1P4Rcp, Isa::kAvx512, float>("tanh/rr1-expm1-p4-rcp/avx512/f32", T, "approx-exp", {940, 960, kNoClaim}, kNoQuirks,
      "cheap: degree-4 expm1 (2e-5) and the rcp14 estimate; odd, saturates, keeps NaN"),
  simd::Entry<simd::TanhRr2Expm1P3Div, Isa::kSse42, float>("tanh/rr2-expm1-p3-div/sse4.2/f32", T, "approx-exp", {7500, 1500, kNoClaim}, kSubnormalFlushed,
      "cheaper: degree-3 expm1 (5e-4) and a division; odd, saturates, keeps NaN"),
  simd::Entry<simd::TanhRr1Expm1P3Div, Isa::kAvx2, float>("tanh/rr1-expm1-p3-div/avx2/f32", T, "approx-exp", {7500, 1500, kNoClaim}, kSubnormalFlushed,
      "cheaper: degree-3 expm1 (5e-4) and a division; odd, saturates, keeps NaN"),
  simd::Entry<simd::TanhRr1Expm1P3Rcp, Isa::kAvx512, float>("tanh/rr1-expm1-p3-rcp/avx512/f32", T, "approx-exp", {7500, 2000, kNoClaim}, kNoQuirks,
      "cheaper: degree-3 expm1 (5e-4) and the rcp14 estimate; odd, saturates, keeps NaN"),
  simd::Entry<simd::SigmoidXsimd, Isa::kSse42, float>("sigmoid/xsimd-exp-div/sse4.2/f32", S, "simd", {2.8, 2.7, kNoClaim}, kSubnormalFlushed,
      "sign split with xsimd::exp(-|x|), one division; grad e/(1+e)^2 from x"),
  simd::Entry<simd::SigmoidXsimd, Isa::kAvx2, float>("sigmoid/xsimd-exp-div/avx2/f32", S, "simd", {2.8, 2.8, kNoClaim}, kSubnormalFlushed,
      "sign split with xsimd::exp(-|x|), one division; grad e/(1+e)^2 from x"),
  simd::Entry<simd::SigmoidXsimd, Isa::kAvx512, float>("sigmoid/xsimd-exp-div/avx512/f32", S, "simd", {2.8, 2.8, kNoClaim}, kSubnormalFlushed,
      "sign split with xsimd::exp(-|x|), one division; grad e/(1+e)^2 from x"),
  simd::Entry<simd::SigmoidXsimd, Isa::kSse42, double>("sigmoid/xsimd-exp-div/sse4.2/f64", S, "simd", {2.1, 2.1, kNoClaim}, kSubnormalFlushed,
      "sign split with xsimd::exp(-|x|), one division; grad e/(1+e)^2 from x"),
  simd::Entry<simd::SigmoidXsimd, Isa::kAvx2, double>("sigmoid/xsimd-exp-div/avx2/f64", S, "simd", {2.1, 2.0, kNoClaim}, kSubnormalFlushed,
      "sign split with xsimd::exp(-|x|), one division; grad e/(1+e)^2 from x"),
  simd::Entry<simd::SigmoidXsimd, Isa::kAvx512, double>("sigmoid/xsimd-exp-div/avx512/f64", S, "simd", {2.1, 2.0, kNoClaim}, kSubnormalFlushed,
      "sign split with xsimd::exp(-|x|), one division; grad e/(1+e)^2 from x"),
  simd::Entry<simd::TanhXsimd, Isa::kSse42, float>("tanh/xsimd-tanh/sse4.2/f32", T, "simd", {1.5, 5.6, kNoClaim}, kNoQuirks,
      "xsimd::tanh; grad 4e/(1+e)^2 with 4e = (2 xsimd::exp(-|x|))^2, from x"),
  simd::Entry<simd::TanhXsimd, Isa::kAvx2, float>("tanh/xsimd-tanh/avx2/f32", T, "simd", {1.5, 5.8, kNoClaim}, kNoQuirks,
      "xsimd::tanh; grad 4e/(1+e)^2 with 4e = (2 xsimd::exp(-|x|))^2, from x"),
  simd::Entry<simd::TanhXsimd, Isa::kAvx512, float>("tanh/xsimd-tanh/avx512/f32", T, "simd", {1.5, 5.8, kNoClaim}, kNoQuirks,
      "xsimd::tanh; grad 4e/(1+e)^2 with 4e = (2 xsimd::exp(-|x|))^2, from x"),
  simd::Entry<simd::TanhXsimd, Isa::kSse42, double>("tanh/xsimd-tanh/sse4.2/f64", T, "simd", {1.3, 3.8, kNoClaim}, kNoQuirks,
      "xsimd::tanh; grad 4e/(1+e)^2 with 4e = (2 xsimd::exp(-|x|))^2, from x"),
  simd::Entry<simd::TanhXsimd, Isa::kAvx2, double>("tanh/xsimd-tanh/avx2/f64", T, "simd", {1.3, 3.8, kNoClaim}, kNoQuirks,
      "xsimd::tanh; grad 4e/(1+e)^2 with 4e = (2 xsimd::exp(-|x|))^2, from x"),
  simd::Entry<simd::TanhXsimd, Isa::kAvx512, double>("tanh/xsimd-tanh/avx512/f64", T, "simd", {1.3, 3.8, kNoClaim}, kNoQuirks,
      "xsimd::tanh; grad 4e/(1+e)^2 with 4e = (2 xsimd::exp(-|x|))^2, from x"),
  simd::Entry<simd::SigmoidRr2P5DivNt, Isa::kSse42, float>("sigmoid/rr2-p5-div-nt/sse4.2/f32", S, "approx-exp", {3.8, 4.0, kNoClaim}, kSubnormalFlushed,
      "rr2-p5-div with non-temporal stores (for outputs larger than the cache)"),
  simd::Entry<simd::SigmoidRr2P5DivNt, Isa::kAvx2, float>("sigmoid/rr2-p5-div-nt/avx2/f32", S, "approx-exp", {3.7, 3.8, kNoClaim}, kSubnormalFlushed,
      "rr2-p5-div with non-temporal stores (for outputs larger than the cache)"),
  simd::Entry<simd::SigmoidRr2P5DivNt, Isa::kAvx512, float>("sigmoid/rr2-p5-div-nt/avx512/f32", S, "approx-exp", {3.7, 3.8, kNoClaim}, kSubnormalFlushed,
      "rr2-p5-div with non-temporal stores (for outputs larger than the cache)"),
  simd::Entry<simd::TanhRr2Expm1P6DivNt, Isa::kSse42, float>("tanh/rr2-expm1-p6-div-nt/sse4.2/f32", T, "approx-exp", {2.7, 2.7, kNoClaim}, kSubnormalFlushed,
      "rr2-expm1-p6-div with non-temporal stores (for outputs larger than the cache)"),
  simd::Entry<simd::TanhRr2Expm1P6DivNt, Isa::kAvx2, float>("tanh/rr2-expm1-p6-div-nt/avx2/f32", T, "approx-exp", {2.7, 2.5, kNoClaim}, kSubnormalFlushed,
      "rr2-expm1-p6-div with non-temporal stores (for outputs larger than the cache)"),
  simd::Entry<simd::TanhRr2Expm1P6DivNt, Isa::kAvx512, float>("tanh/rr2-expm1-p6-div-nt/avx512/f32", T, "approx-exp", {2.7, 2.5, kNoClaim}, kNoQuirks,
      "rr2-expm1-p6-div with non-temporal stores (for outputs larger than the cache)"),
  simd::Entry<simd::SigmoidRr2Lut32P2Div, Isa::kAvx512, float>("sigmoid/rr2-lut32-p2-div/avx512/f32", S, "lut", {4.2, 4.0, kNoClaim}, kSubnormalFlushed,
      "1/(1+e^-x), exp by a 2^(k/32) table in two registers (vpermt2ps) + degree-2 minimax, vscalefps, division; grad e/(1+e)^2 from x"),
  simd::Entry<simd::SigmoidRr2Lut32P2Nr1, Isa::kAvx512, float>("sigmoid/rr2-lut32-p2-nr1/avx512/f32", S, "lut", {4.2, 4.5, kNoClaim}, kSubnormalFlushed,
      "as rr2-lut32-p2-div with rcp14 + 1 Newton step instead of the division"),
  simd::Entry<simd::SigmoidRr2Lut32P2DivNt, Isa::kAvx512, float>("sigmoid/rr2-lut32-p2-div-nt/avx512/f32", S, "lut", {4.2, 4.0, kNoClaim}, kSubnormalFlushed,
      "rr2-lut32-p2-div with non-temporal stores (for outputs larger than the cache)"),
  simd::Entry<simd::ReluMaxNt, Isa::kSse42, float>("relu/max-nt/sse4.2/f32", R, "simd", {0, 0, 0}, kNoQuirks,
      "relu/max with non-temporal stores (for outputs larger than the cache)"),
  simd::Entry<simd::ReluMaxNt, Isa::kAvx2, float>("relu/max-nt/avx2/f32", R, "simd", {0, 0, 0}, kNoQuirks,
      "relu/max with non-temporal stores (for outputs larger than the cache)"),
  simd::Entry<simd::ReluMaxNt, Isa::kAvx512, float>("relu/max-nt/avx512/f32", R, "simd", {0, 0, 0}, kNoQuirks,
      "relu/max with non-temporal stores (for outputs larger than the cache)"),
  simd::Entry<simd::ReluMaxNt, Isa::kSse42, double>("relu/max-nt/sse4.2/f64", R, "simd", {0, 0, 0}, kNoQuirks,
      "relu/max with non-temporal stores (for outputs larger than the cache)"),
  simd::Entry<simd::ReluMaxNt, Isa::kAvx2, double>("relu/max-nt/avx2/f64", R, "simd", {0, 0, 0}, kNoQuirks,
      "relu/max with non-temporal stores (for outputs larger than the cache)"),
  simd::Entry<simd::ReluMaxNt, Isa::kAvx512, double>("relu/max-nt/avx512/f64", R, "simd", {0, 0, 0}, kNoQuirks,
      "relu/max with non-temporal stores (for outputs larger than the cache)"),
  simd::Entry<simd::TanhRr2Expm1P7Adj, Isa::kAvx2, float>("tanh/rr2-expm1-p7-adj/avx2/f32", T, "approx-exp", {0.7, 2.5, kNoClaim}, kSubnormalFlushed,
      "accurate: double-float expm1 (degree 7) and -m/(2+m) corrected by its exact residual; grad as rr2-expm1-p6-div"),
  simd::Entry<simd::TanhRr2Expm1P7Adj, Isa::kAvx512, float>("tanh/rr2-expm1-p7-adj/avx512/f32", T, "approx-exp", {0.7, 2.5, kNoClaim}, kNoQuirks,
      "accurate: double-float expm1 (degree 7) and -m/(2+m) corrected by its exact residual; grad as rr2-expm1-p6-div"),
  simd::Entry<simd::TanhPw16, Isa::kAvx512, float>("tanh/pw16-p6/avx512/f32", T, "lut", {1.3, 4.0, kNoClaim}, kNoQuirks,
      "piecewise degree-6 polynomials, 2 pieces per binade of |x|, coefficients read by vpermps from registers; no exp, no division; grad 4e/(1+e)^2 from x with the lut32 exp"),
  simd::Entry<simd::TanhPw16Nt, Isa::kAvx512, float>("tanh/pw16-p6-nt/avx512/f32", T, "lut", {1.3, 4.0, kNoClaim}, kNoQuirks,
      "pw16-p6 with non-temporal stores (for outputs larger than the cache)"),
  simd::Entry<simd::SigmoidRr2P7Adj, Isa::kAvx2, float>("sigmoid/rr2-p7-adj/avx2/f32", S, "approx-exp", {0.75, 2.5, kNoClaim}, kSubnormalFlushed,
      "accurate: double-float 1+e^-x (degree 7) and its reciprocal corrected by the exact residual; grad as rr2-p6-div"),
  simd::Entry<simd::SigmoidRr2P7Adj, Isa::kAvx512, float>("sigmoid/rr2-p7-adj/avx512/f32", S, "approx-exp", {0.75, 2.5, kNoClaim}, kSubnormalFlushed,
      "accurate: double-float 1+e^-x (degree 7) and its reciprocal corrected by the exact residual; grad as rr2-p6-div"),
  simd::Entry<simd::SigmoidRr2P11Div, Isa::kSse42, double>("sigmoid/rr2-p11-div/sse4.2/f64", S, "approx-exp", {2.5, 2.6, kNoClaim}, kSubnormalFlushed,
      "1/(1+e^-x), Cody-Waite + degree-11 minimax exp, 2^n by exponent bits, division; grad e/(1+e)^2 from x"),
  simd::Entry<simd::SigmoidRr2P11Div, Isa::kAvx2, double>("sigmoid/rr2-p11-div/avx2/f64", S, "approx-exp", {2.5, 2.6, kNoClaim}, kSubnormalFlushed,
      "1/(1+e^-x), Cody-Waite + degree-11 minimax exp, 2^n by exponent bits, division; grad e/(1+e)^2 from x"),
  simd::Entry<simd::SigmoidRr2P11Div, Isa::kAvx512, double>("sigmoid/rr2-p11-div/avx512/f64", S, "approx-exp", {2.6, 2.6, kNoClaim}, kSubnormalFlushed,
      "1/(1+e^-x), Cody-Waite + degree-11 minimax exp, 2^n by vscalefpd, division; grad e/(1+e)^2 from x"),
  simd::Entry<simd::TanhRr2Expm1P12Div, Isa::kSse42, double>("tanh/rr2-expm1-p12-div/sse4.2/f64", T, "approx-exp", {2.7, 2.6, kNoClaim}, kSubnormalFlushed,
      "-m/(2+m), m = expm1(-2|x|) by Cody-Waite + degree-12 minimax, division; grad 4e/(1+e)^2 from x"),
  simd::Entry<simd::TanhRr2Expm1P12Div, Isa::kAvx2, double>("tanh/rr2-expm1-p12-div/avx2/f64", T, "approx-exp", {2.7, 2.6, kNoClaim}, kSubnormalFlushed,
      "-m/(2+m), m = expm1(-2|x|) by Cody-Waite + degree-12 minimax, division; grad 4e/(1+e)^2 from x"),
  simd::Entry<simd::TanhRr2Expm1P12Div, Isa::kAvx512, double>("tanh/rr2-expm1-p12-div/avx512/f64", T, "approx-exp", {2.7, 2.6, kNoClaim}, kNoQuirks,
      "-m/(2+m), m = expm1(-2|x|) by Cody-Waite + degree-12 minimax, division; grad 4e/(1+e)^2 from x"),

  // rational family (simd/rational.h): tanh through a 5/6 rational for tanh(x/2) and the doubling formula
  simd::Entry<simd::TanhRational, Isa::kSse42, float>("tanh/rational-5-6-dbl-div/sse4.2/f32", T, "rational", {3.5, 2.6, kNoClaim}, kSubnormalFlushed,
      "2vQ/(Q^2+v^2): a 5/6 rational t = v/Q for tanh(x/2), doubled, one division, x for |x| < 2^-12; grad 4e/(1+e)^2 from x"),
  simd::Entry<simd::TanhRational, Isa::kAvx2, float>("tanh/rational-5-6-dbl-div/avx2/f32", T, "rational", {4.0, 2.5, kNoClaim}, kSubnormalFlushed,
      "2vQ/(Q^2+v^2): a 5/6 rational t = v/Q for tanh(x/2), doubled, one division, x for |x| < 2^-12; grad 4e/(1+e)^2 from x"),
  simd::Entry<simd::TanhRational, Isa::kAvx512, float>("tanh/rational-5-6-dbl-div/avx512/f32", T, "rational", {4.0, 4.0, kNoClaim}, kNoQuirks,
      "2vQ/(Q^2+v^2): a 5/6 rational t = v/Q for tanh(x/2), doubled, one division, x for |x| < 2^-12; grad 4e/(1+e)^2 from x with the lut32 exp"),
  simd::Entry<simd::SigmoidRational, Isa::kSse42, float>("sigmoid/rational-5-6-dbl-div/sse4.2/f32", S, "rational", {kNoClaim, 2.6, kNoClaim}, kSubnormalFlushed,
      "1/2 + 1/2 tanh(x/2), tanh as rational-5-6-dbl-div: absolute accuracy only, 0 below x = -18.04; grad e/(1+e)^2 from x"),
  simd::Entry<simd::SigmoidRational, Isa::kAvx2, float>("sigmoid/rational-5-6-dbl-div/avx2/f32", S, "rational", {kNoClaim, 2.5, kNoClaim}, kSubnormalFlushed,
      "1/2 + 1/2 tanh(x/2), tanh as rational-5-6-dbl-div: absolute accuracy only, 0 below x = -18.04; grad e/(1+e)^2 from x"),
  simd::Entry<simd::SigmoidRational, Isa::kAvx512, float>("sigmoid/rational-5-6-dbl-div/avx512/f32", S, "rational", {kNoClaim, 2.5, kNoClaim}, kSubnormalFlushed,
      "1/2 + 1/2 tanh(x/2), tanh as rational-5-6-dbl-div: absolute accuracy only, 0 below x = -18.04; grad e/(1+e)^2 from x"),

  // ---- peer libraries (kernels/peer) ----
#ifdef ACTBENCH_HAVE_SLEEF
  peer::Entry<peer::SleefSigmoidExpU10<Isa::kAvx512, float>>("sigmoid/sleef-expu10-div/avx512/f32", S, {2.7, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "1/(1+Sleef_expf16_u10avx512f(-x)): 0 below x=-88.7 (exp overflows); grads dy(1-y)y from y, 0 once y rounds to 1"),
  peer::Entry<peer::SleefSigmoidExpU10<Isa::kAvx2, float>>("sigmoid/sleef-expu10-div/avx2/f32", S, {2.7, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "1/(1+Sleef_expf8_u10avx2(-x)): 0 below x=-88.7 (exp overflows); grads dy(1-y)y from y, 0 once y rounds to 1"),
  peer::Entry<peer::SleefSigmoidExpU10<Isa::kAvx512, double>>("sigmoid/sleef-expu10-div/avx512/f64", S, {2.6, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "1/(1+Sleef_expd8_u10avx512f(-x)): 0 below x=-709.8 (exp overflows); grads dy(1-y)y from y, 0 once y rounds to 1"),
  peer::Entry<peer::SleefSigmoidExpU10<Isa::kAvx2, double>>("sigmoid/sleef-expu10-div/avx2/f64", S, {2.6, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "1/(1+Sleef_expd4_u10avx2(-x)): 0 below x=-709.8 (exp overflows); grads dy(1-y)y from y, 0 once y rounds to 1"),
  peer::Entry<peer::SleefTanhU10<Isa::kAvx512, float>>("tanh/sleef-u10/avx512/f32", T, {1.1, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "Sleef_tanhf16_u10avx512f; grads dy(1-y^2) from y, 0 once |y| rounds to 1 (|x| > 9.0)"),
  peer::Entry<peer::SleefTanhU35<Isa::kAvx512, float>>("tanh/sleef-u35/avx512/f32", T, {3.1, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "Sleef_tanhf16_u35avx512f; grads dy(1-y^2) from y, 0 once |y| rounds to 1 (|x| > 9.0)"),
  peer::Entry<peer::SleefTanhU10<Isa::kAvx2, float>>("tanh/sleef-u10/avx2/f32", T, {1.1, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "Sleef_tanhf8_u10avx2; grads dy(1-y^2) from y, 0 once |y| rounds to 1 (|x| > 9.0)"),
  peer::Entry<peer::SleefTanhU35<Isa::kAvx2, float>>("tanh/sleef-u35/avx2/f32", T, {3.1, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "Sleef_tanhf8_u35avx2; grads dy(1-y^2) from y, 0 once |y| rounds to 1 (|x| > 9.0)"),
  peer::Entry<peer::SleefTanhU10<Isa::kAvx512, double>>("tanh/sleef-u10/avx512/f64", T, {1.1, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "Sleef_tanhd8_u10avx512f; grads dy(1-y^2) from y, 0 once |y| rounds to 1 (|x| > 19.1)"),
  peer::Entry<peer::SleefTanhU35<Isa::kAvx512, double>>("tanh/sleef-u35/avx512/f64", T, {3, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "Sleef_tanhd8_u35avx512f; grads dy(1-y^2) from y, 0 once |y| rounds to 1 (|x| > 19.1)"),
  peer::Entry<peer::SleefTanhU10<Isa::kAvx2, double>>("tanh/sleef-u10/avx2/f64", T, {1.1, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "Sleef_tanhd4_u10avx2; grads dy(1-y^2) from y, 0 once |y| rounds to 1 (|x| > 19.1)"),
  peer::Entry<peer::SleefTanhU35<Isa::kAvx2, double>>("tanh/sleef-u35/avx2/f64", T, {3, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "Sleef_tanhd4_u35avx2; grads dy(1-y^2) from y, 0 once |y| rounds to 1 (|x| > 19.1)"),
#endif
#ifdef ACTBENCH_HAVE_EIGEN
  peer::Entry<peer::EigenLogistic<Isa::kAvx512, float>>("sigmoid/eigen-logistic/avx512/f32", S, {9400, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "Eigen logistic (TF CPU): 9/10 rational, exp(x) below -9; 8.9e3 ULP near x=-8.5, 0 below -87.4; grads dy(1-y)y from y, 0 once y rounds to 1"),
  peer::Entry<peer::EigenLogistic<Isa::kAvx2, float>>("sigmoid/eigen-logistic/avx2/f32", S, {2.3e+06, kNoClaim, kNoClaim}, kInfWrong | kSubnormalFlushed,
      "Eigen logistic at AVX2: as at AVX-512, but 2.9e-39 instead of 0 for x <= -88.4 and -inf (its exp); grads dy(1-y)y from y, 0 once y rounds to 1"),
  peer::Entry<peer::EigenLogistic<Isa::kAvx512, double>>("sigmoid/eigen-logistic/avx512/f64", S, {2.6, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "Eigen logistic<double>: 1/(1+pexp(-x)), 0 below x=-709.8 (exp overflows); grads dy(1-y)y from y, 0 once y rounds to 1"),
  peer::Entry<peer::EigenLogistic<Isa::kAvx2, double>>("sigmoid/eigen-logistic/avx2/f64", S, {2.6, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "Eigen logistic<double>: 1/(1+pexp(-x)), 0 below x=-709.8 (exp overflows); grads dy(1-y)y from y, 0 once y rounds to 1"),
  peer::Entry<peer::EigenTanh<Isa::kAvx512, float>>("tanh/eigen-tanh/avx512/f32", T, {5.2, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "Eigen tanh (TF CPU): 13/6 rational, input clamped at 7.99, x for |x| < 4e-4; grads dy(1-y^2) from y, 0 once |y| rounds to 1"),
  peer::Entry<peer::EigenTanh<Isa::kAvx2, float>>("tanh/eigen-tanh/avx2/f32", T, {5.2, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "Eigen tanh (TF CPU): 13/6 rational, input clamped at 7.99, x for |x| < 4e-4; grads dy(1-y^2) from y, 0 once |y| rounds to 1"),
#endif
#ifdef ACTBENCH_HAVE_DNNL
  peer::Entry<peer::DnnlKernel<R>>("relu/dnnl-eltwise/avx512/f32", R, {0, 0, 0}, kNanDropped,
      "oneDNN eltwise_relu fwd/bwd primitives (jit:avx512_core, 1 thread); NaN gives value 0 and grad-from-x dy"),
  peer::Entry<peer::DnnlKernel<S>>("sigmoid/dnnl-eltwise/avx512/f32", S, {kNoClaim, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "oneDNN eltwise_logistic fwd/bwd primitives (jit:avx512_core, 1 thread); 0 below x=-87 (loses normal results); grads 0 once y rounds to 1"),
  peer::Entry<peer::DnnlKernel<T>>("tanh/dnnl-eltwise/avx512/f32", T, {1.3, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "oneDNN eltwise_tanh fwd/bwd primitives (jit:avx512_core, 1 thread); grads 0 once |y| rounds to 1 (|x| > 9.0)"),
#endif
#ifdef ACTBENCH_HAVE_XNNPACK
  peer::Entry<peer::XnnKernel<R>>("relu/xnnpack-clamp/avx512/f32", R, {0, kNoClaim, kNoClaim}, kNanDropped | kSubnormalFlushed,
      "XNNPACK clamp(0, +inf) operator (avx512f), no threadpool; runs with denormals off: subnormal x gives 0 (grad 0), NaN gives 0"),
  peer::Entry<peer::XnnKernel<S>>("sigmoid/xnnpack-sigmoid/avx512/f32", S, {kNoClaim, kNoClaim, kNoClaim}, kNanFromFinite | kSubnormalFlushed,
      "XNNPACK sigmoid operator (avx512f lut32-p2 div): 3.9 ULP, but NaN for 4.9e26 <= |x| < 3e38; denormals off: 0 below x=-87.3; grads dy(1-y)y from y, 0 once y rounds to 1"),
#endif
#ifdef ACTBENCH_HAVE_HWY
  peer::Entry<peer::HwySigmoidExp<Isa::kAvx512, float>>("sigmoid/hwy-exp-div/avx512/f32", S, {2.7, kNoClaim, kNoClaim}, kNanDropped | kSubnormalFlushed,
      "1/(1+hn::Exp(-x)), -x kept within Exp's valid range (<= 104): 0 below -88.7; NaN gives 0; grads dy(1-y)y from y, 0 once y rounds to 1"),
  peer::Entry<peer::HwySigmoidExp<Isa::kAvx2, float>>("sigmoid/hwy-exp-div/avx2/f32", S, {2.7, kNoClaim, kNoClaim}, kNanDropped | kSubnormalFlushed,
      "1/(1+hn::Exp(-x)), -x kept within Exp's valid range (<= 104): 0 below -88.7; NaN gives 0; grads dy(1-y)y from y, 0 once y rounds to 1"),
  peer::Entry<peer::HwySigmoidExp<Isa::kAvx512, double>>("sigmoid/hwy-exp-div/avx512/f64", S, {kNoClaim, kNoClaim, kNoClaim}, kNanDropped | kSubnormalFlushed,
      "1/(1+hn::Exp(-x)), 0 where -x > 706 (end of Exp's valid range) though results are normal to -708.4; NaN gives 2.4e-307"),
  peer::Entry<peer::HwySigmoidExp<Isa::kAvx2, double>>("sigmoid/hwy-exp-div/avx2/f64", S, {kNoClaim, kNoClaim, kNoClaim}, kNanDropped | kSubnormalFlushed,
      "1/(1+hn::Exp(-x)), 0 where -x > 706 (end of Exp's valid range) though results are normal to -708.4; NaN gives 2.4e-307"),
  peer::Entry<peer::HwyTanh<Isa::kAvx512, float>>("tanh/hwy-tanh/avx512/f32", T, {3.1, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "hn::Tanh; grads dy(1-y^2) from y, 0 once |y| rounds to 1 (|x| > 9.0)"),
  peer::Entry<peer::HwyTanh<Isa::kAvx2, float>>("tanh/hwy-tanh/avx2/f32", T, {3.1, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "hn::Tanh; grads dy(1-y^2) from y, 0 once |y| rounds to 1 (|x| > 9.0)"),
  peer::Entry<peer::HwyTanh<Isa::kAvx512, double>>("tanh/hwy-tanh/avx512/f64", T, {3.1, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "hn::Tanh; grads dy(1-y^2) from y, 0 once |y| rounds to 1 (|x| > 19.1)"),
  peer::Entry<peer::HwyTanh<Isa::kAvx2, double>>("tanh/hwy-tanh/avx2/f64", T, {3.1, kNoClaim, kNoClaim}, kSubnormalFlushed,
      "hn::Tanh; grads dy(1-y^2) from y, 0 once |y| rounds to 1 (|x| > 19.1)"),
#endif
};
// clang-format on

}  // namespace

std::span<const Kernel> AllKernels() { return kKernels; }

}  // namespace actbench
