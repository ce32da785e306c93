// Eigen kernels at AVX-512: compiled with the AVX-512 flags, so Eigen's packets are 512 bits
// (Packet16f, Packet8d). float64 tanh is left out: Eigen 3.4 has no vectorised double tanh
// (it would be std::tanh in a loop, the libm family).
#include "peer/eigen_blocks.h"
#include "peer/vec_kernel_impl.h"

#ifndef EIGEN_VECTORIZE_AVX512
#error "compile eigen_avx512.cc with the AVX-512 flags"
#endif
static_assert(Eigen::internal::packet_traits<float>::size == 16 &&
              Eigen::internal::packet_traits<double>::size == 8);

namespace actbench::peer {

constexpr Isa kIsa = Isa::kAvx512;

template <>
struct Block<VecFn::kEigenLogistic, kIsa, float> : EigenLogisticBlock<kIsa, float> {};
template <>
struct Block<VecFn::kEigenTanh, kIsa, float> : EigenTanhBlock<kIsa, float> {};
template <>
struct Block<VecFn::kEigenLogistic, kIsa, double> : EigenLogisticBlock<kIsa, double> {};

template struct VecKernel<VecFn::kEigenLogistic, kIsa, float>;
template struct VecKernel<VecFn::kEigenTanh, kIsa, float>;
template struct VecKernel<VecFn::kEigenLogistic, kIsa, double>;

}  // namespace actbench::peer
