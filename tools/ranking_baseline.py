#!/usr/bin/env python3
"""NumPy's whole-collection ranking beside RankingBenchmark: n x d float32 vectors (1,000
Gaussian clusters, as the Java benchmark draws them, though not the same numbers), cosine
distance of one query to all rows by a matrix-vector product in float32 (BLAS, one thread
unless the environment says otherwise), then a stable argsort of the distances (ties by row,
the rows being the ids): the ranking that RankingBenchmark's k = n row computes, except that
cbir's distances are exact doubles. Prints the median and mean milliseconds over the queries.

usage: OPENBLAS_NUM_THREADS=1 python3 tools/ranking_baseline.py 1000000 16 [queries]
"""
import sys
import time

import numpy as np

n, d = int(sys.argv[1]), int(sys.argv[2])
queries = int(sys.argv[3]) if len(sys.argv) > 3 else 7
rng = np.random.default_rng(7)
centres = rng.standard_normal((1000, d)).astype(np.float32)
rows = centres[rng.integers(0, 1000, n)] + 0.3 * rng.standard_normal((n, d)).astype(np.float32)
norms = np.linalg.norm(rows, axis=1)
times = []
for q in range(queries + 2):
    query = centres[rng.integers(0, 1000)] + 0.3 * rng.standard_normal(d).astype(np.float32)
    start = time.perf_counter()
    distances = 1 - rows @ query / (norms * np.linalg.norm(query))
    order = np.argsort(distances, kind="stable")
    elapsed = (time.perf_counter() - start) * 1e3
    if q >= 2:  # two warm-up queries, as in the Java benchmark
        times.append(elapsed)
print(f"| {n:,} | {d} | {n:,} | NumPy {np.__version__} matvec + stable argsort | 1 | "
      f"{np.median(times):.1f} / {np.mean(times):.1f} |")
