// actbench-bench: Google Benchmark over every registered kernel and direction, at sizes that
// sit in each cache level, for several input distributions, next to copy baselines that show
// the memory roofline. Benchmarks are registered from the kernel registry at run time, so a
// new kernel is measured without touching this file. See Usage() for flags and names.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "actbench/registry.h"
#include "baselines.h"
#include "inputs.h"
#include "run_context.h"

namespace actbench::bench {
namespace {

// ---------------------------------------------------------------------------------------------
// Directions

enum class Direction : std::uint8_t { kForward, kBackwardX, kBackwardY };
constexpr Direction kAllDirections[] = {Direction::kForward, Direction::kBackwardX,
                                        Direction::kBackwardY};

std::string_view Name(Direction d) {
  switch (d) {
    case Direction::kForward: return "forward";
    case Direction::kBackwardX: return "backward_x";
    case Direction::kBackwardY: return "backward_y";
  }
  return "?";
}

// Bytes a pass moves per element: forward reads x and writes y; a backward pass reads the
// saved x (or y) and dy and writes dx.
std::size_t BytesPerElement(Direction d, std::size_t elem_size) {
  return (d == Direction::kForward ? 2 : 3) * elem_size;
}

// ---------------------------------------------------------------------------------------------
// Input pools
//
// A small benchmark replays its inputs thousands of times, and a modern branch predictor
// learns a replayed sequence of random outcomes far longer than an L1-sized pass. Measured on
// an AMD Zen 4 (KVM guest, g++ 12), 2K-element f32 passes over `randsign` inputs cycling
// through pools of distinct inputs, microseconds per pass (median of 5):
//   pool (elements)                    2K     4K    16K    64K   128K   256K
//   sigmoid/split-exp-div forward    7.26   7.32   7.78   13.7   15.0   15.3
//   relu/max/scalar backward_x       1.98   1.99   2.01   7.68   9.47   9.75
//   relu/max/avx512 forward         0.071  0.071  0.072  0.080  0.075  0.093
//   baseline/memcpy                 0.079  0.078  0.080  0.080  0.081  0.104
// Replaying one 2K buffer made the branchy kernels look 2x and 5x faster than on fresh
// activations, and any pool that fits in L1 (<= 4K elements) does too. So every benchmark
// cycles through `windows` distinct input buffers (independent random streams, each a whole
// sample of the distribution), one per iteration, with at least kMinPoolElements = 128K
// elements in all: a 2K pass gets 64 windows, a 64K pass 2, larger passes 1. The price: a 2K
// pass streams its input from L2 (prefetched), which costs the fastest memory-bound passes
// 3-6% above; a 256K pool would spill L2 and cost 30%. --windows=1 replays one buffer.

constexpr std::size_t kMinPoolElements = std::size_t{1} << 17;
constexpr std::size_t kMaxWindows = 64;

std::size_t WindowsFor(std::size_t n) {
  return std::clamp<std::size_t>((kMinPoolElements + n - 1) / n, 1, kMaxWindows);
}

// Where each stream starts within a 4 KiB page (see AlignedBuffer): inputs (x, or y for a
// backward from output) at 0, dy at 1 KiB, the output at 2 KiB, as far from the inputs as a
// page allows. Window strides keep every input window at the same offset. Measured on the
// Zen 4 machine above, 64K-element f32 passes: memcpy 5.8 el/ns with the output at the
// inputs' offset, 13-14 at 1 or 2 KiB; AVX-512 relu 11.2 at 64 bytes, 13.1-13.3 at 1-2 KiB.
// Left to malloc, the relation changed from run to run and so did the figures.
constexpr std::size_t kInputOffset = 0, kGradientOffset = 1024, kOutputOffset = 2048;

template <class T>
class Pool {
 public:
  Pool(std::size_t n, std::size_t windows, std::size_t page_offset)
      : n_(n),
        stride_(RoundUpToLine<T>(n)),
        windows_(windows),
        buf_(stride_ * windows * sizeof(T), page_offset) {}
  T* window(std::size_t k) const { return static_cast<T*>(buf_.data()) + k * stride_; }
  std::size_t windows() const { return windows_; }
  std::size_t n() const { return n_; }

 private:
  std::size_t n_, stride_, windows_;
  AlignedBuffer buf_;
};

// Inputs are generated once per (dtype, distribution, size, windows) and kept: with random
// interleaving, repetitions of different benchmarks alternate, and regenerating 16M values
// for each would dominate the run.
template <class T>
const Pool<T>& InputPool(Dist dist, std::size_t n, std::size_t windows) {
  static std::map<std::tuple<Dist, std::size_t, std::size_t>, std::unique_ptr<Pool<T>>> cache;
  auto& slot = cache[{dist, n, windows}];
  if (!slot) {
    slot = std::make_unique<Pool<T>>(n, windows, kInputOffset);
    for (std::size_t k = 0; k < windows; ++k)
      Generate<T>(dist, k, std::span<T>(slot->window(k), n));
  }
  return *slot;
}

// dy for backward passes: one buffer per size (its values do not steer any kernel's branches).
template <class T>
const T* Gradients(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<Pool<T>>> cache;
  auto& slot = cache[n];
  if (!slot) {
    slot = std::make_unique<Pool<T>>(n, 1, kGradientOffset);
    GenerateGradients<T>(0, std::span<T>(slot->window(0), n));
  }
  return slot->window(0);
}

// Backward from output is fed y = f(x) from the kernel's own forward, as a framework would.
// Google Benchmark calls a benchmark function several times in a row (iteration-count probing,
// then the measured run) and a repetition's calls are never interleaved with another
// benchmark's, so caching the last pool avoids recomputing it without holding one per kernel.
template <class T>
const Pool<T>& OutputPool(const Kernel& k, Dist dist, std::size_t n, std::size_t windows) {
  static std::unique_ptr<Pool<T>> last;
  static std::tuple<const Kernel*, Dist, std::size_t, std::size_t> last_key;
  const auto key = std::make_tuple(&k, dist, n, windows);
  if (!last || last_key != key) {
    const Pool<T>& x = InputPool<T>(dist, n, windows);
    last.reset();  // free the previous pool before allocating: 16M f64 is 128 MB per window
    last = std::make_unique<Pool<T>>(n, windows, kInputOffset);
    for (std::size_t w = 0; w < windows; ++w) k.ops<T>().forward(x.window(w), last->window(w), n);
    last_key = key;
  }
  return *last;
}

// The destination of every pass: one buffer, reused (outputs are written, never read back).
template <class T>
T* Scratch(std::size_t n) {
  static std::unique_ptr<Pool<T>> buf;
  if (!buf || buf->n() < n) {
    buf.reset();
    buf = std::make_unique<Pool<T>>(n, 1, kOutputOffset);
  }
  return buf->window(0);
}

template <class T>
bool HasDirection(const Ops<T>& ops, Direction d) {
  switch (d) {
    case Direction::kForward: return ops.forward != nullptr;
    case Direction::kBackwardX: return ops.backward_x != nullptr;
    case Direction::kBackwardY: return ops.backward_y != nullptr;
  }
  return false;
}
bool HasDirection(const Kernel& k, Direction d) {
  return k.dtype == DType::kF32 ? HasDirection(k.f32, d) : HasDirection(k.f64, d);
}

// ---------------------------------------------------------------------------------------------
// Benchmark bodies

void SetCounters(benchmark::State& state, std::size_t n, std::size_t bytes_per_elem) {
  const auto elems = static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n);
  state.SetItemsProcessed(elems);
  state.SetBytesProcessed(elems * static_cast<std::int64_t>(bytes_per_elem));
  // n per iteration, divided by the time, inverted: seconds per element. Kept in seconds
  // because the console prints an inverted rate as a time ("3.5ns"); the JSON holds 3.5e-09.
  state.counters["time_per_elem"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate |
                                                     benchmark::Counter::kInvert);
}

std::string Label(std::string_view act, std::string_view family, std::string_view isa,
                  std::string_view dtype, std::size_t windows) {
  std::string s;
  s.append("act=").append(act).append(" family=").append(family).append(" isa=").append(isa);
  s.append(" dtype=").append(dtype).append(" windows=").append(std::to_string(windows));
  return s;
}

// The reason a kernel cannot run here, or empty. ISAs named by --skip-isa are treated as
// absent, which exercises the skip path on a CPU that has everything.
std::string SkipReason(const Kernel& k, const std::vector<Isa>& skip_isas) {
  const std::string isa(Name(k.isa));
  if (std::find(skip_isas.begin(), skip_isas.end(), k.isa) != skip_isas.end())
    return "isa " + isa + " disabled by --skip-isa";
  if (!CpuSupports(k)) return "isa " + isa + " not supported by this CPU";
  return "";
}

template <class T>
void RunKernel(benchmark::State& state, const Kernel& k, Direction dir, Dist dist, std::size_t n,
               std::size_t windows, const std::string& skip) {
  // The label goes first so that skipped rows still say what the kernel is.
  state.SetLabel(Label(Name(k.activation), k.family, Name(k.isa), Name(k.dtype), windows));
  if (!skip.empty()) {
    state.SkipWithError(skip.c_str());
    return;
  }
  const Ops<T>& ops = k.ops<T>();
  T* out = Scratch<T>(n);
  std::size_t w = 0;
  switch (dir) {
    case Direction::kForward: {
      const Pool<T>& x = InputPool<T>(dist, n, windows);
      for (auto _ : state) {
        ops.forward(x.window(w), out, n);
        benchmark::DoNotOptimize(out);
        benchmark::ClobberMemory();
        if (++w == windows) w = 0;
      }
      break;
    }
    case Direction::kBackwardX:
    case Direction::kBackwardY: {
      const Pool<T>& v = dir == Direction::kBackwardX ? InputPool<T>(dist, n, windows)
                                                      : OutputPool<T>(k, dist, n, windows);
      const auto backward = dir == Direction::kBackwardX ? ops.backward_x : ops.backward_y;
      const T* dy = Gradients<T>(n);
      for (auto _ : state) {
        backward(v.window(w), dy, out, n);
        benchmark::DoNotOptimize(out);
        benchmark::ClobberMemory();
        if (++w == windows) w = 0;
      }
      break;
    }
  }
  SetCounters(state, n, BytesPerElement(dir, sizeof(T)));
}

void RunBaseline(benchmark::State& state, const Baseline& b, std::size_t n, std::size_t windows) {
  // The same pool shape as a forward pass over uniform inputs, so the traffic matches.
  const Pool<float>& x = InputPool<float>(Dist::kUniform, n, windows);
  float* out = Scratch<float>(n);
  std::size_t w = 0;
  for (auto _ : state) {
    b.copy(x.window(w), out, n);
    benchmark::DoNotOptimize(out);
    benchmark::ClobberMemory();
    if (++w == windows) w = 0;
  }
  SetCounters(state, n, BytesPerElement(Direction::kForward, sizeof(float)));
  state.SetLabel(Label("baseline", "baseline", b.isa(), "f32", windows));
}

// ---------------------------------------------------------------------------------------------
// Command line

constexpr std::size_t kKi = 1024, kMi = 1024 * 1024;
constexpr std::size_t kDefaultSizes[] = {2 * kKi, 64 * kKi, 1 * kMi, 16 * kMi};
constexpr std::size_t kQuickSizes[] = {2 * kKi, 16 * kMi};
constexpr std::size_t kMaxSize = 256 * kMi;  // 2 GiB of f64 per buffer: a typo, not a size

int Usage(std::FILE* out) {
  std::fprintf(out, R"(usage: actbench-bench [options] [--benchmark_* flags]

Throughput of every registered kernel (actbench-kernels lists them), forward and backward,
at sizes that sit in each cache level, for several input distributions, next to copy
baselines. Kernels whose ISA this CPU lacks are reported as skipped (error_occurred in JSON).

Selection:
  --kernels=GLOB[,GLOB]   kernel ids to run (shell globs, e.g. 'sigmoid/*'; default: all).
                          The copy baselines (baseline/memcpy, baseline/copy-loop,
                          baseline/copy-nt) run with any selection; 'baseline/*' alone runs
                          only them
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
                          L1, L2, L3, DRAM for f32 on a 32 KB L1d / 1 MB L2 / 32 MB L3 core)
  --windows=N             distinct input buffers each benchmark cycles through, one per
                          iteration (default: enough for 128K elements in all, at most 64, so
                          branch predictors cannot learn the inputs; 1 replays one buffer)
  --skip-isa=LIST         report kernels of these ISAs (scalar,sse4.2,avx2,avx512) as
                          skipped, as if the CPU lacked them

Presets (explicit --benchmark_* flags and the options above override them):
  --full    (default) every size and distribution; --benchmark_repetitions=5
            --benchmark_min_time=0.1
  --quick   sizes 2k,16m, distribution uniform; --benchmark_repetitions=3
            --benchmark_min_time=0.01 (the whole registry in a few minutes)
  Both add --benchmark_enable_random_interleaving=true and
  --benchmark_display_aggregates_only=true (the console shows mean/median/stddev/cv; the
  JSON file keeps every repetition, which scripts/collect-bench needs for min/max).

Output: --benchmark_out=FILE --benchmark_out_format=json writes the report that
scripts/collect-bench turns into reports/bench.csv. FILE is written to a temporary name in
its folder and renamed when the run completes, so an interrupted run leaves no partial file.

Benchmark names: <kernel-id>:<direction>/<dist>/<size>, e.g.
  sigmoid/exp-div/scalar/f32:forward/uniform/2048
  baseline/memcpy:forward/none/16777216     (baselines copy float data; dist is "none")
Counters: items_per_second (elements/s), bytes_per_second (bytes read + written, per
second), time_per_elem (seconds per element in the JSON; the console shows e.g. 3.5ns).
The label carries act=, family=, isa=, dtype= and windows=.
The JSON context records cpu_model, isa, compiler, compiler_flags, kernel_flags, build_type,
git_revision, mxcsr (FTZ/DAZ), hostname, date_utc and the actbench_* run settings.

Google Benchmark's own flags follow.
)");
  return out == stdout ? 0 : 2;
}

struct Options {
  bool quick = false;
  bool no_baselines = false;
  std::vector<std::size_t> sizes;
  std::string kernels;
  std::vector<Direction> directions;
  std::vector<Dist> dists;
  std::size_t windows = 0;  // 0: WindowsFor()
  std::vector<Isa> skip_isas;
  std::string out_path;  // --benchmark_out, written through a temporary file
  std::vector<std::string> passthrough;
};

[[noreturn]] void Fail(const std::string& msg) {
  std::fprintf(stderr, "actbench-bench: %s (see --help)\n", msg.c_str());
  std::exit(2);
}

std::vector<std::string_view> SplitCommas(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0; start <= s.size();) {
    std::size_t comma = s.find(',', start);
    if (comma == std::string_view::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

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

Options ParseArgs(int argc, char** argv) {
  Options o;
  bool sizes_set = false, dists_set = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&](std::string_view flag) -> std::optional<std::string_view> {
      if (arg.substr(0, flag.size()) != flag) return std::nullopt;
      if (arg.size() == flag.size()) Fail(std::string(flag) + " needs =VALUE");
      if (arg[flag.size()] != '=') return std::nullopt;
      return arg.substr(flag.size() + 1);
    };
    if (arg == "-h" || arg == "--help") {
      Usage(stdout);
      benchmark::PrintDefaultHelp();
      std::exit(0);
    } else if (arg == "--quick") {
      o.quick = true;
    } else if (arg == "--full") {
      o.quick = false;
    } else if (arg == "--no-baselines") {
      o.no_baselines = true;
    } else if (auto v = value("--sizes")) {
      o.sizes.clear();
      for (std::string_view s : SplitCommas(*v)) o.sizes.push_back(ParseSize(s));
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
      constexpr Isa kIsas[] = {Isa::kScalar, Isa::kSse42, Isa::kAvx2, Isa::kAvx512};
      o.skip_isas = ParseList<Isa>("--skip-isa", *v, kIsas, [](Isa i) { return Name(i); });
    } else if (auto v = value("--windows")) {
      const std::string s(*v);
      char* end = nullptr;
      errno = 0;
      const unsigned long long w = std::strtoull(s.c_str(), &end, 10);
      if (s.empty() || *end != '\0' || errno != 0 || w < 1 || w > 1024)
        Fail("--windows wants a count in [1, 1024], got '" + s + "'");
      o.windows = static_cast<std::size_t>(w);
    } else if (auto v = value("--benchmark_out")) {
      o.out_path = std::string(*v);
      if (o.out_path.empty()) Fail("--benchmark_out needs a file name");
    } else if (arg.substr(0, 12) == "--benchmark_" || arg.substr(0, 4) == "--v=") {
      o.passthrough.emplace_back(arg);
    } else {
      Fail("unknown argument '" + std::string(arg) + "'");
    }
  }
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

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) out.append(out.empty() ? "" : sep).append(p);
  return out;
}

std::string BenchmarkName(std::string_view id, Direction d, std::string_view dist, std::size_t n) {
  std::string name(id);
  name.append(":").append(Name(d)).append("/").append(dist).append("/").append(std::to_string(n));
  return name;
}

// Registers every selected (kernel, direction, distribution, size) and baseline; returns the
// number registered.
std::size_t RegisterAll(const Options& o, const std::vector<const Kernel*>& kernels,
                        const std::vector<const Baseline*>& baselines) {
  std::size_t count = 0;
  auto windows_for = [&o](std::size_t n) { return o.windows != 0 ? o.windows : WindowsFor(n); };
  for (const Kernel* k : kernels) {
    const std::string skip = SkipReason(*k, o.skip_isas);
    for (Direction d : o.directions) {
      if (!HasDirection(*k, d)) continue;
      for (Dist dist : o.dists) {
        for (std::size_t n : o.sizes) {
          const std::size_t w = windows_for(n);
          const std::string name = BenchmarkName(k->id, d, Name(dist), n);
          benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& s) {
            if (k->dtype == DType::kF32)
              RunKernel<float>(s, *k, d, dist, n, w, skip);
            else
              RunKernel<double>(s, *k, d, dist, n, w, skip);
          });
          ++count;
        }
      }
    }
  }
  const bool forward = std::find(o.directions.begin(), o.directions.end(), Direction::kForward) !=
                       o.directions.end();
  for (const Baseline* b : forward ? baselines : std::vector<const Baseline*>{}) {
    for (std::size_t n : o.sizes) {
      const std::size_t w = windows_for(n);
      const std::string name = BenchmarkName(b->id, Direction::kForward, "none", n);
      benchmark::RegisterBenchmark(name.c_str(),
                                   [b, n, w](benchmark::State& s) { RunBaseline(s, *b, n, w); });
      ++count;
    }
  }
  return count;
}

int Main(int argc, char** argv) {
  Options o = ParseArgs(argc, argv);

  std::vector<const Kernel*> kernels = MatchKernels(o.kernels);
  // Baselines run with any kernel selection (they are cheap, and every plot of a subset
  // wants its roofline) unless --no-baselines; globs that name them select them regardless.
  std::vector<const Baseline*> named, baselines;
  const auto globs = SplitCommas(o.kernels);
  for (const Baseline& b : AllBaselines()) {
    const bool match =
        std::any_of(globs.begin(), globs.end(), [&](auto g) { return GlobMatch(g, b.id); });
    if (match) named.push_back(&b);
    if (match || !o.no_baselines) baselines.push_back(&b);
  }
  if (kernels.empty() && named.empty()) {
    std::fprintf(stderr, "actbench-bench: no kernel matches '%s'. Close ids:\n", o.kernels.c_str());
    for (std::string_view g : globs) {
      std::string bare;
      for (char c : g)
        if (c != '*' && c != '?') bare += c;
      for (std::string_view id : SimilarIds(bare, 3))
        std::fprintf(stderr, "  %.*s\n", static_cast<int>(id.size()), id.data());
    }
    return 2;
  }
  for (const Kernel* k : kernels) {
    // The name format <id>:<direction>/... is parsed by scripts/collect-bench.
    if (k->id.find(':') != std::string_view::npos) {
      std::fprintf(stderr, "actbench-bench: kernel id '%.*s' contains ':'\n",
                   static_cast<int>(k->id.size()), k->id.data());
      return 2;
    }
  }

  // Defaults first: Google Benchmark keeps the last value of a repeated flag, so the
  // user's own --benchmark_* flags, which follow, win.
  std::vector<std::string> args = {argv[0]};
  args.push_back(o.quick ? "--benchmark_repetitions=3" : "--benchmark_repetitions=5");
  args.push_back(o.quick ? "--benchmark_min_time=0.01" : "--benchmark_min_time=0.1");
  args.push_back("--benchmark_enable_random_interleaving=true");
  args.push_back("--benchmark_display_aggregates_only=true");
  args.insert(args.end(), o.passthrough.begin(), o.passthrough.end());
  std::filesystem::path out_tmp;
  if (!o.out_path.empty()) {
    const std::filesystem::path out(o.out_path);
    out_tmp = out;
    out_tmp += ".tmp." + std::to_string(getpid());
    args.push_back("--benchmark_out=" + out_tmp.string());
  }
  std::vector<char*> cargv;
  for (auto& a : args) cargv.push_back(a.data());
  int cargc = static_cast<int>(cargv.size());
  cargv.push_back(nullptr);
  benchmark::Initialize(&cargc, cargv.data(), [] { Usage(stdout); });
  if (benchmark::ReportUnrecognizedArguments(cargc, cargv.data())) return 2;

  for (const auto& [key, value] : RunContext()) benchmark::AddCustomContext(key, value);
  for (const auto& [lib, version] : actbench::PeerVersions())
    benchmark::AddCustomContext("peer_" + lib, version);
  std::vector<std::string> command;
  for (int i = 0; i < argc; ++i) command.emplace_back(argv[i]);
  benchmark::AddCustomContext("actbench_command", Join(command, " "));
  benchmark::AddCustomContext("actbench_preset", o.quick ? "quick" : "full");
  std::vector<std::string> sizes, dists, dirs;
  for (std::size_t n : o.sizes) sizes.push_back(std::to_string(n));
  for (Dist d : o.dists) dists.emplace_back(Name(d));
  for (Direction d : o.directions) dirs.emplace_back(Name(d));
  benchmark::AddCustomContext("actbench_sizes", Join(sizes, ","));
  benchmark::AddCustomContext("actbench_dists", Join(dists, ","));
  benchmark::AddCustomContext("actbench_directions", Join(dirs, ","));
  benchmark::AddCustomContext("actbench_windows", o.windows ? std::to_string(o.windows)
                                                            : "auto (pool of >= 131072 elements)");

  RegisterAll(o, kernels, baselines);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();

  if (!out_tmp.empty() && std::filesystem::exists(out_tmp)) {
    std::error_code ec;
    std::filesystem::rename(out_tmp, o.out_path, ec);
    if (ec) {
      std::fprintf(stderr, "actbench-bench: cannot rename %s to %s: %s\n", out_tmp.c_str(),
                   o.out_path.c_str(), ec.message().c_str());
      return 1;
    }
  }
  return 0;
}

}  // namespace
}  // namespace actbench::bench

int main(int argc, char** argv) { return actbench::bench::Main(argc, argv); }
