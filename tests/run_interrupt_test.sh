#!/usr/bin/env bash
# scripts/run stops at once on SIGINT or SIGTERM, in any step, kills what the step started and
# leaves the previous reports: here during the build, with `cmake` replaced (PATH) by a stub
# that starts a long child and waits for it, as ninja waits for its compilers.
#
#   run_interrupt_test.sh SOURCE_DIR
set -uo pipefail
# Job control: without it bash starts background commands with SIGINT ignored, and a signal
# ignored on entry cannot be trapped; a user's terminal or `kill -INT` from another shell
# reaches scripts/run with SIGINT in place.
set -m
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/out"
cat > "$tmp/bin/cmake" <<STUB
#!/usr/bin/env bash
sleep 300 &
echo \$! > "$tmp/grandchild.pid"
wait
STUB
chmod +x "$tmp/bin/cmake"
# alive PID: the process exists and is not a zombie (state Z in /proc/PID/stat).
alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}
fail=0
for sig in INT TERM; do
  rm -f "$tmp/grandchild.pid"
  printf 'old\n' > "$tmp/out/summary.md"
  PATH="$tmp/bin:$PATH" "$src/scripts/run" --no-setup --out "$tmp/out" > "$tmp/log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do [ -s "$tmp/grandchild.pid" ] && break; sleep 0.1; done
  sleep 0.2  # the stub's pid file is written before its wait begins
  [ -s "$tmp/grandchild.pid" ] || { echo "FAIL ($sig): the build step never started"; fail=1; kill -KILL $pid; continue; }
  t0=$(date +%s%N)
  kill -$sig $pid
  rc=0; wait $pid || rc=$?
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  want=130; [ $sig = TERM ] && want=143
  [ $rc -eq $want ] || { echo "FAIL ($sig): exit $rc, want $want"; fail=1; }
  [ $ms -lt 5000 ] || { echo "FAIL ($sig): took $ms ms to stop"; fail=1; }
  # The step's child must be gone: killed, and not merely waiting to be reaped (a zombie stays
  # visible to kill -0 until its new parent, here PID 1, collects it).
  g=$(cat "$tmp/grandchild.pid")
  for _ in $(seq 50); do alive "$g" || break; sleep 0.1; done
  if alive "$g"; then echo "FAIL ($sig): the step's child $g survived"; kill -KILL "$g"; fail=1; fi
  grep -q "interrupted in step 'build'" "$tmp/log" || { echo "FAIL ($sig): no message"; cat "$tmp/log"; fail=1; }
  [ "$(cat "$tmp/out/summary.md")" = old ] || { echo "FAIL ($sig): the previous report changed"; fail=1; }
  [ -z "$(ls -A "$tmp/out" | grep -v '^summary.md$')" ] || { echo "FAIL ($sig): debris in the report folder"; ls -A "$tmp/out"; fail=1; }
  echo "$sig: exit $rc after $ms ms"
done
exit $fail
