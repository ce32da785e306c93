// The per-vector xsimd functions on AVX2 batches (this file alone is compiled with -mavx2
// -mfma; main.cc calls it only on a CPU that has them): each against the array kernel of the
// same id, bit for bit, and against the reference within the kernel's claim.
#include <cstdio>
#include <cstring>
#include <vector>

#include "actbench/registry.h"
#include "actbench/simd.h"
#include "reference.h"

namespace {

using namespace consumer;

int failures = 0;

// The per-vector function of an algorithm against the array kernel with its id, bit for bit,
// and against the reference.
template <class Algo>
void CheckPerVector(const char* id, const Reference& ref, const std::vector<float>& x) {
  using B = xsimd::batch<float, xsimd::fma3<xsimd::avx2>>;
  const actbench::Kernel* k = actbench::FindKernel(id);
  CHECK(k != nullptr);
  if (k == nullptr) return;
  std::vector<float> xs = x;
  xs.resize((x.size() + B::size - 1) / B::size * B::size, 0.5f);
  std::vector<float> y(xs.size()), dx(xs.size()), yk(xs.size()), dxk(xs.size());
  std::vector<float> ones(xs.size(), 1.0f);
  for (std::size_t i = 0; i < xs.size(); i += B::size) {
    const B b = B::load_unaligned(&xs[i]);
    Algo::value(b).store_unaligned(&y[i]);
    Algo::backward_x(b, B(1.0f)).store_unaligned(&dx[i]);
  }
  k->ops<float>().forward(xs.data(), yk.data(), xs.size());
  k->ops<float>().backward_x(xs.data(), ones.data(), dxk.data(), xs.size());
  const bool same = std::memcmp(y.data(), yk.data(), y.size() * sizeof(float)) == 0 &&
                    std::memcmp(dx.data(), dxk.data(), dx.size() * sizeof(float)) == 0;
  double v = 0, g = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double r = ref.f(xs[i]), d = ref.df(xs[i]);
    if (Normal(r)) v = std::max(v, std::fabs(y[i] - r) / UlpF32(r));
    if (Normal(d)) g = std::max(g, std::fabs(dx[i] - d) / UlpF32(d));
  }
  std::printf("per-vector %s: %s the array kernel; value %.3g ULP, grad %.3g ULP (claims %g, %g)\n",
              id, same ? "bit-identical to" : "DIFFERS from", v, g, k->claim.value,
              k->claim.grad_x);
  CHECK(same);
  CHECK(v <= k->claim.value && g <= k->claim.grad_x);
}

}  // namespace

int CheckPerVectorAvx2(const std::vector<float>& x) {
  using namespace actbench::simd;
  CheckPerVector<SigmoidExp<Exp::kRr2, 5, Div::kDiv>>("sigmoid/rr2-p5-div/avx2/f32", kRefs[0], x);
  CheckPerVector<TanhExpm1<Exp::kRr2, 6, Div::kDiv>>("tanh/rr2-expm1-p6-div/avx2/f32", kRefs[1], x);
  CheckPerVector<GeluErfcx<Div::kDiv>>("gelu/rr2-p6-erfcx-div/avx2/f32", kRefs[2], x);
  CheckPerVector<SiluExp<6, Div::kDiv>>("silu/rr2-p6-div/avx2/f32", kRefs[3], x);
  return failures;
}
