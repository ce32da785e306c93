// Shared by the test suites that run over the kernel registry: the parameter list (every
// registered kernel, so a kernel is tested the moment it is declared), readable test names,
// skipping kernels this CPU cannot run, dispatch on the element type, and bit-level helpers.
//
// Usage:
//   class MyTest : public ::testing::TestWithParam<actbench::Kernel> {};
//   TEST_P(MyTest, Something) {
//     const actbench::Kernel& k = GetParam();
//     ACTBENCH_SKIP_IF_UNSUPPORTED(k);
//     actbench::VisitDType(k.dtype, [&](auto zero) { Check<decltype(zero)>(k); });
//   }
//   INSTANTIATE_TEST_SUITE_P(Kernels, MyTest, actbench::tests::RegistryKernels(),
//                            actbench::tests::KernelTestName);
#pragma once

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>

#include "actbench/registry.h"

namespace actbench {

// gtest prints parameters on failure; a kernel is best named by its id (found by ADL).
inline void PrintTo(const Kernel& k, std::ostream* os) { *os << k.id; }

namespace tests {

// Every registered kernel, as a gtest parameter generator.
inline auto RegistryKernels() { return ::testing::ValuesIn(AllKernels()); }

// A kernel id as a gtest name: characters other than [A-Za-z0-9] become '_', so
// "sigmoid/exp-div/scalar/f32" -> "sigmoid_exp_div_scalar_f32".
inline std::string SanitizedId(std::string_view id) {
  std::string out(id);
  for (char& c : out) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) c = '_';
  }
  return out;
}

inline std::string KernelTestName(const ::testing::TestParamInfo<Kernel>& info) {
  return SanitizedId(info.param.id);
}

// Unsigned integer of the same width as T.
template <class T>
using BitsOf = typename DTypeTraits<T>::Bits;

template <class T>
BitsOf<T> Bits(T v) {
  return std::bit_cast<BitsOf<T>>(v);
}

// Bit-identical, except that any two NaNs count as equal (payloads may differ between paths).
template <class T>
bool SameResult(T a, T b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return Bits(a) == Bits(b);
}

// "-0x1.8p+1 (-3) [0xc0400000]": exact, readable and bit-level at once, for failure messages.
template <class T>
std::string Show(T v) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%a (%.*g) [0x%0*llx]", static_cast<double>(v),
                DTypeTraits<T>::kPrintDigits, static_cast<double>(v), DTypeTraits<T>::kBits / 4,
                static_cast<unsigned long long>(Bits(v)));
  return buf;
}

}  // namespace tests
}  // namespace actbench

// Skips the current test (from the TEST_P body) when this CPU cannot run the kernel's ISA.
#define ACTBENCH_SKIP_IF_UNSUPPORTED(kernel)                            \
  do {                                                                  \
    if (!::actbench::CpuSupports(kernel))                               \
      GTEST_SKIP() << (kernel).id << ": this CPU does not support ISA " \
                   << ::actbench::Name((kernel).isa);                   \
  } while (0)
