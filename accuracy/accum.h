// The sweep's accumulators (accuracy/sweep.cc fills them, score.h's scoring updates them):
// maxima with the input where they occur, failure counts with the first failing input, and
// an exact sum. Each merges with another of its kind independently of the order of merging:
// ties are broken by a key that orders inputs as the plan does (block << 20 | position), and
// the sum is exact. So a sweep gives the same figures on any number of threads, and shards of
// one sweep (actbench-accuracy --shard K/N) merge into exactly the figures of a single run.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>

namespace actbench::acc {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The exact sum of non-negative finite doubles: a 2,176-bit fixed-point integer in units of
// 2^-1074 (the smallest subnormal), rounded to the nearest double (ties to even) only when
// read. Order-independent, so partial sums of any split of the inputs add up to the same bits.
class ExactSum {
 public:
  static constexpr int kLimbs = 34;
  void Add(double v);  // v >= 0 and finite; anything else is ignored
  void Merge(const ExactSum& o);
  double Value() const;
  // Lossless text form (hex limbs, most significant first, zero limbs elided) and back.
  std::string ToHex() const;
  bool FromHex(const std::string& s);
  bool operator==(const ExactSum&) const = default;

 private:
  void AddAt(int bit, std::uint64_t m);
  std::array<std::uint64_t, kLimbs> limbs_{};
};

namespace detail {

struct MaxAt {
  double v = -1, x = kNaN;
  std::uint64_t key = ~std::uint64_t{0};
  void Update(double value, double at, std::uint64_t k) {
    if (value > v) v = value, x = at, key = k;
  }
  void Merge(const MaxAt& o) {
    if (o.v > v || (o.v == v && o.key < key)) *this = o;
  }
};

struct Failures {
  std::uint64_t n = 0, key = ~std::uint64_t{0};
  double x = kNaN;
  void Add(double at, std::uint64_t k) {
    ++n;
    if (k < key) key = k, x = at;
  }
  void Merge(const Failures& o) {
    n += o.n;
    if (o.key < key) key = o.key, x = o.x;
  }
};

struct Acc {
  std::uint64_t points = 0, numbers = 0, correctly_rounded = 0, nan_mismatch = 0, inf_mismatch = 0,
                flushed = 0, nan_inputs = 0;
  std::uint64_t double_rounded = 0;  // 16-bit: not correctly rounded, equal to RN16(RN32(r))
  MaxAt ulp, ulp_normal, abs, rel, symmetry;
  MaxAt root_ulp, root_abs;  // gradients within kNearRootRadius of a root of f'
  Failures range, monotonic, specials, nan_propagation;
  void Merge(const Acc& o) {
    points += o.points, numbers += o.numbers, correctly_rounded += o.correctly_rounded;
    nan_mismatch += o.nan_mismatch, inf_mismatch += o.inf_mismatch, flushed += o.flushed;
    nan_inputs += o.nan_inputs, double_rounded += o.double_rounded;
    ulp.Merge(o.ulp), ulp_normal.Merge(o.ulp_normal), abs.Merge(o.abs), rel.Merge(o.rel);
    symmetry.Merge(o.symmetry);
    root_ulp.Merge(o.root_ulp), root_abs.Merge(o.root_abs);
    range.Merge(o.range), monotonic.Merge(o.monotonic), specials.Merge(o.specials);
    nan_propagation.Merge(o.nan_propagation);
  }
};

}  // namespace detail
}  // namespace actbench::acc
