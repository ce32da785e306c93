// The kernel registry: every kernel actbench knows, declared once in its activation's kernel
// list (kernels/<activation>/kernels.inc).
// The benchmark, the accuracy sweep, the tests and the reports all enumerate this list.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "actbench/kernel.h"

namespace actbench {

// Every registered kernel, in declaration order, including those this CPU cannot run: the
// kernels of actbench::kernels and, in a program that also links actbench::peers, the peer
// libraries' kernels at their places in the kernel lists.
std::span<const Kernel> AllKernels();

// The kernel with this id, or nullptr.
const Kernel* FindKernel(std::string_view id);

// Kernels whose id matches any of the comma-separated shell-style globs ('*', '?'), in
// registry order. An empty pattern matches everything.
std::vector<const Kernel*> MatchKernels(std::string_view patterns);

// Ids that resemble `id` (edit distance, shared prefix), best first, for error messages.
std::vector<std::string_view> SimilarIds(std::string_view id, std::size_t max_results = 5);

// What is wrong with a kernel selection given on a command line (--kernels GLOB[,GLOB]), as a
// message for the user, or "" when every term is fine. The rule every tool follows: an empty
// term ("a,,b", a lone or trailing comma) is an error, and so is a term that matches no kernel
// id and none of `other_ids` (actbench-bench's copy baselines); the message names the term and
// the ids closest to it. Not giving the option at all selects everything; that is the
// caller's business.
std::string CheckSelection(std::string_view patterns,
                           std::span<const std::string_view> other_ids = {});

// MatchKernels(patterns) when CheckSelection(patterns) passes; otherwise an empty list after
// telling stderr "PROGRAM: <what CheckSelection said>". An empty `patterns` selects everything.
std::vector<const Kernel*> MatchKernelsOrExplain(std::string_view patterns,
                                                 std::string_view program);

// Whether this CPU (and OS) can execute code for the ISA.
bool CpuSupports(Isa isa);
inline bool CpuSupports(const Kernel& k) { return CpuSupports(k.isa); }

// The peer libraries linked into this program (actbench::peers, kernels/peer), as (name,
// version) pairs such as ("sleef", "3.5.1"), for the context of benchmark and accuracy reports.
// Empty when none.
std::vector<std::pair<std::string, std::string>> PeerVersions();

// Shell-style glob match used by MatchKernels.
bool GlobMatch(std::string_view pattern, std::string_view text);

}  // namespace actbench
