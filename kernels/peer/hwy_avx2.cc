// Highway kernels at AVX2, by static dispatch: this file is compiled with the AVX2 flags (plus
// FMA, BMI2, F16C, which Highway's AVX2 target requires and every AVX2+FMA CPU has; see
// kernels/peer/CMakeLists.txt), so Highway's static target is HWY_AVX2 and the code needs no
// run-time dispatch table; the registry's CPU check skips it where AVX2+FMA is missing.
#include "peer/hwy_blocks.h"
#include "peer/vec_kernel_impl.h"

static_assert(HWY_STATIC_TARGET == HWY_AVX2, "compile hwy_avx2.cc with the AVX2 flags");

namespace actbench::peer {

constexpr Isa kIsa = Isa::kAvx2;
namespace hwy_target = HWY_NAMESPACE;

template <>
struct Block<VecFn::kHwySigmoidExp, kIsa, float> : hwy_target::HwySigmoidExpBlock<float> {};
template <>
struct Block<VecFn::kHwyTanh, kIsa, float> : hwy_target::HwyTanhBlock<float> {};
template <>
struct Block<VecFn::kHwySigmoidExp, kIsa, double> : hwy_target::HwySigmoidExpBlock<double> {};
template <>
struct Block<VecFn::kHwyTanh, kIsa, double> : hwy_target::HwyTanhBlock<double> {};

template struct VecKernel<VecFn::kHwySigmoidExp, kIsa, float>;
template struct VecKernel<VecFn::kHwyTanh, kIsa, float>;
template struct VecKernel<VecFn::kHwySigmoidExp, kIsa, double>;
template struct VecKernel<VecFn::kHwyTanh, kIsa, double>;

}  // namespace actbench::peer
