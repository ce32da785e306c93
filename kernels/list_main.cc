// actbench-kernels: lists every registered kernel, what it does and whether this CPU runs it;
// with --json, also the vocabulary the scripts read (activations with their descriptor facts,
// dtypes, ISAs, families).
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actbench/registry.h"
#include "util/cli.h"

namespace {

std::string ClaimText(double ulp) {
  if (ulp == actbench::kNoClaim) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", ulp);
  return buf;
}

int Usage(std::FILE* out) {
  std::fprintf(out,
               "usage: actbench-kernels [--csv | --json] [[--kernels] GLOB[,GLOB...]]\n"
               "Lists registered kernels (all, or those whose id matches a glob).\n"
               "  --csv   machine-readable output: id,activation,family,isa,dtype,runs_here,\n"
               "          backward_y,claim_value_ulp,claim_grad_x_ulp,claim_grad_y_ulp,quirks,"
               "description\n"
               "  --json  one JSON object: the vocabulary of the reports (activations with\n"
               "          range, max_grad, symmetry, monotonic_from, bends, bend_radius,\n"
               "          grad_from_output, params; dtypes with bits, bytes, p, emin; isas from\n"
               "          least to most capable; families) and the matching kernels.\n"
               "          Infinite bounds are null; monotonic_from null means everywhere,\n"
               "          \"none\" nowhere.\n");
  return out == stdout ? 0 : 2;
}

// JSON text of a string (quotes and backslashes escaped; control characters as \u00XX).
std::string Str(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A finite number with enough digits to round-trip, or null.
std::string Num(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

void PrintJson(const std::vector<const actbench::Kernel*>& kernels) {
  using namespace actbench;
  std::string o = "{\n  \"activations\": [";
  for (std::size_t i = 0; i < kAllActivations.size(); ++i) {
    const ActivationInfo& a = kAllActivations[i];
    o += i ? ",\n    " : "\n    ";
    o += "{\"name\": " + Str(a.name) + ", \"range\": [" + Num(a.range_lo) + ", " +
         Num(a.range_hi) + "], \"max_grad\": " + Num(a.max_grad) +
         ", \"symmetry\": " + Str(Name(a.symmetry)) + ", \"monotonic_from\": " +
         (std::isnan(a.monotonic_from) ? "\"none\"" : Num(a.monotonic_from)) + ", \"bends\": [";
    for (std::size_t b = 0; b < a.bend_points.size(); ++b)
      o += (b ? ", " : "") + Num(a.bend_points[b]);
    o += "], \"bend_radius\": " + Num(a.bend_radius) +
         ", \"grad_from_output\": " + (a.has_grad_from_y ? "true" : "false") + ", \"params\": [";
    for (std::size_t p = 0; p < a.params.size(); ++p)
      o += (p ? ", " : "") + std::string("{\"name\": ") + Str(a.params[p].name) +
           ", \"default\": " + Num(a.params[p].default_value) + "}";
    o += "]}";
  }
  o += "\n  ],\n  \"dtypes\": [";
  for (std::size_t i = 0; i < kAllDTypes.size(); ++i) {
    const DTypeInfo& d = kAllDTypes[i];
    o += (i ? ",\n    " : "\n    ") + std::string("{\"name\": ") + Str(d.name) +
         ", \"bits\": " + std::to_string(d.bits) + ", \"bytes\": " + std::to_string(d.bits / 8) +
         ", \"p\": " + std::to_string(d.p) + ", \"emin\": " + std::to_string(d.emin) +
         ", \"exhaustive\": " + (d.exhaustive ? "true" : "false") + "}";
  }
  o += "\n  ],\n  \"isas\": [";
  for (std::size_t i = 0; i < std::size(kAllIsas); ++i) o += (i ? ", " : "") + Str(Name(kAllIsas[i]));
  o += "],\n  \"families\": [";
  for (std::size_t i = 0; i < std::size(kFamilies); ++i) o += (i ? ", " : "") + Str(kFamilies[i]);
  o += "],\n  \"kernels\": [";
  for (std::size_t i = 0; i < kernels.size(); ++i) {
    const Kernel& k = *kernels[i];
    o += (i ? ",\n    " : "\n    ") + std::string("{\"id\": ") + Str(k.id) +
         ", \"activation\": " + Str(Name(k.activation)) + ", \"family\": " + Str(k.family) +
         ", \"isa\": " + Str(Name(k.isa)) + ", \"dtype\": " + Str(Name(k.dtype)) +
         ", \"runs_here\": " + (CpuSupports(k) ? "true" : "false") +
         ", \"backward_y\": " + (k.has_backward_y() ? "true" : "false") +
         ", \"claim\": {\"value\": " + Num(k.claim.value) + ", \"grad_x\": " +
         Num(k.claim.grad_x) + ", \"grad_y\": " + Num(k.claim.grad_y) + "}, \"quirks\": [";
    const std::string quirks = QuirkNames(k.quirks);
    if (quirks != "none") {
      std::size_t start = 0;
      for (std::size_t bar; (bar = quirks.find('|', start)) != std::string::npos; start = bar + 1)
        o += Str(std::string_view(quirks).substr(start, bar - start)) + ", ";
      o += Str(std::string_view(quirks).substr(start));
    }
    o += "], \"description\": " + Str(k.description) + "}";
  }
  o += "\n  ]\n}\n";
  std::fputs(o.c_str(), stdout);
}

}  // namespace

int main(int argc, char** argv) {
  bool csv = false, json = false, given = false;
  std::string pattern;
  for (int i = 1; i < argc; ++i) {
    if (auto v = actbench::cli::Value(argc, argv, &i, "--kernels")) {
      if (given) {
        std::fprintf(stderr, "actbench-kernels: give one pattern (comma-separate several globs)\n");
        return Usage(stderr);
      }
      pattern = *v, given = true;
    } else if (!std::strcmp(argv[i], "--csv")) csv = true;
    else if (!std::strcmp(argv[i], "--json")) json = true;
    else if (!std::strcmp(argv[i], "-h") || !std::strcmp(argv[i], "--help")) return Usage(stdout);
    else if (argv[i][0] == '-') {
      std::fprintf(stderr, "actbench-kernels: unknown option '%s'\n", argv[i]);
      return Usage(stderr);
    } else if (!given) pattern = argv[i], given = true;
    else {
      std::fprintf(stderr, "actbench-kernels: give one pattern (comma-separate several globs)\n");
      return Usage(stderr);
    }
  }
  if (given && pattern.empty()) {
    std::fprintf(stderr, "actbench-kernels: empty kernel selection: give globs such as 'tanh/*'\n");
    return Usage(stderr);
  }
  const auto kernels = actbench::MatchKernelsOrExplain(pattern, "actbench-kernels");
  if (kernels.empty()) return 2;
  if (csv && json) {
    std::fprintf(stderr, "actbench-kernels: give --csv or --json, not both\n");
    return Usage(stderr);
  }
  if (json) {
    PrintJson(kernels);
    return 0;
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
