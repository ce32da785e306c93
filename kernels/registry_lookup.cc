// Look-ups over the kernel list: by id, by glob, close matches for error messages, names of
// enums, and which ISAs this CPU runs.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <numeric>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

#include "actbench/registry.h"
#include "util/split.h"

namespace actbench {

std::string_view Name(Symmetry s) {
  static constexpr std::string_view kNames[] = {"none", "odd", "complement", "x-difference"};
  return kNames[static_cast<std::size_t>(s)];
}

std::string CheckSelection(std::string_view patterns, std::span<const std::string_view> other_ids) {
  // Split by hand: SplitCommas drops empty pieces, and an empty term must be reported (a stray
  // comma would otherwise turn "a," into "a" and "," into the whole registry).
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = std::min(patterns.find(',', start), patterns.size());
    const std::string_view term = patterns.substr(start, comma - start);
    if (term.empty())
      return "empty term in the kernel selection '" + std::string(patterns) +
             "': give comma-separated globs such as 'sigmoid/*,tanh/*/avx2/f32'";
    const bool matches =
        std::any_of(AllKernels().begin(), AllKernels().end(),
                    [&](const Kernel& k) { return GlobMatch(term, k.id); }) ||
        std::any_of(other_ids.begin(), other_ids.end(),
                    [&](std::string_view id) { return GlobMatch(term, id); });
    if (!matches) {
      // Rank the ids against the literal part of the glob ("sigmod/*" -> "sigmod/").
      std::string bare;
      for (char c : term)
        if (c != '*' && c != '?') bare += c;
      std::string msg = "no kernel id matches '" + std::string(term) + "'";
      if (term != patterns) msg += " (in '" + std::string(patterns) + "')";
      msg += ". Close ids:";
      for (std::string_view id : SimilarIds(bare)) msg += "\n  " + std::string(id);
      msg += "\n(actbench-kernels lists every id; globs use * and ?)";
      return msg;
    }
    if (comma == patterns.size()) return "";
    start = comma + 1;
  }
}

std::vector<const Kernel*> MatchKernelsOrExplain(std::string_view patterns,
                                                 std::string_view program) {
  if (!patterns.empty()) {
    const std::string error = CheckSelection(patterns);
    if (!error.empty()) {
      std::fprintf(stderr, "%.*s: %s\n", static_cast<int>(program.size()), program.data(),
                   error.c_str());
      return {};
    }
  }
  return MatchKernels(patterns);
}

std::string_view Name(Isa isa) {
  switch (isa) {
    case Isa::kScalar: return "scalar";
    case Isa::kSse42: return "sse4.2";
    case Isa::kAvx2: return "avx2";
    case Isa::kAvx512: return "avx512";
    case Isa::kAvx512Bf16: return "avx512bf16";
  }
  return "?";
}

void DTypeMismatch(std::string_view id, DType have, DType asked) {
  std::fprintf(stderr, "actbench: kernel %.*s is %.*s, asked for its %.*s entry points\n",
               static_cast<int>(id.size()), id.data(), static_cast<int>(Name(have).size()),
               Name(have).data(), static_cast<int>(Name(asked).size()), Name(asked).data());
  std::abort();
}

std::string QuirkNames(std::uint32_t quirks) {
  static constexpr std::pair<Quirk, std::string_view> kNames[] = {
      {kNanDropped, "nan-dropped"},
      {kNanFromFinite, "nan-from-finite"},
      {kInfWrong, "inf-wrong"},
      {kSignedZeroLost, "signed-zero-lost"},
      {kSubnormalFlushed, "subnormal-flushed"},
      {kInfFromFinite, "inf-from-finite"},
      {kSubnormalWrongSign, "subnormal-wrong-sign"},
      {kOutOfRange, "out-of-range"},
      {kZeroInexact, "zero-inexact"},
      {kDyNanDropped, "dy-nan-dropped"},
      {kDyInfWrong, "dy-inf-wrong"},
      {kPositionDependent, "position-dependent"},
  };
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if (!(quirks & bit)) continue;
    if (!out.empty()) out += '|';
    out += name;
  }
  return out.empty() ? "none" : out;
}

const Kernel* FindKernel(std::string_view id) {
  for (const Kernel& k : AllKernels())
    if (k.id == id) return &k;
  return nullptr;
}

bool GlobMatch(std::string_view p, std::string_view s) {
  // Iterative matcher with single-star backtracking: linear in practice.
  std::size_t pi = 0, si = 0, star = std::string_view::npos, mark = 0;
  while (si < s.size()) {
    if (pi < p.size() && (p[pi] == '?' || p[pi] == s[si])) {
      ++pi, ++si;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++, mark = si;
    } else if (star != std::string_view::npos) {
      pi = star + 1, si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

std::vector<const Kernel*> MatchKernels(std::string_view patterns) {
  const std::vector<std::string_view> globs = SplitCommas(patterns);
  std::vector<const Kernel*> out;
  for (const Kernel& k : AllKernels()) {
    if (globs.empty() ||
        std::any_of(globs.begin(), globs.end(), [&](auto g) { return GlobMatch(g, k.id); }))
      out.push_back(&k);
  }
  return out;
}

namespace {
// Typo distance from `query` to the closest prefix of `id`: insertions, deletions,
// substitutions and swaps of adjacent characters (the commonest typo) each cost 1 (optimal
// string alignment). Taking the closest prefix lets a partial id ("sigmoid/naive") rank the
// ids it begins ahead of unrelated ones of similar length.
std::size_t PrefixTypoDistance(std::string_view query, std::string_view id) {
  const std::size_t w = id.size() + 1;
  std::vector<std::size_t> prev2(w), prev(w), row(w);
  std::iota(prev.begin(), prev.end(), 0);
  for (std::size_t i = 1; i <= query.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= id.size(); ++j) {
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (query[i - 1] != id[j - 1])});
      if (i > 1 && j > 1 && query[i - 1] == id[j - 2] && query[i - 2] == id[j - 1])
        row[j] = std::min(row[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, row);
  }
  return *std::min_element(prev.begin(), prev.end());
}
}  // namespace

std::vector<std::string_view> SimilarIds(std::string_view id, std::size_t max_results) {
  // Ranked by (tier, distance): ids that start with the query, then ids that contain it
  // ("exp-div"), then the rest by typo distance; ties keep registry order.
  std::vector<std::pair<std::pair<int, std::size_t>, std::string_view>> scored;
  for (const Kernel& k : AllKernels()) {
    std::pair<int, std::size_t> score{2, PrefixTypoDistance(id, k.id)};
    if (k.id.starts_with(id))
      score = {0, 0};
    else if (k.id.find(id) != std::string_view::npos)
      score = {1, 0};
    scored.emplace_back(score, k.id);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string_view> out;
  for (const auto& [score, name] : scored) {
    if (out.size() == max_results) break;
    out.push_back(name);
  }
  return out;
}

#if defined(__x86_64__) || defined(__i386__)
namespace {
// F16C from CPUID leaf 1 (ECX bit 29): clang 14's __builtin_cpu_supports does not know "f16c".
bool HasF16c() {
  unsigned a = 0, b = 0, c = 0, d = 0;
  return __get_cpuid(1, &a, &b, &c, &d) && (c & bit_F16C) != 0;
}
}  // namespace
#endif

bool CpuSupports(Isa isa) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  switch (isa) {
    case Isa::kScalar: return true;
    case Isa::kSse42: return __builtin_cpu_supports("sse4.2");
    // F16C (the float16 conversions) came before AVX2 in every x86 CPU; checked all the same.
    case Isa::kAvx2:
      return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && HasF16c();
    case Isa::kAvx512:
      return HasF16c() && __builtin_cpu_supports("avx512f") &&
             __builtin_cpu_supports("avx512dq") &&
             __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
    case Isa::kAvx512Bf16:
      return CpuSupports(Isa::kAvx512) && __builtin_cpu_supports("avx512bf16");
  }
  return false;
#else
  return isa == Isa::kScalar;
#endif
}

}  // namespace actbench
