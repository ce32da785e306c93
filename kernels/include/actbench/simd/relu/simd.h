// relu as explicit SIMD, any element type and arch: relu(x) = max(0, x), relu'(x) = 1 for
// x > 0 else 0 (relu'(0) = 0, as PyTorch), g(y) the same test on y.
#pragma once

#include "actbench/simd/relu/algorithms.h"
#include "actbench/simd/arch.h"

namespace actbench::simd {

// relu/max/{sse4.2,avx2,avx512}/{f32,f64}
//   value:  max(0, x), one maxps: exact. maxps returns its second operand when either is NaN,
//           so NaN propagates; -0 gives -0 (equal to the reference +0).
//   grads:  dy where the input is > 0, else dy * max(0, v): that is +-0 for v <= 0 (NaN when
//           dy is +-inf or NaN, exactly as dy * 0), and NaN for a NaN v. Exact (0 ULP).
//   special: +inf -> +inf (grad dy), -inf -> 0 (grad 0); subnormals are kept.
struct ReluMax {
  template <class B>
  static B value(const B& x) {
    return xsimd::max(B(0), x);
  }
  template <class B>
  static B backward_x(const B& x, const B& dy) {
    return xsimd::select(x > B(0), dy, dy * xsimd::max(B(0), x));
  }
  template <class B>
  static B backward_y(const B& y, const B& dy) {
    return backward_x(y, dy);
  }
};

}  // namespace actbench::simd
