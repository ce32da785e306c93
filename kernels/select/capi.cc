// The C API (actbench/actbench.h) over the registry and run-time selection.
#include "actbench/actbench.h"

#include <cmath>
#include <initializer_list>
#include <string>
#include <type_traits>

#include "actbench/registry.h"
#include "actbench/select.h"
#include "actbench/version.h"

namespace {

using actbench::DType;
using actbench::Kernel;

static_assert(sizeof(actbench::bf16) == sizeof(std::uint16_t) &&
              sizeof(actbench::f16) == sizeof(std::uint16_t) &&
              std::is_standard_layout_v<actbench::bf16> &&
              std::is_standard_layout_v<actbench::f16>,
              "16-bit dtypes are their bit patterns");

thread_local std::string last_message;

// The opaque handle (an incomplete type, never defined) is the address of a registry Kernel.
const actbench_kernel* Handle(const Kernel* k) { return reinterpret_cast<const actbench_kernel*>(k); }
const Kernel* K(const actbench_kernel* h) { return reinterpret_cast<const Kernel*>(h); }

actbench_status Say(actbench_status status, std::string message) {
  last_message = std::move(message);
  return status;
}

// Checks common to every entry point: a handle of the right dtype that this CPU runs, and
// pointers unless n is 0.
template <class T>
actbench_status Check(const Kernel* k, std::size_t n,
                      std::initializer_list<const void*> ptrs) {
  if (k == nullptr) return ACTBENCH_E_INVALID_ARGUMENT;
  if (k->dtype != actbench::DTypeTraits<T>::kTag) return ACTBENCH_E_DTYPE_MISMATCH;
  if (!actbench::CpuSupports(k->isa)) return ACTBENCH_E_UNSUPPORTED_ISA;
  if (n > 0)
    for (const void* p : ptrs)
      if (p == nullptr) return ACTBENCH_E_INVALID_ARGUMENT;
  return ACTBENCH_OK;
}

template <class T, class P>
actbench_status Forward(const actbench_kernel* h, const P* x, P* y, std::size_t n) {
  const Kernel* k = K(h);
  if (const auto s = Check<T>(k, n, {x, y}); s != ACTBENCH_OK) return s;
  k->ops<T>().forward(reinterpret_cast<const T*>(x), reinterpret_cast<T*>(y), n);
  return ACTBENCH_OK;
}

template <class T, class P, bool kFromY>
actbench_status Backward(const actbench_kernel* h, const P* v, const P* dy, P* dx,
                         std::size_t n) {
  const Kernel* k = K(h);
  if (const auto s = Check<T>(k, n, {v, dy, dx}); s != ACTBENCH_OK) return s;
  const auto ops = k->ops<T>();
  const auto fn = kFromY ? ops.backward_y : ops.backward_x;
  if (fn == nullptr) return ACTBENCH_E_NO_BACKWARD_Y;
  fn(reinterpret_cast<const T*>(v), reinterpret_cast<const T*>(dy), reinterpret_cast<T*>(dx), n);
  return ACTBENCH_OK;
}

}  // namespace

extern "C" {

const char* actbench_version(void) { return ACTBENCH_VERSION_STRING; }

const char* actbench_status_string(actbench_status status) {
  switch (status) {
    case ACTBENCH_OK: return "ok";
    case ACTBENCH_E_INVALID_ARGUMENT: return "invalid argument";
    case ACTBENCH_E_NOT_FOUND: return "no kernel has this id";
    case ACTBENCH_E_UNSUPPORTED_ISA: return "this CPU lacks the kernel's instruction set";
    case ACTBENCH_E_DTYPE_MISMATCH: return "the kernel's dtype is not the function's";
    case ACTBENCH_E_NO_BACKWARD_Y: return "the kernel has no backward from the output";
    case ACTBENCH_E_NONE_MEETS_BUDGET: return "no kernel meets the accuracy budget";
    case ACTBENCH_E_NO_KERNEL: return "no kernel of this activation and dtype runs here";
    case ACTBENCH_E_NO_CLAIMS_FOR_FP_ENV:
      return "no kernel declares its accuracy for this floating-point environment";
  }
  return "unknown status";
}

const char* actbench_last_message(void) { return last_message.c_str(); }

actbench_status actbench_find(const char* id, const actbench_kernel** out) {
  if (out == nullptr) return ACTBENCH_E_INVALID_ARGUMENT;
  *out = nullptr;
  if (id == nullptr) return Say(ACTBENCH_E_INVALID_ARGUMENT, "no id given");
  const Kernel* k = actbench::FindKernel(id);
  if (k == nullptr) {
    std::string m = "no kernel has the id ";
    m += id;
    const auto similar = actbench::SimilarIds(id, 3);
    if (!similar.empty()) {
      m += " (closest: ";
      for (std::size_t i = 0; i < similar.size(); ++i) {
        if (i) m += ", ";
        m += similar[i];
      }
      m += ")";
    }
    return Say(ACTBENCH_E_NOT_FOUND, std::move(m));
  }
  if (!actbench::CpuSupports(*k)) {
    std::string m = "this CPU cannot run ";
    m += id;
    m += " (no ";
    m += actbench::Name(k->isa);
    m += ")";
    return Say(ACTBENCH_E_UNSUPPORTED_ISA, std::move(m));
  }
  *out = Handle(k);
  return Say(ACTBENCH_OK, "");
}

actbench_status actbench_select(const char* activation, actbench_dtype dtype,
                                actbench_direction direction, double max_value_ulp,
                                double max_grad_ulp, actbench_fp_env fp_env,
                                const char* skip_isas, const actbench_kernel** out) {
  if (out == nullptr) return ACTBENCH_E_INVALID_ARGUMENT;
  *out = nullptr;
  const auto act = activation ? actbench::ParseActivation(activation) : std::nullopt;
  if (!act) {
    std::string m = "unknown activation ";
    m += activation ? activation : "(null)";
    return Say(ACTBENCH_E_INVALID_ARGUMENT, std::move(m));
  }
  if (dtype < ACTBENCH_F32 || dtype > ACTBENCH_F16 || direction < ACTBENCH_FORWARD ||
      direction > ACTBENCH_BACKWARD_Y || (fp_env != ACTBENCH_FP_DEFAULT && fp_env != ACTBENCH_FP_FTZ) ||
      std::isnan(max_value_ulp) || std::isnan(max_grad_ulp))
    return Say(ACTBENCH_E_INVALID_ARGUMENT, "dtype, direction, fp_env or a budget out of range");
  actbench::SelectRequest r;
  r.activation = *act;
  r.dtype = static_cast<DType>(dtype);
  r.direction = static_cast<actbench::Direction>(direction);
  r.max_value_ulp = max_value_ulp;
  r.max_grad_ulp = max_grad_ulp;
  r.fp_env = fp_env == ACTBENCH_FP_FTZ ? actbench::FpEnv::kFtz : actbench::FpEnv::kDefault;
  if (skip_isas != nullptr) {
    const auto bits = actbench::ParseIsaList(skip_isas);
    if (!bits) {
      std::string m = "unknown ISA in ";
      m += skip_isas;
      m += " (ISAs: scalar, sse4.2, avx2, avx512, avx512bf16)";
      return Say(ACTBENCH_E_INVALID_ARGUMENT, std::move(m));
    }
    r.skip_isas = *bits;
  }
  actbench::Selection s = actbench::SelectKernel(r);
  switch (s.status) {
    case actbench::SelectStatus::kOk:
      *out = Handle(s.kernel);
      return Say(ACTBENCH_OK, std::move(s.reason));
    case actbench::SelectStatus::kNoneMeetsBudget:
      return Say(ACTBENCH_E_NONE_MEETS_BUDGET, std::move(s.reason));
    case actbench::SelectStatus::kNoKernel: return Say(ACTBENCH_E_NO_KERNEL, std::move(s.reason));
    case actbench::SelectStatus::kNoClaimsForFpEnv:
      return Say(ACTBENCH_E_NO_CLAIMS_FOR_FP_ENV, std::move(s.reason));
  }
  return ACTBENCH_E_INVALID_ARGUMENT;
}

const char* actbench_kernel_id(const actbench_kernel* h) {
  return h ? K(h)->id.data() : nullptr;  // registry ids are NUL-terminated strings
}
const char* actbench_kernel_isa(const actbench_kernel* h) {
  return h ? actbench::Name(K(h)->isa).data() : nullptr;  // names are string literals
}
actbench_dtype actbench_kernel_dtype(const actbench_kernel* h) {
  return static_cast<actbench_dtype>(h ? K(h)->dtype : DType::kF32);
}
void actbench_kernel_claim(const actbench_kernel* h, double* value_ulp, double* grad_x_ulp,
                           double* grad_y_ulp) {
  if (h == nullptr) return;
  const Kernel* k = K(h);
  if (value_ulp) *value_ulp = k->claim.value;
  if (grad_x_ulp) *grad_x_ulp = k->claim.grad_x;
  if (grad_y_ulp) *grad_y_ulp = k->has_backward_y() ? k->claim.grad_y : actbench::kNoClaim;
}
int actbench_kernel_has_backward_y(const actbench_kernel* h) {
  return h && K(h)->has_backward_y() ? 1 : 0;
}

#define ACTBENCH_C_ENTRY_POINTS(suffix, T, P)                                                  \
  actbench_status actbench_forward_##suffix(const actbench_kernel* k, const P* x, P* y,        \
                                            size_t n) {                                        \
    return Forward<T>(k, x, y, n);                                                             \
  }                                                                                            \
  actbench_status actbench_backward_x_##suffix(const actbench_kernel* k, const P* x,           \
                                               const P* dy, P* dx, size_t n) {                 \
    return Backward<T, P, false>(k, x, dy, dx, n);                                             \
  }                                                                                            \
  actbench_status actbench_backward_y_##suffix(const actbench_kernel* k, const P* y,           \
                                               const P* dy, P* dx, size_t n) {                 \
    return Backward<T, P, true>(k, y, dy, dx, n);                                              \
  }
ACTBENCH_C_ENTRY_POINTS(f32, float, float)
ACTBENCH_C_ENTRY_POINTS(f64, double, double)
ACTBENCH_C_ENTRY_POINTS(bf16, actbench::bf16, std::uint16_t)
ACTBENCH_C_ENTRY_POINTS(f16, actbench::f16, std::uint16_t)
#undef ACTBENCH_C_ENTRY_POINTS

}  // extern "C"
