"""What scripts/collect-bench, scripts/summarize and scripts/plot share: the vocabulary (the
activations, dtypes, ISAs and families the binaries know, from `actbench-kernels --json`),
kernel ids, the report schemas and their reading, float parsing and atomic writes. Standard
library only.

A report row naming something the vocabulary does not know is an Error: the scripts would
otherwise have nowhere to put it and drop it without a word. So is a report cut short, a row
given twice or a figure that cannot be a measurement (Schema): one line naming the file, the
line and the column, rather than a traceback or a summary built on it.
"""
import csv
import functools
import json
import math
import os
import re
import stat
import tempfile
from collections import Counter, namedtuple
from operator import itemgetter


class Error(Exception):
    """A problem with an input or an output, reported by the script as one line."""


def fnum(s, default=math.nan):
    """float(s), or default for an empty cell or text that is not a number."""
    try:
        return float(s)
    except (TypeError, ValueError):
        return default


KernelId = namedtuple("KernelId", "activation algorithm isa dtype")


@functools.lru_cache(maxsize=None)  # a report repeats each id on many rows
def parse_kernel_id(kid):
    """'activation/algorithm/isa/dtype' -> KernelId; None for a copy baseline ('baseline/...'),
    which the benchmark reports next to the kernels but which is not one."""
    if kid.startswith("baseline/"):
        return None
    parts = kid.split("/")
    if len(parts) != 4 or not all(parts):
        raise Error(f"kernel id '{show(kid)}' is not of the form activation/algorithm/isa/dtype")
    return KernelId(*parts)


class Vocabulary:
    """The names the binaries know. Lists keep the file's order, which means something: the
    dtypes are listed primary first (the one plots show), and the ISAs from the least to the
    most capable (a recommendation for an ISA may pick a kernel of any ISA before it)."""

    def __init__(self, doc, path):
        self.path = path
        if not isinstance(doc, dict):
            raise Error(f"vocabulary {path} is not a JSON object")
        self.activations = self._named(doc, "activations", ("max_grad",))
        self.dtypes = self._named(doc, "dtypes", ("bytes",))
        self.isas = self._strings(doc, "isas")
        self.families = self._strings(doc, "families")
        # The registry's entries (id, description, claims...), where the file lists them.
        kernels = doc.get("kernels")
        self.kernels = {k["id"]: k for k in kernels if isinstance(k, dict)
                        and isinstance(k.get("id"), str)} if isinstance(kernels, list) else {}

    def _named(self, doc, key, numbers):
        items = doc.get(key)
        if not isinstance(items, list) or not items or not all(
                isinstance(i, dict) and isinstance(i.get("name"), str)
                and all(isinstance(i.get(n), (int, float)) for n in numbers) for i in items):
            raise Error(f"vocabulary {self.path}: '{key}' is not a non-empty list of objects with "
                        f"'name' and {', '.join(repr(n) for n in numbers)}")
        return {i["name"]: i for i in items}

    def _strings(self, doc, key):
        items = doc.get(key)
        if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
            raise Error(f"vocabulary {self.path}: '{key}' is not a non-empty list of names")
        return items

    def present_dtypes(self, names):
        """The dtypes among names, in vocabulary order."""
        return [d for d in self.dtypes if d in names]

    def check_kernel(self, kid, where, **columns):
        """The KernelId of kid (None for a baseline), after checking that its activation, ISA
        and dtype, and any non-empty column given (activation, family, isa, dtype), are known.
        where names the file the row comes from."""
        try:
            k = parse_kernel_id(kid)
        except Error as e:
            raise Error(f"{where}: {e}") from None
        if k is None:
            return None
        known = {"activation": self.activations, "family": self.families, "isa": self.isas,
                 "dtype": self.dtypes}
        for what, value in [("activation", k.activation), ("isa", k.isa), ("dtype", k.dtype),
                            *columns.items()]:
            if value and value not in known[what]:
                raise Error(f"{where}: kernel '{show(kid)}': {what} '{show(value)}' is not in the "
                            f"vocabulary {self.path} (known: {', '.join(known[what])})")
        return k

    def check_rows(self, rows, where):
        """check_kernel on every distinct kernel of a report's rows."""
        cols = ("activation", "family", "isa", "dtype")
        for kid, *values in {(r.get("kernel") or "", *(r.get(c) for c in cols)) for r in rows}:
            self.check_kernel(kid, where, **dict(zip(cols, values)))


def load_vocabulary(path):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise Error(f"cannot read the vocabulary {path}: {e.strerror}")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise Error(f"vocabulary {path} is not valid JSON (line {e.lineno}, column {e.colno}: "
                    f"{e.msg}); write it with `actbench-kernels --json`")
    return Vocabulary(doc, path)


class Table(list):
    """The rows of a CSV report, each a dict by column name, and in lines[i] the line of the
    file that row i starts on."""
    lines = ()


def read_table(path, what, columns=(), optional=False):
    """The rows of a CSV report (a Table), checked for shape: a header holding columns, each
    named once, and every row as many fields as the header, ending with a newline (a file cut
    short is an Error naming its line, not a row of missing figures). A missing file gives None
    if optional; otherwise, like a file that cannot be read or is empty, an Error."""
    def parse(follow_lines):
        """The records and the line each starts on, streamed from the file."""
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f, strict=True)
            try:
                if not follow_lines:  # the fast way, right when every record is one line
                    recs = list(reader)
                    return recs, range(1, len(recs) + 1), reader.line_num
                recs, lines, start = [], [], 1
                for rec in reader:
                    recs.append(rec)
                    lines.append(start)
                    start = reader.line_num + 1
                return recs, lines, reader.line_num
            except csv.Error as e:
                raise Error(f"{what} file {path}:{reader.line_num}: {e} (file cut short?)") \
                    from None

    try:
        recs, lines, nlines = parse(False)
        if nlines != len(recs):  # a quoted cell spans lines: count them
            recs, lines, nlines = parse(True)
        with open(path, "rb") as f:
            f.seek(max(f.seek(0, os.SEEK_END) - 1, 0))
            last = f.read(1)
    except FileNotFoundError as e:
        if optional:
            return None
        raise Error(f"cannot read {what} file {path}: {e.strerror}") from None
    except UnicodeDecodeError:
        with open(path, "rb") as f:
            raw = f.read()
        try:
            raw.decode("utf-8")
            at = 0
        except UnicodeDecodeError as e:
            at = e.start
        line = raw.count(b"\n", 0, at) + 1
        raise Error(f"{what} file {path}:{line}: not UTF-8 text (byte {at})") from None
    except OSError as e:
        raise Error(f"cannot read {what} file {path}: {e.strerror}") from None
    if not any(recs):
        raise Error(f"{what} file {path} is empty")
    if last not in (b"\n", b"\r"):
        raise Error(f"{what} file {path}:{nlines}: the last line does not end with a newline "
                    f"(file cut short?)")
    if not all(recs):  # blank lines: not rows
        lines = [n for n, rec in zip(lines, recs) if rec]
        recs = [rec for rec in recs if rec]
    header, data = recs[0], recs[1:]
    missing = [c for c in columns if c not in header]
    if missing:
        raise Error(f"{what} file {path}:{lines[0]}: the header lacks column"
                    f"{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                    f"(is the header line missing?)")
    twice = [c for c, n in Counter(header).items() if n > 1]
    if twice:
        raise Error(f"{what} file {path}:{lines[0]}: column '{show(twice[0])}' appears twice "
                    f"in the header")
    n = len(header)
    if set(map(len, data)) - {n}:
        i = next(i for i, rec in enumerate(data) if len(rec) != n)
        raise Error(f"{what} file {path}:{lines[i + 1]}: {len(data[i])} fields where the header "
                    f"has {n} (a row cut short or a stray comma?)")
    rows = Table(data)
    del data, recs
    for i, rec in enumerate(rows):  # in place: each list goes as its dict comes
        rows[i] = dict(zip(header, rec))
    rows.lines = lines[1:]
    return rows


# What a report cell may hold, by kind: a test of one cell, what it wants (for the message),
# and a test of a whole column's non-empty cells at once that agrees with it (None: cell by
# cell), for eval-wide.csv's millions of cells. An empty cell is "no figure", allowed unless the
# column is required for the row.
_FLOAT = re.compile(r"[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?|nan)",
                    re.IGNORECASE)
_INT = re.compile(r"[0-9]+")


def _float(s):
    return float(s) if _FLOAT.fullmatch(s) else None


def _floats(cells):
    """float() of every cell, or None where one is not of _FLOAT: float() also takes
    whitespace, '_' and non-ASCII digits, which no report writes."""
    text = "".join(cells)
    if not text.isascii() or "_" in text or any(c in text for c in " \t\n\r\x0b\x0c"):
        return None
    try:
        return list(map(float, cells))
    except ValueError:
        return None


def _all_floats(ok):
    """A column test: every cell a float (_floats) and ok(list of them)."""
    return lambda cells: (xs := _floats(cells)) is not None and ok(xs)


def _no_nan(xs):
    return not any(map(math.isnan, xs))


def _all_finite(xs):
    return all(map(math.isfinite, xs))


KINDS = {
    # max/mean ULP, absolute and relative errors: inf is a real figure (inf where finite)
    "error": (lambda s: (x := _float(s)) is not None and x >= 0,
              "an error figure: a number >= 0, or inf",
              _all_floats(lambda xs: _no_nan(xs) and min(xs, default=0) >= 0)),
    "count": (lambda s: _INT.fullmatch(s) is not None, "a count: an integer >= 0",
              lambda cells: (t := "".join(cells)).isascii() and (t.isdigit() or not t)),
    "flag": (lambda s: s in ("0", "1"), "0 or 1", None),
    "fraction": (lambda s: (x := _float(s)) is not None and 0 <= x <= 1, "a fraction in [0, 1]",
                 None),
    "size": (lambda s: _INT.fullmatch(s) is not None and int(s) > 0,
             "a size: an integer > 0, in elements", None),
    "positive": (lambda s: (x := _float(s)) is not None and 0 < x < math.inf,
                 "a measurement: a finite number > 0", None),
    "nonnegative": (lambda s: (x := _float(s)) is not None and 0 <= x < math.inf,
                    "a finite number >= 0", None),
    "finite": (lambda s: (x := _float(s)) is not None and math.isfinite(x), "a finite number",
               _all_floats(_all_finite)),
    "number": (lambda s: _float(s) is not None, "a number (nan and inf allowed)",
               _all_floats(lambda xs: True)),
    "text": (lambda s: s != "", "not empty", None),
    # per-repetition times: finite numbers > 0 separated by ';'
    "samples": (lambda s: all((x := _float(v)) is not None and 0 < x < math.inf
                              for v in s.split(";")),
                "measurements: finite numbers > 0 separated by ';'", None),
}


class Schema:
    """A report's columns: which the header must have, what kind each cell is (KINDS), which
    cells a row must fill (always, or when its status is ok), and the key that names a row
    once (a second row with the same key would count twice)."""

    def __init__(self, what, columns, kinds, always=(), when_ok=(), key=(), key_name="",
                 baselines=True):
        self.what, self.columns, self.kinds = what, columns, kinds
        self.always, self.when_ok, self.key, self.key_name = always, when_ok, key, key_name
        self.baselines = baselines  # whether copy baselines (baseline/...) may have rows

    def read(self, path, vocab, optional=False):
        """The rows of the report at path, each cell checked; Error on the first bad one (the
        first in the file; on its line, the first in the schema's order)."""
        rows = read_table(path, self.what, self.columns, optional)
        if rows is None:
            return None
        problems = [p for col in self.kinds if rows and col in rows[0]
                    if (p := self._first_bad(rows, col))]
        seen = {}
        for i, r in enumerate(rows):
            if not self.baselines and r["kernel"].startswith("baseline/"):
                problems.append((i, f"'{show(r['kernel'])}' is a copy baseline, not a kernel: it "
                                    f"has no {self.what} figures"))
                break
            if self.key and not problems:  # a bad size is no key
                key = tuple(int(r[c]) if c == "size" else
                            (r.get(c) or "1") if c == "threads" else r.get(c, "") for c in self.key)
                if key in seen:
                    shown = ", ".join(show(str(k)) for k in key)
                    problems.append((i, f"the same {self.key_name} as line {seen[key]} "
                                        f"({shown}): a report holds each once"))
                    break
                seen[key] = rows.lines[i]
        if problems:
            i, msg = min(problems, key=lambda p: p[0])
            raise Error(f"{self.what} file {path}:{rows.lines[i]}: {msg}")
        vocab.check_rows(rows, path)
        return rows

    def _first_bad(self, rows, col):
        """(index, message) of the first row whose cell of column col is wrong, or None."""
        test, want, column_test = KINDS[self.kinds[col]]
        values = list(map(itemgetter(col), rows))
        required, when_ok = col in self.always, col in self.when_ok
        if (column_test and column_test([v for v in values if v])
                and not ((required or when_ok) and "" in values)):
            return None  # every cell valid or allowed empty, checked at once
        for i, v in enumerate(values):
            if v == "":
                if required or (when_ok and rows[i].get("status") == "ok"):
                    return i, f"column {col} is empty" + ("" if required else
                                                          " on a row whose status is ok")
            elif not test(v):
                return i, f"column {col}: '{show(v)}' is not {want}"
        return None


def show(v, width=80):
    """Text from a report, for a one-line message: escaped if not printable, cut if long."""
    v = v.encode("unicode_escape").decode("ascii") if not v.isprintable() else v
    return v if len(v) <= width else v[:width] + "..."


# accuracy.csv (accuracy/report.h): the error figures, counts, property checks.
ACCURACY = Schema(
    "accuracy", ["kernel", "quantity", "status", "max_ulp", "max_ulp_normal", "max_abs"],
    {"kernel": "text", "quantity": "text", "status": "text",
     **{c: "error" for c in ("max_ulp", "max_ulp_normal", "max_abs", "mean_ulp", "max_rel",
                             "claim_ulp", "symmetry_max_ulp", "near_root_max_ulp",
                             "near_root_max_abs")},
     **{c: "count" for c in ("points", "nan_mismatch", "inf_mismatch", "subnormal_flushed",
                             "double_rounding")},
     **{c: "flag" for c in ("claim_ok", "range_ok", "monotonic_ok", "specials_ok",
                            "nan_propagation_ok")},
     "correctly_rounded": "fraction"},
    always=("kernel", "quantity", "status"), when_ok=("max_ulp", "max_ulp_normal", "max_abs"),
    key=("machine", "kernel", "quantity"), key_name="machine, kernel and quantity",
    baselines=False)

# bench.csv (scripts/collect-bench): sizes, times and speeds.
BENCH = Schema(
    "bench", ["kernel", "direction", "dist", "size", "median_elems_per_ns", "status"],
    {"kernel": "text", "direction": "text", "dist": "text", "status": "text", "size": "size",
     **{c: "positive" for c in ("median_elems_per_ns", "median_ns_per_elem", "min_ns_per_elem",
                                "max_ns_per_elem", "median_real_ns_per_elem",
                                "median_gbytes_per_s")},
     **{c: "count" for c in ("bytes_per_elem", "windows", "repetitions", "threads")},
     "cv": "nonnegative", "samples_ns_per_elem": "samples"},
    always=("kernel", "direction", "dist", "size", "status"), when_ok=("median_elems_per_ns",),
    key=("machine", "kernel", "direction", "dist", "size", "threads"),
    key_name="machine, kernel, direction, dist, size and threads")

# eval-*.csv (actbench-eval): a kernel's outputs and errors at each x.
EVAL = Schema(
    "eval", ["kernel", "x", "y", "grad_x", "exact_y", "exact_grad", "ulp_y", "ulp_grad_x"],
    {"kernel": "text", "x": "finite",
     **{c: "number" for c in ("y", "grad_x", "grad_y", "exact_y", "exact_grad", "ulp_y",
                              "ulp_grad_x", "ulp_grad_y")}},
    always=("kernel", "x"), baselines=False)


def _existing(path):
    """The longest leading part of absolute path that exists (a link counts, broken or not)."""
    while not os.path.lexists(path) and os.path.dirname(path) != path:
        path = os.path.dirname(path)
    return path


def check_out_dir(path):
    """Refuses, before any work, an output folder that cannot be made or written in (a path
    under a regular file, a read-only or virtual file system): an Error rather than a failure
    after the inputs were read. Leaves nothing behind."""
    full = os.path.abspath(path)
    p = _existing(full)
    if not os.path.isdir(p):
        raise Error(f"cannot use {path} as the output folder: {p} is not a folder")
    try:
        if p == full:
            fd, probe = tempfile.mkstemp(dir=p, prefix=".probe.", suffix=".tmp")
            os.close(fd)
            os.unlink(probe)
        else:
            os.rmdir(tempfile.mkdtemp(dir=p, prefix=".probe."))
    except OSError as e:
        raise Error(f"cannot write in the output folder {path}: {e.strerror}" if p == full else
                    f"cannot create the output folder {path} in {p}: {e.strerror}") from None


def make_out_dir(path):
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as e:
        raise Error(f"cannot make the output folder {path}: {e.strerror}") from None


def atomic_write(path, data):
    """Writes data (str, stored as UTF-8 without newline translation, or bytes) so that a
    reader of path sees the old file or the new one, never part of one: a temporary file in the
    same folder (created if missing), flushed to disk, then renamed over path. A symbolic link
    is followed (it stays a link; the file it names is replaced); a device, FIFO or socket
    (/dev/null, /dev/stdout) is written through, never replaced; a directory is an error."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        st = os.stat(path)  # follows links, /proc's magic ones (/dev/stdout) included
    except (FileNotFoundError, NotADirectoryError):
        st = None
    except OSError as e:
        raise Error(f"cannot write {path}: {e.strerror}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise Error(f"cannot write {path}: it is a directory")
    if st is not None and not stat.S_ISREG(st.st_mode):
        try:
            with open(path, "wb") as f:
                f.write(raw)
        except OSError as e:
            raise Error(f"cannot write {path}: {e.strerror}") from None
        return
    path = os.path.realpath(path)  # a link stays a link: the file it names is replaced
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(path) + ".",
                                   suffix=".tmp")
    except OSError as e:
        if not os.path.isdir(p := _existing(folder)):
            raise Error(f"cannot write {path}: {p} is not a folder") from None
        raise Error(f"cannot write {path}: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp creates it private; a report is for everyone to read
        os.replace(tmp, path)
    except BaseException as e:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise Error(f"cannot write {path}: {e.strerror}") from None
        raise


def load_summarize():
    """scripts/summarize as a module: the recommendation rule (tiers, bounds, ties) that the
    figures and the report page show lives there once."""
    import importlib.machinery
    import importlib.util
    import sys
    if "actbench_summarize" in sys.modules:
        return sys.modules["actbench_summarize"]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "summarize")
    loader = importlib.machinery.SourceFileLoader("actbench_summarize", path)
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    sys.modules["actbench_summarize"] = module
    return module
