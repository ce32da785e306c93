// THE list of activations: one include and one X(...) line per activation, in report order.
// Everything that enumerates activations (the Activation enum, names, descriptor look-ups, the
// reference, the reports) expands this list; nothing else names an activation.
//   X(enumerator, descriptor type in actbench::activations)
#pragma once

#include "actbench/activations/elu.h"
#include "actbench/activations/gelu.h"
#include "actbench/activations/gelu_tanh.h"
#include "actbench/activations/hardsigmoid.h"
#include "actbench/activations/hardswish.h"
#include "actbench/activations/leaky_relu.h"
#include "actbench/activations/mish.h"
#include "actbench/activations/relu.h"
#include "actbench/activations/sigmoid.h"
#include "actbench/activations/silu.h"
#include "actbench/activations/softplus.h"
#include "actbench/activations/tanh.h"

#define ACTBENCH_ACTIVATIONS(X) \
  X(kRelu, Relu)                \
  X(kSigmoid, Sigmoid)          \
  X(kTanh, Tanh)                \
  X(kGelu, Gelu)                \
  X(kGeluTanh, GeluTanh)        \
  X(kSilu, Silu)                \
  X(kSoftplus, Softplus)        \
  X(kMish, Mish)                \
  X(kElu, Elu)                  \
  X(kLeakyRelu, LeakyRelu)      \
  X(kHardswish, Hardswish)      \
  X(kHardsigmoid, Hardsigmoid)
