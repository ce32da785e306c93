// PyTorch's CPU operators (ATen, libtorch 1.13) as kernels: what `torch.sigmoid(x)` and
// `y.backward(dy)` compute for a tensor in eager mode, on the caller's buffers.
//
// Forward calls the ATen operator behind each torch function (its out= variant, so the result
// lands in the caller's buffer: relu is clamp_min, which torch.relu calls). The gradients are
// the functions autograd runs in backward (tools/autograd/derivatives.yaml of 1.13):
//   relu        threshold_backward(dy, y, 0)         saved: the result
//   sigmoid     sigmoid_backward(dy, y)              saved: the result
//   tanh        tanh_backward(dy, y)                 saved: the result
//   gelu        gelu_backward(dy, x, "none"|"tanh")  saved: the input
//   silu        silu_backward(dy, x)                 (mish: mish_backward; both when backward
//   mish        mish_backward(dy, x)                  runs without create_graph)
//   softplus    softplus_backward(dy, x, 1, 20)
//   elu         elu_backward(dy, 1, 1, 1, false, x)  (elu_: is_result = true, on y)
//   leaky_relu  leaky_relu_backward(dy, x, 0.01, false) (leaky_relu_: true, on y)
//   hardswish   hardswish_backward(dy, x)
//   hardsigmoid hardsigmoid_backward(dy, x)
// backward_x is what autograd computes from x: for the three that save their result, the
// forward into a scratch buffer, then the backward on it (the seed notebook's y.backward());
// backward_y is the backward on a given y where ATen has one (relu, sigmoid, tanh, and elu and
// leaky_relu through is_result); hardsigmoid, whose descriptor has a derivative through y but
// ATen no backward on it, takes the framework formula in C++ (peer/grad_from_output.h).
//
// The tensors wrap the caller's memory (at::from_blob, no copy); mish_backward and
// hardswish_backward have no out= variant that avoids a temporary, so their result is copied
// into dx, as a framework would hold it. ATen runs single-threaded (at::set_num_threads(1),
// once per process) and picks its own vector code at start-up: 1.13 uses AVX2 on an AVX-512
// CPU unless ATEN_CPU_CAPABILITY says otherwise (PeerVersions records which).
//
// This file is a module of its own (libactbench_torch.so, linked with libtorch), which the
// kernels load on first use (torch_loader.cc): a program that never calls a torch kernel
// never loads libtorch, whose start-up (thousands of operator registrations) would otherwise
// cost every actbench process a second or more.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <torch/version.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "actbench/dtype.h"
#include "peer/peer.h"
#include "peer/torch_module.h"

namespace actbench::peer {
namespace {

template <class T>
constexpr at::ScalarType kScalarType = at::ScalarType::Undefined;
template <>
constexpr at::ScalarType kScalarType<float> = at::kFloat;
template <>
constexpr at::ScalarType kScalarType<double> = at::kDouble;
// c10::BFloat16 is 16 bits of bfloat16, as actbench::bf16 (their layouts match: a uint16_t).
template <>
constexpr at::ScalarType kScalarType<bf16> = at::kBFloat16;

void OneThread() {
  static std::once_flag once;
  std::call_once(once, [] { at::set_num_threads(1); });
}

template <class T>
at::Tensor Wrap(const T* p, std::size_t n) {
  static_assert(kScalarType<T> != at::ScalarType::Undefined, "ATen has no CPU kernels here");
  // ATen takes non-const data; inputs are only read.
  return at::from_blob(const_cast<T*>(p), {static_cast<std::int64_t>(n)},
                       at::TensorOptions().dtype(kScalarType<T>));
}

// A scratch buffer per thread for the forward that backward_x runs first.
template <class T>
T* Scratch(std::size_t n) {
  thread_local std::vector<T> buf;
  if (buf.size() < n) buf.resize(n);
  return buf.data();
}

[[noreturn]] void Fail(const char* what, const std::exception& e) {
  // A kernel has no error channel; an operator that fails on a plain 1-D tensor is a broken
  // installation, not bad input.
  std::fprintf(stderr, "actbench: ATen %s failed: %s\n", what, e.what());
  std::abort();
}

template <Activation act>
void ForwardOp(const at::Tensor& x, at::Tensor& y) {
  using A = Activation;
  if constexpr (act == A::kRelu) at::clamp_min_out(y, x, 0);
  else if constexpr (act == A::kSigmoid) at::sigmoid_out(y, x);
  else if constexpr (act == A::kTanh) at::tanh_out(y, x);
  else if constexpr (act == A::kGelu) at::gelu_out(y, x, "none");
  else if constexpr (act == A::kGeluTanh) at::gelu_out(y, x, "tanh");
  else if constexpr (act == A::kSilu) at::silu_out(y, x);
  else if constexpr (act == A::kSoftplus) at::softplus_out(y, x, 1, 20);
  else if constexpr (act == A::kMish) at::mish_out(y, x);
  else if constexpr (act == A::kElu) at::elu_out(y, x, 1, 1, 1);
  else if constexpr (act == A::kLeakyRelu) at::leaky_relu_out(y, x, 0.01);
  else if constexpr (act == A::kHardswish) at::hardswish_out(y, x);
  else if constexpr (act == A::kHardsigmoid) at::hardsigmoid_out(y, x);
  else static_assert(act != act, "no ATen operator for this activation");
}

// Whether autograd saves the result (and runs the backward on it) rather than the input.
template <Activation act>
constexpr bool kSavesResult =
    act == Activation::kRelu || act == Activation::kSigmoid || act == Activation::kTanh;

// The backward autograd runs, on what it saved (x, or y where kSavesResult).
template <Activation act>
void BackwardOp(const at::Tensor& dy, const at::Tensor& saved, at::Tensor& dx) {
  using A = Activation;
  if constexpr (act == A::kRelu) at::threshold_backward_out(dx, dy, saved, 0);
  else if constexpr (act == A::kSigmoid) at::sigmoid_backward_out(dx, dy, saved);
  else if constexpr (act == A::kTanh) at::tanh_backward_out(dx, dy, saved);
  else if constexpr (act == A::kGelu) at::gelu_backward_out(dx, dy, saved, "none");
  else if constexpr (act == A::kGeluTanh) at::gelu_backward_out(dx, dy, saved, "tanh");
  else if constexpr (act == A::kSilu) at::silu_backward_out(dx, dy, saved);
  else if constexpr (act == A::kSoftplus) at::softplus_backward_out(dx, dy, saved, 1, 20);
  else if constexpr (act == A::kMish) dx.copy_(at::mish_backward(dy, saved));
  else if constexpr (act == A::kElu) at::elu_backward_out(dx, dy, 1, 1, 1, false, saved);
  else if constexpr (act == A::kLeakyRelu) at::leaky_relu_backward_out(dx, dy, saved, 0.01, false);
  else if constexpr (act == A::kHardswish) dx.copy_(at::hardswish_backward(dy, saved));
  else if constexpr (act == A::kHardsigmoid) at::hardsigmoid_backward_out(dx, dy, saved);
  else static_assert(act != act, "no ATen backward for this activation");
}

template <Activation act, class T>
void Forward(const void* xv, void* yv, std::size_t n) {
  const T* x = static_cast<const T*>(xv);
  T* y = static_cast<T*>(yv);
  if (n == 0) return;
  OneThread();
  try {
    at::Tensor out = Wrap(y, n);
    ForwardOp<act>(Wrap(x, n), out);
  } catch (const std::exception& e) {
    Fail("forward", e);
  }
}

template <Activation act, class T>
void BackwardX(const void* xv, const void* dyv, void* dxv, std::size_t n) {
  const T *x = static_cast<const T*>(xv), *dy = static_cast<const T*>(dyv);
  T* dx = static_cast<T*>(dxv);
  if (n == 0) return;
  OneThread();
  try {
    at::Tensor out = Wrap(dx, n);
    if constexpr (kSavesResult<act>) {
      T* y = Scratch<T>(n);
      at::Tensor saved = Wrap(y, n);
      ForwardOp<act>(Wrap(x, n), saved);
      BackwardOp<act>(Wrap(dy, n), saved, out);
    } else {
      BackwardOp<act>(Wrap(dy, n), Wrap(x, n), out);
    }
  } catch (const std::exception& e) {
    Fail("backward", e);
  }
}

template <Activation act, class T>
void BackwardY(const void* yv, const void* dyv, void* dxv, std::size_t n) {
  const T *y = static_cast<const T*>(yv), *dy = static_cast<const T*>(dyv);
  T* dx = static_cast<T*>(dxv);
  if (n == 0) return;
  OneThread();
  try {
    at::Tensor out = Wrap(dx, n);
    if constexpr (kSavesResult<act>) {
      BackwardOp<act>(Wrap(dy, n), Wrap(y, n), out);
    } else if constexpr (act == Activation::kElu) {
      at::elu_backward_out(out, Wrap(dy, n), 1, 1, 1, true, Wrap(y, n));  // elu_'s backward
    } else if constexpr (act == Activation::kLeakyRelu) {
      at::leaky_relu_backward_out(out, Wrap(dy, n), Wrap(y, n), 0.01, true);  // leaky_relu_'s
    } else {
      // ATen has no backward on the output here (hardsigmoid): the framework formula in C++
      // (the descriptor's, as peer/grad_from_output.h runs it for the other peers).
      using C = typename DTypeTraits<T>::Compute;
      for (std::size_t i = 0; i < n; ++i)
        dx[i] = T(DescriptorOf<act>::BackwardFromY(C(y[i]), C(dy[i])));
    }
  } catch (const std::exception& e) {
    Fail("backward from the output", e);
  }
}

// Every (TORCH) entry of the kernel lists, at the dtype of each variant: the table the loader
// reads (backward_y null where the activation has no derivative through y).
template <Activation act, class T>
TorchEntry EntryOf() {
  TorchEntry e{static_cast<int>(act), static_cast<int>(DTypeTraits<T>::kTag), &Forward<act, T>,
               &BackwardX<act, T>, nullptr};
  if constexpr (DescriptorOf<act>::kHasGradFromY) e.backward_y = &BackwardY<act, T>;
  return e;
}

const std::vector<TorchEntry>& Entries() {
  static const std::vector<TorchEntry> entries = [] {
    std::vector<TorchEntry> v;
#define ACTBENCH_PEER_LIB_TORCH(kernel, recipe, ...) \
  ACTBENCH_FOR_EACH(ACTBENCH_TORCH_VARIANT, recipe, __VA_ARGS__)
#define ACTBENCH_TORCH_VARIANT(recipe, variant) \
  ACTBENCH_CALL(ACTBENCH_TORCH_AT, recipe, ACTBENCH_UNPAREN variant)
#define ACTBENCH_TORCH_AT(recipe, isa, T, ...) v.push_back(EntryOf<Activation::ACTBENCH_ACT, T>());
#include "peer/recipes.inc"
    return v;
  }();
  return entries;
}

// ATen's version and the vector code it dispatches to, for the reports' context.
std::string Version() {
  std::string config = at::show_config();
  const std::string key = "CPU capability usage: ";
  std::string capability = "unknown";
  if (const std::size_t at = config.find(key); at != std::string::npos) {
    const std::size_t end = config.find('\n', at);
    capability = config.substr(at + key.size(), end - at - key.size());
  }
  return std::string(TORCH_VERSION) + " (" ACTBENCH_TORCH_PACKAGE "; ATen CPU capability " +
         capability + ")";
}

}  // namespace
}  // namespace actbench::peer

extern "C" const actbench::peer::TorchEntry* actbench_torch_entries(std::size_t* count) {
  const auto& entries = actbench::peer::Entries();
  *count = entries.size();
  return entries.data();
}

extern "C" const char* actbench_torch_version() {
  static const std::string version = actbench::peer::Version();
  return version.c_str();
}
