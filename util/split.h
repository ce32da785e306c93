// Comma-separated lists on command lines (--kernels GLOB,GLOB, --sizes 2k,64k): the pieces,
// empty ones dropped, as views into the text.
#pragma once

#include <string_view>
#include <vector>

namespace actbench {

inline std::vector<std::string_view> SplitCommas(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0; start <= s.size();) {
    std::size_t comma = s.find(',', start);
    if (comma == std::string_view::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace actbench
