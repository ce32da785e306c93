// An installed actbench used from outside: run-time selection, the registry, the per-vector
// xsimd functions (compared bit for bit with the array kernels of the same id) and a shared
// library built on the static one; every result checked against a double-precision reference
// within the kernel's declared accuracy. Exit status: the number of failed checks (capped).
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "actbench/registry.h"
#include "actbench/select.h"
#include "reference.h"
#include "actbench/version.h"

extern "C" int CheckCApi(void);
extern "C" int plugin_sigmoid(const float* x, float* y, std::size_t n);
extern "C" const char* plugin_kernel_id();
int CheckPerVectorAvx2(const std::vector<float>& x);

namespace {

using namespace consumer;

int failures = 0;

std::vector<float> Inputs() {
  std::vector<float> x;
  for (int i = 0; i < 4000; ++i) x.push_back(static_cast<float>(-20.0 + 40.0 * i / 3999));
  for (float v : {0.0f, -0.0f, 1e-30f, -1e-30f, 1e-6f, 88.0f, -88.0f, 100.0f, -100.0f})
    x.push_back(v);
  return x;
}

// Max ULP error of forward and backward_x (dy = 1) against the reference.
void Score(const actbench::Kernel& k, const Reference& ref, const std::vector<float>& x,
           double* value_ulp, double* grad_ulp) {
  const auto ops = k.ops<float>();
  std::vector<float> y(x.size()), dx(x.size()), ones(x.size(), 1.0f);
  ops.forward(x.data(), y.data(), x.size());
  ops.backward_x(x.data(), ones.data(), dx.data(), x.size());
  *value_ulp = *grad_ulp = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double r = ref.f(x[i]), g = ref.df(x[i]);
    if (Normal(r)) *value_ulp = std::max(*value_ulp, std::fabs(y[i] - r) / UlpF32(r));
    if (Normal(g)) *grad_ulp = std::max(*grad_ulp, std::fabs(dx[i] - g) / UlpF32(g));
  }
}

// Selection per tier, with and without AVX-512, each pick checked against the reference.
void CheckSelection(const std::vector<float>& x) {
  struct Tier {
    const char* name;
    double value, grad;
  };
  for (const Reference& ref : kRefs) {
    for (const Tier& t : {Tier{"1ulp", 1, 4}, Tier{"4ulp", 4, 16}}) {
      for (const char* skip : {"", "avx512,avx512bf16"}) {
        actbench::SelectRequest r;
        r.activation = *actbench::ParseActivation(ref.name);
        r.max_value_ulp = t.value;
        r.max_grad_ulp = t.grad;
        r.skip_isas = *actbench::ParseIsaList(skip);
        const actbench::Selection s = actbench::SelectKernel(r);
        std::printf("select %s %s%s%s: %s\n", ref.name, t.name, *skip ? " without " : "", skip,
                    s.reason.c_str());
        CHECK(s.status == actbench::SelectStatus::kOk && s.kernel != nullptr);
        if (s.kernel == nullptr) continue;
        CHECK(actbench::CpuSupports(*s.kernel));
        CHECK((r.skip_isas & actbench::IsaBit(s.kernel->isa)) == 0);
        CHECK(s.kernel->claim.value <= t.value && s.kernel->claim.grad_x <= t.grad);
        double v, g;
        Score(*s.kernel, ref, x, &v, &g);
        std::printf("  measured on %zu inputs: value %.3g ULP, grad %.3g ULP (claims %g, %g)\n",
                    x.size(), v, g, s.kernel->claim.value, s.kernel->claim.grad_x);
        CHECK(v <= s.kernel->claim.value && g <= s.kernel->claim.grad_x);
      }
    }
  }
}

}  // namespace

int main() {
  std::printf("actbench %s, %zu kernels registered\n", ACTBENCH_VERSION_STRING,
              actbench::AllKernels().size());
  // actbench::kernels alone: no peer library's kernel is registered or linked.
  for (const actbench::Kernel& k : actbench::AllKernels()) CHECK(k.family != "peer");
  CHECK(actbench::PeerVersions().empty());
  CHECK(actbench::FindKernel("sigmoid/rr2-p5-div/avx2/f32") != nullptr);

  const std::vector<float> x = Inputs();
  CheckSelection(x);
  if (actbench::CpuSupports(actbench::Isa::kAvx2)) {
    failures += CheckPerVectorAvx2(x);
  } else {
    std::printf("per-vector: this CPU has no AVX2, not run\n");
  }

  // The shared library built on the static one gives the selected kernel's results.
  {
    std::vector<float> y(x.size()), yk(x.size());
    CHECK(plugin_sigmoid(x.data(), y.data(), x.size()) == 0);
    const actbench::Kernel* k = actbench::FindKernel(plugin_kernel_id());
    CHECK(k != nullptr);
    if (k) k->ops<float>().forward(x.data(), yk.data(), x.size());
    CHECK(std::memcmp(y.data(), yk.data(), y.size() * sizeof(float)) == 0);
    std::printf("shared library: %s\n", plugin_kernel_id());
  }

  failures += CheckCApi();
  std::printf("%s: %d failed checks\n", failures ? "FAIL" : "ok", failures);
  return failures > 100 ? 100 : failures;
}
