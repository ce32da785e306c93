// actbench-accuracy's command line (see options.h).
#include "accuracy/options.h"

#include <charconv>
#include <string_view>

#include "actbench/registry.h"
#include "util/run_info.h"
#include "util/split.h"

namespace actbench::acc {
namespace {

template <class N>
bool ParseNumber(std::string_view s, N min, N max, N* out) {
  N v{};
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < min || v > max) return false;
  *out = v;
  return true;
}

}  // namespace

std::string UsageText() {
  return "usage: actbench-accuracy [options]\n"
         "Measures the value, backward-from-input (grad_x) and end-to-end backward-from-output\n"
         "(grad_y) error of every selected kernel against the exact result, with property\n"
         "checks, and writes one CSV row per (kernel, quantity).\n"
         "\n"
         "  --mode sample|exhaustive  sample (default): every binade, a dense grid where the\n"
         "                      function bends, runs of consecutive floats, the seed's\n"
         "                      arange(-10, 10, 0.1), special values. exhaustive: all 2^32\n"
         "                      float32 inputs for float32 kernels (float64 kernels: sample).\n"
         "                      bf16 and f16 kernels are always swept exhaustively (65,536\n"
         "                      inputs, against the gold reference)\n"
         "  --kernels GLOB[,GLOB]  kernel ids to measure (default: all), e.g. 'tanh/*/f32'\n"
         "  --out PATH          CSV report (default reports/accuracy.csv), written atomically\n"
         "  --threads N         worker threads (default: every core)\n"
         "  --points N          sample density: random points per binade and sign for float32\n"
         "                      (float64: N/8); grid and runs scale with it (default 256)\n"
         "  --seed N            seed of the sample (default 20261128)\n"
         "  --search-rounds N   float64: rounds of the worst-case search around each kernel's\n"
         "                      worst sampled inputs (default 3; 0: none)\n"
         "  --machine NAME      machine key in the report (default: host name)\n"
         "  --fp-env default|ftz  the kernels' floating-point environment: default (IEEE,\n"
         "                      MXCSR 0x1f80) or ftz (flush-to-zero and denormals-are-zero,\n"
         "                      MXCSR 0x9fc0, as many framework builds run); scoring always\n"
         "                      runs in the default one. Recorded in the fp_env column\n"
         "  --check-claims      exit with status 3 if a kernel exceeds its declared claim (in the\n"
         "                      run's environment: under ftz, kernels/ftz.inc's)\n"
         "  --shard K/N         sweep only the K-th of N slices of every input plan and write\n"
         "                      its raw accumulators to --out (default\n"
         "                      reports/accuracy.shard-K-of-N), for --merge\n"
         "  --merge FILE...     no sweep: merge the shard files 1..N of one sweep (same\n"
         "                      revision, options and selection) into the report at --out,\n"
         "                      figure for figure what a single run writes\n"
         "  --quiet             no progress line on stderr\n"
         "  -h, --help          this text\n"
         "\n"
         "CSV columns: kernel,activation,family,isa,dtype,quantity,mode,status,points,\n"
         "max_ulp,max_ulp_x,max_ulp_normal,max_ulp_normal_x,mean_ulp,max_abs,max_abs_x,max_rel,\n"
         "correctly_rounded,nan_mismatch,inf_mismatch,subnormal_flushed,claim_ulp,claim_ok,\n"
         "range_ok,monotonic_ok,symmetry_max_ulp,specials_ok,nan_propagation_ok,machine,cpu,\n"
         "compiler,revision,date,seconds,max_rel_x,symmetry_x,range_fail_x,monotonic_fail_x,\n"
         "specials_fail_x,near_root_max_ulp,near_root_max_ulp_x,near_root_max_abs,\n"
         "near_root_max_abs_x,double_rounding,seed,command,fp_env,search_from,search_points\n"
         "(see accuracy/report.h).\n"
         "Exit status: 0 done, 1 report not written, 2 bad usage, 3 claim exceeded\n"
         "(with --check-claims).\n";
}

std::string ParseCli(const std::vector<std::string>& args, CliOptions* o) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (!o->command.empty()) o->command += ' ';
    o->command += args[i];
  }
  for (std::size_t i = 1; i < args.size(); ++i) {
    std::string name = args[i], value;
    bool has_value = false;
    if (name.rfind("--", 0) == 0) {
      const std::size_t eq = name.find('=');
      if (eq != std::string::npos) value = name.substr(eq + 1), name.resize(eq), has_value = true;
    }
    auto take_value = [&]() -> bool {
      if (has_value) return true;
      if (i + 1 >= args.size()) return false;
      value = args[++i];
      return true;
    };
    auto flag = [&]() { return !has_value; };
    if (name == "-h" || name == "--help") {
      o->help = true;
    } else if (name == "--quiet" && flag()) {
      o->quiet = true;
    } else if (name == "--check-claims" && flag()) {
      o->check_claims = true;
    } else if (name == "--fp-env") {
      if (!take_value() || (value != "default" && value != "ftz"))
        return "--fp-env wants default or ftz, got '" + value + "'";
      o->sweep.fp_env = value == "ftz" ? FpEnv::kFtz : FpEnv::kDefault;
    } else if (name == "--merge" && flag()) {
      o->merge = true;
    } else if (name == "--shard") {
      unsigned k = 0, n = 0;
      const std::size_t slash = take_value() ? value.find('/') : std::string::npos;
      if (slash == std::string::npos ||
          !ParseNumber<unsigned>(std::string_view(value).substr(0, slash), 1, 1000000, &k) ||
          !ParseNumber<unsigned>(std::string_view(value).substr(slash + 1), 1, 1000000, &n) ||
          k > n)
        return "--shard wants K/N with 1 <= K <= N, e.g. 3/8, got '" + value + "'";
      o->sweep.shard = Shard{k, n};
      o->shard_given = true;
    } else if (name == "--mode") {
      if (!take_value()) return "--mode needs a value: sample or exhaustive";
      if (value == "sample")
        o->sweep.mode = Mode::kSample;
      else if (value == "exhaustive")
        o->sweep.mode = Mode::kExhaustive;
      else
        return "unknown --mode '" + value + "': use sample or exhaustive";
    } else if (name == "--kernels") {
      if (!take_value() || value.empty()) return "--kernels needs comma-separated globs";
      o->kernels = value;
    } else if (name == "--out") {
      if (!take_value() || value.empty()) return "--out needs a file path";
      o->out = value;
      o->out_given = true;
    } else if (name == "--machine") {
      // The rule of scripts/collect-bench, whose rows are joined with these by this key.
      if (!take_value() || value.find_first_not_of(" \t") == std::string::npos ||
          value.find_first_of(",\"\n\r") != std::string::npos)
        return "--machine needs a non-empty name without commas, quotes or newlines";
      o->machine = value;
    } else if (name == "--threads") {
      if (!take_value() || !ParseNumber<unsigned>(value, 1, 1024, &o->sweep.threads))
        return "--threads wants a whole number from 1 to 1024, got '" + value + "'";
    } else if (name == "--points") {
      if (!take_value() || !ParseNumber<std::uint32_t>(value, 1, 1u << 20, &o->sweep.points))
        return "--points wants a whole number from 1 to 1048576, got '" + value + "'";
    } else if (name == "--search-rounds") {
      if (!take_value() || !ParseNumber<unsigned>(value, 0, 100, &o->sweep.search_rounds))
        return "--search-rounds wants a whole number from 0 to 100, got '" + value + "'";
    } else if (name == "--seed") {
      if (!take_value() || !ParseNumber<std::uint64_t>(value, 0, ~std::uint64_t{0}, &o->sweep.seed))
        return "--seed wants a whole number from 0 to 2^64-1, got '" + value + "'";
    } else if (name.rfind("-", 0) != 0) {
      o->merge_files.push_back(name);
    } else {
      return "unknown argument '" + args[i] + "'";
    }
  }
  if (o->help) return "";
  if (!o->merge && !o->merge_files.empty())
    return "unknown argument '" + o->merge_files[0] + "' (files are read only with --merge)";
  if (o->merge) {
    if (o->shard_given) return "--merge and --shard do not go together";
    if (!o->kernels.empty())
      return "--merge takes the kernels of its shard files; --kernels does not apply";
    if (o->merge_files.empty()) return "--merge needs the shard files";
  } else if (o->shard_given && !o->out_given) {
    o->out = "reports/accuracy.shard-" + std::to_string(o->sweep.shard.index) + "-of-" +
             std::to_string(o->sweep.shard.count);
  }
  if (!o->kernels.empty()) {
    if (std::string error = CheckSelection(o->kernels); !error.empty()) return error;
  }
  // A report that cannot be written is found out now, not after the sweep.
  if (std::string error; !runinfo::CheckWritable(o->out, &error)) return error;
  return "";
}

}  // namespace actbench::acc
