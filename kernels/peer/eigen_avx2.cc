// Eigen kernels at AVX2: compiled with the AVX2+FMA flags, so Eigen's packets are 256 bits
// (Packet8f, Packet4d). float64 tanh is left out: Eigen 3.4 has no vectorised double tanh
// (it would be std::tanh in a loop, the libm family).
#include "peer/eigen_blocks.h"
#include "peer/vec_kernel_impl.h"

#if !defined(EIGEN_VECTORIZE_AVX2) || defined(EIGEN_VECTORIZE_AVX512)
#error "compile eigen_avx2.cc with the AVX2 flags (and not AVX-512)"
#endif
static_assert(Eigen::internal::packet_traits<float>::size == 8 &&
              Eigen::internal::packet_traits<double>::size == 4);

namespace actbench::peer {

constexpr Isa kIsa = Isa::kAvx2;

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
