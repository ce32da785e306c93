// IEEE-754 layout facts for float and double, shared by the kernels that take numbers apart.
#pragma once

#include <bit>
#include <cstdint>

namespace actbench::detail {

template <class T>
struct FloatBits;

template <>
struct FloatBits<float> {
  using UInt = std::uint32_t;
  static constexpr int kMantissaBits = 23;  // stored fraction bits
  static constexpr int kBias = 127;
};

template <>
struct FloatBits<double> {
  using UInt = std::uint64_t;
  static constexpr int kMantissaBits = 52;
  static constexpr int kBias = 1023;
};

// 2^k for an integer k in the normal exponent range, built from its bits.
template <class T>
inline T Pow2(typename FloatBits<T>::UInt biased_k_plus_bias) {
  return std::bit_cast<T>(biased_k_plus_bias << FloatBits<T>::kMantissaBits);
}

}  // namespace actbench::detail
