// oneDNN eltwise primitives as kernels: forward, backward from src (the algorithm of each
// activation's recipe, with its alpha and beta) and backward from dst (the algorithm's
// *_use_dst_for_bwd twin, where oneDNN has one), single-threaded, in float32 and bf16 (every
// tensor of a primitive in the kernel's dtype; oneDNN computes in float inside and rounds each
// output once).
//
// Kernels are plain functions of (pointers, n), but oneDNN wants a primitive per tensor shape,
// created ahead of time. Each thread keeps a small cache keyed by (dtype, activation,
// direction, n): the first call at a size creates the primitive (the JIT compile happens
// there), later calls only point the cached memory objects at the caller's buffers
// (set_data_handle) and execute.
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

#include "actbench/dtype.h"
#include "peer/grad_from_output.h"
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

// oneDNN's memory data type for one of our dtypes. Only those oneDNN 2.6 has eltwise
// primitives for on x86: f16 is absent (creating the primitive descriptor fails: no
// implementation), and so is f64.
template <class T>
constexpr dnnl::memory::data_type kDataType = dnnl::memory::data_type::undef;
template <>
constexpr dnnl::memory::data_type kDataType<float> = dnnl::memory::data_type::f32;
template <>
constexpr dnnl::memory::data_type kDataType<bf16> = dnnl::memory::data_type::bf16;

// An activation's eltwise algorithm and its parameters (alpha, beta: their meaning is the
// algorithm's, dnnl_types.h) at dtype T. Specialised from the kernel lists' (DNNL, alg[,
// alpha[, beta]]) recipes below, for each variant's dtype: kAlg, kAlpha, kBeta.
template <Activation act, class T>
struct Eltwise;

// A recipe's parameters, 0 where it gives none.
struct EltwiseParams {
  float alpha = 0.f, beta = 0.f;
};

// The algorithm's backward from dst: oneDNN 2.6 has one for relu, tanh, elu, sqrt, logistic,
// exp and clip_v2 (dnnl.hpp), none for the others (undef).
constexpr dnnl::algorithm FromDst(dnnl::algorithm alg) {
  using A = dnnl::algorithm;
  switch (alg) {
    case A::eltwise_relu: return A::eltwise_relu_use_dst_for_bwd;
    case A::eltwise_tanh: return A::eltwise_tanh_use_dst_for_bwd;
    case A::eltwise_elu: return A::eltwise_elu_use_dst_for_bwd;
    case A::eltwise_sqrt: return A::eltwise_sqrt_use_dst_for_bwd;
    case A::eltwise_logistic: return A::eltwise_logistic_use_dst_for_bwd;
    case A::eltwise_exp: return A::eltwise_exp_use_dst_for_bwd;
    case A::eltwise_clip_v2: return A::eltwise_clip_v2_use_dst_for_bwd;
    default: return A::undef;
  }
}

const dnnl::engine& Engine() {
  static const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

// A primitive for one (algorithm, data type, direction, n) with its memory objects; the kernel
// points the memory objects at the caller's buffers before each execute.
struct Prim {
  dnnl::primitive primitive;
  dnnl::memory in, aux, out;  // forward: src, -, dst; backward: src or dst, diff_dst, diff_src
  std::unordered_map<int, dnnl::memory> args;
};

// alg is the activation's algorithm; the backward from dst uses its *_use_dst_for_bwd twin, for
// the backward primitive and for the forward hint it is created with.
Prim MakePrim(dnnl::algorithm alg, float alpha, float beta, dnnl::memory::data_type type, Dir dir,
              std::size_t n) {
  const dnnl::memory::desc md({static_cast<dnnl::memory::dim>(n)}, type,
                              dnnl::memory::format_tag::a);
  if (dir == Dir::kBackwardDst) alg = FromDst(alg);
  // Forward for training, as a framework that will run the backward creates it (the backward
  // primitive needs it as a hint).
  const dnnl::eltwise_forward::primitive_desc fwd(
      {dnnl::prop_kind::forward_training, alg, md, alpha, beta}, Engine());
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
    const dnnl::eltwise_backward::primitive_desc bwd({alg, md, md, alpha, beta}, Engine(), fwd);
    p.primitive = dnnl::eltwise_backward(bwd);
    p.args = {{dir == Dir::kBackwardSrc ? DNNL_ARG_SRC : DNNL_ARG_DST, p.in},
              {DNNL_ARG_DIFF_DST, p.aux},
              {DNNL_ARG_DIFF_SRC, p.out}};
  }
  return p;
}

// One per thread, shared by every kernel, so that the bound below holds per thread.
struct ThreadState {
  dnnl::stream stream{Engine()};
  std::unordered_map<std::uint64_t, Prim> prims;
};

ThreadState& State() {
  thread_local ThreadState state;
  return state;
}

// Bounded so that a caller sweeping many sizes (the tests) does not accumulate primitives.
constexpr std::size_t kMaxCachedPrimitives = 64;

// The cache key: n in the high 32 bits (an n of 2^32 or more aliases a smaller one), then the
// dtype, the activation and the direction, a byte each. Keyed by the activation, not the
// algorithm: two activations may share one with other parameters (relu and leaky-relu).
std::uint64_t Key(DType type, Activation act, Dir dir, std::size_t n) {
  return (static_cast<std::uint64_t>(n) << 32) | (static_cast<std::uint64_t>(type) << 16) |
         (static_cast<std::uint64_t>(act) << 8) | static_cast<std::uint64_t>(dir);
}

// in/aux/out as for Prim; aux is null for forward.
template <Activation act, class T>
void Run(Dir dir, const T* in, const T* aux, T* out, std::size_t n) {
  static_assert(kDataType<T> != dnnl::memory::data_type::undef,
                "oneDNN has no eltwise primitive for this dtype");
  if (n == 0) return;
  const OneOmpThread one_thread;
  try {
    ThreadState& state = State();
    const std::uint64_t key = Key(DTypeTraits<T>::kTag, act, dir, n);
    auto it = state.prims.find(key);
    if (it == state.prims.end()) {
      if (state.prims.size() >= kMaxCachedPrimitives) state.prims.clear();
      using E = Eltwise<act, T>;
      it = state.prims.emplace(key, MakePrim(E::kAlg, E::kAlpha, E::kBeta, kDataType<T>, dir, n))
               .first;
    }
    Prim& p = it->second;
    // oneDNN takes non-const handles; inputs are only read.
    p.in.set_data_handle(const_cast<T*>(in));
    if (aux) p.aux.set_data_handle(const_cast<T*>(aux));
    p.out.set_data_handle(out);
    p.primitive.execute(state.stream, p.args);
    state.stream.wait();
  } catch (const dnnl::error& e) {
    // A kernel has no error channel; a primitive that cannot be created or run is a broken
    // installation, not bad input.
    std::fprintf(stderr, "actbench: oneDNN eltwise (%s, n=%zu) failed: %s (status %d)\n",
                 DTypeTraits<T>::kName.data(), n, e.what(), static_cast<int>(e.status));
    std::abort();
  }
}

}  // namespace

template <Activation act, class T>
void DnnlKernel<act, T>::Forward(const T* x, T* y, std::size_t n) {
  Run<act, T>(Dir::kForward, x, nullptr, y, n);
}

template <Activation act, class T>
void DnnlKernel<act, T>::BackwardX(const T* x, const T* dy, T* dx, std::size_t n) {
  Run<act, T>(Dir::kBackwardSrc, x, dy, dx, n);
}

template <Activation act, class T>
void DnnlKernel<act, T>::BackwardY(const T* y, const T* dy, T* dx,
                                   std::size_t n) requires DescriptorOf<act>::kHasGradFromY {
  if constexpr (FromDst(Eltwise<act, T>::kAlg) != dnnl::algorithm::undef) {
    Run<act, T>(Dir::kBackwardDst, y, dy, dx, n);
  } else {
    // oneDNN has no backward from dst for this algorithm (soft_relu): the descriptor's formula
    // from y in plain C++, not oneDNN's. Its loops exist at AVX-512 and AVX2; avx512bf16 adds
    // only a rounding instruction they do not use (they round in integer arithmetic).
    constexpr Isa kGradIsa = kIsa == Isa::kAvx512Bf16 ? Isa::kAvx512 : kIsa;
    GradFromOutput<kGradIsa>(act, y, dy, dx, n);
  }
}

// Every (DNNL, alg[, alpha[, beta]]) entry of the kernel lists, at the dtype of each variant:
// its algorithm and parameters (0 where not given), and its kernel. An activation may have an
// entry per dtype (float32, bf16), not two for one. oneDNN 2.6 has no hardsigmoid algorithm
// (dnnl_types.h), so that activation has no entry.
#define ACTBENCH_PEER_LIB_DNNL(kernel, recipe, ...) \
  ACTBENCH_FOR_EACH(ACTBENCH_DNNL_VARIANT, recipe, __VA_ARGS__)
#define ACTBENCH_DNNL_VARIANT(recipe, variant) \
  ACTBENCH_CALL(ACTBENCH_DNNL_AT, recipe, ACTBENCH_UNPAREN variant)
#define ACTBENCH_DNNL_AT(recipe, isa, T, ...) \
  ACTBENCH_DNNL_CALL(ACTBENCH_DNNL_ENTRY, T, ACTBENCH_UNPAREN recipe)
// ACTBENCH_CALL again, under another name: a macro does not expand inside its own expansion.
#define ACTBENCH_DNNL_CALL(m, ...) m(__VA_ARGS__)
#define ACTBENCH_DNNL_ENTRY(T, alg, ...)                                 \
  namespace {                                                            \
  template <>                                                            \
  struct Eltwise<Activation::ACTBENCH_ACT, T> {                          \
    static constexpr dnnl::algorithm kAlg = dnnl::algorithm::alg;        \
    static constexpr EltwiseParams kParams{__VA_ARGS__};                 \
    static constexpr float kAlpha = kParams.alpha, kBeta = kParams.beta; \
  };                                                                     \
  }                                                                      \
  template struct DnnlKernel<Activation::ACTBENCH_ACT, T>;
#include "peer/recipes.inc"

}  // namespace actbench::peer
