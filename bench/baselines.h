// Copy baselines: pseudo-kernels that move the same bytes as a forward pass and compute
// nothing, so every size has a memory roofline to compare kernels against: of 4-byte elements
// (baseline/NAME, the float32 roofline) and of 2-byte elements (baseline/NAME-16, for bf16 and
// f16 kernels).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace actbench::bench {

struct Baseline {
  std::string_view id;  // baseline/<name>; matched by --kernels like a kernel id
  void (*copy)(const void* in, void* out, std::size_t n);  // n elements of elem_bytes
  std::size_t elem_bytes;                                   // 4 or 2
  std::string_view dtype;  // the dtype whose pools and report rows it shares (f32, bf16)
  std::string_view description;
  // The instruction set the copy used on this CPU (for copy-nt: the widest streaming store).
  std::string_view (*isa)();
};

std::span<const Baseline> AllBaselines();

}  // namespace actbench::bench
