#!/usr/bin/python3
"""The report and generator scripts, and the shell commands, answer -h and --help with their usage on stdout and exit
status 0, without doing any work. Standard library only.

    script_help_test.py --scripts scripts
"""
import argparse
import os
import subprocess
import sys
import unittest

SCRIPTS = None


class Help(unittest.TestCase):
    def test_every_script_prints_its_usage(self):
        for script, needle in (("gen-coeffs", "scripts/gen-coeffs --check"),
                               ("summarize", "--budget"), ("collect-bench", "--vocabulary"),
                               ("plot", "--stage"), ("report-page", "--eval"),
                               ("gen-ranking", "summary.csv"), ("gen-ftz", "actbench-quirks")):
            for flag in ("-h", "--help"):
                with self.subTest(script=script, flag=flag):
                    res = subprocess.run([sys.executable, os.path.join(SCRIPTS, script), flag],
                                         capture_output=True, text=True, timeout=60)
                    self.assertEqual(res.returncode, 0, res.stderr)
                    self.assertIn(needle, res.stdout)
                    self.assertEqual(res.stderr, "")

    def test_the_shell_commands_print_their_usage_without_working(self):
        # scripts/test --help used to run the whole build; none may start any work.
        for script, needle in (("test", "ctest"), ("run", "--full"), ("setup", "--no-peers")):
            for flag in ("-h", "--help"):
                with self.subTest(script=script, flag=flag):
                    res = subprocess.run(["bash", os.path.join(SCRIPTS, script), flag],
                                         capture_output=True, text=True, timeout=60)
                    self.assertEqual(res.returncode, 0, res.stderr)
                    self.assertIn(needle, res.stdout)
                    self.assertNotIn("setup:", res.stdout)  # scripts/setup did not run
                    self.assertEqual(res.stderr, "")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--scripts", required=True, help="the folder of the scripts")
    args, rest = ap.parse_known_args()
    SCRIPTS = os.path.abspath(args.scripts)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
