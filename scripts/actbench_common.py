"""What scripts/collect-bench, scripts/summarize and scripts/plot share: the vocabulary (the
activations, dtypes, ISAs and families the binaries know, from `actbench-kernels --json`),
kernel ids, CSV reading, float parsing and atomic writes. Standard library only.

A report row naming something the vocabulary does not know is an Error: the scripts would
otherwise have nowhere to put it and drop it without a word.
"""
import csv
import functools
import json
import math
import os
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
        raise Error(f"kernel id '{kid}' is not of the form activation/algorithm/isa/dtype")
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
                raise Error(f"{where}: kernel '{kid}': {what} '{value}' is not in the vocabulary "
                            f"{self.path} (known: {', '.join(known[what])})")
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
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(path) + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp creates it private; a report is for everyone to read
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
