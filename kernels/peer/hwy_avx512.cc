// Highway kernels at AVX-512, by static dispatch: this file is compiled with the AVX-512 flags
// (kernels/peer/CMakeLists.txt), so Highway's static target is HWY_AVX3 and the code needs no
// run-time dispatch table; the registry's CPU check skips it where AVX-512 is missing.
#include "peer/hwy_blocks.h"
#include "peer/vec_kernel_impl.h"

static_assert(HWY_STATIC_TARGET == HWY_AVX3, "compile hwy_avx512.cc with the AVX-512 flags");

namespace actbench::peer {

constexpr Isa kIsa = Isa::kAvx512;
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
