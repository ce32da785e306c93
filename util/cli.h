// Command-line values: every tool takes an option's value as `--name VALUE` or `--name=VALUE`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace actbench::cli {

// When argv[*i] is the option `name`: its value (the next argument, *i moved past it, or the
// text after '='), "" when none is given. std::nullopt when argv[*i] is something else.
inline std::optional<std::string> Value(int argc, char** argv, int* i, std::string_view name) {
  const std::string_view arg = argv[*i];
  if (!arg.starts_with(name)) return std::nullopt;
  if (arg.size() == name.size()) return *i + 1 < argc ? std::string(argv[++*i]) : std::string();
  if (arg[name.size()] != '=') return std::nullopt;
  return std::string(arg.substr(name.size() + 1));
}

}  // namespace actbench::cli
