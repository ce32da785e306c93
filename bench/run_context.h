// How a benchmark run was produced: CPU, ISA, compiler and flags, revision, floating-point
// mode, host, date. Recorded in the Google Benchmark JSON context so a report explains itself.
// Host, compiler, revision and date come from the shared actbench::runinfo library.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace actbench::bench {

// Key/value pairs for benchmark::AddCustomContext.
std::vector<std::pair<std::string, std::string>> RunContext();

// The CPU model name with cpuid family/model/stepping: hypervisors often shorten the name
// ("AMD EPYC"), and family/model still identify the core.
std::string CpuModel();

// The SIMD extensions this CPU and OS support, space separated (sse4.2 avx2 fma avx512f ...).
std::string IsaFlags();

// "ftz=0 daz=0": whether MXCSR flushes subnormal results / treats subnormal inputs as zero.
// Either would change what the kernels compute on the `wide` distribution.
std::string FtzDaz();

}  // namespace actbench::bench
