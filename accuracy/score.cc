// The branch-free float32 scorers of score.h, compiled once per vector target: the exhaustive
// sweep scores 2^32 results per kernel and quantity through them.
#include "accuracy/score.h"

namespace actbench::acc::detail {

// The vectoriser needs 256-bit (or 512-bit) vectors for this mix of float and double; the
// binary stays portable: GCC builds one clone per target and picks one when the program loads.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__)
#define ACTBENCH_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define ACTBENCH_VECTOR_CLONES
#endif

// ScoreErrors for float results of a plain chunk, with the same figures as the general loop
// (same errors, same summation order, first input of a maximum) at a fraction of the cost:
// the exhaustive sweep scores 2^32 results per kernel and quantity. Maxima are found with
// selects; their inputs are looked up afterwards, only when the chunk beats the running max.
ACTBENCH_VECTOR_CLONES
double ScorePlainF32(const float* x, const float* y, const double* r, std::size_t n,
                     std::uint64_t key0, Acc& a) {
  // One pass of selects and arithmetic that the compiler vectorises (OpenMP SIMD reductions;
  // the lane order is fixed at compile time, so sums do not depend on threads or timing).
  constexpr double kMin = std::numeric_limits<float>::min();
  constexpr double kDenormMin = std::numeric_limits<float>::denorm_min();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  double m_err = -1, m_norm = -1, m_abs = -1, m_rel = -1, sum = 0;
  std::uint64_t cr = 0, flushed = 0;
#pragma omp simd reduction(max : m_err, m_norm, m_abs, m_rel) reduction(+ : sum, cr, flushed)
  for (std::size_t i = 0; i < n; ++i) {
    // Written without short-circuits so that it if-converts: every operand is computed.
    const double ri = r[i], ar = std::fabs(ri), yi = static_cast<double>(y[i]);
    const double d = std::fabs(yi - ri);
    const bool normal = (ri == 0) | (ar >= kMin);
    const double q = d / ar;
    const double rel = d == 0 ? 0.0 : (ar == 0 ? kInf : q);
    const double err = d * InvUlpF32(ri);
    m_err = err > m_err ? err : m_err;
    const double err_normal = normal ? err : -1.0;
    m_norm = err_normal > m_norm ? err_normal : m_norm;
    m_abs = d > m_abs ? d : m_abs;
    m_rel = rel > m_rel ? rel : m_rel;
    sum += err;
    cr += err <= 0.5 ? 1 : 0;
    flushed += ((yi == 0) & !normal & (ar >= kDenormMin)) ? 1 : 0;
  }
  a.points += n, a.numbers += n, a.correctly_rounded += cr, a.flushed += flushed;
  // Inputs of new maxima: a second pass over this chunk, only when it beats a running max.
  if (m_err > a.ulp.v || m_norm > a.ulp_normal.v || m_abs > a.abs.v || m_rel > a.rel.v) {
    for (std::size_t i = 0; i < n; ++i) {
      const double ri = r[i], ar = std::fabs(ri);
      const double d = std::fabs(static_cast<double>(y[i]) - ri);
      const double err = d * InvUlpF32(ri);
      const double xd = static_cast<double>(x[i]);
      a.ulp.Update(err, xd, key0 + i);
      if (ri == 0 || ar >= kMin) a.ulp_normal.Update(err, xd, key0 + i);
      a.abs.Update(d, xd, key0 + i);
      a.rel.Update(d == 0 ? 0.0 : ar == 0 ? kInf : d / ar, xd, key0 + i);
    }
  }
  return sum;
}

// Largest SymmetryUlpsF32 over c pairs of finite floats, vectorised like ScorePlainF32.
ACTBENCH_VECTOR_CLONES
double MaxSymmetryUlpsF32(SymmetryForm f, const float* mags, const float* yp, const float* yn,
                          std::size_t c) {
  double m = -1;
#pragma omp simd reduction(max : m)
  for (std::size_t k = 0; k < c; ++k) {
    const double u = SymmetryUlpsF32(f, mags[k], yp[k], yn[k]);
    m = u > m ? u : m;
  }
  return m;
}

}  // namespace actbench::acc::detail
