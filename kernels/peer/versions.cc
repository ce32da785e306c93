// actbench::peer::LibraryVersions() (actbench::PeerVersions() once actbench::peers is linked):
// which peer libraries this build contains, and their versions, for
// the context block of benchmark and accuracy reports. Versions come from each library's own
// headers (or, for oneDNN, the loaded shared library); XNNPACK has no version macro, so the
// build records the Debian package version at configure time (ACTBENCH_XNNPACK_VERSION).
#include <string>
#include <utility>
#include <vector>

#include "actbench/registry.h"
#include "peer/peer.h"

#ifdef ACTBENCH_HAVE_SLEEF
#include <sleef.h>
#endif
#ifdef ACTBENCH_HAVE_EIGEN
#include <Eigen/Core>
#endif
#ifdef ACTBENCH_HAVE_DNNL
#include <dnnl.hpp>
#endif
#ifdef ACTBENCH_HAVE_HWY
#include <hwy/highway.h>
#endif

namespace actbench::peer {

std::vector<std::pair<std::string, std::string>> LibraryVersions() {
  std::vector<std::pair<std::string, std::string>> out;
  [[maybe_unused]] const auto dotted = [](int a, int b, int c) {
    return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c);
  };
#ifdef ACTBENCH_HAVE_SLEEF
  out.emplace_back("sleef",
                   dotted(SLEEF_VERSION_MAJOR, SLEEF_VERSION_MINOR, SLEEF_VERSION_PATCHLEVEL));
#endif
#ifdef ACTBENCH_HAVE_EIGEN
  out.emplace_back("eigen", dotted(EIGEN_WORLD_VERSION, EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION));
#endif
#ifdef ACTBENCH_HAVE_DNNL
  {
    const dnnl_version_t* v = dnnl_version();
    std::string s = dotted(v->major, v->minor, v->patch);
    if (v->cpu_runtime == DNNL_RUNTIME_OMP) s += " (OpenMP runtime)";
    out.emplace_back("onednn", s);
  }
#endif
#ifdef ACTBENCH_HAVE_XNNPACK
  out.emplace_back("xnnpack", ACTBENCH_XNNPACK_VERSION);
#endif
#ifdef ACTBENCH_HAVE_HWY
  out.emplace_back("highway", dotted(HWY_MAJOR, HWY_MINOR, HWY_PATCH));
#endif
#ifdef ACTBENCH_HAVE_TORCH
  out.emplace_back("torch", peer::TorchVersion());
#endif
  return out;
}

}  // namespace actbench::peer
