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

void CopyMemcpy(const float* in, float* out, std::size_t n) {
  if (n != 0) std::memcpy(out, in, n * sizeof(float));
}

// What a compiler makes of an element-wise loop at the build's baseline ISA: the memory
// side of a scalar-family kernel with the arithmetic taken out.
void CopyLoop(const float* in, float* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = in[i];
}

#if ACTBENCH_X86
// Non-temporal stores bypass the caches: no read-for-ownership of the destination, so a copy
// that does not fit in cache moves 2 bytes per byte copied instead of 3. Streaming stores
// need an aligned destination: peel scalars up to the alignment, stream the bulk, finish the
// tail with scalars, then fence so the stores are globally visible before the next read.
template <std::size_t kAlign>
std::size_t HeadToAlign(const float* out, std::size_t n) {
  const auto misalign = reinterpret_cast<std::uintptr_t>(out) % kAlign;
  std::size_t head = misalign == 0 ? 0 : (kAlign - misalign) / sizeof(float);
  // Element alignment only (the kernel contract) may leave a non-multiple of 4 bytes.
  if (misalign % sizeof(float) != 0) head = n;
  return head < n ? head : n;
}

__attribute__((target("avx512f"))) void CopyNtAvx512(const float* in, float* out, std::size_t n) {
  std::size_t i = HeadToAlign<64>(out, n);
  for (std::size_t j = 0; j < i; ++j) out[j] = in[j];
  for (; i + 16 <= n; i += 16) _mm512_stream_ps(out + i, _mm512_loadu_ps(in + i));
  for (; i < n; ++i) out[i] = in[i];
  _mm_sfence();
}

__attribute__((target("avx"))) void CopyNtAvx(const float* in, float* out, std::size_t n) {
  std::size_t i = HeadToAlign<32>(out, n);
  for (std::size_t j = 0; j < i; ++j) out[j] = in[j];
  for (; i + 8 <= n; i += 8) _mm256_stream_ps(out + i, _mm256_loadu_ps(in + i));
  for (; i < n; ++i) out[i] = in[i];
  _mm_sfence();
}

void CopyNtSse(const float* in, float* out, std::size_t n) {
  std::size_t i = HeadToAlign<16>(out, n);
  for (std::size_t j = 0; j < i; ++j) out[j] = in[j];
  for (; i + 4 <= n; i += 4) _mm_stream_ps(out + i, _mm_loadu_ps(in + i));
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

void CopyNt(const float* in, float* out, std::size_t n) {
  static const auto impl = HasAvx512() ? &CopyNtAvx512 : HasAvx() ? &CopyNtAvx : &CopyNtSse;
  impl(in, out, n);
}

std::string_view CopyNtIsa() { return HasAvx512() ? "avx512" : HasAvx() ? "avx" : "sse"; }
#else
// No streaming-store implementation for this architecture: fall back to memcpy and say so.
void CopyNt(const float* in, float* out, std::size_t n) { CopyMemcpy(in, out, n); }
std::string_view CopyNtIsa() { return "memcpy-fallback"; }
#endif

// glibc picks its own memcpy (vector width, rep movsb) at load time.
std::string_view LibcIsa() { return "libc"; }
std::string_view ScalarIsa() { return "scalar"; }

const Baseline kBaselines[] = {
    {"baseline/memcpy", &CopyMemcpy, "std::memcpy of the input to the output", &LibcIsa},
    {"baseline/copy-loop", &CopyLoop, "out[i] = in[i] loop as compiled for the baseline ISA",
     &ScalarIsa},
    {"baseline/copy-nt", &CopyNt,
     "copy with non-temporal (streaming) stores, the widest the CPU has", &CopyNtIsa},
};

}  // namespace

std::span<const Baseline> AllBaselines() { return kBaselines; }

}  // namespace actbench::bench
