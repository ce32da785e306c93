// How a benchmark run was produced: CPU, ISA, compiler and flags, revision, floating-point
// mode, host, date. Recorded in the Google Benchmark JSON context so a report explains itself.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace actbench::bench {

// Key/value pairs for benchmark::AddCustomContext, all prefixed "actbench_" except where
// Google Benchmark's own context has no such field (cpu_model, isa, compiler, ...).
std::vector<std::pair<std::string, std::string>> RunContext();

// The CPU's brand string (cpuid), with family/model/stepping; /proc/cpuinfo as a fallback.
std::string CpuModel();

// The SIMD extensions this CPU and OS support, space separated (sse4.2 avx2 fma avx512f ...).
std::string IsaFlags();

// "ftz=0 daz=0": whether MXCSR flushes subnormal results / treats subnormal inputs as zero.
// Either would change what the kernels compute on the `wide` distribution.
std::string FtzDaz();

// `git describe --always --dirty` of the source tree when it is reachable at run time,
// otherwise the revision recorded when the build was configured.
std::string GitRevision();

}  // namespace actbench::bench
