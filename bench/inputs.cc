// Input distributions and aligned storage for the benchmark (see inputs.h).
#include "inputs.h"

#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <numbers>
#include <stdexcept>
#include <type_traits>

#include "actbench/dtype.h"
#include "util/splitmix64.h"

namespace actbench::bench {
namespace {

// A seed gives the same numbers everywhere.
using Rng = SplitMix64;

constexpr std::uint64_t kSeed = 0x61637462656E6368ull;  // "actbench"

Rng StreamRng(std::uint64_t salt, std::uint64_t stream) {
  // Decorrelate streams by running the seed through the generator's own mixer once.
  Rng mix{kSeed ^ (salt * 0xD1B54A32D192ED03ull) ^ (stream * 0x9E3779B97F4A7C15ull)};
  return Rng{mix.Next()};
}

template <class T>
T WideValue(Rng& rng) {
  using UInt = typename actbench::DTypeTraits<T>::Bits;
  // Every finite non-negative bit pattern is equally likely: each binade gets the same
  // share, i.e. magnitudes are log-uniform from the smallest subnormal to the largest finite.
  constexpr UInt kMaxFinite = std::bit_cast<UInt>(std::numeric_limits<T>::max());
  const std::uint64_t r = rng.Next();
  const UInt magnitude = static_cast<UInt>((r >> 1) % (static_cast<std::uint64_t>(kMaxFinite) + 1));
  const UInt sign = (r & 1) ? UInt(1) << (actbench::DTypeTraits<T>::kBits - 1) : UInt(0);
  return std::bit_cast<T>(static_cast<UInt>(magnitude | sign));
}

}  // namespace

std::string_view Name(Dist d) {
  switch (d) {
    case Dist::kUniform: return "uniform";
    case Dist::kNormal: return "normal";
    case Dist::kWide: return "wide";
    case Dist::kSorted: return "sorted";
    case Dist::kRandSign: return "randsign";
  }
  return "?";
}

bool ParseDist(std::string_view name, Dist* out) {
  for (Dist d : kAllDists) {
    if (Name(d) == name) {
      *out = d;
      return true;
    }
  }
  return false;
}

template <class T>
void Generate(Dist d, std::uint64_t stream, std::span<T> out) {
  Rng rng = StreamRng(static_cast<std::uint64_t>(d) + 1, stream);
  const double n = static_cast<double>(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    double x = 0;
    switch (d) {
      case Dist::kUniform: x = -10.0 + 20.0 * rng.Unit(); break;
      case Dist::kNormal: {
        // Box-Muller; 1 - Unit() is in (0, 1], so the log is finite.
        const double radius = std::sqrt(-2.0 * std::log(1.0 - rng.Unit()));
        x = 3.0 * radius * std::cos(2.0 * std::numbers::pi * rng.Unit());
        break;
      }
      case Dist::kWide: out[i] = WideValue<T>(rng); continue;
      case Dist::kSorted:
        // Stratified: one uniform draw per 1/n-th of the range, so the sequence ascends
        // without a sort (a 16M-element sort would dominate setup).
        x = -10.0 + 20.0 * ((static_cast<double>(i) + rng.Unit()) / n);
        break;
      case Dist::kRandSign: {
        const double magnitude = 10.0 * ((static_cast<double>(i) + rng.Unit()) / n);
        x = (rng.Next() & 1) ? -magnitude : magnitude;
        break;
      }
    }
    out[i] = static_cast<T>(x);
  }
}

template <class T>
void GenerateGradients(std::uint64_t stream, std::span<T> out) {
  Rng rng = StreamRng(0xD7, stream);
  for (T& v : out) v = static_cast<T>(-1.0 + 2.0 * rng.Unit());
}

#define ACTBENCH_INPUTS_INSTANCE(tag, T)                         \
  template void Generate<T>(Dist, std::uint64_t, std::span<T>); \
  template void GenerateGradients<T>(std::uint64_t, std::span<T>);
ACTBENCH_DTYPES(ACTBENCH_INPUTS_INSTANCE)
#undef ACTBENCH_INPUTS_INSTANCE

AlignedBuffer::AlignedBuffer(std::size_t bytes, std::size_t page_offset) : bytes_(bytes) {
  if (page_offset % 64 != 0 || page_offset >= kPage) throw std::invalid_argument("page_offset");
  const std::size_t total = (page_offset + bytes + kPage - 1) / kPage * kPage;
  void* p = std::aligned_alloc(kPage, total == 0 ? kPage : total);
  if (p == nullptr) throw std::bad_alloc();
  // Touch every page now, so first-touch page faults never land in a timed region.
  std::memset(p, 0, total == 0 ? kPage : total);
  base_.reset(p);
  data_ = static_cast<char*>(p) + page_offset;
}

void AlignedBuffer::Free::operator()(void* p) const { std::free(p); }

}  // namespace actbench::bench
