"""The rational tanh of kernels/include/actbench/simd/tanh/rational.h, for scripts/gen-coeffs (imported by it).

The kernels compute tanh x = 2 v Q / (Q^2 + v^2): t = v / Q = z P(s) / Q(s), s = z^2, is a
5/6 rational for tanh(z/2), and tanh z = 2t / (1 + t^2) (the doubling formula) with one
division for both. The doubling damps every error of t by (1 - t^2) / (1 + t^2) = sech z, so
the rational need only be accurate where |z| is moderate, and the roundings of P and Q fade
where tanh z nears 1 -- where the direct form z P(s) / Q(s) ~ tanh z loses 4-5 ULP to the
roundings of its two Horner chains (see tanh/rational.h). P(0) = lam/2 and Q(0) = lam with lam
a little below 1 put P, Q and D near the top of their binades for small |z|, which halves their
relative rounding errors there; the kernels return x itself for |x| < 2^-12 (tanh x rounds to
x), where the scaled constants would not give x exactly. With FMA the kernels form
D = (Q - v)^2 + 2N (N = v Q), which is >= 2N by construction; without FMA D = Q Q + v v.

The coefficients come in three steps, all deterministic:
  1. a weighted rational minimax fit in double (Lawson's iteratively reweighted least squares
     on the linearised error, in the scaled variable s / c^2) of the relative error of tanh z,
     which is to first order sech(z) times the relative error of t, on [0, FIT_MAX];
  2. rounding to float one coefficient at a time, highest degree first, refitting the others
     each time (so that the fit absorbs each rounding, as fpminimax does for polynomials);
  3. float-aware choices by the kernels' exact float evaluation (numpy float32, FMA emulated
     in double): lam, the value among LAMBDAS with the smallest max ULP error over a fixed
     sample of 19M inputs, and the clamp c, the smallest float from 9.02 (tanh rounds to 1
     from 9.0109 on) where the evaluation gives exactly 1, with and without FMA.
     (A +-2-ulp coordinate search on the rounded coefficients was tried and dropped: the
     worst errors sit at small |z|, where only lam and the roundings of v, N, D matter, so it
     never moved the maximum.)
Steps 1-3 take about a minute, and numpy's least squares need not round identically on every
machine, so their result is checked in (rational-coeffs.txt, next to this file) and
scripts/gen-coeffs only renders it, with the rational's approximation error computed by
Sollya. `scripts/gen-coeffs --refit-rational` reruns the fit and rewrites both files.
"""
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "rational-coeffs.txt")

K, M = 2, 3          # P has degree K in s (numerator degree 2K+1 in x), Q degree M (2M in x)
FIT_MAX = 9.5        # fitted on [0, FIT_MAX]; the clamp is chosen in [9.02, FIT_MAX]
TINY = 2.0**-12      # |x| below: tanh x rounds to x
LAMBDAS = [0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96]


# ---- the data file ----------------------------------------------------------------------------

def load():
    """{'lam', 'clamp', 'P', 'Q', 'notes'} from the checked-in data file (floats as hex)."""
    d = {"notes": []}
    with open(DATA) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                if line.startswith("# note:"):
                    d["notes"].append(line[len("# note:"):].strip())
                continue
            key, *vals = line.split()
            nums = [float.fromhex(v) for v in vals]
            d[key] = nums if key in ("P", "Q") else nums[0]
    return d


def save(lam, clamp, P, Q, notes):
    lines = ["# Coefficients of kernels/include/actbench/simd/tanh/rational.h (tanh and sigmoid through a 5/6 rational",
             "# for tanh(x/2) and the doubling formula), written by",
             "# `scripts/gen-coeffs --refit-rational` (scripts/gen_coeffs_rational.py);",
             "# scripts/gen-coeffs renders them into coeffs.h.",
             "# P and Q: lowest degree first, in s = x^2; lam = Q[0] = 2 P[0]; clamp: |x| limit."]
    lines += [f"# note: {n}" for n in notes]
    lines += [f"lam {float(lam).hex()}", f"clamp {float(clamp).hex()}",
              "P " + " ".join(float(c).hex() for c in P),
              "Q " + " ".join(float(c).hex() for c in Q)]
    tmp = DATA + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, DATA)


# ---- what gen-coeffs renders ------------------------------------------------------------------

def sollya_lines():
    """Sollya commands printing the relative error of the float rational on [2^-24, clamp]."""
    d = load()
    P = " + ".join(f"{c.hex()} * s^{j}" for j, c in enumerate(d["P"]))
    Q = " + ".join(f"{c.hex()} * s^{j}" for j, c in enumerate(d["Q"]))
    return [
        'print("BEGIN kTanhRational");',
        f"Ps = {P.replace('s^', '(x^2)^')};",
        f"Qs = {Q.replace('s^', '(x^2)^')};",
        "vs = x * Ps;",
        "r = 2 * vs * Qs / (Qs^2 + vs^2);",
        f"I = [2^-24; {d['clamp'].hex()}];",
        "display = decimal!;",
        'print("ERR", round(dirtyinfnorm(r / tanh(x) - 1, I), 24, RU));',
        "display = hexadecimal!;",
        'print("END kTanhRational");',
    ]


def render(block, up3):
    """coeffs.h lines; block is Sollya's output for sollya_lines(), up3 gen-coeffs' rounding."""
    d = load()
    _, err = block
    def flt(v):  # float.hex of a float32 value, trimmed to the float's 6 hex digits
        s = float(v).hex()
        mant, exp = s.split("p")
        if "." in mant:
            mant = mant.rstrip("0").rstrip(".")
        return f"{mant}p{int(exp)}f"
    out = [
        "",
        "// tanh through a 5/6 rational for tanh(x/2) and the doubling formula (tanh/rational.h):",
        "// v = x P(x^2), Q = Q(x^2), tanh x ~ 2 v Q / (Q^2 + v^2) for |x| <= kTanhRationalClamp.",
        f"// P(0) = lam/2, Q(0) = lam = {d['lam']:.7g}. Max relative error of that rational with",
        f"// these float coefficients on [2^-24, clamp]: {up3(err)} (before the kernel's roundings).",
        "// Fitted by `scripts/gen-coeffs --refit-rational` (scripts/gen_coeffs_rational.py, the",
        "// result checked in as scripts/rational-coeffs.txt).",
    ]
    out += [f"// {n}" for n in d["notes"]]
    out.append(f"inline constexpr float kTanhRationalClamp = {flt(d['clamp'])};")
    for name, cs in (("P", d["P"]), ("Q", d["Q"])):
        out.append(f"inline constexpr std::array<float, {len(cs)}> kTanhRational{name} = {{")
        out += [f"    {flt(c)}," for c in cs]
        out.append("};")
    return out


# ---- the fit (only with --refit-rational: needs numpy) ----------------------------------------

def _np():
    import numpy as np  # Debian's python3-numpy (scripts/setup)
    return np


def _grid(c, n=6000):
    np = _np()
    t = (np.arange(n) + 0.5) / n
    z = np.concatenate([c * (1 - np.cos(np.pi * t)) / 2, np.linspace(0, c, n)[1:]])
    z.sort()
    return z[z > 0]


def lawson(lam, c, fixed_a=None, fixed_b=None, iters=300):
    """Weighted rational minimax fit of tanh(z/2)/(z/2) ~ A(s)/B(s), A(0) = B(0) = 1, s = z^2,
    relative error weighted by sech(z) (its effect on tanh z after the doubling). Returns the
    kernel's coefficients P = lam/2 A, Q = lam B (double) and the weighted error."""
    np = _np()
    fixed_a, fixed_b = fixed_a or {}, fixed_b or {}
    z = _grid(c)
    s, S = z * z, c * c
    g = np.tanh(z / 2) / (z / 2)
    w_err = 1 / np.cosh(z)
    V = np.array([(s / S) ** j for j in range(max(K, M) + 1)]).T
    free_a = [j for j in range(1, K + 1) if j not in fixed_a]
    free_b = [j for j in range(1, M + 1) if j not in fixed_b]
    A0 = 1 + sum(fixed_a[j] * S**j * V[:, j] for j in fixed_a)
    B0 = 1 + sum(fixed_b[j] * S**j * V[:, j] for j in fixed_b)
    w = np.full(z.shape, 1 / len(z))
    B_prev = np.ones_like(z)
    best = None
    for _ in range(iters):
        sc = w_err / (g * B_prev) * np.sqrt(w)
        cols = [V[:, j] * sc for j in free_a] + [-(V[:, j] * g * sc) for j in free_b]
        rhs = -(A0 - g * B0) * sc
        sol = np.linalg.lstsq(np.array(cols).T, rhs, rcond=None)[0] if cols else np.zeros(0)
        A = A0 + (V[:, free_a] @ sol[:len(free_a)] if free_a else 0)
        B = B0 + (V[:, free_b] @ sol[len(free_a):] if free_b else 0)
        e = (A / (g * B) - 1) * w_err
        E = np.abs(e).max()
        if best is None or E < best[0]:
            best = (E, sol.copy())
        if not cols:
            break
        B_prev = B
        w = w * np.abs(e)
        w /= w.sum()
    E, sol = best
    a = [1.0] + [0.0] * K
    b = [1.0] + [0.0] * M
    for j, v in fixed_a.items():
        a[j] = v
    for j, v in fixed_b.items():
        b[j] = v
    for j, v in zip(free_a, sol[:len(free_a)]):
        a[j] = v / S**j
    for j, v in zip(free_b, sol[len(free_a):]):
        b[j] = v / S**j
    return [lam / 2 * v for v in a], [lam * v for v in b], E


def round_progressive(lam, c):
    """Float coefficients: each rounded in turn (Q's highest first, then P's), the rest refitted."""
    np = _np()
    f32 = lambda v: float(np.float32(v))
    fa, fb = {}, {}
    P, Q, _ = lawson(lam, c)
    for which, j in [("q", j) for j in range(M, 0, -1)] + [("p", j) for j in range(K, 0, -1)]:
        if which == "q":
            fb[j] = f32(Q[j]) / lam
        else:
            fa[j] = f32(P[j]) / (lam / 2)
        P, Q, _ = lawson(lam, c, fa, fb)
    return np.array(P, dtype=np.float32), np.array(Q, dtype=np.float32)


class Emulator:
    """The kernel's float evaluation (value of tanh, tanh/rational.h), FMA or mul + add."""

    def __init__(self, use_fma=True):
        self.use_fma = use_fma

    def fma(self, a, b, c):
        np = _np()
        if not self.use_fma:
            return (a * b) + c
        # a*b is exact in double; the sum rounds twice (double, then float), which differs
        # from one rounding only in exact ties at 29 bits below the float's last bit.
        exact = a.astype(np.float64) * b.astype(np.float64) + np.asarray(c, np.float64)
        return exact.astype(np.float32)

    def horner(self, cs, s):
        np = _np()
        p = np.full(s.shape, cs[-1], dtype=np.float32)
        for c in cs[-2::-1]:
            p = self.fma(p, s, np.float32(c))
        return p

    def n2_d(self, z, P, Q):
        """2N = 2 v Q and D = Q^2 + v^2, as the kernels round them, for z >= 0: with FMA
        D = (Q - v)^2 + 2N, without it Q Q + v v."""
        s = z * z
        Ph, Qh = self.horner(P, s), self.horner(Q, s)
        v = z * Ph
        N = v * Qh
        if self.use_fma:
            u = Qh - v
            return N + N, self.fma(u, u, N + N)
        return N + N, Qh * Qh + v * v

    def tanh(self, x, P, Q, clamp):
        np = _np()
        f32 = np.float32
        z = np.minimum(f32(clamp), np.abs(x))
        N2, D = self.n2_d(z, P, Q)
        t = (N2.astype(np.float64) / D.astype(np.float64)).astype(f32)  # correctly rounded
        t = np.copysign(np.minimum(t, f32(1)), x)  # the clamp only acts without FMA
        return np.where(np.abs(x) < f32(TINY), x, t)


def sample():
    """Every 7th float of [2^-12, FIT_MAX] (19M inputs): what lam is chosen on."""
    np = _np()
    lo, hi = np.float32(TINY).view(np.uint32), np.float32(FIT_MAX).view(np.uint32)
    return np.arange(lo, hi + 1, 7, dtype=np.uint32).view(np.float32)


def max_ulp(em, x, r, P, Q, clamp):
    np = _np()
    y = em.tanh(x, P, Q, clamp).astype(np.float64)
    ulp = 2.0 ** (np.maximum(np.floor(np.log2(np.abs(r))), -126) - 23)
    return float((np.abs(y - r) / ulp).max())


def saturates(P, Q, clamp):
    """Whether the kernels give exactly 1 at the clamp: with FMA D = (Q - v)^2 + 2N rounds to
    2N ((Q - v)^2 below half an ulp of it; D >= 2N everywhere by construction, so |tanh| <= 1
    needs no clamp); without FMA 2N >= D (the quotient, clamped to 1, is then 1)."""
    np = _np()
    z = np.array([clamp], dtype=np.float32)
    n2, d = Emulator(True).n2_d(z, P, Q)
    n2_0, d_0 = Emulator(False).n2_d(z, P, Q)
    return float(n2[0]) == float(d[0]) and float(n2_0[0]) >= float(d_0[0])


def choose_clamp(P, Q):
    """The smallest clamp from 9.02 on (step 2^-10) where the kernels saturate, or None."""
    np = _np()
    c = np.float32(9.02)
    while c <= FIT_MAX:
        if saturates(P, Q, c):
            return c
        c = np.float32(c + np.float32(2**-10))
    return None


def refit(log=print):
    np = _np()
    x = sample()
    r = np.tanh(x.astype(np.float64))
    em = Emulator(True)

    def objective(P, Q):
        c = choose_clamp(P, Q)
        return (math.inf, None) if c is None else (max_ulp(em, x, r, P, Q, c), c)

    cands = []
    for lam in LAMBDAS:
        lam = float(np.float32(lam))
        P, Q = round_progressive(lam, FIT_MAX)
        e, c = objective(P, Q)
        log(f"  lam {lam:.4f}: rounded fit max {e:.3f} ULP (sample), clamp {c!r}")
        cands.append((e, lam, P, Q))
    best, lam, P, Q = min(cands, key=lambda t: t[0])
    if not math.isfinite(best):
        sys.exit("gen-coeffs: no clamp in [9.02, FIT_MAX] saturates the rational to 1")
    c = choose_clamp(P, Q)
    e_nofma = max_ulp(Emulator(False), x, r, P, Q, c)
    notes = [f"Emulated max ULP over every 7th float of [2^-12, {FIT_MAX}]: {best:.3f} with FMA,",
             f"{e_nofma:.3f} with mul + add (the kernels' measured figures: their claims in the kernel lists)."]
    save(lam, float(c), [float(v) for v in P], [float(v) for v in Q], notes)
    log(f"gen-coeffs: wrote {os.path.relpath(DATA, os.path.dirname(HERE))}")


# ---- the 16-bit kernels' direct rationals (tanh/rational-*-rcp, -div for bf16 and f16) ---------
#
# With 8 or 11 significant bits to deliver, tanh x ~ x P(s) / Q(s), s = x^2, needs no doubling
# and no care for float's last bits: a K/M rational fitted for relative error on (0, c], c
# just past where tanh rounds to 1 in the format (bf16: 3.466, f16: 4.506), Q(0) = 1. The fit is
# Loeb's iteration (the linearised error divided by the previous denominator) with Lawson's
# weights, in double; the coefficients are then rounded to float once (their rounding adds
# about 1e-7, far below the 16-bit formats' needs). Checked in as rational16-coeffs.txt.

DATA16 = os.path.join(HERE, "rational16-coeffs.txt")
# name, K (degree of P in s), M (degree of Q), clamp, what it is for
RATIONALS16 = [
    ("kTanhRational16Bf16", 2, 2, 3.6, "bf16: tanh rounds to 1 from 3.466 on"),
    ("kTanhRational16F16", 3, 3, 4.6, "f16: tanh rounds to 1 from 4.506 on"),
]


def fit16(K, M, c, iters=80):
    """Float P (K + 1 coefficients) and Q (M + 1, Q[0] = 1) of x P(x^2)/Q(x^2) ~ tanh x on (0, c]."""
    np = _np()
    x = _grid(c)
    t, s = np.tanh(x), x * x
    A = np.hstack([x[:, None] * s[:, None] ** np.arange(K + 1),
                   -(t[:, None] * s[:, None] ** np.arange(1, M + 1))])
    w, q_prev, best = np.full(x.shape, 1 / len(x)), np.ones_like(x), None
    for _ in range(iters):
        sc = np.sqrt(w) / (t * q_prev)
        sol = np.linalg.lstsq(A * sc[:, None], t * sc, rcond=None)[0]
        p, q = sol[:K + 1], np.concatenate([[1.0], sol[K + 1:]])
        Q = np.polyval(q[::-1], s)
        e = (x * np.polyval(p[::-1], s) / Q - t) / t
        E = np.abs(e).max()
        if best is None or E < best[0]:
            best = (E, p, q)
        w = np.maximum(w * np.abs(e), 1e-300)
        w /= w.sum()
        q_prev = Q
    _, p, q = best
    return [float(np.float32(v)) for v in p], [float(np.float32(v)) for v in q]


def load16():
    """{name: (clamp, P, Q)} from the checked-in data file."""
    d = {}
    with open(DATA16) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, clamp, rest = line.split(None, 2)
                P, Q = rest.split("/")
                d[name] = (float.fromhex(clamp), [float.fromhex(v) for v in P.split()],
                           [float.fromhex(v) for v in Q.split()])
    return d


def refit16(log=print):
    lines = ["# Coefficients of the 16-bit kernels' direct rationals tanh x ~ x P(x^2) / Q(x^2),",
             "# written by `scripts/gen-coeffs --refit-rational` (scripts/gen_coeffs_rational.py).",
             "# name clamp P (lowest degree first) / Q"]
    for name, K, M, c, _ in RATIONALS16:
        P, Q = fit16(K, M, c)
        c = float(_np().float32(c))
        lines.append(f"{name} {c.hex()} " + " ".join(v.hex() for v in P) + " / " +
                     " ".join(v.hex() for v in Q))
    tmp = DATA16 + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, DATA16)
    log(f"gen-coeffs: wrote {os.path.relpath(DATA16, os.path.dirname(HERE))}")


def sollya_lines16():
    """Sollya commands printing each rational's relative error on [2^-24, clamp]."""
    out = []
    for name, (c, P, Q) in load16().items():
        poly = lambda cs: " + ".join(f"{v.hex()} * (x^2)^{j}" for j, v in enumerate(cs))
        out += [f'print("BEGIN {name}");',
                f"r = x * ({poly(P)}) / ({poly(Q)});",
                f"I = [2^-24; {c.hex()}];",
                "display = decimal!;",
                'print("ERR", round(dirtyinfnorm(r / tanh(x) - 1, I), 24, RU));',
                "display = hexadecimal!;",
                f'print("END {name}");']
    return out


def render16(blocks, up3):
    """coeffs.h lines for the 16-bit rationals; blocks: Sollya's output by name."""
    def flt(v):
        mant, exp = float(v).hex().split("p")
        if "." in mant:
            mant = mant.rstrip("0").rstrip(".")
        return f"{mant}p{int(exp)}f"
    what = {name: (K, M, note) for name, K, M, _, note in RATIONALS16}
    out = ["",
           "// tanh x ~ x P(x^2) / Q(x^2) for the 16-bit kernels (tanh/rational-*), |x| clamped at",
           "// the clamp. Fitted by `scripts/gen-coeffs --refit-rational` (scripts/gen_coeffs_rational.py,",
           "// checked in as scripts/rational16-coeffs.txt); errors by Sollya, before the kernel's roundings."]
    for name, (c, P, Q) in load16().items():
        K, M, note = what[name]
        _, err = blocks[name]
        out.append(f"// {2 * K + 1}/{2 * M} rational, {note}; max relative error {up3(err)}")
        out.append(f"inline constexpr float {name}Clamp = {flt(c)};")
        for part, cs in (("P", P), ("Q", Q)):
            out.append(f"inline constexpr std::array<float, {len(cs)}> {name}{part} = {{")
            out += [f"    {flt(v)}," for v in cs]
            out.append("};")
    return out
