// Run context for the benchmark JSON (see run_context.h).
#include "run_context.h"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <ctime>
#include <fstream>

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
namespace {

std::string Trim(std::string s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

std::string CommandOutput(const std::string& command) {
  std::string out;
  if (std::FILE* p = popen(command.c_str(), "r")) {
    std::array<char, 256> buf;
    while (std::fgets(buf.data(), static_cast<int>(buf.size()), p)) out += buf.data();
    if (pclose(p) != 0) return "";
  }
  return Trim(out);
}

std::string ProcCpuinfoModel() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return Trim(line.substr(colon + 1));
    }
  }
  return "unknown";
}

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Hostname() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

}  // namespace

std::string CpuModel() {
#if ACTBENCH_X86
  unsigned regs[12] = {};
  unsigned max_ext = __get_cpuid_max(0x80000000u, nullptr);
  std::string brand;
  if (max_ext >= 0x80000004u) {
    for (unsigned i = 0; i < 3; ++i)
      __get_cpuid(0x80000002u + i, &regs[4 * i], &regs[4 * i + 1], &regs[4 * i + 2],
                  &regs[4 * i + 3]);
    brand = Trim(std::string(reinterpret_cast<const char*>(regs), sizeof regs).c_str());
  }
  if (brand.empty()) brand = ProcCpuinfoModel();
  // Hypervisors often shorten the brand string ("AMD EPYC"); family/model identify the core.
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
    unsigned family = (eax >> 8) & 0xF, model = (eax >> 4) & 0xF;
    if (family == 0xF) family += (eax >> 20) & 0xFF;
    if (family >= 0x6) model += ((eax >> 16) & 0xF) << 4;
    char buf[96];
    std::snprintf(buf, sizeof buf, " (family 0x%x model 0x%x stepping %u)", family, model,
                  eax & 0xF);
    brand += buf;
  }
  return brand;
#else
  return ProcCpuinfoModel();
#endif
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

std::string GitRevision() {
  const std::string dir = ACTBENCH_SOURCE_DIR;
  if (dir.find('\'') == std::string::npos) {
    std::string rev =
        CommandOutput("git -C '" + dir + "' describe --always --dirty --abbrev=12 2>/dev/null");
    if (!rev.empty()) return rev;
  }
  const std::string configured = ACTBENCH_CONFIGURE_REVISION;
  return configured.empty() ? "unknown" : configured + " (at configure time)";
}

std::vector<std::pair<std::string, std::string>> RunContext() {
  return {
      {"cpu_model", CpuModel()},
      {"isa", IsaFlags()},
      {"compiler", ACTBENCH_COMPILER},
      {"compiler_flags", ACTBENCH_CXX_FLAGS},
      {"kernel_flags", ACTBENCH_KERNEL_FLAGS},
      {"build_type", ACTBENCH_BUILD_TYPE},
      {"git_revision", GitRevision()},
      {"mxcsr", FtzDaz()},
      {"hostname", Hostname()},
      {"date_utc", UtcNow()},
      {"actbench_kernels", std::to_string(AllKernels().size())},
  };
}

}  // namespace actbench::bench
