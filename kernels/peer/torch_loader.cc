// The torch kernels' entry points (peer.h TorchKernel): on first use they load the module that
// calls ATen (torch_kernels.cc, libactbench_torch.so, linked with libtorch) and take its table
// of functions; later calls go straight to the function. Loading on demand keeps libtorch, and
// its second of start-up, out of every program that does not call a torch kernel.
#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

#include "actbench/dtype.h"
#include "peer/peer.h"
#include "peer/torch_module.h"

namespace actbench::peer {
namespace {

struct Module {
  const TorchEntry* entries = nullptr;
  std::size_t count = 0;
  const char* (*version)() = nullptr;
};

// The module next to this build's libraries (its path is fixed at build time); a missing or
// broken module is an installation error that no kernel can report, so the program stops.
const Module& Load() {
  static Module m;
  static std::once_flag once;
  std::call_once(once, [] {
    void* handle = dlopen(ACTBENCH_TORCH_MODULE, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      std::fprintf(stderr, "actbench: cannot load the PyTorch kernels (%s): %s\n",
                   ACTBENCH_TORCH_MODULE, dlerror());
      std::abort();
    }
    using Entries = const TorchEntry* (*)(std::size_t*);
    auto entries = reinterpret_cast<Entries>(dlsym(handle, "actbench_torch_entries"));
    m.version = reinterpret_cast<const char* (*)()>(dlsym(handle, "actbench_torch_version"));
    if (entries == nullptr || m.version == nullptr) {
      std::fprintf(stderr, "actbench: %s is not the PyTorch kernel module\n", ACTBENCH_TORCH_MODULE);
      std::abort();
    }
    m.entries = entries(&m.count);
  });
  return m;
}

template <Activation act, class T>
const TorchEntry& Entry() {
  static const TorchEntry* const entry = [] {
    const Module& m = Load();
    for (std::size_t i = 0; i < m.count; ++i)
      if (m.entries[i].activation == static_cast<int>(act) &&
          m.entries[i].dtype == static_cast<int>(DTypeTraits<T>::kTag))
        return &m.entries[i];
    std::fprintf(stderr, "actbench: the PyTorch module has no %s kernel for %s\n",
                 std::string(Name(act)).c_str(), DTypeTraits<T>::kName.data());
    std::abort();
  }();
  return *entry;
}

}  // namespace

template <Activation act, class T>
void TorchKernel<act, T>::Forward(const T* x, T* y, std::size_t n) {
  Entry<act, T>().forward(x, y, n);
}

template <Activation act, class T>
void TorchKernel<act, T>::BackwardX(const T* x, const T* dy, T* dx, std::size_t n) {
  Entry<act, T>().backward_x(x, dy, dx, n);
}

template <Activation act, class T>
void TorchKernel<act, T>::BackwardY(const T* y, const T* dy, T* dx,
                                    std::size_t n) requires DescriptorOf<act>::kHasGradFromY {
  Entry<act, T>().backward_y(y, dy, dx, n);
}

std::string TorchVersion() { return Load().version(); }

// Every (TORCH) entry of the kernel lists, at the dtype of each variant.
#define ACTBENCH_PEER_LIB_TORCH(kernel, recipe, ...) \
  ACTBENCH_FOR_EACH(ACTBENCH_TORCH_VARIANT, recipe, __VA_ARGS__)
#define ACTBENCH_TORCH_VARIANT(recipe, variant) \
  ACTBENCH_CALL(ACTBENCH_TORCH_AT, recipe, ACTBENCH_UNPAREN variant)
#define ACTBENCH_TORCH_AT(recipe, isa, T, ...) \
  template struct TorchKernel<Activation::ACTBENCH_ACT, T>;
#include "peer/recipes.inc"

}  // namespace actbench::peer
