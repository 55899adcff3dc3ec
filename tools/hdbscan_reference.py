#!/usr/bin/env python3
"""Reference HDBSCAN labels for cbir-cluster's tests, computed with scikit-learn's HDBSCAN.

Reads the blobs of cbir-cluster/src/test/resources/org/cbir/cluster/blobs-reference.csv (written
by tools/cluster_reference.py: 600 points in 4 blobs plus 40 scattered ones, 8 dimensions) and
writes hdbscan-reference.csv beside it: one column per minimum cluster size (min_samples left at
its default, the same number; Euclidean; cluster_selection_method "eom", the default), the label
scikit-learn gives each point (-1 for noise), in the blobs' row order.

Needs scikit-learn 1.3 or later (Debian's 1.2.1 has no HDBSCAN):
  sh tools/setup_reference_venv.sh && target/reference-venv/bin/python tools/hdbscan_reference.py
"""
import numpy as np
import sklearn
from sklearn.cluster import HDBSCAN

FOLDER = "cbir-cluster/src/test/resources/org/cbir/cluster/"
SIZES = (5, 15, 40)

x = np.loadtxt(FOLDER + "blobs-reference.csv", delimiter=",", skiprows=2, usecols=range(8))
labels = [HDBSCAN(min_cluster_size=s, copy=True).fit(x).labels_ for s in SIZES]
with open(FOLDER + "hdbscan-reference.csv", "w") as f:
    f.write("# scikit-learn %s HDBSCAN(min_cluster_size=S) on blobs-reference.csv\n" % sklearn.__version__)
    f.write(",".join("min_size_%d" % s for s in SIZES) + "\n")
    for row in zip(*labels):
        f.write(",".join(str(v) for v in row) + "\n")
for s, l in zip(SIZES, labels):
    print("min size %d: %d groups, %d noise" % (s, len(set(l) - {-1}), (l == -1).sum()))
