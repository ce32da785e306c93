#!/usr/bin/env bash
# scripts/publish: the report folder gets exactly the new run's plots (a narrower rerun must not
# leave the previous run's plots beside the new summary), the new report files, and keeps
# files that are not reports.
#
#   publish_test.sh SOURCE_DIR
set -uo pipefail
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/reports stage=$tmp/reports/.run.test
mkdir -p "$out/plots" "$stage/plots"
printf 'old\n' > "$out/summary.md"
printf 'mine\n' > "$out/notes.txt"
for p in seed-sigmoid seed-tanh seed-relu; do printf 'old\n' > "$out/plots/$p.png"; done
printf 'new\n' > "$stage/summary.md"
printf 'new\n' > "$stage/plots/seed-relu.png"
fail=0
"$src/scripts/publish" "$stage" "$out" || { echo "FAIL: publish exited $?"; fail=1; }
[ "$(ls "$out/plots")" = "seed-relu.png" ] || { echo "FAIL: plots are $(ls "$out/plots" | tr '\n' ' ')"; fail=1; }
[ "$(cat "$out/plots/seed-relu.png")" = new ] || { echo "FAIL: the new plot did not arrive"; fail=1; }
[ "$(cat "$out/summary.md")" = new ] || { echo "FAIL: summary.md was not replaced"; fail=1; }
[ "$(cat "$out/notes.txt")" = mine ] || { echo "FAIL: a file that is not a report was touched"; fail=1; }
[ -z "$(ls -A "$stage" 2>/dev/null)" ] || { echo "FAIL: left in the stage: $(ls -A "$stage")"; fail=1; }
[ ! -e "$out/.plots.old" ] || { echo "FAIL: the old plots folder was left behind"; fail=1; }
[ $fail -eq 0 ] && echo "publish: ok"
exit $fail
