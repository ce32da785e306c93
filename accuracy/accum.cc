// The exact sum of the sweep's accumulators (see accum.h).
#include "accuracy/accum.h"

#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace actbench::acc {

// v = m 2^(e - 1074) with m < 2^53 an integer: bits [e, e + 53) of the fixed-point integer.
void ExactSum::Add(double v) {
  if (!(v > 0) || !std::isfinite(v)) return;
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(v);
  const int biased = static_cast<int>(bits >> 52);
  std::uint64_t m = bits & ((std::uint64_t{1} << 52) - 1);
  int e = 0;  // position of m's lowest bit, in units of 2^-1074
  if (biased == 0) {
    e = 0;  // subnormal: m 2^-1074
  } else {
    m |= std::uint64_t{1} << 52;
    e = biased - 1;
  }
  AddAt(e, m);
}

void ExactSum::AddAt(int bit, std::uint64_t m) {
  const int limb = bit / 64, shift = bit % 64;
  const std::uint64_t lo = m << shift;
  const std::uint64_t hi = shift == 0 ? 0 : m >> (64 - shift);
  std::uint64_t carry = 0;
  for (int i = limb; i < kLimbs; ++i) {
    const std::uint64_t add = i == limb ? lo : i == limb + 1 ? hi : 0;
    const std::uint64_t before = limbs_[i];
    const std::uint64_t s = before + add;
    const std::uint64_t t = s + carry;
    carry = (s < before ? 1 : 0) + (t < s ? 1 : 0);
    limbs_[i] = t;
    if (carry == 0 && i > limb) break;
  }
}

void ExactSum::Merge(const ExactSum& o) {
  std::uint64_t carry = 0;
  for (int i = 0; i < kLimbs; ++i) {
    const std::uint64_t s = limbs_[i] + o.limbs_[i];
    const std::uint64_t t = s + carry;
    carry = (s < limbs_[i] ? 1 : 0) + (t < s ? 1 : 0);
    limbs_[i] = t;
  }
}

double ExactSum::Value() const {
  int top = -1;  // highest set bit
  for (int i = kLimbs - 1; i >= 0 && top < 0; --i)
    if (limbs_[i]) top = i * 64 + 63 - std::countl_zero(limbs_[i]);
  if (top < 0) return 0;
  auto bit = [&](int b) { return b >= 0 && ((limbs_[b / 64] >> (b % 64)) & 1); };
  if (top < 53) return std::ldexp(static_cast<double>(limbs_[0]), -1074);  // exact
  // The 53 bits from the top, then round to nearest, ties to even, on the bits below.
  std::uint64_t m = 0;
  for (int b = top; b > top - 53; --b) m = (m << 1) | (bit(b) ? 1 : 0);
  const int low = top - 53;  // the highest discarded bit
  const int lw = low / 64, lb = low % 64;
  bool sticky = (limbs_[lw] & ((std::uint64_t{1} << lb) - 1)) != 0;
  for (int i = 0; i < lw && !sticky; ++i) sticky = limbs_[i] != 0;
  if (bit(low) && (sticky || (m & 1))) ++m;  // may reach 2^53: still exact in a double
  return std::ldexp(static_cast<double>(m), low + 1 - 1074);
}

std::string ExactSum::ToHex() const {
  std::string out;
  char buf[20];
  for (int i = kLimbs - 1; i >= 0; --i) {
    if (out.empty() && limbs_[i] == 0) continue;
    std::snprintf(buf, sizeof buf, out.empty() ? "%llx" : "%016llx",
                  static_cast<unsigned long long>(limbs_[i]));
    out += buf;
  }
  return out.empty() ? "0" : out;
}

bool ExactSum::FromHex(const std::string& s) {
  if (s.empty() || s.size() > 16 * kLimbs) return false;
  std::array<std::uint64_t, kLimbs> limbs{};
  for (std::size_t k = 0; k < s.size(); ++k) {
    const char c = s[s.size() - 1 - k];
    int d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else
      return false;
    limbs[k / 16] |= static_cast<std::uint64_t>(d) << (4 * (k % 16));
  }
  limbs_ = limbs;
  return true;
}

}  // namespace actbench::acc
