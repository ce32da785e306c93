// The seed notebook, replicated with libtorch: for each activation,
//   x = torch.arange(-10.0, 10, 0.1, requires_grad=True)
//   y = torch.<activation>(x)
//   y.backward(torch.ones_like(x))
// and the torch peer kernels (kernels/peer/torch_kernels.cc) must return y and x.grad bit for
// bit, so the torch rows of every report are what the notebook computed. The same in float64
// and bfloat16 (the dtypes ATen has CPU kernels for), for every activation with a torch kernel.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "actbench/registry.h"

namespace actbench::tests {
namespace {

// The notebook's call for each activation, through ATen's functions with their defaults
// (what torch.nn.functional calls).
at::Tensor Apply(Activation act, const at::Tensor& x) {
  switch (act) {
    case Activation::kRelu: return at::relu(x);
    case Activation::kSigmoid: return at::sigmoid(x);
    case Activation::kTanh: return at::tanh(x);
    case Activation::kGelu: return at::gelu(x);
    case Activation::kGeluTanh: return at::gelu(x, "tanh");
    case Activation::kSilu: return at::silu(x);
    case Activation::kSoftplus: return at::softplus(x);
    case Activation::kMish: return at::mish(x);
    case Activation::kElu: return at::elu(x);
    case Activation::kLeakyRelu: return at::leaky_relu(x);
    case Activation::kHardswish: return at::hardswish(x);
    case Activation::kHardsigmoid: return at::hardsigmoid(x);
  }
  return {};
}

template <class T>
at::ScalarType ScalarTypeOf() {
  if constexpr (std::is_same_v<T, float>) return at::kFloat;
  else if constexpr (std::is_same_v<T, double>) return at::kDouble;
  else return at::kBFloat16;
}

template <class T>
std::vector<T> Elements(const at::Tensor& t) {
  const at::Tensor c = t.detach().contiguous();
  std::vector<T> out(static_cast<std::size_t>(c.numel()));
  std::memcpy(out.data(), c.data_ptr(), out.size() * sizeof(T));
  return out;
}

template <class T>
void ExpectSameBits(const std::vector<T>& want, const std::vector<T>& got, const std::vector<T>& x,
                    const std::string& what) {
  ASSERT_EQ(want.size(), got.size()) << what;
  int shown = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (std::memcmp(&want[i], &got[i], sizeof(T)) == 0) continue;
    ADD_FAILURE() << what << " at x = " << static_cast<double>(x[i]) << ": notebook "
                  << static_cast<double>(want[i]) << ", kernel " << static_cast<double>(got[i]);
    if (++shown == 5) return;
  }
}

template <class T>
void Replicate(const Kernel& k) {
  const std::string what = std::string(k.id);
  // The notebook, in the kernel's dtype.
  at::Tensor x = at::arange(-10.0, 10, 0.1, at::TensorOptions().dtype(ScalarTypeOf<T>()))
                     .requires_grad_(true);
  at::Tensor y = Apply(k.activation, x);
  y.backward(at::ones_like(x));
  const std::vector<T> xs = Elements<T>(x), ys = Elements<T>(y), gs = Elements<T>(x.grad());
  ASSERT_EQ(xs.size(), 200u) << what;  // arange(-10, 10, 0.1)

  const Ops<T> ops = k.ops<T>();
  std::vector<T> y_k(xs.size()), dx_k(xs.size()), ones(xs.size(), T(1));
  ops.forward(xs.data(), y_k.data(), xs.size());
  ops.backward_x(xs.data(), ones.data(), dx_k.data(), xs.size());
  ExpectSameBits(ys, y_k, xs, what + " value");
  ExpectSameBits(gs, dx_k, xs, what + " autograd gradient");
  // The kernels leave ATen single-threaded, as the single-thread benchmark needs.
  EXPECT_EQ(at::get_num_threads(), 1) << what;
}

TEST(TorchSeed, PeerKernelsAreWhatTheNotebookComputes) {
  int checked = 0;
  for (const Kernel& k : AllKernels()) {
    if (k.family != "peer" || std::string(k.id).find("/torch/") == std::string::npos) continue;
    if (!CpuSupports(k)) continue;
    VisitDType(k.dtype, [&](auto zero) {
      using T = decltype(zero);
      if constexpr (std::is_same_v<T, f16>) {
        ADD_FAILURE() << k.id << ": ATen has no float16 CPU kernels to compare with";
      } else {
        Replicate<T>(k);
      }
    });
    ++checked;
  }
  // Every activation in float32 and float64, bfloat16 for all but mish.
  EXPECT_EQ(checked, 3 * static_cast<int>(kAllActivations.size()) - 1);
}

}  // namespace
}  // namespace actbench::tests
