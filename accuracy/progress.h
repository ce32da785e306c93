// The progress line of a long sweep on stderr: percent, blocks, elapsed time and ETA.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace actbench::acc {

// "1h02m", "3m05s", "12s".
std::string Duration(double seconds);

// One progress line: rewritten in place on a terminal (tty), one line per call otherwise;
// `last` ends it.
void PrintProgress(std::string_view label, std::size_t done, std::size_t total, double elapsed,
                   bool tty, bool last);

}  // namespace actbench::acc
