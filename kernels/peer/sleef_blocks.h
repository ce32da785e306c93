// SLEEF as its users call it, one vector at a time: sigmoid from its exp, tanh directly.
// Generic over a per-ISA traits struct V (load/store/arithmetic and the SLEEF entry points for
// one vector type), defined in sleef_avx512.cc / sleef_avx2.cc; each instantiation therefore
// belongs to one ISA's translation unit.
#pragma once

#include <cstddef>

namespace actbench::peer {

// 1 / (1 + exp(-x)) with Sleef_exp*_u10: the textbook formula on SLEEF's exp. exp(-x)
// overflows to +inf below x = -88.7 (f32), so results that should be subnormal become 0.
template <class V>
struct SleefSigmoidExpU10Block {
  using T = typename V::T;
  static constexpr std::size_t kLanes = V::kLanes;
  static void Apply(const T* in, T* out) {
    const auto one = V::Set1(T(1));
    V::Store(out, V::Div(one, V::Add(one, V::ExpU10(V::Neg(V::Load(in))))));
  }
};

template <class V>
struct SleefTanhU10Block {
  using T = typename V::T;
  static constexpr std::size_t kLanes = V::kLanes;
  static void Apply(const T* in, T* out) { V::Store(out, V::TanhU10(V::Load(in))); }
};

template <class V>
struct SleefTanhU35Block {
  using T = typename V::T;
  static constexpr std::size_t kLanes = V::kLanes;
  static void Apply(const T* in, T* out) { V::Store(out, V::TanhU35(V::Load(in))); }
};

}  // namespace actbench::peer
