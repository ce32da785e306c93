// actbench-bench: Google Benchmark over every registered kernel and direction, at sizes that
// sit in each cache level, for several input distributions, next to copy baselines that show
// the memory roofline. Benchmarks are registered from the kernel registry at run time, so a
// new kernel is measured without touching this file. Flags and names: options.cc (Usage).
#include <benchmark/benchmark.h>
#include <sched.h>
#include <signal.h>
#include <xmmintrin.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "actbench/registry.h"
#include "baselines.h"
#include "inputs.h"
#include "options.h"
#include "pools.h"
#include "run_context.h"
#include "util/run_info.h"
#include "util/split.h"

namespace actbench::bench {
namespace {

// The temporary report of a running benchmark, removed when a signal ends the run (the
// handler may only call async-signal-safe functions: unlink, signal, raise).
char g_out_tmp[4096];

extern "C" void RemoveTemporaryReportAndDie(int sig) {
  if (g_out_tmp[0] != '\0') unlink(g_out_tmp);
  signal(sig, SIG_DFL);
  raise(sig);
}

// Temporary reports (.NAME.tmp.PID) that a run killed outright (SIGKILL, a crash) left next to
// `report`: removed when their process is gone.
void RemoveStaleTemporaries(const std::filesystem::path& report) {
  namespace fs = std::filesystem;
  std::string prefix = ".";  // appended: GCC 12's -Wrestrict misfires on "." + std::string
  prefix += report.filename().string();
  prefix += ".tmp.";
  std::error_code ec;
  const fs::path dir = report.has_parent_path() ? report.parent_path() : fs::path(".");
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const std::string pid = name.substr(prefix.size());
    if (pid.empty() || pid.size() > 9 || !std::all_of(pid.begin(), pid.end(), [](char c) {
          return c >= '0' && c <= '9';
        }))
      continue;
    if (kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH)
      fs::remove(e.path(), ec);
  }
}

bool HasDirection(const Kernel& k, Direction d) {
  switch (d) {
    case Direction::kForward: return k.erased.forward != nullptr;
    case Direction::kBackwardX: return k.erased.backward_x != nullptr;
    case Direction::kBackwardY: return k.erased.backward_y != nullptr;
  }
  return false;
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

// The pools are shared caches: with --threads, every thread of a benchmark sets up at once.
std::mutex g_setup;

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
  // With several threads (--threads), each one takes its own slice of the same arrays, one
  // kernel call per iteration, as a framework splits a large tensor over its cores.
  const auto threads = static_cast<std::size_t>(state.threads());
  const auto t = static_cast<std::size_t>(state.thread_index());
  const std::size_t lo = n * t / threads, hi = n * (t + 1) / threads, m = hi - lo;
  std::unique_lock<std::mutex> setup(g_setup);
  T* out = Scratch<T>(n) + lo;
  std::size_t w = 0;
  switch (dir) {
    case Direction::kForward: {
      const Pool<T>& x = InputPool<T>(dist, n, windows);
      setup.unlock();
      for (auto _ : state) {
        ops.forward(x.window(w) + lo, out, m);
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
      const T* dy = Gradients<T>(n) + lo;
      setup.unlock();
      for (auto _ : state) {
        backward(v.window(w) + lo, dy, out, m);
        benchmark::DoNotOptimize(out);
        benchmark::ClobberMemory();
        if (++w == windows) w = 0;
      }
      break;
    }
  }
  SetCounters(state, m, BytesPerElement(dir, sizeof(T)));
}

template <class T>
void RunBaselineOf(benchmark::State& state, const Baseline& b, std::size_t n, std::size_t windows) {
  // The same pool shape as a forward pass over uniform inputs, so the traffic matches.
  const Pool<T>& x = InputPool<T>(Dist::kUniform, n, windows);
  T* out = Scratch<T>(n);
  std::size_t w = 0;
  for (auto _ : state) {
    b.copy(x.window(w), out, n);
    benchmark::DoNotOptimize(out);
    benchmark::ClobberMemory();
    if (++w == windows) w = 0;
  }
  SetCounters(state, n, BytesPerElement(Direction::kForward, sizeof(T)));
  state.SetLabel(Label("baseline", "baseline", b.isa(), b.dtype, windows));
}

void RunBaseline(benchmark::State& state, const Baseline& b, std::size_t n, std::size_t windows) {
  if (b.elem_bytes == sizeof(bf16))
    RunBaselineOf<bf16>(state, b, n, windows);
  else
    RunBaselineOf<float>(state, b, n, windows);
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
          auto body = [=](benchmark::State& s) {
            VisitDType(k->dtype,
                       [&](auto zero) { RunKernel<decltype(zero)>(s, *k, d, dist, n, w, skip); });
          };
          benchmark::RegisterBenchmark(name.c_str(), body);
          ++count;
          // All cores on the large sizes: Google Benchmark names it <name>/real_time/threads:N
          // and measures wall time.
          if (o.threads > 1 && n >= o.threads_min_size) {
            benchmark::RegisterBenchmark(name.c_str(), body)->Threads(o.threads)->UseRealTime();
            ++count;
          }
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
  // The environment is set, not inherited: recorded in the context (mxcsr) either way.
  _mm_setcsr(o.ftz ? 0x9fc0u : 0x1f80u);
  if (o.pin_cpu >= 0) {
    cpu_set_t allowed, one;
    CPU_ZERO(&allowed);
    CPU_ZERO(&one);
    CPU_SET(o.pin_cpu, &one);
    sched_getaffinity(0, sizeof allowed, &allowed);
    if (!CPU_ISSET(o.pin_cpu, &allowed) || sched_setaffinity(0, sizeof one, &one) != 0) {
      std::vector<int> cpus;
      for (int c = 0; c < CPU_SETSIZE; ++c)
        if (CPU_ISSET(c, &allowed)) cpus.push_back(c);
      Fail("--pin " + std::to_string(o.pin_cpu) + ": this process may only run on CPUs " +
           runinfo::CpuList(cpus));
    }
  }

  // Baselines run with any kernel selection (they are cheap, and every plot of a subset
  // wants its roofline) unless --no-baselines; globs that name them select them regardless.
  std::vector<std::string_view> baseline_ids;
  for (const Baseline& b : AllBaselines()) baseline_ids.push_back(b.id);
  if (!o.kernels.empty()) {
    const std::string error = CheckSelection(o.kernels, baseline_ids);
    if (!error.empty()) Fail(error);
  }
  std::vector<const Kernel*> kernels = MatchKernels(o.kernels);
  std::vector<const Baseline*> baselines;
  const auto globs = SplitCommas(o.kernels);
  for (const Baseline& b : AllBaselines()) {
    const bool named =
        std::any_of(globs.begin(), globs.end(), [&](auto g) { return GlobMatch(g, b.id); });
    if (named || !o.no_baselines) baselines.push_back(&b);
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
  switch (o.preset) {
    case Preset::kFull:
      args.push_back("--benchmark_repetitions=5");
      args.push_back("--benchmark_min_time=0.1");
      break;
    case Preset::kQuick:
      args.push_back("--benchmark_repetitions=3");
      args.push_back("--benchmark_min_time=0.01");
      break;
    case Preset::kAb:
      args.push_back("--benchmark_repetitions=12");
      args.push_back("--benchmark_min_time=0.02");
      break;
  }
  args.push_back("--benchmark_enable_random_interleaving=true");
  args.push_back("--benchmark_display_aggregates_only=true");
  args.insert(args.end(), o.passthrough.begin(), o.passthrough.end());
  // Google Benchmark writes the report to a temporary file; it is published (WriteFileAtomic:
  // a regular file replaced atomically, a device or FIFO written through) only when the run
  // measured something, so a filter that matches nothing or a listing leaves the old report.
  std::filesystem::path out_tmp;
  if (!o.out_path.empty()) {
    std::error_code ec;
    const auto st = std::filesystem::status(o.out_path, ec);  // follows symbolic links
    const bool regular_or_new =
        st.type() == std::filesystem::file_type::regular ||
        st.type() == std::filesystem::file_type::not_found;
    // Next to the report when it is a file (same file system, no space surprises), else in
    // the temporary directory (a device's folder, such as /dev, is no place for it).
    const std::filesystem::path report =
        regular_or_new ? std::filesystem::path(o.out_path)
                       : std::filesystem::temp_directory_path() / "actbench-bench.json";
    RemoveStaleTemporaries(report);
    // Appended piece by piece: GCC 12's -Wrestrict misfires on "." + std::string at -O3.
    std::string name = ".";
    name += report.filename().string();
    name += ".tmp.";
    name += std::to_string(getpid());
    out_tmp = report.parent_path() / name;
    if (out_tmp.native().size() >= sizeof g_out_tmp) Fail("--benchmark_out path too long");
    std::memcpy(g_out_tmp, out_tmp.c_str(), out_tmp.native().size() + 1);
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) signal(sig, RemoveTemporaryReportAndDie);
    args.push_back("--benchmark_out=" + out_tmp.string());
  }
  const bool list_only = std::any_of(o.passthrough.begin(), o.passthrough.end(), [](const std::string& a) {
    return a == "--benchmark_list_tests" || a == "--benchmark_list_tests=true" ||
           a == "--benchmark_list_tests=1";
  });
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
  benchmark::AddCustomContext("actbench_preset", std::string(Name(o.preset)));
  benchmark::AddCustomContext("actbench_pin", o.pin_cpu < 0 ? "none" : std::to_string(o.pin_cpu));
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
  const std::size_t matched = benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();

  int rc = 0;
  if (matched == 0 && !list_only) {
    std::fprintf(stderr,
                 "actbench-bench: no benchmark matched the selection (--benchmark_filter='%s')%s\n",
                 benchmark::GetBenchmarkFilter().c_str(),
                 o.out_path.empty() ? "" : ("; " + o.out_path + " is left as it was").c_str());
    rc = 2;
  } else if (!out_tmp.empty() && !list_only && std::filesystem::exists(out_tmp)) {
    std::ifstream in(out_tmp, std::ios::binary);
    const std::string report((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string error;
    if (!in.good() && !in.eof()) {
      std::fprintf(stderr, "actbench-bench: cannot read %s\n", out_tmp.c_str());
      rc = 1;
    } else if (!runinfo::WriteFileAtomic(o.out_path, report, &error)) {
      std::fprintf(stderr, "actbench-bench: %s\n", error.c_str());
      rc = 1;
    }
  }
  if (!out_tmp.empty()) {
    std::error_code ec;
    std::filesystem::remove(out_tmp, ec);
    g_out_tmp[0] = '\0';
  }
  return rc;
}

}  // namespace
}  // namespace actbench::bench

int main(int argc, char** argv) { return actbench::bench::Main(argc, argv); }
