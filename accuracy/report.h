// The accuracy report: reports/accuracy.csv (one row per kernel and quantity) and the compact
// table actbench-accuracy prints.
//
// Columns, in order:
//   kernel, activation, family, isa, dtype    the kernel (id is the join key of every report)
//   quantity          value | grad_x (backward_x, dy = 1, vs f'(x)) | grad_y (x -> forward ->
//                     backward_y, dy = 1, vs f'(x))
//   mode              sample | exhaustive (float64 kernels are always sampled)
//   status            ok | skipped (CPU lacks the ISA) | no-backward-y; other columns empty
//                     unless ok
//   points            finite inputs scored
//   max_ulp, max_ulp_x                 max ULP error over finite inputs, and where ("inf"
//                                      when some finite input gives NaN or inf)
//   max_ulp_normal, max_ulp_normal_x   same over inputs whose exact result is normal or 0:
//                                      what claims are made on
//   mean_ulp          over finite inputs whose result is a number
//   max_abs, max_abs_x, max_rel        absolute and relative error (rel inf: exact 0, got != 0)
//   correctly_rounded share of points with ULP error <= 0.5
//   nan_mismatch, inf_mismatch         finite inputs giving NaN / +-inf (fail any budget)
//   subnormal_flushed finite inputs whose exact result is subnormal but came out 0
//   claim_ulp, claim_ok                the kernel's declared claim ("inf": none) and whether
//                                      the measurement meets it (1/0)
//   range_ok, monotonic_ok             value rows: value in the descriptor's range;
//                                      non-decreasing along sorted inputs (consecutive floats
//                                      included) where the descriptor says f is; 1/0
//   symmetry_max_ulp  activations with a symmetry relation (descriptor): max deviation from
//                     it in ULP of the larger of f(|x|), f(-|x|) (odd f(-x) = -f(x),
//                     complement f(-x) = 1 - f(x), x-difference f(x) - f(-x) = x; and the
//                     relation of f' that follows)
//   specials_ok       +-inf give the limit; +-0 and subnormal inputs correctly rounded, tanh
//                     keeps the sign of zero; 1/0
//   nan_propagation_ok  NaN inputs give NaN; 1/0
//   machine, cpu, compiler, revision, date   how and where the row was produced
//   seconds           time worker threads spent evaluating and scoring this kernel, summed
//                     over threads (the shared reference is not included)
//   max_rel_x, symmetry_x, range_fail_x, monotonic_fail_x, specials_fail_x
//                     inputs behind the figures (first failing input in plan order)
//   near_root_max_ulp, near_root_max_ulp_x, near_root_max_abs, near_root_max_abs_x
//                     gradient rows of activations whose f' has roots (GELU, gelu-tanh, SiLU,
//                     Mish, hardswish): max ULP and max absolute error within
//                     kNearRootRadius (0.25) of a root, where f' cancels
//   double_rounding   16-bit dtypes: inputs whose result is not correctly rounded and equals
//                     the exact result rounded to float and then to 16 bits (what a perfect
//                     float kernel plus a rounding gives); empty for float32/float64
//   seed, command     the sample seed and the command line
//   fp_env            the floating-point environment the kernels ran in: "default (mxcsr
//                     0x1f80)" or "ftz (mxcsr 0x9fc0)" (FTZ and DAZ); scoring always runs in
//                     the default one
//   search_from, search_points   float64 samples: max_ulp_normal before the worst-case
//                     search around the worst inputs (sweep.h, WorstCaseSearch), and the
//                     inputs the search added (also counted in points); empty otherwise
// Empty cells mean "does not apply". Inputs are %.9g (float32), %.17g (float64), %.4g (bf16)
// or %.5g (f16).
#pragma once

#include <string>
#include <vector>

#include "accuracy/sweep.h"

namespace actbench::acc {

struct RunMeta {
  std::string machine, cpu, compiler, revision, date, command;
  std::uint64_t seed = kDefaultSeed;
  FpEnv fp_env = FpEnv::kDefault;
};

// Host name (or `machine` when not empty), CPU model, compiler, revision, date.
RunMeta CollectRunMeta(const std::string& machine);

std::string CsvHeader();
std::string ToCsv(const std::vector<KernelResult>& results, const RunMeta& meta);

// A fixed-width table for people: one line per kernel and quantity.
std::string ToTable(const std::vector<KernelResult>& results);

// One line per measured quantity whose max ULP over normal results (or NaN/inf on finite
// inputs) breaks the kernel's claim.
std::vector<std::string> ClaimViolations(const std::vector<KernelResult>& results);

}  // namespace actbench::acc
