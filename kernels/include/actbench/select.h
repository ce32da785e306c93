// Run-time selection: the kernel to use on this CPU for an accuracy budget. Among the kernels
// of actbench::kernels that this CPU runs, those whose declared accuracy (each kernel's claim:
// max ULP over every input, measured exhaustively for f32, bf16 and f16) meets the budget are
// ranked by the speed a reference run measured (kernels/select/ranking.inc, written by
// scripts/gen-ranking from a summary.csv), and the fastest is returned. A kernel whose ISA this
// CPU lacks is never returned, so calling the result cannot fault; when nothing meets the
// budget the answer says so, and why.
//
//   actbench::SelectRequest r;
//   r.activation = actbench::Activation::kSigmoid;
//   r.max_value_ulp = 4;
//   r.max_grad_ulp = 16;
//   const actbench::Selection s = actbench::SelectKernel(r);
//   if (!s.kernel) throw std::runtime_error(s.reason);
//   s.kernel->ops<float>().forward(x, y, n);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "actbench/kernel.h"

namespace actbench {

// Which entry point will be called most: its speed ranks the candidates.
enum class Direction : std::uint8_t { kForward, kBackwardX, kBackwardY };
std::string_view Name(Direction d);  // "forward", "backward_x", "backward_y"
std::optional<Direction> ParseDirection(std::string_view name);

// The floating-point environment the caller runs the kernel in. In IEEE's default (subnormals
// computed and read as such) a kernel is judged by its kernel-list claim and quirks; under
// FTZ+DAZ by its declaration for that environment (actbench/ftz.h, kernels/ftz.inc), where a
// kernel that was not measured there claims nothing (SelectStatus::kNoClaimsForFpEnv when no
// candidate claims anything there). The speed ranking is the default environment's.
enum class FpEnv : std::uint8_t { kDefault, kFtz };
std::string_view Name(FpEnv e);  // "default", "ftz"

// An ISA set as bits (1 << Isa), e.g. to treat ISAs the CPU has as missing.
inline constexpr std::uint32_t IsaBit(Isa isa) { return 1u << static_cast<unsigned>(isa); }
// "avx512,avx512bf16" -> the bits of those ISAs; nullopt if a name is not an ISA.
std::optional<std::uint32_t> ParseIsaList(std::string_view names);

struct SelectRequest {
  Activation activation = Activation::kRelu;
  DType dtype = DType::kF32;
  Direction direction = Direction::kForward;
  // Budgets in ULP of the dtype (kNoClaim: unbounded). The gradient budget applies to the
  // backward from the input, or with Direction::kBackwardY to the backward from the output.
  // A finite budget also excludes kernels that give NaN or inf for some finite input.
  double max_value_ulp = kNoClaim;
  double max_grad_ulp = kNoClaim;
  FpEnv fp_env = FpEnv::kDefault;
  // ISAs to treat as missing (IsaBit), on top of those the CPU lacks: to deploy to an older
  // machine, or to keep AVX-512 off where its clock penalty hurts.
  std::uint32_t skip_isas = 0;
};

enum class SelectStatus : std::uint8_t {
  kOk,
  kNoneMeetsBudget,    // kernels run here, but none meets the budget
  kNoKernel,           // no kernel of this activation, dtype and direction runs here
  kNoClaimsForFpEnv,   // the budget is finite and no candidate declares its accuracy for this
                       // FP environment
};
std::string_view Name(SelectStatus s);

struct Selection {
  const Kernel* kernel = nullptr;  // null unless status is kOk
  SelectStatus status = SelectStatus::kNoKernel;
  // The speed that ranked it (elements per ns in the reference run); NaN when the ranking has
  // no figure for it (a kernel added since), in which case it was chosen by list order.
  double ranked_speed = 0;
  std::string reason;  // one line: why this kernel, or why none
};

// The fastest kernel of actbench::kernels (never a peer library's) that meets the request and
// that this CPU runs.
Selection SelectKernel(const SelectRequest& request);

// Where the checked-in speed ranking came from.
struct RankingSource {
  std::string_view machine, cpu, revision, date, size, summary;
};
RankingSource Ranking();
// The reference run's speed of a kernel for one entry point (elements/ns); NaN if not ranked.
double RankedSpeed(const Kernel& kernel, Direction direction);

}  // namespace actbench
