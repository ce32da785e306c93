// Production libraries wrapped as kernels (family `peer`): the entry points the registry
// points at. Only declarations live here, so the registry includes no library header; each
// entry point is defined (explicitly instantiated) in the library's translation unit for its
// ISA, compiled with that ISA's flags, from the kernel lists: an ACTBENCH_PEER_VEC or
// ACTBENCH_PEER_RT entry names the library and its recipe (which function, and how the
// activation is built on it). See kernels/peer/README.md.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "actbench/kernel.h"

namespace actbench::peer {

// Libraries that give only a forward vector function (SLEEF, Eigen, Highway). The kernel runs
// that function block by block. For an activation whose derivative can be written through y,
// the gradients use the formula frameworks apply to a saved output (the activation's
// descriptor, BackwardFromY): backward_x feeds it this library's own forward of x, backward_y
// the given y. For one without (GELU, SiLU), the entry's recipe also gives f'(x) built from
// the same library's functions, the way a framework writes its backward from the input, and
// backward_x runs that; there is no backward_y. Fn is a tag, one per ACTBENCH_PEER_VEC entry,
// that knows its activation.
template <class Fn, Isa isa, class T>
struct VecKernel {
  static constexpr Isa kIsa = isa;
  using Type = T;
  static void Forward(const T* x, T* y, std::size_t n);
  static void BackwardX(const T* x, const T* dy, T* dx, std::size_t n);
  static void BackwardY(const T* y, const T* dy, T* dx,
                        std::size_t n) requires DescriptorOf<Fn::kActivation>::kHasGradFromY;
};

#define ACTBENCH_SCALAR(...)
#define ACTBENCH_SIMD(...)
#define ACTBENCH_PEER_RT(...)
#define ACTBENCH_PEER_VEC(name, ...)                                    \
  struct name {                                                         \
    static constexpr Activation kActivation = Activation::ACTBENCH_ACT; \
  };
#include "kernels.inc"
#undef ACTBENCH_SCALAR
#undef ACTBENCH_SIMD
#undef ACTBENCH_PEER_RT
#undef ACTBENCH_PEER_VEC

// Libraries that pick their code at run time (oneDNN, XNNPACK). Their kernels declare the ISA
// of the code the library runs for that dtype on an AVX-512 CPU with the BF16 extension (this
// project's machine), which is what they measure, and are skipped on a CPU without it although
// the library itself would run other code there. Specialised only for the dtypes the library
// has: a variant of another dtype does not compile.
template <class T>
struct DnnlDispatch;
// float32: jit:avx512_core.
template <>
struct DnnlDispatch<float> {
  static constexpr Isa kIsa = Isa::kAvx512;
};
// bf16: jit:avx512_core_bf16 (vcvtneps2bf16 for the bf16 stores). oneDNN 2.6 has no f16
// eltwise primitive on x86 (creating one fails), so f16 has no oneDNN kernel.
template <>
struct DnnlDispatch<bf16> {
  static constexpr Isa kIsa = Isa::kAvx512Bf16;
};

template <class T>
struct XnnDispatch;
// float32: the avx512f microkernels.
template <>
struct XnnDispatch<float> {
  static constexpr Isa kIsa = Isa::kAvx512;
};
// f16: XNNPACK enables its f16 operators where cpuinfo reports AVX2 and runs its F16C
// microkernels (256-bit, f16c_x16) on every such CPU, AVX-512 or not; CpuSupports(kAvx2) asks
// for AVX2, FMA and F16C, so the kernel is skipped wherever XNNPACK would refuse to create the
// operator (xnn_status_unsupported_hardware).
template <>
struct XnnDispatch<f16> {
  static constexpr Isa kIsa = Isa::kAvx2;
};

// oneDNN eltwise primitives, forward and backward (from src and, where oneDNN has a
// *_use_dst_for_bwd algorithm, from dst), single-threaded, on T's memory data type (src, dst
// and the diff tensors all T). backward_y exists only for an activation whose derivative can be
// written through y.
template <Activation act, class T>
struct DnnlKernel {
  static constexpr Isa kIsa = DnnlDispatch<T>::kIsa;
  using Type = T;
  static void Forward(const T* x, T* y, std::size_t n);
  static void BackwardX(const T* x, const T* dy, T* dx, std::size_t n);
  static void BackwardY(const T* y, const T* dy, T* dx,
                        std::size_t n) requires DescriptorOf<act>::kHasGradFromY;
};

// XNNPACK operators (xnn_*_nc_f32, xnn_*_nc_f16), no thread pool; XNNPACK picks its microkernel
// at initialisation. It has no derivative: gradients from the output as for VecKernel; for an
// activation without a derivative through y (hardswish), backward_x is the framework's formula
// from x in plain C++, not XNNPACK's (xnn_kernels.cc).
template <Activation act, class T>
struct XnnKernel {
  static constexpr Isa kIsa = XnnDispatch<T>::kIsa;
  using Type = T;
  static void Forward(const T* x, T* y, std::size_t n);
  static void BackwardX(const T* x, const T* dy, T* dx, std::size_t n);
  static void BackwardY(const T* y, const T* dy, T* dx,
                        std::size_t n) requires DescriptorOf<act>::kHasGradFromY;
};

// PyTorch's ATen CPU operators (libtorch) and the backward functions its autograd runs
// (torch_kernels.cc), single-threaded, on tensors that wrap the caller's buffers. ATen 1.13
// dispatches to its AVX2 code on AVX2 and AVX-512 CPUs alike (unless ATEN_CPU_CAPABILITY says
// otherwise), so the kernels declare AVX2. It has CPU kernels for float32, float64 and
// bfloat16 (no mish), not for float16.
template <Activation act, class T>
struct TorchKernel {
  static constexpr Isa kIsa = Isa::kAvx2;
  using Type = T;
  static void Forward(const T* x, T* y, std::size_t n);
  static void BackwardX(const T* x, const T* dy, T* dx, std::size_t n);
  static void BackwardY(const T* y, const T* dy, T* dx,
                        std::size_t n) requires DescriptorOf<act>::kHasGradFromY;
};

// "1.13.0 (Debian package ...; ATen CPU capability AVX2)": for PeerVersions.
std::string TorchVersion();

// The peer libraries built in, as (name, version) pairs: what actbench::PeerVersions() returns
// in a program that links actbench::peers (versions.cc).
std::vector<std::pair<std::string, std::string>> LibraryVersions();

}  // namespace actbench::peer
