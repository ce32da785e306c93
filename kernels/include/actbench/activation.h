// Activations as data: the Activation enum, generated from the list of activations
// (activations/list.h), and look-ups from an enumerator to its descriptor.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "actbench/activations/list.h"

namespace actbench {

enum class Activation : std::uint8_t {
#define ACTBENCH_ACTIVATION_ENUM(tag, desc) tag,
  ACTBENCH_ACTIVATIONS(ACTBENCH_ACTIVATION_ENUM)
#undef ACTBENCH_ACTIVATION_ENUM
};

// Every activation's facts, in list order.
inline constexpr std::array kAllActivations = {
#define ACTBENCH_ACTIVATION_INFO(tag, desc) activations::desc::kInfo,
    ACTBENCH_ACTIVATIONS(ACTBENCH_ACTIVATION_INFO)
#undef ACTBENCH_ACTIVATION_INFO
};

constexpr const ActivationInfo& Info(Activation a) {
  return kAllActivations[static_cast<std::size_t>(a)];
}
constexpr std::string_view Name(Activation a) { return Info(a).name; }

inline std::optional<Activation> ParseActivation(std::string_view name) {
  for (std::size_t i = 0; i < kAllActivations.size(); ++i)
    if (kAllActivations[i].name == name) return static_cast<Activation>(i);
  return std::nullopt;
}

// Calls f(D{}) with D the descriptor type of activation a (activations/descriptor.h).
template <class F>
decltype(auto) VisitActivation(Activation a, F&& f) {
  switch (a) {
#define ACTBENCH_ACTIVATION_VISIT(tag, desc) \
  case Activation::tag: return f(activations::desc{});
    ACTBENCH_ACTIVATIONS(ACTBENCH_ACTIVATION_VISIT)
#undef ACTBENCH_ACTIVATION_VISIT
  }
  __builtin_unreachable();
}

// The descriptor type of an enumerator known at compile time.
template <Activation a>
struct DescriptorFor;
#define ACTBENCH_ACTIVATION_DESCRIPTOR(tag, desc) \
  template <>                                     \
  struct DescriptorFor<Activation::tag> {         \
    using type = activations::desc;               \
  };
ACTBENCH_ACTIVATIONS(ACTBENCH_ACTIVATION_DESCRIPTOR)
#undef ACTBENCH_ACTIVATION_DESCRIPTOR
template <Activation a>
using DescriptorOf = typename DescriptorFor<a>::type;

}  // namespace actbench
