// THE list of activations: one include and one X(...) line per activation, in report order.
// Everything that enumerates activations (the Activation enum, names, descriptor look-ups, the
// reference, the reports) expands this list; nothing else names an activation.
//   X(enumerator, descriptor type in actbench::activations)
#pragma once

#include "actbench/activations/relu.h"
#include "actbench/activations/sigmoid.h"
#include "actbench/activations/tanh.h"

#define ACTBENCH_ACTIVATIONS(X) \
  X(kRelu, Relu)                \
  X(kSigmoid, Sigmoid)          \
  X(kTanh, Tanh)
