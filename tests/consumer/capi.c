/* The C API from C: selection, calls, error codes. Returns the number of failed checks. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "actbench/actbench.h"

#define CHECK(cond)                                                  \
  do {                                                               \
    if (!(cond)) {                                                   \
      fprintf(stderr, "capi.c:%d: check failed: %s\n", __LINE__, #cond); \
      ++failures;                                                    \
    }                                                                \
  } while (0)

/* ULP of float at the exact value r (p = 24, emin = -126). */
static double UlpF32(double r) {
  int e;
  frexp(fabs(r), &e); /* |r| = m 2^e, m in [0.5, 1) */
  if (e - 1 < -126) e = -125;
  return ldexp(1.0, e - 1 - 23);
}

static double Sigmoid(double x) {
  return x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x));
}

int CheckCApi(void) {
  int failures = 0;
  const actbench_kernel* k = NULL;
  float x[3001], y[3001];
  double claim_v, claim_gx, claim_gy, worst = 0;
  size_t i;

  CHECK(strcmp(actbench_version(), "") != 0);
  CHECK(actbench_select("sigmoid", ACTBENCH_F32, ACTBENCH_FORWARD, 4, 16, ACTBENCH_FP_DEFAULT,
                        NULL, &k) == ACTBENCH_OK);
  if (k == NULL) return failures + 1;
  printf("C API: %s\n", actbench_last_message());
  actbench_kernel_claim(k, &claim_v, &claim_gx, &claim_gy);
  CHECK(claim_v <= 4 && claim_gx <= 16);
  CHECK(actbench_kernel_dtype(k) == ACTBENCH_F32);
  for (i = 0; i < 3001; ++i) x[i] = (float)(-30.0 + 0.02 * (double)i);
  CHECK(actbench_forward_f32(k, x, y, 3001) == ACTBENCH_OK);
  for (i = 0; i < 3001; ++i) {
    const double r = Sigmoid(x[i]);
    const double err = fabs(y[i] - r) / UlpF32(r);
    if (err > worst) worst = err;
  }
  printf("C API: %s max value error %.3g ULP on 3001 inputs (claim %.3g)\n", actbench_kernel_id(k),
         worst, claim_v);
  CHECK(worst <= claim_v);
  /* In place, and n = 0 with NULL pointers. */
  CHECK(actbench_forward_f32(k, x, x, 3001) == ACTBENCH_OK && memcmp(x, y, sizeof y) == 0);
  CHECK(actbench_forward_f32(k, NULL, NULL, 0) == ACTBENCH_OK);

  /* Errors, each with its own code and no call made. */
  CHECK(actbench_forward_f32(k, NULL, y, 5) == ACTBENCH_E_INVALID_ARGUMENT);
  CHECK(actbench_forward_f64(k, NULL, NULL, 0) == ACTBENCH_E_DTYPE_MISMATCH);
  {
    const actbench_kernel* none = k;
    CHECK(actbench_find("sigmoid/no-such/avx2/f32", &none) == ACTBENCH_E_NOT_FOUND && none == NULL);
    CHECK(strstr(actbench_last_message(), "sigmoid/") != NULL);
    CHECK(actbench_select("sigmoid", ACTBENCH_F32, ACTBENCH_FORWARD, 0, 0, ACTBENCH_FP_DEFAULT,
                          NULL, &none) == ACTBENCH_E_NONE_MEETS_BUDGET && none == NULL);
    /* Under FTZ+DAZ, the kernels' declarations for it (kernels/ftz.inc): the bf16 kernels are
       measured there exhaustively, GELU's float32 kernels not yet. */
    CHECK(actbench_select("sigmoid", ACTBENCH_BF16, ACTBENCH_FORWARD, 1, 1, ACTBENCH_FP_FTZ, NULL,
                          &none) == ACTBENCH_OK && none != NULL);
    CHECK(strstr(actbench_last_message(), "ftz") != NULL);
    CHECK(actbench_select("gelu", ACTBENCH_F32, ACTBENCH_FORWARD, 4, 16, ACTBENCH_FP_FTZ, NULL,
                          &none) == ACTBENCH_E_NO_CLAIMS_FOR_FP_ENV);
    CHECK(strstr(actbench_last_message(), "ftz") != NULL);
    CHECK(actbench_select("sigmoid", ACTBENCH_F32, ACTBENCH_FORWARD, INFINITY, INFINITY,
                          ACTBENCH_FP_FTZ, NULL, &none) == ACTBENCH_OK);
    CHECK(actbench_select("sigmod", ACTBENCH_F32, ACTBENCH_FORWARD, 4, 16, ACTBENCH_FP_DEFAULT,
                          NULL, &none) == ACTBENCH_E_INVALID_ARGUMENT);
    CHECK(actbench_select("sigmoid", ACTBENCH_F32, ACTBENCH_FORWARD, 4, 16, ACTBENCH_FP_DEFAULT,
                          "avx1024", &none) == ACTBENCH_E_INVALID_ARGUMENT);
    CHECK(actbench_select("sigmoid", ACTBENCH_F32, ACTBENCH_FORWARD, INFINITY, INFINITY,
                          ACTBENCH_FP_DEFAULT, "scalar,sse4.2,avx2,avx512,avx512bf16",
                          &none) == ACTBENCH_E_NO_KERNEL);
    /* GELU has no backward from the output. */
    CHECK(actbench_select("gelu", ACTBENCH_F32, ACTBENCH_BACKWARD_Y, INFINITY, INFINITY,
                          ACTBENCH_FP_DEFAULT, NULL, &none) == ACTBENCH_E_NO_KERNEL);
    CHECK(actbench_select("gelu", ACTBENCH_F32, ACTBENCH_FORWARD, 4, 16, ACTBENCH_FP_DEFAULT, NULL,
                          &none) == ACTBENCH_OK);
    CHECK(actbench_backward_y_f32(none, NULL, NULL, NULL, 0) == ACTBENCH_E_NO_BACKWARD_Y);
    /* AVX-512 masked off: a kernel this CPU runs without it. */
    CHECK(actbench_select("sigmoid", ACTBENCH_F32, ACTBENCH_FORWARD, 4, 16, ACTBENCH_FP_DEFAULT,
                          "avx512,avx512bf16", &none) == ACTBENCH_OK);
    CHECK(none != NULL && strncmp(actbench_kernel_isa(none), "avx512", 6) != 0);
  }
  return failures;
}
