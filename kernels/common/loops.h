// Element-wise loop wrappers: turn a family's per-element functions into the three kernel
// entry points. A family is a class template Impl<T> with static value(x), grad_x(x) and,
// optionally, grad_y(y) (f'(x) expressed through y = f(x)). Impl runs in the dtype's compute
// type C: for the 16-bit dtypes, float (inputs widened exactly, each result rounded once to
// 16 bits); for float and double, the storage type itself (the conversions vanish).
#pragma once

#include <cstddef>

#include "actbench/kernel.h"

namespace actbench::detail {

template <class Impl, class T, class C = typename DTypeTraits<T>::Compute>
void Forward(const T* x, T* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = T(Impl::value(C(x[i])));
}

template <class Impl, class T, class C = typename DTypeTraits<T>::Compute>
void BackwardX(const T* x, const T* dy, T* dx, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) dx[i] = T(C(dy[i]) * Impl::grad_x(C(x[i])));
}

template <class Impl, class T, class C = typename DTypeTraits<T>::Compute>
void BackwardY(const T* y, const T* dy, T* dx, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) dx[i] = T(C(dy[i]) * Impl::grad_y(C(y[i])));
}

// A family without grad_y (an activation whose derivative cannot be written through its
// output) has no backward from y.
template <class Impl, class T>
constexpr Ops<T> ElementwiseOps() {
  Ops<T> ops;
  ops.forward = &Forward<Impl, T>;
  ops.backward_x = &BackwardX<Impl, T>;
  if constexpr (requires(typename DTypeTraits<T>::Compute y) { Impl::grad_y(y); })
    ops.backward_y = &BackwardY<Impl, T>;
  return ops;
}

}  // namespace actbench::detail
