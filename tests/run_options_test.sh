#!/usr/bin/env bash
# scripts/run checks its options before the work they affect and fails with a message, leaving
# the report folder as it was: --machine, --budget and --out before the build (a `cmake` stub on
# PATH records whether the build started), --kernels and --sizes right after it (here with
# --build-dir, the test's own build), before any sweep. A relative --out is taken from the
# current directory; staging folders of a killed run are removed; two runs never share a folder.
#
#   run_options_test.sh SOURCE_DIR BUILD_DIR
set -uo pipefail
src=$1 build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/out" "$tmp/cwd"
cat > "$tmp/bin/cmake" <<STUB
#!/usr/bin/env bash
echo started >> "$tmp/cmake.log"
exit 1
STUB
chmod +x "$tmp/bin/cmake"
fail=0
# expect NAME RC PATTERN -- ARGS: scripts/run ARGS (from $tmp/cwd) exits RC, says PATTERN,
# never starts the build (the stub would log it), and the report folder keeps only summary.md.
expect() {
  local name=$1 want=$2 pattern=$3
  shift 4
  rm -f "$tmp/cmake.log"
  printf 'old\n' > "$tmp/out/summary.md"
  local rc=0
  (cd "$tmp/cwd" && PATH="$tmp/bin:$PATH" "$src/scripts/run" --no-setup "$@") > "$tmp/log" 2>&1 || rc=$?
  [ $rc -eq "$want" ] || { echo "FAIL ($name): exit $rc, want $want"; cat "$tmp/log"; fail=1; }
  grep -q -- "$pattern" "$tmp/log" || { echo "FAIL ($name): no '$pattern' in:"; cat "$tmp/log"; fail=1; }
  [ ! -e "$tmp/cmake.log" ] || { echo "FAIL ($name): the build started"; fail=1; }
  [ "$(ls -A "$tmp/out")" = summary.md ] && [ "$(cat "$tmp/out/summary.md")" = old ] ||
    { echo "FAIL ($name): the report folder changed: $(ls -A "$tmp/out")"; fail=1; }
  echo "$name: exit $rc"
}
expect machine-comma 2 "without commas" -- --out "$tmp/out" --machine 'a,b'
expect machine-blank 2 "non-empty" -- --out "$tmp/out" --machine ' '
expect budget-nan 2 "budget" -- --out "$tmp/out" --budget 'x:nan:ulp=4'
expect budget-syntax 2 "budget" -- --out "$tmp/out" --budget 'x'
expect out-below-file 2 "cannot create or write" -- --out "$tmp/out/summary.md/sub"
expect build-dir 2 "no actbench build" -- --out "$tmp/out" --build-dir "$tmp"
expect two-presets 2 "two benchmark presets" -- --out "$tmp/out" --full --ab
expect fp-env 2 "fp-env wants default or ftz" -- --out "$tmp/out" --fp-env daz
if [ -x "$build/bench/actbench-bench" ]; then
  expect kernels-typo 2 "Close ids" -- --out "$tmp/out" --build-dir "$build" --kernels 'sigmod/*'
  expect kernels-empty-term 2 "empty term" -- --out "$tmp/out" --build-dir "$build" --kernels 'relu/*,'
  expect kernels-baseline 2 "no kernel id matches" -- --out "$tmp/out" --build-dir "$build" --kernels 'baseline/*'
  expect sizes 2 "bad size" -- --out "$tmp/out" --build-dir "$build" --sizes '2k,12q'
  expect pin-not-a-cpu 2 "pin wants a CPU number" -- --out "$tmp/out" --build-dir "$build" --pin x
  expect pin-not-allowed 2 "may only run on CPUs" -- --out "$tmp/out" --build-dir "$build" --pin 1000
  grep -q "nothing was measured" "$tmp/log" || { echo "FAIL (sizes): no 'nothing was measured'"; fail=1; }
  # A relative --out is made in the current directory (not the repository), and a staging
  # folder a killed run left there is removed.
  mkdir -p "$tmp/cwd/rel/.run.killed"
  rc=0
  (cd "$tmp/cwd" && "$src/scripts/run" --no-setup --build-dir "$build" --kernels 'sigmod' --out rel) \
      > "$tmp/log" 2>&1 || rc=$?
  [ $rc -eq 2 ] && [ -d "$tmp/cwd/rel" ] && [ ! -e "$src/rel" ] ||
    { echo "FAIL (relative out): exit $rc, cwd/rel $(ls -d "$tmp/cwd/rel" 2>&1)"; fail=1; }
  [ -z "$(ls -A "$tmp/cwd/rel")" ] || { echo "FAIL (stale stage): left $(ls -A "$tmp/cwd/rel")"; fail=1; }
  echo "relative-out: exit $rc"
else
  echo "skipped the checks after the build: no actbench-bench in $build"
fi
# A second run into a folder that a run holds is refused at once.
flock "$tmp/out" sleep 30 &
holder=$!
sleep 0.3
expect locked 2 "another scripts/run is writing" -- --out "$tmp/out"
kill $holder 2>/dev/null; wait $holder 2>/dev/null
[ $fail -eq 0 ] && echo "run options: ok"
exit $fail
