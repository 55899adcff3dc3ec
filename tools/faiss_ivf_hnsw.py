#!/usr/bin/env python3
"""FAISS beside cbir's inverted file and graph index, on the vectors AnnBenchmark wrote.

Run AnnBenchmark with dump=DIR first (it writes DIR/base.f32 and DIR/queries.f32, raw
little-endian float32 rows), then, in the pinned virtualenv of tools/setup_faiss_venv.sh
(faiss-cpu 1.15.1, numpy 2.4.6; sh tools/setup_faiss_venv.sh /tmp/faissenv):

    /tmp/faissenv/bin/python tools/faiss_ivf_hnsw.py DIR --d 16 --metric cosine \
        --ivf 1024 --nprobe 1,2,4,8 [--ivfpq 16 [--refine 16]] [--hnsw 16 --ef 16,32,64 --ef-construction 40,100]

--ivfpq M[,M...] adds an IndexIVFPQ of M sub-quantizers of 8 bits on the --ivf lists for each M,
and --refine R the same wrapped in an IndexRefineFlat that re-ranks the R x k best codes exactly from the float
vectors (k_factor R), as cbir's ivf-pq re-ranks rerank x k.

Prints Markdown rows in AnnBenchmark's columns: build seconds, bytes per vector (the serialized
index over n), queries per second and per CPU-second with one query at a time on one thread
(faiss.omp_set_num_threads(1), as cbir's rows search from one thread), recall@10 against
IndexFlatIP (cosine: unit rows) or IndexFlatL2, and the 1-minute load average.
"""
import argparse
import os
import time

import faiss
import numpy as np

K = 10


def load(path, d):
    return np.fromfile(path, dtype="<f4").reshape(-1, d).astype(np.float32)


def one_at_a_time(index, queries):
    results = np.empty((len(queries), K), dtype=np.int64)
    for q in range(len(queries)):  # warm-up pass, whose results give the recall
        _, results[q] = index.search(queries[q:q + 1], K)
    count = 0
    cpu = time.process_time()
    wall = time.perf_counter()
    while time.perf_counter() - wall < 3.0:
        for q in range(len(queries)):
            index.search(queries[q:q + 1], K)
        count += len(queries)
    return results, count / (time.perf_counter() - wall), count / (time.process_time() - cpu)


def recall(truth, found):
    return np.mean([len(set(t) & set(f)) / K for t, f in zip(truth, found)])


def row(prefix, name, build, nbytes, n, qps, qcpu, rec):
    load1 = os.getloadavg()[0]
    print(f"{prefix} FAISS {name} | {build:.1f} | {nbytes / n:,.0f} | {qps:,.0f} | {qcpu:,.0f} | {rec:.3f} | {load1:.2f} |")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--d", type=int, required=True)
    p.add_argument("--metric", default="cosine", choices=["cosine", "euclidean"])
    p.add_argument("--name", default="synthetic clustered", help="the data's name in the rows' first column")
    p.add_argument("--ivf", type=int, default=0, help="lists of IndexIVFFlat (0: none)")
    p.add_argument("--nprobe", default="1,2,4,8")
    p.add_argument("--ivfpq", default="",
                   help="comma list of sub-quantizer counts m, one IndexIVFPQ with the --ivf lists each (empty: none)")
    p.add_argument("--refine", type=int, default=0,
                   help="k_factor of an IndexRefineFlat around a second IndexIVFPQ (0: none)")
    p.add_argument("--hnsw", type=int, default=0, help="M of IndexHNSWFlat (0: none)")
    p.add_argument("--ef", default="16,32,64")
    p.add_argument("--ef-construction", default="40",
                   help="comma list of efConstruction values, one IndexHNSWFlat build each (FAISS's default: 40)")
    a = p.parse_args()
    base = load(os.path.join(a.dir, "base.f32"), a.d)
    queries = load(os.path.join(a.dir, "queries.f32"), a.d)
    metric = faiss.METRIC_INNER_PRODUCT if a.metric == "cosine" else faiss.METRIC_L2
    if a.metric == "cosine":
        faiss.normalize_L2(base)
        faiss.normalize_L2(queries)
    n = len(base)
    faiss.omp_set_num_threads(2)  # the build may use both cores, as cbir's graph build does
    flat = faiss.IndexFlatIP(a.d) if a.metric == "cosine" else faiss.IndexFlatL2(a.d)
    flat.add(base)
    _, truth = flat.search(queries, K)
    del flat
    prefix = f"| {a.name} | {n:,} | {a.d} | {a.metric} |"
    print(f"faiss {faiss.__version__}; columns: index | build (s) | B/vector | q/s | q/CPU-s | recall@10 | load")

    def build(index, train):
        faiss.omp_set_num_threads(2)
        start = time.perf_counter()
        if train:
            index.train(base)
        index.add(base)
        seconds = time.perf_counter() - start
        faiss.omp_set_num_threads(1)
        return seconds, len(faiss.serialize_index(index))

    if a.ivf:
        quantizer = faiss.IndexFlatIP(a.d) if a.metric == "cosine" else faiss.IndexFlatL2(a.d)
        ivf = faiss.IndexIVFFlat(quantizer, a.d, a.ivf, metric)
        seconds, nbytes = build(ivf, True)
        for nprobe in [int(x) for x in a.nprobe.split(",")]:
            ivf.nprobe = nprobe
            found, qps, qcpu = one_at_a_time(ivf, queries)
            row(prefix, f"IndexIVFFlat nlist {a.ivf}, nprobe {nprobe}", seconds, nbytes, n, qps, qcpu, recall(truth, found))
        del ivf
    for m in [int(x) for x in a.ivfpq.split(",")] if a.ivf and a.ivfpq else []:
        quantizer = faiss.IndexFlatIP(a.d) if a.metric == "cosine" else faiss.IndexFlatL2(a.d)
        ivfpq = faiss.IndexIVFPQ(quantizer, a.d, a.ivf, m, 8, metric)
        seconds, nbytes = build(ivfpq, True)
        for nprobe in [int(x) for x in a.nprobe.split(",")]:
            ivfpq.nprobe = nprobe
            found, qps, qcpu = one_at_a_time(ivfpq, queries)
            row(prefix, f"IndexIVFPQ nlist {a.ivf}, m {m} x 8 bits, nprobe {nprobe}", seconds, nbytes, n, qps,
                qcpu, recall(truth, found))
        del ivfpq
        if a.refine:
            quantizer = faiss.IndexFlatIP(a.d) if a.metric == "cosine" else faiss.IndexFlatL2(a.d)
            ivfpq = faiss.IndexIVFPQ(quantizer, a.d, a.ivf, m, 8, metric)
            refined = faiss.IndexRefineFlat(ivfpq)
            refined.k_factor = a.refine
            seconds, nbytes = build(refined, True)
            for nprobe in [int(x) for x in a.nprobe.split(",")]:
                ivfpq.nprobe = nprobe
                found, qps, qcpu = one_at_a_time(refined, queries)
                row(prefix, f"IndexRefineFlat(IndexIVFPQ nlist {a.ivf}, m {m} x 8 bits), k_factor {a.refine},"
                    f" nprobe {nprobe}", seconds, nbytes, n, qps, qcpu, recall(truth, found))
            del refined, ivfpq
    for ef_construction in [int(x) for x in a.ef_construction.split(",")] if a.hnsw else []:
        hnsw = faiss.IndexHNSWFlat(a.d, a.hnsw, metric)
        hnsw.hnsw.efConstruction = ef_construction
        cpu = time.process_time()
        seconds, nbytes = build(hnsw, False)
        print(f"# IndexHNSWFlat M {a.hnsw}, efConstruction {ef_construction}: build {seconds:.1f} s wall, "
              f"{time.process_time() - cpu:.1f} s CPU (2 threads), load {os.getloadavg()[0]:.2f}")
        for ef in [int(x) for x in a.ef.split(",")]:
            hnsw.hnsw.efSearch = ef
            found, qps, qcpu = one_at_a_time(hnsw, queries)
            row(prefix, f"IndexHNSWFlat M {a.hnsw}, efConstruction {ef_construction}, efSearch {ef}", seconds, nbytes, n,
                qps, qcpu, recall(truth, found))
        del hnsw


if __name__ == "__main__":
    main()
