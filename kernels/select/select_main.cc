// actbench-select: which kernel run-time selection picks on this CPU for an accuracy budget,
// and why (actbench/select.h). With --tiers, the pick for each of the report's ULP tiers.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "actbench/registry.h"
#include "actbench/select.h"

namespace {

int Usage(std::FILE* out) {
  std::fprintf(out,
               "usage: actbench-select ACTIVATION [--dtype f32|f64|bf16|f16]\n"
               "         [--direction forward|backward_x|backward_y] [--value-ulp N]\n"
               "         [--grad-ulp N] [--fp-env default|ftz] [--skip-isa LIST] [--tiers]\n"
               "Prints the kernel that run-time selection picks on this CPU: the fastest in the\n"
               "checked-in speed ranking among the kernels this CPU runs whose declared accuracy\n"
               "meets the budget (ULP of the dtype; default: unbounded).\n"
               "  --skip-isa LIST  treat these ISAs as missing (e.g. avx512,avx512bf16)\n"
               "  --tiers          the pick for each ULP tier of the report (1ulp and 4ulp for\n"
               "                   f32/f64; cr, 1ulp and 2ulp for bf16/f16), one line each\n"
               "Exit status: 0 a kernel was picked (with --tiers: always), 1 none meets the\n"
               "budget or runs here, 2 bad arguments.\n");
  return out == stdout ? 0 : 2;
}

bool ParseDouble(const char* s, double* out) {
  char* end = nullptr;
  *out = std::strtod(s, &end);
  return end != s && *end == '\0' && *out >= 0;
}

}  // namespace

int main(int argc, char** argv) {
  actbench::SelectRequest r;
  bool tiers = false, have_act = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "-h" || a == "--help") return Usage(stdout);
    if (a == "--tiers") {
      tiers = true;
    } else if (a == "--dtype" && has_value) {
      const auto d = actbench::ParseDType(argv[++i]);
      if (!d) return std::fprintf(stderr, "actbench-select: unknown dtype %s\n", argv[i]), 2;
      r.dtype = *d;
    } else if (a == "--direction" && has_value) {
      const auto d = actbench::ParseDirection(argv[++i]);
      if (!d) return std::fprintf(stderr, "actbench-select: unknown direction %s\n", argv[i]), 2;
      r.direction = *d;
    } else if (a == "--value-ulp" && has_value) {
      if (!ParseDouble(argv[++i], &r.max_value_ulp))
        return std::fprintf(stderr, "actbench-select: bad --value-ulp %s\n", argv[i]), 2;
    } else if (a == "--grad-ulp" && has_value) {
      if (!ParseDouble(argv[++i], &r.max_grad_ulp))
        return std::fprintf(stderr, "actbench-select: bad --grad-ulp %s\n", argv[i]), 2;
    } else if (a == "--fp-env" && has_value) {
      const std::string_view e = argv[++i];
      if (e != "default" && e != "ftz")
        return std::fprintf(stderr, "actbench-select: --fp-env is default or ftz\n"), 2;
      r.fp_env = e == "ftz" ? actbench::FpEnv::kFtz : actbench::FpEnv::kDefault;
    } else if (a == "--skip-isa" && has_value) {
      const auto bits = actbench::ParseIsaList(argv[++i]);
      if (!bits)
        return std::fprintf(stderr, "actbench-select: unknown ISA in %s (scalar, sse4.2, avx2, "
                                    "avx512, avx512bf16)\n", argv[i]), 2;
      r.skip_isas = *bits;
    } else if (!a.empty() && a[0] != '-' && !have_act) {
      const auto act = actbench::ParseActivation(a);
      if (!act) return std::fprintf(stderr, "actbench-select: unknown activation %s\n", argv[i]), 2;
      r.activation = *act;
      have_act = true;
    } else {
      std::fprintf(stderr, "actbench-select: unexpected argument %s\n", argv[i]);
      return Usage(stderr);
    }
  }
  if (!have_act) return Usage(stderr);
  if (!tiers) {
    const actbench::Selection s = actbench::SelectKernel(r);
    std::printf("%s\n", s.reason.c_str());
    return s.kernel ? 0 : 1;
  }
  struct Tier {
    const char* name;
    double value, grad;
  };
  static constexpr Tier kWide[] = {{"1ulp", 1, 4}, {"4ulp", 4, 16}};
  static constexpr Tier kNarrow[] = {{"cr", 0.5, 0.5}, {"1ulp", 1, 1}, {"2ulp", 2, 2}};
  const bool narrow = r.dtype == actbench::DType::kBf16 || r.dtype == actbench::DType::kF16;
  for (const Tier& t : narrow ? std::span<const Tier>(kNarrow) : std::span<const Tier>(kWide)) {
    r.max_value_ulp = t.value;
    r.max_grad_ulp = t.grad;
    const actbench::Selection s = actbench::SelectKernel(r);
    std::printf("%s: %s\n", t.name, s.reason.c_str());
  }
  return 0;
}
