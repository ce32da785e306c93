// Highway's vector math (hwy/contrib/math/math-inl.h) at the translation unit's static target:
// sigmoid as 1 / (1 + Exp(-x)), tanh as Tanh. Included by hwy_avx512.cc and hwy_avx2.cc; the
// blocks live in the per-target namespace (HWY_NAMESPACE), so each target's code is a distinct
// entity and the linker cannot mix them.
#pragma once

#include <cstddef>

#include "hwy/highway.h"
// Order matters: math-inl.h builds on the ops highway.h brings in.
#include "hwy/contrib/math/math-inl.h"

namespace actbench::peer::HWY_NAMESPACE {

namespace hn = hwy::HWY_NAMESPACE;

// hn::Exp is documented for float32 inputs up to +104 (float64: +706): beyond, -x leaves the
// valid range, which the accuracy sweep shows for x < -104.
template <class T>
struct HwySigmoidExpBlock {
  static constexpr std::size_t kLanes = hn::MaxLanes(hn::ScalableTag<T>());
  static void Apply(const T* in, T* out) {
    const hn::ScalableTag<T> d;
    const auto one = hn::Set(d, T(1));
    const auto e = hn::Exp(d, hn::Neg(hn::LoadU(d, in)));
    hn::StoreU(hn::Div(one, hn::Add(one, e)), d, out);
  }
};

template <class T>
struct HwyTanhBlock {
  static constexpr std::size_t kLanes = hn::MaxLanes(hn::ScalableTag<T>());
  static void Apply(const T* in, T* out) {
    const hn::ScalableTag<T> d;
    hn::StoreU(hn::Tanh(d, hn::LoadU(d, in)), d, out);
  }
};

}  // namespace actbench::peer::HWY_NAMESPACE
