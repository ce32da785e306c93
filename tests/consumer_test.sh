#!/usr/bin/env bash
# actbench used from outside, as a user would: a Release build of the kernel library alone
# (the accuracy tools, benchmark, tests and peer libraries turned off, which also proves those
# options), installed into a temporary prefix with cmake --install; then
#   1. tests/consumer, configured against the prefix with find_package(actbench): an
#      executable and a shared library (a plugin) linking actbench::kernels only, run; their
#      link lines and ldd must hold no Boost, MPFR, Google Benchmark or peer library;
#   2. the same library from Python's ctypes, through the shared plugin (and, for the shared
#      build, the C API of libactbench_kernels.so itself);
#   3. a C program built with the installed pkg-config file alone;
#   4. the README's examples, as written.
# All of it twice: with the static library, then with the shared one (BUILD_SHARED_LIBS=ON),
# which the same build tree gives by relinking (the objects are position-independent either
# way), each installed into a prefix of its own.
#   consumer_test.sh SOURCE_DIR WORK_DIR [static|shared ...]
set -euo pipefail
src=$1
work=$2
shift 2
if [[ $# -gt 0 ]]; then kinds=("$@"); else kinds=(static shared); fi
rm -rf "$work"
mkdir -p "$work"
build=$work/build

check() {
local kind=$1
local shared=OFF
[[ $kind == shared ]] && shared=ON
local out=$work/$kind
mkdir -p "$out"
echo "== actbench::kernels alone ($kind), installed into $out/prefix"
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DACTBENCH_WERROR=ON \
  -DACTBENCH_BUILD_ACCURACY=OFF -DACTBENCH_BUILD_BENCH=OFF -DACTBENCH_BUILD_TESTS=OFF \
  -DACTBENCH_BUILD_PEERS=OFF -DACTBENCH_INSTALL=ON -DBUILD_SHARED_LIBS=$shared \
  -DCMAKE_INSTALL_PREFIX="$out/prefix" >"$out/configure.log"
if grep -q "peer libraries\|Boost\|benchmark\|GTest" "$out/configure.log"; then
  echo "the kernels-only build looked for the study's dependencies:"; cat "$out/configure.log"
  exit 1
fi
cmake --build "$build" -j"$(nproc)" >"$out/build.log" || { cat "$out/build.log"; exit 1; }
cmake --install "$build" >"$out/install.log"
for f in include/actbench/registry.h include/actbench/select.h include/actbench/actbench.h \
         include/actbench/simd.h include/actbench/version.h lib/cmake/actbench/actbenchConfig.cmake \
         lib/cmake/actbench/actbenchConfigVersion.cmake lib/pkgconfig/actbench.pc; do
  [[ -f $out/prefix/$f ]] || { echo "not installed: $f"; exit 1; }
done

echo "== tests/consumer against the installed package"
cmake -S "$src/tests/consumer" -B "$out/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$out/prefix" >"$out/consumer-configure.log"
cmake --build "$out/consumer" -j"$(nproc)" -v >"$out/consumer-build.log" ||
  { cat "$out/consumer-build.log"; exit 1; }
bad='boost|mpfr|gmp|benchmark|sleef|dnnl|xnnpack|hwy|torch|c10|gomp|gtest'
if grep -iE -- "-l($bad)|lib($bad)" "$out/consumer-build.log"; then
  echo "a study dependency is on the consumer's link line"; exit 1
fi
for bin in "$out/consumer/consumer" "$out/consumer/libconsumer_plugin.so"; do
  echo "ldd $(basename "$bin"):"
  ldd "$bin" | sed 's/^/  /'
  if ldd "$bin" | grep -iE "lib($bad)"; then echo "$bin needs a study library"; exit 1; fi
done
"$out/consumer/consumer"

echo "== from Python's ctypes"
/usr/bin/python3 - "$out/consumer/libconsumer_plugin.so" "$out/prefix/lib" "$kind" <<'PY'
import array, ctypes, math, os, sys
if sys.argv[3] == "shared":
    # The C API itself, from the installed shared library.
    api = ctypes.CDLL(os.path.join(sys.argv[2], "libactbench_kernels.so"))
    api.actbench_select.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.c_double,
                                    ctypes.c_double, ctypes.c_int, ctypes.c_char_p,
                                    ctypes.POINTER(ctypes.c_void_p)]
    api.actbench_kernel_id.restype = ctypes.c_char_p
    api.actbench_kernel_id.argtypes = [ctypes.c_void_p]
    api.actbench_forward_f32.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p,
                                         ctypes.c_size_t]
    k = ctypes.c_void_p()
    assert api.actbench_select(b"tanh", 0, 0, 1.0, 4.0, 0, b"avx512,avx512bf16",
                               ctypes.byref(k)) == 0
    xs = (ctypes.c_float * 3)(-1.0, 0.0, 2.0)
    ys = (ctypes.c_float * 3)()
    assert api.actbench_forward_f32(k, xs, ys, 3) == 0
    assert all(abs(y - math.tanh(x)) < 1e-7 for x, y in zip(xs, ys)), list(ys)
    print(f"ctypes, C API: {api.actbench_kernel_id(k).decode()} tanh = {list(ys)}")
lib = ctypes.CDLL(sys.argv[1])
lib.plugin_kernel_id.restype = ctypes.c_char_p
x = array.array("f", [i / 10 - 10 for i in range(200)])
y = array.array("f", [0.0] * len(x))
buf = lambda a: (ctypes.c_float * len(a)).from_buffer(a)
assert lib.plugin_sigmoid(buf(x), buf(y), ctypes.c_size_t(len(x))) == 0
worst = max(abs(yi - 1 / (1 + math.exp(-xi))) for xi, yi in zip(x, y))
print(f"ctypes: {lib.plugin_kernel_id().decode()} max abs error {worst:.3g} on {len(x)} inputs")
assert worst < 1e-6, worst
PY

echo "== a C program built with pkg-config alone"
cat >"$out/pc.c" <<'C'
#include <math.h>
#include <stdio.h>
#include "actbench/actbench.h"
int main(void) {
  const actbench_kernel* k;
  float x[4] = {-2, 0, 1, 30}, y[4];
  if (actbench_select("tanh", ACTBENCH_F32, ACTBENCH_FORWARD, 4, 16, ACTBENCH_FP_DEFAULT, NULL, &k))
    return 1;
  if (actbench_forward_f32(k, x, y, 4)) return 1;
  printf("pkg-config: %s tanh(1) = %.9g\n", actbench_kernel_id(k), y[2]);
  return fabsf(y[2] - 0.761594156f) > 1e-6f || y[1] != 0 || y[3] != 1;
}
C
export PKG_CONFIG_PATH="$out/prefix/lib/pkgconfig"
pc_flags=$([[ $kind == shared ]] && echo "--libs" || echo "--libs --static")
# shellcheck disable=SC2046,SC2086
cc -std=c99 -Wall -Werror $(pkg-config --cflags actbench) "$out/pc.c" -o "$out/pc" \
  $(pkg-config $pc_flags actbench) -lm
LD_LIBRARY_PATH="$out/prefix/lib" "$out/pc"

echo "== README's examples, as written"
mkdir -p "$out/readme"
/usr/bin/python3 - "$src/README.md" "$out/readme" <<'PY'
import os, re, sys
text = open(sys.argv[1]).read()
blocks = re.findall(r"^```[a-z]*\n(.*?)^```", text, re.S | re.M)
wanted = {"# CMakeLists.txt of a project that uses actbench": "CMakeLists.txt",
          "// app.cc:": "app.cc", "/* app.c:": "app.c",
          '#include "actbench/simd.h"  // compile with': "vec.cc"}
found = {}
for b in blocks:
    for first, name in wanted.items():
        if b.startswith(first):
            found[name] = b
missing = set(wanted.values()) - set(found)
if missing:
    sys.exit(f"README.md has no example for {', '.join(sorted(missing))}")
for name, b in found.items():
    with open(os.path.join(sys.argv[2], name), "w") as f:
        f.write(b)
PY
cmake -S "$out/readme" -B "$out/readme/build" -G Ninja -DCMAKE_PREFIX_PATH="$out/prefix" \
  >"$out/readme/configure.log"
cmake --build "$out/readme/build" >"$out/readme/build.log" || { cat "$out/readme/build.log"; exit 1; }
LD_LIBRARY_PATH="$out/prefix/lib" "$out/readme/build/app"
# shellcheck disable=SC2046,SC2086
cc "$out/readme/app.c" -o "$out/readme/app-c" $(pkg-config --cflags actbench) \
  $(pkg-config $pc_flags actbench)
LD_LIBRARY_PATH="$out/prefix/lib" "$out/readme/app-c"
# shellcheck disable=SC2046
c++ -std=c++20 -mavx2 -mfma -Wall -Werror $(pkg-config --cflags actbench) -c "$out/readme/vec.cc" \
  -o "$out/readme/vec.o"
echo "consumer_test ($kind): ok"
}

for kind in "${kinds[@]}"; do
  check "$kind"
done
