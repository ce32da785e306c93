// The kernel declaration: what every implementation of an activation exposes, and how the
// benchmark, the accuracy sweep, the tests and the reports see it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "actbench/activation.h"
#include "actbench/dtype.h"

namespace actbench {

// Instruction sets, from least to most capable (a CPU that runs one runs those before it).
// kAvx512Bf16: AVX-512 with the BF16 extension (vcvtne2ps2bf16: two float vectors rounded to
// bf16 in one instruction), for bf16 kernels only.
enum class Isa : std::uint8_t { kScalar, kSse42, kAvx2, kAvx512, kAvx512Bf16 };
inline constexpr Isa kAllIsas[] = {Isa::kScalar, Isa::kSse42, Isa::kAvx2, Isa::kAvx512,
                                   Isa::kAvx512Bf16};

// Kernel families (kernels/README.md explains each); every kernel belongs to one.
inline constexpr std::string_view kFamilies[] = {
    "naive", "libm", "stable", "branchless", "simd", "approx-exp", "rational", "lut", "peer"};

std::string_view Name(Isa isa);

// The three entry points of a kernel, for one element type T (a dtype's storage type). Pointers
// need only element alignment; out may equal in (and dx may equal dy or v). n may be 0.
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
  kNanDropped = 1u << 0,      // a NaN input gives a non-NaN value or gradient
  kNanFromFinite = 1u << 1,   // some finite input gives NaN
  kInfWrong = 1u << 2,        // a +-inf input does not give the limit value or gradient
  kSignedZeroLost = 1u << 3,  // an odd function returns +0 for -0
  kSubnormalFlushed =
      1u << 4,               // an input whose exact value or gradient is a large subnormal gives 0
  kInfFromFinite = 1u << 5,  // a finite input gives +-inf where the exact result is finite
  kSubnormalWrongSign =
      1u << 6,  // an input whose exact value or gradient is a large subnormal gives the wrong sign
  kOutOfRange = 1u << 7,   // a finite input gives a value outside the activation's range
  kZeroInexact = 1u << 8,  // +-0 does not give f(0) or f'(0) (nor a neighbour, if not exact)
  kDyNanDropped = 1u << 9,  // a NaN dy gives a non-NaN gradient (selected, not multiplied)
  kDyInfWrong = 1u << 10,   // an infinite dy does not give dy * f'(x) (NaN where f'(x) = 0)
  // An element's result depends on where it sits in the array, not only on its input: the
  // library computes the vector body and the scalar tail with different code (ATen). Every
  // other kernel gives each element the bits it gives it alone.
  kPositionDependent = 1u << 11,
};
std::string QuirkNames(std::uint32_t quirks);

// The entry points with their element type erased: Ops<T> of the kernel's dtype, stored as
// untyped function pointers (converting a function pointer to another function pointer type
// and back is exact), so that one Kernel type holds any dtype.
struct ErasedOps {
  using Fn = void (*)();
  Fn forward = nullptr, backward_x = nullptr, backward_y = nullptr;

  template <class T>
  static ErasedOps Of(const Ops<T>& ops) {
    return {reinterpret_cast<Fn>(ops.forward), reinterpret_cast<Fn>(ops.backward_x),
            reinterpret_cast<Fn>(ops.backward_y)};
  }
};

// Called when code asks a kernel for the entry points of a dtype it does not have: a
// programming error, reported with the kernel id before aborting.
[[noreturn]] void DTypeMismatch(std::string_view id, DType have, DType asked);

struct Kernel {
  std::string_view id;  // activation/algorithm-tokens/isa/dtype; the join key of every report
  Activation activation;
  std::string_view family;  // naive, libm, stable, branchless, simd, approx-exp, ...
  Isa isa;
  DType dtype;
  ErasedOps erased;  // Ops<T> of dtype's storage type T
  Claim claim;
  std::uint32_t quirks = kNoQuirks;
  std::string_view description;  // one line: the algorithm and what it gets wrong

  // The entry points, typed; T must be the storage type of the kernel's dtype.
  template <class T>
  Ops<T> ops() const {
    if (DTypeTraits<T>::kTag != dtype) DTypeMismatch(id, dtype, DTypeTraits<T>::kTag);
    Ops<T> o;
    o.forward = reinterpret_cast<typename Ops<T>::Forward>(erased.forward);
    o.backward_x = reinterpret_cast<typename Ops<T>::Backward>(erased.backward_x);
    o.backward_y = reinterpret_cast<typename Ops<T>::Backward>(erased.backward_y);
    return o;
  }
  bool has_backward_y() const { return erased.backward_y != nullptr; }
};

// A kernel of element type T from its typed entry points; the dtype follows from T.
template <class T>
Kernel MakeKernel(std::string_view id, Activation activation, std::string_view family, Isa isa,
                  const Ops<T>& ops, Claim claim, std::uint32_t quirks,
                  std::string_view description) {
  return Kernel{.id = id,
                .activation = activation,
                .family = family,
                .isa = isa,
                .dtype = DTypeTraits<T>::kTag,
                .erased = ErasedOps::Of(ops),
                .claim = claim,
                .quirks = quirks,
                .description = description};
}

}  // namespace actbench
