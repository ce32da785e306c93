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

# actbench::Isa enumerator values (kernels/include/actbench/kernel.h): kAvx2 = 2, kAvx512 = 3.
ISA_TOKEN = {"_avx512": "(actbench::Isa)3", "_avx2": "(actbench::Isa)2"}
GLOBAL_TYPES = set("TWVuBDRGS")  # defined symbols with external or vague linkage


def main(objects):
    checked = 0
    problems = []
    for obj in objects:
        isa = next((k for k in ISA_TOKEN if re.search(k + r"\.cc\.o(bj)?$", obj)), None)
        if isa is None:
            continue
        checked += 1
        out = subprocess.run(["nm", "-C", "--defined-only", obj], check=True, text=True,
                             capture_output=True).stdout
        for line in out.splitlines():
            parts = line.split(" ", 2)
            if len(parts) < 3 or parts[1] not in GLOBAL_TYPES:
                continue
            if ISA_TOKEN[isa] not in parts[2]:
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
