// actbench-kernels: lists every registered kernel, what it does and whether this CPU runs it.
#include <cstdio>
#include <cstring>
#include <string>

#include "actbench/registry.h"

namespace {

std::string ClaimText(double ulp) {
  if (ulp == actbench::kNoClaim) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", ulp);
  return buf;
}

int Usage(std::FILE* out) {
  std::fprintf(out,
               "usage: actbench-kernels [--csv] [GLOB[,GLOB...]]\n"
               "Lists registered kernels (all, or those whose id matches a glob).\n"
               "  --csv   machine-readable output: id,activation,family,isa,dtype,runs_here,\n"
               "          backward_y,claim_value_ulp,claim_grad_x_ulp,claim_grad_y_ulp,quirks,"
               "description\n");
  return out == stdout ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  bool csv = false;
  std::string pattern;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--csv")) csv = true;
    else if (!std::strcmp(argv[i], "-h") || !std::strcmp(argv[i], "--help")) return Usage(stdout);
    else if (argv[i][0] == '-') {
      std::fprintf(stderr, "actbench-kernels: unknown option '%s'\n", argv[i]);
      return Usage(stderr);
    } else if (pattern.empty()) pattern = argv[i];
    else {
      std::fprintf(stderr, "actbench-kernels: give one pattern (comma-separate several globs)\n");
      return Usage(stderr);
    }
  }
  const auto kernels = actbench::MatchKernels(pattern);
  if (kernels.empty()) {
    std::fprintf(stderr, "actbench-kernels: no kernel matches '%s'. Close ids:\n", pattern.c_str());
    for (auto id : actbench::SimilarIds(pattern))
      std::fprintf(stderr, "  %.*s\n", static_cast<int>(id.size()), id.data());
    return 1;
  }
  if (csv)
    std::printf("id,activation,family,isa,dtype,runs_here,backward_y,claim_value_ulp,"
                "claim_grad_x_ulp,claim_grad_y_ulp,quirks,description\n");
  for (const actbench::Kernel* k : kernels) {
    const bool runs = actbench::CpuSupports(*k);
    const auto act = actbench::Name(k->activation), isa = actbench::Name(k->isa),
               dt = actbench::Name(k->dtype);
    if (csv) {
      std::printf("%.*s,%.*s,%.*s,%.*s,%.*s,%d,%d,%s,%s,%s,%s,\"%.*s\"\n",
                  static_cast<int>(k->id.size()), k->id.data(), static_cast<int>(act.size()),
                  act.data(), static_cast<int>(k->family.size()), k->family.data(),
                  static_cast<int>(isa.size()), isa.data(), static_cast<int>(dt.size()), dt.data(),
                  runs, k->has_backward_y(), ClaimText(k->claim.value).c_str(),
                  ClaimText(k->claim.grad_x).c_str(), ClaimText(k->claim.grad_y).c_str(),
                  actbench::QuirkNames(k->quirks).c_str(),
                  static_cast<int>(k->description.size()), k->description.data());
    } else {
      std::printf("%-40.*s %-10.*s %-7s ulp(value/dx/dy-from-y) %s/%s/%s\n    %.*s\n",
                  static_cast<int>(k->id.size()), k->id.data(), static_cast<int>(k->family.size()),
                  k->family.data(), runs ? "runs" : "SKIPPED", ClaimText(k->claim.value).c_str(),
                  ClaimText(k->claim.grad_x).c_str(), ClaimText(k->claim.grad_y).c_str(),
                  static_cast<int>(k->description.size()), k->description.data());
    }
  }
  if (!csv) {
    std::printf("\npeer libraries in this build:");
    for (const auto& [lib, version] : actbench::PeerVersions())
      std::printf(" %s %s;", lib.c_str(), version.c_str());
    std::printf("\n");
  }
  return 0;
}
