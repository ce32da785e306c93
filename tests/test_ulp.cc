// The ULP error metric (accuracy/ulp.h) against hand-computed cases: binade edges, subnormals,
// zero, signs, NaN and infinities; correctly rounded results score <= 0.5; and the bit-level
// float path (UlpErrorF32) agrees with the definition bit for bit.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "accuracy/gold.h"
#include "accuracy/ulp.h"
#include "util/splitmix64.h"

namespace actbench {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr float kFltMin = std::numeric_limits<float>::min();          // 2^-126
constexpr float kFltTrue = std::numeric_limits<float>::denorm_min();  // 2^-149

double F(float y, double r) { return UlpError<float>(y, r); }

TEST(UlpExponent, FloatAndDouble) {
  EXPECT_EQ((UlpExponent<float>(1.0)), -23);
  EXPECT_EQ((UlpExponent<float>(1.5)), -23);
  EXPECT_EQ((UlpExponent<float>(std::nextafter(1.0, 0.0))), -24);  // just below the edge
  EXPECT_EQ((UlpExponent<float>(2.0)), -22);
  EXPECT_EQ((UlpExponent<float>(-1.0)), -23);
  EXPECT_EQ((UlpExponent<float>(0.0)), -149);
  EXPECT_EQ((UlpExponent<float>(1e-40)), -149);  // subnormal: clamped at emin
  EXPECT_EQ((UlpExponent<float>(0x1p-126)), -149);
  EXPECT_EQ((UlpExponent<float>(0x1p-125)), -148);
  EXPECT_EQ((UlpExponent<double>(1.0L)), -52);
  EXPECT_EQ((UlpExponent<double>(0.0L)), -1074);
  EXPECT_EQ((UlpExponent<double>(0x1p-1030L)), -1074);
  EXPECT_EQ((UlpExponent<double>(0x1p-1022L)), -1074);
  EXPECT_EQ((UlpExponent<double>(0x1p-1021L)), -1073);
}

TEST(UlpError, PowersOfTwoAndBinadeEdges) {
  // Above 1 the spacing is 2^-23; below it 2^-24. The ulp is that of the exact value.
  EXPECT_EQ(F(1.0f + 0x1p-23f, 1.0), 1.0);
  EXPECT_EQ(F(1.0f - 0x1p-24f, 1.0), 0.5);  // the float below 1, in units of ulp(1)
  EXPECT_EQ(F(1.0f, 1.0 - 0x1p-24), 1.0);   // r in [0.5, 1): ulp(r) = 2^-24
  EXPECT_EQ(F(1.0f, 1.0 - 0x1p-30), 0x1p-6);
  EXPECT_EQ(F(2.0f, 2.0 + 0x1p-22), 1.0);
  EXPECT_EQ(F(0.5f, 0.5 + 0x1p-26), 0.25);
  EXPECT_EQ(F(1024.0f, 1024.0 + 0x1p-13), 1.0);
  EXPECT_EQ(F(1024.0f, 1024.0 + 0x1p-14), 0.5);
}

TEST(UlpError, SubnormalsAndZero) {
  EXPECT_EQ(F(0.0f, 3 * 0x1p-149), 3.0);
  EXPECT_EQ(F(kFltTrue, 0.0), 1.0);  // r = 0: ulp is the smallest subnormal
  EXPECT_EQ(F(0.0f, 0.0), 0.0);
  EXPECT_EQ(F(-0.0f, 0.0), 0.0);
  EXPECT_EQ(F(0.0f, -0.0), 0.0);
  EXPECT_EQ(F(0x1p-148f, 3 * 0x1p-149), 1.0);
  EXPECT_EQ(F(0.0f, 0x1p-150), 0.5);                // half the smallest subnormal
  EXPECT_EQ(F(kFltMin, 0x1p-126 + 0x1p-149), 1.0);  // spacing is 2^-149 on both sides of FLT_MIN
  EXPECT_EQ(F(kFltMin, 0x1p-126 - 0x1p-149), 1.0);
  EXPECT_EQ(F(0.0f, 0x1p-126), 0x1p23);  // a flushed FLT_MIN is 2^23 ULP off
  EXPECT_EQ((UlpError<double>(0.0, 0x1p-1074L)), 1.0);
  EXPECT_EQ((UlpError<double>(0.0, 0x1p-1075L)), 0.5);
  EXPECT_EQ((UlpError<double>(1.0, 1.0L + 0x1p-52L)), 1.0);
  EXPECT_EQ((UlpError<double>(1.0, 1.0L - 0x1p-60L)), 0x1p-7);
}

TEST(UlpError, Signs) {
  EXPECT_EQ(F(-1.0f - 0x1p-23f, -1.0), 1.0);
  EXPECT_EQ(F(1.0f, -1.0), 0x1p24);  // |1 - (-1)| = 2 = 2^24 ulp(1)
  EXPECT_EQ(F(-0x1p-149f, 0x1p-149), 2.0);
  EXPECT_EQ(F(-0.5f, -0.5 - 0x1p-26), 0.25);
}

TEST(UlpError, NanAndInfinity) {
  const float fnan = std::numeric_limits<float>::quiet_NaN();
  const float finf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(F(fnan, kNaN), 0.0);
  EXPECT_EQ(F(fnan, 1.0), kInf);
  EXPECT_EQ(F(1.0f, kNaN), kInf);
  EXPECT_EQ(F(finf, 1e30), kInf);
  EXPECT_EQ(F(finf, kInf), 0.0);
  EXPECT_EQ(F(-finf, -kInf), 0.0);
  EXPECT_EQ(F(-finf, kInf), kInf);
  EXPECT_EQ(F(3.0e38f, kInf), kInf);
  EXPECT_EQ(UlpErrorF32(fnan, 1.0), kInf);
  EXPECT_EQ(UlpErrorF32(finf, 1.0), kInf);
  EXPECT_EQ(UlpErrorF32(-finf, -1.0), kInf);
}

TEST(IsNormalResult, Boundaries) {
  EXPECT_TRUE(IsNormalResult<float>(0.0));
  EXPECT_TRUE(IsNormalResult<float>(0x1p-126));
  EXPECT_TRUE(IsNormalResult<float>(-0x1p-126));
  EXPECT_FALSE(IsNormalResult<float>(0x1p-126 - 0x1p-160));
  EXPECT_FALSE(IsNormalResult<float>(1e-40));
  EXPECT_TRUE(IsNormalResult<double>(0x1p-1022L));
  EXPECT_FALSE(IsNormalResult<double>(0x1p-1023L));
}

// The deterministic generator of the randomized checks below.
using SplitMix = SplitMix64;

// A double spread over float's whole range (normal, subnormal and beyond), both signs.
double RandomReference(SplitMix& rng) {
  const std::uint64_t u = rng.Next();
  const int e = static_cast<int>(u % 300) - 170;  // 2^-170 .. 2^129
  const double m = 1.0 + static_cast<double>(u >> 12) * 0x1p-52;
  const double r = std::ldexp(m, e);
  return (u >> 11) & 1 ? -r : r;
}

TEST(UlpError, CorrectlyRoundedScoresAtMostHalf) {
  SplitMix rng{42};
  for (int i = 0; i < 200000; ++i) {
    const double r = RandomReference(rng);
    const float y = static_cast<float>(r);  // round to nearest
    if (std::isinf(y)) continue;
    ASSERT_LE(F(y, r), 0.5) << std::hexfloat << r;
    // The neighbours are more than half an ulp away (ties excepted).
    const float up = std::nextafter(y, std::numeric_limits<float>::infinity());
    const float down = std::nextafter(y, -std::numeric_limits<float>::infinity());
    if (!std::isinf(up)) {
      ASSERT_GE(F(up, r), 0.5) << std::hexfloat << r;
    }
    ASSERT_GE(F(down, r), 0.5) << std::hexfloat << r;
  }
  for (int i = 0; i < 100000; ++i) {
    const long double r = static_cast<long double>(RandomReference(rng)) *
                          (1.0L + static_cast<long double>(rng.Next() >> 11) * 0x1p-64L);
    ASSERT_LE((UlpError<double>(static_cast<double>(r), r)), 0.5);
  }
}

TEST(UlpError, FloatFastPathMatchesDefinition) {
  SplitMix rng{7};
  const double edges[] = {0.0,     -0.0,           0x1p-126,  0x1p-149,  0x1p-150, 1.0,
                          0x1p127, 0x1.fffffep127, 0x1p-1074, 0x1p-1022, 1e-310,   0.5};
  for (double r : edges) {
    for (float y : {0.0f, -0.0f, 0x1p-149f, 0x1p-126f, 1.0f, 0.5f, -1.0f, 3.0e38f}) {
      ASSERT_EQ(std::bit_cast<std::uint64_t>(UlpErrorF32(y, r)),
                std::bit_cast<std::uint64_t>(F(y, r)))
          << std::hexfloat << y << " vs " << r;
    }
  }
  for (int i = 0; i < 1000000; ++i) {
    const double r = RandomReference(rng);
    // Results near r (the usual case) and anywhere (the rare one).
    const float y = (i & 3) ? std::nextafter(static_cast<float>(r), static_cast<float>(i & 1))
                            : static_cast<float>(RandomReference(rng));
    ASSERT_EQ(std::bit_cast<std::uint64_t>(UlpErrorF32(y, r)),
              std::bit_cast<std::uint64_t>(F(y, r)))
        << std::hexfloat << y << " vs " << r;
  }
}

TEST(UlpError, GoldReferenceMatchesLongDouble) {
  // The same error through a 134-bit reference and through an 64-bit one, where both hold r
  // exactly: the metric does not depend on the reference's type.
  SplitMix rng{3};
  for (int i = 0; i < 2000; ++i) {
    const long double r = static_cast<long double>(RandomReference(rng)) * 1e-200L;
    const double y = static_cast<double>(r) * (1 + 0x1p-50 * static_cast<double>(i % 7));
    ASSERT_EQ((UlpError<double>(y, r)), (UlpError<double>(y, Gold(r))));
  }
}

}  // namespace
}  // namespace actbench
