#!/usr/bin/python3
"""Tests of scripts/summarize on small hand-made reports: which kernel each tier recommends,
the ratios printed with it, how bad input is refused, and that the activations and dtypes come
from the vocabulary (data/kernels.json, in the shape `actbench-kernels --json` prints).
Standard library only.

    summarize_test.py --summarize scripts/summarize
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import unittest

SUMMARIZE = None
VOCABULARY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "kernels.json")

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


def acc_rows(kernels):
    for kid, (fam, isa, v, g, nan, _) in kernels.items():
        dtype = kid.split("/")[-1]
        for q, ulp in (("value", v), ("grad_x", g), ("grad_y", 1e7)):
            yield {"machine": "m", "kernel": kid, "family": fam, "isa": isa, "dtype": dtype,
                   "quantity": q, "status": "ok", "max_ulp": ulp, "max_ulp_normal": ulp,
                   "max_abs": 1e-7, "mean_ulp": 0.1, "claim_ulp": "", "mode": "exhaustive",
                   "nan_mismatch": nan if q == "value" else 0, "inf_mismatch": 0,
                   "subnormal_flushed": 0, "claim_ok": 1, "range_ok": 1, "monotonic_ok": 1,
                   "specials_ok": 1, "nan_propagation_ok": 1}


def bench_rows(kernels):
    for kid, (fam, isa, _, _, _, speed) in kernels.items():
        dtype = kid.split("/")[-1]
        for size, s in ((2048, speed), (16777216, speed / 2)):
            yield {"machine": "m", "kernel": kid, "family": fam, "isa": isa, "dtype": dtype,
                   "direction": "forward", "dist": "uniform", "size": size,
                   "median_elems_per_ns": s, "status": "ok"}


def write_csv(path, cols, rows, mode="w"):
    with open(path, mode, newline="") as f:
        w = csv.DictWriter(f, cols)
        if mode == "w":
            w.writeheader()
        w.writerows(rows)


def write_reports(d, kernels=KERNELS):
    acc, bench = os.path.join(d, "accuracy.csv"), os.path.join(d, "bench.csv")
    write_csv(acc, ACC_COLS, acc_rows(kernels))
    write_csv(bench, BENCH_COLS, bench_rows(kernels))
    return acc, bench


def write_vocabulary(path, edit):
    """data/kernels.json changed by edit(doc), written to path."""
    with open(VOCABULARY) as f:
        doc = json.load(f)
    edit(doc)
    with open(path, "w") as f:
        json.dump(doc, f)
    return path


def run(*args, vocabulary=VOCABULARY):
    vocab = ["--vocabulary", vocabulary] if vocabulary else []
    return subprocess.run([sys.executable, SUMMARIZE, *vocab, *args], capture_output=True, text=True)


class Summarize(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.acc, self.bench = write_reports(self.tmp.name)
        self.out = os.path.join(self.tmp.name, "out")
        os.mkdir(self.out)

    def tearDown(self):
        self.tmp.cleanup()

    def summary_rows(self, *extra, vocabulary=VOCABULARY):
        res = run("--bench", self.bench, "--accuracy", self.acc, "--out-dir", self.out, *extra,
                  vocabulary=vocabulary)
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
        res = run("--bench", self.bench, "--accuracy", self.acc, "--out-dir", self.out,
                  "--budget", "cr:0.5:ulp=0.5@")  # a scope that names no dtype
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("bad --budget 'cr:0.5:ulp=0.5@'", res.stderr)
        self.assertEqual(os.listdir(self.out), [])

    def test_a_budget_applies_to_the_dtypes_it_names(self):
        _, md = self.summary_rows("--budget", "strict:3.6:ulp=4@f64", "--budget", "4ulp:4:ulp=16")
        self.assertNotIn("| strict", md)  # the fixtures are f32 only
        self.assertIn("| 4ulp | avx512 |", md)

    def test_missing_input_file_is_explained(self):
        res = run("--bench", os.path.join(self.tmp.name, "nope.csv"), "--accuracy", self.acc,
                  "--out-dir", self.out)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("cannot read bench file", res.stderr)
        self.assertEqual(os.listdir(self.out), [])

    def test_empty_input_file_is_explained(self):
        open(self.acc, "w").close()
        self.assert_refused(f"accuracy file {self.acc} is empty")

    def assert_refused(self, *needles, vocabulary=VOCABULARY):
        res = run("--bench", self.bench, "--accuracy", self.acc, "--out-dir", self.out,
                  vocabulary=vocabulary)
        self.assertNotEqual(res.returncode, 0)
        for n in needles:
            self.assertIn(n, res.stderr)
        self.assertEqual(os.listdir(self.out), [])

    def test_the_vocabulary_is_required(self):
        self.assert_refused("--vocabulary", vocabulary=None)

    def test_unknown_activation_is_named_with_its_file_and_the_known_ones(self):
        write_csv(self.acc, ACC_COLS,
                  acc_rows({"gelu/erf/scalar/f32": ("naive", "scalar", 1, 1, 0, 1)}), mode="a")
        self.assert_refused(f"{self.acc}: kernel 'gelu/erf/scalar/f32': activation 'gelu' is not in "
                            f"the vocabulary", "known: relu, sigmoid, tanh")

    def test_unknown_dtype_is_named_with_its_file_and_the_known_ones(self):
        write_csv(self.bench, BENCH_COLS,
                  bench_rows({"sigmoid/fast-div/avx512/f16": ("approx-exp", "avx512", 1, 1, 0, 1)}),
                  mode="a")
        self.assert_refused(f"{self.bench}: kernel 'sigmoid/fast-div/avx512/f16': dtype 'f16'",
                            "known: f32, f64")

    def test_unknown_isa_and_family_are_refused(self):
        write_csv(self.bench, BENCH_COLS,
                  bench_rows({"sigmoid/fast-div/neon/f32": ("approx-exp", "neon", 1, 1, 0, 1)}),
                  mode="a")
        self.assert_refused("isa 'neon'", "known: scalar, sse4.2, avx2, avx512")
        self.acc, self.bench = write_reports(self.tmp.name)
        write_csv(self.acc, ACC_COLS,
                  acc_rows({"sigmoid/x/scalar/f32": ("vendor", "scalar", 1, 1, 0, 1)}), mode="a")
        self.assert_refused("family 'vendor'")

    def test_malformed_kernel_id_is_refused(self):
        write_csv(self.bench, BENCH_COLS,
                  bench_rows({"sigmoid/f32": ("naive", "scalar", 1, 1, 0, 1)}), mode="a")
        self.assert_refused("kernel id 'sigmoid/f32' is not of the form activation/algorithm/isa/dtype")

    def test_a_dtype_the_vocabulary_knows_gets_its_own_section(self):
        def with_bf16(doc):
            doc["dtypes"].append({"name": "bf16", "bits": 16, "bytes": 2, "p": 8, "emin": -126})
        vocab = write_vocabulary(os.path.join(self.tmp.name, "kernels.json"), with_bf16)
        self.acc, self.bench = write_reports(self.tmp.name, {
            **KERNELS,
            "sigmoid/fast-div/avx512/bf16": ("approx-exp", "avx512", 0.5, 0.7, 0, 12.0),
            "sigmoid/exp-div/scalar/bf16": ("naive", "scalar", 0.5, 0.5, 0, 1.5)})
        rows, md = self.summary_rows(vocabulary=vocab)
        # In the vocabulary's order, after f32, and holding only its own kernels.
        f32, bf16 = md.split("### sigmoid (f32)")[1].split("### sigmoid (bf16)")
        self.assertNotIn("/bf16`", f32)
        self.assertNotIn("/f32`", bf16)
        # Its own tiers, in its own ULP: correctly rounded (value and grad), 1 and 2 ULP.
        self.assertIn("| cr | scalar | `sigmoid/exp-div/scalar/bf16` | 1.5 |", bf16)
        self.assertIn("| 1ulp, 2ulp | avx512 | `sigmoid/fast-div/avx512/bf16` | 12 |", bf16)
        self.assertNotIn("| 4ulp", bf16)
        self.assertNotIn("| cr", f32)
        self.assertIn("8.00×", bf16)  # over the naive bf16 kernel: 12 / 1.5
        with open(os.path.join(self.out, "summary.csv")) as f:
            self.assertEqual(sum(r["dtype"] == "bf16" for r in csv.DictReader(f)), 2)

    def test_the_abs_tier_scales_with_max_grad_from_the_vocabulary(self):
        # Every fixture kernel has grad-x max abs error 1e-7; the tier allows 2e-7 * max|f'|.
        tier = ("--budget", "loose:1e9:abs=2e-7")
        _, md = self.summary_rows(*tier)  # sigmoid: max|f'| = 0.25, limit 5e-8
        self.assertIn("| loose | avx512 | none meets it |", md)

        def steeper(doc):
            next(a for a in doc["activations"] if a["name"] == "sigmoid")["max_grad"] = 1.0
        rows, _ = self.summary_rows(*tier, vocabulary=write_vocabulary(
            os.path.join(self.tmp.name, "kernels.json"), steeper))
        self.assertIn("`sigmoid/fast-div/avx512/f32`", rows[("loose", "avx512")])

    def test_gradients_near_the_root_of_f_prime_are_reported_in_ulp_and_absolute(self):
        def with_silu(doc):
            silu = dict(next(a for a in doc["activations"] if a["name"] == "sigmoid"))
            doc["activations"].append({**silu, "name": "silu", "max_grad": 1.1})
        vocab = write_vocabulary(os.path.join(self.tmp.name, "kernels.json"), with_silu)
        silu = {"silu/textbook/scalar/f32": ("naive", "scalar", 2.0, 1.7e7, 0, 0.5),
                "silu/careful/avx512/f32": ("approx-exp", "avx512", 3.0, 3.1, 0, 4.0)}
        near = {"silu/textbook/scalar/f32": ("1.27e+07", "2.4e-08"),
                "silu/careful/avx512/f32": ("1.9", "6.7e-09")}
        rows = list(acc_rows(silu))
        for r in rows:
            ulp, ab = near[r["kernel"]] if r["quantity"] != "value" else ("", "")
            r.update(near_root_max_ulp=ulp, near_root_max_abs=ab)
        write_csv(self.acc, ACC_COLS + ["near_root_max_ulp", "near_root_max_abs"],
                  list(acc_rows(KERNELS)) + rows)
        write_csv(self.bench, BENCH_COLS, list(bench_rows(KERNELS)) + list(bench_rows(silu)))
        _, md = self.summary_rows(vocabulary=vocab)
        sigmoid, section = md.split("### silu (f32)")
        self.assertNotIn("near f′ = 0", sigmoid)  # no roots, no column
        self.assertIn("grad-x near f′ = 0 (ULP / abs)", section)
        self.assertIn("| 1.3e+07 / 2.4e-08 |", section)
        self.assertIn("Worst there: `silu/textbook/scalar/f32`, 1.3e+07 ULP while within 2.4e-08 "
                      "in absolute terms; best: `silu/careful/avx512/f32`, 1.9 ULP", section)
        with open(os.path.join(self.out, "summary.csv")) as f:
            got = {r["kernel"]: r["grad_x_near_root_max_abs"] for r in csv.DictReader(f)}
        self.assertEqual(float(got["silu/careful/avx512/f32"]), 6.7e-9)
        self.assertEqual(got["sigmoid/fast-div/avx512/f32"], "")

    def test_gelu_tanh_states_its_distance_from_exact_gelu(self):
        def with_gelu_tanh(doc):
            sig = dict(next(a for a in doc["activations"] if a["name"] == "sigmoid"))
            doc["activations"].append({**sig, "name": "gelu-tanh", "max_grad": 1.13})
        vocab = write_vocabulary(os.path.join(self.tmp.name, "kernels.json"), with_gelu_tanh)
        self.acc, self.bench = write_reports(self.tmp.name, {
            **KERNELS, "gelu-tanh/dw/avx512/f32": ("approx-exp", "avx512", 2.8, 4.6, 0, 3.0)})
        _, md = self.summary_rows(vocabulary=vocab)
        sigmoid, section = md.split("### gelu-tanh (f32)")
        self.assertNotIn("distance from GELU", sigmoid)
        # Published: the tanh form is within about 4.7e-4 of x Phi(x), worst near x = -2.7.
        note = next(line for line in section.splitlines() if "exact GELU" in line)
        self.assertIn("off by up to 0.000473 in absolute terms (at x = -2.699", note)
        self.assertIn("a factor of 6.3e+14 at x = -10", note)

    def test_pytorch_is_set_against_each_tier_winner(self):
        self.acc, self.bench = write_reports(self.tmp.name, {
            **KERNELS, "sigmoid/torch/avx2/f32": ("peer", "avx2", 1.2, 2e7, 0, 0.5)})
        _, md = self.summary_rows()
        head = next(line for line in md.splitlines() if line.startswith("**PyTorch**"))
        self.assertIn("`sigmoid/torch/avx2/f32`", head)
        self.assertIn("value 1.2 ULP, gradient 2e+07 ULP (exhaustive)", head)
        verdict = next(line for line in md.splitlines() if line.startswith("- **1ulp**: the recommendation"))
        # accurate: 2.0 elements/ns against PyTorch's 0.5; PyTorch's gradient misses the tier.
        self.assertIn("`sigmoid/accurate/avx512/f32`", verdict)
        self.assertIn("forward pass 4.00×", verdict)
        self.assertIn("PyTorch does not meet it", verdict)
        # Without a torch kernel, no verdict.
        self.acc, self.bench = write_reports(self.tmp.name)
        _, md = self.summary_rows()
        self.assertNotIn("**PyTorch**", md)

    def decision_rows(self, md):
        """The decision matrix's rows by (activation, dtype, tiers), as lists of cells."""
        head, _, rest = md.partition("## The decision")
        self.assertNotIn("### ", head)  # it opens the summary, before any section
        section = rest.split("\n## ")[0]
        return {tuple(c.strip() for c in line.split("|")[1:4]): [c.strip() for c in line.split("|")[1:-1]]
                for line in section.splitlines() if line.startswith("| ") and not line.startswith("| activation")}

    def test_the_decision_matrix_opens_the_summary(self):
        self.acc, self.bench = write_reports(self.tmp.name, {
            **KERNELS, "sigmoid/torch/avx2/f32": ("peer", "avx2", 1.2, 2e7, 0, 0.5)})
        _, md = self.summary_rows()
        self.assertLess(md.index("## The decision"), md.index("### sigmoid (f32)"))
        rows = self.decision_rows(md)
        header = next(line for line in md.splitlines() if line.startswith("| activation"))
        self.assertEqual([c.strip() for c in header.split("|")[1:-1]],
                         ["activation", "dtype", "tier", "scalar", "avx2", "avx512", "value / grad ULP",
                          "× peer (in tier / any)", "× PyTorch"])
        # The same picks as the tier tables: per ISA level, the fastest within the tier.
        self.assertEqual(rows[("sigmoid", "f32", "4ulp")],
                         ["sigmoid", "f32", "4ulp", "–", "–", "`fast-div` 6", "3.5ᵉ / 3.6ᵉ",
                          "1.20× / 1.20×", "12.00×†"])
        # No peer meets 1 ULP; PyTorch's gradient misses it (†).
        self.assertEqual(rows[("sigmoid", "f32", "1ulp")][5:],
                         ["`accurate` 2", "0.7ᵉ / 2.4ᵉ", "– / 0.40×", "4.00×†"])
        # The bf16 tier: the scalar level picks the naive kernel, AVX2 PyTorch's (which meets it).
        self.assertEqual(rows[("sigmoid", "f32", "bf16")][3:],
                         ["`exp-div` 0.3", "`torch` 0.5", "`fast-div` 6", "3.5ᵉ / 3.6ᵉ",
                          "1.20× / 1.20×", "12.00×"])

    def test_the_decision_matrix_marks_ties_and_merges_equal_tiers(self):
        fast = [0.16, 0.17, 0.19]
        self.bench_with_samples({"sigmoid/fast-div/avx512/f32": fast,
                                 "sigmoid/lib-b/avx512/f32": [0.185, 0.2, 0.21]})
        _, md = self.summary_rows("--budget", "4ulp:4:ulp=16", "--budget", "wide:4.5:ulp=16")
        rows = self.decision_rows(md)
        row = rows[("sigmoid", "f32", "4ulp, wide")]  # the same picks: one row
        self.assertEqual(row[4], "`fast-div` 5.88 ≈1")
        self.assertIn("~", row[6])  # lib-b, the fastest peer, ties with it

    def test_tiers_no_kernel_meets_are_listed_under_the_matrix(self):
        _, md = self.summary_rows("--budget", "4ulp:4:ulp=16", "--budget", "exact:0.1:ulp=0.1")
        rows = self.decision_rows(md)
        self.assertNotIn(("sigmoid", "f32", "exact"), rows)
        self.assertIn("No kernel meets: sigmoid f32 exact.", md)

    def test_peer_gradients_by_the_framework_formula_are_said(self):
        def with_entries(doc):
            doc["kernels"] = [
                {"id": "sigmoid/lib-a/avx512/f32", "family": "peer",
                 "description": "1/(1+lib_exp(-x)); grads dy(1-y)y from y"},
                {"id": "sigmoid/lib-b/avx512/f32", "family": "peer",
                 "description": "lib eltwise_logistic fwd/bwd primitives"}]
        vocab = write_vocabulary(os.path.join(self.tmp.name, "kernels.json"), with_entries)
        _, md = self.summary_rows(vocabulary=vocab)
        table = {line.split("|")[1].strip(): line for line in md.splitlines()
                 if line.startswith("| `sigmoid/")}
        self.assertIn("gradients by the framework formula, not the library",
                      table["`sigmoid/lib-a/avx512/f32`"])
        self.assertNotIn("framework formula", table["`sigmoid/lib-b/avx512/f32`"])
        self.assertNotIn("framework formula", table["`sigmoid/fast-div/avx512/f32`"])

    def sampled(self, claims):
        """The reports rewritten as a sampled run, with claims[id] = (value, grad_x) claims."""
        rows = []
        for r in acc_rows(KERNELS):
            r["mode"], r["points"] = "sample", 200000
            v, g = claims.get(r["kernel"], ("", ""))
            r["claim_ulp"] = {"value": v, "grad_x": g}.get(r["quantity"], "")
            rows.append(r)
        write_csv(self.acc, ACC_COLS + ["points"], rows)

    def test_a_sampled_run_is_judged_on_the_larger_of_sample_and_claim(self):
        # fast-div's sample (3.5, 3.6) meets 4ulp, but its claim says the value reaches 4.2.
        self.sampled({"sigmoid/fast-div/avx512/f32": (4.2, 3.8),
                      "sigmoid/accurate/avx512/f32": (0.8, 2.5),
                      "sigmoid/lib-b/avx512/f32": (3.9, 3.9)})
        rows, md = self.summary_rows()
        self.assertIn("Accuracy in this run: f32 sampled (200,000 points per kernel)", md)
        # The next fastest with a bound inside the tier is lib-b (5.0), at its own sample.
        self.assertIn("`sigmoid/lib-b/avx512/f32` | 5 | 3.9ᶜ | 3.9ᶜ", rows[("4ulp", "avx512")])
        self.assertIn("`sigmoid/accurate/avx512/f32` | 2 | 0.8ᶜ | 2.5ᶜ", rows[("1ulp", "avx512")])
        self.assertIn("- `sigmoid/fast-div/avx512/f32`: value up to 4.2 ULP (its claim; this "
                      "run's sample 3.5)", md)
        with open(os.path.join(self.out, "summary.csv")) as f:
            got = {r["kernel"]: r for r in csv.DictReader(f)}
        fast = got["sigmoid/fast-div/avx512/f32"]
        self.assertEqual((fast["value_bound_ulp"], fast["value_bound_source"]), ("4.2", "claim"))
        self.assertEqual((fast["value_max_ulp_normal"], fast["grad_x_bound_source"]), ("3.5", "claim"))

    def test_a_sample_above_the_claim_and_a_missing_claim(self):
        # A sample that breaks the claim is the bound; no claim at all is no bound.
        self.sampled({"sigmoid/fast-div/avx512/f32": (3.0, 3.6),
                      "sigmoid/accurate/avx512/f32": ("inf", "inf")})
        rows, md = self.summary_rows()
        self.assertIn("`sigmoid/fast-div/avx512/f32` | 6 | 3.5ˢ | 3.6ᶜ", rows[("4ulp", "avx512")])
        self.assertIn("| 1ulp | avx512 | none meets it |", md)
        self.assertIn("- `sigmoid/accurate/avx512/f32`: value unbounded (sampled 0.7 ULP, and no "
                      "claim)", md)
        with open(os.path.join(self.out, "summary.csv")) as f:
            got = {r["kernel"]: r for r in csv.DictReader(f)}
        self.assertEqual(got["sigmoid/accurate/avx512/f32"]["value_bound_source"], "none")
        self.assertEqual(got["sigmoid/fast-div/avx512/f32"]["value_bound_source"], "sampled")

    def test_under_ftz_the_ftz_claims_bound_a_sample(self):
        # accuracy.csv's claim column holds the claims of the run's environment: under ftz,
        # kernels/ftz.inc's. A kernel with one is bounded by it; one without has no bound.
        rows = []
        for r in acc_rows(KERNELS):
            r["mode"], r["points"], r["fp_env"] = "sample", 200000, "ftz (mxcsr 0x9fc0)"
            r["claim_ulp"] = 4.0 if r["kernel"] == "sigmoid/fast-div/avx512/f32" else "inf"
            rows.append(r)
        write_csv(self.acc, ACC_COLS + ["points", "fp_env"], rows)
        rows_md, md = self.summary_rows()
        self.assertIn("Floating-point environment of the kernels: ftz (FTZ and DAZ", md)
        self.assertIn("`sigmoid/fast-div/avx512/f32` | 6 | 4ᶜ | 4ᶜ", rows_md[("4ulp, bf16", "avx512")])
        self.assertIn("| 1ulp | avx512 | none meets it |", md)
        # Measured on every input under FTZ, the figures are their own bounds again.
        for r in rows:
            r["mode"] = "exhaustive"
        write_csv(self.acc, ACC_COLS + ["points", "fp_env"], rows)
        rows_md, md = self.summary_rows()
        self.assertIn("`sigmoid/fast-div/avx512/f32` | 6 | 3.5ᵉ | 3.6ᵉ", rows_md[("4ulp", "avx512")])

    def test_the_float64_worst_case_search_is_reported(self):
        kernels = {"sigmoid/fast-div/avx512/f64": ("approx-exp", "avx512", 3.5, 3.6, 0, 6.0),
                   "sigmoid/accurate/avx512/f64": ("approx-exp", "avx512", 0.7, 2.4, 0, 2.0)}
        self.acc, self.bench = write_reports(self.tmp.name, kernels)
        rows = []
        for r in acc_rows(kernels):
            r["mode"], r["points"] = "sample", 150000
            # The search raised fast-div's value from 1.5 to 3.5 ULP and found nothing else.
            r["search_from"] = 1.5 if (r["kernel"].startswith("sigmoid/fast") and
                                       r["quantity"] == "value") else r["max_ulp_normal"]
            r["search_points"] = 30000
            rows.append(r)
        write_csv(self.acc, ACC_COLS + ["points", "search_from", "search_points"], rows)
        _, md = self.summary_rows()
        self.assertIn("The float64 maxima include a worst-case search around the worst sampled "
                      "inputs (neighbouring floats and a local search): it raised 1 of 6 maxima, "
                      "most for `sigmoid/fast-div/avx512/f64` value, from 1.5 to 3.5 ULP.", md)

    def test_an_exhaustive_run_is_its_own_bound(self):
        rows, md = self.summary_rows()
        self.assertIn("Accuracy in this run: f32 exhaustive", md)
        self.assertIn("| 3.5ᵉ | 3.6ᵉ |", rows[("4ulp", "avx512")])

    def bench_with_samples(self, samples):
        """bench.csv with per-repetition times (ns per element) at 2K for some kernels."""
        rows = []
        for r in bench_rows(KERNELS):
            ts = samples.get(r["kernel"]) if r["size"] == 2048 else None
            if ts:
                r["samples_ns_per_elem"] = ";".join(f"{t:g}" for t in ts)
                r["min_ns_per_elem"], r["max_ns_per_elem"] = min(ts), max(ts)
                r["median_elems_per_ns"] = 1 / sorted(ts)[len(ts) // 2]
                r["repetitions"] = len(ts)
            rows.append(r)
        write_csv(self.bench, BENCH_COLS + ["samples_ns_per_elem", "min_ns_per_elem",
                                            "max_ns_per_elem", "repetitions"], rows)

    def test_kernels_within_the_noise_are_a_tie_by_the_u_test(self):
        # fast-div and lib-b, 9 repetitions each, interleaved: the U test cannot tell them apart.
        fast = [0.160, 0.165, 0.170, 0.175, 0.180, 0.185, 0.190, 0.195, 0.200]
        lib = [0.162, 0.168, 0.171, 0.178, 0.183, 0.188, 0.191, 0.198, 0.205]
        self.bench_with_samples({"sigmoid/fast-div/avx512/f32": fast,
                                 "sigmoid/lib-b/avx512/f32": lib})
        rows, md = self.summary_rows("--budget", "4ulp:4:ulp=16")
        self.assertIn("(tie: `sigmoid/lib-b/avx512/f32`)", rows[("4ulp", "avx512")])
        self.assertIn("(tie) /", rows[("4ulp", "avx512")])
        self.assertIn("Mann-Whitney U test", md)
        self.assertIn("- `sigmoid/lib-b/avx512/f32`: a tie with the winner", md)
        # Shifted by 20%: every lib-b repetition slower than every fast-div one, p = 4e-5.
        self.bench_with_samples({"sigmoid/fast-div/avx512/f32": fast,
                                 "sigmoid/lib-b/avx512/f32": [t * 1.2 + 0.03 for t in fast]})
        rows, md = self.summary_rows("--budget", "4ulp:4:ulp=16")
        self.assertNotIn("(tie", rows[("4ulp", "avx512")])
        self.assertIn("- `sigmoid/lib-b/avx512/f32`: slower", md)

    def test_few_repetitions_tie_when_their_ranges_overlap(self):
        self.bench_with_samples({"sigmoid/fast-div/avx512/f32": [0.16, 0.17, 0.19],
                                 "sigmoid/lib-b/avx512/f32": [0.185, 0.2, 0.21]})
        rows, _ = self.summary_rows()
        self.assertIn("(tie: `sigmoid/lib-b/avx512/f32`)", rows[("4ulp", "avx512")])
        self.bench_with_samples({"sigmoid/fast-div/avx512/f32": [0.16, 0.17, 0.18],
                                 "sigmoid/lib-b/avx512/f32": [0.185, 0.2, 0.21]})
        rows, _ = self.summary_rows()
        self.assertNotIn("(tie", rows[("4ulp", "avx512")])
        # The speed is shown with its spread.
        self.assertRegex(rows[("4ulp", "avx512")], r"\| 5\.88 ±\d+% \|")


class MannWhitney(unittest.TestCase):
    """summarize's U test against values computed by hand."""

    @classmethod
    def setUpClass(cls):
        import importlib.machinery
        import importlib.util
        loader = importlib.machinery.SourceFileLoader("summarize", SUMMARIZE)
        spec = importlib.util.spec_from_loader("summarize", loader)
        cls.m = importlib.util.module_from_spec(spec)
        loader.exec_module(cls.m)

    def test_exact_p_values(self):
        p = self.m.mann_whitney_p
        # Complete separation of 9 and 9: 2 / C(18, 9) = 2 / 48620.
        self.assertAlmostEqual(p(list(range(9)), list(range(9, 18))), 2 / 48620, places=12)
        # 3 and 3, separated: 2 / C(6, 3) = 0.1, the smallest two-sided p with 3 repetitions.
        self.assertAlmostEqual(p([1, 2, 3], [4, 5, 6]), 0.1)
        # U = 1 of 3 and 3: P(U <= 1) = 2 / 20, two-sided 0.2.
        self.assertAlmostEqual(p([1, 2, 4], [3, 5, 6]), 0.2)
        # Interleaved: far from significant.
        self.assertAlmostEqual(p([1, 3, 5, 7], [2, 4, 6, 8]), 48 / 70)  # P(U <= 6) = 24 / 70

    def test_tied_values_use_the_normal_approximation(self):
        p = self.m.mann_whitney_p
        self.assertEqual(p([1, 1, 1], [1, 1, 1]), 1.0)
        self.assertLess(p([1] * 10, [2] * 10), 1e-4)


def cut(path, keep):
    """Keeps the first keep characters of the file at path (a report cut short)."""
    with open(path, newline="") as f:
        text = f.read()
    with open(path, "w", newline="") as f:
        f.write(text[:keep])


def edit_cell(path, line, column, value):
    """Sets one cell of a CSV (line: 1 is the header), keeping every other byte's meaning."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    rows[line - 1][rows[0].index(column)] = value
    with open(path, "w", newline="") as f:
        csv.writer(f).writerows(rows)


def one_line_refusal(test, res, *needles):
    """res is a refusal: a non-zero exit and one line on stderr, with needles and no traceback."""
    test.assertNotEqual(res.returncode, 0, res.stdout)
    test.assertNotIn("Traceback", res.stderr)
    test.assertEqual(len(res.stderr.strip().splitlines()), 1, res.stderr)
    for n in needles:
        test.assertIn(n, res.stderr)


class Refusals(unittest.TestCase):
    """Reports whose figures cannot be right are refused in one line naming the file, the line
    and the column, and nothing is written."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.acc, self.bench = write_reports(self.tmp.name)
        self.out = os.path.join(self.tmp.name, "out")
        os.mkdir(self.out)

    def tearDown(self):
        self.tmp.cleanup()

    def refused(self, *needles, args=None):
        args = args or ["--bench", self.bench, "--accuracy", self.acc]
        res = run(*args, "--out-dir", self.out)
        one_line_refusal(self, res, *needles)
        self.assertEqual(os.listdir(self.out), [])
        return res.stderr

    def copy(self, path, name, edit=lambda text: text):
        """A copy of the report at path, named name, its text changed by edit."""
        with open(path, newline="") as f:
            text = f.read()
        dest = os.path.join(self.tmp.name, name)
        with open(dest, "w", newline="") as f:
            f.write(edit(text))
        return dest

    def test_a_duplicate_accuracy_row_is_refused_with_both_lines(self):
        # Counted twice, it would double the kernel's NaN/inf count and more.
        with open(self.acc, newline="") as f:
            second = f.read().splitlines(keepends=True)[1]
        with open(self.acc, "a", newline="") as f:
            f.write(second)
        self.refused(f"{self.acc}:20: the same machine, kernel and quantity as line 2 "
                           f"(m, sigmoid/exp-div/scalar/f32, value)")

    def test_a_duplicate_bench_row_is_refused_with_both_lines(self):
        with open(self.bench, newline="") as f:
            lines = f.read().splitlines(keepends=True)
        with open(self.bench, "a", newline="") as f:
            f.write(lines[3].replace(",6.0,", ",7.5,"))  # another speed for the same key
        self.refused(f"{self.bench}:14: the same machine, kernel, direction, dist, size and "
                     f"threads as line 4 (m, sigmoid/fast-div/avx512/f32, forward, uniform, 2048, 1)")

    def test_two_bench_files_of_one_machine_are_refused(self):
        other = self.copy(self.bench, "bench2.csv", lambda t: t.replace(",6.0,", ",60.0,"))
        self.refused(f"bench files {self.bench} and {other} both hold machine 'm'",
                     "distinct --machine",
                     args=["--bench", self.bench, "--bench", other, "--accuracy", self.acc])

    def test_two_accuracy_files_of_one_machine_are_refused(self):
        other = self.copy(self.acc, "accuracy2.csv")
        self.refused(f"accuracy files {self.acc} and {other} both hold machine 'm'",
                     args=["--bench", self.bench, "--accuracy", self.acc, "--accuracy", other])

    def test_files_of_distinct_machines_are_merged(self):
        bench2 = self.copy(self.bench, "bench2.csv", lambda t: t.replace("\nm,", "\nm2,"))
        acc2 = self.copy(self.acc, "accuracy2.csv", lambda t: t.replace("\nm,", "\nm2,"))
        res = run("--bench", self.bench, "--bench", bench2, "--accuracy", self.acc,
                  "--accuracy", acc2, "--out-dir", self.out)
        self.assertEqual(res.returncode, 0, res.stderr)
        with open(os.path.join(self.out, "summary.md")) as f:
            md = f.read()
        self.assertIn("## Machine `m`", md)
        self.assertIn("## Machine `m2`", md)

    def test_a_machine_with_no_accuracy_rows_is_refused(self):
        # scripts/run --no-accuracy --machine labbox, reusing another machine's accuracy.csv:
        # every tier would say "none meets it".
        lab = self.copy(self.bench, "bench-lab.csv", lambda t: t.replace("\nm,", "\nlabbox,"))
        self.refused(f"machine 'labbox' of bench file {lab} has no accuracy rows",
                     f"bench: {lab}: 'labbox'", f"accuracy: {self.acc}: 'm'",
                     args=["--bench", lab, "--accuracy", self.acc])
        acc2 = self.copy(self.acc, "accuracy2.csv", lambda t: t.replace("\nm,", "\nm2,"))
        self.refused(f"machine 'm2' of accuracy file {acc2} has no bench rows",
                     args=["--bench", self.bench, "--accuracy", self.acc, "--accuracy", acc2])

    def test_a_kernel_missing_from_accuracy_is_shown_without_figures(self):
        with open(self.acc, newline="") as f:
            lines = f.read().splitlines(keepends=True)
        with open(self.acc, "w", newline="") as f:
            f.writelines(line for line in lines if "fast-div" not in line)
        res = run("--bench", self.bench, "--accuracy", self.acc, "--out-dir", self.out)
        self.assertEqual(res.returncode, 0, res.stderr)
        with open(os.path.join(self.out, "summary.md")) as f:
            md = f.read()
        self.assertIn("- `sigmoid/fast-div/avx512/f32`: no accuracy figures (missing)", md)
        row = next(line for line in md.splitlines() if line.startswith("| `sigmoid/fast-div"))
        self.assertTrue(row.endswith("| accuracy: missing |"), row)
        self.assertIn("| 4ulp | avx512 | `sigmoid/lib-b/avx512/f32` |", md)

    def test_impossible_figures_are_refused_with_file_line_and_column(self):
        # (file, line, column, value): line 3 is an ok grad_x row of accuracy.csv, line 2 an
        # ok forward row of bench.csv.
        for which, line, col, value in [
                ("acc", 3, "max_ulp", "-1"), ("acc", 3, "max_ulp_normal", "nan"),
                ("acc", 3, "max_abs", "NaN"), ("acc", 3, "mean_ulp", "-0.5"),
                ("acc", 3, "max_ulp", "four"), ("acc", 3, "max_ulp_normal", ""),
                ("acc", 2, "nan_mismatch", "1.5"), ("acc", 2, "inf_mismatch", "-1"),
                ("acc", 2, "subnormal_flushed", "many"), ("acc", 2, "range_ok", "2"),
                ("bench", 2, "median_elems_per_ns", "inf"), ("bench", 2, "median_elems_per_ns", "nan"),
                ("bench", 2, "median_elems_per_ns", "0"), ("bench", 2, "median_elems_per_ns", "-3"),
                ("bench", 2, "median_elems_per_ns", ""), ("bench", 2, "size", "2k"),
                ("bench", 2, "size", "0"), ("bench", 2, "size", "-2048"),
                ("bench", 2, "size", "20.48e2")]:
            with self.subTest(col=col, value=value):
                self.acc, self.bench = write_reports(self.tmp.name)
                path = self.acc if which == "acc" else self.bench
                edit_cell(path, line, col, value)
                self.refused(f"{path}:{line}: column {col}")

    def test_inf_is_an_error_figure(self):
        # A kernel returning inf for a finite exact result measures an infinite ULP error.
        edit_cell(self.acc, 2, "max_ulp", "inf")
        edit_cell(self.acc, 2, "max_ulp_normal", "inf")
        res = run("--bench", self.bench, "--accuracy", self.acc, "--out-dir", self.out)
        self.assertEqual(res.returncode, 0, res.stderr)

    def test_budget_limits_must_be_finite_and_positive_before_any_file_is_read(self):
        nope = os.path.join(self.tmp.name, "nope.csv")
        for spec in ("x:nan:ulp=4", "x:inf:ulp=4", "x:-1:ulp=4", "x:0:ulp=4", "x:1:ulp=nan",
                     "x:1:ulp=inf", "x:1:abs=-0.1", "x:1:abs=0", "x:1:ulp=NaN@f32"):
            with self.subTest(spec=spec):
                self.refused(f"bad --budget '{spec}'",
                             args=["--bench", nope, "--accuracy", nope, "--budget", spec])

    def test_a_bad_budget_is_named_in_one_line(self):
        self.refused("bad --budget 'x:1:ulp=1\\n2'",
                     args=["--bench", self.bench, "--accuracy", self.acc, "--budget", "x:1:ulp=1\n2"])

    def test_a_report_cut_short_is_refused_with_its_line(self):
        with open(self.acc, newline="") as f:
            text = f.read()
        ends = [i + 1 for i, c in enumerate(text) if c == "\n"]
        # Inside the second row (line 3), in its last field and just before its newline
        for keep, line in ((ends[1] + 10, 3), ((ends[1] + ends[2]) // 2, 3), (ends[2] - 2, 3)):
            with self.subTest(keep=keep):
                self.acc, self.bench = write_reports(self.tmp.name)
                cut(self.acc, keep)
                self.refused(f"accuracy file {self.acc}:{line}: ")

    def test_a_report_without_its_header_or_columns_is_refused(self):
        with open(self.acc, newline="") as f:
            lines = f.read().splitlines(keepends=True)
        with open(self.acc, "w", newline="") as f:
            f.writelines(lines[1:])
        self.refused(f"accuracy file {self.acc}:1: the header lacks columns kernel, quantity")
        self.acc, self.bench = write_reports(self.tmp.name)
        with open(self.bench, newline="") as f:
            text = f.read()
        with open(self.bench, "w", newline="") as f:
            f.write(text.replace(",size,", ",elements,", 1))
        self.refused(f"bench file {self.bench}:1: the header lacks column size")

    def test_a_row_with_too_many_fields_is_refused(self):
        with open(self.bench, "a", newline="") as f:
            f.write("m,sigmoid/exp-div/scalar/f32,naive,scalar,f32,forward,uniform,4096,1,ok,x\n")
        self.refused(f"bench file {self.bench}:14: 11 fields where the header has 10")

    def test_an_impossible_out_dir_is_refused_before_reading(self):
        nope = os.path.join(self.tmp.name, "nope.csv")
        for out, needle in ((os.path.join(self.acc, "sub"), f"{self.acc} is not a folder"),
                            (self.acc, f"{self.acc} is not a folder"),
                            ("/proc/actbench-summary", "cannot create the output folder "
                                                       "/proc/actbench-summary in /proc"),
                            ("/proc", "cannot write in the output folder /proc")):
            with self.subTest(out=out):
                # The folder is checked first: the missing input is not what is reported.
                res = run("--bench", nope, "--accuracy", self.acc, "--out-dir", out)
                one_line_refusal(self, res, needle)
        self.assertEqual(sorted(os.listdir(self.tmp.name)), ["accuracy.csv", "bench.csv", "out"])


class AtomicWrite(unittest.TestCase):
    """The report writer of every script (actbench_common.atomic_write): a regular file is
    replaced atomically and readable by all; a link stays a link, a FIFO gets the data, a
    directory is refused, and nothing is left behind."""

    def setUp(self):
        sys.path.insert(0, os.path.dirname(SUMMARIZE))
        import actbench_common
        self.common = actbench_common
        self.tmp = tempfile.TemporaryDirectory()
        self.d = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def test_a_regular_file_is_replaced_and_readable_by_all(self):
        p = os.path.join(self.d, "summary.md")
        self.common.atomic_write(p, "one")
        self.common.atomic_write(p, "two")
        with open(p) as f:
            self.assertEqual(f.read(), "two")
        self.assertEqual(os.stat(p).st_mode & 0o777, 0o644)
        self.assertEqual(os.listdir(self.d), ["summary.md"])

    def test_a_link_stays_a_link(self):
        target = os.path.join(self.d, "target.csv")
        with open(target, "w") as f:
            f.write("old")
        os.symlink("target.csv", os.path.join(self.d, "link.csv"))
        self.common.atomic_write(os.path.join(self.d, "link.csv"), "new")
        self.assertTrue(os.path.islink(os.path.join(self.d, "link.csv")))
        with open(target) as f:
            self.assertEqual(f.read(), "new")

    def test_a_fifo_is_written_through(self):
        import stat
        import threading
        fifo = os.path.join(self.d, "fifo")
        os.mkfifo(fifo)
        got = []
        reader = threading.Thread(target=lambda: got.append(open(fifo).read()), daemon=True)
        reader.start()
        self.common.atomic_write(fifo, "through")
        reader.join(timeout=30)
        self.assertEqual(got, ["through"])
        self.assertTrue(stat.S_ISFIFO(os.lstat(fifo).st_mode))

    def test_a_directory_is_refused(self):
        with self.assertRaises(self.common.Error) as e:
            self.common.atomic_write(self.d, "x")
        self.assertIn("directory", str(e.exception))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--summarize", required=True)
    args, rest = ap.parse_known_args()
    SUMMARIZE = os.path.abspath(args.summarize)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
