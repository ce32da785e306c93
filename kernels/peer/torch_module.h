// The interface between the torch kernels (torch_loader.cc, in the kernel library) and the
// module that calls ATen (torch_kernels.cc, built as libactbench_torch.so with libtorch): a table
// of entry points per (activation, dtype), read once through dlopen/dlsym.
#pragma once

#include <cstddef>

namespace actbench::peer {

struct TorchEntry {
  int activation;  // actbench::Activation
  int dtype;       // actbench::DType
  void (*forward)(const void* x, void* y, std::size_t n);
  void (*backward_x)(const void* x, const void* dy, void* dx, std::size_t n);
  void (*backward_y)(const void* y, const void* dy, void* dx, std::size_t n);  // or null
};

}  // namespace actbench::peer

// Exported by the module (C linkage, looked up by name).
extern "C" const actbench::peer::TorchEntry* actbench_torch_entries(std::size_t* count);
extern "C" const char* actbench_torch_version();
