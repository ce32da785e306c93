"""What scripts/collect-bench, scripts/summarize and scripts/plot share: the vocabulary (the
activations, dtypes, ISAs and families the binaries know, from `actbench-kernels --json`),
kernel ids, CSV reading, float parsing and atomic writes. Standard library only.

A report row naming something the vocabulary does not know is an Error: the scripts would
otherwise have nowhere to put it and drop it without a word.
"""
import csv
import functools
import io
import json
import math
import os
import re
import stat
import tempfile
from collections import namedtuple


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


class Row(dict):
    """A CSV row: its cells by column name, and the line of the file it starts on."""
    __slots__ = ("line",)


def read_table(path, what, columns=(), optional=False):
    """The rows of a CSV report (Row objects), checked for shape: a header holding columns, each
    named once, and every row as many fields as the header, ending with a newline (a file cut
    short is an Error naming its line, not a row of missing figures). A missing file gives None
    if optional; otherwise, like a file that cannot be read or is empty, an Error."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError as e:
        if optional:
            return None
        raise Error(f"cannot read {what} file {path}: {e.strerror}") from None
    except OSError as e:
        raise Error(f"cannot read {what} file {path}: {e.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise Error(f"{what} file {path}:{line}: not UTF-8 text (byte {e.start})") from None
    if not text.strip():
        raise Error(f"{what} file {path} is empty")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header, rows, start = None, [], 1
    try:
        for rec in reader:
            line, start = start, reader.line_num + 1
            if not rec:
                continue  # a blank line
            if header is None:
                header = rec
                twice = sorted({c for c in rec if rec.count(c) > 1})
                missing = [c for c in columns if c not in rec]
                if missing:
                    raise Error(f"{what} file {path}:{line}: the header lacks column"
                                f"{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                                f"(is the header line missing?)")
                if twice:
                    raise Error(f"{what} file {path}:{line}: column '{show(twice[0])}' appears "
                                f"twice in the header")
                continue
            if len(rec) != len(header):
                raise Error(f"{what} file {path}:{line}: {len(rec)} fields where the header has "
                            f"{len(header)} (a row cut short or a stray comma?)")
            row = Row(zip(header, rec))
            row.line = line
            rows.append(row)
    except csv.Error as e:
        raise Error(f"{what} file {path}:{reader.line_num}: {e} (file cut short?)") from None
    if not text.endswith(("\n", "\r")):
        raise Error(f"{what} file {path}:{reader.line_num}: the last line does not end with a "
                    f"newline (file cut short?)")
    return rows


# What a report cell may hold, by kind: a test, and what it wants (for the message). An empty
# cell is "no figure", allowed unless the column is required for the row.
_FLOAT = re.compile(r"[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?|nan)",
                    re.IGNORECASE)
_INT = re.compile(r"[0-9]+")


def _float(s):
    return float(s) if _FLOAT.fullmatch(s) else None


KINDS = {
    # max/mean ULP, absolute and relative errors: inf is a real figure (inf where finite)
    "error": (lambda s: (x := _float(s)) is not None and x >= 0,
              "an error figure: a number >= 0, or inf"),
    "count": (lambda s: _INT.fullmatch(s) is not None, "a count: an integer >= 0"),
    "flag": (lambda s: s in ("0", "1"), "0 or 1"),
    "fraction": (lambda s: (x := _float(s)) is not None and 0 <= x <= 1, "a fraction in [0, 1]"),
    "size": (lambda s: _INT.fullmatch(s) is not None and int(s) > 0,
             "a size: an integer > 0, in elements"),
    "positive": (lambda s: (x := _float(s)) is not None and 0 < x < math.inf,
                 "a measurement: a finite number > 0"),
    "nonnegative": (lambda s: (x := _float(s)) is not None and 0 <= x < math.inf,
                    "a finite number >= 0"),
    "finite": (lambda s: (x := _float(s)) is not None and math.isfinite(x), "a finite number"),
    "number": (lambda s: _float(s) is not None, "a number (nan and inf allowed)"),
    "text": (lambda s: s != "", "not empty"),
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
        """The rows of the report at path, each cell checked; Error on the first bad one."""
        rows = read_table(path, self.what, self.columns, optional)
        if rows is None:
            return None
        seen = {}
        for r in rows:
            ok = r.get("status") == "ok"
            for col, kind in self.kinds.items():
                v = r.get(col)
                if v is None:
                    continue  # not a column of this file
                if v == "":
                    if col in self.always or (ok and col in self.when_ok):
                        raise Error(f"{self.what} file {path}:{r.line}: column {col} is empty"
                                    + (" on a row whose status is ok" if col not in self.always
                                       else ""))
                    continue
                test, want = KINDS[kind]
                if not test(v):
                    raise Error(f"{self.what} file {path}:{r.line}: column {col}: '{show(v)}' is "
                                f"not {want}")
            if not self.baselines and r["kernel"].startswith("baseline/"):
                raise Error(f"{self.what} file {path}:{r.line}: '{show(r['kernel'])}' is a copy "
                            f"baseline, not a kernel: it has no {self.what} figures")
            if self.key:
                key = tuple(int(r[c]) if c == "size" else r.get(c, "") for c in self.key)
                if key in seen:
                    shown = ", ".join(show(str(k)) for k in key)
                    raise Error(f"{self.what} file {path}:{r.line}: the same {self.key_name} as "
                                f"line {seen[key]} ({shown}): a report holds each once")
                seen[key] = r.line
        vocab.check_rows(rows, path)
        return rows


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
     **{c: "count" for c in ("bytes_per_elem", "windows", "repetitions")},
     "cv": "nonnegative"},
    always=("kernel", "direction", "dist", "size", "status"), when_ok=("median_elems_per_ns",),
    key=("machine", "kernel", "direction", "dist", "size"),
    key_name="machine, kernel, direction, dist and size")

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


def read_csv(path, what, optional=False):
    """The rows of a CSV report as dicts. A missing file gives None if optional; otherwise, like
    a file that cannot be read or has no header line, an Error."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            if reader.fieldnames is None:
                raise Error(f"{what} file {path} is empty")
            return list(reader)
    except FileNotFoundError as e:
        if optional:
            return None
        raise Error(f"cannot read {what} file: {e}") from None
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise Error(f"cannot read {what} file: {e}") from None


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
