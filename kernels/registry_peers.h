// How the peer-library kernels (actbench::peers, kernels/peer) join the registry of
// actbench::kernels without the kernel library depending on them. The peer library defines
// actbench_peer_table(); the kernel library declares it weak, so a program that links only
// actbench::kernels has a registry of actbench's own kernels, and one that also links
// actbench::peers (whose link options keep the definition, -Wl,--undefined) has every kernel of
// the kernel lists, in list order. Not installed: an implementation detail of the two libraries.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "actbench/kernel.h"

namespace actbench::detail {

// A peer kernel and where it goes in the registry: before the `before`-th kernel of
// actbench::kernels' own table (its size: at the end).
struct PositionedKernel {
  std::size_t before;
  Kernel kernel;
};

struct PeerTable {
  const PositionedKernel* kernels;
  std::size_t count;
  std::vector<std::pair<std::string, std::string>> (*versions)();
};

}  // namespace actbench::detail

extern "C" const actbench::detail::PeerTable* actbench_peer_table() __attribute__((weak));
