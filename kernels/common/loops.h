// Element-wise loop wrappers: turn a family's per-element functions into the three kernel
// entry points. A family is a class template Impl<T> with static value(x), grad_x(x) and,
// optionally, grad_y(y) (f'(x) expressed through y = f(x)).
#pragma once

#include <cstddef>

#include "actbench/kernel.h"

namespace actbench::detail {

template <class Impl, class T>
void Forward(const T* x, T* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = Impl::value(x[i]);
}

template <class Impl, class T>
void BackwardX(const T* x, const T* dy, T* dx, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) dx[i] = dy[i] * Impl::grad_x(x[i]);
}

template <class Impl, class T>
void BackwardY(const T* y, const T* dy, T* dx, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) dx[i] = dy[i] * Impl::grad_y(y[i]);
}

// A family without grad_y (an activation whose derivative cannot be written through its
// output) has no backward from y.
template <class Impl, class T>
constexpr Ops<T> ElementwiseOps() {
  Ops<T> ops;
  ops.forward = &Forward<Impl, T>;
  ops.backward_x = &BackwardX<Impl, T>;
  if constexpr (requires(T y) { Impl::grad_y(y); }) ops.backward_y = &BackwardY<Impl, T>;
  return ops;
}

}  // namespace actbench::detail
