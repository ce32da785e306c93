// Highway's vector math (hwy/contrib/math/math-inl.h) at the translation unit's static target:
// sigmoid as 1 / (1 + Exp(-x)) within Exp's valid range, tanh as Tanh. Included by
// hwy_avx512.cc and hwy_avx2.cc; the blocks live in the per-target namespace (HWY_NAMESPACE), so
// each target's code is a distinct entity and the linker cannot mix them.
#pragma once

#include <cstddef>

#include "hwy/highway.h"
// Order matters: math-inl.h builds on the ops highway.h brings in.
#include "hwy/contrib/math/math-inl.h"

namespace actbench::peer::HWY_NAMESPACE {

namespace hn = hwy::HWY_NAMESPACE;

// hn::Exp documents its valid range as [-FLT_MAX, +104] (float64: +706); outside it returns
// garbage: with the argument -x unclamped, x < -104 gave NaN and values outside [0, 1] (a
// float32 sweep found 287 940 NaNs and 2.2 M out-of-range results). So, as a Highway user
// following the documentation writes it, the argument is clamped to the valid range and the
// result set to 0 where -x lies beyond it (sigmoid < 1e-45 there in float32, < 1e-306 in
// float64).
template <class T>
struct HwySigmoidExpBlock {
  static constexpr std::size_t kLanes = hn::MaxLanes(hn::ScalableTag<T>());
  static void Apply(const T* in, T* out) {
    const hn::ScalableTag<T> d;
    const auto one = hn::Set(d, T(1));
    const auto arg_max = hn::Set(d, sizeof(T) == 4 ? T(104) : T(706));
    const auto neg_x = hn::Neg(hn::LoadU(d, in));
    const auto e = hn::Exp(d, hn::Min(neg_x, arg_max));
    const auto s = hn::Div(one, hn::Add(one, e));
    hn::StoreU(hn::IfThenZeroElse(hn::Gt(neg_x, arg_max), s), d, out);
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
