// Eigen's array functions as TensorFlow runs them on CPU: logistic() and tanh() on float
// packets (Eigen 3.4: a 9/10-degree rational for logistic, exp(x) below -9; a 13/6 rational
// for tanh with the input clamped at |x| = 7.99 (FMA builds), x itself for |x| < 0.0004).
// Included by eigen_avx512.cc and eigen_avx2.cc, each compiled with its ISA's flags so Eigen
// vectorises at that width.
//
// Blocks are one packet long, mapped with fixed size: every element takes Eigen's packet path.
// A plain Map<ArrayXf>(x, n).logistic() would send the head (up to the first aligned
// destination address) and the tail through Eigen's scalar path, which for x < -9 uses
// std::exp instead of Eigen's vectorised exp and so rounds differently: results would depend
// on an element's position and on pointer alignment (kernels/peer/README.md has the numbers).
#pragma once

#include <Eigen/Core>
#include <cstddef>

#include "actbench/kernel.h"

namespace actbench::peer {

// The block size is Eigen's packet size for the translation unit's ISA. Blocks are keyed by
// the ISA, so the instantiations of each translation unit have distinct names.
template <Isa isa, class T>
struct EigenLogisticBlock {
  static_assert(
      Eigen::internal::functor_traits<Eigen::internal::scalar_logistic_op<T>>::PacketAccess,
      "Eigen does not vectorise logistic for this type");
  static constexpr std::size_t kLanes = Eigen::internal::packet_traits<T>::size;
  using Array = Eigen::Array<T, static_cast<int>(kLanes), 1>;
  static void Apply(const T* in, T* out) {
    Eigen::Map<Array> y(out);
    y = Eigen::Map<const Array>(in).logistic();
  }
};

template <Isa isa, class T>
struct EigenTanhBlock {
  static_assert(Eigen::internal::functor_traits<Eigen::internal::scalar_tanh_op<T>>::PacketAccess,
                "Eigen does not vectorise tanh for this type");
  static constexpr std::size_t kLanes = Eigen::internal::packet_traits<T>::size;
  using Array = Eigen::Array<T, static_cast<int>(kLanes), 1>;
  static void Apply(const T* in, T* out) {
    Eigen::Map<Array> y(out);
    y = Eigen::Map<const Array>(in).tanh();
  }
};

}  // namespace actbench::peer
