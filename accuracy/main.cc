// actbench-accuracy: the accuracy sweep over the registered kernels; writes the CSV report
// (accuracy/report.h) and prints a compact table. `--help` for options.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "accuracy/options.h"
#include "accuracy/report.h"
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

  const std::vector<const Kernel*> kernels = MatchKernels(opt.kernels);
  acc::RunMeta meta = acc::CollectRunMeta(opt.machine);
  meta.command = opt.command;
  meta.seed = opt.sweep.seed;

  const auto start = std::chrono::steady_clock::now();
  const std::vector<acc::KernelResult> results = acc::Sweep(kernels, opt.sweep);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::string write_error;
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

  const std::vector<std::string> violations = acc::ClaimViolations(results);
  for (const std::string& v : violations)
    std::fprintf(stderr, "actbench-accuracy: CLAIM EXCEEDED: %s\n", v.c_str());
  return opt.check_claims && !violations.empty() ? 3 : 0;
}
