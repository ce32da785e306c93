// oneDNN eltwise primitives as kernels: forward, backward from src (eltwise_relu / logistic /
// tanh) and backward from dst (the *_use_dst_for_bwd algorithms), single-threaded.
//
// Kernels are plain functions of (pointers, n), but oneDNN wants a primitive per tensor shape,
// created ahead of time. Each thread keeps a small cache keyed by (activation, direction, n):
// the first call at a size creates the primitive (the JIT compile happens there), later calls
// only point the cached memory objects at the caller's buffers (set_data_handle) and execute.
// So the per-call overhead of oneDNN's execute path stays visible at small sizes, but primitive
// creation is not in the timed loop of a benchmark.
//
// Threading: Debian builds oneDNN with the OpenMP runtime, which runs a primitive on
// omp_get_max_threads() threads. Kernels are compared single-threaded, so each call sets the
// calling thread's OpenMP thread count to 1 for its duration and restores it afterwards.
#include <omp.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <dnnl.hpp>
#include <unordered_map>

#include "peer/peer.h"

namespace actbench::peer {
namespace {

class OneOmpThread {
 public:
  OneOmpThread() : saved_(omp_get_max_threads()) { omp_set_num_threads(1); }
  ~OneOmpThread() { omp_set_num_threads(saved_); }
  OneOmpThread(const OneOmpThread&) = delete;
  OneOmpThread& operator=(const OneOmpThread&) = delete;

 private:
  int saved_;
};

enum class Dir : std::uint8_t { kForward, kBackwardSrc, kBackwardDst };

// The eltwise algorithms of an activation: forward and backward from src, and backward from
// dst. Specialised from the kernel lists' (DNNL, alg) recipes below.
template <Activation act>
struct Eltwise;

template <Activation act>
dnnl::algorithm Algorithm(Dir dir) {
  return dir == Dir::kBackwardDst ? Eltwise<act>::kFromDst : Eltwise<act>::kFromSrc;
}

const dnnl::engine& Engine() {
  static const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

// A primitive for one (algorithm, direction, n) with its memory objects; the kernel points
// the memory objects at the caller's buffers before each execute.
struct Prim {
  dnnl::primitive primitive;
  dnnl::memory in, aux, out;  // forward: src, -, dst; backward: src or dst, diff_dst, diff_src
  std::unordered_map<int, dnnl::memory> args;
};

Prim MakePrim(dnnl::algorithm alg, Dir dir, std::size_t n) {
  const dnnl::memory::desc md({static_cast<dnnl::memory::dim>(n)}, dnnl::memory::data_type::f32,
                              dnnl::memory::format_tag::a);
  // Relu's alpha is the negative slope: 0. Forward for training, as a framework that will run
  // the backward creates it (the backward primitive needs it as a hint).
  const dnnl::eltwise_forward::primitive_desc fwd(
      {dnnl::prop_kind::forward_training, alg, md, 0.f, 0.f}, Engine());
  void* const none = DNNL_MEMORY_NONE;  // no buffer yet: set per call
  Prim p{.primitive = {},
         .in = dnnl::memory(md, Engine(), none),
         .aux = dnnl::memory(md, Engine(), none),
         .out = dnnl::memory(md, Engine(), none),
         .args = {}};
  if (dir == Dir::kForward) {
    p.primitive = dnnl::eltwise_forward(fwd);
    p.args = {{DNNL_ARG_SRC, p.in}, {DNNL_ARG_DST, p.out}};
  } else {
    const dnnl::eltwise_backward::primitive_desc bwd({alg, md, md, 0.f, 0.f}, Engine(), fwd);
    p.primitive = dnnl::eltwise_backward(bwd);
    p.args = {{dir == Dir::kBackwardSrc ? DNNL_ARG_SRC : DNNL_ARG_DST, p.in},
              {DNNL_ARG_DIFF_DST, p.aux},
              {DNNL_ARG_DIFF_SRC, p.out}};
  }
  return p;
}

struct ThreadState {
  dnnl::stream stream{Engine()};
  std::unordered_map<std::uint64_t, Prim> prims;
};

// Bounded so that a caller sweeping many sizes (the tests) does not accumulate primitives.
constexpr std::size_t kMaxCachedPrimitives = 64;

// in/aux/out as for Prim; aux is null for forward.
void Run(dnnl::algorithm alg, Dir dir, const float* in, const float* aux, float* out,
         std::size_t n) {
  if (n == 0) return;
  const OneOmpThread one_thread;
  try {
    thread_local ThreadState state;
    const std::uint64_t key = (static_cast<std::uint64_t>(n) << 32) |
                              (static_cast<std::uint64_t>(alg) << 2) |
                              static_cast<std::uint64_t>(dir);
    auto it = state.prims.find(key);
    if (it == state.prims.end()) {
      if (state.prims.size() >= kMaxCachedPrimitives) state.prims.clear();
      it = state.prims.emplace(key, MakePrim(alg, dir, n)).first;
    }
    Prim& p = it->second;
    // oneDNN takes non-const handles; inputs are only read.
    p.in.set_data_handle(const_cast<float*>(in));
    if (aux) p.aux.set_data_handle(const_cast<float*>(aux));
    p.out.set_data_handle(out);
    p.primitive.execute(state.stream, p.args);
    state.stream.wait();
  } catch (const dnnl::error& e) {
    // A kernel has no error channel; a primitive that cannot be created or run is a broken
    // installation, not bad input.
    std::fprintf(stderr, "actbench: oneDNN eltwise (n=%zu) failed: %s (status %d)\n", n, e.what(),
                 static_cast<int>(e.status));
    std::abort();
  }
}

}  // namespace

template <Activation act>
void DnnlKernel<act>::Forward(const float* x, float* y, std::size_t n) {
  Run(Algorithm<act>(Dir::kForward), Dir::kForward, x, nullptr, y, n);
}

template <Activation act>
void DnnlKernel<act>::BackwardX(const float* x, const float* dy, float* dx, std::size_t n) {
  Run(Algorithm<act>(Dir::kBackwardSrc), Dir::kBackwardSrc, x, dy, dx, n);
}

template <Activation act>
void DnnlKernel<act>::BackwardY(const float* y, const float* dy, float* dx, std::size_t n) {
  Run(Algorithm<act>(Dir::kBackwardDst), Dir::kBackwardDst, y, dy, dx, n);
}

// Every (DNNL, alg) entry of the kernel lists: its algorithms and its kernel.
#define ACTBENCH_PEER_LIB_DNNL(kernel, recipe, ...) \
  ACTBENCH_CALL(ACTBENCH_DNNL_ENTRY, ACTBENCH_UNPAREN recipe)
#define ACTBENCH_DNNL_ENTRY(alg)                                                \
  namespace {                                                                   \
  template <>                                                                   \
  struct Eltwise<Activation::ACTBENCH_ACT> {                                    \
    static constexpr dnnl::algorithm kFromSrc = dnnl::algorithm::alg;           \
    static constexpr dnnl::algorithm kFromDst = dnnl::algorithm::alg##_use_dst_for_bwd; \
  };                                                                            \
  }                                                                             \
  template struct DnnlKernel<Activation::ACTBENCH_ACT>;
#include "peer/recipes.inc"

}  // namespace actbench::peer
