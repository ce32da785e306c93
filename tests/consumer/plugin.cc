// A shared library built on the static actbench::kernels: what a Python extension or a
// framework plugin does. It picks its kernel once, through the C API.
#include <cstddef>

#include "actbench/actbench.h"

extern "C" __attribute__((visibility("default"))) int plugin_sigmoid(const float* x, float* y,
                                                                      std::size_t n) {
  static const actbench_kernel* k = [] {
    const actbench_kernel* out = nullptr;
    actbench_select("sigmoid", ACTBENCH_F32, ACTBENCH_FORWARD, 4, 16, ACTBENCH_FP_DEFAULT,
                    nullptr, &out);
    return out;
  }();
  if (k == nullptr) return -1;
  return actbench_forward_f32(k, x, y, n);
}

extern "C" __attribute__((visibility("default"))) const char* plugin_kernel_id() {
  const actbench_kernel* k = nullptr;
  actbench_select("sigmoid", ACTBENCH_F32, ACTBENCH_FORWARD, 4, 16, ACTBENCH_FP_DEFAULT, nullptr,
                  &k);
  return k ? actbench_kernel_id(k) : "";
}
