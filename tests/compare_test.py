#!/usr/bin/python3
"""Tests of scripts/compare on hand-made Google Benchmark reports: a benchmark whose times did
not move is "same", one shifted well beyond its noise is "slower" (or "faster"), too few
repetitions are said to be too few, the context that differs is listed, and bad input is
refused in one line. Needs Debian's libbenchmark-tools and python3-scipy (scripts/setup).

    compare_test.py --compare scripts/compare
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import unittest

COMPARE = None
# 12 repetitions of a benchmark around 100 ns, spread +-3%.
BASE = [97.0, 98.5, 99.0, 99.5, 100.0, 100.2, 100.5, 101.0, 101.5, 102.0, 102.5, 103.0]


def report(path, times, context=None):
    """A report of actbench-bench's shape: times[name] = per-repetition CPU times (ns)."""
    benchmarks = []
    for fam, (name, ts) in enumerate(times.items()):
        for i, t in enumerate(ts):
            benchmarks.append({
                "name": name, "family_index": fam, "per_family_instance_index": 0,
                "run_name": name, "run_type": "iteration", "repetitions": len(ts),
                "repetition_index": i, "threads": 1, "iterations": 1000, "real_time": t,
                "cpu_time": t, "time_unit": "ns"})
    ctx = {"date": "2026-12-06T00:00:00+00:00", "host_name": "m", "executable": "actbench-bench",
           "num_cpus": 2, "mhz_per_cpu": 3000, "cpu_scaling_enabled": False, "caches": [],
           "load_avg": [0.5], "library_build_type": "release", "git_revision": "abc"}
    ctx.update(context or {})
    with open(path, "w") as f:
        json.dump({"context": ctx, "benchmarks": benchmarks}, f)
    return path


def run(*args):
    return subprocess.run([sys.executable, COMPARE, *args], capture_output=True, text=True)


class Compare(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.d = self.tmp.name
        self.a = report(os.path.join(self.d, "a.json"), {
            "sigmoid/k1/avx2/f32:forward/uniform/2048": BASE,
            "tanh/k2/avx2/f32:forward/uniform/2048": BASE})
        # k1: the same times in another order; k2: 20% slower, every repetition.
        self.b = report(os.path.join(self.d, "b.json"), {
            "sigmoid/k1/avx2/f32:forward/uniform/2048": BASE[::-1],
            "tanh/k2/avx2/f32:forward/uniform/2048": [t * 1.2 for t in BASE]},
            context={"git_revision": "def"})

    def tearDown(self):
        self.tmp.cleanup()

    def line(self, out, name):
        return next(line for line in out.splitlines() if line.startswith(name))

    def test_a_real_change_and_noise_are_told_apart(self):
        res = run(self.a, self.b)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertTrue(self.line(res.stdout, "sigmoid/k1").endswith("same"), res.stdout)
        slower = self.line(res.stdout, "tanh/k2")
        self.assertTrue(slower.endswith("slower"), slower)
        self.assertIn("+20.0%", slower)
        self.assertIn("2 benchmarks in both runs: 1 slower, 1 same", res.stdout)
        self.assertIn("git_revision: abc -> def", res.stdout)
        # The other way round, the change is an improvement.
        res = run(self.b, self.a)
        self.assertTrue(self.line(res.stdout, "tanh/k2").endswith("faster"), res.stdout)

    def test_csv_and_a_kernel_filter(self):
        res = run("--csv", "--kernels", "tanh/*", self.a, self.b)
        self.assertEqual(res.returncode, 0, res.stderr)
        lines = res.stdout.splitlines()
        self.assertEqual(lines[0], "benchmark,baseline_ns,contender_ns,change,pvalue,verdict")
        self.assertEqual(len(lines), 2)
        self.assertTrue(lines[1].startswith("tanh/k2/avx2/f32:forward/uniform/2048,100.35,120.42,+0.2000,"))

    def test_few_repetitions_are_flagged(self):
        a = report(os.path.join(self.d, "a3.json"), {"relu/k/avx2/f32:forward/uniform/2048": BASE[:3]})
        b = report(os.path.join(self.d, "b3.json"),
                   {"relu/k/avx2/f32:forward/uniform/2048": [t * 1.5 for t in BASE[:3]]})
        res = run(a, b)
        self.assertEqual(res.returncode, 0, res.stderr)
        # 3 against 3 cannot reach p < 0.05 (the smallest two-sided p is 0.1).
        self.assertTrue(self.line(res.stdout, "relu/k").endswith("same (<9 reps)"), res.stdout)
        self.assertIn("fewer than 9 repetitions", res.stdout)

    def test_a_folder_holding_bench_json_is_a_report(self):
        os.mkdir(os.path.join(self.d, "run1"))
        os.rename(self.a, os.path.join(self.d, "run1", "bench.json"))
        res = run(os.path.join(self.d, "run1"), self.b)
        self.assertEqual(res.returncode, 0, res.stderr)

    def test_bad_input_is_refused_in_one_line(self):
        for args, needle in (([os.path.join(self.d, "none.json"), self.b], "no such report"),
                             ([self.d, self.b], "the folder has no bench.json"),
                             (["--kernels", "nothing/*", self.a, self.b], "no benchmark of both runs"),
                             (["--kernels", "a,,b", self.a, self.b], "empty term"),
                             (["--alpha", "2", self.a, self.b], "--alpha")):
            res = run(*args)
            self.assertNotEqual(res.returncode, 0, args)
            self.assertIn(needle, res.stderr, args)
            self.assertNotIn("Traceback", res.stderr)
        bad = os.path.join(self.d, "bad.json")
        with open(bad, "w") as f:
            f.write("{not json")
        res = run(bad, self.b)
        self.assertEqual(res.returncode, 1)
        self.assertIn("not a Google Benchmark JSON report", res.stderr)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--compare", required=True)
    a, rest = ap.parse_known_args()
    COMPARE = os.path.abspath(a.compare)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
