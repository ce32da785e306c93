// actbench-hash: a fingerprint of every bit each kernel computes, to prove that a change to
// the code around the kernels (registry, loops, wrappers) changed no result. For float32 it
// runs every input bit pattern (all 2^32, or every 2^(32-B)-th with --bits B); for float64 a
// fixed spread of 2^B patterns over the whole bit space. Forward y = f(x), backward from the
// input with dy = 1, and backward from the kernel's own y with dy = 1 are hashed apart, in
// input order, so two builds print the same lines exactly when every output bit agrees.
//   actbench-hash [--kernels GLOB[,GLOB]] [--bits B] [--threads N] [--nan-as-one]
// --nan-as-one hashes every NaN as one pattern: which NaN an operation returns (sign, payload)
// follows the order of its operands, which a compiler may change with the code around a kernel.
// Prints `id,forward,backward_x,backward_y` (16 hex digits each; `-` where a kernel has no
// backward from y, `skipped` where this CPU cannot run it).
#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "actbench/registry.h"
#include "util/cli.h"

namespace {

using actbench::Kernel;

constexpr std::size_t kChunk = std::size_t{1} << 16;

// Order-dependent mix of 64-bit words (a multiply-xorshift chain): cheap, and any flipped bit
// or swapped pair of elements changes the result.
struct Hasher {
  std::uint64_t h = 0x9e3779b97f4a7c15ull;
  void Add(std::uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
  }
};

template <class T>
std::uint64_t Bits(T v) {
  return std::bit_cast<typename actbench::DTypeTraits<T>::Bits>(v);
}

// The c-th chunk of inputs. A dtype that can be swept exhaustively: patterns i << shift, every
// pattern when bits equals its width (narrower dtypes take bits capped at their width). A wide
// one: patterns spread by a fixed odd multiplier over all its bits.
template <class T>
void FillChunk(std::uint64_t c, int bits, T* x) {
  using Tr = actbench::DTypeTraits<T>;
  using B = typename Tr::Bits;
  for (std::size_t j = 0; j < kChunk; ++j) {
    const std::uint64_t i = c * kChunk + j;
    if constexpr (Tr::kExhaustive)
      x[j] = std::bit_cast<T>(static_cast<B>(i << (Tr::kBits - bits)));
    else
      x[j] = std::bit_cast<T>(
          static_cast<B>((i << (64 - bits)) ^ (i * 0x9e3779b97f4a7c15ull >> bits)));
  }
}

struct Digest {
  std::uint64_t fwd = 0, bx = 0, by = 0;
};

// The bits of v, or of one fixed NaN for any NaN when nan_as_one.
template <class T>
std::uint64_t HashBits(T v, bool nan_as_one) {
  return nan_as_one && v != v ? Bits(std::numeric_limits<T>::quiet_NaN()) : Bits(v);
}

template <class T>
Digest HashKernel(const Kernel& k, int bits, int threads, bool nan_as_one) {
  using Tr = actbench::DTypeTraits<T>;
  if (Tr::kExhaustive) bits = std::min(bits, Tr::kBits);
  const auto ops = k.ops<T>();
  const std::uint64_t total = std::uint64_t{1} << bits;
  const std::uint64_t chunks = std::max<std::uint64_t>(1, total / kChunk);
  const std::size_t per_chunk = static_cast<std::size_t>(std::min<std::uint64_t>(total, kChunk));
  std::vector<Digest> parts(chunks);
  std::atomic<std::uint64_t> next{0};
  auto work = [&] {
    std::vector<T> x(kChunk), y(kChunk), dy(kChunk, T(1)), dx(kChunk);
    for (std::uint64_t c; (c = next++) < chunks;) {
      FillChunk(c, bits, x.data());
      Digest d;
      Hasher h;
      ops.forward(x.data(), y.data(), per_chunk);
      for (std::size_t j = 0; j < per_chunk; ++j) h.Add(HashBits(y[j], nan_as_one));
      d.fwd = h.h;
      h = {};
      ops.backward_x(x.data(), dy.data(), dx.data(), per_chunk);
      for (std::size_t j = 0; j < per_chunk; ++j) h.Add(HashBits(dx[j], nan_as_one));
      d.bx = h.h;
      if (ops.backward_y) {
        h = {};
        ops.backward_y(y.data(), dy.data(), dx.data(), per_chunk);
        for (std::size_t j = 0; j < per_chunk; ++j) h.Add(HashBits(dx[j], nan_as_one));
        d.by = h.h;
      }
      parts[c] = d;
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();
  Hasher f, bx, by;
  for (const Digest& d : parts) f.Add(d.fwd), bx.Add(d.bx), by.Add(d.by);
  return {f.h, bx.h, by.h};
}

int Usage(std::FILE* out) {
  std::fprintf(out,
               "usage: actbench-hash [--kernels GLOB[,GLOB]] [--bits B] [--threads N]\n"
               "                     [--nan-as-one]\n"
               "Hashes every output bit of each kernel: forward, backward from x (dy = 1),\n"
               "backward from its own y (dy = 1). float32: every input pattern (--bits 32,\n"
               "the default) or every 2^(32-B)-th; float64: 2^B patterns spread over all 2^64.\n"
               "Prints id,forward,backward_x,backward_y. B is 16..32; N defaults to the cores.\n"
               "--nan-as-one: every NaN output counts as one pattern (sign and payload of a\n"
               "NaN follow operand order, which the compiler may change).\n");
  return out == stdout ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string pattern;
  int bits = 32;
  bool nan_as_one = false;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto whole = [&](const std::string& text, int* out) {
      char* end = nullptr;
      errno = 0;
      const long v = std::strtol(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || errno != 0 || v < 0 || v > 1 << 20) {
        std::fprintf(stderr, "actbench-hash: %s needs a whole number, got '%s'\n",
                     a.substr(0, a.find('=')).c_str(), text.c_str());
        std::exit(Usage(stderr));
      }
      *out = static_cast<int>(v);
    };
    if (a == "-h" || a == "--help") return Usage(stdout);
    if (auto v = actbench::cli::Value(argc, argv, &i, "--kernels")) {
      if (v->empty()) {
        std::fprintf(stderr, "actbench-hash: --kernels needs comma-separated globs\n");
        return Usage(stderr);
      }
      pattern = *v;
    } else if (auto v = actbench::cli::Value(argc, argv, &i, "--bits")) {
      whole(*v, &bits);
    } else if (a == "--nan-as-one") {
      nan_as_one = true;
    } else if (auto v = actbench::cli::Value(argc, argv, &i, "--threads")) {
      whole(*v, &threads);
    } else {
      std::fprintf(stderr, "actbench-hash: unknown argument '%s'\n", a.c_str());
      return Usage(stderr);
    }
  }
  if (bits < 16 || bits > 32 || threads < 1) {
    std::fprintf(stderr, "actbench-hash: --bits must be 16..32 and --threads at least 1\n");
    return Usage(stderr);
  }
  const auto kernels = actbench::MatchKernelsOrExplain(pattern, "actbench-hash");
  if (kernels.empty()) return 2;
  std::printf("id,forward,backward_x,backward_y\n");
  for (const Kernel* k : kernels) {
    std::printf("%.*s,", static_cast<int>(k->id.size()), k->id.data());
    if (!actbench::CpuSupports(*k)) {
      std::printf("skipped,skipped,skipped\n");
      continue;
    }
    const Digest d = actbench::VisitDType(k->dtype, [&](auto zero) {
      return HashKernel<decltype(zero)>(*k, bits, threads, nan_as_one);
    });
    if (k->has_backward_y())
      std::printf("%016llx,%016llx,%016llx\n", static_cast<unsigned long long>(d.fwd),
                  static_cast<unsigned long long>(d.bx), static_cast<unsigned long long>(d.by));
    else
      std::printf("%016llx,%016llx,-\n", static_cast<unsigned long long>(d.fwd),
                  static_cast<unsigned long long>(d.bx));
    std::fflush(stdout);
  }
  return 0;
}
