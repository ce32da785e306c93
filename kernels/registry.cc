// The registry: every kernel of every activation's kernel list (kernels/kernels.inc), in list
// order, each variant under the id ACTIVATION/TOKENS/ISA/DTYPE derived from its entry. The
// benchmark, the accuracy sweep, the tests and the reports enumerate it. Adding a kernel =
// writing its code and adding its entry to its activation's kernels.inc. This file registers
// actbench's own kernels (scalar families and explicit SIMD); the peer-library entries are
// registered by actbench::peers (kernels/peer/registry_peers.cc) and merged in at their place
// in the lists when a program links it (registry_peers.h).
#include "actbench/registry.h"

#include <deque>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/kernel_list.h"
#include "common/loops.h"
#include "registry_peers.h"
#include "simd/kernels.h"

// The headers the entries name: every activation's scalar families and SIMD algorithm names.
#define ACTBENCH_KERNEL_HEADERS
#include "kernels.inc"
#undef ACTBENCH_KERNEL_HEADERS

namespace actbench {
namespace {

using namespace simd;  // the algorithm names of ACTBENCH_SIMD entries

// The entry's description, or the variant's own where it gives one.
constexpr std::string_view DescriptionOf(std::string_view entry, std::string_view variant = {}) {
  return variant.empty() ? entry : variant;
}

class Builder {
 public:
  explicit Builder(std::deque<std::string>& ids) : ids_(ids) {}
  template <class T>
  void Add(Activation act, std::string_view tokens, std::string_view family, Isa isa,
           const Ops<T>& ops, Claim claim, std::uint32_t quirks, std::string_view description) {
    ids_.push_back(std::string(Name(act)) + "/" + std::string(tokens) + "/" +
                   std::string(Name(isa)) + "/" + std::string(DTypeTraits<T>::kName));
    kernels_.push_back(MakeKernel(ids_.back(), act, family, isa, ops, claim, quirks, description));
  }
  std::vector<Kernel> kernels_;

 private:
  std::deque<std::string>& ids_;  // the ids kernels_ point into (a deque never moves them)
};

// backward_y only for an activation whose derivative can be written through y.
template <class Algo, Isa kIsa, class T, Activation kAct>
Ops<T> SimdOps() {
  Ops<T> ops;
  ops.forward = &Forward<Algo, kIsa, T>;
  ops.backward_x = &BackwardX<Algo, kIsa, T>;
  if constexpr (DescriptorOf<kAct>::kHasGradFromY) ops.backward_y = &BackwardY<Algo, kIsa, T>;
  return ops;
}

// Each entry macro hands its fixed part and one variant at a time to a *_VARIANT macro, which
// unwraps both into the *_ADD macro's arguments.
#define ACTBENCH_VARIANT(add, fixed, variant) \
  ACTBENCH_CALL(add, ACTBENCH_UNPAREN fixed, ACTBENCH_UNPAREN variant)

#define ACTBENCH_SCALAR(impl, tokens, family, desc, ...) \
  ACTBENCH_FOR_EACH(ACTBENCH_SCALAR_VARIANT, (impl, tokens, family, desc), __VA_ARGS__)
#define ACTBENCH_SCALAR_VARIANT(fixed, variant) \
  ACTBENCH_VARIANT(ACTBENCH_SCALAR_ADD, fixed, variant)
#define ACTBENCH_SCALAR_ADD(impl, tokens, family, desc, isa, T, cv, cgx, cgy, quirks, ...)        \
  static_assert(Isa::isa == Isa::kScalar, "a scalar family runs on the scalar ISA");              \
  b.Add(Activation::ACTBENCH_ACT, tokens, family, Isa::isa,                                      \
        detail::ElementwiseOps<impl<typename DTypeTraits<T>::Compute>, T>(),                      \
        Claim{cv, cgx, cgy}, quirks, DescriptionOf(desc __VA_OPT__(, __VA_ARGS__)));

#define ACTBENCH_SIMD(algo, tokens, family, desc, ...) \
  ACTBENCH_FOR_EACH(ACTBENCH_SIMD_VARIANT, (algo, tokens, family, desc), __VA_ARGS__)
#define ACTBENCH_SIMD_VARIANT(fixed, variant) ACTBENCH_VARIANT(ACTBENCH_SIMD_ADD, fixed, variant)
#define ACTBENCH_SIMD_ADD(algo, tokens, family, desc, isa, T, cv, cgx, cgy, quirks, ...) \
  b.Add(Activation::ACTBENCH_ACT, tokens, family, Isa::isa,                              \
        SimdOps<ACTBENCH_UNPAREN algo, Isa::isa, T, Activation::ACTBENCH_ACT>(),         \
        Claim{cv, cgx, cgy}, quirks, DescriptionOf(desc __VA_OPT__(, __VA_ARGS__)));

// Peer entries are actbench::peers' (kernels/peer/registry_peers.cc).
#define ACTBENCH_PEER_VEC(...)
#define ACTBENCH_PEER_RT(...)

std::vector<Kernel> Build(std::deque<std::string>& ids) {
  Builder b(ids);
#include "kernels.inc"
  if (actbench_peer_table == nullptr) return std::move(b.kernels_);
  // The peer kernels at their places in the lists.
  const detail::PeerTable& peers = *actbench_peer_table();
  std::vector<Kernel> all;
  all.reserve(b.kernels_.size() + peers.count);
  std::size_t p = 0;
  for (std::size_t i = 0; i <= b.kernels_.size(); ++i) {
    for (; p < peers.count && peers.kernels[p].before == i; ++p)
      all.push_back(peers.kernels[p].kernel);
    if (i < b.kernels_.size()) all.push_back(b.kernels_[i]);
  }
  return all;
}

// Built on first use (function-local statics), so code that runs before main() may list
// kernels; the ids live as long as the program.
const std::vector<Kernel>& Table() {
  static std::deque<std::string> ids;
  static const std::vector<Kernel> kernels = Build(ids);
  return kernels;
}

}  // namespace

std::span<const Kernel> AllKernels() { return Table(); }

std::vector<std::pair<std::string, std::string>> PeerVersions() {
  if (actbench_peer_table == nullptr) return {};
  return actbench_peer_table()->versions();
}

}  // namespace actbench
