#!/usr/bin/python3
"""Independent reference for the end-to-end test of cbir-core.

Computes, with numpy and SciPy (not with cbir), the first-order-statistics signature with a
32-bin histogram of every image of the GISAXS sample database, ranks the database by cosine
distance (scipy.spatial.distance.cosine) for every image of gisaxs/query, and writes the top 10
of each query to a CSV fixture that cbir-core's tests compare against.

Usage: /usr/bin/python3 tools/first_order_reference.py [samples-dir] [output.csv]
"""
import csv
import os
import sys

import numpy as np
from scipy.spatial.distance import cosine
from scipy.stats import kurtosis, skew
from skimage.io import imread

SAMPLES = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "..", "shared", "data", "pycbir-samples")
OUTPUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(__file__), "..", "cbir-core", "src", "test", "resources", "reference",
    "gisaxs-first-order-cosine-top15.csv")
BINS = 32
TOP = 15


def signature(path):
    image = imread(path)
    assert image.dtype == np.uint8 and image.ndim == 2, (path, image.dtype, image.shape)
    v = image.astype(np.float64).ravel() / 255.0
    n = v.size
    p = np.bincount(np.minimum(255, np.floor(v * 256).astype(int)), minlength=256) / n
    nz = p[p > 0]
    entropy = -np.sum(nz * np.log2(nz))
    energy = np.sum(p ** 2)
    mean = v.mean()
    var = v.var()
    constant = var <= 1e-14
    hist = np.bincount(np.minimum(BINS - 1, np.floor(v * BINS).astype(int)), minlength=BINS) / n
    stats = [entropy, energy, mean, var,
             0.0 if constant else skew(v), 0.0 if constant else kurtosis(v),
             1 - 1 / (1 + var)]
    return np.concatenate([stats, hist])


def images(root):
    found = []
    for label in sorted(os.listdir(root)):
        folder = os.path.join(root, label)
        for name in sorted(os.listdir(folder)):
            if not name.startswith("."):
                found.append(label + "/" + name)
    return found


def main():
    database = os.path.join(SAMPLES, "gisaxs", "database")
    queries = os.path.join(SAMPLES, "gisaxs", "query")
    names = images(database)
    signatures = [signature(os.path.join(database, n)) for n in names]
    with open(OUTPUT, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["query", "rank", "match", "distance"])
        for q in images(queries):
            s = signature(os.path.join(queries, q))
            distances = [cosine(s, t) for t in signatures]
            order = sorted(range(len(names)), key=lambda i: (distances[i], names[i]))
            for rank, i in enumerate(order[:TOP], start=1):
                writer.writerow([q, rank, names[i], "%.12g" % distances[i]])


if __name__ == "__main__":
    main()
