// The floating-point environment a sweep runs the kernels in. SSE/AVX arithmetic follows MXCSR:
// rounding (always to nearest here), exception masks (all masked), and two switches that
// frameworks often turn on for speed, FTZ (flush subnormal results to zero) and DAZ (read
// subnormal inputs as zero). A kernel's figures depend on them, so the sweep sets MXCSR itself
// rather than inheriting the process's, and records it in every report row.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#define ACTBENCH_HAVE_MXCSR 1
#endif

namespace actbench::acc {

enum class FpEnv : std::uint8_t {
  kDefault,  // IEEE: subnormals computed and read as such (MXCSR 0x1f80)
  kFtz,      // FTZ + DAZ, as many framework builds run (MXCSR 0x9fc0)
};

inline std::string_view Name(FpEnv e) { return e == FpEnv::kFtz ? "ftz" : "default"; }

inline constexpr std::uint32_t kMxcsrDefault = 0x1f80;  // all exceptions masked, round to nearest
inline constexpr std::uint32_t kMxcsrFtzDaz = kMxcsrDefault | 0x8000 | 0x0040;

inline std::uint32_t Mxcsr(FpEnv e) { return e == FpEnv::kFtz ? kMxcsrFtzDaz : kMxcsrDefault; }

// "default (mxcsr 0x1f80)", as the reports record it.
inline std::string Describe(FpEnv e) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s (mxcsr 0x%x)", std::string(Name(e)).c_str(),
                static_cast<unsigned>(Mxcsr(e)));
  return buf;
}

// Sets MXCSR for the calling thread for its lifetime, then restores the previous value.
class ScopedFpEnv {
 public:
  explicit ScopedFpEnv(FpEnv e) {
#if defined(ACTBENCH_HAVE_MXCSR)
    saved_ = _mm_getcsr();
    _mm_setcsr(Mxcsr(e));
#else
    (void)e;
#endif
  }
  ~ScopedFpEnv() {
#if defined(ACTBENCH_HAVE_MXCSR)
    _mm_setcsr(saved_);
#endif
  }
  ScopedFpEnv(const ScopedFpEnv&) = delete;
  ScopedFpEnv& operator=(const ScopedFpEnv&) = delete;

 private:
  std::uint32_t saved_ = 0;
};

}  // namespace actbench::acc
