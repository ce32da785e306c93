// The command line of actbench-bench (see options.h).
#include "options.h"

#include <sched.h>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <span>

#include "actbench/registry.h"
#include "util/split.h"

namespace actbench::bench {

[[noreturn]] void Fail(const std::string& msg) {
  std::fprintf(stderr, "actbench-bench: %s (see --help)\n", msg.c_str());
  std::exit(2);
}

namespace {

constexpr std::size_t kKi = 1024, kMi = 1024 * 1024;
constexpr std::size_t kDefaultSizes[] = {2 * kKi, 64 * kKi, 1 * kMi, 16 * kMi};
constexpr std::size_t kQuickSizes[] = {2 * kKi, 16 * kMi};
constexpr std::size_t kMaxSize = 256 * kMi;  // 2 GiB of f64 per buffer: a typo, not a size

std::size_t ParseSize(std::string_view text) {
  std::size_t multiplier = 1;
  std::string_view digits = text;
  if (!digits.empty()) {
    const char suffix = digits.back();
    if (suffix == 'k' || suffix == 'K') multiplier = kKi;
    if (suffix == 'm' || suffix == 'M') multiplier = kMi;
    if (multiplier != 1) digits.remove_suffix(1);
  }
  if (digits.empty() || digits.size() > 12 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    Fail("bad size '" + std::string(text) + "': want a count such as 2048, 64k or 16m");
  const std::size_t n = std::stoull(std::string(digits)) * multiplier;
  if (n == 0 || n > kMaxSize) Fail("size '" + std::string(text) + "' out of range [1, 256m]");
  return n;
}

template <class E, class NameFn>
std::vector<E> ParseList(std::string_view flag, std::string_view text, std::span<const E> all,
                         NameFn name) {
  std::vector<E> out;
  for (std::string_view token : SplitCommas(text)) {
    auto it = std::find_if(all.begin(), all.end(), [&](E e) { return name(e) == token; });
    if (it == all.end()) {
      std::string valid;
      for (E e : all) valid.append(valid.empty() ? "" : ",").append(name(e));
      Fail("unknown value '" + std::string(token) + "' for " + std::string(flag) +
           " (valid: " + valid + ")");
    }
    if (std::find(out.begin(), out.end(), *it) == out.end()) out.push_back(*it);
  }
  if (out.empty()) Fail(std::string(flag) + " needs at least one value");
  return out;
}

}  // namespace

int Usage(std::FILE* out) {
  std::fprintf(out, R"(usage: actbench-bench [options] [--benchmark_* flags]

Throughput of every registered kernel (actbench-kernels lists them), forward and backward,
at sizes that sit in each cache level, for several input distributions, next to copy
baselines. Kernels whose ISA this CPU lacks are reported as skipped (error_occurred in JSON).

Options take their value as --flag=VALUE or --flag VALUE (Google Benchmark's own
--benchmark_* flags only as --benchmark_flag=VALUE).

Selection:
  --kernels=GLOB[,GLOB]   kernel ids to run (shell globs, e.g. 'sigmoid/*'; default: all).
                          Every glob must match something and none may be empty ('a,,b'),
                          or the run stops with the closest ids.
                          The copy baselines (baseline/memcpy, baseline/copy-loop,
                          baseline/copy-nt of 4-byte elements; the same with -16 of 2-byte
                          elements, for bf16 and f16) run with any selection;
                          'baseline/*' alone runs only them
  --no-baselines          leave out the baselines that --kernels does not name
  --directions=LIST       forward,backward_x,backward_y (default: all the kernel has)
  --dists=LIST            uniform,normal,wide,sorted,randsign (default: all)
                            uniform   U[-10, 10]
                            normal    N(0, 3^2)
                            wide      random sign, log-uniform magnitude over every finite
                                      value (subnormal and saturated results)
                            sorted    U[-10, 10] in ascending order (predictable branches)
                            randsign  magnitudes ascending over [0, 10], random signs
  --sizes=LIST            elements per pass; k = 1024, m = 1024^2 (default: 2k,64k,1m,16m:
                          L1, L2, L3, DRAM for f32 on a 32 KB L1d / 1 MB L2 / 32 MB L3 core);
                          a size given twice (2k,2048) is measured once
  --windows=N             distinct input buffers each benchmark cycles through, one per
                          iteration (default: enough for 128K elements in all, at most 64, so
                          branch predictors cannot learn the inputs; 1 replays one buffer)
  --threads=N             also measure every size of at least 1m elements on N threads,
                          each calling the kernel on its own slice of the arrays (the name
                          gains /real_time/threads:N; wall time), as a framework spreads a
                          large tensor over its cores
  --fp-env=default|ftz    the floating-point environment of the kernels: default (IEEE,
                          MXCSR 0x1f80) or ftz (flush-to-zero and denormals-are-zero,
                          MXCSR 0x9fc0, as many framework builds run); the context's mxcsr
                          records it
  --pin=CPU               bind the process to one CPU (sched_setaffinity) before measuring;
                          the context records the affinity either way
  --skip-isa=LIST         report kernels of these ISAs (scalar,sse4.2,avx2,avx512) as
                          skipped, as if the CPU lacked them

Presets (explicit --benchmark_* flags and the options above override them):
  --full    (default) every size and distribution; --benchmark_repetitions=5
            --benchmark_min_time=0.1
  --quick   sizes 2k,16m, distribution uniform; --benchmark_repetitions=3
            --benchmark_min_time=0.01 (the whole registry in a few minutes)
  --ab      sizes 2k,16m, distribution uniform; --benchmark_repetitions=12
            --benchmark_min_time=0.02: for comparing two runs (scripts/compare) or two
            kernels, whose difference the Mann-Whitney U test needs 9 or more repetitions
            to tell from noise
  All add --benchmark_enable_random_interleaving=true and
  --benchmark_display_aggregates_only=true (the console shows mean/median/stddev/cv; the
  JSON file keeps every repetition, which scripts/collect-bench needs for min/max).

Output: --benchmark_out=FILE --benchmark_out_format=json writes the report that
scripts/collect-bench turns into reports/bench.csv. FILE is written to a temporary name in
its folder and renamed when the run completes, so an interrupted run leaves no partial file;
a symbolic link is followed, a device or FIFO (/dev/null, /dev/stdout) written through. A run
that measures nothing (a filter matching no benchmark: exit status 2) or only lists them
(--benchmark_list_tests) leaves FILE as it was.

Benchmark names: <kernel-id>:<direction>/<dist>/<size>, e.g.
  sigmoid/exp-div/scalar/f32:forward/uniform/2048
  baseline/memcpy:forward/none/16777216     (baselines copy float data; dist is "none")
Counters: items_per_second (elements/s), bytes_per_second (bytes read + written, per
second), time_per_elem (seconds per element in the JSON; the console shows e.g. 3.5ns).
The label carries act=, family=, isa=, dtype= and windows=.
The JSON context records cpu_model, isa, compiler, compiler_flags, kernel_flags, build_type,
git_revision, mxcsr (FTZ/DAZ), hostname, date_utc, glibc, os_kernel, cpufreq_governor,
cpufreq_boost, smt_active, cpu_affinity and the actbench_* run settings.

Google Benchmark's own flags follow.
)");
  return out == stdout ? 0 : 2;
}

Options ParseArgs(int argc, char** argv) {
  Options o;
  bool sizes_set = false, dists_set = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    // Our own options take their value as --flag=VALUE or --flag VALUE, as in the other
    // tools; Google Benchmark's --benchmark_* flags only as --benchmark_x=VALUE.
    auto value = [&](std::string_view flag) -> std::optional<std::string_view> {
      if (arg.substr(0, flag.size()) != flag) return std::nullopt;
      std::string_view v;
      if (arg.size() == flag.size()) {
        if (i + 1 >= argc) Fail(std::string(flag) + " needs a value");
        v = argv[++i];
      } else if (arg[flag.size()] == '=') {
        v = arg.substr(flag.size() + 1);
      } else {
        return std::nullopt;
      }
      if (v.empty()) Fail(std::string(flag) + " needs a value");
      return v;
    };
    if (arg == "-h" || arg == "--help") {
      Usage(stdout);
      benchmark::PrintDefaultHelp();
      std::exit(0);
    } else if (arg == "--quick") {
      o.preset = Preset::kQuick;
    } else if (arg == "--full") {
      o.preset = Preset::kFull;
    } else if (arg == "--ab") {
      o.preset = Preset::kAb;
    } else if (auto v = value("--threads")) {
      const std::string s(*v);
      char* end = nullptr;
      errno = 0;
      const long t = std::strtol(s.c_str(), &end, 10);
      if (*end != '\0' || errno != 0 || t < 1 || t > 256)
        Fail("--threads wants a thread count from 1 to 256, got '" + s + "'");
      o.threads = static_cast<int>(t);
    } else if (auto v = value("--fp-env")) {
      if (*v != "default" && *v != "ftz")
        Fail("--fp-env wants default or ftz, got '" + std::string(*v) + "'");
      o.ftz = *v == "ftz";
    } else if (auto v = value("--pin")) {
      const std::string s(*v);
      char* end = nullptr;
      errno = 0;
      const long c = std::strtol(s.c_str(), &end, 10);
      if (*end != '\0' || errno != 0 || c < 0 || c >= CPU_SETSIZE)
        Fail("--pin wants a CPU number, got '" + s + "'");
      o.pin_cpu = static_cast<int>(c);
    } else if (arg == "--no-baselines") {
      o.no_baselines = true;
    } else if (auto v = value("--sizes")) {
      // One size given twice (2k,2048) is measured once: repeated, its rows would merge.
      o.sizes.clear();
      for (std::string_view s : SplitCommas(*v)) {
        const std::size_t n = ParseSize(s);
        if (std::find(o.sizes.begin(), o.sizes.end(), n) == o.sizes.end()) o.sizes.push_back(n);
      }
      if (o.sizes.empty()) Fail("--sizes needs at least one size");
      sizes_set = true;
    } else if (auto v = value("--kernels")) {
      o.kernels = std::string(*v);
    } else if (auto v = value("--directions")) {
      o.directions = ParseList<Direction>("--directions", *v, kAllDirections,
                                          [](Direction d) { return Name(d); });
    } else if (auto v = value("--dists")) {
      o.dists = ParseList<Dist>("--dists", *v, kAllDists, [](Dist d) { return Name(d); });
      dists_set = true;
    } else if (auto v = value("--skip-isa")) {
      o.skip_isas = ParseList<Isa>("--skip-isa", *v, kAllIsas, [](Isa i) { return Name(i); });
    } else if (auto v = value("--windows")) {
      const std::string s(*v);
      char* end = nullptr;
      errno = 0;
      const unsigned long long w = std::strtoull(s.c_str(), &end, 10);
      if (s.empty() || *end != '\0' || errno != 0 || w < 1 || w > 1024)
        Fail("--windows wants a count in [1, 1024], got '" + s + "'");
      o.windows = static_cast<std::size_t>(w);
    } else if (arg.starts_with("--benchmark_out=")) {
      o.out_path = std::string(arg.substr(16));
      if (o.out_path.empty()) Fail("--benchmark_out needs a file name");
    } else if (arg.substr(0, 12) == "--benchmark_" || arg.substr(0, 4) == "--v=") {
      o.passthrough.emplace_back(arg);
    } else {
      Fail("unknown argument '" + std::string(arg) + "'");
    }
  }
  o.quick = o.preset != Preset::kFull;
  if (!sizes_set)
    o.sizes = o.quick
                  ? std::vector<std::size_t>(std::begin(kQuickSizes), std::end(kQuickSizes))
                  : std::vector<std::size_t>(std::begin(kDefaultSizes), std::end(kDefaultSizes));
  if (!dists_set)
    o.dists = o.quick ? std::vector<Dist>{Dist::kUniform}
                      : std::vector<Dist>(std::begin(kAllDists), std::end(kAllDists));
  if (o.directions.empty())
    o.directions.assign(std::begin(kAllDirections), std::end(kAllDirections));
  return o;
}

}  // namespace actbench::bench
