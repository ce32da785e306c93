// A kernel's declarations under FTZ/DAZ (MXCSR 0x9fc0: subnormal results flushed to zero,
// subnormal inputs read as zero), as many framework builds run. The claim and the quirks of a
// kernel's list entry hold in the default floating-point environment; under FTZ/DAZ a kernel
// can flush what it computed right, read a subnormal input as 0, and lose accuracy where an
// intermediate result is subnormal (the gradient of an exp-based sigmoid near x = 87). What
// it does there is measured and declared apart, in kernels/ftz.inc, which scripts/gen-ftz
// writes from the special-value probes run under FTZ/DAZ (every kernel) and from accuracy
// sweeps run under FTZ/DAZ (exhaustive for float32 and the 16-bit dtypes, a sample with the
// worst-case search for float64, as the default claims are measured).
#pragma once

#include <cstdint>

#include "actbench/kernel.h"

namespace actbench {

struct FtzDeclaration {
  bool listed = false;  // the kernel has an entry in kernels/ftz.inc
  // What it promises under FTZ/DAZ: kNoClaim where no sweep in that environment measured it
  // (float32 kernels are measured exhaustively, which takes hours per kernel group; the list
  // names those that have been).
  Claim claim;
  std::uint32_t quirks = kNoQuirks;  // what the special-value probes show under FTZ/DAZ
};

// The kernel's FTZ/DAZ declaration (listed = false when kernels/ftz.inc has no entry for it).
FtzDeclaration FtzDeclared(const Kernel& k);

}  // namespace actbench
