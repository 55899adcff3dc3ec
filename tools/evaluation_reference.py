#!/usr/bin/python3
"""Independent reference for the evaluation test of cbir-core (org.cbir.eval).

With numpy and SciPy (not with cbir), computes the first-order-statistics signature with a
32-bin histogram of every image of the GISAXS sample database (the function of
first_order_reference.py), ranks the whole database for each of its images by cosine distance,
ties by collection order (class folders, then file names, sorted), and writes per class: MAP,
k-accuracy for k = 1, 5, 10, 20 and omega, mean precision@10 and mean recall@100, for two
variants:
  exclude-self      the query is left out of its own ranking (leave-one-out); N = class size - 1;
                    a query is correct at k when the majority label of its top k is its own,
                    ties for most votes going to the label that appears first in the ranking;
  include-self      the query is ranked too (the reference implementation pyCBIR's variant);
                    N = class size for MAP and the curves; the votes are those of the other
                    images (the query's own image removed from the ranking), and a query is
                    correct when its label ties for most votes.
Omega is the number of other images of the query's class (class size - 1).
AP(q) = sum over ranks n of P(n) f(n) / N (Araujo et al.).

Signatures are rounded to float32 before the distances are computed, as cbir stores them.

Usage: /usr/bin/python3 tools/evaluation_reference.py [samples-dir] [output.csv]
"""
import csv
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from first_order_reference import images, signature  # noqa: E402

SAMPLES = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "..", "shared", "data", "pycbir-samples")
OUTPUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(__file__), "..", "cbir-core", "src", "test", "resources", "reference",
    "gisaxs-first-order-cosine-evaluation.csv")
KS = [1, 5, 10, 20, "omega"]


def cosine_distances(x):
    norms = np.sqrt(np.sum(x * x, axis=1))
    cos = (x @ x.T) / np.outer(norms, norms)
    return 1.0 - np.clip(cos, -1.0, 1.0)


def majority_is_own(top, own, lenient):
    votes = {}
    for label in top:
        votes[label] = votes.get(label, 0) + 1
    most = max(votes.values())
    if lenient:
        return votes.get(own, 0) == most
    winner = next(label for label in top if votes[label] == most)
    return winner == own


def evaluate(labels, distances, include_self):
    n = len(labels)
    classes = sorted(set(labels))
    sizes = {c: labels.count(c) for c in classes}
    rows = {c: {"queries": 0, "ap": 0.0, "acc": [0] * len(KS), "p10": 0.0, "r100": 0.0} for c in classes}
    for q in range(n):
        own = labels[q]
        others = [i for i in range(n) if include_self or i != q]
        order = sorted(others, key=lambda i: (distances[q, i], i))
        ranked = [labels[i] for i in order]
        relevant = sizes[own] - (0 if include_self else 1)
        hits = 0
        ap = 0.0
        for rank, label in enumerate(ranked, start=1):
            if label == own:
                hits += 1
                ap += hits / rank
        row = rows[own]
        row["queries"] += 1
        row["ap"] += ap / relevant
        voters = [labels[i] for i in order if i != q]
        for j, k in enumerate(KS):
            top = voters[:sizes[own] - 1 if k == "omega" else k]
            row["acc"][j] += majority_is_own(top, own, include_self)
        row["p10"] += sum(label == own for label in ranked[:10]) / 10
        row["r100"] += sum(label == own for label in ranked[:100]) / relevant
    out = []
    for c in classes:
        r = rows[c]
        m = r["queries"]
        out.append([c, m, sizes[c] - (0 if include_self else 1), r["ap"] / m] + [a / m for a in r["acc"]]
                   + [r["p10"] / m, r["r100"] / m])
    total = sum(rows[c]["queries"] for c in classes)
    out.append(["all", total, "", sum(rows[c]["ap"] for c in classes) / total]
               + [sum(rows[c]["acc"][j] for c in classes) / total for j in range(len(KS))]
               + [sum(rows[c]["p10"] for c in classes) / total, sum(rows[c]["r100"] for c in classes) / total])
    return out


def main():
    database = os.path.join(SAMPLES, "gisaxs", "database")
    names = images(database)
    labels = [n.split("/")[0] for n in names]
    x = np.array([signature(os.path.join(database, n)) for n in names]).astype(np.float32).astype(np.float64)
    distances = cosine_distances(x)
    with open(OUTPUT, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["variant", "class", "queries", "relevant", "map"]
                        + ["k_%s" % k for k in KS] + ["precision_10", "recall_100"])
        for variant, include_self in (("exclude-self", False), ("include-self", True)):
            for row in evaluate(labels, distances, include_self):
                writer.writerow([variant] + [v if isinstance(v, (str, int)) else "%.12g" % v for v in row])


if __name__ == "__main__":
    main()
