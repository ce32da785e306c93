// Run context for the benchmark JSON (see run_context.h).
#include "run_context.h"

#include <cstdio>

#include "util/run_info.h"
#include "actbench/registry.h"
#include "build_info.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <xmmintrin.h>
#define ACTBENCH_X86 1
#else
#define ACTBENCH_X86 0
#endif

namespace actbench::bench {

std::string CpuModel() {
  std::string model = runinfo::CpuModel();
#if ACTBENCH_X86
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
    unsigned family = (eax >> 8) & 0xF, cpu_model = (eax >> 4) & 0xF;
    if (family == 0xF) family += (eax >> 20) & 0xFF;
    if (family >= 0x6) cpu_model += ((eax >> 16) & 0xF) << 4;
    char buf[96];
    std::snprintf(buf, sizeof buf, " (family 0x%x model 0x%x stepping %u)", family, cpu_model,
                  eax & 0xF);
    model += buf;
  }
#endif
  return model;
}

std::string IsaFlags() {
#if ACTBENCH_X86
  __builtin_cpu_init();
  std::string out;
  auto add = [&out](bool has, const char* name) {
    if (!has) return;
    if (!out.empty()) out += ' ';
    out += name;
  };
  // __builtin_cpu_supports needs string literals, hence the repetition.
  add(__builtin_cpu_supports("sse4.2"), "sse4.2");
  add(__builtin_cpu_supports("avx"), "avx");
  add(__builtin_cpu_supports("avx2"), "avx2");
  add(__builtin_cpu_supports("fma"), "fma");
  add(__builtin_cpu_supports("f16c"), "f16c");
  add(__builtin_cpu_supports("avx512f"), "avx512f");
  add(__builtin_cpu_supports("avx512dq"), "avx512dq");
  add(__builtin_cpu_supports("avx512bw"), "avx512bw");
  add(__builtin_cpu_supports("avx512vl"), "avx512vl");
  add(__builtin_cpu_supports("avx512cd"), "avx512cd");
  add(__builtin_cpu_supports("avx512ifma"), "avx512ifma");
  add(__builtin_cpu_supports("avx512vbmi"), "avx512vbmi");
  add(__builtin_cpu_supports("avx512vnni"), "avx512vnni");
  add(__builtin_cpu_supports("avx512bf16"), "avx512bf16");
  add(__builtin_cpu_supports("avx512fp16"), "avx512fp16");
  return out.empty() ? "none" : out;
#else
  return "unknown";
#endif
}

std::string FtzDaz() {
#if ACTBENCH_X86
  const unsigned csr = _mm_getcsr();
  return std::string("ftz=") + ((csr >> 15) & 1 ? "1" : "0") +
         " daz=" + ((csr >> 6) & 1 ? "1" : "0");
#else
  return "unknown";
#endif
}

std::vector<std::pair<std::string, std::string>> RunContext() {
  std::vector<std::pair<std::string, std::string>> out = {
      {"cpu_model", CpuModel()},
      {"isa", IsaFlags()},
      {"compiler", runinfo::Compiler()},
      {"compiler_flags", ACTBENCH_CXX_FLAGS},
      {"kernel_flags", ACTBENCH_KERNEL_FLAGS},
      {"build_type", ACTBENCH_BUILD_TYPE},
      {"git_revision", runinfo::GitRevision()},
      {"mxcsr", FtzDaz()},
      {"hostname", runinfo::Hostname()},
      {"date_utc", runinfo::IsoDateUtc()},
      {"actbench_kernels", std::to_string(AllKernels().size())},
  };
  for (auto& kv : runinfo::MachineState()) out.push_back(std::move(kv));
  return out;
}

}  // namespace actbench::bench
