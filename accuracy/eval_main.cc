// actbench-eval: evaluates kernels on a grid of inputs and prints, per point, the kernel's
// value and gradients next to the exact ones and their ULP errors. Feeds the plots (the
// seed's function-and-gradient figure, error against x) and quick look-ups by hand.
#include <charconv>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accuracy/activation.h"
#include "accuracy/ulp.h"
#include "actbench/registry.h"
#include "util/cli.h"

namespace {

using actbench::Kernel;

int Usage(std::FILE* out) {
  std::fprintf(out,
               "usage: actbench-eval --kernels GLOB[,GLOB] [--from A] [--to B] [--step S]\n"
               "Evaluates each matching kernel at x = A, A+S, ... < B (default -10, 10, 0.1:\n"
               "the seed notebook's arange) and prints CSV:\n"
               "  kernel,x,y,grad_x,grad_y,exact_y,exact_grad,ulp_y,ulp_grad_x,ulp_grad_y\n"
               "grad_x = backward_x(x, dy=1); grad_y = backward_y(forward(x), dy=1) (empty if\n"
               "the kernel has none); exact values from the double/long double reference.\n");
  return out == stdout ? 0 : 2;
}

bool ParseDouble(const char* s, double& v) {
  const char* end = s + std::strlen(s);
  auto [p, ec] = std::from_chars(s, end, v);
  return ec == std::errc() && p == end;
}

template <class T>
void Eval(const Kernel& k, const std::vector<double>& grid) {
  // The reference is one tier wider than the kernel: double for f32, long double for f64.
  using R = typename actbench::DTypeTraits<T>::Reference;
  const auto& ops = k.ops<T>();
  const std::size_t n = grid.size();
  std::vector<T> x(n), y(n), gx(n), gy(n), ones(n, T(1));
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<T>(grid[i]);
  ops.forward(x.data(), y.data(), n);
  ops.backward_x(x.data(), ones.data(), gx.data(), n);
  if (ops.backward_y) ops.backward_y(y.data(), ones.data(), gy.data(), n);
  for (std::size_t i = 0; i < n; ++i) {
    const R ry = actbench::ref::Value<R>(k.activation, x[i]);
    const R rg = actbench::ref::GradX<R>(k.activation, x[i]);
    std::printf("%.*s,%.9g,%.17g,%.17g,", static_cast<int>(k.id.size()), k.id.data(),
                static_cast<double>(x[i]), static_cast<double>(y[i]), static_cast<double>(gx[i]));
    if (ops.backward_y) std::printf("%.17g", static_cast<double>(gy[i]));
    std::printf(",%.17Lg,%.17Lg,%.4g,%.4g,", static_cast<long double>(ry),
                static_cast<long double>(rg), actbench::UlpError<T>(y[i], ry),
                actbench::UlpError<T>(gx[i], rg));
    if (ops.backward_y) std::printf("%.4g", actbench::UlpError<T>(gy[i], rg));
    std::printf("\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string patterns;
  double from = -10, to = 10, step = 0.1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto number = [&](const std::optional<std::string>& text, double& v) {
      if (!ParseDouble(text->c_str(), v)) {
        std::fprintf(stderr, "actbench-eval: %.*s needs a number, got '%s'\n",
                     static_cast<int>(a.find('=') == a.npos ? a.size() : a.find('=')), a.data(),
                     text->c_str());
        return false;
      }
      return true;
    };
    if (a == "-h" || a == "--help") return Usage(stdout);
    if (auto v = actbench::cli::Value(argc, argv, &i, "--kernels")) {
      if (v->empty()) {
        std::fprintf(stderr, "actbench-eval: --kernels needs comma-separated globs\n");
        return 2;
      }
      patterns = *v;
    } else if (auto v = actbench::cli::Value(argc, argv, &i, "--from")) {
      if (!number(v, from)) return 2;
    } else if (auto v = actbench::cli::Value(argc, argv, &i, "--to")) {
      if (!number(v, to)) return 2;
    } else if (auto v = actbench::cli::Value(argc, argv, &i, "--step")) {
      if (!number(v, step)) return 2;
    } else {
      std::fprintf(stderr, "actbench-eval: unknown argument '%s'\n", argv[i]);
      return Usage(stderr);
    }
  }
  if (patterns.empty()) {
    std::fprintf(stderr, "actbench-eval: --kernels is required\n");
    return Usage(stderr);
  }
  if (!(step > 0) || !(to > from) || (to - from) / step > 1e7) {
    std::fprintf(stderr, "actbench-eval: need from < to, step > 0, at most 1e7 points\n");
    return 2;
  }
  const auto kernels = actbench::MatchKernelsOrExplain(patterns, "actbench-eval");
  if (kernels.empty()) return 2;
  std::vector<double> grid;
  for (long i = 0;; ++i) {
    const double x = from + static_cast<double>(i) * step;
    if (x >= to - step * 1e-9) break;
    grid.push_back(x);
  }
  std::printf("kernel,x,y,grad_x,grad_y,exact_y,exact_grad,ulp_y,ulp_grad_x,ulp_grad_y\n");
  for (const Kernel* k : kernels) {
    if (!actbench::CpuSupports(*k)) {
      std::fprintf(stderr, "actbench-eval: skipping %.*s: this CPU lacks %.*s\n",
                   static_cast<int>(k->id.size()), k->id.data(),
                   static_cast<int>(actbench::Name(k->isa).size()), actbench::Name(k->isa).data());
      continue;
    }
    actbench::VisitDType(k->dtype, [&](auto zero) { Eval<decltype(zero)>(*k, grid); });
  }
  return 0;
}
