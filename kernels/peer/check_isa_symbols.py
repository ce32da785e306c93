#!/usr/bin/env python3
"""Checks that per-ISA object files export only ISA-keyed symbols.

The linker merges same-named inline functions and template instantiations from different
objects. If an AVX-512 file and a baseline or AVX2 file both emitted, say, an Eigen helper of the
same name, either copy could be called from the other's code, and a CPU without AVX-512 could
run AVX-512 instructions. kernels/peer keys everything it instantiates in a per-ISA file by the
ISA; this check fails when a global or weak symbol of such a file does not name its ISA.

usage: check_isa_symbols.py OBJECT...   (objects whose name contains _avx512 or _avx2 are checked)
"""
import re
import subprocess
import sys

# What keys a symbol to an ISA: the actbench::Isa enumerator as a template argument (kAvx2 = 2,
# kAvx512 = 3; kernels/include/actbench/kernel.h), Highway's per-target namespaces (N_AVX3 /
# N_AVX2), or a vector type of exactly that ISA's width (a 256-bit type may appear in AVX-512
# code too, so it keys only AVX2).
ISA_KEYS = {
    "_avx512": ("(actbench::Isa)3", "::N_AVX3::", "float __vector(16)", "double __vector(8)"),
    "_avx2": ("(actbench::Isa)2", "::N_AVX2::", "float __vector(8)", "double __vector(4)"),
}
# Vague-linkage data every C++ object with exception tables may carry; it holds no code.
ALLOWED = {"DW.ref.__gxx_personality_v0"}
GLOBAL_TYPES = set("TWVuBDRGS")  # defined symbols with external or vague linkage


def main(objects):
    checked = 0
    problems = []
    for obj in objects:
        isa = next((k for k in ISA_KEYS if re.search(k + r"\.cc\.o(bj)?$", obj)), None)
        if isa is None:
            continue
        checked += 1
        out = subprocess.run(["nm", "-C", "--defined-only", obj], check=True, text=True,
                             capture_output=True).stdout
        for line in out.splitlines():
            parts = line.split(" ", 2)
            if len(parts) < 3 or parts[1] not in GLOBAL_TYPES:
                continue
            if parts[2] in ALLOWED:
                continue
            if not any(key in parts[2] for key in ISA_KEYS[isa]):
                problems.append(f"{obj}: {parts[1]} {parts[2]}")
    if checked == 0:
        print("check_isa_symbols: no per-ISA object among the arguments", file=sys.stderr)
        return 2
    for p in problems:
        print("not keyed by its ISA:", p)
    print(f"check_isa_symbols: {checked} objects, {len(problems)} problem symbols")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
