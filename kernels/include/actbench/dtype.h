// The element types kernels run on, as data: the one list of dtypes and their traits (storage
// type, compute type, precision p and minimum exponent emin of the output's ULP, name). Code
// that depends on the element type asks DTypeTraits<T> or DTypeInfo; nothing else looks at
// sizeof. A dtype that is not in the list has no traits, so code instantiated for it fails to
// compile instead of taking another dtype's branch.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

#include "actbench/half.h"

namespace actbench {

// X(enumerator, storage type): every dtype, in report order.
#define ACTBENCH_DTYPES(X) \
  X(kF32, float)           \
  X(kF64, double)          \
  X(kBf16, bf16)           \
  X(kF16, f16)

enum class DType : std::uint8_t {
#define ACTBENCH_DTYPE_ENUM(tag, type) tag,
  ACTBENCH_DTYPES(ACTBENCH_DTYPE_ENUM)
#undef ACTBENCH_DTYPE_ENUM
};

// What a dtype is. Storage: the type of x, y, dy and dx in memory; Compute: the type the
// arithmetic runs in; Bits: the unsigned integer of the storage width; Reference: the fast
// reference tier's real type (accuracy/), wider than Compute; p and emin: DESIGN.md's ULP of
// the output format; exhaustive: whether a sweep can run every input bit pattern.
template <class T>
struct DTypeTraits;  // defined only for the storage types of ACTBENCH_DTYPES

namespace detail {
template <class T, class B, class Ref, DType kT, std::uint8_t kBitsN, bool kExh>
struct IeeeDType {
  using Storage = T;
  using Compute = T;
  using Bits = B;
  using Reference = Ref;
  static constexpr DType kTag = kT;
  static constexpr int kBits = kBitsN;
  static constexpr int kP = std::numeric_limits<T>::digits;
  static constexpr int kEmin = std::numeric_limits<T>::min_exponent - 1;
  static constexpr bool kExhaustive = kExh;
  static_assert(sizeof(T) * 8 == kBitsN && sizeof(B) == sizeof(T));
};
}  // namespace detail

template <>
struct DTypeTraits<float> : detail::IeeeDType<float, std::uint32_t, double, DType::kF32, 32, true> {
  static constexpr std::string_view kName = "f32";
  static constexpr int kPrintDigits = 9;  // %.9g round-trips
};
template <>
struct DTypeTraits<double>
    : detail::IeeeDType<double, std::uint64_t, long double, DType::kF64, 64, false> {
  static constexpr std::string_view kName = "f64";
  static constexpr int kPrintDigits = 17;
};

// The 16-bit dtypes: stored in 16 bits, computed in float (half.h), swept exhaustively against
// the gold reference (65,536 inputs).
namespace detail {
template <class H, DType kT>
struct Half16DType {
  using Storage = H;
  using Compute = float;
  using Bits = std::uint16_t;
  using Reference = double;
  static constexpr DType kTag = kT;
  static constexpr int kBits = 16;
  static constexpr int kP = std::numeric_limits<H>::digits;
  static constexpr int kEmin = std::numeric_limits<H>::min_exponent - 1;
  static constexpr bool kExhaustive = true;
};
}  // namespace detail
template <>
struct DTypeTraits<bf16> : detail::Half16DType<bf16, DType::kBf16> {
  static constexpr std::string_view kName = "bf16";
  static constexpr int kPrintDigits = 4;
};
template <>
struct DTypeTraits<f16> : detail::Half16DType<f16, DType::kF16> {
  static constexpr std::string_view kName = "f16";
  static constexpr int kPrintDigits = 5;
};

// The traits of a dtype known only at run time.
struct DTypeInfo {
  DType tag;
  std::string_view name;
  int bits;          // storage width
  int p, emin;       // the output's ULP (DESIGN.md)
  bool exhaustive;   // every input bit pattern can be swept
  int print_digits;  // significant digits that round-trip (%.Ng)
};

template <class T>
constexpr DTypeInfo InfoOf() {
  using D = DTypeTraits<T>;
  return {D::kTag, D::kName, D::kBits, D::kP, D::kEmin, D::kExhaustive, D::kPrintDigits};
}

inline constexpr std::array kAllDTypes = {
#define ACTBENCH_DTYPE_INFO(tag, type) InfoOf<type>(),
    ACTBENCH_DTYPES(ACTBENCH_DTYPE_INFO)
#undef ACTBENCH_DTYPE_INFO
};

static_assert([] {
  for (std::size_t i = 0; i < kAllDTypes.size(); ++i)
    if (static_cast<std::size_t>(kAllDTypes[i].tag) != i) return false;
  return true;
}());

constexpr const DTypeInfo& Info(DType t) { return kAllDTypes[static_cast<std::size_t>(t)]; }
constexpr std::string_view Name(DType t) { return Info(t).name; }

inline std::optional<DType> ParseDType(std::string_view name) {
  for (const DTypeInfo& d : kAllDTypes)
    if (d.name == name) return d.tag;
  return std::nullopt;
}

// Calls f(T{}) with T the storage type of dtype t.
template <class F>
decltype(auto) VisitDType(DType t, F&& f) {
  switch (t) {
#define ACTBENCH_DTYPE_VISIT(tag, type) \
  case DType::tag: return f(type{});
    ACTBENCH_DTYPES(ACTBENCH_DTYPE_VISIT)
#undef ACTBENCH_DTYPE_VISIT
  }
  __builtin_unreachable();
}

}  // namespace actbench
