// Copy baselines: pseudo-kernels that move the same bytes as a forward pass and compute
// nothing, so every size has a memory roofline to compare kernels against.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace actbench::bench {

struct Baseline {
  std::string_view id;  // baseline/<name>; matched by --kernels like a kernel id
  void (*copy)(const float* in, float* out, std::size_t n);
  std::string_view description;
  // The instruction set the copy used on this CPU (for copy-nt: the widest streaming store).
  std::string_view (*isa)();
};

std::span<const Baseline> AllBaselines();

}  // namespace actbench::bench
