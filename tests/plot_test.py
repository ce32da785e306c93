#!/usr/bin/python3
"""Tests of scripts/plot on small hand-made reports (the fixtures of summarize_test.py): a
report it cannot read is refused in one line naming the file, the line and the column, before
any figure is drawn, and so is an output folder it cannot create. Standard library plus
matplotlib (through scripts/plot).

    plot_test.py --plot scripts/plot
"""
import argparse
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from summarize_test import VOCABULARY, edit_cell, one_line_refusal, write_reports  # noqa: E402

PLOT = None


def run(*args):
    return subprocess.run([sys.executable, PLOT, "--vocabulary", VOCABULARY, *args],
                          capture_output=True, text=True)


class Plot(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.stage = os.path.join(self.tmp.name, "stage")
        os.mkdir(self.stage)
        self.acc, self.bench = write_reports(self.stage)
        self.out = os.path.join(self.tmp.name, "plots")

    def tearDown(self):
        self.tmp.cleanup()

    def test_valid_reports_give_figures(self):
        res = run("--stage", self.stage, "--out-dir", self.out)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertEqual(sorted(os.listdir(self.out)),
                         ["pareto-sigmoid-f32.png", "throughput-sigmoid-f32.png"])

    def test_every_dtype_gets_its_figures_and_the_error_plot_shows_the_picks(self):
        import csv
        from summarize_test import KERNELS, write_vocabulary
        kernels = {**KERNELS, "sigmoid/fast-div/avx512/f64": ("approx-exp", "avx512", 3.5, 3.6, 0, 3.0),
                   "sigmoid/exp-div/scalar/f64": ("naive", "scalar", 0.5, 0.6, 0, 0.2)}
        self.acc, self.bench = write_reports(self.stage, kernels)
        # An error grid where the kernels sorted first (scalar, then by id) are not the picks.
        with open(os.path.join(self.stage, "eval-wide.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["kernel", "x", "y", "grad_x", "grad_y", "exact_y", "exact_grad", "ulp_y",
                        "ulp_grad_x", "ulp_grad_y"])
            for kid in kernels:
                for x in (-1, 0, 1):
                    w.writerow([kid, x, 0.5, 0.25, 0.25, 0.5, 0.25, 0.5, 0.7, 0])
        res = run("--stage", self.stage, "--out-dir", self.out)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertEqual(sorted(os.listdir(self.out)),
                         [f"{kind}-sigmoid-{dtype}.png" for kind in ("error", "pareto", "throughput")
                          for dtype in ("f32", "f64")])
        # The figures' choice is summarize's: the picks, the front and the fastest peer.
        sys.path.insert(0, os.path.dirname(PLOT))
        import importlib.machinery
        import importlib.util
        loader = importlib.machinery.SourceFileLoader("plot_module", PLOT)
        plot = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
        loader.exec_module(plot)
        from actbench_common import ACCURACY, BENCH, load_vocabulary
        vocab = load_vocabulary(VOCABULARY)
        study = plot.Study(BENCH.read(self.bench, vocab), ACCURACY.read(self.acc, vocab), vocab,
                           [plot.load_summarize().Budget(b) for b in plot.load_summarize().DEFAULT_BUDGETS])
        roles = study.shown("m", "sigmoid", "f32")
        self.assertIn("1ulp@avx512", roles["sigmoid/accurate/avx512/f32"])
        self.assertIn("4ulp@avx512", roles["sigmoid/fast-div/avx512/f32"])
        self.assertIn("fastest peer", roles["sigmoid/lib-b/avx512/f32"])
        self.assertIn("front", roles["sigmoid/lib-a/avx512/f32"])
        self.assertNotIn("sigmoid/faster-bad/avx512/f32", roles)  # NaN on finite inputs: no choice

    def test_a_size_that_is_not_an_integer_is_refused_before_drawing(self):
        # bench.csv line 3: the 16M row of the first kernel; the pareto figure reads line 2.
        for value in ("2k", "0", "-1", "1.5"):
            with self.subTest(size=value):
                self.acc, self.bench = write_reports(self.stage)
                edit_cell(self.bench, 3, "size", value)
                res = run("--stage", self.stage, "--out-dir", self.out)
                one_line_refusal(self, res, f"bench file {self.bench}:3: column size: '{value}'")
                self.assertFalse(os.path.exists(self.out) and os.listdir(self.out))

    def test_impossible_figures_are_refused(self):
        for path, line, col, value in ((self.bench, 2, "median_elems_per_ns", "nan"),
                                       (self.acc, 2, "max_ulp_normal", "-1")):
            with self.subTest(col=col):
                self.acc, self.bench = write_reports(self.stage)
                edit_cell(path, line, col, value)
                res = run("--stage", self.stage, "--out-dir", self.out)
                one_line_refusal(self, res, f"{path}:{line}: column {col}")

    def test_an_eval_row_without_a_finite_x_is_refused(self):
        path = os.path.join(self.stage, "eval-wide.csv")
        with open(path, "w") as f:
            f.write("kernel,x,y,grad_x,grad_y,exact_y,exact_grad,ulp_y,ulp_grad_x,ulp_grad_y\n")
            for i, x in enumerate(("-1", "0", "nan", "1")):
                f.write(f"sigmoid/exp-div/scalar/f32,{x},0.5,0.25,0.25,0.5,0.25,{i},0,0\n")
        res = run("--stage", self.stage, "--out-dir", self.out)
        one_line_refusal(self, res, f"eval file {path}:4: column x: 'nan' is not a finite number")

    def test_an_impossible_out_dir_is_refused(self):
        for out, needle in ((os.path.join(self.acc, "plots"), f"{self.acc} is not a folder"),
                            ("/proc/actbench-plots", "cannot create the output folder "
                                                     "/proc/actbench-plots in /proc")):
            with self.subTest(out=out):
                res = run("--stage", self.stage, "--out-dir", out)
                one_line_refusal(self, res, needle)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--plot", required=True)
    args, rest = ap.parse_known_args()
    PLOT = os.path.abspath(args.plot)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
