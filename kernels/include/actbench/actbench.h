/* actbench's C API: find or select a kernel, then call it on arrays. Plain functions over
 * pointers and sizes, usable from C, Rust (bindgen) or Python (ctypes); link actbench::kernels
 * (or -lactbench_kernels -lstdc++ -lm for the static library).
 *
 *   const actbench_kernel* k;
 *   if (actbench_select("sigmoid", ACTBENCH_F32, ACTBENCH_FORWARD, 4, 16, ACTBENCH_FP_DEFAULT,
 *                       NULL, &k) != ACTBENCH_OK) {
 *     fprintf(stderr, "%s\n", actbench_last_message());
 *     return 1;
 *   }
 *   actbench_forward_f32(k, x, y, n);
 *
 * A kernel handle stays valid for the life of the process. Every call checks that the handle's
 * dtype matches the function and that this CPU runs the kernel's ISA, so a wrong call returns
 * an error instead of faulting. Pointers need only element alignment; y may equal x (and dx
 * may equal dy or the input); n may be 0 (pointers may then be NULL). Thread-safe. */
#ifndef ACTBENCH_ACTBENCH_H_
#define ACTBENCH_ACTBENCH_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum actbench_status {
  ACTBENCH_OK = 0,
  ACTBENCH_E_INVALID_ARGUMENT = 1,  /* a NULL pointer with n > 0, an unknown name or enum */
  ACTBENCH_E_NOT_FOUND = 2,         /* no kernel has this id */
  ACTBENCH_E_UNSUPPORTED_ISA = 3,   /* this CPU lacks the kernel's ISA */
  ACTBENCH_E_DTYPE_MISMATCH = 4,    /* the function's element type is not the kernel's */
  ACTBENCH_E_NO_BACKWARD_Y = 5,     /* the activation has no backward from the output */
  ACTBENCH_E_NONE_MEETS_BUDGET = 6, /* kernels run here, none meets the accuracy budget */
  ACTBENCH_E_NO_KERNEL = 7,         /* no kernel of that activation and dtype runs here */
  ACTBENCH_E_NO_CLAIMS_FOR_FP_ENV = 8 /* finite budget, and no candidate declares its
                                         accuracy under FTZ+DAZ (kernels/ftz.inc) */
} actbench_status;

typedef enum actbench_dtype {
  ACTBENCH_F32 = 0,
  ACTBENCH_F64 = 1,
  ACTBENCH_BF16 = 2, /* 16-bit storage (uint16_t bit patterns), float arithmetic */
  ACTBENCH_F16 = 3
} actbench_dtype;

typedef enum actbench_direction {
  ACTBENCH_FORWARD = 0,    /* y = f(x) */
  ACTBENCH_BACKWARD_X = 1, /* dx = dy * f'(x) */
  ACTBENCH_BACKWARD_Y = 2  /* dx = dy * g(y), y = f(x) */
} actbench_direction;

typedef enum actbench_fp_env {
  ACTBENCH_FP_DEFAULT = 0, /* IEEE: subnormals computed and read as such */
  ACTBENCH_FP_FTZ = 1      /* FTZ+DAZ set in MXCSR, as many framework builds run: judged by
                              the kernels' declarations for it (kernels/ftz.inc) */
} actbench_fp_env;

/* A registered kernel (opaque). */
typedef struct actbench_kernel actbench_kernel;

/* The library's version, "MAJOR.MINOR.PATCH". */
const char* actbench_version(void);
/* A short English description of a status code. */
const char* actbench_status_string(actbench_status status);
/* Why the calling thread's last actbench_select or actbench_find answered as it did (or "");
 * valid until that thread's next call to either. */
const char* actbench_last_message(void);

/* The kernel with this id ("sigmoid/rr2-p5-div/avx2/f32"): ACTBENCH_E_NOT_FOUND, or
 * ACTBENCH_E_UNSUPPORTED_ISA when this CPU cannot run it (*out is then NULL). */
actbench_status actbench_find(const char* id, const actbench_kernel** out);

/* The fastest kernel that this CPU runs and whose declared accuracy meets the budget (in ULP
 * of the dtype; INFINITY for none; the gradient budget applies to the backward from the output
 * when direction is ACTBENCH_BACKWARD_Y), ranked by the entry point `direction`. skip_isas:
 * NULL, or comma-separated ISA names to treat as missing ("avx512,avx512bf16"). */
actbench_status actbench_select(const char* activation, actbench_dtype dtype,
                                actbench_direction direction, double max_value_ulp,
                                double max_grad_ulp, actbench_fp_env fp_env,
                                const char* skip_isas, const actbench_kernel** out);

/* The kernel's id, ISA name ("avx2"), dtype, and declared accuracy in ULP (INFINITY: none;
 * grad_y is INFINITY also where there is no backward from the output). */
const char* actbench_kernel_id(const actbench_kernel* k);
const char* actbench_kernel_isa(const actbench_kernel* k);
actbench_dtype actbench_kernel_dtype(const actbench_kernel* k);
void actbench_kernel_claim(const actbench_kernel* k, double* value_ulp, double* grad_x_ulp,
                           double* grad_y_ulp);
/* Whether the kernel has a backward from the output (1) or not (0). */
int actbench_kernel_has_backward_y(const actbench_kernel* k);

/* The entry points, per element type. bf16 and f16 take their bit patterns as uint16_t. */
actbench_status actbench_forward_f32(const actbench_kernel* k, const float* x, float* y, size_t n);
actbench_status actbench_backward_x_f32(const actbench_kernel* k, const float* x, const float* dy,
                                        float* dx, size_t n);
actbench_status actbench_backward_y_f32(const actbench_kernel* k, const float* y, const float* dy,
                                        float* dx, size_t n);
actbench_status actbench_forward_f64(const actbench_kernel* k, const double* x, double* y,
                                     size_t n);
actbench_status actbench_backward_x_f64(const actbench_kernel* k, const double* x,
                                        const double* dy, double* dx, size_t n);
actbench_status actbench_backward_y_f64(const actbench_kernel* k, const double* y,
                                        const double* dy, double* dx, size_t n);
actbench_status actbench_forward_bf16(const actbench_kernel* k, const uint16_t* x, uint16_t* y,
                                      size_t n);
actbench_status actbench_backward_x_bf16(const actbench_kernel* k, const uint16_t* x,
                                         const uint16_t* dy, uint16_t* dx, size_t n);
actbench_status actbench_backward_y_bf16(const actbench_kernel* k, const uint16_t* y,
                                         const uint16_t* dy, uint16_t* dx, size_t n);
actbench_status actbench_forward_f16(const actbench_kernel* k, const uint16_t* x, uint16_t* y,
                                     size_t n);
actbench_status actbench_backward_x_f16(const actbench_kernel* k, const uint16_t* x,
                                        const uint16_t* dy, uint16_t* dx, size_t n);
actbench_status actbench_backward_y_f16(const actbench_kernel* k, const uint16_t* y,
                                        const uint16_t* dy, uint16_t* dx, size_t n);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* ACTBENCH_ACTBENCH_H_ */
