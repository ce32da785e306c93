// actbench's per-vector API: every explicit-SIMD algorithm as header-only functions of one
// xsimd batch, to fuse into a framework's own loops (a GEMM or convolution epilogue, a fused
// bias + activation). The registry's SIMD kernels run exactly these functions over arrays, so
// a batch computed here has the bits of the kernel with the same tokens, ISA and dtype and the
// kernel's declared accuracy (its claim in kernels/<activation>/kernels.inc).
//
// Each algorithm is a class with static member templates over B = xsimd::batch<T, Arch>:
//   B value(const B& x);                    f(x)
//   B backward_x(const B& x, const B& dy);  dy * f'(x)
//   B backward_y(const B& y, const B& dy);  dy * g(y) with y = f(x) (activations that have it)
// T is float (and double where the kernel list has an f64 id). Arch is one of the archs
// actbench builds and measures: xsimd::sse4_2, xsimd::fma3<xsimd::avx2>, xsimd::avx512bw;
// compile the calling code with that ISA's flags (-msse4.2; -mavx2 -mfma; -mavx512f -mavx512cd
// -mavx512dq -mavx512bw -mavx512vl) and check the CPU before running it
// (actbench::CpuSupports). Some algorithms exist only for AVX-512 (lut32, pw16, rcp,
// exp2): their kernel ids say so, and other archs fail to compile them.
//
// A kernel id's tokens name its algorithm in the kernel list, e.g. sigmoid/rr2-p5-div/avx2/f32
// is ACTBENCH_SIMD((SigmoidExp<Exp::kRr2, 5, Div::kDiv>), "rr2-p5-div", ...):
//
//   #include "actbench/simd.h"
//   using Sigmoid = actbench::simd::SigmoidExp<actbench::simd::Exp::kRr2, 5,
//                                              actbench::simd::Div::kDiv>;
//   using B = xsimd::batch<float, xsimd::fma3<xsimd::avx2>>;
//   B y = Sigmoid::value(B::load_unaligned(p));
//
// Stable: the algorithm class names and template arguments of the ids in the kernel lists, and
// the three member functions. Not stable: everything else under actbench/simd/ (the shared
// building blocks: exponentials, coefficients, arch helpers), which the algorithms use.
#pragma once

#include <xsimd/xsimd.hpp>

#include "actbench/simd/algorithm.h"
#include "actbench/simd/arch.h"
#include "actbench/simd/widen.h"
#include "actbench/simd/relu/simd.h"
#include "actbench/simd/sigmoid/simd.h"
#include "actbench/simd/sigmoid/rational.h"
#include "actbench/simd/sigmoid/xsimd.h"
#include "actbench/simd/tanh/simd.h"
#include "actbench/simd/tanh/rational.h"
#include "actbench/simd/tanh/xsimd.h"
#include "actbench/simd/gelu/simd.h"
#include "actbench/simd/gelu/xsimd.h"
#include "actbench/simd/gelu_tanh/simd.h"
#include "actbench/simd/gelu_tanh/xsimd.h"
#include "actbench/simd/silu/simd.h"
#include "actbench/simd/silu/xsimd.h"
#include "actbench/simd/softplus/simd.h"
#include "actbench/simd/softplus/xsimd.h"
#include "actbench/simd/mish/simd.h"
#include "actbench/simd/mish/xsimd.h"
#include "actbench/simd/elu/simd.h"
#include "actbench/simd/elu/xsimd.h"
#include "actbench/simd/leaky_relu/simd.h"
#include "actbench/simd/hardswish/simd.h"
#include "actbench/simd/hardsigmoid/simd.h"
