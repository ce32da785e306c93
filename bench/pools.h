// The buffers every benchmark pass reads and writes: windows of distinct inputs per (dtype,
// distribution, size), the kernel's own outputs for a backward from y, the gradients dy and
// one scratch output, each placed at a fixed offset within its page.
#pragma once

#include <algorithm>
#include <cstddef>
#include <map>
#include <memory>
#include <tuple>

#include "actbench/kernel.h"
#include "inputs.h"

namespace actbench::bench {
//
// A small benchmark replays its inputs thousands of times, and a modern branch predictor
// learns a replayed sequence of random outcomes far longer than an L1-sized pass. Measured on
// an AMD Zen 4 (KVM guest, g++ 12), 2K-element f32 passes over `randsign` inputs cycling
// through pools of distinct inputs, microseconds per pass (median of 5):
//   pool (elements)                    2K     4K    16K    64K   128K   256K
//   sigmoid/split-exp-div forward    7.26   7.32   7.78   13.7   15.0   15.3
//   relu/max/scalar backward_x       1.98   1.99   2.01   7.68   9.47   9.75
//   relu/max/avx512 forward         0.071  0.071  0.072  0.080  0.075  0.093
//   baseline/memcpy                 0.079  0.078  0.080  0.080  0.081  0.104
// Replaying one 2K buffer made the branchy kernels look 2x and 5x faster than on fresh
// activations, and any pool that fits in L1 (<= 4K elements) does too. So every benchmark
// cycles through `windows` distinct input buffers (independent random streams, each a whole
// sample of the distribution), one per iteration, with at least kMinPoolElements = 128K
// elements in all: a 2K pass gets 64 windows, a 64K pass 2, larger passes 1. The price: a 2K
// pass streams its input from L2 (prefetched), which costs the fastest memory-bound passes
// 3-6% above; a 256K pool would spill L2 and cost 30%. --windows=1 replays one buffer.

inline constexpr std::size_t kMinPoolElements = std::size_t{1} << 17;
inline constexpr std::size_t kMaxWindows = 64;

inline std::size_t WindowsFor(std::size_t n) {
  return std::clamp<std::size_t>((kMinPoolElements + n - 1) / n, 1, kMaxWindows);
}

// Where each stream starts within a 4 KiB page (see AlignedBuffer): inputs (x, or y for a
// backward from output) at 0, dy at 1 KiB, the output at 2 KiB, as far from the inputs as a
// page allows. Window strides keep every input window at the same offset. Measured on the
// Zen 4 machine above, 64K-element f32 passes: memcpy 5.8 el/ns with the output at the
// inputs' offset, 13-14 at 1 or 2 KiB; AVX-512 relu 11.2 at 64 bytes, 13.1-13.3 at 1-2 KiB.
// Left to malloc, the relation changed from run to run and so did the figures.
inline constexpr std::size_t kInputOffset = 0, kGradientOffset = 1024, kOutputOffset = 2048;

template <class T>
class Pool {
 public:
  Pool(std::size_t n, std::size_t windows, std::size_t page_offset)
      : n_(n),
        stride_(RoundUpToLine<T>(n)),
        windows_(windows),
        buf_(stride_ * windows * sizeof(T), page_offset) {}
  T* window(std::size_t k) const { return static_cast<T*>(buf_.data()) + k * stride_; }
  std::size_t windows() const { return windows_; }
  std::size_t n() const { return n_; }

 private:
  std::size_t n_, stride_, windows_;
  AlignedBuffer buf_;
};

// Inputs are generated once per (dtype, distribution, size, windows) and kept: with random
// interleaving, repetitions of different benchmarks alternate, and regenerating 16M values
// for each would dominate the run.
template <class T>
const Pool<T>& InputPool(Dist dist, std::size_t n, std::size_t windows) {
  static std::map<std::tuple<Dist, std::size_t, std::size_t>, std::unique_ptr<Pool<T>>> cache;
  auto& slot = cache[{dist, n, windows}];
  if (!slot) {
    slot = std::make_unique<Pool<T>>(n, windows, kInputOffset);
    for (std::size_t k = 0; k < windows; ++k)
      Generate<T>(dist, k, std::span<T>(slot->window(k), n));
  }
  return *slot;
}

// dy for backward passes: one buffer per size (its values do not steer any kernel's branches).
template <class T>
const T* Gradients(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<Pool<T>>> cache;
  auto& slot = cache[n];
  if (!slot) {
    slot = std::make_unique<Pool<T>>(n, 1, kGradientOffset);
    GenerateGradients<T>(0, std::span<T>(slot->window(0), n));
  }
  return slot->window(0);
}

// Backward from output is fed y = f(x) from the kernel's own forward, as a framework would.
// Google Benchmark calls a benchmark function several times in a row (iteration-count probing,
// then the measured run) and a repetition's calls are never interleaved with another
// benchmark's, so caching the last pool avoids recomputing it without holding one per kernel.
// With random interleaving consecutive repetitions are of different benchmarks, so the pool is
// recomputed for most of them: its memory is kept when the shape is the same (a fresh 16M pool
// is 64-128 MB of page faults, which took 3/4 of a quick run's backward_y time at 16M).
template <class T>
const Pool<T>& OutputPool(const Kernel& k, Dist dist, std::size_t n, std::size_t windows) {
  static std::unique_ptr<Pool<T>> last;
  static std::tuple<const Kernel*, Dist, std::size_t, std::size_t> last_key;
  const auto key = std::make_tuple(&k, dist, n, windows);
  if (!last || last_key != key) {
    const Pool<T>& x = InputPool<T>(dist, n, windows);
    if (!last || last->n() != n || last->windows() != windows) {
      last.reset();  // free the previous pool before allocating: 16M f64 is 128 MB per window
      last = std::make_unique<Pool<T>>(n, windows, kInputOffset);
    }
    for (std::size_t w = 0; w < windows; ++w) k.ops<T>().forward(x.window(w), last->window(w), n);
    last_key = key;
  }
  return *last;
}

// The destination of every pass: one buffer, reused (outputs are written, never read back).
template <class T>
T* Scratch(std::size_t n) {
  static std::unique_ptr<Pool<T>> buf;
  if (!buf || buf->n() < n) {
    buf.reset();
    buf = std::make_unique<Pool<T>>(n, 1, kOutputOffset);
  }
  return buf->window(0);
}

}  // namespace actbench::bench
