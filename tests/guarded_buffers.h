// Buffers that catch a kernel reading or writing outside [0, n), shared by the contract test
// (test_contract.cc) and the fuzzer (fuzz_check.h).
//   GuardedInput   n read-only elements at a chosen misalignment; the allocation ends with the
//                  last element (AddressSanitizer's redzone follows) and the bytes before the
//                  first are poisoned, so the sanitizer reports an over-read on either side.
//   GuardedOutput  n writable elements between canary-filled guard zones (two cache lines
//                  before, four after: a stray store of an unrolled AVX-512 loop lands there).
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstring>
#include <limits>
#include <new>
#include <string>

#include "kernel_params.h"

#if defined(__SANITIZE_ADDRESS__)
#define ACTBENCH_GUARD_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ACTBENCH_GUARD_ASAN 1
#endif
#endif
#if defined(ACTBENCH_GUARD_ASAN)
#include <sanitizer/asan_interface.h>
#endif

namespace actbench::tests::guarded {

constexpr std::size_t kAlign = 64;
// Elements per 64 bytes: offsets 0..kLanes-1 cover every misalignment up to a cache line (and
// an AVX-512 vector).
template <class T>
constexpr std::size_t kLanes = kAlign / sizeof(T);

// A signalling-NaN pattern no kernel computes (0x7fbadbad for float: all-ones exponent, quiet
// bit clear, a payload below it), filling the guard zones.
template <class T>
T Canary() {
  using B = BitsOf<T>;
  const B inf = std::bit_cast<B>(std::numeric_limits<T>::infinity());
  const B quiet = std::bit_cast<B>(std::numeric_limits<T>::quiet_NaN()) & ~inf;
  const B payload = static_cast<B>(0x0badbadbadbadbadull) & static_cast<B>(quiet - 1);
  return std::bit_cast<T>(static_cast<B>(inf | payload));
}

inline void Poison(const void* p, std::size_t bytes) {
#if defined(ACTBENCH_GUARD_ASAN)
  ASAN_POISON_MEMORY_REGION(p, bytes);
#else
  (void)p, (void)bytes;
#endif
}
inline void Unpoison(const void* p, std::size_t bytes) {
#if defined(ACTBENCH_GUARD_ASAN)
  ASAN_UNPOISON_MEMORY_REGION(p, bytes);
#else
  (void)p, (void)bytes;
#endif
}

// Raw 64-byte aligned storage.
struct AlignedBytes {
  explicit AlignedBytes(std::size_t bytes)
      : size(bytes),
        data(static_cast<unsigned char*>(
            ::operator new(bytes == 0 ? 1 : bytes, std::align_val_t{kAlign}))) {}
  ~AlignedBytes() {
    Unpoison(data, size);
    ::operator delete(data, std::align_val_t{kAlign});
  }
  AlignedBytes(const AlignedBytes&) = delete;
  AlignedBytes& operator=(const AlignedBytes&) = delete;
  std::size_t size;
  unsigned char* data;
};

// n read-only elements at `offset` elements past a 64-byte boundary.
template <class T>
class GuardedInput {
 public:
  GuardedInput(const T* src, std::size_t n, std::size_t offset)
      : lead_(kAlign + offset * sizeof(T)), mem_(lead_ + n * sizeof(T)), n_(n) {
    if (n) std::memcpy(mem_.data + lead_, src, n * sizeof(T));
    Poison(mem_.data, lead_);
  }
  const T* data() const { return reinterpret_cast<const T*>(mem_.data + lead_); }
  bool Unchanged(const T* src) const {
    return n_ == 0 || std::memcmp(data(), src, n_ * sizeof(T)) == 0;
  }

 private:
  std::size_t lead_;
  AlignedBytes mem_;
  std::size_t n_;
};

// n writable elements at `offset` elements past a 64-byte boundary, between guard zones.
template <class T>
class GuardedOutput {
 public:
  GuardedOutput(std::size_t n, std::size_t offset)
      : n_(n),
        begin_(2 * kLanes<T> + offset),
        total_(begin_ + n + 4 * kLanes<T>),
        mem_(total_ * sizeof(T)) {
    std::fill(all(), all() + total_, Canary<T>());
  }
  T* data() { return all() + begin_; }
  void Fill(const T* src) {
    if (n_) std::memcpy(data(), src, n_ * sizeof(T));
  }
  // The first clobbered guard element (index relative to data()), or empty if intact.
  std::string ClobberedGuard() {
    const BitsOf<T> canary = Bits(Canary<T>());
    for (std::size_t i = 0; i < total_; ++i) {
      if (i >= begin_ && i < begin_ + n_) continue;
      if (Bits(all()[i]) != canary)
        return "element " +
               std::to_string(static_cast<long long>(i) - static_cast<long long>(begin_)) +
               " = " + Show(all()[i]);
    }
    return "";
  }

 private:
  T* all() { return reinterpret_cast<T*>(mem_.data); }
  std::size_t n_, begin_, total_;
  AlignedBytes mem_;
};

}  // namespace actbench::tests::guarded
