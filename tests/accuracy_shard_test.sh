#!/usr/bin/env bash
# actbench-accuracy --shard K/N and --merge as a user runs them: three shards of a sweep
# (float32 sample, every bf16 input), merged in any order, write the single run's report, every
# column equal but seconds, date and command; a missing shard is refused by name.
#   accuracy_shard_test.sh ACTBENCH_ACCURACY
set -uo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sel='tanh/*/scalar/f32,silu/*/scalar/bf16'
fail=0
"$bin" --kernels "$sel" --quiet --machine m --points 32 --out "$tmp/whole.csv" > /dev/null || fail=1
for k in 1 2 3; do
  "$bin" --kernels "$sel" --quiet --machine m --points 32 --shard $k/3 --out "$tmp/s$k" > /dev/null || fail=1
done
"$bin" --merge "$tmp/s3" "$tmp/s1" "$tmp/s2" --machine m --out "$tmp/merged.csv" > /dev/null || fail=1
# seconds, date and command are not figures: every other column must match.
strip() { /usr/bin/python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    for c in ("seconds", "date", "command"):
        r.pop(c)
    print(r)' "$1"; }
if [ "$(strip "$tmp/whole.csv")" != "$(strip "$tmp/merged.csv")" ]; then
  echo "FAIL: the merged report differs from the single run:"
  diff <(strip "$tmp/whole.csv") <(strip "$tmp/merged.csv") | head -5
  fail=1
fi
rows=$(($(wc -l < "$tmp/merged.csv") - 1))
[ "$rows" -gt 6 ] || { echo "FAIL: $rows rows"; fail=1; }
out=$("$bin" --merge "$tmp/s1" "$tmp/s3" --out "$tmp/x.csv" 2>&1); rc=$?
[ $rc -eq 1 ] && [[ $out == *"shards missing: 2 of 3"* ]] && [ ! -e "$tmp/x.csv" ] ||
  { echo "FAIL: a missing shard: exit $rc, $out"; fail=1; }
out=$("$bin" --merge "$tmp/whole.csv" --out "$tmp/x.csv" 2>&1); rc=$?
[ $rc -eq 1 ] && [[ $out == *"not an actbench-accuracy shard file"* ]] ||
  { echo "FAIL: a report given as a shard: exit $rc, $out"; fail=1; }
[ $fail -eq 0 ] && echo "accuracy shards: $rows rows merged from 3 shards equal the single run"
exit $fail
