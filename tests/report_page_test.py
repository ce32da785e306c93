#!/usr/bin/python3
"""The report page (scripts/report-page) in a real browser: headless Chromium, driven through
chromium-driver by python3-selenium, opens an index.html made from small hand-made reports of
two machines (the fixtures of summarize_test.py) and checks that

  - it renders with no console message of level error (a script error included);
  - the decision matrix has rows, and the kernel table lists every kernel of summary.csv
    (scripts/summarize on the same reports), each once;
  - a filter changes what is shown: choosing a family leaves only its kernels, fewer than all;
  - the machine selector switches to the other machine's kernels;
  - the Pareto chart has a point per kernel, and the pointer on one shows its id and worst input;

and saves a screenshot beside the page (index.png). The same checks are run once on broken
copies of the page (a console error, a missing table row, filters that do nothing), each of
which must be caught: a check that passes a broken page proves nothing.

Without Chromium, chromium-driver or python3-selenium (scripts/setup installs them) the test
is skipped with exit status 77 and a message saying what is missing.

    report_page_test.py --report-page scripts/report-page --summarize scripts/summarize --workdir DIR
"""
import argparse
import csv
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from summarize_test import (  # noqa: E402
    ACC_COLS, BENCH_COLS, KERNELS, VOCABULARY, acc_rows, bench_rows, write_csv)

SKIP = 77
CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
ARGS = None

SECOND = {  # the second machine's kernels: another CPU, where fewer kernels run
    "sigmoid/exp-div/scalar/f32": ("naive", "scalar", 2.5, 9e6, 0, 0.4),
    "sigmoid/fast-div/avx2/f32": ("approx-exp", "avx2", 3.5, 3.6, 0, 3.0),
    "sigmoid/lib-b/avx2/f32": ("peer", "avx2", 3.9, 3.9, 0, 2.5),
}


def browser_missing():
    """What is missing to run the browser, or None."""
    missing = [p for p in (CHROMIUM, DRIVER) if not os.access(p, os.X_OK)]
    if importlib.util.find_spec("selenium") is None:
        missing.append("the selenium module (python3-selenium)")
    return ", ".join(missing) or None


def write_machine(folder, machine, kernels):
    """bench.csv, accuracy.csv, bench.json (a context) and kernels.json of one machine."""
    os.makedirs(folder, exist_ok=True)
    rows = []
    for r in acc_rows(kernels):
        r["machine"] = machine
        r["max_ulp_normal_x"] = "-8.5" if r["quantity"] == "value" else "17.25"
        rows.append(r)
    write_csv(os.path.join(folder, "accuracy.csv"), ACC_COLS + ["max_ulp_normal_x"], rows)
    rows = []
    for r in bench_rows(kernels):
        r["machine"] = machine
        rows.append(r)
    write_csv(os.path.join(folder, "bench.csv"), BENCH_COLS, rows)
    with open(os.path.join(folder, "bench.json"), "w") as f:
        json.dump({"context": {"cpu_model": f"Test CPU of {machine}", "compiler": "GNU 12.2.0",
                               "revision": "abc1234", "mxcsr": "0x1f80",
                               "peer_sleef": "3.5.1"}, "benchmarks": []}, f)
    shutil.copy(VOCABULARY, os.path.join(folder, "kernels.json"))


def write_eval(path, kernels):
    """An actbench-eval grid for the kernels: an error that grows with |x|."""
    with open(path, "w") as f:
        f.write("kernel,x,y,grad_x,grad_y,exact_y,exact_grad,ulp_y,ulp_grad_x,ulp_grad_y\n")
        for i, kid in enumerate(kernels):
            for j in range(-100, 101):
                x = j / 10
                f.write(f"{kid},{x},0.5,0.25,0.25,0.5,0.25,{(i + 1) * 0.1 * abs(x)},{abs(x) * 0.3},0\n")


class Browser:
    def __init__(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        opts = webdriver.ChromeOptions()
        opts.binary_location = CHROMIUM
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--window-size=1400,1800", "--allow-file-access-from-files"):
            opts.add_argument(a)
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.d = webdriver.Chrome(service=Service(DRIVER), options=opts)

    def close(self):
        self.d.quit()

    def problems(self, page, ids_by_machine, screenshot=None):
        """What is wrong with the page at path page (a list of sentences; empty: nothing)."""
        d, out = self.d, []
        d.get("file://" + os.path.abspath(page))
        for _ in range(50):  # the script marks the body once it has drawn everything
            if d.execute_script("return document.body && document.body.dataset.ready === '1'"):
                break
            time.sleep(0.1)
        else:
            out.append("the page never finished drawing (body[data-ready] not set)")
        errors = [e["message"] for e in d.get_log("browser") if e["level"] == "SEVERE"]
        if errors:
            out.append(f"console errors: {errors}")
        js = d.execute_script
        machine = js("return document.getElementById('machine').value")
        shown = js("return [...document.querySelectorAll('#kernels tbody tr')].map(r => r.dataset.id)")
        want = ids_by_machine.get(machine, set())
        if sorted(shown) != sorted(want):
            out.append(f"table of machine {machine}: missing {sorted(want - set(shown))}, "
                       f"extra or repeated {sorted(set(x for x in shown if x not in want or shown.count(x) > 1))}")
        if js("return document.querySelectorAll('#decision tbody tr').length") == 0:
            out.append("the decision matrix has no rows")
        # A filter: one family only.
        before = len(shown)
        js("const s = document.getElementById('f-family'); s.value = 'peer';"
           "s.dispatchEvent(new Event('change'));")
        after = js("return [...document.querySelectorAll('#kernels tbody tr')].map(r => r.children[4].textContent)")
        if not after or len(after) >= before or set(after) != {"peer"}:
            out.append(f"the family filter did not narrow the table to the peers "
                       f"({before} rows before, {len(after)} after: {sorted(set(after))})")
        js("const s = document.getElementById('f-family'); s.value = '';"
           "s.dispatchEvent(new Event('change'));")
        # The Pareto chart and its pointer.
        points = js("return document.querySelectorAll('#pareto .pt').length")
        if points == 0:
            out.append("the Pareto chart has no points")
        else:
            tip = js("""const p = document.querySelector('#pareto .pt');
                        const b = p.getBoundingClientRect();
                        p.dispatchEvent(new MouseEvent('mousemove', {clientX: b.x + 2, clientY: b.y + 2, bubbles: true}));
                        const t = document.getElementById('tip');
                        return t.style.display === 'block' ? t.textContent : '';""")
            pid = js("return document.querySelector('#pareto .pt').dataset.id")
            if pid not in tip or "worst at x" not in tip:
                out.append(f"the pointer on a Pareto point shows {tip!r}, not its id {pid} and worst input")
            js("document.getElementById('tip').style.display = 'none'")
        # The other machine.
        others = [m for m in js("return [...document.getElementById('machine').options].map(o => o.value)")
                  if m != machine]
        for m in others:
            js(f"const s = document.getElementById('machine'); s.value = {json.dumps(m)};"
               "s.dispatchEvent(new Event('change'));")
            got = js("return [...document.querySelectorAll('#kernels tbody tr')].map(r => r.dataset.id)")
            if sorted(got) != sorted(ids_by_machine.get(m, set())):
                out.append(f"machine {m}: the table shows {sorted(got)}")
        if others:
            js(f"const s = document.getElementById('machine'); s.value = {json.dumps(machine)};"
               "s.dispatchEvent(new Event('change'));")
        errors = [e["message"] for e in d.get_log("browser") if e["level"] == "SEVERE"]
        if errors:
            out.append(f"console errors while using the page: {errors}")
        if screenshot:
            js("window.scrollTo(0, 0)")
            d.save_screenshot(screenshot)
        return out


class ReportPage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        work = os.path.abspath(ARGS.workdir)
        shutil.rmtree(work, ignore_errors=True)
        cls.work = work
        cls.report = os.path.join(work, "report")
        m1, m2 = os.path.join(work, "m1"), os.path.join(work, "m2")
        k1 = {**KERNELS, "sigmoid/torch/avx2/f32": ("peer", "avx2", 1.2, 2e7, 0, 0.5)}
        write_machine(m1, "m1", k1)
        write_machine(m2, "m2", SECOND)
        os.makedirs(cls.report)
        ev = os.path.join(work, "eval-wide.csv")
        write_eval(ev, k1)
        cls.page = os.path.join(cls.report, "index.html")
        res = subprocess.run([sys.executable, ARGS.report_page, "--eval", ev, "--out", cls.page,
                              m1, m2], capture_output=True, text=True)
        if res.returncode != 0:
            raise AssertionError(f"report-page failed: {res.stderr}")
        # summary.csv of the same reports: the kernels the table must list, per machine.
        res = subprocess.run([sys.executable, ARGS.summarize, "--vocabulary", VOCABULARY,
                              "--bench", os.path.join(m1, "bench.csv"),
                              "--bench", os.path.join(m2, "bench.csv"),
                              "--accuracy", os.path.join(m1, "accuracy.csv"),
                              "--accuracy", os.path.join(m2, "accuracy.csv"),
                              "--out-dir", cls.report], capture_output=True, text=True)
        if res.returncode != 0:
            raise AssertionError(f"summarize failed: {res.stderr}")
        cls.ids = {}
        with open(os.path.join(cls.report, "summary.csv"), newline="") as f:
            for r in csv.DictReader(f):
                if not r["kernel"].startswith("baseline/"):
                    cls.ids.setdefault(r["machine"], set()).add(r["kernel"])
        cls.browser = Browser()

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()

    def test_the_page_works(self):
        shot = os.path.join(self.report, "index.png")
        self.assertEqual(self.browser.problems(self.page, self.ids, screenshot=shot), [])
        self.assertGreater(os.path.getsize(shot), 10000)
        self.assertEqual(set(self.ids), {"m1", "m2"})
        with open(self.page, encoding="utf-8") as f:
            html = f.read()
        # Self-contained: nothing is fetched when it is viewed.
        for needle in ("http://", "https://", "src=", "@import"):
            self.assertNotIn(needle, html.replace("http://www.w3.org/2000/svg", ""))

    def broken(self, name, edit):
        with open(self.page, encoding="utf-8") as f:
            html = f.read()
        path = os.path.join(self.work, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(edit(html))
        return self.browser.problems(path, self.ids)

    def test_a_console_error_is_caught(self):
        got = self.broken("console-error.html", lambda h: h.replace(
            "</body>", "<script>console.error('broken on purpose')</script></body>"))
        self.assertTrue(any("broken on purpose" in p for p in got), got)

    def test_a_script_error_is_caught(self):
        got = self.broken("script-error.html", lambda h: h.replace(
            "renderMachine();\ndocument.body", "renderMachine();\nnoSuchFunction();\ndocument.body"))
        self.assertTrue(any("noSuchFunction" in p for p in got), got)

    def test_a_missing_row_is_caught(self):
        got = self.broken("missing-row.html", lambda h: h.replace(
            "return M.kernels.filter(", "return M.kernels.slice(1).filter("))
        self.assertTrue(any("missing" in p for p in got), got)

    def test_a_filter_that_does_nothing_is_caught(self):
        got = self.broken("dead-filter.html", lambda h: h.replace(
            "(!f(\"family\") || r.family === f(\"family\"))", "true"))
        self.assertTrue(any("family filter" in p for p in got), got)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--report-page", required=True)
    ap.add_argument("--summarize", required=True)
    ap.add_argument("--workdir", required=True, help="where the page and its screenshot are left")
    ARGS, rest = ap.parse_known_args()
    ARGS.report_page, ARGS.summarize = map(os.path.abspath, (ARGS.report_page, ARGS.summarize))
    missing = browser_missing()
    if missing:
        print(f"report_page_test: SKIPPED: no browser to test the page in: {missing} not "
              f"installed (scripts/setup installs chromium, chromium-driver and python3-selenium)")
        sys.exit(SKIP)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
