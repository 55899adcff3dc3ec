#!/usr/bin/env python3
"""FAISS's exact and quantized flat scans beside cbir's exact, exact:int8 and exact:binary.

Run AnnBenchmark with dump=DIR first (it writes DIR/base.f32 and DIR/queries.f32, raw
little-endian float32 rows, the same vectors IndexBenchmark generates for the same n and d), then,
in the pinned virtualenv of tools/setup_faiss_venv.sh:

    /tmp/faissenv/bin/python tools/faiss_flat.py DIR --d 512 [--queries 50] [--sq8-refine 4] [--binary-rerank 100]

Indexes: IndexFlatIP (cosine: unit rows; the exact scan), IndexScalarQuantizer QT_8bit (SQ8,
per-dimension ranges learned from the data) alone and wrapped in an IndexRefineFlat that re-ranks
the R x k best codes exactly (k_factor R, as cbir's exact:int8 re-ranks rerank x k), and
IndexBinaryFlat over one bit per dimension (the sign after centring on the mean of the unit rows,
as cbir's exact:binary codes them) with the best R x k by Hamming distance re-ranked exactly in
NumPy. Prints Markdown rows in IndexBenchmark's columns: build seconds, bytes per vector (the
serialized index over n; the binary row adds the float rows it re-ranks from), one query at a
time with both threads (mean / median ms), batches of 32 (ms per query), recall@10 against
IndexFlatIP, CPU ms per query (one query / batch), and the 1-minute load average.
"""
import argparse
import os
import time

import faiss
import numpy as np

K = 10
BATCH = 32


def load(path, d):
    return np.fromfile(path, dtype="<f4").reshape(-1, d).astype(np.float32)


def timed(search, queries, count):
    """Mean and median wall ms and CPU ms per query of search(batch) over count queries."""
    search(queries[:1])  # warm-up
    walls = []
    cpu = time.process_time()
    for q in range(count):
        start = time.perf_counter()
        search(queries[q:q + 1])
        walls.append((time.perf_counter() - start) * 1000)
    cpu_ms = (time.process_time() - cpu) * 1000 / count
    return float(np.mean(walls)), float(np.median(walls)), cpu_ms


def batched(search, queries, batches):
    walls = []
    cpu = time.process_time()
    for b in range(batches):
        chunk = queries[b * BATCH:(b + 1) * BATCH]
        start = time.perf_counter()
        search(chunk)
        walls.append((time.perf_counter() - start) * 1000 / len(chunk))
    cpu_ms = (time.process_time() - cpu) * 1000 / (batches * BATCH)
    return float(np.mean(walls)), float(np.median(walls)), cpu_ms


def recall(truth, found):
    return np.mean([len(set(t) & set(f)) / K for t, f in zip(truth, found)])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--d", type=int, required=True)
    p.add_argument("--queries", type=int, default=50, help="single queries timed per index")
    p.add_argument("--batches", type=int, default=8, help="batches of 32 timed per index")
    p.add_argument("--sq8-refine", type=int, default=4)
    p.add_argument("--binary-rerank", type=int, default=100)
    a = p.parse_args()
    base = load(os.path.join(a.dir, "base.f32"), a.d)
    queries = load(os.path.join(a.dir, "queries.f32"), a.d)
    faiss.normalize_L2(base)
    faiss.normalize_L2(queries)
    n = len(base)
    faiss.omp_set_num_threads(2)
    print(f"faiss {faiss.__version__}, numpy {np.__version__}; {n:,} x {a.d}, cosine, top {K}")
    print("| n | d | index | build (s) | B/vector | 1 query (ms) mean / median | batch of 32 (ms/query) mean / median"
          " | recall@10 | CPU ms/query: 1 query / batch | load |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    truth = None

    def report(name, build_s, nbytes, search):
        nonlocal truth
        _, found = search(queries)
        if truth is None:
            truth = found
        one = timed(search, queries, a.queries)
        many = batched(search, queries, a.batches)
        print(f"| {n:,} | {a.d} | FAISS {name} | {build_s:.1f} | {nbytes / n:,.0f} | {one[0]:.2f} / {one[1]:.2f} | "
              f"{many[0]:.2f} / {many[1]:.2f} | {recall(truth, found):.3f} | {one[2]:.1f} / {many[2]:.1f} | "
              f"{os.getloadavg()[0]:.2f} |", flush=True)

    start = time.perf_counter()
    flat = faiss.IndexFlatIP(a.d)
    flat.add(base)
    report("IndexFlatIP", time.perf_counter() - start, 4 * a.d * n, lambda q: flat.search(q, K))

    start = time.perf_counter()
    sq8 = faiss.IndexScalarQuantizer(a.d, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT)
    sq8.train(base)
    sq8.add(base)
    seconds = time.perf_counter() - start
    report("IndexScalarQuantizer QT_8bit", seconds, len(faiss.serialize_index(sq8)), lambda q: sq8.search(q, K))

    start = time.perf_counter()
    inner = faiss.IndexScalarQuantizer(a.d, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT)
    refined = faiss.IndexRefineFlat(inner)
    refined.k_factor = a.sq8_refine
    refined.train(base)
    refined.add(base)
    seconds = time.perf_counter() - start
    report(f"IndexRefineFlat(SQ8), k_factor {a.sq8_refine}", seconds, len(faiss.serialize_index(refined)),
           lambda q: refined.search(q, K))
    del sq8, refined, inner

    start = time.perf_counter()
    mean = base.mean(axis=0)
    codes = np.packbits(base > mean, axis=1)
    binary = faiss.IndexBinaryFlat(a.d)
    binary.add(codes)
    seconds = time.perf_counter() - start
    depth = a.binary_rerank * K

    def binary_search(q):
        _, candidates = binary.search(np.packbits(q > mean, axis=1), depth)
        out = np.empty((len(q), K), dtype=np.int64)
        for i in range(len(q)):
            rows = candidates[i]
            scores = base[rows] @ q[i]
            best = np.argsort(-scores, kind="stable")[:K]
            out[i] = rows[best]
        return None, out

    report(f"IndexBinaryFlat + exact re-rank of {a.binary_rerank} x k (NumPy)", seconds,
           codes.nbytes + 4 * a.d * n, binary_search)


if __name__ == "__main__":
    main()
