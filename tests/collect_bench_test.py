#!/usr/bin/python3
"""Tests of scripts/collect-bench on small hand-made Google Benchmark reports: a report whose
times cannot be measurements (NaN, inf, zero, text), or whose fields are of the wrong type, is
refused in one line naming the file and the benchmark, and no CSV is written. Standard library
only.

    collect_bench_test.py --collect scripts/collect-bench
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from summarize_test import KERNELS, VOCABULARY, one_line_refusal  # noqa: E402

COLLECT = None


def report(kernels=KERNELS, repetitions=3):
    """A Google Benchmark JSON report (as actbench-bench writes it) of the forward pass of each
    kernel at 2K elements, uniform inputs: every repetition and the aggregates."""
    runs = []
    for kid, (fam, isa, _, _, _, speed) in kernels.items():
        name = f"{kid}:forward/uniform/2048"
        act, dtype = kid.split("/")[0], kid.split("/")[-1]
        label = f"act={act} family={fam} isa={isa} dtype={dtype} windows=64"
        base = {"run_name": name, "repetitions": repetitions, "threads": 1, "time_unit": "ns",
                "label": label}
        ns = 2048 / speed
        for i in range(repetitions):
            t = ns * (1 + 0.01 * i)
            runs.append({**base, "name": name, "run_type": "iteration", "repetition_index": i,
                         "iterations": 1000, "real_time": t, "cpu_time": t,
                         "bytes_per_second": 8 * 2048 / t * 1e9,
                         "items_per_second": 2048 / t * 1e9})
        for agg, t in (("mean", ns * 1.01), ("median", ns * 1.01), ("stddev", ns * 0.01),
                       ("cv", 0.01)):
            runs.append({**base, "name": f"{name}_{agg}", "run_type": "aggregate",
                         "aggregate_name": agg, "iterations": repetitions, "real_time": t,
                         "cpu_time": t, "bytes_per_second": 8 * 2048 / t * 1e9,
                         "items_per_second": 2048 / t * 1e9})
    return {"context": {"host_name": "m", "cpu_model": "test CPU", "compiler": "gcc",
                        "git_revision": "abc", "date_utc": "2026-01-01T00:00:00Z"},
            "benchmarks": runs}


def run(*args):
    return subprocess.run([sys.executable, COLLECT, "--vocabulary", VOCABULARY, *args],
                          capture_output=True, text=True)


class CollectBench(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.json = os.path.join(self.tmp.name, "bench.json")
        self.out = os.path.join(self.tmp.name, "out", "bench.csv")

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, doc):
        with open(self.json, "w") as f:
            json.dump(doc, f)  # NaN and inf as NaN and Infinity, as Python and GB write them

    def refused(self, doc, *needles):
        self.write(doc)
        if os.path.exists(self.out):  # left by an earlier case that was not refused
            os.unlink(self.out)
            os.rmdir(os.path.dirname(self.out))
        res = run("--out", self.out, self.json)
        one_line_refusal(self, res, f"{self.json}: ", *needles)
        self.assertEqual(res.returncode, 2)
        self.assertFalse(os.path.exists(os.path.dirname(self.out)))

    def test_a_valid_report_gives_a_row_per_kernel(self):
        self.write(report())
        res = run("--out", self.out, self.json)
        self.assertEqual(res.returncode, 0, res.stderr)
        with open(self.out) as f:
            self.assertEqual(len(f.read().splitlines()), 1 + len(KERNELS))

    def test_a_threaded_run_is_a_row_of_its_own_in_wall_time_per_element(self):
        # actbench-bench --threads 2: Google Benchmark names it .../real_time/threads:2, sums
        # the threads' iterations and divides the wall time by 2.
        doc = report({"sigmoid/fast-div/avx512/f32": KERNELS["sigmoid/fast-div/avx512/f32"]},
                     repetitions=1)
        extra = []
        for r in doc["benchmarks"]:
            if r["run_type"] != "iteration":
                continue
            t = dict(r)
            t["name"] = t["run_name"] = r["name"] + "/real_time/threads:2"
            t["threads"] = 2
            t["real_time"] = r["real_time"] / 2 / 1.9  # 1.9x as fast as one thread
            t["cpu_time"] = r["cpu_time"] / 1.9
            t["items_per_second"] = r["items_per_second"] * 1.9
            extra.append(t)
        doc["benchmarks"] += extra
        self.write(doc)
        res = run("--out", self.out, self.json)
        self.assertEqual(res.returncode, 0, res.stderr)
        with open(self.out) as f:
            rows = {r["threads"]: r for r in csv.DictReader(f)}
        self.assertEqual(set(rows), {"1", "2"})
        one, two = float(rows["1"]["median_elems_per_ns"]), float(rows["2"]["median_elems_per_ns"])
        self.assertAlmostEqual(two / one, 1.9, places=4)
        self.assertAlmostEqual(float(rows["2"]["median_real_ns_per_elem"]),
                               float(rows["2"]["median_ns_per_elem"]), places=9)

    def test_times_that_are_not_measurements_are_refused_with_the_benchmark(self):
        name = "sigmoid/exp-div/scalar/f32:forward/uniform/2048"
        for index, field, value in [(0, "cpu_time", float("nan")), (1, "real_time", float("inf")),
                                    (0, "cpu_time", 0), (2, "cpu_time", -1.0),
                                    (0, "cpu_time", "12"), (0, "real_time", None),
                                    (0, "cpu_time", True), (0, "items_per_second", float("nan")),
                                    (0, "bytes_per_second", float("inf")),
                                    (0, "items_per_second", "many"),
                                    (4, "cpu_time", float("nan")),  # the median aggregate
                                    (6, "cpu_time", float("inf"))]:  # the cv aggregate
            with self.subTest(index=index, field=field, value=value):
                doc = report()
                if value is None:
                    del doc["benchmarks"][index][field]
                else:
                    doc["benchmarks"][index][field] = value
                self.refused(doc, doc["benchmarks"][index]["name"], field)
                self.assertIn(name, doc["benchmarks"][index]["name"])

    def test_fields_of_the_wrong_type_are_refused(self):
        for index, field, value, needle in [
                (0, "time_unit", ["ns"], "time_unit"), (0, "time_unit", "fortnights", "time_unit"),
                (0, "label", 5, "label"), (0, "repetitions", float("nan"), "repetitions"),
                (0, "run_name", 7, "name is not text")]:
            with self.subTest(field=field, value=value):
                doc = report()
                doc["benchmarks"][index][field] = value
                if field == "run_name":
                    doc["benchmarks"][index]["name"] = value
                self.refused(doc, needle)

    def test_a_size_of_zero_is_refused(self):
        doc = report()
        for r in doc["benchmarks"]:
            r["run_name"] = r["run_name"].replace("/2048", "/0")
            r["name"] = r["name"].replace("/2048", "/0")
        self.refused(doc, "size 0")

    def test_an_empty_benchmarks_list_or_context_field_of_the_wrong_type_is_refused(self):
        self.refused({"context": {}, "benchmarks": []}, "'benchmarks' list is empty")
        doc = report()
        doc["context"]["host_name"] = 7
        self.refused(doc, "context field 'host_name'")

    def test_text_that_is_not_unicode_is_refused(self):
        self.write(report())
        with open(self.json, "rb") as f:
            data = f.read()
        with open(self.json, "wb") as f:
            f.write(data[:100] + b"\x87" + data[100:])
        res = run("--out", self.out, self.json)
        one_line_refusal(self, res, f"{self.json} is not UTF-8 text (line 1, byte 100)")
        doc = report()
        for r in doc["benchmarks"]:  # JSON's \udc80: a lone surrogate
            for key in ("name", "run_name"):
                r[key] = r[key].replace("/uniform/", "/uni\udc80/")
        self.refused(doc, "sigmoid/exp-div/scalar/f32", "its dist holds \\udc80")

    def test_a_window_count_that_is_not_one_is_refused(self):
        doc = report()
        for r in doc["benchmarks"]:
            r["label"] = r["label"].replace("windows=64", "windows=many")
        self.refused(doc, "sigmoid/exp-div/scalar/f32:forward/uniform/2048", "windows=many")

    def test_a_name_with_an_empty_direction_or_distribution_is_no_benchmark_of_ours(self):
        doc = report()
        for r in doc["benchmarks"]:
            r["run_name"] = r["run_name"].replace("/uniform/", "//")
            r["name"] = r["name"].replace("/uniform/", "//")
        self.refused(doc, "no actbench benchmarks in it")

    def test_an_error_message_becomes_one_line_of_status(self):
        doc = report()
        for r in doc["benchmarks"][:7]:
            r.update(error_occurred=True, error_message="isa avx512\nnot supported")
        self.write(doc)
        res = run("--out", self.out, self.json)
        self.assertEqual(res.returncode, 0, res.stderr)
        with open(self.out) as f:
            self.assertIn(",skipped: isa avx512 not supported,", f.read())

    def test_append_refuses_a_bench_csv_it_cannot_read(self):
        self.write(report())
        os.makedirs(os.path.dirname(self.out))
        with open(self.out, "w") as f:
            f.write("machine,kernel,direction,dist,size,median_elems_per_ns,status\n"
                    "m2,sigmoid/exp-div/scalar/f32,forward,uniform,2k,1.0,ok\n")
        res = run("--append", "--out", self.out, self.json)
        one_line_refusal(self, res, f"--append: bench file {self.out}:2: column size: '2k'")
        with open(self.out) as f:
            self.assertIn(",2k,", f.read())  # left as it was


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--collect", required=True)
    args, rest = ap.parse_known_args()
    COLLECT = os.path.abspath(args.collect)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
