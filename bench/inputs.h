// Benchmark inputs: the named input distributions (fixed seeds, generated without any
// standard-library distribution so the numbers are the same with every C++ library), and the
// aligned buffers and window pools the benchmark loops read from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

namespace actbench::bench {

enum class Dist : std::uint8_t {
  kUniform,   // uniform on [-10, 10]
  kNormal,    // normal, mean 0, sigma 3 (most mass where sigmoid/tanh bend)
  kWide,      // uniform over the finite bit patterns, random sign: log-uniform magnitudes
              // from the smallest subnormal to the largest finite; reaches subnormal and
              // saturated results (sigmoid(-100), tanh(1e30))
  kSorted,    // uniform on [-10, 10], ascending: signs and ranges are predictable
  kRandSign,  // magnitudes ascending over [0, 10] as in kSorted, signs random: the same
              // range behaviour as kSorted, but the sign is unpredictable
};

inline constexpr Dist kAllDists[] = {Dist::kUniform, Dist::kNormal, Dist::kWide, Dist::kSorted,
                                     Dist::kRandSign};

std::string_view Name(Dist d);
// The distribution with this name; false if there is none.
bool ParseDist(std::string_view name, Dist* out);

// Fills `out` with values of the distribution. `stream` selects an independent, fixed random
// stream (e.g. one per window of a pool), so every run sees the same inputs.
template <class T>
void Generate(Dist d, std::uint64_t stream, std::span<T> out);

// Gradients flowing into a backward pass: uniform on [-1, 1], signed and of moderate size
// like a real dy.
template <class T>
void GenerateGradients(std::uint64_t stream, std::span<T> out);

// Zero-initialised storage that starts `page_offset` bytes (a multiple of 64: a cache line,
// an AVX-512 vector) past a 4 KiB page boundary. The offset is fixed per role so that input
// and output streams never sit at the same offset within a page: a load whose address matches
// an in-flight store's in the low 12 bits can be stalled as a possible dependency (4K
// aliasing), and with malloc choosing the addresses that happened in some runs and not others.
class AlignedBuffer {
 public:
  static constexpr std::size_t kPage = 4096;
  AlignedBuffer() = default;
  AlignedBuffer(std::size_t bytes, std::size_t page_offset);
  void* data() const { return data_; }
  std::size_t bytes() const { return bytes_; }

 private:
  struct Free {
    void operator()(void* p) const;
  };
  std::unique_ptr<void, Free> base_;
  void* data_ = nullptr;
  std::size_t bytes_ = 0;
};

// Elements of T per 64-byte line: windows of a pool start on line boundaries.
template <class T>
constexpr std::size_t RoundUpToLine(std::size_t n) {
  constexpr std::size_t kPerLine = 64 / sizeof(T);
  return (n + kPerLine - 1) / kPerLine * kPerLine;
}

}  // namespace actbench::bench
