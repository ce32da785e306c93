// Shards of one accuracy sweep: `actbench-accuracy --shard K/N` sweeps the K-th of N slices
// of every plan and writes its raw accumulators (not figures) to a shard file; `--merge` reads
// the N files and writes the accuracy.csv of the whole sweep, figure for figure what a single
// run gives (maxima and where they occur, counts, first failing inputs, the exact sum behind
// the mean; only `seconds`, `date` and `command` differ). Shards can run anywhere the same
// revision is built: machines of a batch scheduler, a Slurm array, GNU parallel.
//
// The file is text, one record per line, tab-separated, floating-point figures in hex (%a) so
// that nothing is rounded:
//   actbench-accuracy-shard 1
//   shard K N | mode sample|exhaustive | points P | seed S | revision R | selection GLOBS |
//   fp_env default|ftz | search_rounds N
//   kernel ID skipped(0/1) seconds             then three lines, one per quantity:
//   q points numbers correctly_rounded nan_mismatch inf_mismatch flushed nan_inputs
//     double_rounded, 7 maxima (value x key: ulp ulp_normal abs rel symmetry root_ulp
//     root_abs), 4 failure sets (n key x: range monotonic specials nan_propagation), the
//     exact ULP sum (hex limbs)
//   end N_KERNELS
#pragma once

#include <string>
#include <vector>

#include "accuracy/sweep.h"

namespace actbench::acc {

struct ShardHeader {
  Shard shard;
  Mode mode = Mode::kSample;
  std::uint32_t points = 0;
  std::uint64_t seed = 0;
  std::string revision;
  std::string selection;  // the --kernels globs ("" = every kernel)
  FpEnv fp_env = FpEnv::kDefault;
  unsigned search_rounds = kDefaultSearchRounds;  // run by the merge, on the whole sample
};

std::string ToShardFile(const std::vector<KernelResult>& results, const ShardHeader& header);

struct ShardFile {
  std::string path;
  ShardHeader header;
  std::vector<KernelResult> results;  // in the file's order, finalized
};

// Parses a shard file; on error returns false with `error` naming the file and line.
bool ParseShardFile(const std::string& path, const std::string& text, ShardFile* out,
                    std::string* error);

// Merges the shards of one sweep (the same revision, mode, sample, selection and N, each K
// once) into its results. Returns false with `error` saying which file breaks which rule: a
// missing or repeated shard, a different sweep, or a kernel that one shard skipped (its CPU
// lacked the ISA) and another measured — its figures would miss that shard's inputs.
bool MergeShards(const std::vector<ShardFile>& shards, std::vector<KernelResult>* results,
                 ShardHeader* header, std::string* error);

}  // namespace actbench::acc
