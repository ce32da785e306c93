# Explicit-SIMD kernels: one translation unit per ISA, each compiled with that ISA's flags.
# Only these files get ISA flags; the rest of the build stays baseline x86-64, and the
# registry offers a kernel only where CpuSupports() says the CPU runs it.
# xsimd is header-only; its CMake package drags in an xtl link dependency we do not use, so
# only its headers are located here.
find_path(ACTBENCH_XSIMD_INCLUDE_DIR xsimd/xsimd.hpp REQUIRED)

set(_simd_dir ${CMAKE_CURRENT_LIST_DIR})
target_sources(actbench_kernels PRIVATE
  ${_simd_dir}/isa_sse42.cc
  ${_simd_dir}/isa_avx2.cc
  ${_simd_dir}/isa_avx512.cc
  ${_simd_dir}/isa_avx512bf16.cc)
# Public: the per-vector algorithms (actbench/simd/) are xsimd templates.
target_include_directories(actbench_kernels SYSTEM PUBLIC $<BUILD_INTERFACE:${ACTBENCH_XSIMD_INCLUDE_DIR}>)
# In the sanitized test build these three files, which instantiate every SIMD algorithm at -O3,
# keep AddressSanitizer (the loops' loads and stores) but not UBSan's arithmetic checks: both
# together made them take 316 s (AVX-512), 212 s and 126 s of a 13-minute CI run.
set(_simd_nosan "$<$<BOOL:${ACTBENCH_SANITIZE}>:-fno-sanitize=undefined>")
set_source_files_properties(${_simd_dir}/isa_sse42.cc PROPERTIES
  COMPILE_OPTIONS "-msse4.2;${_simd_nosan}")
set_source_files_properties(${_simd_dir}/isa_avx2.cc PROPERTIES
  COMPILE_OPTIONS "-mavx2;-mfma;-mf16c;${_simd_nosan}")
# GCC 12's own avx512fintrin.h trips -W(maybe-)uninitialized (its _mm512_undefined_* idiom,
# GCC bug 105593); the warning is about the compiler's header, not this code.
set_source_files_properties(${_simd_dir}/isa_avx512.cc PROPERTIES
  COMPILE_OPTIONS "-mavx512f;-mavx512cd;-mavx512dq;-mavx512bw;-mavx512vl;-mavx2;-mfma;-mf16c;-Wno-maybe-uninitialized;-Wno-uninitialized;${_simd_nosan}")
set_source_files_properties(${_simd_dir}/isa_avx512bf16.cc PROPERTIES
  COMPILE_OPTIONS "-mavx512f;-mavx512cd;-mavx512dq;-mavx512bw;-mavx512vl;-mavx512bf16;-mavx2;-mfma;-mf16c;-Wno-maybe-uninitialized;-Wno-uninitialized;${_simd_nosan}")
