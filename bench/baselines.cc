// The copy baselines. This file is compiled with -fno-tree-loop-distribute-patterns so that
// the plain loop stays a loop (GCC would otherwise turn it into a memcpy call).
#include "baselines.h"

#include <cstdint>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define ACTBENCH_X86 1
#else
#define ACTBENCH_X86 0
#endif

namespace actbench::bench {
namespace {

// E: the element (float, or a 16-bit integer standing for bf16 and f16).
template <class E>
void CopyMemcpy(const void* in, void* out, std::size_t n) {
  if (n != 0) std::memcpy(out, in, n * sizeof(E));
}

// What a compiler makes of an element-wise loop at the build's baseline ISA: the memory
// side of a scalar-family kernel with the arithmetic taken out.
template <class E>
void CopyLoop(const void* in_, void* out_, std::size_t n) {
  const E* in = static_cast<const E*>(in_);
  E* out = static_cast<E*>(out_);
  for (std::size_t i = 0; i < n; ++i) out[i] = in[i];
}

#if ACTBENCH_X86
// Non-temporal stores bypass the caches: no read-for-ownership of the destination, so a copy
// that does not fit in cache moves 2 bytes per byte copied instead of 3. Streaming stores
// need an aligned destination: peel scalars up to the alignment, stream the bulk, finish the
// tail with scalars, then fence so the stores are globally visible before the next read.
template <std::size_t kAlign, class E>
std::size_t HeadToAlign(const E* out, std::size_t n) {
  const auto misalign = reinterpret_cast<std::uintptr_t>(out) % kAlign;
  std::size_t head = misalign == 0 ? 0 : (kAlign - misalign) / sizeof(E);
  // Element alignment only (the kernel contract) may leave a non-multiple of the element.
  if (misalign % sizeof(E) != 0) head = n;
  return head < n ? head : n;
}

template <class E>
__attribute__((target("avx512f"))) void CopyNtAvx512(const E* in, E* out, std::size_t n) {
  constexpr std::size_t kW = 64 / sizeof(E);
  std::size_t i = HeadToAlign<64>(out, n);
  for (std::size_t j = 0; j < i; ++j) out[j] = in[j];
  for (; i + kW <= n; i += kW)
    _mm512_stream_si512(reinterpret_cast<__m512i*>(out + i),
                        _mm512_loadu_si512(reinterpret_cast<const void*>(in + i)));
  for (; i < n; ++i) out[i] = in[i];
  _mm_sfence();
}

template <class E>
__attribute__((target("avx"))) void CopyNtAvx(const E* in, E* out, std::size_t n) {
  constexpr std::size_t kW = 32 / sizeof(E);
  std::size_t i = HeadToAlign<32>(out, n);
  for (std::size_t j = 0; j < i; ++j) out[j] = in[j];
  for (; i + kW <= n; i += kW)
    _mm256_stream_ps(reinterpret_cast<float*>(out + i),
                     _mm256_loadu_ps(reinterpret_cast<const float*>(in + i)));
  for (; i < n; ++i) out[i] = in[i];
  _mm_sfence();
}

template <class E>
void CopyNtSse(const E* in, E* out, std::size_t n) {
  constexpr std::size_t kW = 16 / sizeof(E);
  std::size_t i = HeadToAlign<16>(out, n);
  for (std::size_t j = 0; j < i; ++j) out[j] = in[j];
  for (; i + kW <= n; i += kW)
    _mm_stream_ps(reinterpret_cast<float*>(out + i),
                  _mm_loadu_ps(reinterpret_cast<const float*>(in + i)));
  for (; i < n; ++i) out[i] = in[i];
  _mm_sfence();
}

bool HasAvx512() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f");
}
bool HasAvx() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx");
}

template <class E>
void CopyNt(const void* in, void* out, std::size_t n) {
  static const auto impl =
      HasAvx512() ? &CopyNtAvx512<E> : HasAvx() ? &CopyNtAvx<E> : &CopyNtSse<E>;
  impl(static_cast<const E*>(in), static_cast<E*>(out), n);
}

std::string_view CopyNtIsa() { return HasAvx512() ? "avx512" : HasAvx() ? "avx" : "sse"; }
#else
// No streaming-store implementation for this architecture: fall back to memcpy and say so.
template <class E>
void CopyNt(const void* in, void* out, std::size_t n) {
  CopyMemcpy<E>(in, out, n);
}
std::string_view CopyNtIsa() { return "memcpy-fallback"; }
#endif

// glibc picks its own memcpy (vector width, rep movsb) at load time.
std::string_view LibcIsa() { return "libc"; }
std::string_view ScalarIsa() { return "scalar"; }

using H = std::uint16_t;  // the 2-byte element of bf16 and f16
const Baseline kBaselines[] = {
    {"baseline/memcpy", &CopyMemcpy<float>, 4, "f32", "std::memcpy of the input to the output",
     &LibcIsa},
    {"baseline/copy-loop", &CopyLoop<float>, 4, "f32",
     "out[i] = in[i] loop as compiled for the baseline ISA", &ScalarIsa},
    {"baseline/copy-nt", &CopyNt<float>, 4, "f32",
     "copy with non-temporal (streaming) stores, the widest the CPU has", &CopyNtIsa},
    {"baseline/memcpy-16", &CopyMemcpy<H>, 2, "bf16",
     "std::memcpy of 2-byte elements (the roofline of bf16 and f16 kernels)", &LibcIsa},
    {"baseline/copy-loop-16", &CopyLoop<H>, 2, "bf16",
     "out[i] = in[i] loop over 2-byte elements as compiled for the baseline ISA", &ScalarIsa},
    {"baseline/copy-nt-16", &CopyNt<H>, 2, "bf16",
     "copy of 2-byte elements with non-temporal (streaming) stores", &CopyNtIsa},
};

}  // namespace

std::span<const Baseline> AllBaselines() { return kBaselines; }

}  // namespace actbench::bench
