// The reference for the consumer's checks: ULP of float and the activations with their
// derivatives in double, far more accurate than float's ULP on these inputs.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>

// A check that fails is printed with its place and counted in the including file's `failures`.
#define CHECK(cond)                                                                \
  do {                                                                             \
    if (!(cond)) {                                                                 \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                                  \
    }                                                                              \
  } while (0)

namespace consumer {

// ULP of float at the exact value r (p = 24, emin = -126); results whose exact value is not a
// normal float are not scored (the claims cover normal results).
inline double UlpF32(double r) {
  int e;
  std::frexp(std::fabs(r), &e);
  return std::ldexp(1.0, std::max(e - 1, -126) - 23);
}
inline bool Normal(double r) { return std::fabs(r) >= 0x1p-126 && std::fabs(r) <= 0x1.fffffep127; }

// The activations and derivatives in double: far more accurate than float's ULP here.
struct Reference {
  const char* name;
  double (*f)(double);
  double (*df)(double);
};
inline double Sig(double x) { return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x)); }
inline double SigP(double x) {
  const double e = std::exp(-std::fabs(x));
  return e / ((1 + e) * (1 + e));
}
inline const Reference kRefs[] = {
    {"sigmoid", Sig, SigP},
    {"tanh", [](double x) { return std::tanh(x); },
     [](double x) {
       const double e = std::exp(-2 * std::fabs(x));
       return 4 * e / ((1 + e) * (1 + e));
     }},
    {"gelu", [](double x) { return 0.5 * x * std::erfc(-x / std::sqrt(2.0)); },
     [](double x) {
       return 0.5 * std::erfc(-x / std::sqrt(2.0)) +
              x * std::exp(-0.5 * x * x) / std::sqrt(2 * 3.14159265358979323846);
     }},
    {"silu", [](double x) { return x * Sig(x); }, [](double x) { return Sig(x) + x * SigP(x); }},
};

}  // namespace consumer
