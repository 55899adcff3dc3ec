#!/usr/bin/python3
"""Reference distances for cbir-metrics, computed with SciPy and NumPy.

Writes cbir-metrics/src/test/resources/metrics-reference.csv: one row per vector pair, one
column per metric (a ComponentSpec: the type, then ':name=value' for each parameter), empty
where the metric does not apply to the pair (negative entries for a histogram metric, a constant
vector for Pearson). The Java test reads the vectors as float32, exactly as written here, and
compares its distances with these values.

Definitions (see the Javadoc of each class in org.cbir.metrics):
  euclidean, cityblock, chebyshev, cosine, pearson: scipy.spatial.distance.{euclidean,
      cityblock, chebyshev, cosine, correlation}
  chi-square:        scipy.stats.chisquare(p, f_exp=m).statistic over bins with m > 0,
                     p, q normalised to sum 1, m = (p + q) / 2
  kullback-leibler:  scipy.stats.entropy(p + eps, q + eps) (entropy renormalises)
  jeffrey:           scipy.stats.entropy(p, m) + scipy.stats.entropy(q, m),
                     checked against 2 * scipy.spatial.distance.jensenshannon(p, q) ** 2
  kolmogorov-smirnov: numpy max |cumsum(p) - cumsum(q)| (SciPy has no function for it;
                     scipy.stats.ks_2samp is a different quantity)
  cramer-von-mises:  numpy sum (cumsum(p) - cumsum(q)) ** 2
  earth-movers:      scipy.stats.wasserstein_distance(arange(n), arange(n), a, b),
                     checked against numpy sum |cumsum(p) - cumsum(q)|

Run: /usr/bin/python3 tools/metrics_reference.py   (from the repository root)
"""
import os
import sys

import numpy as np
import scipy
from scipy.spatial import distance
from scipy import stats

SEED = 20240603
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                   "cbir-metrics", "src", "test", "resources", "metrics-reference.csv")
DEFAULT_EPSILON = 1e-10


def normalised(h):
    return h / h.sum()


def is_histogram(a, b):
    return (a >= 0).all() and (b >= 0).all() and a.sum() > 0 and b.sum() > 0


def chi_square(a, b):
    p, q = normalised(a), normalised(b)
    m = (p + q) / 2
    mask = m > 0
    return stats.chisquare(p[mask], f_exp=m[mask]).statistic


def kullback_leibler(eps):
    def kl(a, b):
        return stats.entropy(normalised(a) + eps, normalised(b) + eps)
    return kl


def jeffrey(a, b):
    p, q = normalised(a), normalised(b)
    m = (p + q) / 2
    value = stats.entropy(p, m) + stats.entropy(q, m)
    check = 2 * distance.jensenshannon(p, q) ** 2
    assert abs(value - check) < 1e-12, (value, check)
    return value


def cdf_gap(a, b):
    return np.cumsum(normalised(a)) - np.cumsum(normalised(b))


def kolmogorov_smirnov(a, b):
    return np.max(np.abs(cdf_gap(a, b)))


def cramer_von_mises(a, b):
    return np.sum(cdf_gap(a, b) ** 2)


def earth_movers(a, b):
    n = len(a)
    value = stats.wasserstein_distance(np.arange(n), np.arange(n), a, b)
    assert abs(value - np.sum(np.abs(cdf_gap(a, b)))) < 1e-9 * max(1.0, value)
    return value


def pearson(a, b):
    if np.ptp(a) == 0 or np.ptp(b) == 0:
        return None  # SciPy gives NaN; the Java class defines it, tested by hand
    return distance.correlation(a, b)


def cosine(a, b):
    if not a.any() or not b.any():
        return None
    return distance.cosine(a, b)


def histogram_only(f):
    return lambda a, b: f(a, b) if is_histogram(a, b) else None


METRICS = [
    ("euclidean", distance.euclidean),
    ("city-block", distance.cityblock),
    ("chebyshev", distance.chebyshev),
    ("cosine", cosine),
    ("pearson", pearson),
    ("chi-square", histogram_only(chi_square)),
    ("kullback-leibler:epsilon=%r" % DEFAULT_EPSILON, histogram_only(kullback_leibler(DEFAULT_EPSILON))),
    ("kullback-leibler:epsilon=0.0", histogram_only(kullback_leibler(0.0))),
    ("kullback-leibler:epsilon=0.001", histogram_only(kullback_leibler(1e-3))),
    ("jeffrey", histogram_only(jeffrey)),
    ("kolmogorov-smirnov", histogram_only(kolmogorov_smirnov)),
    ("cramer-von-mises", histogram_only(cramer_von_mises)),
    ("earth-movers", histogram_only(earth_movers)),
]


def cases(rng):
    """(name, a, b) pairs of float32 vectors."""
    for n in (1, 2, 3, 7, 16, 64, 256):
        yield "normal-%d" % n, rng.normal(size=n), rng.normal(size=n)
    for n in (7, 256):
        yield "offset-normal-%d" % n, 100 + 0.5 * rng.normal(size=n), 100 + 0.5 * rng.normal(size=n)
    for n in (7, 64):
        a = rng.normal(size=n)
        yield "correlated-%d" % n, a, 3 * a + 2
        yield "anti-correlated-%d" % n, a, 1 - 2 * a
    a = rng.normal(size=16)
    b = rng.normal(size=16)
    a[rng.random(16) < 0.5] = 0
    b[rng.random(16) < 0.5] = 0
    yield "normal-with-zeros-16", a, b
    yield "large-7", 1e3 * rng.normal(size=7), 1e3 * rng.normal(size=7)
    for n in rng.integers(2, 300, size=3):
        yield "normal-random-length-%d" % n, rng.normal(size=n), 0.5 * rng.normal(size=n) + 0.1
    for n in (1, 2, 3, 7, 16, 64, 256):
        yield "uniform-histogram-%d" % n, rng.random(n), rng.random(n)
    for n in rng.integers(2, 300, size=4):
        yield "skewed-histogram-%d" % n, rng.random(n) ** 4, rng.random(n) ** 4
    for n in (7, 16, 256):
        yield "poisson-counts-%d" % n, rng.poisson(3, n), rng.poisson(3, n)
    for n in (16, 256):
        a = rng.random(n) * (rng.random(n) < 0.2)
        b = rng.random(n) * (rng.random(n) < 0.2)
        a[0] = b[1] = 0.5  # both non-empty
        yield "sparse-histogram-%d" % n, a, b
    for n in (2, 7, 256):
        a = np.zeros(n)
        b = np.zeros(n)
        a[0] = 1
        b[-1] = 1
        yield "point-masses-%d" % n, a, b
    yield "point-mass-scaled-5", np.array([0, 0, 4.0, 0, 0]), np.array([0, 0, 0.25, 0, 0])
    h = rng.poisson(20, 32)
    yield "scaled-counts-32", h, 1000 * rng.poisson(20, 32)
    yield "same-shape-different-total-32", h, 7.5 * h
    yield "identical-64", rng.random(64), None
    yield "half-support-8", np.array([1, 2, 3, 4, 0, 0, 0, 0.0]), np.array([1, 1, 1, 1, 1, 1, 1, 1.0])


def text(v):
    return " ".join(np.format_float_scientific(x, unique=True, trim="-") for x in v)


def number(x):
    if x is None:
        return ""
    return repr(float(x))


def main():
    rng = np.random.default_rng(SEED)
    rows = []
    for name, a, b in cases(rng):
        a32 = np.asarray(a, dtype=np.float32)
        b32 = a32.copy() if b is None else np.asarray(b, dtype=np.float32)
        a64, b64 = a32.astype(np.float64), b32.astype(np.float64)
        values = [number(f(a64, b64)) for _, f in METRICS]
        rows.append(",".join([name, text(a32), text(b32)] + values))
    with open(OUT, "w", encoding="utf-8", newline="\n") as out:
        out.write("# Generated by tools/metrics_reference.py (seed %d) with numpy %s, scipy %s.\n"
                  % (SEED, np.__version__, scipy.__version__))
        out.write("# Columns: case, vector a, vector b (float32, space-separated), then the expected\n")
        out.write("# distance for each metric spec; empty where the metric does not apply.\n")
        out.write(",".join(["case", "a", "b"] + [spec for spec, _ in METRICS]) + "\n")
        for row in rows:
            out.write(row + "\n")
    print("wrote %d cases to %s" % (len(rows), os.path.normpath(OUT)), file=sys.stderr)


if __name__ == "__main__":
    main()
