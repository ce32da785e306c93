// actbench-quirks: the quirks each kernel shows on the special-value probes (special_values.h)
// in a floating-point environment, as the special-value test sees them; scripts/gen-ftz
// declares what it prints for FTZ/DAZ (kernels/ftz.inc).
//   actbench-quirks [--fp-env default|ftz] [--kernels GLOB[,GLOB]]
// Prints `id<TAB>quirks<TAB>misbehaviour` per kernel this CPU runs: the quirk names as
// QuirkNames writes them (position-dependent, the contract test's business, carried from the
// kernel list), and the probes' findings that no quirk names, `;`-separated (empty when none).
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include "actbench/registry.h"
#include "special_values.h"

int main(int argc, char** argv) {
  using namespace actbench;
  acc::FpEnv env = acc::FpEnv::kDefault;
  std::string globs;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--fp-env" && i + 1 < argc) {
      const std::string_view v = argv[++i];
      if (v != "default" && v != "ftz") {
        std::fprintf(stderr, "actbench-quirks: --fp-env takes default or ftz, not '%s'\n", argv[i]);
        return 2;
      }
      env = v == "ftz" ? acc::FpEnv::kFtz : acc::FpEnv::kDefault;
    } else if (a == "--kernels" && i + 1 < argc) {
      globs = argv[++i];
    } else if (a == "-h" || a == "--help") {
      std::puts("usage: actbench-quirks [--fp-env default|ftz] [--kernels GLOB[,GLOB]]");
      return 0;
    } else {
      std::fprintf(stderr, "actbench-quirks: unknown argument '%s' (see --help)\n", argv[i]);
      return 2;
    }
  }
  const auto kernels = MatchKernelsOrExplain(globs, "actbench-quirks");
  if (kernels.empty()) return 2;
  for (const Kernel* k : kernels) {
    if (!CpuSupports(*k)) continue;
    VisitDType(k->dtype, [&](auto zero) {
      using T = decltype(zero);
      special::Report r = special::Evaluate<T>(*k, env);
      const special::Report dy = special::EvaluateDy<T>(*k, env);
      r.events.insert(r.events.end(), dy.events.begin(), dy.events.end());
      const std::uint32_t quirks =
          r.observed | dy.observed | (k->quirks & std::uint32_t{kPositionDependent});
      std::string other;
      for (const special::Event& e : r.events)
        if (e.quirk == 0) {
          other += (other.empty() ? "" : "; ") + e.message;
          if (!std::isnan(e.error_ulp)) other += " [" + std::to_string(e.error_ulp) + " ULP]";
        }
      std::printf("%s\t%s\t%s\n", std::string(k->id).c_str(), QuirkNames(quirks).c_str(),
                  other.c_str());
    });
  }
  return 0;
}
