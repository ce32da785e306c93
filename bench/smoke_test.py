#!/usr/bin/python3
"""Smoke test of the benchmark pipeline (ctest bench_smoke): actbench-bench runs every
registered benchmark once at a tiny size and writes valid JSON, scripts/collect-bench turns it
into a CSV with one row per (kernel, direction, distribution) plus the baselines, kernels this
CPU cannot run are skipped rather than run, and collect-bench rejects bad input. No timing is
checked: benchmarks are not tests.

usage: smoke_test.py --bench BIN --kernels-bin BIN --collect SCRIPT --workdir DIR
"""
import argparse
import csv
import json
import os
import signal
import stat
import subprocess
import sys
import time

DISTS = ["uniform", "normal", "wide", "sorted", "randsign"]
BASELINES = ["baseline/memcpy", "baseline/copy-loop", "baseline/copy-nt",
             "baseline/memcpy-16", "baseline/copy-loop-16", "baseline/copy-nt-16"]
CONTEXT_KEYS = ["cpu_model", "isa", "compiler", "compiler_flags", "build_type", "git_revision",
                "mxcsr", "hostname", "date_utc", "actbench_kernels"]

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
    return cond


def run(cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, text=True, capture_output=True, **kw)


def registered_kernels(kernels_bin):
    out = run([kernels_bin, "--csv"])
    if out.returncode != 0:
        sys.exit(f"actbench-kernels --csv failed: {out.stderr}")
    return list(csv.DictReader(out.stdout.splitlines()))


def write_vocabulary(kernels_bin, path):
    """What collect-bench needs to know the activations, families, ISAs and dtypes."""
    out = run([kernels_bin, "--json"])
    if out.returncode != 0:
        sys.exit(f"actbench-kernels --json failed: {out.stderr}")
    with open(path, "w") as f:
        f.write(out.stdout)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", required=True)
    ap.add_argument("--kernels-bin", required=True)
    ap.add_argument("--collect", required=True)
    ap.add_argument("--workdir", required=True)
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    json_path = os.path.join(a.workdir, "bench.json")
    csv_path = os.path.join(a.workdir, "bench.csv")
    collect = [sys.executable, a.collect, "--vocabulary",
               write_vocabulary(a.kernels_bin, os.path.join(a.workdir, "kernels.json"))]
    for p in (json_path, csv_path):
        if os.path.exists(p):
            os.unlink(p)

    # 1. Every registered benchmark, once, at 64 elements.
    res = run([a.bench, "--sizes=64", "--benchmark_min_time=0.0001", "--benchmark_repetitions=2",
               "--benchmark_out=" + json_path, "--benchmark_out_format=json"])
    check(res.returncode == 0, f"actbench-bench exited {res.returncode}: {res.stderr[-2000:]}")
    try:
        with open(json_path) as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"FAIL: no valid JSON from actbench-bench: {e}")
    check(not [n for n in os.listdir(a.workdir) if ".tmp." in n], "temporary JSON left behind")
    ctx = doc.get("context", {})
    for key in CONTEXT_KEYS:
        check(ctx.get(key), f"context lacks {key}")

    kernels = registered_kernels(a.kernels_bin)
    check(str(len(kernels)) == ctx.get("actbench_kernels"), "actbench_kernels != registry size")
    expected = {}
    for k in kernels:
        dirs = ["forward", "backward_x"] + (["backward_y"] if k["backward_y"] == "1" else [])
        for d in dirs:
            for dist in DISTS:
                expected[(k["id"], d, dist)] = k["runs_here"] == "1"
    for b in BASELINES:
        expected[(b, "forward", "none")] = True
    names = {r["run_name"] for r in doc.get("benchmarks", []) if r.get("run_type") == "iteration"}
    want_names = {f"{kid}:{d}/{dist}/64" for kid, d, dist in expected}
    check(names == want_names,
          f"benchmarks differ from the registry: missing {sorted(want_names - names)[:5]}, "
          f"extra {sorted(names - want_names)[:5]}")

    # 2. collect-bench: one row per benchmark, ok where the CPU runs the kernel, else skipped.
    res = run([*collect, "--machine", "smoke", "--out", csv_path, json_path])
    check(res.returncode == 0, f"collect-bench exited {res.returncode}: {res.stderr}")
    with open(csv_path, newline="") as f:
        rows = list(csv.DictReader(f))
    got = {(r["kernel"], r["direction"], r["dist"]): r for r in rows}
    check(len(rows) == len(expected) and set(got) == set(expected),
          f"bench.csv has {len(rows)} rows for {len(expected)} benchmarks")
    for key, runs_here in expected.items():
        r = got.get(key)
        if r is None:
            continue
        if runs_here:
            if check(r["status"] == "ok", f"{key}: status {r['status']!r}"):
                check(float(r["median_ns_per_elem"]) > 0 and r["repetitions"] == "2",
                      f"{key}: bad figures {r}")
                check(r["machine"] == "smoke" and r["size"] == "64", f"{key}: bad key {r}")
        else:
            check(r["status"].startswith("skipped: isa ") and "not supported" in r["status"],
                  f"{key}: should be skipped, status {r['status']!r}")

    # 3. The skip path on this CPU: --skip-isa makes a kernel's ISA count as missing.
    some_scalar = next(k["id"] for k in kernels if k["isa"] == "scalar")
    skip_json = os.path.join(a.workdir, "skip.json")
    res = run([a.bench, "--sizes=64", "--benchmark_min_time=0.0001", "--kernels=" + some_scalar,
               "--directions=forward", "--dists=uniform", "--skip-isa=scalar", "--no-baselines",
               "--benchmark_out=" + skip_json])
    check(res.returncode == 0, f"skip run exited {res.returncode}")
    skip_csv = os.path.join(a.workdir, "skip.csv")
    res = run([*collect, "--out", skip_csv, skip_json])
    with open(skip_csv, newline="") as f:
        rows = list(csv.DictReader(f))
    check(len(rows) == 1 and rows[0]["status"] == "skipped: isa scalar disabled by --skip-isa",
          f"skip run rows: {rows}")

    # 4. Clear errors: unknown kernel, bad size, missing and invalid JSON.
    res = run([a.bench, "--kernels=sigmod/nope"])
    check(res.returncode == 2 and "Close ids" in res.stderr, "no error for an unknown kernel")
    res = run([a.bench, "--sizes=12q"])
    check(res.returncode == 2 and "bad size" in res.stderr, "no error for a bad size")
    bad = os.path.join(a.workdir, "bad.json")
    with open(bad, "w") as f:
        f.write('{"benchmarks": [')
    for path, msg in ((bad, "not valid JSON"), (os.path.join(a.workdir, "missing.json"), "cannot read")):
        res = run([*collect, "--out", os.path.join(a.workdir, "x.csv"), path])
        check(res.returncode == 2 and msg in res.stderr, f"collect-bench on {path}: {res.stderr!r}")
    check(not os.path.exists(os.path.join(a.workdir, "x.csv")), "a failed collect wrote a CSV")

    # 5. The report is never lost or replaced by something else: a run that measures nothing
    #    (a filter matching no benchmark) or only lists them leaves it as it was; a symbolic
    #    link stays one; a FIFO is written through to its reader, not replaced by a file.
    keep = os.path.join(a.workdir, "keep.json")
    with open(keep, "w") as f:
        f.write('{"previous": true}')
    one = ["--sizes=64", "--benchmark_min_time=0.0001", "--kernels=" + some_scalar,
           "--directions=forward", "--dists=uniform", "--no-baselines"]
    res = run([a.bench, *one, "--benchmark_filter=typo", "--benchmark_out=" + keep])
    check(res.returncode == 2 and "no benchmark matched" in res.stderr,
          f"a run matching nothing: exit {res.returncode}, {res.stderr[-500:]!r}")
    res = run([a.bench, *one, "--benchmark_list_tests=true", "--benchmark_out=" + keep])
    check(res.returncode == 0, f"a listing exited {res.returncode}")
    with open(keep) as f:
        check(f.read() == '{"previous": true}', "a run that measured nothing replaced the report")
    link = os.path.join(a.workdir, "link.json")
    if os.path.lexists(link):
        os.unlink(link)
    os.symlink("keep.json", link)
    res = run([a.bench, *one, "--benchmark_out=" + link])
    check(res.returncode == 0 and os.path.islink(link), "a report path that is a link was replaced")
    with open(keep) as f:
        check('"benchmarks"' in f.read(), "the link's target did not get the report")
    fifo = os.path.join(a.workdir, "fifo.json")
    if os.path.lexists(fifo):
        os.unlink(fifo)
    os.mkfifo(fifo)
    proc = subprocess.Popen([a.bench, *one, "--benchmark_out=" + fifo],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with open(fifo) as f:  # the reader; the bench blocks on the FIFO until it opens
        got = f.read()
    proc.wait(timeout=120)
    check(proc.returncode == 0 and '"benchmarks"' in got, "the FIFO did not get the report")
    check(stat.S_ISFIFO(os.lstat(fifo).st_mode), "a report path that is a FIFO was replaced")
    check(not [n for n in os.listdir(a.workdir) if ".tmp." in n], "temporary JSON left behind")

    # 6. One selection rule for every tool: an empty term or a term matching nothing is an
    #    error that names it and lists close ids, also next to terms that do match; options
    #    take --flag VALUE as well as --flag=VALUE; a size given twice is measured once.
    for sel in (",", some_scalar + ",", some_scalar + ",,baseline/memcpy"):
        res = run([a.bench, "--kernels=" + sel, "--benchmark_list_tests=true"])
        check(res.returncode == 2 and "empty term" in res.stderr,
              f"selection {sel!r}: exit {res.returncode}, {res.stderr[-300:]!r}")
    res = run([a.bench, "--kernels=" + some_scalar + ",sigmod/*", "--benchmark_list_tests=true"])
    check(res.returncode == 2 and "'sigmod/*'" in res.stderr and "sigmoid/" in res.stderr,
          f"a term matching nothing beside one that matches: {res.returncode}, {res.stderr[-300:]!r}")
    res = run([a.bench, "--kernels", some_scalar, "--sizes", "2k,2048", "--directions", "forward",
               "--dists", "uniform", "--no-baselines", "--benchmark_list_tests=true"])
    listed = res.stdout.split()
    check(res.returncode == 0 and listed == [f"{some_scalar}:forward/uniform/2048"],
          f"--flag VALUE forms and a repeated size: {res.returncode}, {listed}, {res.stderr[-300:]!r}")

    # 6b. --threads: the large sizes also on several threads, a row of their own.
    thr = os.path.join(a.workdir, "threads.json")
    res = run([a.bench, "--kernels=" + some_scalar, "--sizes=1m", "--directions=forward",
               "--dists=uniform", "--no-baselines", "--threads=2", "--benchmark_min_time=0.0001",
               "--benchmark_repetitions=1", "--benchmark_out=" + thr])
    check(res.returncode == 0, f"--threads=2 exited {res.returncode}: {res.stderr[-500:]}")
    if res.returncode == 0:
        with open(thr) as f:
            names = [b["name"] for b in json.load(f)["benchmarks"]]
        check(any(n.endswith("/real_time/threads:2") for n in names) and len(names) == 2,
              f"--threads=2 measured {names}")
        res = run(collect + ["--out", os.path.join(a.workdir, "threads.csv"), thr])
        check(res.returncode == 0, f"collect-bench on a threaded run: {res.stderr[-300:]}")
    res = run([a.bench, "--threads=0", "--benchmark_list_tests=true"])
    check(res.returncode == 2 and "--threads wants" in res.stderr, "--threads=0 accepted")

    # 7. Temporary reports: a run ended by SIGINT or SIGTERM removes its own; one that a
    #    SIGKILL left behind (its process gone) is removed by the next run into the same file.
    tmp_report = os.path.join(a.workdir, "sig.json")
    if os.path.lexists(tmp_report):  # from an earlier run of this test in the same folder
        os.unlink(tmp_report)
    for sig in (signal.SIGINT, signal.SIGTERM):
        proc = subprocess.Popen([a.bench, "--kernels=" + some_scalar, "--sizes=64",
                                 "--benchmark_min_time=2", "--benchmark_out=" + tmp_report],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while time.time() < deadline and not [n for n in os.listdir(a.workdir) if n.startswith(".sig.json.tmp.")]:
            time.sleep(0.05)
        check([n for n in os.listdir(a.workdir) if n.startswith(".sig.json.tmp.")],
              "no temporary report appeared while the benchmark ran")
        proc.send_signal(sig)
        proc.wait(timeout=60)
        check(proc.returncode == -sig, f"{sig.name}: exit {proc.returncode}")
        left = [n for n in os.listdir(a.workdir) if ".tmp." in n]
        check(not left and not os.path.exists(tmp_report), f"{sig.name} left {left}")
    child = subprocess.Popen(["true"])
    child.wait()
    stale = os.path.join(a.workdir, f".sig.json.tmp.{child.pid}")
    with open(stale, "w") as f:
        f.write("{")
    res = run([a.bench, *one, "--benchmark_out=" + tmp_report])
    check(res.returncode == 0 and not os.path.exists(stale) and os.path.exists(tmp_report),
          f"a stale temporary report survived the next run (exit {res.returncode})")

    for msg in failures:
        print("FAIL:", msg)
    print(f"{len(expected)} benchmarks, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
