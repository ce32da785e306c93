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
  Scalar<sigmoid::Naive>("sigmoid/exp-div/scalar/f32", S, "naive", F32, {}, kSubnormalFlushed,
      "1/(1+exp(-x)), grad s(1-s): flushes results below x=-88.7 to 0; grad is 0 once s rounds to 1"),
  Scalar<sigmoid::Naive>("sigmoid/exp-div/scalar/f64", S, "naive", F64, {}, kSubnormalFlushed,
      "1/(1+exp(-x)), grad s(1-s): flushes results below x=-709.8 to 0; grad is 0 once s rounds to 1"),
  Scalar<sigmoid::Libm>("sigmoid/tanh-half/scalar/f32", S, "libm", F32, {}, kSubnormalFlushed,
      "0.5*std::tanh(x/2)+0.5, grad sech^2(x/2)/4: loses relative accuracy for x << 0"),
  Scalar<sigmoid::Libm>("sigmoid/tanh-half/scalar/f64", S, "libm", F64, {}, kSubnormalFlushed,
      "0.5*std::tanh(x/2)+0.5, grad sech^2(x/2)/4: loses relative accuracy for x << 0"),
  Scalar<sigmoid::Stable>("sigmoid/split-exp-div/scalar/f32", S, "stable", F32, {}, kNoQuirks,
      "sign split: 1/(1+e^-x) or e^x/(1+e^x); grad e/(1+e)^2 with e=e^-|x|"),
  Scalar<sigmoid::Stable>("sigmoid/split-exp-div/scalar/f64", S, "stable", F64, {}, kNoQuirks,
      "sign split: 1/(1+e^-x) or e^x/(1+e^x); grad e/(1+e)^2 with e=e^-|x|"),
  Scalar<sigmoid::Branchless>("sigmoid/sel-taylor-div/scalar/f32", S, "branchless", F32, {}, kNoQuirks,
      "sign split by select, inline Cody-Waite exp with Taylor degree 8, one division; vectorisable"),
  Scalar<sigmoid::Branchless>("sigmoid/sel-taylor-div/scalar/f64", S, "branchless", F64, {}, kNoQuirks,
      "sign split by select, inline Cody-Waite exp with Taylor degree 14, one division; vectorisable"),

  // ---- tanh ----
  Scalar<tanh::Naive>("tanh/exp-div/scalar/f32", T, "naive", F32, {},
      kNanFromFinite | kInfWrong | kSignedZeroLost | kSubnormalFlushed,
      "(1-e^-2x)/(1+e^-2x): NaN for x < -44.4 and at -inf; 0 for tiny |x| (+0 at -0); grad 1-t^2"),
  Scalar<tanh::Naive>("tanh/exp-div/scalar/f64", T, "naive", F64, {},
      kNanFromFinite | kInfWrong | kSignedZeroLost | kSubnormalFlushed,
      "(1-e^-2x)/(1+e^-2x): NaN for x < -354.9 and at -inf; 0 for tiny |x| (+0 at -0); grad 1-t^2"),
  Scalar<tanh::Libm>("tanh/std/scalar/f32", T, "libm", F32, {}, kNoQuirks,
      "std::tanh; grad sech^2 from std::cosh"),
  Scalar<tanh::Libm>("tanh/std/scalar/f64", T, "libm", F64, {}, kNoQuirks,
      "std::tanh; grad sech^2 from std::cosh"),
  Scalar<tanh::Stable>("tanh/expm1-div/scalar/f32", T, "stable", F32, {}, kNoQuirks,
      "m/(m+2) with m=expm1(2|x|), sign by copysign; grad 4e/(1+e)^2 with e=e^-2|x|"),
  Scalar<tanh::Stable>("tanh/expm1-div/scalar/f64", T, "stable", F64, {}, kNoQuirks,
      "m/(m+2) with m=expm1(2|x|), sign by copysign; grad 4e/(1+e)^2 with e=e^-2|x|"),
  Scalar<tanh::Branchless>("tanh/taylor-expm1-div/scalar/f32", T, "branchless", F32, {}, kNoQuirks,
      "m/(m+2) with an inline branch-free expm1 (Taylor degree 8), clamped at |x|=20; vectorisable"),
  Scalar<tanh::Branchless>("tanh/taylor-expm1-div/scalar/f64", T, "branchless", F64, {}, kNoQuirks,
      "m/(m+2) with an inline branch-free expm1 (Taylor degree 14), clamped at |x|=20; vectorisable"),

  // ---- explicit SIMD families (kernels/simd) ----
  simd::Entry<simd::ReluMax, Isa::kSse42, float>("relu/max/sse4.2/f32", R, "simd", {0, 0, 0}, kNoQuirks,
      "max(0, x) in one instruction, NaN kept; gradients select dy by x > 0, NaN kept"),
  simd::Entry<simd::ReluMax, Isa::kSse42, double>("relu/max/sse4.2/f64", R, "simd", {0, 0, 0}, kNoQuirks,
      "max(0, x) in one instruction, NaN kept; gradients select dy by x > 0, NaN kept"),
  simd::Entry<simd::ReluMax, Isa::kAvx2, float>("relu/max/avx2/f32", R, "simd", {0, 0, 0}, kNoQuirks,
      "max(0, x) in one instruction, NaN kept; gradients select dy by x > 0, NaN kept"),
  simd::Entry<simd::ReluMax, Isa::kAvx2, double>("relu/max/avx2/f64", R, "simd", {0, 0, 0}, kNoQuirks,
      "max(0, x) in one instruction, NaN kept; gradients select dy by x > 0, NaN kept"),
  simd::Entry<simd::ReluMax, Isa::kAvx512, float>("relu/max/avx512/f32", R, "simd", {0, 0, 0}, kNoQuirks,
      "max(0, x) in one instruction, NaN kept; gradients select dy by x > 0, NaN kept"),
  simd::Entry<simd::ReluMax, Isa::kAvx512, double>("relu/max/avx512/f64", R, "simd", {0, 0, 0}, kNoQuirks,
      "max(0, x) in one instruction, NaN kept; gradients select dy by x > 0, NaN kept"),

  // ---- peer libraries (kernels/peer) ----
};
// clang-format on

}  // namespace

std::span<const Kernel> AllKernels() { return kKernels; }

}  // namespace actbench
