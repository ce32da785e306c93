// The command line of actbench-bench: what to measure (kernels, directions, input
// distributions, sizes, windows), parsed and checked apart from the benchmark bodies. Bad
// input exits with status 2 and a message that says what is allowed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "actbench/kernel.h"
#include "inputs.h"

namespace actbench::bench {

enum class Direction : std::uint8_t { kForward, kBackwardX, kBackwardY };
inline constexpr Direction kAllDirections[] = {Direction::kForward, Direction::kBackwardX,
                                               Direction::kBackwardY};

inline std::string_view Name(Direction d) {
  switch (d) {
    case Direction::kForward: return "forward";
    case Direction::kBackwardX: return "backward_x";
    case Direction::kBackwardY: return "backward_y";
  }
  return "?";
}

// Bytes a pass moves per element: forward reads x and writes y; a backward pass reads the
// saved x (or y) and dy and writes dx.
inline std::size_t BytesPerElement(Direction d, std::size_t elem_size) {
  return (d == Direction::kForward ? 2 : 3) * elem_size;
}

// Presets: full (every size and distribution, 5 repetitions), quick (2k and 16m, uniform, 3
// repetitions), ab (2k and 16m, uniform, 12 repetitions: enough for the Mann-Whitney U test
// that scripts/compare and summarize use to tell a difference from noise).
enum class Preset : std::uint8_t { kFull, kQuick, kAb };

inline std::string_view Name(Preset p) {
  switch (p) {
    case Preset::kFull: return "full";
    case Preset::kQuick: return "quick";
    case Preset::kAb: return "ab";
  }
  return "?";
}

struct Options {
  Preset preset = Preset::kFull;
  bool quick = false;  // preset != kFull: the quick sizes and distribution
  int pin_cpu = -1;    // --pin: the CPU this process is bound to, or -1
  bool ftz = false;    // --fp-env ftz: FTZ and DAZ set (MXCSR 0x9fc0) while measuring
  int threads = 1;     // --threads N: also measure the large sizes on N threads
  std::size_t threads_min_size = std::size_t{1} << 20;  // "large": at least this many
  bool no_baselines = false;
  std::vector<std::size_t> sizes;
  std::string kernels;
  std::vector<Direction> directions;
  std::vector<Dist> dists;
  std::size_t windows = 0;  // 0: WindowsFor()
  std::vector<Isa> skip_isas;
  std::string out_path;  // --benchmark_out, written through a temporary file
  std::vector<std::string> passthrough;
};

// Parses argv; flags it does not know go to Google Benchmark (passthrough).
Options ParseArgs(int argc, char** argv);

int Usage(std::FILE* out);

// Prints "actbench-bench: MSG (see --help)" and exits with status 2.
[[noreturn]] void Fail(const std::string& msg);

}  // namespace actbench::bench
