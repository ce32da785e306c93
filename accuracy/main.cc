// actbench-accuracy: the accuracy sweep over the registered kernels; writes the CSV report
// (accuracy/report.h) and prints a compact table. `--help` for options.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "accuracy/options.h"
#include "accuracy/report.h"
#include "accuracy/shard.h"
#include "util/run_info.h"
#include "accuracy/sweep.h"
#include "actbench/registry.h"

int main(int argc, char** argv) {
  using namespace actbench;
  const std::vector<std::string> args(argv, argv + argc);
  acc::CliOptions opt;
  const std::string error = acc::ParseCli(args, &opt);
  if (!error.empty()) {
    std::fprintf(stderr, "actbench-accuracy: %s\n(actbench-accuracy --help lists the options)\n",
                 error.c_str());
    return 2;
  }
  if (opt.help) {
    std::fputs(acc::UsageText().c_str(), stdout);
    return 0;
  }
  opt.sweep.progress = !opt.quiet;
  if (opt.merge) {
    // The shards of one sweep, merged into its report.
    std::vector<acc::ShardFile> shards;
    for (const std::string& path : opt.merge_files) {
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "actbench-accuracy: cannot read %s\n", path.c_str());
        return 1;
      }
      std::ostringstream text;
      text << in.rdbuf();
      acc::ShardFile f;
      std::string parse_error;
      if (!acc::ParseShardFile(path, text.str(), &f, &parse_error)) {
        std::fprintf(stderr, "actbench-accuracy: %s\n", parse_error.c_str());
        return 1;
      }
      shards.push_back(std::move(f));
    }
    std::vector<acc::KernelResult> results;
    acc::ShardHeader header;
    std::string merge_error;
    if (!acc::MergeShards(shards, &results, &header, &merge_error)) {
      std::fprintf(stderr, "actbench-accuracy: %s\n", merge_error.c_str());
      return 1;
    }
    for (acc::KernelResult& r : results) r.fp_env = header.fp_env;
    // The worst-case search needs the whole sample's maxima: it runs here, as a single run
    // runs it at the end of its sweep.
    acc::SweepOptions search;
    search.threads = opt.sweep.threads;
    search.points = header.points;
    search.seed = header.seed;
    search.fp_env = header.fp_env;
    search.search_rounds = header.search_rounds;
    acc::WorstCaseSearch(results, search);
    acc::RunMeta meta = acc::CollectRunMeta(opt.machine);
    meta.command = opt.command;
    meta.seed = header.seed;
    meta.revision = header.revision;  // what was measured
    meta.fp_env = header.fp_env;
    std::string write_error;
    if (!runinfo::WriteFileAtomic(opt.out, acc::ToCsv(results, meta), &write_error)) {
      std::fprintf(stderr, "actbench-accuracy: %s\n", write_error.c_str());
      return 1;
    }
    std::fputs(acc::ToTable(results).c_str(), stdout);
    std::printf("%zu kernels from %zu shards of a %s sweep -> %s\n", results.size(),
                shards.size(), std::string(acc::Name(header.mode)).c_str(), opt.out.c_str());
    const std::vector<std::string> violations = acc::ClaimViolations(results);
    for (const std::string& v : violations)
      std::fprintf(stderr, "actbench-accuracy: CLAIM EXCEEDED%s: %s\n",
                   header.fp_env != acc::FpEnv::kDefault ? " (ftz)" : "", v.c_str());
    return opt.check_claims && !violations.empty() ? 3 : 0;
  }

  const std::vector<const Kernel*> kernels = MatchKernels(opt.kernels);
  acc::RunMeta meta = acc::CollectRunMeta(opt.machine);
  meta.command = opt.command;
  meta.seed = opt.sweep.seed;
  meta.fp_env = opt.sweep.fp_env;

  const auto start = std::chrono::steady_clock::now();
  const std::vector<acc::KernelResult> results = acc::Sweep(kernels, opt.sweep);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::string write_error;
  if (!opt.sweep.shard.whole() || opt.shard_given) {
    // A shard: raw accumulators for --merge; its partial figures are no report.
    acc::ShardHeader header;
    header.shard = opt.sweep.shard;
    header.mode = opt.sweep.mode;
    header.points = opt.sweep.points;
    header.seed = opt.sweep.seed;
    header.revision = meta.revision;
    header.selection = opt.kernels;
    header.fp_env = opt.sweep.fp_env;
    header.search_rounds = opt.sweep.search_rounds;
    if (!runinfo::WriteFileAtomic(opt.out, acc::ToShardFile(results, header), &write_error)) {
      std::fprintf(stderr, "actbench-accuracy: %s\n", write_error.c_str());
      return 1;
    }
    std::printf("%zu kernels, shard %u/%u of a %s sweep in %.1f s -> %s (merge the %u shards "
                "with --merge)\n",
                results.size(), opt.sweep.shard.index, opt.sweep.shard.count,
                std::string(acc::Name(opt.sweep.mode)).c_str(), wall, opt.out.c_str(),
                opt.sweep.shard.count);
    return 0;
  }
  if (!runinfo::WriteFileAtomic(opt.out, acc::ToCsv(results, meta), &write_error)) {
    std::fprintf(stderr, "actbench-accuracy: %s\n", write_error.c_str());
    return 1;
  }
  std::fputs(acc::ToTable(results).c_str(), stdout);
  std::size_t skipped = 0;
  for (const acc::KernelResult& r : results) skipped += r.skipped;
  std::printf("%zu kernels (%zu skipped: ISA missing on this CPU), %s sweep in %.1f s -> %s\n",
              results.size(), skipped, std::string(acc::Name(opt.sweep.mode)).c_str(), wall,
              opt.out.c_str());

  // Each kernel against its claim in the run's environment (under FTZ/DAZ, kernels/ftz.inc's).
  const std::vector<std::string> violations = acc::ClaimViolations(results);
  for (const std::string& v : violations)
    std::fprintf(stderr, "actbench-accuracy: CLAIM EXCEEDED%s: %s\n",
                 opt.sweep.fp_env != acc::FpEnv::kDefault ? " (ftz)" : "", v.c_str());
  return opt.check_claims && !violations.empty() ? 3 : 0;
}
