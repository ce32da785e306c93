// The kernel declaration: what every implementation of an activation exposes, and how the
// benchmark, the accuracy sweep, the tests and the reports see it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace actbench {

enum class Activation : std::uint8_t { kRelu, kSigmoid, kTanh };
enum class Isa : std::uint8_t { kScalar, kSse42, kAvx2, kAvx512 };
enum class DType : std::uint8_t { kF32, kF64 };

std::string_view Name(Activation a);
std::string_view Name(Isa isa);
std::string_view Name(DType t);

// The three entry points of a kernel, for one element type. Pointers need only element
// alignment; out may equal in (and dx may equal dy or v). n may be 0.
template <class T>
struct Ops {
  // y[i] = f(x[i])
  using Forward = void (*)(const T* x, T* y, std::size_t n);
  // backward_x: dx[i] = dy[i] * f'(x[i]);  backward_y: dx[i] = dy[i] * g(y[i]), y = f(x)
  using Backward = void (*)(const T* v, const T* dy, T* dx, std::size_t n);

  Forward forward = nullptr;
  Backward backward_x = nullptr;
  Backward backward_y = nullptr;  // null when the kernel has no backward-from-output
};

// What a kernel promises about its error, in ULP (DESIGN.md's definition), as the max over
// every finite input whose exact result is a normal number. The figures are measured by the
// accuracy sweep and carry a small margin; kNoClaim means the kernel promises nothing.
// grad_y is measured end to end: x -> this kernel's forward -> its backward from y vs f'(x).
inline constexpr double kNoClaim = std::numeric_limits<double>::infinity();
struct Claim {
  double value = kNoClaim;
  double grad_x = kNoClaim;
  double grad_y = kNoClaim;
};

// Documented departures from the ideal behaviour on special inputs (NaN, +-inf, +-0,
// subnormals, huge magnitudes). The special-value test checks that a kernel shows exactly the
// quirks it declares: an undeclared one fails, and so does a declared one that never shows.
enum Quirk : std::uint32_t {
  kNoQuirks = 0,
  kNanDropped = 1u << 0,       // a NaN input gives a non-NaN value or gradient
  kNanFromFinite = 1u << 1,    // some finite input gives NaN
  kInfWrong = 1u << 2,         // a +-inf input does not give the limit value or gradient
  kSignedZeroLost = 1u << 3,   // an odd function returns +0 for -0
  kSubnormalFlushed = 1u << 4, // an input whose exact value or gradient is a large subnormal gives 0
};
std::string QuirkNames(std::uint32_t quirks);

struct Kernel {
  std::string_view id;  // activation/algorithm-tokens/isa/dtype; the join key of every report
  Activation activation;
  std::string_view family;  // naive, libm, stable, branchless, simd, approx-exp, ...
  Isa isa;
  DType dtype;
  Ops<float> f32;   // set when dtype == kF32
  Ops<double> f64;  // set when dtype == kF64
  Claim claim;
  std::uint32_t quirks = kNoQuirks;
  std::string_view description;  // one line: the algorithm and what it gets wrong

  template <class T>
  const Ops<T>& ops() const {
    if constexpr (sizeof(T) == sizeof(float)) return f32;
    else return f64;
  }
  bool has_backward_y() const {
    return dtype == DType::kF32 ? f32.backward_y != nullptr : f64.backward_y != nullptr;
  }
};

}  // namespace actbench
