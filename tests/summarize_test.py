#!/usr/bin/python3
"""Tests of scripts/summarize on small hand-made reports: which kernel each tier recommends,
the ratios printed with it, and how bad input is refused. Standard library only.

    summarize_test.py --summarize scripts/summarize
"""
import argparse
import csv
import os
import subprocess
import sys
import tempfile
import unittest

SUMMARIZE = None

ACC_COLS = ["machine", "kernel", "family", "isa", "dtype", "quantity", "status", "max_ulp",
            "max_ulp_normal", "max_abs", "mean_ulp", "claim_ulp", "nan_mismatch", "inf_mismatch",
            "subnormal_flushed", "claim_ok", "range_ok", "monotonic_ok", "specials_ok",
            "nan_propagation_ok", "mode"]
BENCH_COLS = ["machine", "kernel", "family", "isa", "dtype", "direction", "dist", "size",
              "median_elems_per_ns", "status"]

# id -> (family, isa, value ULP, grad_x ULP, NaN mismatches, elements/ns at 2K)
KERNELS = {
    "sigmoid/exp-div/scalar/f32": ("naive", "scalar", 2.5, 9e6, 0, 0.3),
    "sigmoid/fast-div/avx512/f32": ("approx-exp", "avx512", 3.5, 3.6, 0, 6.0),
    "sigmoid/faster-bad/avx512/f32": ("approx-exp", "avx512", 3.0, 3.0, 7, 9.0),
    "sigmoid/accurate/avx512/f32": ("approx-exp", "avx512", 0.7, 2.4, 0, 2.0),
    "sigmoid/lib-a/avx512/f32": ("peer", "avx512", 2.5, 2e7, 0, 3.0),
    "sigmoid/lib-b/avx512/f32": ("peer", "avx512", 3.9, 3.9, 0, 5.0),
}


def write_reports(d):
    acc, bench = os.path.join(d, "accuracy.csv"), os.path.join(d, "bench.csv")
    with open(acc, "w", newline="") as f:
        w = csv.DictWriter(f, ACC_COLS)
        w.writeheader()
        for kid, (fam, isa, v, g, nan, _) in KERNELS.items():
            for q, ulp in (("value", v), ("grad_x", g), ("grad_y", 1e7)):
                w.writerow({"machine": "m", "kernel": kid, "family": fam, "isa": isa, "dtype": "f32",
                            "quantity": q, "status": "ok", "max_ulp": ulp, "max_ulp_normal": ulp,
                            "max_abs": 1e-7, "mean_ulp": 0.1, "claim_ulp": "", "mode": "exhaustive",
                            "nan_mismatch": nan if q == "value" else 0, "inf_mismatch": 0,
                            "subnormal_flushed": 0, "claim_ok": 1, "range_ok": 1, "monotonic_ok": 1,
                            "specials_ok": 1, "nan_propagation_ok": 1})
    with open(bench, "w", newline="") as f:
        w = csv.DictWriter(f, BENCH_COLS)
        w.writeheader()
        for kid, (fam, isa, _, _, _, speed) in KERNELS.items():
            for size, s in ((2048, speed), (16777216, speed / 2)):
                w.writerow({"machine": "m", "kernel": kid, "family": fam, "isa": isa, "dtype": "f32",
                            "direction": "forward", "dist": "uniform", "size": size,
                            "median_elems_per_ns": s, "status": "ok"})
    return acc, bench


def run(*args):
    return subprocess.run([sys.executable, SUMMARIZE, *args], capture_output=True, text=True)


class Summarize(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.acc, self.bench = write_reports(self.tmp.name)
        self.out = os.path.join(self.tmp.name, "out")
        os.mkdir(self.out)

    def tearDown(self):
        self.tmp.cleanup()

    def summary_rows(self, *extra):
        res = run("--bench", self.bench, "--accuracy", self.acc, "--out-dir", self.out, *extra)
        self.assertEqual(res.returncode, 0, res.stderr)
        with open(os.path.join(self.out, "summary.md")) as f:
            md = f.read()
        return {tuple(c.strip() for c in line.split("|")[1:3]): line
                for line in md.splitlines() if line.startswith("| ") and "`" in line}, md

    def test_tiers_pick_the_fastest_kernel_that_meets_them(self):
        rows, _ = self.summary_rows()
        # The fastest kernel gives NaN for finite inputs: it never wins.
        self.assertIn("`sigmoid/fast-div/avx512/f32`", rows[("4ulp", "avx512")])
        self.assertIn("`sigmoid/accurate/avx512/f32`", rows[("1ulp", "avx512")])

    def test_ratios_over_naive_and_the_fastest_peers(self):
        rows, _ = self.summary_rows()
        row = rows[("4ulp", "avx512")]
        self.assertIn("20.00×", row)  # over the naive kernel: 6.0 / 0.3
        # The fastest peer of any accuracy (lib-b, 5.0) and the fastest in the tier (lib-b too).
        self.assertIn("1.20× `lib-b` / 1.20× `lib-b`", row)
        row = rows[("1ulp", "avx512")]
        self.assertIn("0.40× `lib-b` / –", row)  # no peer meets 1 ULP

    def test_a_tighter_custom_tier(self):
        rows, md = self.summary_rows("--budget", "strict:3.6:ulp=4")
        self.assertIn("`sigmoid/fast-div/avx512/f32`", rows[("strict", "avx512")])
        self.assertIn("1.20× `lib-b` / – ", rows[("strict", "avx512")])  # lib-b misses 3.6 ULP
        self.assertNotIn("| 4ulp", md)

    def test_bad_budget_is_explained_and_writes_nothing(self):
        res = run("--bench", self.bench, "--accuracy", self.acc, "--out-dir", self.out,
                  "--budget", "4ulp:four:ulp=16")
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("bad --budget '4ulp:four:ulp=16'", res.stderr)
        self.assertEqual(os.listdir(self.out), [])

    def test_missing_input_file_is_explained(self):
        res = run("--bench", os.path.join(self.tmp.name, "nope.csv"), "--accuracy", self.acc,
                  "--out-dir", self.out)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("cannot read bench file", res.stderr)
        self.assertEqual(os.listdir(self.out), [])


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--summarize", required=True)
    args, rest = ap.parse_known_args()
    SUMMARIZE = os.path.abspath(args.summarize)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
