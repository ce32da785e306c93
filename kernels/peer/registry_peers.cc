// The peer-library kernels of the kernel lists (kernels/kernels.inc: the ACTBENCH_PEER_VEC and
// ACTBENCH_PEER_RT entries), for the registry of actbench::kernels, which merges them in at
// their places when a program links actbench::peers (kernels/registry_peers.h). Each kernel's
// place is the number of actbench's own variants listed before it, so the merged registry is
// in list order, exactly as if one file had registered everything.
#include <deque>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "actbench/registry.h"
#include "common/kernel_list.h"
#include "peer/peer.h"
#include "registry_peers.h"

namespace actbench {
namespace {

constexpr std::string_view DescriptionOf(std::string_view entry, std::string_view variant = {}) {
  return variant.empty() ? entry : variant;
}

// A peer kernel's entry points; the variant states the ISA and type the kernel runs.
// backward_y only for an activation whose derivative can be written through y.
template <class K, Isa kIsa, class T, Activation kAct>
Ops<T> PeerOps() {
  static_assert(K::kIsa == kIsa && std::is_same_v<typename K::Type, T>,
                "the variant states the ISA and type the library runs");
  Ops<T> ops;
  ops.forward = &K::Forward;
  ops.backward_x = &K::BackwardX;
  if constexpr (DescriptorOf<kAct>::kHasGradFromY) ops.backward_y = &K::BackwardY;
  return ops;
}

class Builder {
 public:
  explicit Builder(std::deque<std::string>& ids) : ids_(ids) {}
  template <class T>
  void Add(Activation act, std::string_view tokens, Isa isa, const Ops<T>& ops, Claim claim,
           std::uint32_t quirks, std::string_view description) {
    std::string id(Name(act));
    id += '/';
    id += tokens;
    id += '/';
    id += Name(isa);
    id += '/';
    id += DTypeTraits<T>::kName;
    ids_.push_back(std::move(id));
    kernels_.push_back({own_, MakeKernel(ids_.back(), act, "peer", isa, ops, claim, quirks,
                                         description)});
  }
  void SkipOwn() { ++own_; }  // one of actbench's own variants, registered by actbench::kernels
  std::vector<detail::PositionedKernel> kernels_;

 private:
  std::deque<std::string>& ids_;  // the ids kernels_ point into (a deque never moves them)
  std::size_t own_ = 0;
};

#define ACTBENCH_VARIANT(add, fixed, variant) \
  ACTBENCH_CALL(add, ACTBENCH_UNPAREN fixed, ACTBENCH_UNPAREN variant)

// actbench's own entries: counted, one per variant, to place the peers among them.
#define ACTBENCH_SCALAR(impl, tokens, family, desc, ...) \
  ACTBENCH_FOR_EACH(ACTBENCH_OWN_VARIANT, (), __VA_ARGS__)
#define ACTBENCH_SIMD(algo, tokens, family, desc, ...) \
  ACTBENCH_FOR_EACH(ACTBENCH_OWN_VARIANT, (), __VA_ARGS__)
#define ACTBENCH_OWN_VARIANT(fixed, variant) b.SkipOwn();

// Peer entries differ only in how they name the kernel type: a library's vector function at
// the variant's ISA and type (VEC), or a library that dispatches at run time (RT).
#define ACTBENCH_PEER_VEC(kernel, tokens, recipe, desc, ...) \
  ACTBENCH_FOR_EACH(ACTBENCH_PEER_VARIANT, (VEC, kernel, tokens, desc), __VA_ARGS__)
#define ACTBENCH_PEER_RT(kernel, tokens, recipe, desc, ...) \
  ACTBENCH_FOR_EACH(ACTBENCH_PEER_VARIANT, (RT, kernel, tokens, desc), __VA_ARGS__)
#define ACTBENCH_PEER_VARIANT(fixed, variant) ACTBENCH_VARIANT(ACTBENCH_PEER_ADD, fixed, variant)
#define ACTBENCH_PEER_TYPE_VEC(kernel, isa, T) peer::VecKernel<peer::kernel, Isa::isa, T>
#define ACTBENCH_PEER_TYPE_RT(kernel, isa, T) peer::kernel<Activation::ACTBENCH_ACT, T>
#define ACTBENCH_PEER_ADD(how, kernel, tokens, desc, isa, T, cv, cgx, cgy, quirks, ...)           \
  b.Add(                                                                                          \
      Activation::ACTBENCH_ACT, tokens, Isa::isa,                                                 \
      PeerOps<ACTBENCH_PEER_TYPE_##how(kernel, isa, T), Isa::isa, T, Activation::ACTBENCH_ACT>(), \
      Claim{cv, cgx, cgy}, quirks, DescriptionOf(desc __VA_OPT__(, __VA_ARGS__)));

std::vector<detail::PositionedKernel> Build(std::deque<std::string>& ids) {
  Builder b(ids);
#include "kernels.inc"
  return std::move(b.kernels_);
}

}  // namespace
}  // namespace actbench

extern "C" const actbench::detail::PeerTable* actbench_peer_table() {
  static std::deque<std::string> ids;
  static const std::vector<actbench::detail::PositionedKernel> kernels = actbench::Build(ids);
  static const actbench::detail::PeerTable table{kernels.data(), kernels.size(),
                                                 &actbench::peer::LibraryVersions};
  return &table;
}
