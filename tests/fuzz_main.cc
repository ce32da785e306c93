// actbench-fuzz: libFuzzer entry over every kernel this CPU runs, with the checks of the
// GoogleTest fuzzer (fuzz_check.h). The fuzzer's byte string chooses everything:
//   bytes 0-1  kernel (index into the supported kernels, modulo their count)
//   byte  2    entry point (modulo the kernel's: forward, backward_x, backward_y)
//   byte  3    placement (out of place, over v, over dy) and, for backward_y, whether v is
//              the kernel's own forward of the x that follows (bit 7)
//   bytes 4-6  offsets of v, dy and the output (modulo the elements per 64 bytes)
//   bytes 7-14 seed of the second slicing and of the property sample
//   then       the elements, little-endian, each as wide as the kernel's dtype: n of v (or x),
//              then n of dy for the backward entry points; n is what the rest of the bytes
//              hold, capped at 4096
// A failed check prints its messages and aborts, so libFuzzer keeps the input as a crash.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "fuzz_check.h"

namespace {

using namespace actbench;

const std::vector<const Kernel*>& Supported() {
  static const std::vector<const Kernel*> list = [] {
    std::vector<const Kernel*> l;
    for (const Kernel& k : AllKernels())
      if (CpuSupports(k)) l.push_back(&k);
    return l;
  }();
  return list;
}

struct Reader {
  const std::uint8_t* data;
  std::size_t size;
  std::uint64_t Take(std::size_t bytes) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < bytes && size > 0; ++i, ++data, --size)
      v |= std::uint64_t{*data} << (8 * i);
    return v;
  }
};

template <class T>
T TakeElement(Reader& r) {
  return std::bit_cast<T>(static_cast<tests::BitsOf<T>>(r.Take(sizeof(T))));
}

template <class T>
void Run(const Kernel& k, Reader& r) {
  using fuzz::Direction;
  const std::vector<Direction> dirs = fuzz::DirectionsOf(k);
  fuzz::Layout c;
  c.dir = dirs[r.Take(1) % dirs.size()];
  const std::uint64_t flags = r.Take(1);
  c.placement = static_cast<fuzz::Placement>((flags & 0x7f) % 3);
  if (c.dir == Direction::kForward && c.placement == fuzz::Placement::kOverDy)
    c.placement = fuzz::Placement::kOverV;
  c.off_v = r.Take(1) % fuzz::kLanes<T>;
  c.off_dy = r.Take(1) % fuzz::kLanes<T>;
  c.off_out = r.Take(1) % fuzz::kLanes<T>;
  c.slicing = r.Take(8);
  const bool binary = c.dir != Direction::kForward;
  c.n = std::min<std::size_t>(r.size / (sizeof(T) * (binary ? 2 : 1)), 4096);
  fuzz::Inputs<T> in;
  in.v.resize(c.n);
  for (T& v : in.v) v = TakeElement<T>(r);
  if (binary) {
    in.dy.resize(c.n);
    for (T& d : in.dy) d = TakeElement<T>(r);
  }
  if (c.dir == Direction::kBackwardY && (flags & 0x80) && c.n) {
    in.x = in.v;
    k.ops<T>().forward(in.x.data(), in.v.data(), c.n);
  }
  std::vector<std::string> failures;
  fuzz::CheckCase<T>(k, c, in, failures);
  if (failures.empty()) return;
  for (const std::string& f : failures) std::fprintf(stderr, "%s\n", f.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& kernels = Supported();
  if (kernels.empty()) return 0;
  Reader r{data, size};
  const Kernel& k = *kernels[r.Take(2) % kernels.size()];
  VisitDType(k.dtype, [&](auto zero) { Run<decltype(zero)>(k, r); });
  return 0;
}
