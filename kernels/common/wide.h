// The type a scalar kernel widens to when it evaluates in more precision than it stores:
// double for float, long double (64-bit significand on x86-64) for double.
#pragma once

#include <type_traits>

namespace actbench::detail {

template <class T>
using Wide = std::conditional_t<std::is_same_v<T, float>, double, long double>;

}  // namespace actbench::detail
