// The FTZ/DAZ declarations (include/actbench/ftz.h), from the generated list kernels/ftz.inc,
// looked up by kernel id (peer kernels included: they join the registry from actbench::peers).
#include "actbench/ftz.h"

#include <string_view>
#include <unordered_map>

namespace actbench {
namespace {

struct Entry {
  std::string_view id;
  Claim claim;
  std::uint32_t quirks;
};

constexpr Entry kEntries[] = {
#define ACTBENCH_FTZ(id, value, grad_x, grad_y, quirks) {id, {value, grad_x, grad_y}, quirks},
#include "ftz.inc"
#undef ACTBENCH_FTZ
    {"", {}, kNoQuirks},  // no kernel has this id; keeps the array non-empty
};

}  // namespace

FtzDeclaration FtzDeclared(const Kernel& k) {
  static const std::unordered_map<std::string_view, const Entry*> by_id = [] {
    std::unordered_map<std::string_view, const Entry*> m;
    for (const Entry& e : kEntries) m.emplace(e.id, &e);
    return m;
  }();
  const auto it = by_id.find(k.id);
  if (it == by_id.end()) return {};
  return {true, it->second->claim, it->second->quirks};
}

}  // namespace actbench
