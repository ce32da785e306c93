// The 16-bit dtypes: conversions (kernels/include/actbench/half.h) against an independent
// rounding rule, and the upcast contract of every 16-bit kernel that has a float32 twin (the
// same activation, tokens and ISA in f32; for the avx512bf16 level, the avx512 kernel): each
// output is the twin's float result for the widened inputs, rounded once to nearest even, on
// all 65,536 inputs. At the avx512bf16 level too: the rounding instruction (vcvtne2ps2bf16)
// treats a subnormal float as zero, so the loop must take the integer rounding for those.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "actbench/half.h"
#include "kernel_params.h"

namespace actbench::tests {
namespace {

// The value of every finite 16-bit pattern, from its fields (not through half.h).
double Bf16Value(std::uint16_t b) {
  const int e = (b >> 7) & 0xff, m = b & 0x7f;
  const double mag = e == 0 ? std::ldexp(m, -133) : std::ldexp(128 + m, e - 134);
  return (b & 0x8000) ? -mag : mag;
}
double F16Value(std::uint16_t b) {
  const int e = (b >> 10) & 0x1f, m = b & 0x3ff;
  const double mag = e == 0 ? std::ldexp(m, -24) : std::ldexp(1024 + m, e - 25);
  return (b & 0x8000) ? -mag : mag;
}

// x rounded to nearest even among the finite patterns of a format whose largest finite
// magnitude is max_bits, or to inf beyond max + ulp(max)/2; value(b) gives a pattern's value.
template <class Value>
std::uint16_t NearestEven(double x, std::uint16_t max_bits, std::uint16_t inf_bits, Value value) {
  const std::uint16_t sign = std::signbit(x) ? 0x8000 : 0;
  const double a = std::fabs(x);
  const double max = value(max_bits), ulp_max = max - value(max_bits - 1);
  if (a >= max + ulp_max / 2) return sign | inf_bits;  // the tie at the top goes to inf (even)
  // The largest pattern whose value is <= a (values grow with the bits), by bisection.
  std::uint32_t lo = 0, hi = max_bits;
  while (lo < hi) {
    const std::uint32_t mid = (lo + hi + 1) / 2;
    if (value(static_cast<std::uint16_t>(mid)) <= a)
      lo = mid;
    else
      hi = mid - 1;
  }
  auto b = static_cast<std::uint16_t>(lo);
  if (value(b) != a && b < max_bits) {  // above max (and below the inf threshold): max
    const double dl = a - value(b), dh = value(static_cast<std::uint16_t>(b + 1)) - a;
    if (dh < dl || (dh == dl && (b & 1))) ++b;
  }
  return static_cast<std::uint16_t>(sign | b);
}

TEST(Half, WideningIsExactAndNarrowingRoundTrips) {
  for (std::uint32_t i = 0; i < 0x10000; ++i) {
    const auto b = static_cast<std::uint16_t>(i);
    const bf16 h = bf16::FromBits(b);
    const f16 g = f16::FromBits(b);
    const float hf = h, gf = g;
    if (std::isnan(hf)) {
      EXPECT_TRUE(std::isnan(static_cast<float>(bf16(hf)))) << i;
      EXPECT_EQ(bf16(hf).bits & 0x8040, (b & 0x8000) | 0x0040) << "quiet, sign kept: " << i;
    } else {
      if (((b >> 7) & 0xff) != 0xff) {
        EXPECT_EQ(static_cast<double>(hf), Bf16Value(b)) << i;
      }
      EXPECT_EQ(bf16(hf).bits, b) << i;
    }
    if (std::isnan(gf)) {
      EXPECT_EQ(f16(gf).bits & 0x8200, (b & 0x8000) | 0x0200) << "quiet, sign kept: " << i;
    } else {
      if (((b >> 10) & 0x1f) != 0x1f) {
        EXPECT_EQ(static_cast<double>(gf), F16Value(b)) << i;
      }
      EXPECT_EQ(f16(gf).bits, b) << i;
    }
  }
}

// Floats spread over the whole range (every 4099th pattern, plus each 16-bit format's ties
// and their neighbours) round as the independent rule says.
TEST(Half, FloatRoundsToNearestEven) {
  std::vector<float> xs;
  for (std::uint64_t u = 0; u < (std::uint64_t{1} << 32); u += 4099)
    xs.push_back(std::bit_cast<float>(static_cast<std::uint32_t>(u)));
  for (std::uint32_t i = 0; i < 0x7f80; i += 7) {  // bf16 ties: the midpoint bit alone set
    const std::uint32_t mid = (i << 16) | 0x8000;
    for (std::uint32_t d : {mid - 1, mid, mid + 1}) xs.push_back(std::bit_cast<float>(d));
  }
  for (std::uint32_t i = 0; i < 0x7c00; i += 5) {  // f16 ties, normals and subnormals
    const double lo = F16Value(static_cast<std::uint16_t>(i)),
                 hi = F16Value(static_cast<std::uint16_t>(i + 1));
    const float mid = static_cast<float>((lo + hi) / 2);  // exact: 12 bits
    xs.push_back(mid), xs.push_back(std::nextafter(mid, 0.f)), xs.push_back(std::nextafter(mid, 1.f));
  }
  for (const float x : xs) {
    if (std::isnan(x) || std::isinf(x)) continue;
    const auto bf = NearestEven(x, 0x7f7f, 0x7f80, Bf16Value);
    const auto hf = NearestEven(x, 0x7bff, 0x7c00, F16Value);
    ASSERT_EQ(bf16(x).bits, bf) << std::hexfloat << x;
    ASSERT_EQ(f16(x).bits, hf) << std::hexfloat << x;
  }
}

// A double is rounded once (through round-to-odd), not to float and then again: at a 16-bit
// tie nudged by less than a float ulp, the nudge decides.
TEST(Half, DoubleRoundsOnce) {
  const double tie_bf = 1.0 + 0x1p-8;  // halfway between bf16 1 and 1 + 2^-7
  EXPECT_EQ(bf16(tie_bf).bits, bf16(1.0f).bits);  // tie to even
  EXPECT_EQ(bf16(tie_bf + 0x1p-40).bits, bf16(1.0f + 0x1p-7f).bits);
  EXPECT_EQ(bf16(tie_bf - 0x1p-40).bits, bf16(1.0f).bits);
  const double tie_f16 = 1.0 + 0x1p-11;
  EXPECT_EQ(f16(tie_f16 + 0x1p-40).bits, f16(1.0f + 0x1p-10f).bits);
  EXPECT_EQ(f16(tie_f16 - 0x1p-40).bits, f16(1.0f).bits);
  // Rounded to float first, both nudges would land on the tie and go to even.
  EXPECT_EQ(static_cast<float>(tie_bf + 0x1p-40), static_cast<float>(tie_bf));
  EXPECT_EQ(f16(65520.0 - 0x1p-30).bits, 0x7bff);  // just below the overflow threshold
  EXPECT_EQ(f16(65520.0).bits, 0x7c00);
  EXPECT_EQ(bf16(1e300).bits, 0x7f80);
  EXPECT_EQ(bf16(-1e-300).bits, 0x8000);
}

TEST(Half, Limits) {
  using B = std::numeric_limits<bf16>;
  using F = std::numeric_limits<f16>;
  EXPECT_EQ(static_cast<float>(B::min()), 0x1p-126f);
  EXPECT_EQ(static_cast<float>(B::denorm_min()), 0x1p-133f);
  EXPECT_EQ(static_cast<float>(B::max()), 0x1.fep127f);
  EXPECT_EQ(static_cast<float>(B::epsilon()), 0x1p-7f);
  EXPECT_EQ(static_cast<float>(F::min()), 0x1p-14f);
  EXPECT_EQ(static_cast<float>(F::denorm_min()), 0x1p-24f);
  EXPECT_EQ(static_cast<float>(F::max()), 65504.f);
  EXPECT_EQ(static_cast<float>(F::epsilon()), 0x1p-10f);
  EXPECT_TRUE(std::isinf(static_cast<float>(B::infinity())));
  EXPECT_TRUE(std::isnan(static_cast<float>(F::quiet_NaN())));
  EXPECT_EQ(B::digits, DTypeTraits<bf16>::kP);
  EXPECT_EQ(DTypeTraits<bf16>::kEmin, -126);
  EXPECT_EQ(DTypeTraits<f16>::kP, 11);
  EXPECT_EQ(DTypeTraits<f16>::kEmin, -14);
}

// ---- the upcast contract ----

// The float32 twin of a 16-bit kernel: same activation, tokens and ISA (avx512 for avx512bf16,
// whose float arithmetic it is). A peer has none: its 16-bit kernel runs the library's own
// 16-bit code (ATen's bf16 kernels under the same `torch` token), not its float32 code.
const Kernel* Twin(const Kernel& k) {
  if (k.family == "peer") return nullptr;
  std::string id(k.id);
  id.resize(id.rfind('/'));
  if (k.isa == Isa::kAvx512Bf16) id.replace(id.rfind('/'), std::string::npos, "/avx512");
  return FindKernel(id + "/f32");
}

template <class T>
void CheckUpcast(const Kernel& k, const Kernel& twin) {
  const Ops<T> ops = k.ops<T>();
  const Ops<float> f = twin.ops<float>();
  constexpr std::size_t n = 0x10000;
  std::vector<T> x(n), dy(n), out(n), y16(n);
  std::vector<float> xf(n), dyf(n), yf(n), outf(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = T::FromBits(static_cast<std::uint16_t>(i));
    // dy: a spread of values, so that the product dy * f' is rounded too.
    dy[i] = T(static_cast<float>((i * 2654435761u) % 2001) / 1000.0f - 1.0f);
    xf[i] = x[i], dyf[i] = dy[i];
  }
  auto expect_rounded = [&](const char* what, const std::vector<float>& want) {
    std::size_t bad = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (SameResult(out[i], T(want[i]))) continue;
      if (++bad <= 3)
        ADD_FAILURE() << k.id << " " << what << " at x = " << Show(x[i]) << ": got "
                      << Show(out[i]) << ", the f32 twin rounded gives " << Show(T(want[i]));
    }
    EXPECT_EQ(bad, 0u) << what;
  };
  ops.forward(x.data(), out.data(), n);
  f.forward(xf.data(), outf.data(), n);
  expect_rounded("forward", outf);
  y16 = out;
  ops.backward_x(x.data(), dy.data(), out.data(), n);
  f.backward_x(xf.data(), dyf.data(), outf.data(), n);
  expect_rounded("backward_x", outf);
  if (ops.backward_y) {
    for (std::size_t i = 0; i < n; ++i) yf[i] = y16[i];
    ops.backward_y(y16.data(), dy.data(), out.data(), n);
    f.backward_y(yf.data(), dyf.data(), outf.data(), n);
    expect_rounded("backward_y", outf);
  }
}

class Upcast : public ::testing::TestWithParam<Kernel> {};

std::vector<Kernel> SixteenBitKernels() {
  std::vector<Kernel> out;
  for (const Kernel& k : AllKernels())
    if (Info(k.dtype).bits == 16) out.push_back(k);
  return out;
}

TEST_P(Upcast, IsItsFloatTwinRoundedOnce) {
  const Kernel& k = GetParam();
  const Kernel* twin = Twin(k);
  if (twin == nullptr) GTEST_SKIP() << k.id << " has no float32 twin (a dedicated or peer kernel)";
  ACTBENCH_SKIP_IF_UNSUPPORTED(k);
  if (k.dtype == DType::kBf16)
    CheckUpcast<bf16>(k, *twin);
  else
    CheckUpcast<f16>(k, *twin);
}

INSTANTIATE_TEST_SUITE_P(Kernels, Upcast, ::testing::ValuesIn(SixteenBitKernels()),
                         KernelTestName);

}  // namespace
}  // namespace actbench::tests
