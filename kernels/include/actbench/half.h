// The 16-bit storage types: bfloat16 (bf16: 1 sign, 8 exponent, 7 fraction bits; float32's
// range at 8 bits of precision) and IEEE binary16 (f16: 5 exponent, 10 fraction bits). Kernels
// store x, y, dy and dx in them and compute in float, as frameworks do; neither type has
// arithmetic of its own. Reading one as float is exact and implicit; making one from a float or
// a double rounds to nearest, ties to even, and must be asked for (bf16(x), f16(x)), so that no
// rounding happens unseen. NaNs stay NaN (made quiet, sign and leading payload kept).
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace actbench {

namespace half_detail {

// float bits -> bf16 bits, round to nearest even (the 16 low bits are dropped).
constexpr std::uint16_t Bf16FromFloatBits(std::uint32_t u) {
  if ((u & 0x7fffffffu) > 0x7f800000u) return static_cast<std::uint16_t>((u >> 16) | 0x0040u);
  return static_cast<std::uint16_t>((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}

// float bits -> binary16 bits, round to nearest even; overflow gives inf, underflow the
// nearest subnormal or zero.
constexpr std::uint16_t F16FromFloatBits(std::uint32_t u) {
  const std::uint32_t sign = (u >> 16) & 0x8000u;
  const std::uint32_t a = u & 0x7fffffffu;
  if (a > 0x7f800000u) return static_cast<std::uint16_t>(sign | 0x7e00u | ((a >> 13) & 0x3ffu));
  if (a >= 0x477ff000u) return static_cast<std::uint16_t>(sign | 0x7c00u);  // >= 65520: inf
  if (a >= 0x38800000u) {                                                   // >= 2^-14: normal
    std::uint32_t m = a - (112u << 23);  // rebias the exponent from 127 to 15
    m += 0xfffu + ((m >> 13) & 1u);
    return static_cast<std::uint16_t>(sign | (m >> 13));
  }
  if (a <= 0x33000000u) return static_cast<std::uint16_t>(sign);  // <= 2^-25: ties to 0
  // Subnormal result: the value in units of 2^-24, rounded to nearest even.
  const std::uint32_t e = a >> 23;  // 102 ... 112
  const std::uint32_t mant = (a & 0x7fffffu) | 0x800000u;
  const std::uint32_t shift = 126u - e;  // 14 ... 24
  std::uint32_t q = mant >> shift;
  const std::uint32_t rem = mant & ((1u << shift) - 1u), half = 1u << (shift - 1u);
  if (rem > half || (rem == half && (q & 1u))) ++q;  // may carry into the smallest normal
  return static_cast<std::uint16_t>(sign | q);
}

constexpr float F16ToFloat(std::uint16_t h) {
  const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
  const std::uint32_t e = (h >> 10) & 0x1fu, m = h & 0x3ffu;
  if (e == 0x1f) return std::bit_cast<float>(sign | 0x7f800000u | (m << 13));
  if (e == 0) {
    const float v = static_cast<float>(m) * 0x1p-24f;  // exact
    return sign ? -v : v;
  }
  return std::bit_cast<float>(sign | ((e + 112u) << 23) | (m << 13));
}

// d rounded to float with round-to-odd (truncate, then set the last bit if anything was
// lost): rounding that to 16 bits to nearest gives d correctly rounded to 16 bits, since float
// carries at least two bits more than either 16-bit format at every magnitude they reach.
inline float RoundToOddFloat(double d) {
  float f = static_cast<float>(d);
  if (std::isnan(d) || static_cast<double>(f) == d) return f;
  std::uint32_t b = std::bit_cast<std::uint32_t>(f);
  if (std::fabs(static_cast<double>(f)) > std::fabs(d)) --b;  // toward zero (inf -> max)
  return std::bit_cast<float>(b | 1u);
}

// Any arithmetic value as the float whose rounding to 16 bits is the value's own: floats and
// integers as they are (integers: exact where it matters, small constants), anything wider
// through round-to-odd.
template <class A>
float NarrowToFloat(A a) {
  if constexpr (std::is_same_v<A, float> || std::is_integral_v<A>)
    return static_cast<float>(a);
  else
    return RoundToOddFloat(static_cast<double>(a));
}

}  // namespace half_detail

// Common shape of the two types: the bits, exact widening, explicit rounding constructors.
template <class Derived>
struct Half16 {
  std::uint16_t bits;

  static constexpr Derived FromBits(std::uint16_t b) {
    Derived d{};
    d.bits = b;
    return d;
  }
  constexpr Derived operator-() const { return FromBits(static_cast<std::uint16_t>(bits ^ 0x8000u)); }
};

struct bf16 : Half16<bf16> {
  bf16() = default;
  // From any arithmetic value, rounded to nearest even once (a double goes through
  // round-to-odd, so it is not rounded twice).
  template <class A>
    requires std::is_arithmetic_v<A>
  explicit bf16(A a) {
    bits = half_detail::Bf16FromFloatBits(
        std::bit_cast<std::uint32_t>(half_detail::NarrowToFloat(a)));
  }
  constexpr operator float() const {
    return std::bit_cast<float>(static_cast<std::uint32_t>(bits) << 16);
  }
};

struct f16 : Half16<f16> {
  f16() = default;
  template <class A>
    requires std::is_arithmetic_v<A>
  explicit f16(A a) {
    bits = half_detail::F16FromFloatBits(
        std::bit_cast<std::uint32_t>(half_detail::NarrowToFloat(a)));
  }
  constexpr operator float() const { return half_detail::F16ToFloat(bits); }
};

static_assert(sizeof(bf16) == 2 && sizeof(f16) == 2);
static_assert(std::is_trivially_copyable_v<bf16> && std::is_trivially_copyable_v<f16>);

template <class T>
inline constexpr bool kIsHalf16 = std::is_same_v<T, bf16> || std::is_same_v<T, f16>;

}  // namespace actbench

namespace actbench::half_detail {

// numeric_limits for the two types (specialized below), so that code generic over the element
// type (ULP, probes, sweeps) reads their formats the same way as float's.
template <class H, int kDigits, int kMinExp, int kMaxExp, std::uint16_t kMin, std::uint16_t kMax,
          std::uint16_t kEps, std::uint16_t kHalf, std::uint16_t kInf, std::uint16_t kQNaN,
          std::uint16_t kSNaN>
struct Limits {
  static constexpr bool is_specialized = true, is_signed = true, is_integer = false,
                        is_exact = false, has_infinity = true, has_quiet_NaN = true,
                        has_signaling_NaN = true, is_iec559 = false, is_bounded = true,
                        is_modulo = false, traps = false, tinyness_before = false,
                        has_denorm_loss = false;
  static constexpr std::float_denorm_style has_denorm = std::denorm_present;
  static constexpr std::float_round_style round_style = std::round_to_nearest;
  static constexpr int digits = kDigits, radix = 2, min_exponent = kMinExp,
                       max_exponent = kMaxExp, min_exponent10 = 0, max_exponent10 = 0,
                       digits10 = 0, max_digits10 = 0;
  static constexpr H min() noexcept { return H::FromBits(kMin); }
  static constexpr H max() noexcept { return H::FromBits(kMax); }
  static constexpr H lowest() noexcept { return H::FromBits(kMax | 0x8000u); }
  static constexpr H epsilon() noexcept { return H::FromBits(kEps); }
  static constexpr H round_error() noexcept { return H::FromBits(kHalf); }
  static constexpr H infinity() noexcept { return H::FromBits(kInf); }
  static constexpr H quiet_NaN() noexcept { return H::FromBits(kQNaN); }
  static constexpr H signaling_NaN() noexcept { return H::FromBits(kSNaN); }
  static constexpr H denorm_min() noexcept { return H::FromBits(1); }
};

}  // namespace actbench::half_detail

namespace std {

// bf16: float's exponent range, 8 significant bits; f16: 2^-14 .. 65504, 11 bits.
template <>
struct numeric_limits<actbench::bf16>
    : actbench::half_detail::Limits<actbench::bf16, 8, -125, 128, 0x0080, 0x7f7f, 0x3c00, 0x3f00,
                                    0x7f80, 0x7fc0, 0x7fa0> {};
template <>
struct numeric_limits<actbench::f16>
    : actbench::half_detail::Limits<actbench::f16, 11, -13, 16, 0x0400, 0x7bff, 0x1400, 0x3800,
                                    0x7c00, 0x7e00, 0x7d00> {};

}  // namespace std
