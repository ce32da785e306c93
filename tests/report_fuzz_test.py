#!/usr/bin/python3
"""Fuzzing of the report readers: scripts/summarize, scripts/collect-bench and scripts/plot on
small valid reports (the fixtures of summarize_test.py and collect_bench_test.py) mutated at
random: rows dropped, duplicated or cut, fields replaced by text, NaN, inf, -1, huge numbers,
nothing, Unicode or raw bytes, files truncated. Every run must either succeed or fail with a
non-zero exit status and one line on stderr, never a traceback, and leave no partial or
temporary file in its output folder. A bench.csv that collect-bench writes must be one that
summarize reads.

Runs for a fixed time (--seconds, or ACTBENCH_REPORT_FUZZ_SECONDS; default 20) from a fixed seed
(--seed, or ACTBENCH_REPORT_FUZZ_SEED): case i uses the seed SEED * 1000003 + i, printed with
any failure, and --case N runs that one case again. Plot runs are slow (matplotlib): at most
--plot-runs of them. Standard library only.

    report_fuzz_test.py --scripts scripts [--seconds 20] [--seed 1] [--case N]
"""
import argparse
import copy
import csv
import io
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from collect_bench_test import report  # noqa: E402
from summarize_test import (  # noqa: E402
    ACC_COLS, BENCH_COLS, KERNELS, VOCABULARY, acc_rows, bench_rows)

# What a field may become: (description, value). Text values go into CSV cells; JSON mutations
# also take the non-text ones.
CELL_VALUES = ["nan", "NaN", "-nan", "inf", "-inf", "Infinity", "-1", "0", "-0", "1e308",
               "1e400", "9" * 40, "", " ", "2k", "1_0", " 1", "0x10", "1,5", "\"", "a\nb",
               "µ☃", "١٢", "\x00", "\u2028", "baseline/memcpy", "sigmoid/x/avx512/f32",
               "ok", "skipped: no", "value", "forward", "uniform", "m", "m2"]
JSON_VALUES = [math.nan, math.inf, -math.inf, -1, 0, 1e308, 5e-324, 1e-300, 10 ** 30, -(10 ** 30),
               True, None, "\ud800", "a\udfffb", "windows=many", "act=sigmoid dtype=f64",
               "", "12", "NaN", "µ☃", [], {}, [1], {"a": 1}, 2048, "ns", "us", "fortnights"]


def random_text(rng):
    alphabet = "abcxyz019.,-+e\"' \t\n/:_é☃\x00"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))


def cell_value(rng):
    return random_text(rng) if rng.random() < 0.25 else rng.choice(CELL_VALUES)


# --- CSV mutations: on the records (csv.reader lists), then on the bytes ------------------------

def mutate_records(rng, recs, log):
    if len(recs) < 2:
        return recs
    what = rng.choice(["cell", "cell", "cell", "drop", "duplicate", "duplicate-edit", "header",
                       "extra-field", "missing-field", "drop-column", "swap-columns"])
    row = rng.randrange(1, len(recs))
    if not recs[0] or not recs[row]:
        what = "drop"
    col = rng.randrange(max(1, min(len(recs[0]), len(recs[row]))))  # a cell of both

    def name(c):
        return recs[0][c] if c < len(recs[0]) else f"column {c}"
    if what == "cell":
        value = cell_value(rng)
        log.append(f"row {row} {name(col)}={value!r}")
        recs[row][col] = value
    elif what == "drop":
        log.append(f"drop row {row}")
        del recs[row]
    elif what == "duplicate":
        log.append(f"duplicate row {row}")
        recs.insert(rng.randrange(1, len(recs) + 1), list(recs[row]))
    elif what == "duplicate-edit":
        dup = list(recs[row])
        dup[col] = cell_value(rng)
        log.append(f"duplicate row {row} with {name(col)}={dup[col]!r}")
        recs.append(dup)
    elif what == "header":
        value = cell_value(rng)
        log.append(f"header {name(col)!r} -> {value!r}")
        recs[0][col] = value
    elif what == "extra-field":
        log.append(f"row {row} extra field")
        recs[row].append(cell_value(rng))
    elif what == "missing-field":
        log.append(f"row {row} without field {col}")
        del recs[row][col]
    elif what == "drop-column":
        log.append(f"drop column {name(col)}")
        for r in recs:
            if col < len(r):
                del r[col]
    else:
        other = rng.randrange(len(recs[0]))
        log.append(f"swap header {name(col)} <-> {name(other)}")
        recs[0][col], recs[0][other] = recs[0][other], recs[0][col]
    return recs


def mutate_bytes(rng, data, log):
    what = rng.choice(["truncate", "truncate", "bytes", "nul", "empty", "drop-newline", "crlf"])
    if what == "truncate":
        at = rng.randrange(len(data) + 1)
        log.append(f"cut at byte {at} of {len(data)}")
        return data[:at]
    if what == "bytes":
        at = rng.randrange(len(data) + 1)
        junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        log.append(f"bytes {junk!r} at {at}")
        return data[:at] + junk + data[at:]
    if what == "nul":
        at = rng.randrange(len(data) + 1)
        log.append(f"NUL at {at}")
        return data[:at] + b"\x00" + data[at:]
    if what == "empty":
        log.append("empty file")
        return b""
    if what == "drop-newline":
        log.append("no final newline")
        return data.rstrip(b"\r\n")
    log.append("CRLF line ends")
    return data.replace(b"\n", b"\r\n")


def mutated_csv(rng, text, log):
    """text (a CSV) with 1 to 3 mutations, as bytes."""
    recs = list(csv.reader(io.StringIO(text, newline="")))
    n = rng.randint(1, 3)
    text_level = rng.random() < 0.3
    for _ in range(n - text_level):
        recs = mutate_records(rng, recs, log)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(recs)
    data = buf.getvalue().encode("utf-8", "surrogatepass")
    if text_level:
        data = mutate_bytes(rng, data, log)
    return data


# --- JSON mutations ------------------------------------------------------------------------------

JSON_FIELDS = ["cpu_time", "real_time", "items_per_second", "bytes_per_second", "time_unit",
               "label", "repetitions", "run_type", "aggregate_name", "error_occurred",
               "error_message", "name", "run_name", "iterations"]


def mutated_json(rng, doc, log):
    """doc (a Google Benchmark report) with 1 to 3 mutations, as bytes."""
    doc = copy.deepcopy(doc)
    runs = doc["benchmarks"]
    text_level = rng.random() < 0.2
    for _ in range(rng.randint(1, 3) - text_level):
        what = rng.choice(["field"] * 6 + ["delete", "drop", "duplicate", "name", "context",
                                           "clear", "not-object"])
        if not runs and what not in ("context", "clear"):
            what = "context"
        i = rng.randrange(len(runs)) if runs else 0
        if runs and not isinstance(runs[i], dict) and what not in ("context", "clear"):
            what = "drop"
        if what == "field":
            field = rng.choice(JSON_FIELDS)
            value = rng.choice(JSON_VALUES) if rng.random() < 0.8 else cell_value(rng)
            log.append(f"benchmarks[{i}].{field}={value!r}")
            runs[i][field] = value
        elif what == "delete":
            field = rng.choice(JSON_FIELDS)
            log.append(f"delete benchmarks[{i}].{field}")
            runs[i].pop(field, None)
        elif what == "drop":
            log.append(f"drop benchmarks[{i}]")
            del runs[i]
        elif what == "duplicate":
            log.append(f"duplicate benchmarks[{i}]")
            runs.insert(rng.randrange(len(runs) + 1), copy.deepcopy(runs[i]))
        elif what == "name":
            part = rng.choice(["/2048", ":forward", "/uniform", "sigmoid/"])
            value = rng.choice(["/0", "/2k", "/-1", "/²", "", ":", "/", "/uniform/2048",
                                "baseline/", "nope/"]) if rng.random() < 0.8 else random_text(rng)
            log.append(f"benchmarks[{i}] names: {part!r} -> {value!r}")
            for key in ("name", "run_name"):
                if isinstance(runs[i].get(key), str):
                    runs[i][key] = runs[i][key].replace(part, value)
        elif what == "context":
            field = rng.choice(["host_name", "cpu_model", "date_utc", "compiler", "git_revision"])
            value = rng.choice(JSON_VALUES + ["m2", "a,b", "x\ny"])
            log.append(f"context.{field}={value!r}")
            doc["context"][field] = value
        elif what == "clear":
            log.append("no benchmarks")
            runs.clear()
        else:
            log.append(f"benchmarks[{i}] = 7")
            runs[i] = 7
    data = json.dumps(doc).encode()
    if text_level:
        data = mutate_bytes(rng, data, log)
    return data


# --- Fixtures --------------------------------------------------------------------------------------

def csv_text(cols, rows):
    buf = io.StringIO()
    w = csv.DictWriter(buf, cols, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def fixture_kernels(rng):
    """A random non-empty subset of the fixture kernels."""
    ids = sorted(KERNELS)
    keep = rng.sample(ids, rng.randint(1, len(ids)))
    return {k: KERNELS[k] for k in ids if k in keep}


def on_machine(text, machine):
    return text.replace("\nm,", f"\n{machine},")


def eval_text(kernels):
    """An eval-seed.csv (actbench-eval) of the kernels: 21 points on [-10, 10]."""
    lines = ["kernel,x,y,grad_x,grad_y,exact_y,exact_grad,ulp_y,ulp_grad_x,ulp_grad_y"]
    for kid in kernels:
        for i in range(21):
            x = i - 10.0
            y = 1 / (1 + math.exp(-x))
            lines.append(f"{kid},{x:g},{y:.9g},{y * (1 - y):.9g},{y * (1 - y):.9g},{y:.9g},"
                         f"{y * (1 - y):.9g},{i % 3},{i % 2},0")
    return "\n".join(lines) + "\n"


# --- The runs --------------------------------------------------------------------------------------

class Case:
    def __init__(self, seed, scripts, work):
        self.seed, self.scripts, self.work = seed, scripts, work
        self.rng = random.Random(seed)
        self.log = []
        self.problems = []

    def write(self, name, data):
        path = os.path.join(self.work, name)
        with open(path, "wb" if isinstance(data, bytes) else "w") as f:
            f.write(data)
        return path

    def run(self, script, *args):
        cmd = [sys.executable, os.path.join(self.scripts, script), *args]
        try:
            return subprocess.run(cmd, capture_output=True, timeout=120)
        except subprocess.TimeoutExpired:
            self.problems.append(f"{script} did not finish in 120 s")
            return None

    def check(self, script, res, out_dir, want):
        """res: exit 0 with exactly the files want(names) accepts in out_dir, or a one-line
        refusal and nothing in out_dir."""
        if res is None:
            return False
        err = res.stderr.decode("utf-8", "replace")
        left = sorted(os.listdir(out_dir)) if os.path.isdir(out_dir) else []
        if res.returncode < 0:
            self.problems.append(f"{script} killed by signal {-res.returncode}")
        elif "Traceback" in err:
            self.problems.append(f"{script} traceback: {err.strip().splitlines()[-1]}")
        elif res.returncode != 0:
            if len(err.strip().splitlines()) != 1:
                self.problems.append(f"{script} exit {res.returncode} with stderr {err!r}")
            if left:
                self.problems.append(f"{script} refused but left {left} in {out_dir}")
        elif not want(left):
            self.problems.append(f"{script} succeeded leaving {left} in {out_dir}")
        return res.returncode == 0 and not self.problems

    def summarize(self):
        rng = self.rng
        kernels = fixture_kernels(rng)
        acc = csv_text(ACC_COLS, acc_rows(kernels))
        bench = csv_text(BENCH_COLS, bench_rows(kernels))
        files = {"accuracy.csv": acc, "bench.csv": bench}
        if rng.random() < 0.3:  # a second machine
            files["accuracy2.csv"] = on_machine(acc, "m2")
            files["bench2.csv"] = on_machine(bench, "m2")
        target = rng.choice(sorted(files))
        self.log.append(f"summarize, mutating {target}")
        files[target] = mutated_csv(rng, files[target], self.log)
        args = []
        for name, data in sorted(files.items()):
            args += ["--bench" if name.startswith("bench") else "--accuracy", self.write(name, data)]
        if rng.random() < 0.2:
            spec = rng.choice(["4ulp:4:ulp=16", "x:{}:ulp=4", "x:1:ulp={}", "x:1:abs={}@f32",
                               "x:1:ulp=1@{}"]).format(cell_value(rng).replace("\x00", ""))
            self.log.append(f"--budget {spec!r}")
            args += ["--budget", spec]
        out = os.path.join(self.work, "out")
        if rng.random() < 0.5:
            os.mkdir(out)
        res = self.run("summarize", "--vocabulary", VOCABULARY, *args, "--out-dir", out)
        self.check("summarize", res, out, lambda left: left == ["summary.csv", "summary.md"])

    def collect_bench(self):
        rng = self.rng
        doc = report(fixture_kernels(rng), repetitions=rng.choice([1, 2, 3]))
        self.log.append("collect-bench")
        path = self.write("bench.json", mutated_json(rng, doc, self.log))
        out_dir = os.path.join(self.work, "out")
        out = os.path.join(out_dir, "bench.csv")
        res = self.run("collect-bench", "--vocabulary", VOCABULARY, "--machine", "m",
                       "--out", out, path)
        if not self.check("collect-bench", res, out_dir, lambda left: left == ["bench.csv"]):
            return
        # What collect-bench writes, summarize reads (the machine is the one of the accuracy).
        acc = self.write("accuracy.csv", csv_text(ACC_COLS, acc_rows(KERNELS)))
        sum_out = os.path.join(self.work, "summary")
        res = self.run("summarize", "--vocabulary", VOCABULARY, "--bench", out, "--accuracy", acc,
                       "--out-dir", sum_out)
        self.check("summarize", res, sum_out, lambda left: left == ["summary.csv", "summary.md"])
        if res is not None and res.returncode != 0:
            self.problems.append("summarize refused the bench.csv collect-bench wrote: "
                                 + res.stderr.decode("utf-8", "replace").strip())

    def plot(self):
        rng = self.rng
        kernels = fixture_kernels(rng)
        stage = os.path.join(self.work, "stage")
        os.mkdir(stage)
        files = {"accuracy.csv": csv_text(ACC_COLS, acc_rows(kernels)),
                 "bench.csv": csv_text(BENCH_COLS, bench_rows(kernels)),
                 "eval-seed.csv": eval_text(kernels)}
        target = rng.choice(sorted(files))
        self.log.append(f"plot, mutating {target}")
        files[target] = mutated_csv(rng, files[target], self.log)
        for name, data in files.items():
            self.write(os.path.join("stage", name), data)
        out = os.path.join(self.work, "plots")
        res = self.run("plot", "--vocabulary", VOCABULARY, "--stage", stage, "--out-dir", out)
        self.check("plot", res, out,
                   lambda left: all(n.endswith(".png") and not n.startswith(".") for n in left))


def run_case(seed, scripts, target):
    work = tempfile.mkdtemp(prefix="report-fuzz.")
    try:
        case = Case(seed, scripts, work)
        getattr(case, target)()
        return case
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scripts", required=True, help="the folder of summarize, collect-bench, plot")
    ap.add_argument("--seconds", type=float,
                    default=float(os.environ.get("ACTBENCH_REPORT_FUZZ_SECONDS", 20)))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("ACTBENCH_REPORT_FUZZ_SEED", 1)))
    ap.add_argument("--plot-runs", type=int, default=3, help="at most this many plot runs")
    ap.add_argument("--case", type=int, help="run only the case of this seed (printed on failure)")
    a = ap.parse_args()
    scripts = os.path.abspath(a.scripts)

    def target_of(seed):
        # Seeded by the case alone, so --case N runs what the full run ran.
        r = random.Random(seed ^ 0x5EED).random()
        return "plot" if r < 0.08 else "collect_bench" if r < 0.4 else "summarize"

    if a.case is not None:
        seeds = [a.case]
    else:
        seeds = (a.seed * 1000003 + i for i in range(10 ** 9))
    start, runs, failures, plots = time.monotonic(), 0, 0, 0
    for seed in seeds:
        if a.case is None and time.monotonic() - start > a.seconds:
            break
        target = target_of(seed)
        if target == "plot" and a.case is None:
            if plots >= a.plot_runs:
                continue  # the slow ones, counted
            plots += 1
        try:
            case = run_case(seed, scripts, target)
        except Exception as e:  # a bug of this test: said with its seed, not the end of the run
            case = Case(seed, scripts, None)
            case.problems.append(f"the fuzzer itself failed: {type(e).__name__}: {e}")
        runs += 1
        if case.problems:
            failures += 1
            print(f"FAIL case {seed} ({'; '.join(case.log)}): {' | '.join(case.problems)}\n"
                  f"  again: {sys.argv[0]} --scripts {a.scripts} --case {seed}", flush=True)
    print(f"report_fuzz_test: {runs} cases ({plots} plot runs) from seed {a.seed} in "
          f"{time.monotonic() - start:.0f} s, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
