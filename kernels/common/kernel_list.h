// The grammar of the kernel lists (kernels/<activation>/kernels.inc) and the preprocessor
// helpers that expand them. A kernel list names every algorithm of an activation once, with the
// ISAs and dtypes it is built for; kernels/kernels.inc includes every activation's list with
// ACTBENCH_ACT set to its Activation enumerator. Each includer defines the four entry macros
// for what it needs: kernels/registry.cc registers every variant under the id
// ACTIVATION/TOKENS/ISA/DTYPE, each simd/isa_*.cc instantiates the SIMD variants of its ISA. A
// variant listed for an ISA that no translation unit instantiates is a link error, and an
// entry point is instantiated only where the list names it.
//
//   ACTBENCH_SCALAR(Impl, "tokens", "family", "description", VARIANT...)
//       Impl<T>: value(x), grad_x(x), grad_y(y) per element (kernels/<activation>/scalar.h)
//   ACTBENCH_SIMD((Algo), "tokens", "family", "description", VARIANT...)
//       Algo: an explicit-SIMD algorithm (kernels/simd), in parentheses since it may hold commas
//   ACTBENCH_PEER_VEC(Name, "tokens", (LIB, recipe...), "description", VARIANT...)
//       a library's vector function (SLEEF, EIGEN, HWY), run as peer::VecKernel<Name, Isa, T>
//       (kernels/peer); the recipe says which function and how the activation is built on
//       it, in the library's terms (kernels/peer/<lib>_kernels.inc); family peer
//   ACTBENCH_PEER_RT(Kernel, "tokens", (LIB, recipe...), "description", VARIANT...)
//       peer::Kernel<Activation, TYPE>: a library that dispatches at run time (DNNL, XNN), with
//       the library's operator for the activation as its recipe; family peer
//
//   VARIANT: (ISA, TYPE, CLAIM_VALUE, CLAIM_GRAD_X, CLAIM_GRAD_Y, QUIRKS[, "description"])
//       ISA an Isa enumerator (kScalar, kSse42, kAvx2, kAvx512, kAvx512Bf16: bf16 only); TYPE a
//       dtype's storage type;
//       the claims in ULP (kNoClaim: none), measured (actbench-accuracy) with a small margin;
//       QUIRKS Quirk bits; a description here replaces the entry's for this variant.
#pragma once

// f(fixed, a) for every a of the list, as one expansion (up to 256 items).
#define ACTBENCH_FOR_EACH(f, fixed, ...) \
  __VA_OPT__(ACTBENCH_EXPAND(ACTBENCH_FOR_EACH_STEP(f, fixed, __VA_ARGS__)))
#define ACTBENCH_FOR_EACH_STEP(f, fixed, a, ...) \
  f(fixed, a) __VA_OPT__(ACTBENCH_FOR_EACH_AGAIN ACTBENCH_PARENS(f, fixed, __VA_ARGS__))
#define ACTBENCH_FOR_EACH_AGAIN() ACTBENCH_FOR_EACH_STEP
#define ACTBENCH_PARENS ()
#define ACTBENCH_EXPAND(...) \
  ACTBENCH_EXPAND4(ACTBENCH_EXPAND4(ACTBENCH_EXPAND4(ACTBENCH_EXPAND4(__VA_ARGS__))))
#define ACTBENCH_EXPAND4(...) \
  ACTBENCH_EXPAND3(ACTBENCH_EXPAND3(ACTBENCH_EXPAND3(ACTBENCH_EXPAND3(__VA_ARGS__))))
#define ACTBENCH_EXPAND3(...) \
  ACTBENCH_EXPAND2(ACTBENCH_EXPAND2(ACTBENCH_EXPAND2(ACTBENCH_EXPAND2(__VA_ARGS__))))
#define ACTBENCH_EXPAND2(...) \
  ACTBENCH_EXPAND1(ACTBENCH_EXPAND1(ACTBENCH_EXPAND1(ACTBENCH_EXPAND1(__VA_ARGS__))))
#define ACTBENCH_EXPAND1(...) __VA_ARGS__

// (a, b) -> a, b; and m(args) after the arguments have been expanded (so that an unwrapped
// tuple counts as several arguments).
#define ACTBENCH_UNPAREN(...) __VA_ARGS__
#define ACTBENCH_CALL(m, ...) m(__VA_ARGS__)
