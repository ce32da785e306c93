// Run-time selection (actbench/select.h) over the registry and the checked-in speed ranking
// (ranking.inc, written by scripts/gen-ranking).
#include "actbench/select.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <unordered_map>

#include "actbench/ftz.h"
#include "actbench/registry.h"

namespace actbench {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct RankEntry {
  Direction direction;
  std::string_view id;
  double speed;
};

#define ACTBENCH_RANKING_SOURCE(machine, cpu, revision, date, size, summary)
#define ACTBENCH_RANK(direction, id, speed) RankEntry{Direction::k##direction, id, speed},
#define ACTBENCH_RECOMMEND(...)
constexpr RankEntry kRanking[] = {
#include "select/ranking.inc"
    RankEntry{Direction::kForward, "", 0},  // the end (and an empty ranking is no array of 0)
};
#undef ACTBENCH_RANKING_SOURCE
#undef ACTBENCH_RANK
#undef ACTBENCH_RECOMMEND

#define ACTBENCH_RANKING_SOURCE(machine, cpu, revision, date, size, summary) \
  constexpr RankingSource kSource{machine, cpu, revision, date, size, summary};
#define ACTBENCH_RANK(...)
#define ACTBENCH_RECOMMEND(...)
#include "select/ranking.inc"
#undef ACTBENCH_RANKING_SOURCE
#undef ACTBENCH_RANK
#undef ACTBENCH_RECOMMEND

using Speeds = std::array<double, 3>;  // per Direction

const std::unordered_map<std::string_view, Speeds>& SpeedTable() {
  static const auto table = [] {
    std::unordered_map<std::string_view, Speeds> t;
    for (const RankEntry& e : kRanking) {
      if (e.id.empty()) continue;
      auto it = t.try_emplace(e.id, Speeds{kNaN, kNaN, kNaN}).first;
      it->second[static_cast<std::size_t>(e.direction)] = e.speed;
    }
    return t;
  }();
  return table;
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string Budget(const SelectRequest& r) {
  std::string s = "value <= ";
  s += r.max_value_ulp == kNoClaim ? "any" : Num(r.max_value_ulp);
  s += " ULP, ";
  s += r.direction == Direction::kBackwardY ? "grad (from y) <= " : "grad <= ";
  s += r.max_grad_ulp == kNoClaim ? "any" : Num(r.max_grad_ulp);
  s += " ULP";
  if (r.fp_env != FpEnv::kDefault) s += " under ftz (FTZ+DAZ, as declared in kernels/ftz.inc)";
  return s;
}

bool Bounded(const SelectRequest& r) {
  return r.max_value_ulp != kNoClaim || r.max_grad_ulp != kNoClaim;
}

// What kernel k declares for the request's environment: its kernel-list entry for IEEE's
// default, kernels/ftz.inc (actbench/ftz.h) under FTZ/DAZ, where a kernel without an entry
// or without a measurement claims nothing.
struct Declared {
  Claim claim;
  std::uint32_t quirks;
};
Declared DeclaredFor(const Kernel& k, FpEnv env) {
  if (env == FpEnv::kDefault) return {k.claim, k.quirks};
  const FtzDeclaration d = FtzDeclared(k);
  return d.listed ? Declared{d.claim, d.quirks} : Declared{Claim{}, k.quirks};
}

double GradClaim(const Claim& c, Direction d) {
  return d == Direction::kBackwardY ? c.grad_y : c.grad_x;
}

// Whether kernel k's declared accuracy meets the request's budget.
bool MeetsBudget(const Kernel& k, const SelectRequest& r) {
  if (!Bounded(r)) return true;
  const Declared d = DeclaredFor(k, r.fp_env);
  if (d.quirks & (kNanFromFinite | kInfFromFinite)) return false;
  return d.claim.value <= r.max_value_ulp && GradClaim(d.claim, r.direction) <= r.max_grad_ulp;
}

// Whether kernel k declares any accuracy for the request's environment and entry point.
bool HasClaims(const Kernel& k, const SelectRequest& r) {
  const Declared d = DeclaredFor(k, r.fp_env);
  return d.claim.value != kNoClaim || GradClaim(d.claim, r.direction) != kNoClaim;
}

}  // namespace

std::string_view Name(Direction d) {
  static constexpr std::string_view kNames[] = {"forward", "backward_x", "backward_y"};
  return kNames[static_cast<std::size_t>(d)];
}

std::optional<Direction> ParseDirection(std::string_view name) {
  for (Direction d : {Direction::kForward, Direction::kBackwardX, Direction::kBackwardY})
    if (Name(d) == name) return d;
  return std::nullopt;
}

std::string_view Name(FpEnv e) { return e == FpEnv::kFtz ? "ftz" : "default"; }

std::string_view Name(SelectStatus s) {
  static constexpr std::string_view kNames[] = {"ok", "none meets the budget",
                                                "no kernel runs here",
                                                "no claims for this FP environment"};
  return kNames[static_cast<std::size_t>(s)];
}

std::optional<std::uint32_t> ParseIsaList(std::string_view names) {
  std::uint32_t bits = 0;
  while (!names.empty()) {
    const std::size_t comma = std::min(names.find(','), names.size());
    const std::string_view name = names.substr(0, comma);
    names.remove_prefix(std::min(comma + 1, names.size()));
    if (name.empty()) continue;
    bool found = false;
    for (Isa isa : kAllIsas)
      if (Name(isa) == name) {
        bits |= IsaBit(isa);
        found = true;
      }
    if (!found) return std::nullopt;
  }
  return bits;
}

RankingSource Ranking() { return kSource; }

double RankedSpeed(const Kernel& kernel, Direction direction) {
  const auto& t = SpeedTable();
  const auto it = t.find(kernel.id);
  return it == t.end() ? kNaN : it->second[static_cast<std::size_t>(direction)];
}

Selection SelectKernel(const SelectRequest& r) {
  Selection out;
  std::string what(Name(r.activation));
  what += ' ';
  what += Name(r.dtype);
  what += ' ';
  what += Name(r.direction);
  const Kernel* best = nullptr;
  double best_speed = kNaN;
  std::size_t runnable = 0, claiming = 0;
  for (const Kernel& k : AllKernels()) {
    if (k.activation != r.activation || k.dtype != r.dtype || k.family == "peer") continue;
    if (r.direction == Direction::kBackwardY && !k.has_backward_y()) continue;
    if ((r.skip_isas & IsaBit(k.isa)) || !CpuSupports(k.isa)) continue;
    ++runnable;
    claiming += HasClaims(k, r);
    if (!MeetsBudget(k, r)) continue;
    const double s = RankedSpeed(k, r.direction);
    // Ranked kernels by speed; an unranked one (NaN) only while nothing ranked qualifies.
    if (best == nullptr || (!std::isnan(s) && (std::isnan(best_speed) || s > best_speed))) {
      best = &k;
      best_speed = s;
    }
  }
  if (best != nullptr) {
    out.kernel = best;
    out.status = SelectStatus::kOk;
    out.ranked_speed = best_speed;
    out.reason = std::string(best->id);
    out.reason += std::isnan(best_speed) ? ": the first in list order of " : ": the fastest of ";
    out.reason += what;
    out.reason += " kernels this CPU runs with ";
    out.reason += Budget(r);
    if (std::isnan(best_speed)) {
      out.reason += " (none of them is in the speed ranking)";
    } else {
      out.reason += " (";
      out.reason += Num(best_speed);
      out.reason += " elements/ns ";
      out.reason += Name(r.direction);
      out.reason += " at ";
      out.reason += kSource.size;
      out.reason += " on ";
      out.reason += kSource.cpu;
      out.reason += ")";
    }
    return out;
  }
  out.ranked_speed = kNaN;
  if (runnable == 0) {
    out.status = SelectStatus::kNoKernel;
    out.reason = "no ";
    out.reason += what;
    out.reason += " kernel runs on this CPU";
    if (r.skip_isas) out.reason += " with the ISAs asked to be skipped";
  } else if (claiming == 0 && r.fp_env != FpEnv::kDefault) {
    out.status = SelectStatus::kNoClaimsForFpEnv;
    out.reason = "none of the ";
    out.reason += std::to_string(runnable);
    out.reason += ' ';
    out.reason += what;
    out.reason +=
        " kernels this CPU runs declares its accuracy under ftz (FTZ+DAZ) yet (kernels/ftz.inc): "
        "only an unbounded budget can be met there";
  } else {
    out.status = SelectStatus::kNoneMeetsBudget;
    out.reason = "none of the ";
    out.reason += std::to_string(runnable);
    out.reason += ' ';
    out.reason += what;
    out.reason += " kernels this CPU runs declares ";
    out.reason += Budget(r);
  }
  return out;
}

}  // namespace actbench
