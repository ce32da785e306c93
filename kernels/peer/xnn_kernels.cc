// XNNPACK operators as kernels, the operator of each activation given by its kernel list
// (sigmoid: xnn_*_sigmoid_nc_f32; relu: a clamp to [0, +inf], xnn_*_clamp_nc_f32; elu,
// leaky_relu, hardswish), with channels = 1 and batch = n, run on the calling thread (no
// pthreadpool).
//
// xnn_initialize runs once per process; each thread creates its operators once (XNNPACK takes
// the batch size at setup, not at creation), so a call is xnn_setup + xnn_run_operator: the
// library's own per-call overhead, visible at small sizes. The avx512f microkernels XNNPACK
// picks on an AVX-512 CPU load the tail with masks, so nothing past n is read.
//
// XNNPACK has no derivative. The gradients are the framework formula on its own output
// (peer/grad_from_output.h): backward_x runs XNNPACK's forward on a chunk, then the formula.
// An activation whose derivative cannot be written through y (hardswish) has no gradient that
// XNNPACK's forward could give: backward_x is then the framework's formula from x in plain C++
// (GradFromInput below), not XNNPACK's, and there is no backward_y.
#include <xnnpack.h>

#include <cstdio>
#include <cstdlib>
#include <limits>

#include "peer/grad_from_output.h"
#include "peer/peer.h"

namespace actbench::peer {
namespace {

[[noreturn]] void Fail(const char* what, xnn_status status) {
  // A kernel has no error channel; XNNPACK failing here means a CPU or installation it does
  // not support, not bad input.
  std::fprintf(stderr, "actbench: XNNPACK %s failed (xnn_status %d)\n", what,
               static_cast<int>(status));
  std::abort();
}

void Check(const char* what, xnn_status status) {
  if (status != xnn_status_success) Fail(what, status);
}

// An activation's XNNPACK operator: Create(&op) and Setup(op, n, x, y). Specialised from the
// kernel lists' (XNN, op[, create arguments]) recipes below.
template <Activation act>
struct Op;

template <Activation act>
class Operator {
 public:
  Operator() {
    static const xnn_status init = xnn_initialize(nullptr);
    Check("xnn_initialize", init);
    Op<act>::Create(&op_);
  }
  ~Operator() { xnn_delete_operator(op_); }
  Operator(const Operator&) = delete;
  Operator& operator=(const Operator&) = delete;
  xnn_operator_t get() const { return op_; }

 private:
  xnn_operator_t op_ = nullptr;
};

template <Activation act>
void Run(const float* x, float* y, std::size_t n) {
  if (n == 0) return;
  thread_local const Operator<act> op;
  Op<act>::Setup(op.get(), n, x, y);
  Check("xnn_run_operator", xnn_run_operator(op.get(), nullptr));
}

// dx = dy * f'(x) as a framework computes it from the saved input, for an activation without
// a derivative through y; specialised per activation.
template <Activation act>
float GradFromInput(float x, float dy);

// PyTorch's hardswish_backward: 0 below -3, dy * (x/3 + 1/2) on [-3, 3], dy above 3 (the
// middle piece at both kinks), written so that NaN stays NaN. x/3 + 1/2 cancels at the root
// x = -1.5.
template <>
float GradFromInput<Activation::kHardswish>(float x, float dy) {
  return x > 3.f ? dy : x < -3.f ? 0.f : dy * (x / 3.f + 0.5f);
}

}  // namespace

template <Activation act>
void XnnKernel<act>::Forward(const float* x, float* y, std::size_t n) {
  Run<act>(x, y, n);
}

template <Activation act>
void XnnKernel<act>::BackwardX(const float* x, const float* dy, float* dx, std::size_t n) {
  if constexpr (DescriptorOf<act>::kHasGradFromY) {
    // Chunks large enough that XNNPACK's per-run overhead is small against the work.
    constexpr std::size_t kChunk = 2048;
    alignas(64) float y[kChunk];
    for (std::size_t i = 0; i < n; i += kChunk) {
      const std::size_t m = n - i < kChunk ? n - i : kChunk;
      Run<act>(x + i, y, m);
      GradFromOutput<kIsa>(act, y, dy + i, dx + i, m);
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) dx[i] = GradFromInput<act>(x[i], dy[i]);
  }
}

template <Activation act>
void XnnKernel<act>::BackwardY(const float* y, const float* dy, float* dx,
                               std::size_t n) requires DescriptorOf<act>::kHasGradFromY {
  GradFromOutput<kIsa>(act, y, dy, dx, n);
}

// Every (XNN, op, args...) entry of the kernel lists: xnn_create_<op>_nc_f32 with one channel,
// the args and no flags, xnn_setup_<op>_nc_f32; and its kernel.
#define ACTBENCH_PEER_LIB_XNN(kernel, recipe, ...) \
  ACTBENCH_CALL(ACTBENCH_XNN_ENTRY, ACTBENCH_UNPAREN recipe)
#define ACTBENCH_XNN_ENTRY(op, ...)                                                    \
  namespace {                                                                          \
  template <>                                                                          \
  struct Op<Activation::ACTBENCH_ACT> {                                                \
    static void Create(xnn_operator_t* out) {                                          \
      Check("xnn_create_" #op "_nc_f32",                                               \
            xnn_create_##op##_nc_f32(1, 1, 1, __VA_ARGS__ __VA_OPT__(, ) 0, out));     \
    }                                                                                  \
    static void Setup(xnn_operator_t o, std::size_t n, const float* x, float* y) {     \
      Check("xnn_setup_" #op "_nc_f32", xnn_setup_##op##_nc_f32(o, n, x, y, nullptr)); \
    }                                                                                  \
  };                                                                                   \
  }                                                                                    \
  template struct XnnKernel<Activation::ACTBENCH_ACT>;
#include "peer/recipes.inc"

}  // namespace actbench::peer
