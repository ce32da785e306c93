// XNNPACK operators as kernels, the operator of each activation given by its kernel list
// (sigmoid: xnn_*_sigmoid_nc_f32; relu: a clamp to [0, +inf], xnn_*_clamp_nc_f32; elu,
// leaky_relu, hardswish), with channels = 1 and batch = n, run on the calling thread (no
// pthreadpool); in float32, and in f16 through the xnn_*_nc_f16 operators where XNNPACK has
// one (clamp, leaky_relu, hardswish; its F16C microkernels widen with vcvtph2ps, compute in
// float and round to f16 with vcvtps2ph, hardswish after each of x + 3, x/6 and the product).
//
// xnn_initialize runs once per process; each thread creates its operators once (XNNPACK takes
// the batch size at setup, not at creation), so a call is xnn_setup + xnn_run_operator: the
// library's own per-call overhead, visible at small sizes. The avx512f microkernels XNNPACK
// picks on an AVX-512 CPU load the tail with masks, so nothing past n is read; the F16C ones
// do not, and Run below keeps them inside the input.
//
// XNNPACK has no derivative. The gradients are the framework formula on its own output
// (peer/grad_from_output.h): backward_x runs XNNPACK's forward on a chunk, then the formula.
// An activation whose derivative cannot be written through y (hardswish) has no gradient that
// XNNPACK's forward could give: backward_x is then the framework's formula from x in plain C++
// (GradFromInput below), not XNNPACK's, and there is no backward_y.
#include <xnnpack.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "actbench/dtype.h"
#include "peer/grad_from_output.h"
#include "peer/peer.h"

namespace actbench::peer {
namespace {

[[noreturn]] void Fail(const char* what, xnn_status status) {
  // A kernel has no error channel; XNNPACK failing here means a CPU or installation it does
  // not support, not bad input. The kernels declare the ISA XNNPACK needs for their dtype
  // (peer.h: XnnDispatch), so the registry skips them on a CPU XNNPACK refuses.
  std::fprintf(stderr, "actbench: XNNPACK %s failed (xnn_status %d%s)\n", what,
               static_cast<int>(status),
               status == xnn_status_unsupported_hardware ? ": unsupported hardware" : "");
  std::abort();
}

void Check(const char* what, xnn_status status) {
  if (status != xnn_status_success) Fail(what, status);
}

// An activation's XNNPACK operator at dtype T: Create(&op) and Setup(op, n, x, y). Specialised
// from the kernel lists' (XNN, op[, create arguments]) recipes below, for each variant's dtype.
template <Activation act, class T>
struct Op;

template <Activation act, class T>
class Operator {
 public:
  Operator() {
    static const xnn_status init = xnn_initialize(nullptr);
    Check("xnn_initialize", init);
    Op<act, T>::Create(&op_);
  }
  ~Operator() { xnn_delete_operator(op_); }
  Operator(const Operator&) = delete;
  Operator& operator=(const Operator&) = delete;
  xnn_operator_t get() const { return op_; }

 private:
  xnn_operator_t op_ = nullptr;
};

// How many elements XNNPACK's microkernel for dtype T loads at a time at the end of its input,
// whether or not they are there. The avx512f float32 microkernels load their tail with a mask
// (1: nothing past n). The F16C f16 microkernels (XNN_OOB_READS: XNNPACK asks for 16 bytes of
// padding after every input) load it as a full vector of 8: called with n = 37 on an input
// that ends at a protected page, xnn_run_operator faults.
template <class T>
constexpr std::size_t kTailLoad = 1;
template <>
constexpr std::size_t kTailLoad<f16> = 8;

// XNNPACK on the whole groups of kTailLoad elements in place, and on the rest through a
// zero-padded copy, so that nothing past n is read; every element takes the same
// instructions either way (the microkernels' full-vector and tail paths compute alike).
template <Activation act, class T>
void Run(const T* x, T* y, std::size_t n) {
  if (n == 0) return;
  thread_local const Operator<act, T> op;
  const auto run = [&](const T* in, T* out, std::size_t m) {
    Op<act, T>::Setup(op.get(), m, in, out);
    Check("xnn_run_operator", xnn_run_operator(op.get(), nullptr));
  };
  constexpr std::size_t kGroup = kTailLoad<T>;
  const std::size_t whole = n - n % kGroup;
  if (whole != 0) run(x, y, whole);
  if constexpr (kGroup > 1) {
    if (whole == n) return;
    std::array<T, kGroup> in{}, out;
    std::memcpy(in.data(), x + whole, (n - whole) * sizeof(T));
    run(in.data(), out.data(), kGroup);
    std::memcpy(y + whole, out.data(), (n - whole) * sizeof(T));
  }
}

// dx = dy * f'(x) as a framework computes it from the saved input, for an activation without
// a derivative through y; specialised per activation. In float; a 16-bit kernel rounds the
// result once, as PyTorch's CPU kernels do for Half.
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

template <Activation act, class T>
void XnnKernel<act, T>::Forward(const T* x, T* y, std::size_t n) {
  Run<act>(x, y, n);
}

template <Activation act, class T>
void XnnKernel<act, T>::BackwardX(const T* x, const T* dy, T* dx, std::size_t n) {
  if constexpr (DescriptorOf<act>::kHasGradFromY) {
    // Chunks large enough that XNNPACK's per-run overhead is small against the work.
    constexpr std::size_t kChunk = 2048;
    alignas(64) T y[kChunk];
    for (std::size_t i = 0; i < n; i += kChunk) {
      const std::size_t m = n - i < kChunk ? n - i : kChunk;
      Run<act>(x + i, y, m);
      GradFromOutput<kIsa>(act, y, dy + i, dx + i, m);
    }
  } else {
    using C = typename DTypeTraits<T>::Compute;
    for (std::size_t i = 0; i < n; ++i) dx[i] = T(GradFromInput<act>(C(x[i]), C(dy[i])));
  }
}

template <Activation act, class T>
void XnnKernel<act, T>::BackwardY(const T* y, const T* dy, T* dx,
                                  std::size_t n) requires DescriptorOf<act>::kHasGradFromY {
  GradFromOutput<kIsa>(act, y, dy, dx, n);
}

// XNNPACK's name for a dtype, the suffix of its operator functions; only those it has
// operators for.
#define ACTBENCH_XNN_SUFFIX_float f32
#define ACTBENCH_XNN_SUFFIX_f16 f16

// Every (XNN, op, args...) entry of the kernel lists, at the dtype of each variant:
// xnn_create_<op>_nc_<dtype> with one channel, the args and no flags, xnn_setup_<op>_nc_<dtype>;
// and its kernel. A dtype XNNPACK has no operator for does not compile.
#define ACTBENCH_PEER_LIB_XNN(kernel, recipe, ...) \
  ACTBENCH_FOR_EACH(ACTBENCH_XNN_VARIANT, recipe, __VA_ARGS__)
#define ACTBENCH_XNN_VARIANT(recipe, variant) \
  ACTBENCH_CALL(ACTBENCH_XNN_AT, recipe, ACTBENCH_UNPAREN variant)
#define ACTBENCH_XNN_AT(recipe, isa, T, ...) \
  ACTBENCH_XNN_CALL(ACTBENCH_XNN_ENTRY, T, ACTBENCH_XNN_SUFFIX_##T, ACTBENCH_UNPAREN recipe)
// ACTBENCH_CALL again, under another name: a macro does not expand inside its own expansion.
#define ACTBENCH_XNN_CALL(m, ...) m(__VA_ARGS__)
#define ACTBENCH_XNN_ENTRY(T, dt, op, ...)                                               \
  namespace {                                                                            \
  template <>                                                                            \
  struct Op<Activation::ACTBENCH_ACT, T> {                                               \
    static void Create(xnn_operator_t* out) {                                            \
      Check("xnn_create_" #op "_nc_" #dt,                                                \
            xnn_create_##op##_nc_##dt(1, 1, 1, __VA_ARGS__ __VA_OPT__(, ) 0, out));      \
    }                                                                                    \
    static void Setup(xnn_operator_t o, std::size_t n, const T* x, T* y) {               \
      Check("xnn_setup_" #op "_nc_" #dt, xnn_setup_##op##_nc_##dt(o, n, x, y, nullptr)); \
    }                                                                                    \
  };                                                                                     \
  }                                                                                      \
  template struct XnnKernel<Activation::ACTBENCH_ACT, T>;
#include "peer/recipes.inc"

}  // namespace actbench::peer
