// The accuracy sweep: runs kernels over a set of inputs and scores each kernel's value,
// backward-from-input (grad_x) and end-to-end backward-from-output (grad_y) against the exact
// results, with the metrics and property checks of DESIGN.md's accuracy methodology.
//
// Inputs are given as magnitudes; every magnitude m is evaluated at +m and -m, which is what
// the symmetry check compares. A plan holds sorted lists of magnitudes (sampled sweeps) and/or
// a range of consecutive bit patterns (exhaustive sweeps, tests); the reference (value and
// f'(x)) is computed once per block of inputs and shared by every kernel of the activation.
// The reference tier is double for float32 kernels and Gold (accuracy/gold.h) for float64.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "accuracy/accum.h"
#include "accuracy/fpenv.h"
#include "actbench/kernel.h"

namespace actbench::acc {

enum class Mode : std::uint8_t { kSample, kExhaustive };
enum class Quantity : std::uint8_t { kValue, kGradX, kGradY };
// ok: measured; skipped: this CPU lacks the kernel's ISA; no-backward-y: the kernel has no
// backward from the output (grad_y row only).
enum class Status : std::uint8_t { kOk, kSkipped, kNoBackwardY };

inline constexpr std::array<Quantity, 3> kQuantities = {Quantity::kValue, Quantity::kGradX,
                                                        Quantity::kGradY};
std::string_view Name(Mode m);
std::string_view Name(Quantity q);
std::string_view Name(Status s);

// The kernel's declared claim for a quantity in a floating-point environment (kNoClaim when it
// promises nothing there): its kernel list's in the default one, kernels/ftz.inc's under
// FTZ/DAZ (actbench/ftz.h).
double ClaimFor(const Kernel& k, Quantity q, FpEnv env = FpEnv::kDefault);

// The neighbourhood of a root r of f' reported apart (|x - r| <= kNearRootRadius) and sampled
// densely: the terms of f' cancel by a factor of about |r / (x - r)| there.
inline constexpr double kNearRootRadius = 0.25;

// Everything measured for one (kernel, quantity). Error statistics are over finite inputs;
// NaN and infinite inputs only feed the special-value and NaN-propagation checks.
struct QuantityResult {
  Quantity quantity = Quantity::kValue;
  Status status = Status::kOk;
  std::uint64_t points = 0;  // finite inputs scored

  // A NaN result (or an infinite one) for a finite input scores +inf ULP: it is in max_ulp
  // (and in max_ulp_normal when the exact result is normal) and in the mismatch counts.
  double max_ulp = 0, max_ulp_x = kNaN;
  double max_ulp_normal = 0, max_ulp_normal_x = kNaN;  // exact result normal (or zero)
  double mean_ulp = 0;                                 // over results that are numbers
  double max_abs = 0, max_abs_x = kNaN;                // |y - r|, results that are numbers
  double max_rel = 0, max_rel_x = kNaN;                // |y - r| / |r|; inf when r = 0 != y
  double correctly_rounded = 0;                        // share of points with ULP error <= 0.5
  std::uint64_t nan_mismatch = 0;                      // NaN for a finite input
  std::uint64_t inf_mismatch = 0;       // +-inf for a finite input (exact result is finite)
  std::uint64_t subnormal_flushed = 0;  // exact result subnormal (>= the smallest), got 0
  // 16-bit dtypes: results not correctly rounded that equal the exact result rounded to float
  // and then to 16 bits (double rounding: a perfect float kernel would miss there too).
  std::uint64_t double_rounding = 0;

  // Property checks. `applies` is false where a check has no meaning for the quantity:
  // range and monotonicity are checked on the value (monotonicity where the descriptor says
  // f is monotonic); symmetry where the descriptor states a relation.
  struct Check {
    bool applies = false;
    std::uint64_t failures = 0;
    double first_x = kNaN;  // input of the first failure, in plan order
    bool ok() const { return failures == 0; }
  };
  Check range;            // value in ref::ValueRange (every result that is a number)
  Check monotonic;        // value non-decreasing along sorted inputs, consecutive floats included
  Check specials;         // +-inf give the limit exactly; +-0 and subnormal inputs give a correctly
                          // rounded result (and tanh keeps the sign of zero)
  Check nan_propagation;  // every NaN input gives NaN
  std::uint64_t nan_inputs = 0;

  // Symmetry, in ULP of the larger of f(|x|), f(-|x|), by the descriptor's relation: odd
  // |f(x) + f(-x)|, complement |f(x) + f(-x) - 1|, x-difference |f(x) - f(-x) - x|; their
  // gradients |f'(x) - f'(-x)| (even) or |f'(x) + f'(-x) - 1|. 0 means exact symmetry.
  bool symmetry_applies = false;
  double symmetry_max_ulp = 0, symmetry_x = kNaN;

  // Gradient rows of an activation whose f' has roots (descriptor grad_zeros): the max ULP
  // and max absolute error over inputs within kNearRootRadius of a root, where f' is a sum
  // that cancels (a result can be many ULP off and still close in absolute terms).
  bool near_root_applies = false;
  double near_root_max_ulp = 0, near_root_max_ulp_x = kNaN;
  double near_root_max_abs = 0, near_root_max_abs_x = kNaN;

  // The worst-case search (float64 samples): max_ulp_normal before it, and the inputs it
  // added (counted in points too). NaN and 0 when there was none.
  double search_from = kNaN;
  std::uint64_t search_points = 0;
};

struct KernelResult {
  const Kernel* kernel = nullptr;
  Mode mode = Mode::kSample;  // exhaustive only for float32 kernels of an exhaustive run
  bool skipped = false;
  FpEnv fp_env = FpEnv::kDefault;  // the environment the kernel ran in (its claims are that one's)
  double seconds = 0;  // thread time evaluating and scoring this kernel, summed over threads
  std::array<QuantityResult, 3> q{};
  // What q is computed from (Finalize): per quantity the accumulators and the exact sum of
  // ULP errors. Shards of one sweep carry these, and merge into exactly a single run's q.
  struct Raw {
    detail::Acc acc;
    ExactSum ulp_sum;
    double search_from = kNaN;  // see QuantityResult
    std::uint64_t search_points = 0;
  };
  std::array<Raw, 3> raw{};

  const QuantityResult& operator[](Quantity quantity) const {
    return q[static_cast<std::size_t>(quantity)];
  }
};

// Recomputes r.q from r.raw (the kernel's activation and entry points decide which checks
// apply); a skipped result stays skipped.
void Finalize(KernelResult& r);

// Folds `other` (the same kernel, swept over other blocks of the same plan) into `into`, then
// Finalize: the figures of a sweep over both sets of blocks, to the bit.
void MergeInto(KernelResult& into, const KernelResult& other);

// Whether a measured quantity meets the kernel's claim: max ULP over normal results within
// the claim, and (for a finite claim) no NaN or inf on a finite input. Not meaningful for
// rows that were not measured.
bool ClaimOk(const KernelResult& r, Quantity q);

// A set of inputs, as non-negative magnitudes (each evaluated with both signs).
template <class T>
struct InputPlan {
  // Ascending lists (NaN bit patterns, if any, last): sampled points, grids, runs.
  std::vector<std::vector<T>> lists;
  // Magnitude bit patterns [range_begin, range_end): consecutive floats, checked for
  // monotonicity across block boundaries too. For float, [0, 2^31) is every float.
  std::uint64_t range_begin = 0, range_end = 0;
};

inline constexpr std::uint32_t kDefaultPoints = 256;
inline constexpr std::uint64_t kDefaultSeed = 20261128;

// The stratified sample of DESIGN.md: `points` random magnitudes in every binade (float64:
// points/8), subnormal binades included; a grid of 40*points (float64: 8*points) over
// [0, ref::BendRadius]; runs of consecutive floats at random places in the bend region, at
// binade edges and at 0; the seed notebook's arange(-10, 10, 0.1); and special values (0,
// subnormals, inf, NaNs). Deterministic for a given seed.
template <class T>
InputPlan<T> SamplePlan(Activation act, std::uint32_t points, std::uint64_t seed);

// Every bit pattern of T (a dtype whose traits say it can be swept exhaustively).
template <class T>
InputPlan<T> ExhaustivePlan();

// One slice of a sweep: shard `index` (1-based) of `count` takes the index-th of `count`
// contiguous, nearly equal runs of the plan's blocks (of 65,536 magnitudes; 4,096 for the
// 16-bit dtypes). The shards of a sweep together score every input once.
struct Shard {
  unsigned index = 1, count = 1;
  bool whole() const { return count == 1; }
};

struct RunOptions {
  unsigned threads = 0;       // 0: every core
  bool progress = false;      // progress line with percent and ETA on stderr
  std::string_view label;     // shown in the progress line
  Mode mode = Mode::kSample;  // recorded in the results
  Shard shard;                // the part of the plan to sweep
  FpEnv fp_env = FpEnv::kDefault;  // MXCSR while the kernels run (scoring always in default)
};

// Sweeps kernels (all of activation `act` and element type T) over `plan`. Kernels this CPU
// cannot run come back skipped.
template <class T>
std::vector<KernelResult> SweepPlan(Activation act, std::span<const Kernel* const> kernels,
                                    const InputPlan<T>& plan, const RunOptions& options);

inline constexpr unsigned kDefaultSearchRounds = 3;

struct SweepOptions {
  Mode mode = Mode::kSample;
  unsigned threads = 0;
  std::uint32_t points = kDefaultPoints;
  std::uint64_t seed = kDefaultSeed;
  bool progress = false;
  Shard shard;  // every group's plan is split the same way
  FpEnv fp_env = FpEnv::kDefault;
  // Rounds of the worst-case search of sampled float64 groups (WorstCaseSearch); 0: none.
  unsigned search_rounds = kDefaultSearchRounds;
};

// The sweep of a run: kernels grouped by activation and dtype, each group over its plan
// (exhaustive: every float32 pattern for float32 kernels, the sample for float64 ones).
// Results come back in the order of `kernels`.
// Results come back in the order of `kernels`. A whole (unsharded) sweep ends with
// WorstCaseSearch.
std::vector<KernelResult> Sweep(std::span<const Kernel* const> kernels,
                                const SweepOptions& options);

// The worst-case search of the sampled float64 results (float64 cannot be swept exhaustively,
// and a sample's maximum is only a lower bound): for each kernel and quantity, rounds of
// candidates around the input of its largest error so far — the 256 floats on either side,
// the input scaled by 1 +- 2^-s for s = 1..52, and 128 random points within 2^-20 relative —
// swept by every kernel of the activation and folded into the results; the next round starts
// from wherever the maximum moved. Each QuantityResult records the maximum before the search
// and the inputs it added (search_from, search_points). Deterministic for the given results
// and options, so a merge of shards runs it as the single run does.
void WorstCaseSearch(std::vector<KernelResult>& results, const SweepOptions& options);

}  // namespace actbench::acc
